"""A hand-typed team list for Linh Trung with deliberate problems, for `tcns validate`.

    .venv/bin/python sample_data/make_team_list.py

It plans the sample ward with tcns, then writes the list the way an office types it (title
rows, the team id merged down its rows, no Phường column, `Tổ 3, 4` labels) and breaks it on
purpose, so that the README's walk-through shows each finding:
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

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tcns_cli.model import Person, Team
from tcns_cli.normalize import ORGANIZATION_NAMES
from tcns_cli.places import areas_of
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


def team_rows(number: int, team: Team) -> list[Row]:
    kp = ", ".join(f"KP{k}" for k in areas_of(team.units))
    units = ", ".join(u.label or "" for u in team.units)
    units = f"Tổ {units}" if len(areas_of(team.units)) == 1 else ", ".join(
        f"KP{u.area}-Tổ {u.label}" for u in team.units)
    code = f"CNS-{number:02d}"
    rows = [person_row(code, kp, units, team.leader, "Tổ trưởng")] if team.leader else []
    rows += [person_row(code, kp, units, m, "Thành viên") for m in team.members if m]
    return rows


def by_units(teams: list[Team], *keys: tuple[str, str]) -> Team:
    return next(t for t in teams if {u.key for u in t.units} >= set(keys))


def break_rules(teams: list[Team]) -> list[Team]:
    """The deliberate problems listed in the module docstring."""
    import dataclasses

    large = by_units(teams, ("2", "9"))
    partner = by_units(teams, ("2", "10"))
    left = tuple(u for u in partner.units if u.label != "10")
    moved = next(u for u in partner.units if u.label == "10")
    older = by_units(teams, ("1", "3"))
    units = {u.key for u in older.units}
    leaders = [u.leader for u in older.units if u.leader and u.key in units]
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
            team, units=tuple(u for u in team.units if u.key != ("6", "12")))
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


if __name__ == "__main__":
    main()
