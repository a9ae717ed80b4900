"""The workbook `tcns plan` writes, read back with openpyxl (SPEC §6.1)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app

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


def test_no_cell_is_a_formula(written: tuple[Path, dict[str, object]]) -> None:
    book = openpyxl.load_workbook(written[0])
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    hostile = [n for n in planned_names(written[1]) if n.startswith(("=", "+", "-", "@"))]
    assert len(hostile) >= 2  # the test means something only if such names were planned
    assert set(hostile) <= texts
    assert "=cmd|' /C calc'!A0" in texts


def test_roster_header_block_columns_people_and_phones(
    written: tuple[Path, dict[str, object]],
) -> None:
    sheet = openpyxl.load_workbook(written[0])["Danh sách thành viên"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN"
    assert sheet["A2"].value == "PHƯỜNG AN KHÁNH"
    assert sheet["F1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["F2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A4"].value == "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"
    assert tuple(c.value for c in sheet[7]) == ROSTER_HEADERS
    assert sheet.print_title_rows == "$7:$7"
    assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=8)]
    plan = written[1]
    assert sorted(r[5] for r in rows) == sorted(planned_names(plan))
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
    rules = {r[0].value: r[7].value for r in sheet.iter_rows(min_row=2)}
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
