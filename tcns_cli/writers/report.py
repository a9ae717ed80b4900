"""Validation findings → a workbook an officer can work through (filters, the row's values)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tcns_cli.errors import Finding
from tcns_cli.model import DEPUTY, LEADER, RosterEntry
from tcns_cli.places import Words
from tcns_cli.writers.excel import (
    SEVERITY_TEXT,
    Column,
    Sheet,
    place_cells,
    place_columns,
    workbook,
)


def _columns(words: Words) -> list[Column]:
    return [
        Column("Mã tổ", 8, 14), Column("Mức độ", 13), Column("Mã", 29, 44),
        Column("Nội dung", 60), *place_columns(words), Column("Tệp", 26, 34),
        Column("Trang", 16, 24), Column("Dòng", 7), Column("Cột", 14, 24),
        Column("Họ và tên (dòng đó)", 24, 32), Column("Chức danh trong tổ", 14),
        Column(f"{words.unit} phụ trách", 16),
    ]


_Place = tuple[str | None, str | None, int | None, str | None]


def _row_values(finding: Finding, rows: dict[_Place, RosterEntry]) -> list[Any]:
    where = finding.source
    entry = rows.get((where.file, where.sheet, where.row, where.column)) or rows.get(
        (where.file, where.sheet, where.row, None))
    if entry is None:
        return ["", "", ""]
    if (entry.person is None and not entry.role) or where == entry.team_source:  # the team
        return ["", "", entry.units]
    role = {LEADER: "Tổ trưởng", DEPUTY: "Tổ phó"}.get(entry.role, "Thành viên")
    return [entry.person.name if entry.person else "", role, entry.units]


def _entries_by_place(entries: list[RosterEntry]) -> dict[_Place, RosterEntry]:
    """Each entry under its person's cell and its team's heading (or team row), and the
    first entry of a row under the row (a one-row-per-team list holds a team on one row)."""
    rows: dict[_Place, RosterEntry] = {}
    for entry in entries:
        if entry.team_source is not None:
            where = entry.team_source
            rows.setdefault((where.file, where.sheet, where.row, where.column), entry)
        for where in (entry.source, entry.person.source if entry.person else entry.source):
            rows.setdefault((where.file, where.sheet, where.row, where.column), entry)
            rows.setdefault((where.file, where.sheet, where.row, None), entry)
    return rows


def write_report(findings: tuple[Finding, ...], entries: list[RosterEntry], path: Path,
                 lang: str, words: Words) -> None:
    """Two sheets: every finding with its place and the row's values, and counts by code."""
    book = workbook(path)
    rows = _entries_by_place(entries)
    table = [
        [f.team or "", SEVERITY_TEXT[f.severity], f.code, f.message(lang),
         *place_cells(f, words), f.source.file, f.source.sheet, f.source.row, f.source.column,
         *_row_values(f, rows)]
        for f in findings
    ]
    Sheet(book, "Kết quả kiểm tra").table(0, _columns(words), table)
    counts = Counter((f.code, f.severity) for f in findings)
    summary = [[code, SEVERITY_TEXT[severity], n] for (code, severity), n in counts.items()]
    Sheet(book, "Tổng hợp lỗi").table(
        0, (Column("Mã", 29, 44), Column("Mức độ", 13), Column("Số lượng", 10)), summary
    )
    book.close()

