"""Any supported file → plain tables of cell values, with Excel row numbers kept."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcns_cli.errors import TcnsError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES
DEFAULT_MAX_MB = 200

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


SINGLE_BYTE = "windows-1252"  # how a text file that is not UTF-8 is read (see _decode)


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet's cells; ``rows[i]`` is Excel row ``i + 1``.

    ``encoding`` says how its text was read when that was not plain Unicode: a text file
    read as :data:`SINGLE_BYTE`, or the legacy encoding it was converted from
    (:mod:`tcns_cli.readers.legacy`).
    """

    file: str
    sheet: str
    rows: list[list[Any]]
    encoding: str = ""


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a folder becomes its spreadsheets in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            found = [p for p in found if not p.name.startswith(("~$", "."))]
            if not found:
                raise TcnsError("FOLDER_EMPTY", file=str(path))
            out.extend(found)
        else:
            out.append(path)
    return out


def read_tables(path: Path, sheet: str | None = None,
                beside: tuple[str, ...] = ()) -> list[Table]:
    """Every sheet of a spreadsheet, or the one table of a text file; only ``sheet`` when
    the workbook has it and every sheet named in ``beside``."""
    _check_file(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        rows, encoding = _read_text(path)
        return [Table(path.name, "", rows, encoding)]  # a text file has no sheets
    return _read_spreadsheet(path, sheet, beside)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise TcnsError("FILE_NOT_FOUND", file=str(path))
    if path.suffix.lower() not in SUFFIXES:
        raise TcnsError("UNSUPPORTED_FORMAT", file=path.name)
    size = path.stat().st_size
    limit_mb = _limit_mb()
    if size > limit_mb * 1024 * 1024:
        raise TcnsError(
            "FILE_TOO_LARGE", file=path.name, size_mb=round(size / 2**20, 1), limit_mb=limit_mb
        )
    if size == 0:
        raise TcnsError("FILE_EMPTY", file=path.name)


def _limit_mb() -> float:
    try:
        return float(os.environ.get("TCNS_MAX_FILE_MB", DEFAULT_MAX_MB))
    except ValueError:
        return DEFAULT_MAX_MB


def _read_spreadsheet(path: Path, sheet: str | None = None, beside: tuple[str, ...] = ()
                      ) -> list[Table]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith(_CFB_MAGIC) and _ENCRYPTED in head:
        raise TcnsError("PASSWORD_PROTECTED", file=path.name)
    kind = path.suffix.lower().lstrip(".")
    if kind in ("xlsx", "xlsm", "ods") and not head.startswith(_ZIP_MAGIC):
        raise TcnsError("CORRUPT_FILE", file=path.name, kind=kind, detail="not a zip archive")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        tables = []
        names = workbook.sheet_names
        if sheet in names and all(other in names for other in beside):
            names = [sheet]
        for name in names:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            tables.append(Table(path.name, name, rows))
    except PasswordError:
        raise TcnsError("PASSWORD_PROTECTED", file=path.name) from None
    except (CalamineError, ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise TcnsError("CORRUPT_FILE", file=path.name, kind=kind, detail=detail) from None
    return tables


def _read_text(path: Path) -> tuple[list[list[Any]], str]:
    raw = path.read_bytes()
    text, encoding = _decode(raw)
    sample = "\n".join(text.splitlines()[:30])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t"}
        delimiter = max(counts, key=lambda d: counts[d])
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [list(row) for row in rows], encoding


def _decode(raw: bytes) -> tuple[str, str]:
    """The text and, when it is not UTF-8 or UTF-16, the single-byte code page it was read in.

    Bytes that are not UTF-8 are read as Windows-1252, each byte one character, as Excel
    reads them on a Western Windows (the five bytes 1252 leaves undefined become the
    control characters of the same number). Legacy Vietnamese bytes (TCVN3, VNI) come out
    as the look-alikes a legacy font draws, for :mod:`tcns_cli.readers.legacy` to convert;
    a file whose header is not found even so is reported as not UTF-8 there.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), ""
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return single_byte(raw), SINGLE_BYTE


def single_byte(raw: bytes) -> str:
    """Bytes read as Windows-1252, each byte one character (see :func:`_decode`)."""
    return raw.decode("latin-1").translate(_WINDOWS_1252)


# Latin-1 differs from Windows-1252 only in 0x80-0x9F, where 1252 has letters and signs.
_WINDOWS_1252 = {
    byte: bytes([byte]).decode("cp1252") for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
