"""`tcns validate`: one team list per finding code of SPEC §7, each breaking that one rule.

The ward (the unit file):

    KP1: Tổ 1 (100 hộ, An 1980)   Tổ 2 (120, Bình 1985)   Tổ 3 (500, Cúc 1970)
    KP2: Tổ 1 (90, Dũng 1975)     Tổ 2 (80, Em 1990)

The clean list: CNS1 = KP1 Tổ 1 + Tổ 2 (led by Bình, the younger), CNS2 = KP1 Tổ 3 alone,
CNS3 = KP2 Tổ 1 + Tổ 2 (led by Em); one Youth Union member per TDP.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tcns_cli.checks import CHECKS
from tcns_cli.cli import app

UNITS = [("KP1", "Tổ 1", 100, "Lê An", 1980, "0901000001"),
         ("KP1", "Tổ 2", 120, "Trần Bình", 1985, "0901000002"),
         ("KP1", "Tổ 3", 500, "Phạm Cúc", 1970, "0901000003"),
         ("KP2", "Tổ 1", 90, "Võ Dũng", 1975, "0901000004"),
         ("KP2", "Tổ 2", 80, "Đỗ Em", 1990, "0901000005")]
PEOPLE = [("Ngô Y Một", 2000, "KP1", "Tổ 1", "Đoàn TN", "0911000001"),
          ("Ngô Y Sáu", 2004, "KP1", "Tổ 1", "Đoàn TN", "0911000006"),
          ("Hồ Phụ Nữ", 1990, "KP1", "Tổ 1", "Hội Phụ nữ", "0911000007"),
          ("Ngô Y Hai", 2001, "KP1", "Tổ 2", "Đoàn TN", "0911000002"),
          ("Ngô Y Ba", 1999, "KP1", "Tổ 3", "Đoàn TN", "0911000003"),
          ("Ngô Y Bốn", 2002, "KP2", "Tổ 1", "Đoàn TN", "0911000004"),
          ("Ngô Y Năm", 2003, "KP2", "Tổ 2", "Đoàn TN", "0911000005")]
HEADER = ["STT", "Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Năm sinh",
          "Chức danh trong tổ", "Đoàn thể", "Số điện thoại", "Nền tảng"]
Row = list[object]


def clean() -> list[Row]:
    """The clean list, one row per person (STT filled in when written)."""
    def row(team: str, kp: str, units: str, name: str, year: int, role: str, org: str,
            phone: str) -> Row:
        return [None, team, kp, units, name, year, role, org, phone, "Zalo"]
    return [
        row("CNS1", "KP1", "Tổ 1, Tổ 2", "Trần Bình", 1985, "Tổ trưởng", "", "0901000002"),
        row("CNS1", "KP1", "Tổ 1, Tổ 2", "Ngô Y Một", 2000, "Thành viên", "Đoàn Thanh niên",
            "0911000001"),
        row("CNS1", "KP1", "Tổ 1, Tổ 2", "Ngô Y Hai", 2001, "Thành viên", "Đoàn Thanh niên",
            "0911000002"),
        row("CNS2", "KP1", "Tổ 3", "Phạm Cúc", 1970, "Tổ trưởng", "", "0901000003"),
        row("CNS2", "KP1", "Tổ 3", "Ngô Y Ba", 1999, "Thành viên", "Đoàn Thanh niên",
            "0911000003"),
        row("CNS3", "KP2", "Tổ 1, Tổ 2", "Đỗ Em", 1990, "Tổ trưởng", "", "0901000005"),
        row("CNS3", "KP2", "Tổ 1, Tổ 2", "Ngô Y Bốn", 2002, "Thành viên", "Đoàn Thanh niên",
            "0911000004"),
        row("CNS3", "KP2", "Tổ 1, Tổ 2", "Ngô Y Năm", 2003, "Thành viên", "Đoàn Thanh niên",
            "0911000005"),
    ]


FIRST = 3  # the roster's first person is on Excel row 3 (a title row, then the header)


def write_units(folder: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "SĐT"])
    for unit in UNITS:
        book.active.append(list(unit))
    people = book.create_sheet("Nhân sự")
    people.append(["Họ và tên", "Năm sinh", "Khu phố", "Tổ dân phố", "Đoàn thể", "SĐT"])
    for person in PEOPLE:
        people.append(list(person))
    path = folder / "phuong.xlsx"
    book.save(path)
    return path


def write_roster(folder: Path, rows: list[Row]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Danh sách"
    book.active.append(["DANH SÁCH TỔ CÔNG NGHỆ SỐ PHƯỜNG THỬ"])
    book.active.append(HEADER)
    for n, row in enumerate(rows, start=1):
        book.active.append([n, *row[1:]])
    path = folder / "danh-sach.xlsx"
    book.save(path)
    return path


def validate(folder: Path, rows: list[Row], *extra: str) -> tuple[int, list[dict[str, object]]]:
    units, roster = write_units(folder), write_roster(folder, rows)
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--json", "-", *extra])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def set_cell(rows: list[Row], index: int, column: str, value: object) -> None:
    rows[index][HEADER.index(column)] = value


def profile(folder: Path, members: str, severity: str = "") -> str:
    path = folder / "rules.toml"
    path.write_text(f'id = "thu"\ntitle = "Thử"\nplatforms = ["Zalo"]\n[members]\n{members}\n'
                    f'[severity]\n{severity}\n', encoding="utf-8")
    return str(path)


# SPEC §7's table, written out: the default severity of each code. TEAM_SIZE and
# MISSING_ROLE are "per profile": their cases' profiles give them, the other way round from
# each other, so a profile's word is seen to count.
SEVERITY = {
    "UNIT_NOT_COVERED": "error", "UNIT_IN_SEVERAL_TEAMS": "error", "UNKNOWN_UNIT": "error",
    "LARGE_UNIT_NOT_ALONE": "error", "SMALL_UNIT_ALONE": "error", "TOO_MANY_UNITS": "error",
    "AVOIDABLE_CROSS_AREA": "error", "NO_LEADER": "error", "LEADER_NOT_UNIT_LEADER": "error",
    "LEADER_NOT_YOUNGEST": "warning", "MEMBER_COUNT": "error",
    "MEMBER_NOT_IN_ORGANIZATION": "error", "YOUTH_UNION_AVAILABLE": "warning",
    "PERSON_IN_SEVERAL_TEAMS": "error", "BAD_PHONE": "warning",
    "PLATFORM_NOT_ALLOWED": "warning", "TEAM_SIZE": "error", "MISSING_ROLE": "warning",
    "PHONE_CHANGED": "info",
    "OPEN_PLACE": "warning",  # not in SPEC §7's table (yet): an open place of the roster
}


def test_the_clean_list_has_no_finding_at_all(tmp_path: Path) -> None:
    code, findings = validate(tmp_path, clean())
    assert (code, findings) == (0, [])


Mutation = Callable[[list[Row], Path], tuple[int, list[str]]]  # → (row pointed at, extra args)
CASES: dict[str, Mutation] = {}


def case(code: str) -> Callable[[Mutation], Mutation]:
    def register(fn: Mutation) -> Mutation:
        CASES[code] = fn
        return fn
    return register


@case("UNIT_NOT_COVERED")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    del rows[3:5]  # CNS2 gone: KP1 Tổ 3 is row 4 of the unit file
    return 4, []


@case("UNIT_IN_SEVERAL_TEAMS")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in (3, 4):
        set_cell(rows, index, "Tổ dân phố phụ trách", "Tổ 3, Tổ 2")
    return FIRST + 3, []


@case("UNKNOWN_UNIT")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 3, "Tổ dân phố phụ trách", "Tổ 3, Tổ 9")
    return FIRST + 3, []


@case("LARGE_UNIT_NOT_ALONE")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in (0, 1, 2):
        set_cell(rows, index, "Tổ dân phố phụ trách", "Tổ 1, Tổ 2, Tổ 3")
    return FIRST, []


@case("SMALL_UNIT_ALONE")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in (0, 1, 2):
        set_cell(rows, index, "Tổ dân phố phụ trách", "Tổ 2")
    set_cell(rows, 2, "Mã tổ", "CNS1b")
    set_cell(rows, 2, "Tổ dân phố phụ trách", "Tổ 1")
    return FIRST, []


@case("TOO_MANY_UNITS")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in range(5, 8):
        set_cell(rows, index, "Mã tổ", "CNS1")
    for index in (0, 1, 2, 5, 6, 7):
        set_cell(rows, index, "Khu phố", "KP1, KP2")
        set_cell(rows, index, "Tổ dân phố phụ trách", "KP1-Tổ 1, KP1-Tổ 2, KP2-Tổ 1, KP2-Tổ 2")
    return FIRST, []


@case("AVOIDABLE_CROSS_AREA")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in (0, 1, 2):
        set_cell(rows, index, "Khu phố", "KP1, KP2")
        set_cell(rows, index, "Tổ dân phố phụ trách", "Tổ 1 (KP 1), Tổ 1 (KP 2)")
    for index in (5, 6, 7):
        set_cell(rows, index, "Khu phố", "KP1, KP2")
        set_cell(rows, index, "Tổ dân phố phụ trách", "Tổ 2 (KP 1), Tổ 2 (KP 2)")
    return FIRST, []


@case("NO_LEADER")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 3, "Chức danh trong tổ", "Thành viên")
    return FIRST + 3, []


@case("OPEN_PLACE")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for column in ("Họ và tên", "Năm sinh", "Đoàn thể", "Số điện thoại"):
        set_cell(rows, 4, column, None)  # CNS2's member place, left for a name
    return FIRST + 4, []


@case("LEADER_NOT_UNIT_LEADER")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 3, "Họ và tên", "Nguyễn Người Lạ")  # with Cúc's phone: still a stranger
    return FIRST + 3, []


@case("LEADER_NOT_YOUNGEST")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for column, value in (("Họ và tên", "Lê An"), ("Năm sinh", 1980),
                          ("Số điện thoại", "0901000001")):
        set_cell(rows, 0, column, value)
    return FIRST, []


@case("MEMBER_COUNT")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    del rows[2]
    return FIRST, []


@case("MEMBER_NOT_IN_ORGANIZATION")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 2, "Đoàn thể", "Câu lạc bộ dưỡng sinh")
    return FIRST + 2, []


@case("YOUTH_UNION_AVAILABLE")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for column, value in (("Họ và tên", "Hồ Phụ Nữ"), ("Năm sinh", 1990),
                          ("Đoàn thể", "Hội Liên hiệp Phụ nữ"), ("Số điện thoại", "0911000007")):
        set_cell(rows, 1, column, value)
    return FIRST + 1, []


@case("PERSON_IN_SEVERAL_TEAMS")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    rows[6][4:9] = rows[1][4:9]
    return FIRST + 6, []


@case("PHONE_CHANGED")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 4, "Số điện thoại", "0977000003")  # Ngô Y Ba 1999 has 0911000003 on file
    return FIRST + 4, []


@case("BAD_PHONE")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    set_cell(rows, 4, "Số điện thoại", "12345")
    return FIRST + 4, []


@case("PLATFORM_NOT_ALLOWED")
def _(rows: list[Row], _: Path) -> tuple[int, list[str]]:
    for index in (3, 4):
        set_cell(rows, index, "Nền tảng", "Facebook")
    return FIRST + 3, []


@case("TEAM_SIZE")
def _(rows: list[Row], folder: Path) -> tuple[int, list[str]]:
    rules = profile(folder, "min_team_size = 3", 'TEAM_SIZE = "error"')  # CNS2 has 2 people
    return FIRST + 3, ["--rules", rules]


@case("MISSING_ROLE")
def _(rows: list[Row], folder: Path) -> tuple[int, list[str]]:
    organizations = '["doan-thanh-nien", "cong-an"]'
    rules = profile(folder, f'required_roles = ["cong-an"]\norganizations = {organizations}',
                    'MISSING_ROLE = "warning"')
    return FIRST, ["--rules", rules]


def test_every_code_has_a_case() -> None:
    assert set(CASES) == set(CHECKS) == set(SEVERITY)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_broken_once(tmp_path: Path, code: str) -> None:
    rows = copy.deepcopy(clean())
    row, extra = CASES[code](rows, tmp_path)
    exit_code, findings = validate(tmp_path, rows, *extra)
    mine = [f for f in findings if f["code"] == code]
    assert mine, f"{code} not reported; got {[f['code'] for f in findings]}"
    assert {f["severity"] for f in mine} == {SEVERITY[code]}
    assert row in {f["row"] for f in mine}
    assert exit_code == (1 if any(f["severity"] == "error" for f in findings) else 0)


def test_new_phones_of_the_same_people_are_info_not_errors(tmp_path: Path) -> None:
    """SPEC §7 Who is who: names and birth years decide; a new phone is PHONE_CHANGED."""
    rows = clean()
    for n, row in enumerate(rows):
        row[HEADER.index("Số điện thoại")] = f"09770000{n:02d}"
    code, findings = validate(tmp_path, rows)
    assert code == 0
    assert [(f["code"], f["severity"], f["row"], f["column"]) for f in findings] == [
        ("PHONE_CHANGED", "info", FIRST + n, "Số điện thoại") for n in range(8)
    ]


def test_two_people_sharing_a_phone_are_two_people(tmp_path: Path) -> None:
    rows = clean()
    set_cell(rows, 6, "Số điện thoại", "0911000001")  # Ngô Y Bốn (CNS3) gives Ngô Y Một's phone
    code, findings = validate(tmp_path, rows)
    assert code == 0
    assert [(f["code"], f["row"]) for f in findings] == [("PHONE_CHANGED", FIRST + 6)]


@pytest.mark.parametrize(("year", "phone", "twice"), [
    (2000, "0977000001", True),   # same name and year: one person, whatever the phone
    (None, "0977000001", False),  # a year missing: the phones decide, and they differ
    (None, "0911000001", True),   # a year missing, the same phone: one person
    (1998, "0911000001", False),  # another year: another person, even with the same phone
])
def test_who_serves_twice_is_decided_by_name_and_year(
    tmp_path: Path, year: int | None, phone: str, twice: bool
) -> None:
    rows = clean()
    rows[6][4:9] = rows[1][4:9]  # Ngô Y Một (CNS1) also in CNS3
    set_cell(rows, 6, "Năm sinh", year)
    set_cell(rows, 6, "Số điện thoại", phone)
    _, findings = validate(tmp_path, rows)
    several = [f["row"] for f in findings if f["code"] == "PERSON_IN_SEVERAL_TEAMS"]
    assert several == ([FIRST + 6] if twice else [])


def test_a_changed_phone_is_told_once_per_person(tmp_path: Path) -> None:
    rows = clean()
    rows[6][4:9] = rows[1][4:9]  # Ngô Y Một serves twice, both times with a new phone
    for index in (1, 6):
        set_cell(rows, index, "Số điện thoại", "0977000001")
    _, findings = validate(tmp_path, rows)
    assert [(f["code"], f["row"]) for f in findings if f["severity"] != "error"] == [
        ("PHONE_CHANGED", FIRST + 1)
    ]


def test_the_sample_list_with_every_phone_changed_has_no_error(tmp_path: Path) -> None:
    """A correct list of Linh Trung, typed after every phone changed: 110 people, 110 infos."""
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "linh-trung.xlsx"
    out = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(app, ["plan", str(sample), "-o", str(out)]).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Danh sách thành viên"]
    header = [" ".join(str(c.value).split()) for c in sheet[7]]  # "Số điện\nthoại" is one
    name, phone = header.index("Họ và tên"), header.index("Số điện thoại")
    rows = [r for r in sheet.iter_rows(min_row=8) if r[name].value]
    for n, row in enumerate(rows):
        row[phone].value = f"0988{n:06d}"
    book.save(out)
    result = CliRunner().invoke(app, ["validate", str(out), "--units", str(sample), "--json",
                                      "-"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert len(rows) == 110
    assert sorted((f["code"], f["row"], f["column"]) for f in findings) == [
        ("PHONE_CHANGED", r[0].row, "Số điện thoại") for r in rows
    ]


def test_an_open_place_is_not_a_missing_member(tmp_path: Path) -> None:
    rows = clean()
    CASES["OPEN_PLACE"](rows, tmp_path)
    code, findings = validate(tmp_path, rows)
    assert code == 0
    assert [(f["code"], f["severity"], f["row"], f["column"]) for f in findings] == [
        ("OPEN_PLACE", "warning", FIRST + 4, "Họ và tên")
    ]


def test_an_open_leader_place_the_unit_file_can_fill_is_no_leader(tmp_path: Path) -> None:
    rows = clean()
    for column in ("Họ và tên", "Năm sinh", "Số điện thoại"):
        set_cell(rows, 3, column, None)  # CNS2's leader left blank: Phạm Cúc leads KP1 Tổ 3
    code, findings = validate(tmp_path, rows)
    assert code == 1
    assert [(f["code"], f["severity"], f["team"]) for f in findings] == [
        ("NO_LEADER", "error", "CNS2")
    ]


def test_a_plan_without_people_validates_with_open_places_only(tmp_path: Path) -> None:
    """SPEC §7: the roster plan writes passes; its blank names are places, not people."""
    book = openpyxl.Workbook()
    book.active.append(["Khu phố", "Tổ dân phố", "Số hộ"])
    for tdp, households in (("Tổ 1", 500), ("Tổ 2", 100), ("Tổ 3", 120)):
        book.active.append(["KP1", tdp, households])
    source, out = tmp_path / "phuong-thu.xlsx", tmp_path / "plan.xlsx"
    book.save(source)
    runner = CliRunner()
    assert runner.invoke(app, ["plan", str(source), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(out), "--units", str(source), "--json", "-"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    # T01 = Tổ 1: leader, member (rows 8, 9); T02 = Tổ 2 + Tổ 3: leader, 2 members (10-12)
    assert [(f["code"], f["team"], f["row"]) for f in findings] == [
        ("OPEN_PLACE", "T01", 8), ("OPEN_PLACE", "T01", 9), ("OPEN_PLACE", "T02", 10),
        ("OPEN_PLACE", "T02", 11), ("OPEN_PLACE", "T02", 12),
    ]


def test_profile_severity_and_strict_change_the_exit_code(tmp_path: Path) -> None:
    rows = clean()
    CASES["LEADER_NOT_YOUNGEST"](rows, tmp_path)
    code, _ = validate(tmp_path, rows)
    assert code == 0  # a warning
    strict, _ = validate(tmp_path, rows, "--strict")
    assert strict == 1
    raised = tmp_path / "strict.toml"
    raised.write_text('id = "x"\ntitle = "y"\n[severity]\nLEADER_NOT_YOUNGEST = "error"\n',
                      encoding="utf-8")
    code, findings = validate(tmp_path, rows, "--rules", str(raised))
    assert code == 1 and findings[0]["severity"] == "error"


def test_bad_input_exit_2(tmp_path: Path) -> None:
    units = write_units(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["validate", str(tmp_path / "no.xlsx"), "--units",
                               str(units)]).exit_code == 2
    assert runner.invoke(app, ["validate", str(units), "--units", str(units)]).exit_code == 2
    roster = write_roster(tmp_path, clean())
    assert runner.invoke(app, ["validate", str(roster), "--units", str(units), "--rules",
                               "nowhere"]).exit_code == 2


def test_report_workbook(tmp_path: Path) -> None:
    rows = clean()
    CASES["MEMBER_NOT_IN_ORGANIZATION"](rows, tmp_path)
    units, roster = write_units(tmp_path), write_roster(tmp_path, rows)
    report = tmp_path / "bao-cao.xlsx"
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--report", str(report)])
    assert result.exit_code == 1
    sheet = openpyxl.load_workbook(report)["Kết quả kiểm tra"]
    assert sheet.auto_filter.ref
    found = [r for r in sheet.iter_rows(min_row=2, values_only=True)
             if r[2] == "MEMBER_NOT_IN_ORGANIZATION"]
    assert found and found[0][9] == FIRST + 2 and found[0][11] == "Ngô Y Hai"


def test_the_list_plan_writes_validates_without_error(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "linh-trung.xlsx"
    out = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(app, ["plan", str(sample), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(app, ["validate", str(out), "--units", str(sample), "--json",
                                      "-"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["summary"]["error"] == 0 and document["summary"]["teams"] == 38


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    areas=st.lists(st.lists(st.integers(40, 900), min_size=1, max_size=7), min_size=1,
                   max_size=3),
    coordinates=st.booleans(), seed=st.integers(0, 10**6),
)
def test_random_wards_round_trip(
    tmp_path_factory: pytest.TempPathFactory, areas: list[list[int]], coordinates: bool,
    seed: int,
) -> None:
    """Whatever the ward, the list tcns plan writes passes tcns validate without error."""
    import random

    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("ward")
    book = openpyxl.Workbook()
    units = book.active
    units.append(["Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "SĐT", "Vĩ độ",
                  "Kinh độ"])
    people = book.create_sheet("Nhân sự")
    people.append(["Họ và tên", "Năm sinh", "Khu phố", "Tổ dân phố", "Đoàn thể", "SĐT"])
    serial = 0
    for k, households in enumerate(areas, start=1):
        for t, homes in enumerate(households, start=1):
            serial += 1
            point = [10.8 + rng.random() / 50, 106.7 + rng.random() / 50] if coordinates else []
            units.append([f"KP{k}", f"Tổ {t}", homes, f"Tổ Trưởng {serial}",
                          rng.randint(1955, 1990), f"090{serial:07d}", *point])
            for n in range(rng.randint(1, 3)):
                org = rng.choice(["Đoàn TN", "Hội Phụ nữ", "Hội CCB"])
                people.append([f"Ứng Viên {serial} {n}", rng.randint(1960, 2006), f"KP{k}",
                               f"Tổ {t}", org, f"091{serial:05d}{n:02d}"])
    source = folder / "ward.xlsx"
    book.save(source)
    out = folder / "plan.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["plan", str(source), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["validate", str(out), "--units", str(source), "--json", "-"])
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert result.exit_code == 0 and errors == []
