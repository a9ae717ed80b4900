"""Which of the three team-list layouts of SPEC §7 a sheet is in, told from its header row.

1. ``rows`` — one row per person with a team column (``Mã tổ``, ``Tên tổ``): the
   ``Danh sách thành viên`` sheet ``tcns plan`` writes, or a list typed with its headers;
2. ``headings`` — one row per person, no team column: a heading row opens each team (``I. Tổ
   công nghệ số cộng đồng số 1 (Tổ 3, Khu phố 1)``), the annex of many decisions;
3. ``teams`` — one row per team: ``Tổ trưởng`` and its birth year and phone, then ``Thành viên
   1`` with its own columns, ``Thành viên 2``…, or one ``Thành viên`` cell of several names.

A header row may repeat ``Năm sinh`` or ``Số điện thoại`` once per person (layout 3): each
person's columns are read as a small header of their own (:class:`PersonColumns`), so that
the same people reader serves every layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tcns_cli.model import DEPUTY, LEADER, MEMBER, Source
from tcns_cli.normalize import cell_text, fold, squash
from tcns_cli.places import TeamHeading, list_number, team_heading
from tcns_cli.readers.headers import HEADER_SCAN_ROWS, TEAM_NAME_HEADERS, Header, match_header
from tcns_cli.readers.tables import Table

ROWS, HEADINGS, TEAMS = "rows", "headings", "teams"
# When a workbook holds several layouts, the first of this order is read: a workbook tcns
# wrote holds layout 1 (Danh sách thành viên) and a layout-3 look-alike (Đề xuất tổ).
LAYOUT_ORDER = (ROWS, TEAMS, HEADINGS)

# What is missing when a sheet is in none of the layouts (keys of tcns_cli.messages).
MISSING_NAME, MISSING_MEMBERS, MISSING_TEAMS = (
    "roster_missing_name", "roster_missing_members", "roster_missing_teams")

PERSON_FIELDS = ("birth_year", "gender", "organization", "position", "phone", "digital_skills")
_TEAM_NAMES = {squash(a) for a in TEAM_NAME_HEADERS}
_PARENTHESES = re.compile(r"\(.*?\)")
# The first column of a person in a one-row-per-team list: ``Tổ trưởng``, ``Họ tên tổ
# trưởng``, ``Tổ phó``, ``Thành viên 2``, ``Thành viên thứ 2``, ``TV2``, ``Các thành viên``.
_PERSON_START = re.compile(
    r"^(?:ho (?:va )?ten |ten |cac )?(?P<role>to truong|to pho|thanh vien|tv)"
    r"(?:\s*(?:thu|so)?\s*\.?\s*\d+)?$"
)
_ROLES = {"to truong": LEADER, "to pho": DEPUTY, "thanh vien": MEMBER, "tv": MEMBER}


@dataclass(frozen=True, slots=True)
class PersonColumns:
    """One person's columns in a one-row-per-team list, as a header of their own: ``name``
    (``Thành viên 2``) and the birth year, organisation, phone… that follow it."""

    role: str
    header: Header


@dataclass(frozen=True, slots=True)
class RosterLayout:
    """A sheet's layout: its kind, its header (the person's fields in layouts 1 and 2, the
    team's in layout 3) and, in layout 3, each person's columns."""

    kind: str
    header: Header
    people: tuple[PersonColumns, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading row of layout 2: what it says and where it stands."""

    heading: TeamHeading
    source: Source


def recognise(table: Table) -> RosterLayout | str:
    """The sheet's layout, from the best header row in its first rows; else what is missing
    (one of the ``MISSING_*`` message keys)."""
    best: RosterLayout | None = None
    missing = MISSING_NAME
    for index, cells in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        found = layout_of_row(cells)
        if isinstance(found, str):
            missing = found if found != MISSING_NAME else missing
            continue
        if found.kind == TEAMS and index + 1 < len(table.rows):
            found, index = _with_second_row(found, cells, table.rows[index + 1], index)
        if best is None or _rank(found) < _rank(best):
            best = RosterLayout(found.kind, _at(found.header, index), tuple(
                PersonColumns(p.role, _at(p.header, index)) for p in found.people))
    if best is not None and best.kind == HEADINGS and not any(headings(table, best.header)):
        return MISSING_TEAMS
    return best if best is not None else missing


def _rank(layout: RosterLayout) -> tuple[int, int]:
    fields = len(layout.header.columns) + _person_fields(layout)
    return (LAYOUT_ORDER.index(layout.kind), -fields)


def _person_fields(layout: RosterLayout) -> int:
    return sum(len(p.header.columns) for p in layout.people)


def _with_second_row(found: RosterLayout, cells: Sequence[Any], below: Sequence[Any],
                     index: int) -> tuple[RosterLayout, int]:
    """A header of two rows: ``Tổ trưởng`` merged over ``Họ và tên | Năm sinh | SĐT``. The
    row below fills the cells the first row leaves empty, when that gives people more fields;
    the data then start below it."""
    width = max(len(cells), len(below))
    merged = [cells[c] if c < len(cells) and cell_text(cells[c]) else
              (below[c] if c < len(below) else None) for c in range(width)]
    joined = layout_of_row(merged)
    if isinstance(joined, str) or joined.kind != TEAMS:
        return found, index
    return (joined, index + 1) if _person_fields(joined) > _person_fields(found) else (
        found, index)


def _at(header: Header, index: int) -> Header:
    return Header(index, header.columns, header.labels)


def layout_of_row(cells: Sequence[Any]) -> RosterLayout | str:
    """The layout a header row announces (its index not yet set), or what it lacks."""
    texts = [cell_text(c) for c in cells]
    starts = {col: role for col, t in enumerate(texts) if (role := _person_role(t))}
    roles = set(starts.values())
    if LEADER in roles and MEMBER in roles:
        return _teams_layout(cells, texts, starts)
    header = roster_header(cells)
    if header.has("name") or header.has("family", "given"):
        return RosterLayout(ROWS if header.has("team_id") or header.has("team_name")
                            else HEADINGS, header)
    return MISSING_MEMBERS if LEADER in roles else MISSING_NAME


@lru_cache(maxsize=16_384)  # header scans read the first rows of every sheet, which repeat
def _person_role(text: str) -> str | None:
    match = _PERSON_START.match(fold(_PARENTHESES.sub("", text)))
    return _ROLES[match.group("role")] if match else None


def roster_header(cells: Sequence[Any]) -> Header:
    """The fields of a team list's header row: those of every sheet, and ``team_name``."""
    texts = [_PARENTHESES.sub("", cell_text(c)) for c in cells]
    named = next((col for col, t in enumerate(texts) if t and squash(t) in _TEAM_NAMES), None)
    header = match_header([None if col == named else c for col, c in enumerate(cells)])
    if named is None:
        return header
    return Header(header.index, {**header.columns, "team_name": named},
                  {**header.labels, "team_name": cell_text(cells[named])})


def _teams_layout(cells: Sequence[Any], texts: list[str], starts: dict[int, str]
                  ) -> RosterLayout:
    """Layout 3: each person's columns run from its start to the next start; a column that
    is no person's field (``Ghi chú``, ``Nền tảng``) belongs to the team."""
    people: list[tuple[str, dict[str, int]]] = []
    taken: set[int] = set()
    for col, text in enumerate(texts):
        if col in starts:
            people.append((starts[col], {"name": col}))
            taken.add(col)
        elif people and text:
            field = _field_of(text)
            if field in PERSON_FIELDS and field not in people[-1][1]:
                people[-1][1][field] = col
                taken.add(col)
    header = roster_header([None if col in taken else c for col, c in enumerate(cells)])
    return RosterLayout(TEAMS, header, tuple(
        PersonColumns(role, Header(-1, columns, {f: texts[c] for f, c in columns.items()}))
        for role, columns in people))


def _field_of(text: str) -> str | None:
    return next(iter(match_header([text]).columns), None)


# --- heading rows (layout 2) ------------------------------------------------------------------

_NOT_IN_HEADINGS = (*PERSON_FIELDS, "role")


def headings(table: Table, header: Header) -> Iterator[Heading]:
    """Every heading row below the header: a row with no person's detail (birth year, role,
    organisation, phone…) whose text names a team or its places. A list number in its own
    cell (``I``, ``2``) is the heading's numbering; text in several cells reads as one."""
    details = [c for f in _NOT_IN_HEADINGS if (c := header.columns.get(f)) is not None]
    titles = table.rows[header.index] if header.index >= 0 else []
    for index in range(header.index + 1, len(table.rows)):
        cells = table.rows[index]
        if any(c < len(cells) and cell_text(cells[c]) for c in details):
            continue
        texts = [(col, t) for col, value in enumerate(cells) if (t := cell_text(value))]
        numbering = list_number(texts[0][1]) if len(texts) > 1 else None
        if numbering is not None:
            texts = texts[1:]
        found = team_heading(": ".join(t for _, t in texts)) if texts else None
        if found is None:
            continue
        if found.numbering is None and numbering is not None:
            found = TeamHeading(found.team, numbering, found.named, found.areas, found.units)
        column = texts[0][0]
        title = cell_text(titles[column]) if column < len(titles) else ""
        yield Heading(found, Source(table.file, table.sheet or None, index + 1, title or None))
