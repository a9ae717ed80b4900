"""A hand-typed team list for Linh Trung with deliberate problems, for `tcns validate`.

    .venv/bin/python sample_data/make_team_list.py

It plans the sample ward with tcns, then writes the list the way an office types it (title
rows, the team id merged down its rows, no Phường column, `Tổ 3, 4` labels) and breaks it on
purpose. The same teams with the same mistakes are written in the three layouts of SPEC §7:
  - `linh-trung-danh-sach-tay.xlsx`: one row per person with a `Mã tổ` column;
  - `linh-trung-danh-sach-tieu-de.xlsx`: the annex of a decision, each team under a heading
    row (`I | Tổ công nghệ số cộng đồng số 1 (Tổ 1, 2 - Khu phố 1)`), no team column;
  - `linh-trung-danh-sach-theo-to.xlsx`: one row per team, leader and members side by side
    (`Tổ trưởng`, `Năm sinh`, `Số điện thoại`, `Thành viên 1`, …), khu phố cells merged.
The README's walk-through shows each finding:
  - KP 6 / Tổ 12 is left out of every team           → UNIT_NOT_COVERED
  - the team of KP 2 / Tổ 9 (1,020 households) also takes KP 2 / Tổ 10 → LARGE_UNIT_NOT_ALONE
    (and KP 2 / Tổ 10's old partner stands alone     → SMALL_UNIT_ALONE)
  - one pair is led by its older TDP head            → LEADER_NOT_YOUNGEST
  - one member belongs to no mass organisation       → MEMBER_NOT_IN_ORGANIZATION
  - one member also serves in the next team          → PERSON_IN_SEVERAL_TEAMS
  - one leader's phone is missing                    → BAD_PHONE
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tcns_cli.model import Person, Team, Unit
from tcns_cli.normalize import ORGANIZATION_NAMES
from tcns_cli.plan import make_plan
from tcns_cli.profiles import load_profile
from tcns_cli.readers.dataset import read_dataset

HERE = Path(__file__).resolve().parent
HEADER = ["STT", "Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Năm sinh",
          "Chức danh trong tổ", "Đoàn thể", "Số điện thoại"]
Row = list[object]


def person_row(team: str, kp: str, units: str, person: Person, role: str) -> Row:
    org = ORGANIZATION_NAMES.get(person.organization or "", "")
    return [None, team, kp, units, person.name, person.birth_year, role, org, person.phone]


def areas_of(team: Team) -> list[str]:
    """The khu phố of a team's units, in unit order."""
    return list(dict.fromkeys(u.area for u in team.units if u.area is not None))


def team_rows(number: int, team: Team) -> list[Row]:
    kp = ", ".join(f"KP{k}" for k in areas_of(team))
    units = ", ".join(u.label or "" for u in team.units)
    units = f"Tổ {units}" if len(areas_of(team)) == 1 else ", ".join(
        f"KP{u.area}-Tổ {u.label}" for u in team.units)
    code = f"CNS-{number:02d}"
    rows = [person_row(code, kp, units, team.leader, "Tổ trưởng")] if team.leader else []
    rows += [person_row(code, kp, units, m, "Thành viên") for m in team.members if m]
    return rows


def by_units(teams: list[Team], *keys: tuple[str, str]) -> Team:
    return next(t for t in teams if {place(u) for u in t.units} >= set(keys))


def place(unit: Unit) -> tuple[str | None, str]:
    """A tổ dân phố as the list names it: its khu phố and its label."""
    return (unit.area, unit.label)


def break_rules(teams: list[Team]) -> list[Team]:
    """The deliberate problems listed in the module docstring."""
    import dataclasses

    large = by_units(teams, ("2", "9"))
    partner = by_units(teams, ("2", "10"))
    left = tuple(u for u in partner.units if u.label != "10")
    moved = next(u for u in partner.units if u.label == "10")
    older = by_units(teams, ("1", "3"))
    units = {place(u) for u in older.units}
    leaders = [u.leader for u in older.units if u.leader and place(u) in units]
    oldest = min(leaders, key=lambda p: p.birth_year or 9999)
    out = []
    for team in teams:
        if team is large:
            team = dataclasses.replace(team, units=(*team.units, moved))
        elif team is partner:
            team = dataclasses.replace(team, units=left, members=team.members[:1])
        elif team is older:
            team = dataclasses.replace(team, leader=oldest)
        team = dataclasses.replace(
            team, units=tuple(u for u in team.units if place(u) != ("6", "12")))
        if team.units:
            out.append(team)
    return out


def main() -> None:
    dataset = read_dataset([HERE / "linh-trung.xlsx"])
    teams = list(make_plan(dataset, load_profile(None)).teams)
    rows: list[Row] = []
    for number, team in enumerate(break_rules(teams), start=1):
        rows += team_rows(number, team)
    outsider = rows[5]
    outsider[7] = "Câu lạc bộ dưỡng sinh"
    rows.insert(12, list(rows[10][:4]) + rows[8][4:])  # a member of one team again in the next
    rows[12][:4] = rows[13][:4]
    rows[0][8] = None
    write(rows, HERE / "linh-trung-danh-sach-tay.xlsx")
    teams = grouped(rows)
    write_headings(teams, HERE / "linh-trung-danh-sach-tieu-de.xlsx")
    write_teams(teams, HERE / "linh-trung-danh-sach-theo-to.xlsx")


def grouped(rows: list[Row]) -> list[list[Row]]:
    """The list's rows team by team, in list order."""
    teams: dict[object, list[Row]] = {}
    for row in rows:
        teams.setdefault(row[1], []).append(row)
    return list(teams.values())


def write(rows: list[Row], path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG PHƯỜNG LINH TRUNG"])
    sheet.append(["(gõ tay tại văn phòng khu phố, tháng 3/2023)"])
    sheet.append(HEADER)
    for n, row in enumerate(rows, start=1):
        row[0] = n
        sheet.append(row)
    start = 4
    for r in range(5, 4 + len(rows) + 1):  # merge each team's id down its rows
        if sheet.cell(r, 2).value != sheet.cell(start, 2).value or r == 4 + len(rows):
            end = r if sheet.cell(r, 2).value == sheet.cell(start, 2).value else r - 1
            if end > start:
                sheet.merge_cells(start_row=start, start_column=2, end_row=end, end_column=2)
            start = r
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    book.properties.created = book.properties.modified = datetime(2023, 3, 1)
    book.save(path)


def roman(n: int) -> str:
    """1 → I, 38 → XXXVIII: the list numbers of the teams in a decision's annex."""
    out = ""
    for value, numeral in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += numeral * count
    return out


def places(team: list[Row]) -> str:
    """``Tổ 1, 2 - Khu phố 1``, or ``KP1-Tổ 12, KP2-Tổ 1`` across khu phố."""
    kp, units = str(team[0][2]), str(team[0][3])
    return units if "," in kp else f"{units} - Khu phố {kp.removeprefix('KP')}"


def header_block(sheet: Any, width: int, title: str) -> None:
    sheet.append(["ỦY BAN NHÂN DÂN"] + [None] * 2 + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["PHƯỜNG LINH TRUNG"] + [None] * 2 + ["Độc lập - Tự do - Hạnh phúc"])
    sheet.append([])
    sheet.append([title])
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    sheet.cell(4, 1).font = Font(bold=True)
    sheet.cell(4, 1).alignment = Alignment(horizontal="center")


HEADINGS_HEADER = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Chức danh trong tổ", "Đoàn thể",
                   "Số điện thoại"]


def write_headings(teams: list[list[Row]], path: Path) -> None:
    """The annex of a decision: no team column, each team under its heading row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    width = len(HEADINGS_HEADER)
    header_block(sheet, width, "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG")
    sheet.append(["(Kèm theo Quyết định số 45/QĐ-UBND ngày 15/3/2023 của UBND phường)"])
    sheet.append(HEADINGS_HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for n, team in enumerate(teams, start=1):
        sheet.append([roman(n), f"Tổ công nghệ số cộng đồng số {n} ({places(team)})"])
        line = sheet.max_row
        sheet.merge_cells(start_row=line, start_column=2, end_row=line, end_column=width)
        sheet.cell(line, 1).font = sheet.cell(line, 2).font = Font(bold=True)
        for k, row in enumerate(team, start=1):
            _, _, _, _, name, year, role, org, phone = row
            sheet.append([k, name, year, None, role, org, phone])
    book.properties.created = book.properties.modified = datetime(2023, 3, 1)
    book.save(path)


def write_teams(teams: list[list[Row]], path: Path) -> None:
    """One row per team: leader, then each member's name, birth year, organisation, phone."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp tổ"
    most = max(sum(1 for r in t if r[6] != "Tổ trưởng") for t in teams)
    header = ["STT", "Tên tổ", "Khu phố", "Tổ dân phố phụ trách", "Tổ trưởng", "Năm sinh",
              "Số điện thoại"]
    for k in range(1, most + 1):
        header += [f"Thành viên {k}", "Năm sinh", "Đoàn thể", "Số điện thoại"]
    header_block(sheet, len(header), "TỔNG HỢP TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG")
    sheet.append([])
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    first = sheet.max_row + 1
    for n, team in enumerate(teams, start=1):
        leader = next((r for r in team if r[6] == "Tổ trưởng"), None)
        line: Row = [n, f"Tổ CNS số {n}", team[0][2], team[0][3]]
        line += [leader[4], leader[5], leader[8]] if leader else [None] * 3
        for member in (r for r in team if r is not leader):
            line += [member[4], member[5], member[7], member[8]]
        sheet.append(line)
    merge_down(sheet, first, sheet.max_row, 3)
    book.properties.created = book.properties.modified = datetime(2023, 3, 1)
    book.save(path)


def merge_down(sheet: Any, first: int, last: int, column: int) -> None:
    """Merge each run of equal cells of a column, as offices merge a khu phố down its teams."""
    start = first
    for r in range(first + 1, last + 2):
        if r > last or sheet.cell(r, column).value != sheet.cell(start, column).value:
            if r - 1 > start:
                sheet.merge_cells(start_row=start, start_column=column, end_row=r - 1,
                                  end_column=column)
            start = r


if __name__ == "__main__":
    main()
