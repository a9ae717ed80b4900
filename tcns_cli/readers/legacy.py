"""Text typed in the old Vietnamese fonts, or broken by a wrong code page: found and repaired.

Broken text of these kinds looks right to the officer in Excel and wrong to a program:

- **Legacy fonts** (TCVN3, VNI; tables in :mod:`tcns_cli.readers.charmaps`): Excel shows
  ``Tổ dân phố`` because the cell's font draws the ``Tæ d©n phè`` the cell holds.
- **Mojibake**: a UTF-8 file opened as Windows-1252 and saved again holds ``Tá»• dÃ¢n
  phá»‘``; ``ftfy`` undoes it. Letters whose bytes were lost on the way (``�``) cannot be
  undone: each such cell is a warning that names it, never a guess.
- **Windows-1258**: a text file saved by Excel on a Vietnamese Windows; it is not UTF-8, is
  read as Windows-1252 (:func:`tcns_cli.readers.tables.single_byte`) and read again here.

Detection rests on what we know. Our own header words: a sheet whose header is not found as
written but is found after a repair is in that encoding (:func:`readable_tables`). And, for
a sheet whose header is Unicode but whose names are not (a half-converted file), a
column's values: a repair that turns its words into Vietnamese syllables when as written
almost none of them are (:func:`repair_columns`). Unicode text is never converted: its
header is found as written, and a column's check looks only at the distinct values that
one byte per character could have made, which Vietnamese in Unicode almost never is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from tcns_cli.errors import Finding, TcnsError
from tcns_cli.model import Source
from tcns_cli.normalize import cell_text
from tcns_cli.readers.charmaps import DECODERS
from tcns_cli.readers.headers import HEADER_SCAN_ROWS, Header, find_header, match_header
from tcns_cli.readers.syllables import is_syllable
from tcns_cli.readers.tables import SINGLE_BYTE, Table, single_byte

MOJIBAKE = "mojibake"
WINDOWS_1258 = "Windows-1258"
LOST = "\ufffd"  # what a decoder writes for bytes it could not read

# A column is repaired when at least MIN_WORDS of its words change, at most AS_WRITTEN of
# them are syllables as written, and at least REPAIRED of them are after the repair.
# Legacy names as written are rarely syllables by accident (TCVN3 ``Tó`` is ``Tú``).
MIN_WORDS = 2
AS_WRITTEN = 0.25
REPAIRED = 0.9

_BYTE_CHARS = frozenset(single_byte(bytes(range(256)))) | {LOST}
_SINGLE_BYTE_CODES = {c: b for b, c in enumerate(single_byte(bytes(range(256))))}
_NOT_TEXT = frozenset(("stt", "households", "lat", "lon", "birth_year", "phone",
                       "digital_skills"))
_PUNCTUATION = "\"'.,;:!?()[]-/"


@dataclass(frozen=True, slots=True)
class Repair:
    """One way to read broken text: its name in findings, and the function."""

    name: str
    fix: Callable[[str], str]


# What happened to the text, as ftfy names the steps that undo it.
_UTF8_READ_AS_1252 = [("encode", "sloppy-windows-1252"), ("decode", "utf-8")]


def _fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 (the sheet or column is known to be broken so).

    The known steps come first: ftfy's own guess (``fix_encoding``) leaves short cells such
    as ``Cá»™ng KP1`` alone. A cell they do not undo whole (lost bytes, or a cell that was
    never broken) is left to that guess, which keeps each ``�`` where it was.
    """
    import ftfy

    try:
        fixed = ftfy.apply_plan(text, _UTF8_READ_AS_1252)
    except UnicodeError:
        fixed = ftfy.fix_encoding(text)
    return unicodedata.normalize("NFC", fixed)


def _from_windows_1258(text: str) -> str:
    """A text file's Windows-1252 reading, read again in Windows-1258 (Vietnamese)."""
    raw = bytes(_SINGLE_BYTE_CODES.get(c, 0x3F) for c in text)
    try:
        return unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return text


_LEGACY = tuple(Repair(name, decode) for name, decode in DECODERS.items())
_MOJIBAKE_REPAIR = Repair(MOJIBAKE, _fix_mojibake)
_WINDOWS_1258_REPAIR = Repair(WINDOWS_1258, _from_windows_1258)


def suspect(value: Any) -> bool:
    """A text cell that is not ASCII and that one byte per character could have made."""
    return type(value) is str and not value.isascii() and _BYTE_CHARS.issuperset(value)


@cache
def _mojibake() -> re.Pattern[str]:
    """A UTF-8 lead byte read as Windows-1252, then a continuation byte or its loss (``á»``)."""
    return re.compile(f"[{re.escape(single_byte(bytes(range(0xC2, 0xF0))))}]"
                      f"[{re.escape(single_byte(bytes(range(0x80, 0xC0))))}{LOST}]")


def _repairs(values: Iterable[str], encoding: str) -> list[Repair]:
    """The repairs worth trying on these values (ftfy only where mojibake shows)."""
    found = list(_LEGACY)
    if encoding == SINGLE_BYTE:
        found.append(_WINDOWS_1258_REPAIR)
    if any(_mojibake().search(v) for v in values):
        found.append(_MOJIBAKE_REPAIR)
    return found


def readable_tables(
    tables: list[Table], kinds: tuple[tuple[str, ...], ...], findings: list[Finding]
) -> list[Table]:
    """Each table as its header reads: repaired as a whole when its header (of one of
    ``kinds``) is found only after a repair, or recognises more columns after one.

    A text file that is not UTF-8 and whose header is found in no reading is the fatal
    ``TEXT_ENCODING``: reading it as Windows-1252 was a guess that did not pay.
    """
    out = []
    for table in tables:
        readable = _readable(table, kinds, findings)
        if readable is None:
            raise TcnsError("TEXT_ENCODING", file=table.file)
        out.append(readable)
    return out


def _readable(
    table: Table, kinds: tuple[tuple[str, ...], ...], findings: list[Finding]
) -> Table | None:
    """The table, repaired if its header reads only so; None for a text file read as
    Windows-1252 that has no header in any reading."""
    head = table.rows[:HEADER_SCAN_ROWS]
    cells = {c for row in head for c in row if suspect(c)}
    # Only a repair that turns one of these cells into a header word can find a header.
    repairs = [r for r in _repairs(cells, table.encoding) if any(_is_header(r.fix(c))
                                                                  for c in cells)]
    if not repairs and table.encoding != SINGLE_BYTE:
        return table
    header = find_header(table.rows, kinds)
    if header is not None:  # found as written: a repair must recognise more of its cells
        claimed = set(header.columns.values())
        if not any(suspect(c) for k, c in enumerate(head[header.index]) if k not in claimed):
            return table
    best: tuple[Repair, Header] | None = None
    most = len(header.columns) if header else 0
    for repair in repairs:
        found = find_header([[_fixed(repair, c) for c in row] for row in head], kinds)
        if found is not None and len(found.columns) > most:
            best, most = (repair, found), len(found.columns)
    if best is not None:
        return _repaired(table, *best, findings)
    return table if header is not None or table.encoding != SINGLE_BYTE else None


def _is_header(text: str) -> bool:
    return bool(match_header([text]).columns)


def _fixed(repair: Repair, value: Any) -> Any:
    return repair.fix(value) if suspect(value) else value


def _repaired(table: Table, repair: Repair, header: Header, findings: list[Finding]) -> Table:
    """Every suspect cell of the table repaired; the finding, and any lost letters."""
    memo: dict[str, str] = {}
    rows = [[_memo_fixed(repair, c, memo) for c in row] for row in table.rows]
    findings.append(_finding(repair, Source(table.file, table.sheet or None)))
    if repair is _MOJIBAKE_REPAIR:
        titles = rows[header.index]
        findings += [
            _lost(table, k + 1, _column_name(titles, col), value)
            for k, row in enumerate(rows) for col, value in enumerate(row)
            if type(value) is str and LOST in value
        ]
    return Table(table.file, table.sheet, rows, repair.name)


def _memo_fixed(repair: Repair, value: Any, memo: dict[str, str]) -> Any:
    if not suspect(value):
        return value
    fixed = memo.get(value)
    if fixed is None:
        fixed = memo[value] = repair.fix(value)
    return fixed


def repair_columns(
    table: Table, header: Header, cells: dict[str, list[Any]], distinct: dict[str, set[Any]],
    findings: list[Finding],
) -> dict[str, list[Any]]:
    """``cells`` (each field's cells below the header; ``distinct``: each one's values) with
    its broken text columns repaired, and one finding per repair naming the columns.

    A table repaired as a whole is left as it is. A column is judged on its distinct values
    that one byte per character could have made (:func:`_judge`); a Unicode column has few.
    A column that reads as Vietnamese both ways follows the sheet: when the officer retyped
    only the header, ``Khu phè 1`` and ``Céng KP1`` (TCVN3 for ``Khu phố 1``, ``Cộng KP1``)
    are also a khu phố "phè" and a word "céng", and only the name column next to them shows
    that the sheet is TCVN3.
    """
    if table.encoding not in ("", SINGLE_BYTE):
        return cells
    suspects = {name: found for name, values in distinct.items() if name not in _NOT_TEXT
                if (found := [v for v in values if suspect(v)])}
    judged = {name: _judge(values, table.encoding) for name, values in suspects.items()}
    sheet = next((r for r in judged.values() if r is not None), None)
    if sheet is None:
        return cells
    for name, values in suspects.items():
        if judged[name] is None and _share_repaired(values, sheet)[0] >= REPAIRED:
            judged[name] = sheet
    out = dict(cells)
    labels: dict[Repair, list[str]] = {}
    for name in sorted(judged, key=lambda n: header.columns[n]):
        repair = judged[name]
        if repair is not None:
            out[name] = _column_repaired(table, header, name, cells[name], repair, findings)
            labels.setdefault(repair, []).append(header.labels.get(name, name))
    findings += [_finding(repair, Source(table.file, table.sheet or None, None, ", ".join(names)))
                 for repair, names in labels.items()]
    return out


def _column_repaired(table: Table, header: Header, name: str, column: list[Any],
                     repair: Repair, findings: list[Finding]) -> list[Any]:
    """One column's cells repaired; a mojibake column's lost letters are warnings."""
    fixed = {v: repair.fix(v) for v in set(column) if suspect(v)}
    out = [fixed.get(v, v) if type(v) is str else v for v in column]
    if repair is _MOJIBAKE_REPAIR:
        label = header.labels.get(name, name)
        first_line = header.index + 2  # Excel row of the first cell below the header
        findings += [_lost(table, first_line + k, label, v)
                     for k, v in enumerate(out) if type(v) is str and LOST in v]
    return out


def _judge(values: list[str], encoding: str) -> Repair | None:
    """The repair that turns these values into Vietnamese, if one does (see MIN_WORDS).

    Values whose accented words are Vietnamese already as written are not judged further:
    they are Unicode (``Lý Minh An``), and this is the common case, so it is cheap.
    """
    written = {w for v in values for w in _words(v) if not w.isascii()}
    if sum(map(is_syllable, written)) > AS_WRITTEN * len(written):
        return None
    best: Repair | None = None
    best_share = 0.0
    for repair in _repairs(values, encoding):
        share, as_written, changed = _share_repaired(values, repair)
        if changed >= MIN_WORDS and as_written <= AS_WRITTEN and share >= REPAIRED:
            if share > best_share:
                best, best_share = repair, share
    return best


def _share_repaired(values: list[str], repair: Repair) -> tuple[float, float, int]:
    """Of the words the repair changes: the share that are Vietnamese after it, the share
    that were as written, and how many there are."""
    changed = before = after = 0
    for value in values:
        for old, new in _changed_words(value, repair.fix(value)):
            changed += 1
            before += is_syllable(old)
            after += is_syllable(new)
    if not changed:
        return 0.0, 0.0, 0
    return after / changed, before / changed, changed


def _words(value: str) -> list[str]:
    """The words of a value that can be judged: split at spaces (mojibake writes ``à`` as
    ``Ã`` and a no-break space), without punctuation, digits or lost letters."""
    return [word for w in value.split(" ") if (word := w.strip(_PUNCTUATION))
            and LOST not in word and not any(c.isdigit() for c in word)]


def _changed_words(old: str, new: str) -> list[tuple[str, str]]:
    """The words a repair changed, as written and repaired (see :func:`_words`); the whole
    value when the repair changed how many words it has."""
    olds, news = _words(old), _words(new)
    if len(olds) != len(news):
        return [(old, new)]
    return [(a, b) for a, b in zip(olds, news, strict=True) if a != b]


def _finding(repair: Repair, source: Source) -> Finding:
    if repair is _MOJIBAKE_REPAIR:
        return Finding.of("MOJIBAKE_REPAIRED", source=source)
    return Finding.of("LEGACY_ENCODING", {"encoding": repair.name}, source=source)


def _lost(table: Table, line: int, column: str, value: str) -> Finding:
    source = Source(table.file, table.sheet or None, line, column)
    return Finding.of("MOJIBAKE_LOST", {"value": value}, source=source)


def _column_name(titles: list[Any], col: int) -> str:
    """The header cell's text, else the column's letters as Excel shows them."""
    text = cell_text(titles[col]) if col < len(titles) else ""
    if text:
        return text
    letters, n = "", col + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
