"""Test helpers: one team list written in each of the three layouts of SPEC §7, with openpyxl.

A list is a sequence of :class:`ListTeam`; each writer returns the file and a :class:`Where`
that says on which Excel row (and column) each team and each person landed, so that a test
can check that a finding points at the list's own cell in every layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


@dataclass
class Member:
    """One person of a team as a list writes them."""

    name: str
    year: object
    role: str  # Tổ trưởng / Tổ phó / Thành viên
    org: str = ""
    phone: str = ""
    position: str = ""


@dataclass
class ListTeam:
    """One team: its code in layout 1, its place texts and its people."""

    code: str
    areas: str
    units: str
    people: list[Member]
    platform: str = ""


@dataclass
class Where:
    """Where each team (its code and row) and each person (row, column) stands in a file."""

    teams: dict[int, tuple[str, int]] = field(default_factory=dict)  # team n → (code, row)
    people: dict[tuple[int, str], tuple[int, str]] = field(default_factory=dict)


def roman(n: int) -> str:
    return ROMAN[n - 1] if n <= len(ROMAN) else str(n)


def teams_of(rows: Sequence[Sequence[object]], header: Sequence[str]) -> list[ListTeam]:
    """Layout-1 rows (``header`` naming their columns) grouped into teams, in list order."""
    at = {name: n for n, name in enumerate(header)}
    served = next(h for h in header if h.endswith("phụ trách"))  # Thôn, bản phụ trách…
    teams: dict[str, ListTeam] = {}
    for row in rows:
        def get(column: str, row: Sequence[object] = row) -> str:
            value = row[at[column]] if column in at else None
            return "" if value is None else str(value)
        code = get("Mã tổ")
        team = teams.setdefault(code, ListTeam(code, get("Khu phố"), get(served), [],
                                               get("Nền tảng")))
        if get("Họ và tên"):
            team.people.append(Member(get("Họ và tên"), row[at["Năm sinh"]],
                                      get("Chức danh trong tổ"), get("Đoàn thể"),
                                      get("Số điện thoại"), get("Chức vụ")))
    return list(teams.values())


def _save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


# --- layout 1 ----------------------------------------------------------------------------------

ROWS_HEADER = ["STT", "Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Năm sinh",
               "Chức danh trong tổ", "Đoàn thể", "Số điện thoại", "Nền tảng"]


def write_rows(path: Path, teams: Sequence[ListTeam], style: int = 0) -> tuple[Path, Where]:
    """Layout 1: one row per person with ``Mã tổ``; a team's problems on its first row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH TỔ CÔNG NGHỆ SỐ"])
    sheet.append(ROWS_HEADER)
    where = Where()
    serial = 0
    for n, team in enumerate(teams, start=1):
        where.teams[n] = (team.code, sheet.max_row + 1)
        for person in team.people:
            serial += 1
            sheet.append([serial, team.code, team.areas, team.units, person.name, person.year,
                          person.role, person.org, person.phone, team.platform])
            where.people[(n, person.name)] = (sheet.max_row, "Họ và tên")
    return _save(book, path), where


# --- layout 2 ----------------------------------------------------------------------------------

HEADINGS_HEADER = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Chức danh trong tổ", "Đoàn thể",
                   "Số điện thoại", "Nền tảng"]


def heading_text(n: int, team: ListTeam, style: int) -> tuple[str | None, str]:
    """The heading row of team ``n`` as offices write it: ``(STT cell, heading)``; every
    style gives the team the code ``str(n)``."""
    units = team.units
    places = ", ".join(p for p in (units, team.areas if "," not in team.areas or not units
                                   else "") if p)
    styles: list[Callable[[], tuple[str | None, str]]] = [
        lambda: (roman(n), f"Tổ công nghệ số cộng đồng số {n} ({places})"),
        lambda: (None, f"TỔ CNS SỐ {n}: {places}".upper()),
        lambda: (None, f"{n}. Tổ CNS - {places.replace(', ', ' + ')}"),
        lambda: (str(n), f"Tổ công nghệ số {n}: {places.replace(', ', ' và ')}"),
    ]
    return styles[style % len(styles)]()


def write_headings(path: Path, teams: Sequence[ListTeam], style: int = 0
                   ) -> tuple[Path, Where]:
    """Layout 2: no team column; each team under its heading row (a team's problems there)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append(["DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"])
    sheet.append(["(Kèm theo Quyết định số 12/QĐ-UBND)"])
    sheet.append(HEADINGS_HEADER)
    where = Where()
    for n, team in enumerate(teams, start=1):
        number, text = heading_text(n, team, style)
        if number is None:
            sheet.append([text])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                              end_column=len(HEADINGS_HEADER))
        else:
            sheet.append([number, text])
        where.teams[n] = (str(n), sheet.max_row)
        for k, person in enumerate(team.people, start=1):
            sheet.append([k, person.name, person.year, person.position, person.role,
                          person.org, person.phone, team.platform])
            where.people[(n, person.name)] = (sheet.max_row, "Họ và tên")
    return _save(book, path), where


# --- layout 3 ----------------------------------------------------------------------------------

def _leader(team: ListTeam) -> Member | None:
    return next((p for p in team.people if p.role == "Tổ trưởng"), None)


def _members(team: ListTeam) -> list[Member]:
    return [p for p in team.people if p.role not in ("Tổ trưởng", "Tổ phó")]


def write_teams(path: Path, teams: Sequence[ListTeam], style: int = 0) -> tuple[Path, Where]:
    """Layout 3: one row per team (style 0: numbered member columns; style 1: one
    ``Thành viên`` cell listing ``name (organisation, year, phone)`` one a line)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp tổ"
    width = max((len(_members(t)) for t in teams), default=1) or 1
    header = ["STT", "Tên tổ", "Khu phố", "Tổ dân phố phụ trách", "Tổ trưởng", "Năm sinh",
              "Số điện thoại"]
    deputies = any(p.role == "Tổ phó" for t in teams for p in t.people)
    if deputies:
        header += ["Tổ phó", "Năm sinh", "Đoàn thể", "Số điện thoại"]
    if style % 2 == 0:
        for k in range(1, width + 1):
            header += [f"Thành viên {k}", "Năm sinh", "Đoàn thể", "Số điện thoại"]
    else:
        header += ["Thành viên"]
    header += ["Nền tảng"]
    sheet.append(["TỔNG HỢP TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"])
    sheet.append(header)
    where = Where()
    for n, team in enumerate(teams, start=1):
        row: list[object] = [n, f"Tổ CNS số {n}", team.areas, team.units]
        line = sheet.max_row + 1
        where.teams[n] = (str(n), line)
        leader = _leader(team)
        row += [leader.name, leader.year, leader.phone] if leader else [None, None, None]
        if leader:
            where.people[(n, leader.name)] = (line, "Tổ trưởng")
        if deputies:
            deputy = next((p for p in team.people if p.role == "Tổ phó"), None)
            row += ([deputy.name, deputy.year, deputy.org, deputy.phone] if deputy
                    else [None] * 4)
            if deputy:
                where.people[(n, deputy.name)] = (line, "Tổ phó")
        members = _members(team)
        if style % 2 == 0:
            for k in range(width):
                if k < len(members):
                    m = members[k]
                    row += [m.name, m.year, m.org, m.phone]
                    where.people[(n, m.name)] = (line, f"Thành viên {k + 1}")
                else:
                    row += [None] * 4
        else:
            row.append("\n".join(
                f"{m.name} ({', '.join(str(x) for x in (m.org, m.year, m.phone) if x)})"
                for m in members))
            for m in members:
                where.people[(n, m.name)] = (line, "Thành viên")
        row.append(team.platform)
        sheet.append(row)
    return _save(book, path), where


WRITERS = {"rows": write_rows, "headings": write_headings, "teams": write_teams}


def planned_teams(workbook: Path) -> list[ListTeam]:
    """The teams of the ``Danh sách thành viên`` sheet ``tcns plan`` wrote."""
    sheet = openpyxl.load_workbook(workbook)["Danh sách thành viên"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    top = next(n for n, r in enumerate(rows) if "Mã tổ" in r)
    header = [" ".join(str(h).split()) for h in rows[top]]  # titles broken into lines
    body = [r for r in rows[top + 1:] if any(v not in (None, "") for v in r)]
    return teams_of(body, header)
