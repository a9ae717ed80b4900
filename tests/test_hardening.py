"""Hostile inputs and interrupted writes: no formulas, no half files, no lost rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.errors import InputErrors, TcnsError
from tcns_cli.places import unit_slots
from tcns_cli.readers.dataset import read_dataset
from tcns_cli.writers.files import write_atomically

RISKY = ["=1+1", "+84 SUM(A1)", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"]


def no_formulas(path: Path) -> list[str]:
    """Every text cell of a workbook, after asserting none of them is a formula."""
    texts = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous")

    def half_then_fail(path: Path) -> None:
        path.write_bytes(b"half a workbook")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Not the private 0600 of a temporary file: colleagues on a shared drive can open it."""
    import os

    previous = os.umask(0o022)
    try:
        target = tmp_path / "out.xlsx"
        write_atomically(target, lambda path: path.write_bytes(b"workbook"))
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failing_disk_is_exit_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tcns_cli.writers.excel as excel

    def full_disk(book: excel.PlanWorkbook, plan: object, lang: str) -> None:
        Path(book.book.filename).write_bytes(b"PK")  # half a file, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(excel.PlanWorkbook, "finish", full_disk)
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "thu-duc-2025-kp.csv"
    result = CliRunner().invoke(app, ["plan", str(sample), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "No space left" in " ".join(result.stderr.split())
    assert not list(tmp_path.iterdir())


def roster_file(folder: Path) -> tuple[Path, Path]:
    units = folder / "units.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh"])
    book.active.append(["1", "1", 100, "=cmd|' /C calc'!A0", 1990])
    book.active.append(["1", "2", 120, "Lê B", 1985])
    book.active["D2"].data_type = "s"
    book.save(units)
    roster = folder / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Chức danh trong tổ",
                  "Đoàn thể", "Số điện thoại"])
    for n, name in enumerate(RISKY):
        sheet.append(["=T1", "1", "Tổ 1, Tổ 2", name, "Thành viên" if n else "Tổ trưởng",
                      "=Đoàn TN", "=0901234567"])
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(roster)
    return units, roster


def test_validate_report_keeps_hostile_text_as_text(tmp_path: Path) -> None:
    units, roster = roster_file(tmp_path)
    report = tmp_path / "report.xlsx"
    result = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                      "--report", str(report)])
    assert result.exit_code == 1, result.output
    texts = no_formulas(report)
    assert "=T1" in texts and "=1+1" in texts


def test_plan_workbook_keeps_a_formula_like_leader_as_text(tmp_path: Path) -> None:
    units, _ = roster_file(tmp_path)
    out = tmp_path / "plan.xlsx"
    assert CliRunner().invoke(app, ["plan", str(units), "-o", str(out)]).exit_code == 0
    assert "=cmd|' /C calc'!A0" in no_formulas(out)


def test_template_has_no_formulas(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    assert CliRunner().invoke(app, ["template", "-o", str(out)]).exit_code == 0
    assert any("VÍ DỤ" in t for t in no_formulas(out))


LABELS = st.sampled_from(["Tổ {}", "TDP {}", "{}", "Tổ 0{}"])
HOUSEHOLDS = st.one_of(
    st.integers(0, 1200), st.integers(0, 1200).map(str), st.just(""), st.just("nhiều"),
    st.just(-5), st.just(12.5),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kps=st.lists(st.lists(st.tuples(LABELS, HOUSEHOLDS), min_size=1, max_size=6),
                 min_size=1, max_size=4),
    subtotals=st.booleans(), merge=st.booleans(), blank_rows=st.booleans(),
)
def test_every_unit_row_is_planned_or_reported(
    tmp_path: Path, kps: list[list[tuple[str, object]]], subtotals: bool, merge: bool,
    blank_rows: bool,
) -> None:
    """Totals are never units, merged cells never duplicate one, and no row is lost."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH TỔ DÂN PHỐ"])
    sheet.append(["Khu phố", "Tổ dân phố", "Số hộ"])
    data_rows: dict[int, tuple[str, str]] = {}
    for k, tdps in enumerate(kps, start=1):
        top = sheet.max_row + 1
        for t, (style, homes) in enumerate(tdps, start=1):
            sheet.append([f"KP{k}" if not merge or t == 1 else None, style.format(t), homes])
            data_rows[sheet.max_row] = (str(k), str(t))
            if blank_rows:
                sheet.append([])
        if merge and sheet.max_row > top:
            sheet.merge_cells(start_row=top, start_column=1, end_row=sheet.max_row, end_column=1)
        if subtotals:
            sheet.append([f"Cộng KP{k}", None, 999])
    sheet.append(["Tổng cộng", None, 9999])
    path = tmp_path / "w.xlsx"
    book.save(path)
    try:
        dataset = read_dataset([path], ward="W")
    except InputErrors as error:
        reported = {f.source.row for f in error.findings}
        assert reported <= set(data_rows)
        bad = {r for r, (k, t) in data_rows.items()
               if not _valid_households(kps[int(k) - 1][int(t) - 1][1])}
        assert bad <= reported and reported
        return
    except TcnsError:
        raise
    assert sorted(u.source.row for u in dataset.units) == sorted(data_rows)
    assert {unit_slots(u) for u in dataset.units} == set(data_rows.values())


def _valid_households(value: object) -> bool:
    from tcns_cli.normalize import households

    return households(value) is not None
