"""Walking the data rows under a header: blank rows, total rows, carried-down cells."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tcns_cli.errors import Finding, Severity
from tcns_cli.model import Source
from tcns_cli.normalize import cell_text, fold, nfc
from tcns_cli.readers.headers import Header
from tcns_cli.readers.tables import Table

_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|total|subtotal|sum)\b")
_GRAND_TOTAL = re.compile(r"^(tong cong|tong so|tong|total)\b")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its cells by field name (as read, and as text), and where it stands."""

    cells: dict[str, Any]
    texts: dict[str, str]
    source: Source
    header: Header

    def get(self, name: str) -> Any:
        """The cell under a field's column, or None (empty cells are None too)."""
        return self.cells.get(name) if self.texts.get(name) else None

    def text(self, name: str) -> str:
        """The cell as trimmed NFC text ("" when empty or absent)."""
        return self.texts.get(name, "")

    def at(self, name: str) -> Source:
        """This row's source, pointing at a field's column."""
        return self.source.at_column(self.header.labels.get(name, name))


@lru_cache(maxsize=1 << 14)
def total_label(text: str) -> bool:
    """True for ``Cộng KP1``, ``Tổng cộng``, ``Tổng``; not for a khu phố named ``Công Lý``."""
    lowered = nfc(text).casefold()
    if lowered.startswith("công"):
        return False
    return bool(_TOTAL.match(fold(text)))


def data_rows(
    table: Table, header: Header, carry: tuple[str, ...], key: str, findings: list[Finding]
) -> Iterator[Row]:
    """The rows below the header; totals skipped and reported, ``carry`` fields carried down.

    Below a grand total (``Tổng cộng``) only rows with a ``key`` cell are still data: the
    rest (signatures, notes) is counted in one info finding.
    """
    carried: dict[str, Any] = {}
    label_fields = [f for f in ("stt", "ward", "khu_pho", "tdp", "name") if f in header.columns]
    ignored: list[int] = []
    after_total = False
    columns = list(header.columns.items())
    for index in range(header.index + 1, len(table.rows)):
        raw = table.rows[index]
        width = len(raw)
        cells = {f: (raw[c] if c < width else "") for f, c in columns}
        texts = {f: cell_text(v) for f, v in cells.items()}
        source = Source(table.file, table.sheet or None, index + 1, None)
        if not any(texts.values()):
            if after_total and any(cell_text(v) for v in raw):
                ignored.append(index + 1)
            continue
        total = next((t for f in label_fields if (t := texts[f]) and total_label(t)), "")
        if total:
            findings.append(
                Finding("TOTAL_ROW_SKIPPED", Severity.INFO, {"value": total}, source=source)
            )
            after_total = after_total or bool(_GRAND_TOTAL.match(fold(total)))
            continue
        if texts.get("note") and fold(texts["note"]).startswith("vi du"):
            findings.append(Finding("EXAMPLE_ROW_SKIPPED", Severity.INFO, source=source))
            continue
        if after_total and not texts.get(key):
            ignored.append(index + 1)
            continue
        for name in carry:
            if name not in cells:
                continue
            if texts[name]:
                carried[name] = (cells[name], texts[name])
            else:
                cells[name], texts[name] = carried.get(name, ("", ""))
        yield Row(cells, texts, source, header)
    if ignored:
        source = Source(table.file, table.sheet or None, ignored[0], None)
        findings.append(
            Finding("ROWS_AFTER_TOTAL", Severity.INFO, {"count": len(ignored)}, source=source)
        )
