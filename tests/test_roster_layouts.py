"""`tcns validate` reads a team list in each of the three layouts of SPEC §7 alike.

The ward and the clean list are those of ``test_checks``: CNS1 = KP1 Tổ 1 + Tổ 2, CNS2 = KP1
Tổ 3, CNS3 = KP2 Tổ 1 + Tổ 2. The helpers of ``tests.list_layouts`` write one list as

    1 rows      STT | Mã tổ | Khu phố | Tổ dân phố phụ trách | Họ và tên | … (one row a person)
    2 headings  I | Tổ công nghệ số cộng đồng số 1 (Tổ 1, Tổ 2, KP1)      (then its people)
    3 teams     STT | Tên tổ | … | Tổ trưởng | Năm sinh | … | Thành viên 1 | … (one row a team)
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tcns_cli.cli import app
from tests import test_checks as ward
from tests.list_layouts import WRITERS, ListTeam, Member, Where, planned_teams, teams_of

LAYOUTS = sorted(WRITERS)
Finding = dict[str, object]


def check(folder: Path, roster: Path, *extra: str) -> tuple[int, list[Finding]]:
    units = ward.write_units(folder)
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--json", "-", *extra])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def written(folder: Path, layout: str, teams: list[ListTeam], style: int = 0
            ) -> tuple[Path, Where]:
    return WRITERS[layout](folder / f"{layout}-{style}.xlsx", teams, style)


def clean_teams() -> list[ListTeam]:
    return teams_of(ward.clean(), ward.HEADER)


@pytest.mark.parametrize("style", range(4))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_clean_list_has_no_finding_in_any_layout(tmp_path: Path, layout: str,
                                                     style: int) -> None:
    roster, _ = written(tmp_path, layout, clean_teams(), style)
    assert check(tmp_path, roster) == (0, [])


# --- the mutations of test_checks, in every layout -------------------------------------------

# test_checks' own mutations (its CASES); what each finding is about: the team, a person, or
# a unit of the unit file.
SHARED = {"UNIT_NOT_COVERED": "unit file", "UNIT_IN_SEVERAL_TEAMS": "team",
          "UNKNOWN_UNIT": "team", "MEMBER_NOT_IN_ORGANIZATION": "person", "NO_LEADER": "team"}


def pointed_at(finding: Finding, where: Where, team: int, person: str, about: str) -> bool:
    """The finding points at the person's cell, or at the team's row (in layout 1 the
    team's first row), or at the unit file."""
    if about == "unit file":
        return finding["file"] == "phuong.xlsx"
    code, row = where.teams[team]
    if about == "team":
        return finding["row"] == row and finding["team"] == code
    return [finding["row"], finding["column"]] == list(where.people[(team, person)])


@pytest.mark.parametrize("code", sorted(SHARED))
def test_each_mutation_gives_the_same_codes_in_every_layout(tmp_path: Path, code: str) -> None:
    rows = copy.deepcopy(ward.clean())
    row, _ = ward.CASES[code](rows, tmp_path)
    about = SHARED[code]
    teams = teams_of(rows, ward.HEADER)
    written_row = rows[row - ward.FIRST] if about != "unit file" else rows[0]
    team = 1 + [t.code for t in teams].index(str(written_row[1]))
    codes = {}
    for layout in LAYOUTS:
        folder = tmp_path / layout
        folder.mkdir()
        roster, where = written(folder, layout, teams)
        _, findings = check(folder, roster)
        codes[layout] = sorted(str(f["code"]) for f in findings)
        mine = [f for f in findings if f["code"] == code]
        assert any(pointed_at(f, where, team, str(written_row[4]), about) for f in mine), (
            layout, findings)
    assert codes["rows"] == codes["headings"] == codes["teams"], codes
    assert code in codes["rows"]


@pytest.mark.parametrize("layout", ["headings", "teams"])
def test_a_list_typed_in_the_old_fonts_reads_as_its_unicode_twin(tmp_path: Path,
                                                                   layout: str) -> None:
    """Every text cell in TCVN3 (``.VnTime``): headings and names are converted first."""
    from tcns_cli.readers.charmaps import TCVN3, encode

    roster, _ = written(tmp_path, layout, clean_teams())
    book = openpyxl.load_workbook(roster)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = encode(cell.value, TCVN3)
    book.save(roster)
    code, findings = check(tmp_path, roster)
    assert code == 0 and {f["code"] for f in findings} == {"LEGACY_ENCODING"}


# --- a planned ward, rewritten in each layout ---------------------------------------------------

def ward_book(folder: Path, areas: list[list[int]], one_level: bool, seed: int) -> Path:
    """A ward of ``areas`` (households per unit) with leaders and candidates; ``one_level``:
    khu phố only (each khu phố a unit, as after the 2025 reorganisation)."""
    import random

    rng = random.Random(seed)
    book = openpyxl.Workbook()
    units = book.active
    units.append(["Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "SĐT"])
    people = book.create_sheet("Nhân sự")
    people.append(["Họ và tên", "Năm sinh", "Khu phố", "Tổ dân phố", "Đoàn thể", "SĐT"])
    serial = 0
    for k, households in enumerate(areas, start=1):
        for t, homes in enumerate(households[:1] if one_level else households, start=1):
            serial += 1
            unit = None if one_level else f"Tổ {t}"
            units.append([f"KP{k}", unit, homes, f"Trưởng Tổ {serial}",
                          rng.randint(1955, 1990), f"090{serial:07d}"])
            for n in range(rng.randint(1, 2)):
                org = rng.choice(["Đoàn TN", "Hội Phụ nữ", "Hội CCB"])
                people.append([f"Ứng Viên {serial} {n}", rng.randint(1960, 2006), f"KP{k}",
                               unit, org, f"091{serial:05d}{n:02d}"])
    path = folder / "ward.xlsx"
    book.save(path)
    return path


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    areas=st.lists(st.lists(st.integers(40, 900), min_size=1, max_size=6), min_size=1,
                   max_size=4),
    one_level=st.booleans(), style=st.integers(0, 3), seed=st.integers(0, 10**6),
)
def test_a_planned_ward_validates_in_every_layout(
    tmp_path_factory: pytest.TempPathFactory, areas: list[list[int]], one_level: bool,
    style: int, seed: int,
) -> None:
    folder = tmp_path_factory.mktemp("ward")
    source = ward_book(folder, areas, one_level, seed)
    out = folder / "plan.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["plan", str(source), "-o", str(out)]).exit_code == 0
    teams = planned_teams(out)
    for layout in ("headings", "teams"):
        roster, _ = written(folder, layout, teams, style)
        result = runner.invoke(app, ["validate", str(roster), "--units", str(source), "--json",
                                     "-"])
        document = json.loads(result.stdout)
        errors = [f for f in document["findings"] if f["severity"] == "error"]
        assert (result.exit_code, errors) == (0, []), (layout, teams)
        assert document["summary"]["teams"] == len(teams)


# --- what each layout allows --------------------------------------------------------------------

def sheet_of(folder: Path, rows: list[list[object]], name: str = "list.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = folder / name
    book.save(path)
    return path


HEAD = ["STT", "Họ và tên", "Năm sinh", "Chức danh trong tổ", "Đoàn thể", "Số điện thoại"]
CNS1 = [[1, "Trần Bình", 1985, "Tổ trưởng", None, "0901000002"],
        [2, "Ngô Y Một", 2000, "Thành viên", "Đoàn TN", "0911000001"],
        [3, "Ngô Y Hai", 2001, "Thành viên", "Đoàn TN", "0911000002"]]
CNS2 = [[1, "Phạm Cúc", 1970, "Tổ trưởng", None, "0901000003"],
        [2, "Ngô Y Ba", 1999, "Thành viên", "Đoàn TN", "0911000003"]]
CNS3 = [[1, "Đỗ Em", 1990, "Tổ trưởng", None, "0901000005"],
        [2, "Ngô Y Bốn", 2002, "Thành viên", "Đoàn TN", "0911000004"],
        [3, "Ngô Y Năm", 2003, "Thành viên", "Đoàn TN", "0911000005"]]


def test_khu_pho_section_rows_give_their_khu_pho_to_the_teams_below(tmp_path: Path) -> None:
    roster = sheet_of(tmp_path, [
        HEAD, ["A", "KHU PHỐ 1"], ["I", "Tổ CNS số 1: Tổ 1 + Tổ 2"], *CNS1,
        ["II", "Tổ CNS số 2 (Tổ 3)"], *CNS2,
        ["B", "KHU PHỐ 2"], ["III", "TỔ CNS SỐ 3 (TỔ 1 VÀ TỔ 2)"], *CNS3,
    ])
    code, findings = check(tmp_path, roster)
    assert code == 0
    assert [(f["code"], f["row"]) for f in findings] == [("SECTION_ROW_SKIPPED", 2),
                                                         ("SECTION_ROW_SKIPPED", 10)]


def test_a_unit_column_wins_over_the_heading(tmp_path: Path) -> None:
    head = [*HEAD, "Tổ dân phố phụ trách", "Khu phố"]
    places = {1: ["Tổ 1, Tổ 2", "KP1"], 2: ["Tổ 3", "KP1"], 3: ["Tổ 1, Tổ 2", "KP2"]}
    roster = sheet_of(tmp_path, [
        head, ["I", "Tổ CNS số 1 (Tổ 9, KP 9)"], *[[*r, *places[1]] for r in CNS1],
        ["II", "Tổ CNS số 2"], *[[*r, *places[2]] for r in CNS2],  # names no unit
        ["III", "Tổ CNS số 3"], *[[*r, *places[3]] for r in CNS3],
    ])
    assert check(tmp_path, roster) == (0, [])


def test_a_heading_that_names_no_unit_without_a_unit_column_is_reported(tmp_path: Path
                                                                         ) -> None:
    roster = sheet_of(tmp_path, [
        HEAD, ["I", "Tổ CNS số 1 (Tổ 1, Tổ 2, KP1)"], *CNS1,
        ["II", "Tổ CNS số 2"], *CNS2,
        ["III", "Tổ CNS số 3 (KP2: Tổ 1, Tổ 2)"], *CNS3,
    ])
    code, findings = check(tmp_path, roster)
    assert code == 1
    found = {(f["code"], f["row"], f["team"]) for f in findings}
    assert ("TEAM_NO_UNIT", 6, "2") in found
    assert ("UNIT_NOT_COVERED", 4, None) in found  # KP1 Tổ 3, row 4 of the unit file


def test_people_above_the_first_heading_and_a_team_with_nobody(tmp_path: Path) -> None:
    roster = sheet_of(tmp_path, [
        HEAD, [1, "Lê Lạc", 1990, "Thành viên", "Đoàn TN", "0911000099"],
        ["I", "Tổ CNS số 1 (Tổ 1, Tổ 2, KP1)"], *CNS1,
        ["II", "Tổ CNS số 2 (Tổ 3, KP1)"],
        ["III", "Tổ CNS số 3 (KP2: Tổ 1, Tổ 2)"], *CNS3,
    ])
    code, findings = check(tmp_path, roster)
    found = {(f["code"], f["row"]) for f in findings}
    assert ("ROSTER_NO_TEAM", 2) in found
    assert ("NO_LEADER", 7) in found  # the heading row of the team with nobody
    assert not any(f["code"] in ("UNIT_NOT_COVERED", "OPEN_PLACE") for f in findings)


def test_an_open_place_under_a_heading_is_a_place_not_a_missing_member(tmp_path: Path
                                                                        ) -> None:
    roster = sheet_of(tmp_path, [
        HEAD, ["I", "Tổ CNS số 1 (Tổ 1, Tổ 2, KP1)"], *CNS1[:2], [3, None, None, "Thành viên"],
        ["II", "Tổ CNS số 2 (Tổ 3, KP1)"], *CNS2,
        ["III", "Tổ CNS số 3 (KP2: Tổ 1, Tổ 2)"], *CNS3,
    ])
    code, findings = check(tmp_path, roster)
    assert code == 0
    assert [(f["code"], f["row"], f["team"]) for f in findings] == [("OPEN_PLACE", 5, "1")]


def test_repeated_heading_numbers_stay_two_teams(tmp_path: Path) -> None:
    roster = sheet_of(tmp_path, [
        HEAD, ["I", "Tổ CNS số 1 (Tổ 1, Tổ 2, KP1)"], *CNS1,
        ["II", "Tổ CNS số 2 (Tổ 3, KP1)"], *CNS2,
        ["III", "Tổ CNS số 1 (KP2: Tổ 1, Tổ 2)"], *CNS3,
    ])
    units = ward.write_units(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--json", "-"])
    document = json.loads(result.stdout)
    assert (result.exit_code, document["summary"]["teams"]) == (0, 3)


def test_one_row_per_team_without_a_team_column_numbers_the_teams(tmp_path: Path) -> None:
    head = ["STT", "Khu phố", "Tổ dân phố phụ trách", "Tổ trưởng", "Năm sinh", "SĐT",
            "Thành viên", "Ghi chú"]
    roster = sheet_of(tmp_path, [
        ["TỔNG HỢP TỔ CÔNG NGHỆ SỐ"], head,
        [1, "KP1", "Tổ 1, Tổ 2", "Trần Bình", 1985, "0901000002",
         "Ngô Y Một (Đoàn TN, 2000, 0911000001)\nNgô Y Hai (Đoàn TN, 2001, 0911000002)"],
        [2, "KP1", "Tổ 3", "Phạm Cúc", 1970, "0901000003",
         "Ngô Y Ba (Đoàn Thanh niên, 1999, 0911000003)"],
        [3, "KP2", "Tổ 1, Tổ 2", "Đỗ Em", 1990, "0901000005",
         "Ngô Y Bốn - Đoàn TN - 2002 - 0911000004, Ngô Y Năm (Đoàn TN, 2003, 0911000005)"],
    ])
    assert check(tmp_path, roster) == (0, [])
    rows = openpyxl.load_workbook(roster).active
    rows.cell(5, 7).value = "Ngô Y Bốn (Đoàn TN, 2002, 0911000004)"  # Ngô Y Năm left out
    rows.parent.save(roster)
    _, findings = check(tmp_path, roster)
    assert [(f["code"], f["row"], f["team"]) for f in findings] == [("MEMBER_COUNT", 5, "T03")]


def test_a_header_of_two_rows_over_each_person(tmp_path: Path) -> None:
    """``Tổ trưởng`` and ``Thành viên 1``… merged over their own ``Họ và tên | Năm sinh…``."""
    top = ["STT", "Tên tổ", "Khu phố", "Tổ dân phố phụ trách", "Tổ trưởng", None, None]
    below = [None, None, None, None, "Họ và tên", "Năm sinh", "SĐT"]
    rows: list[list[object]] = [
        [1, "Tổ CNS số 1", "KP1", "Tổ 1, Tổ 2", "Trần Bình", 1985, "0901000002"],
        [2, "Tổ CNS số 2", "KP1", "Tổ 3", "Phạm Cúc", 1970, "0901000003"],
        [3, "Tổ CNS số 3", "KP2", "Tổ 1, Tổ 2", "Đỗ Em", 1990, "0901000005"],
    ]
    members = {1: CNS1[1:], 2: CNS2[1:], 3: CNS3[1:]}
    for k in (1, 2):
        top += [f"Thành viên {k}", None, None, None]
        below += ["Họ và tên", "Năm sinh", "Đoàn thể", "Số điện thoại"]
        for n, row in enumerate(rows, start=1):
            person = members[n][k - 1] if k <= len(members[n]) else [None] * 6
            row += [person[1], person[2], person[4], person[5]]
    roster = sheet_of(tmp_path, [["TỔNG HỢP"], top, below, *rows])
    assert check(tmp_path, roster) == (0, [])


def test_a_report_names_the_member_of_a_team_row(tmp_path: Path) -> None:
    teams = clean_teams()
    teams[0].people[2] = Member("Ngô Y Hai", 2001, "Thành viên", "Câu lạc bộ", "0911000002")
    roster, _ = written(tmp_path, "teams", teams)
    units = ward.write_units(tmp_path)
    report = tmp_path / "bao-cao.xlsx"
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--report", str(report)])
    assert result.exit_code == 1
    sheet = openpyxl.load_workbook(report)["Kết quả kiểm tra"]
    found = [r for r in sheet.iter_rows(min_row=2, values_only=True)
             if r[2] == "MEMBER_NOT_IN_ORGANIZATION"]
    assert [(r[9], r[10], r[11]) for r in found] == [(3, "Thành viên 2", "Ngô Y Hai")]


def test_a_workbook_tcns_wrote_is_read_by_its_member_sheet(tmp_path: Path) -> None:
    """Its ``Đề xuất tổ`` sheet looks like layout 3 (Tổ trưởng, Thành viên): the member sheet,
    with every person's phone and year, is the one read."""
    from tcns_cli.errors import Finding as ReadFinding
    from tcns_cli.readers.roster import read_roster

    out = tmp_path / "plan.xlsx"
    units = ward.write_units(tmp_path)
    assert CliRunner().invoke(app, ["plan", str(units), "-o", str(out)]).exit_code == 0
    findings: list[ReadFinding] = []
    entries = read_roster(out, findings)
    assert {e.source.sheet for e in entries} == {"Danh sách thành viên"}
    assert len(entries) == 8 and findings == []


# --- a list in none of the layouts ----------------------------------------------------------------

@pytest.mark.parametrize(("rows", "missing_vi", "missing_en"), [
    ([["STT", "Ghi chú"], [1, "x"]], "không có cột \"Họ và tên\" hay \"Tổ trưởng\"",
     "no \"Họ và tên\" or \"Tổ trưởng\" column"),
    ([["STT", "Tên tổ", "Tổ trưởng", "Năm sinh"], [1, "Tổ 1", "Trần Bình", 1985]],
     "có cột \"Tổ trưởng\" nhưng không có cột \"Thành viên\"",
     "a \"Tổ trưởng\" column but no \"Thành viên\" column"),
    ([HEAD, *CNS1], "không có cột \"Mã tổ\" hay \"Tên tổ\"",
     "no \"Mã tổ\" or \"Tên tổ\" column, and no team heading row"),
])
def test_a_list_in_no_layout_names_the_three_and_what_is_missing(
    tmp_path: Path, rows: list[list[object]], missing_vi: str, missing_en: str
) -> None:
    roster, units = sheet_of(tmp_path, rows), ward.write_units(tmp_path)
    for lang, missing, layouts in (
        ("vi", missing_vi, ["(1) mỗi người một dòng", "(2) mỗi người một dòng",
                            "(3) mỗi tổ một dòng"]),
        ("en", missing_en, ["(1) one row per person", "(2) one row per person",
                            "(3) one row per team"]),
    ):
        result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                          "--lang", lang])
        said = " ".join(result.output.split())
        assert result.exit_code == 2
        assert missing in said and all(layout in said for layout in layouts), said


# --- the sample lists -------------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def test_the_three_sample_lists_give_the_same_findings() -> None:
    """The hand-typed Linh Trung list in layouts 1, 2 and 3: same teams, same mistakes."""
    found = {}
    for name in ("tay", "tieu-de", "theo-to"):
        result = CliRunner().invoke(app, [
            "validate", str(SAMPLES / f"linh-trung-danh-sach-{name}.xlsx"), "--units",
            str(SAMPLES / "linh-trung.xlsx"), "--json", "-"])
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        found[name] = (document["summary"], sorted(f["code"] for f in document["findings"]))
    assert found["tay"] == found["tieu-de"] == found["theo-to"]
    assert found["tay"][0]["teams"] == 38 and found["tay"][0]["error"] == 11


def test_the_terminal_lists_teams_in_natural_order() -> None:
    result = CliRunner().invoke(app, [
        "validate", str(SAMPLES / "linh-trung-danh-sach-tieu-de.xlsx"), "--units",
        str(SAMPLES / "linh-trung.xlsx")], env={"COLUMNS": "120"})
    teams = [line.split("│")[1].strip() for line in result.output.splitlines()
             if line.startswith("│") and line.split("│")[1].strip()]
    assert teams == ["1", "2", "5", "11", "12", "37", "—"]
