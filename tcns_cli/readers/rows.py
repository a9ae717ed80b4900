"""Walking the data rows under a header: blank rows, total rows, carried-down cells.

The rows are taken column by column: each distinct text of a column is normalised once
(a people sheet of 400,000 rows holds a few thousand distinct names, organisations and
labels), and the row-by-row walk only decides which rows are data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from tcns_cli.errors import Finding
from tcns_cli.model import Source
from tcns_cli.normalize import cell_text, fold, nfc
from tcns_cli.readers.headers import Header
from tcns_cli.readers.legacy import repair_columns
from tcns_cli.readers.tables import Table

_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|total|subtotal|sum)\b")
_GRAND_TOTAL = re.compile(r"^(tong cong|tong so|tong|total)\b")
_LABEL_FIELDS = ("stt", "ward", "khu_pho", "tdp", "name")
T = TypeVar("T")
V = TypeVar("V")


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


@dataclass(frozen=True, slots=True)
class Block:
    """The data rows of one table, by column: ``texts[field][k]`` is data row k's text.

    ``lines[k]`` is data row k's Excel row number. Carried-down cells are already filled.
    """

    table: Table
    header: Header
    lines: list[int]
    cells: dict[str, list[Any]]
    texts: dict[str, list[str]]
    blank: list[str] = field(default_factory=list, compare=False)  # the missing column's

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, name: str) -> list[str]:
        """A field's texts, all "" when the sheet has no such column (one list for every
        missing column: readers index it row by row, and must not change it)."""
        found = self.texts.get(name)
        if found:
            return found
        if len(self.blank) != len(self.lines):
            self.blank[:] = [""] * len(self.lines)
        return self.blank

    def source(self, k: int, name: str | None = None) -> Source:
        """Data row k's source, pointing at a field's column when ``name`` is given."""
        column = self.header.labels.get(name, name) if name is not None else None
        return Source(self.table.file, self.table.sheet or None, self.lines[k], column)

    def row(self, k: int) -> Row:
        """Data row k on its own, for readers that work row by row."""
        return Row({f: column[k] for f, column in self.cells.items()},
                   {f: column[k] for f, column in self.texts.items()}, self.source(k),
                   self.header)

    def rows(self) -> Iterator[Row]:
        """Every data row, one at a time."""
        return (self.row(k) for k in range(len(self.lines)))


@lru_cache(maxsize=1 << 14)
def total_label(text: str) -> bool:
    """True for ``Cộng KP1``, ``Tổng cộng``, ``Tổng``; not for a khu phố named ``Công Lý``."""
    lowered = nfc(text).casefold()
    if lowered.startswith("công"):
        return False
    return bool(_TOTAL.match(fold(text)))


def mapped(column: list[T], convert: Callable[[T], V]) -> list[V]:
    """``convert`` of every value, computed once per distinct value."""
    if bool in set(map(type, column)):  # True == 1 == 1.0: a shared memo would mix them
        return [convert(value) for value in column]
    memo = {value: convert(value) for value in set(column)}
    return [memo[value] for value in column]


def texts_of(column: list[Any], values: set[Any] | None = None) -> list[str]:
    """:func:`cell_text` of every cell, each distinct value normalised once (``values``: the
    column's distinct values, where the caller has them already)."""
    if bool in set(map(type, column)):  # True == 1 == 1.0: a shared memo would mix them
        return [cell_text(v) for v in column]
    memo: dict[Any, str] = {}
    for value in set(column) if values is None else values:
        if type(value) is str and value.isascii():  # phones, codes: no accents to compose
            memo[value] = " ".join(value.split())
        elif type(value) is float and not value.is_integer():  # coordinates
            memo[value] = str(value)
        else:
            memo[value] = cell_text(value)
    return [memo[v] for v in column]


def _columns(body: list[list[Any]], header: Header) -> dict[str, list[Any]]:
    """Each field's cells; a row shorter than the header has empty cells at its end."""
    last = max(header.columns.values(), default=0)
    if all(len(r) > last for r in body):
        return {f: [r[c] for r in body] for f, c in header.columns.items()}
    return {f: [r[c] if c < len(r) else "" for r in body] for f, c in header.columns.items()}


def data_block(
    table: Table, header: Header, carry: tuple[str, ...], key: str, findings: list[Finding]
) -> Block:
    """The rows below the header; totals skipped and reported, ``carry`` fields carried down.

    Below a grand total (``Tổng cộng``) only rows with a ``key`` cell are still data: the
    rest (signatures, notes) is counted in one info finding.
    """
    body = table.rows[header.index + 1 :]
    first_line = header.index + 2  # Excel row of body[0]
    columns = _columns(body, header)
    distinct = {f: set(column) for f, column in columns.items()}  # each taken once, for both
    cells = repair_columns(table, header, columns, distinct, findings)
    texts = {f: texts_of(c, distinct[f] if c is columns[f] else None) for f, c in cells.items()}
    filled = [any(t) for t in zip(*texts.values(), strict=True)] if texts else [False] * len(body)
    totals = [
        (texts[f], found) for f in _LABEL_FIELDS if f in texts
        if (found := {t for t in set(texts[f]) if t and total_label(t)})
    ]
    notes = texts.get("note")
    examples = {t for t in set(notes) if t and fold(t).startswith("vi du")} if notes else set()
    keys = texts.get(key)
    keep: list[int] = []
    ignored: list[int] = []
    after_total = False
    for i, has_text in enumerate(filled):
        if not has_text:
            if after_total and any(cell_text(v) for v in body[i]):
                ignored.append(first_line + i)
            continue
        source = None
        if totals:
            total = next((t for column, found in totals if (t := column[i]) in found), "")
            if total:
                source = Source(table.file, table.sheet or None, first_line + i, None)
                findings.append(
                    Finding.of("TOTAL_ROW_SKIPPED", {"value": total}, source=source)
                )
                after_total = after_total or bool(_GRAND_TOTAL.match(fold(total)))
                continue
        if examples and notes is not None and notes[i] in examples:
            source = Source(table.file, table.sheet or None, first_line + i, None)
            findings.append(Finding.of("EXAMPLE_ROW_SKIPPED", source=source))
            continue
        if after_total and not (keys and keys[i]):
            ignored.append(first_line + i)
            continue
        keep.append(i)
    if ignored:
        source = Source(table.file, table.sheet or None, ignored[0], None)
        findings.append(
            Finding.of("ROWS_AFTER_TOTAL", {"count": len(ignored)}, source=source)
        )
    if len(keep) < len(body):
        cells = {f: [column[i] for i in keep] for f, column in cells.items()}
        texts = {f: [column[i] for i in keep] for f, column in texts.items()}
    for name in carry:
        if name in texts:
            _carry_down(cells[name], texts[name])
    return Block(table, header, [first_line + i for i in keep], cells, texts)


def _carry_down(cells: list[Any], texts: list[str]) -> None:
    """Fill each empty cell with the last non-empty one above it (merged cells, in place)."""
    last: tuple[Any, str] = ("", "")
    for k, text in enumerate(texts):
        if text:
            last = (cells[k], text)
        else:
            cells[k], texts[k] = last


def data_rows(
    table: Table, header: Header, carry: tuple[str, ...], key: str, findings: list[Finding]
) -> Iterator[Row]:
    """:func:`data_block`, one row at a time."""
    return data_block(table, header, carry, key, findings).rows()
