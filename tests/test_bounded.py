"""Bounded cost for any input (SPEC §8, issue 18): an area of more units than any real one is
refused before any work; a ward of more units than any real one is planned with a warning.

Both come from a file read without its ward or khu phố column, so the tests make one: a
unit sheet whose every row lands in one khu phố of one ward. Most units are large (they
stand alone), so that the plan let through by ``--max-area-units`` stays quick.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tcns_cli.cli import app
from tests.test_input_errors import plan, workbook


def one_area(tmp_path: Path, count: int, areas: int = 1) -> Path:
    """A ward of ``count`` units spread over ``areas`` khu phố; all but six are large."""
    rows: list[list[object]] = [["ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH"],
                                ["Khu phố", "Tổ dân phố", "Số hộ"]]
    rows += [[f"KP{n % areas + 1}", f"Tổ {n + 1}", 120 if n < 6 else 500] for n in range(count)]
    return workbook(tmp_path, rows, f"units-{count}.xlsx")


def test_an_area_of_2001_units_is_refused_before_any_work(tmp_path: Path) -> None:
    code, text = plan(tmp_path, one_area(tmp_path, 2001))
    assert code == 2
    # The ward, the area, its count, the limit, the likely cause and the way through.
    assert text.startswith("Error: Ward An Khánh: Khu phố 1 has 2001 units, more than any real "
                           "pairing area (at most 2000)."), text
    assert "may lack its ward or khu phố column" in text
    assert "--max-area-units 2001" in text and "Nothing was written." in text


def test_the_message_is_vietnamese_by_default(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(one_area(tmp_path, 2001)),
                                      "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert "Phường An Khánh: Khu phố 1 có 2001 tổ, nhiều hơn mọi địa bàn ghép tổ có thật" in text
    assert "Chưa ghi tệp nào." in text
    assert not (tmp_path / "out.xlsx").exists()


def test_max_area_units_lets_it_through(tmp_path: Path) -> None:
    source = one_area(tmp_path, 2001)
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(tmp_path / "out.xlsx"),
                                      "--json", str(tmp_path / "out.json"),
                                      "--max-area-units", "2001", "--lang", "en"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert (tmp_path / "out.xlsx").exists()
    planned = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    ward = planned["wards"][0]
    assert sum(len(t["units"]) for t in ward["teams"]) == 2001


def test_an_area_of_2000_units_is_planned(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(one_area(tmp_path, 2000)),
                                      "--json", "-", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["wards"][0]["ward"] == "An Khánh"


def test_a_ward_without_pairing_has_no_pairing_area_to_refuse(tmp_path: Path) -> None:
    """Under a profile where every unit is its own team (793), nothing is paired."""
    result = CliRunner().invoke(app, ["plan", str(one_area(tmp_path, 2001)), "--json", "-",
                                      "--rules", "bttt-793-2022", "--lang", "en"])
    assert result.exit_code == 0, result.stderr


def codes(tmp_path: Path, count: int) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["plan", str(one_area(tmp_path, count, areas=40)),
                                      "--json", "-", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "LARGE_WARD"]


def test_a_ward_of_1001_units_gets_large_ward(tmp_path: Path) -> None:
    found = codes(tmp_path, 1001)
    assert len(found) == 1
    assert found[0]["severity"] == "warning" and found[0]["ward"] == "An Khánh"
    assert found[0]["message"] == (
        "Ward An Khánh has 1001 units, more than any real ward (over 1000). The file may "
        "lack its ward column, so that many wards were read as one; please check. The plan is "
        "still made.")


def test_a_ward_of_1000_units_does_not(tmp_path: Path) -> None:
    assert codes(tmp_path, 1000) == []


def one_level(tmp_path: Path, count: int) -> Path:
    """A xã whose thôn are paired as one area (one level), all but six large."""
    rows: list[list[object]] = [["ỦY BAN NHÂN DÂN XÃ TÂN LẬP"], ["Thôn", "Số hộ"]]
    rows += [[f"Thôn {n + 1}", 120 if n < 6 else 500] for n in range(count)]
    return workbook(tmp_path, rows, f"thon-{count}.xlsx")


def test_a_xa_is_told_in_thon(tmp_path: Path) -> None:
    """The whole xã is one pairing area: the messages speak of thôn and the xã."""
    result = CliRunner().invoke(app, ["plan", str(one_level(tmp_path, 2001)),
                                      "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert "Xã Tân Lập: cả xã Tân Lập có 2001 thôn, nhiều hơn mọi địa bàn ghép tổ" in text
    subject = text.split(", nhiều hơn")[0].lower()  # the cause names columns of any kind
    assert "tổ" not in subject and "phường" not in subject and "khu phố" not in subject
    result = CliRunner().invoke(app, ["plan", str(one_level(tmp_path, 1001)), "--json", "-"])
    assert result.exit_code == 0, result.stderr
    found = [f["message"] for f in json.loads(result.stdout)["findings"]
             if f["code"] == "LARGE_WARD"]
    assert found == ["Xã Tân Lập có 1001 thôn, nhiều hơn mọi xã, phường có thật (trên 1000). Có "
                     "lẽ tệp thiếu cột xã/phường nên nhiều xã, phường bị đọc thành một; hãy kiểm "
                     "tra. Phương án vẫn được lập."]
