"""The workbook `tcns plan` writes, read back with openpyxl (SPEC §6.1)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.writers.excel import break_lines

# SPEC §6.1, written out: the sheets in order, and the roster's columns (for a phường of
# khu phố and tổ dân phố, as the ward below is).
SHEETS = ("Tổng hợp", "Đề xuất tổ", "Danh sách thành viên", "Cảnh báo", "Căn cứ")
ROSTER_HEADERS = (
    "STT", "Mã tổ", "Phường", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Năm sinh",
    "Giới tính", "Chức danh trong tổ", "Đoàn thể", "Chức vụ", "Số điện thoại", "Ghi chú",
)
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+84 SUM(1)", "-2+3", "@SUM(A1)", "\tTab", "=1+1"]


def ward_file(folder: Path) -> Path:
    """A small ward whose people carry names and positions that look like formulas."""
    book = openpyxl.Workbook()
    units = book.active
    units.title = "Tổ"
    units.append(["DANH SÁCH TỔ DÂN PHỐ PHƯỜNG AN KHÁNH"])
    units.append(["Khu phố", "Tổ dân phố", "Số hộ"])
    for row in [("KP1", "Tổ 1", 120), (None, "Tổ 2", 130), (None, "Tổ 3", 700),
                ("KP2", "Tổ 1", 90), (None, "Tổ 2", 80), (None, "Tổ 3", 600)]:
        units.append(list(row))
    people = book.create_sheet("Nhân sự")
    people.append(["Họ và tên", "Năm sinh", "Khu phố", "Tổ", "Chức vụ", "Đoàn thể", "SĐT"])
    rows = [
        ("Lê Văn An", 1970, 1, 1, "Tổ trưởng", "", 901234567),
        ("Trần Thị Bình", 1985, 1, 2, "Tổ trưởng", "", 912345678),
        ("Phạm Cường", 1975, 1, 3, "Tổ trưởng", "", "0987654321"),
        ("Võ Dũng", 1980, 2, 1, "Tổ trưởng", "", ""),
        ("Đỗ Em", 1990, 2, 2, "Tổ trưởng", "", "0356789123"),
        ("Hồ Phúc", 1960, 2, 3, "Tổ trưởng", "", "0356789124"),
    ]
    for n, name in enumerate(HOSTILE):
        rows.append((name, 2000 + n, 1 + n // 3, 1 + n % 3, "=cmd|' /C calc'!A0", "Đoàn TN",
                     "0901 111 22" + str(n)))
    for row in rows:
        people.append(list(row))
    for line in people.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed as '=…, as Excel keeps it: not a formula
    path = folder / "an-khanh.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp("wb")
    source = ward_file(folder)
    out, js = folder / "out.xlsx", folder / "out.json"
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(out), "--json", str(js)])
    assert result.exit_code == 0, result.output
    return out, json.loads(js.read_text(encoding="utf-8"))


def test_sheet_names_and_order(written: tuple[Path, dict[str, object]]) -> None:
    book = openpyxl.load_workbook(written[0])
    assert tuple(book.sheetnames) == SHEETS


def planned_names(plan: dict[str, object]) -> list[str]:
    return [
        p["name"]
        for w in plan["wards"] for t in w["teams"]  # type: ignore[attr-defined]
        for p in [t["leader"], t["deputy"], *t["members"]] if p
    ]


def unbroken(text: str) -> str:
    """A text without the line breaks (or spaces) the writer may put in to fit a column."""
    return "".join(text.split())


def test_no_cell_is_a_formula(written: tuple[Path, dict[str, object]]) -> None:
    book = openpyxl.load_workbook(written[0])
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(unbroken(cell.value))
    hostile = [n for n in planned_names(written[1]) if n.startswith(("=", "+", "-", "@"))]
    assert len(hostile) >= 2  # the test means something only if such names were planned
    assert {unbroken(n) for n in hostile} <= texts
    assert unbroken("=cmd|' /C calc'!A0") in texts


def test_roster_header_block_columns_people_and_phones(
    written: tuple[Path, dict[str, object]],
) -> None:
    sheet = openpyxl.load_workbook(written[0])["Danh sách thành viên"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "PHƯỜNG AN KHÁNH"
    assert sheet["F1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["F2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A4"].value == "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"
    assert tuple(" ".join(c.value.split()) for c in sheet[7]) == ROSTER_HEADERS
    assert sheet.print_title_rows == "$7:$7"
    assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=8)]
    plan = written[1]
    assert sorted(unbroken(r[5]) for r in rows) == sorted(map(unbroken, planned_names(plan)))
    phones = {r[5]: r[11] for r in rows}
    assert phones["Trần Thị Bình"] == "0912345678"  # a number cell that lost its 0
    for row in sheet.iter_rows(min_row=8, min_col=12, max_col=12):
        assert row[0].value in (None, "") or row[0].data_type == "s"
    assert [r[8] for r in rows].count("Tổ trưởng") == sum(
        1 for w in plan["wards"] for t in w["teams"] if t["leader"]  # type: ignore[attr-defined]
    )


def test_proposal_sheet_says_which_rule_formed_each_team(
    written: tuple[Path, dict[str, object]],
) -> None:
    sheet = openpyxl.load_workbook(written[0])["Đề xuất tổ"]
    rules = {r[0].value: " ".join(r[7].value.split()) for r in sheet.iter_rows(min_row=2)}
    assert "Tổ ≥ 450 hộ" in rules.values()
    assert "Ghép 2 tổ < 450 hộ cùng khu phố" in rules.values()
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_summary_totals_match_the_plan(written: tuple[Path, dict[str, object]]) -> None:
    sheet = openpyxl.load_workbook(written[0])["Tổng hợp"]
    total = [r for r in sheet.iter_rows(values_only=True) if r[0] == "TỔNG CỘNG"][0]
    assert total[2] == 6 and total[3] == 120 + 130 + 700 + 90 + 80 + 600
    teams = [t for w in written[1]["wards"] for t in w["teams"]]  # type: ignore[attr-defined]
    assert total[7] == len(teams)


def test_the_workbook_written_while_planning_equals_the_one_written_after(
    tmp_path: Path,
) -> None:
    """`tcns plan` fills the workbook ward by ward as workers plan; the cells and their
    number formats are those of writing the finished plan in one go."""
    from tcns_cli.plan import make_plan
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.writers.excel import write_plan

    sample = Path(__file__).resolve().parent.parent / "sample_data" / "thu-duc-34-phuong.xlsx"
    streamed = tmp_path / "streamed.xlsx"
    result = CliRunner().invoke(app, ["plan", str(sample), "-o", str(streamed)])
    assert result.exit_code == 0, result.output
    at_once = tmp_path / "at-once.xlsx"
    write_plan(make_plan(read_dataset([sample]), load_profile(None), workers=2), at_once, "vi")
    first, second = openpyxl.load_workbook(streamed), openpyxl.load_workbook(at_once)
    assert first.sheetnames == second.sheetnames == list(SHEETS)
    for name in SHEETS:
        cells = [[(c.value, c.number_format) for c in row] for row in first[name].iter_rows()]
        again = [[(c.value, c.number_format) for c in row] for row in second[name].iter_rows()]
        assert cells == again, name
    distances = {c.number_format for c in first[SHEETS[1]]["G"][1:] if c.value is not None}
    assert distances and distances <= {'#,##0" m"', '0" bước"', "0"}


def plan_without_people(folder: Path, *extra: str) -> list[tuple[object, ...]]:
    """KP1: Tổ 1 (500 hộ), Tổ 2 (600), Tổ 3 (700): three teams of one unit; nobody known."""
    book = openpyxl.Workbook()
    book.active.append(["Khu phố", "Tổ dân phố", "Số hộ"])
    for tdp, households in (("Tổ 1", 500), ("Tổ 2", 600), ("Tổ 3", 700)):
        book.active.append(["KP1", tdp, households])
    source, out = folder / "phuong-thu.xlsx", folder / "plan.xlsx"
    book.save(source)
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Danh sách thành viên"]
    return [(r[0], r[1], r[4], r[5], r[8]) for r in sheet.iter_rows(min_row=8, values_only=True)]


def test_a_ward_without_people_gives_a_roster_row_per_place(tmp_path: Path) -> None:
    """SPEC §6.1: the leader and each member place a row, the name blank to be written in."""
    assert plan_without_people(tmp_path) == [
        (1, "T01", "Tổ 1", "", "Tổ trưởng"), (2, "T01", "Tổ 1", "", "Thành viên"),
        (3, "T02", "Tổ 2", "", "Tổ trưởng"), (4, "T02", "Tổ 2", "", "Thành viên"),
        (5, "T03", "Tổ 3", "", "Tổ trưởng"), (6, "T03", "Tổ 3", "", "Thành viên"),
    ]


def test_a_profile_with_a_deputy_keeps_the_deputy_place(tmp_path: Path) -> None:
    rows = plan_without_people(tmp_path, "--rules", "da-nang-2025")  # deputy + 5 members
    roles = ["Tổ trưởng", "Tổ phó", *["Thành viên"] * 5]
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (team, "", role) for team in ("T01", "T02", "T03") for role in roles
    ]


SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def hidden_lines(path: Path) -> list[tuple[str, str, str]]:
    """Every text line wider than its column, every row lower than its lines (SPEC §6.1).

    The estimate, written out: a column ``width`` characters wide holds ``int(width * 0.9) - 1``
    characters of Times New Roman 12, a capital counting one and a half; larger type takes
    more room in proportion. A line is 16.5 points high.
    """
    problems = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        widths = {c: d.width for d in sheet.column_dimensions.values() if d.width
                  for c in range(d.min, d.max + 1)}
        merged = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
        for cell in (c for row in sheet.iter_rows() for c in row):
            if not isinstance(cell.value, str) or not cell.value:
                continue
            span = merged.get((cell.row, cell.column))
            columns = range(span.min_col, span.max_col + 1) if span else [cell.column]
            room = int(sum(widths.get(c, 8.43) for c in columns) * 0.9) - 1
            size, lines = cell.font.sz or 12, cell.value.split("\n")
            where = f"{sheet.title}!{cell.coordinate}"
            problems += [(where, "wider than its column", line) for line in lines
                         if (len(line) + sum(map(str.isupper, line)) / 2) * size / 12 > room]
            height = sheet.row_dimensions[cell.row].height or sheet.sheet_format.defaultRowHeight
            if height < 16.5 * len(lines) * size / 12:
                problems.append((where, f"{len(lines)} lines in {height} pt", cell.value))
    return problems


def test_every_line_of_the_plan_workbook_shows(
    tmp_path: Path, written: tuple[Path, dict[str, object]]
) -> None:
    out = tmp_path / "linh-trung.xlsx"
    result = CliRunner().invoke(app, ["plan", str(SAMPLE / "linh-trung.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert hidden_lines(out) == []
    assert hidden_lines(written[0]) == []


def test_a_member_a_line_in_the_proposals(tmp_path: Path) -> None:
    out = tmp_path / "linh-trung.xlsx"
    assert CliRunner().invoke(app, ["plan", str(SAMPLE / "linh-trung.xlsx"), "-o",
                                    str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Đề xuất tổ"]
    assert sheet.cell(1, 11).value == "Thành viên"
    members = {r[0].value: r[10].value for r in sheet.iter_rows(min_row=2)}
    # T22 of the sample: a Women's Union member, whole on her line
    assert members["T22"] == ("Nguyễn Bảo My (Hội Liên hiệp Phụ nữ)\n"
                              "Nguyễn Gia Khoa (Đoàn Thanh niên)")


def test_every_line_of_the_report_and_the_template_shows(tmp_path: Path) -> None:
    report, template = tmp_path / "bao-cao.xlsx", tmp_path / "mau.xlsx"
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(SAMPLE / "linh-trung-danh-sach-tay.xlsx"),
                                 "--units", str(SAMPLE / "linh-trung.xlsx"), "--report",
                                 str(report)])
    assert result.exit_code == 1, result.output  # the sample list has its planted errors
    assert runner.invoke(app, ["template", "-o", str(template)]).exit_code == 0
    assert hidden_lines(report) == []
    assert hidden_lines(template) == []


@pytest.mark.parametrize(("text", "width", "broken"), [
    ("Ghép 2 tổ lẻ < 450 hộ của 2 khu phố (KP 3, KP 5)", 30,  # 26 fit: int(30 * 0.9) - 1
     "Ghép 2 tổ lẻ < 450 hộ của\n2 khu phố (KP 3, KP 5)"),
    ("Tổ 13 (KP 3), Tổ 4 (KP 5), Tổ 6 (KP 5)", 30, "Tổ 13 (KP 3),\nTổ 4 (KP 5),\nTổ 6 (KP 5)"),
    ("Hồ Công Phúc (Mặt trận Tổ quốc)", 24, "Hồ Công Phúc\n(Mặt trận Tổ quốc)"),
    ("Nguyễn Văn A\nTrần Thị B", 34, "Nguyễn Văn A\nTrần Thị B"),
    ("MEMBER_NOT_IN_ORGANIZATION", 29, "MEMBER_NOT_IN_ORG\nANIZATION"),  # capitals: 1.5 each
])
def test_text_is_broken_between_words_and_items(text: str, width: int, broken: str) -> None:
    assert break_lines(text, width) == broken
