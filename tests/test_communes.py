"""Every commune in the data's own words (SPEC §1.1): xã, phường, đặc khu; thôn, ấp, bản…

Each test writes a commune's file the way an office would, plans it through the CLI, and
reads the written workbook back with openpyxl. Expected words are written out literally.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app

ROSTER = "Danh sách thành viên"
PERSON_COLUMNS = ["Họ và tên", "Năm sinh", "Giới tính", "Chức danh trong tổ", "Đoàn thể",
                  "Chức vụ", "Số điện thoại", "Ghi chú"]


def sheet_file(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def plan(tmp_path: Path, source: Path, *args: str) -> tuple[openpyxl.Workbook, dict[str, Any]]:
    out, doc = tmp_path / "out.xlsx", tmp_path / "out.json"
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(out), "--json", str(doc),
                                      *args])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out), json.loads(doc.read_text(encoding="utf-8"))


def flat(value: Any) -> Any:
    """A cell's text as one line: the writer breaks long text into lines itself."""
    return " ".join(value.split()) if isinstance(value, str) else value


def roster(book: openpyxl.Workbook) -> dict[str, Any]:
    """The roster's committee line, subtitle, column titles and the units of every row."""
    sheet = book[ROSTER]
    rows = [[flat(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    headers = [c for c in rows[6] if c is not None]
    unit_col = next(n for n, h in enumerate(headers) if str(h).endswith("phụ trách"))
    return {"committee": rows[1][0], "subtitle": rows[4][0], "headers": headers,
            "units": [r[unit_col] for r in rows[7:] if r[0] is not None]}


def every_text(book: openpyxl.Workbook, profile_text: bool = True) -> str:
    """Every cell's text; without the profile's own title and documents if asked (a profile
    may cite "34 phường" whatever commune uses it)."""
    cited = ("Tên", "Văn bản căn cứ")
    return "\n".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True)
        if profile_text or not (r and (r[0] in cited or str(r[0]).startswith("Bộ quy tắc:")))
        for c in r if c is not None)


def test_a_xa_with_thon_and_ban(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "tan-lap.xlsx", [
        ["ỦY BAN NHÂN DÂN XÃ TÂN LẬP"],
        ["DANH SÁCH THÔN, BẢN"],
        ["STT", "Thôn, bản", "Số hộ", "Trưởng thôn", "Năm sinh"],
        [1, "Thôn 1", 120, "Nguyễn Văn An", 1970],
        [2, "Thôn 2", 95, "Trần Thị Bình", 1980],
        [3, "Thôn Đông", 210, "Lê Văn Cường", 1975],
        [4, "Bản Mường", 80, "Lò Văn Dũng", 1985],
    ])
    book, doc = plan(tmp_path, source, "--rules", "bttt-793-2022")
    got = roster(book)
    assert got["committee"] == "XÃ TÂN LẬP"
    assert "của Ủy ban nhân dân xã Tân Lập)" in got["subtitle"]
    assert got["headers"] == ["STT", "Mã tổ", "Xã", "Thôn, bản phụ trách", *PERSON_COLUMNS]
    assert dict.fromkeys(got["units"]) == dict.fromkeys(
        ["Thôn 1", "Thôn 2", "Thôn Đông", "Bản Mường"])
    assert flat(book["Đề xuất tổ"]["C1"].value) == "Thôn, bản"
    assert flat(book["Tổng hợp"]["B4"].value) == "Số thôn, bản"
    text = every_text(book).lower()
    for word in ("phường", "khu phố", "tổ dân phố", "kp "):
        assert word not in text, word
    ward = doc["wards"][0]
    assert ward["ward_type"] == "xã"
    assert [u["name"] for t in ward["teams"] for u in t["units"]] == [
        "Thôn 1", "Thôn 2", "Thôn Đông", "Bản Mường"]
    assert [u["khu_pho"] for t in ward["teams"] for u in t["units"]] == ["1", "2", "Đông",
                                                                          "Mường"]


def test_a_phuong_with_khu_pho_only(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "kp.xlsx", [
        ["Phường", "Khu phố", "Số hộ", "Trưởng khu phố"],
        ["Linh Xuân", "KP 1", 300, "An"], ["Linh Xuân", "KP 2", 320, "Bình"],
        ["Linh Xuân", "KP 3", 500, "Cường"],
    ])
    book, doc = plan(tmp_path, source)
    got = roster(book)
    assert got["committee"] == "PHƯỜNG LINH XUÂN"
    assert "của Ủy ban nhân dân phường Linh Xuân)" in got["subtitle"]
    assert got["headers"] == ["STT", "Mã tổ", "Phường", "Khu phố phụ trách", *PERSON_COLUMNS]
    assert dict.fromkeys(got["units"]) == dict.fromkeys(["Khu phố 1, Khu phố 2", "Khu phố 3"])
    assert "tổ dân phố" not in every_text(book, profile_text=False).lower()
    assert doc["wards"][0]["ward_type"] == "phường"


def test_a_phuong_of_khu_pho_and_to_dan_pho(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "lt.xlsx", [
        ["Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng"],
        ["KP 1", "Tổ 1", 200, "An"], ["KP 1", "Tổ 2", 210, "Bình"], ["KP 2", "Tổ 1", 600, "Cúc"],
    ])
    book, doc = plan(tmp_path, source, "--ward", "P. Linh Trung")
    got = roster(book)
    assert got["committee"] == "PHƯỜNG LINH TRUNG"
    assert got["headers"] == ["STT", "Mã tổ", "Phường", "Khu phố", "Tổ dân phố phụ trách",
                              *PERSON_COLUMNS]
    assert dict.fromkeys(got["units"]) == dict.fromkeys(["Tổ 1, Tổ 2", "Tổ 1"])
    assert [u["name"] for t in doc["wards"][0]["teams"] for u in t["units"]] == [
        "Tổ 1", "Tổ 2", "Tổ 1"]


def test_a_dac_khu_of_ap(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "pq.xlsx", [
        ["Ấp", "Số hộ", "Trưởng ấp"], ["Ấp Cây Me", 200, "An"], ["Ấp Suối Đá", 220, "Bình"],
        ["Ấp 3", 700, "Cúc"],
    ])
    book, doc = plan(tmp_path, source, "--ward", "Đặc khu Phú Quốc")
    got = roster(book)
    assert got["committee"] == "ĐẶC KHU PHÚ QUỐC"
    assert "của Ủy ban nhân dân đặc khu Phú Quốc)" in got["subtitle"]
    assert got["headers"] == ["STT", "Mã tổ", "Đặc khu", "Ấp phụ trách", *PERSON_COLUMNS]
    assert dict.fromkeys(got["units"]) == dict.fromkeys(["Ấp 3", "Ấp Cây Me, Ấp Suối Đá"])
    assert doc["wards"][0]["ward_type"] == "đặc khu"
    text = every_text(book, profile_text=False).lower()
    assert "phường" not in text and "khu phố" not in text


def test_a_province_file_mixing_the_three_types(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "tinh.xlsx", [
        ["Xã/Phường", "Thôn, khu phố", "Số hộ", "Trưởng thôn"],
        ["Xã Tân Lập", "Thôn 1", 100, "An"], ["Xã Tân Lập", "Thôn 2", 120, "Bình"],
        ["Phường Linh Xuân", "Khu phố 1", 200, "Cúc"],
        ["Phường Linh Xuân", "Khu phố 2", 210, "Dũng"],
        ["Đặc khu Phú Quốc", "Ấp 1", 300, "Em"], ["Đặc khu Phú Quốc", "Ấp 2", 310, "Giang"],
    ])
    split = tmp_path / "split"
    book, doc = plan(tmp_path, source, "--split-dir", str(split))
    got = roster(book)
    assert got["committee"] == "……………"  # several wards: never one ward's header for all
    assert got["subtitle"].endswith("của Ủy ban nhân dân)")
    assert got["headers"][2:4] == ["Xã/Phường", "Thôn, khu phố, ấp phụ trách"]
    wards = [flat(r[2]) for r in book[ROSTER].iter_rows(min_row=8, values_only=True) if r[0]]
    assert dict.fromkeys(wards) == dict.fromkeys(
        ["Xã Tân Lập", "Phường Linh Xuân", "Đặc khu Phú Quốc"])
    assert [w["ward_type"] for w in doc["wards"]] == ["xã", "phường", "đặc khu"]
    own = {p.name: roster(openpyxl.load_workbook(p)) for p in split.iterdir()}
    assert {n: (g["committee"], g["headers"][2:4]) for n, g in own.items()} == {
        "tan-lap-tcns.xlsx": ("XÃ TÂN LẬP", ["Xã", "Thôn phụ trách"]),
        "linh-xuan-tcns.xlsx": ("PHƯỜNG LINH XUÂN", ["Phường", "Khu phố phụ trách"]),
        "phu-quoc-tcns.xlsx": ("ĐẶC KHU PHÚ QUỐC", ["Đặc khu", "Ấp phụ trách"]),
    }


def findings_of(doc: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in doc["findings"] if f["code"] == code]


def test_the_type_comes_from_the_official_list_when_the_file_gives_only_a_name(
        tmp_path: Path) -> None:
    # In the official list since 1/7/2025, Linh Xuân (Hồ Chí Minh City) is a phường only.
    source = sheet_file(tmp_path / "a.xlsx", [["Thôn", "Số hộ"], ["1", 100], ["2", 120]])
    book, doc = plan(tmp_path, source, "--ward", "Linh Xuân")
    assert doc["wards"][0]["ward_type"] == "phường"
    assert roster(book)["committee"] == "PHƯỜNG LINH XUÂN"
    assert not findings_of(doc, "WARD_TYPE_UNKNOWN")


def test_an_ambiguous_name_leaves_the_type_blank_with_a_warning(tmp_path: Path) -> None:
    # The official list has a Xã Tân Lập (several provinces) and a Phường Tân Lập.
    source = sheet_file(tmp_path / "a.xlsx", [["Thôn", "Số hộ"], ["1", 100], ["2", 120]])
    book, doc = plan(tmp_path, source, "--ward", "Tân Lập")
    assert doc["wards"][0]["ward_type"] is None
    got = roster(book)
    assert got["committee"] == "………… TÂN LẬP"
    assert got["subtitle"].endswith("của Ủy ban nhân dân ………… Tân Lập)")
    [unknown] = findings_of(doc, "WARD_TYPE_UNKNOWN")
    assert unknown["severity"] == "warning" and "Xã Tân Lập" in unknown["message"]
    assert not findings_of(doc, "WARD_NOT_IN_OFFICIAL_LIST")


def test_a_name_not_in_the_official_list_is_reported_with_the_closest(tmp_path: Path) -> None:
    source = sheet_file(tmp_path / "a.xlsx", [["Thôn", "Số hộ"], ["1", 100], ["2", 120]])
    _, doc = plan(tmp_path, source, "--ward", "Tân Lậpp")
    [missing] = findings_of(doc, "WARD_NOT_IN_OFFICIAL_LIST")
    assert missing["severity"] == "info" and "Tân Lập" in missing["message"]
    assert findings_of(doc, "WARD_TYPE_UNKNOWN")


@pytest.mark.parametrize(("header", "title"), [
    (["Mã tổ", "Xã", "Thôn phụ trách", "Họ và tên", "Chức danh trong tổ"], "Thôn phụ trách"),
    (["Mã tổ", "Phường", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Chức danh trong tổ"],
     "Tổ dân phố phụ trách"),
])
def test_validate_reads_a_list_in_the_communes_words(tmp_path: Path, header: list[str],
                                                      title: str) -> None:
    units = sheet_file(tmp_path / "units.xlsx", [
        ["Xã", "Thôn", "Số hộ", "Trưởng thôn", "Năm sinh"],
        ["Tân Lập", "Thôn 1", 100, "Nguyễn Văn An", 1970],
        ["Tân Lập", "Thôn 2", 120, "Trần Văn Bảo", 1980],
    ] if title.startswith("Thôn") else [
        ["Phường", "Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh"],
        ["Linh Trung", "KP 1", "Tổ 1", 100, "Nguyễn Văn An", 1970],
        ["Linh Trung", "KP 1", "Tổ 2", 120, "Trần Văn Bảo", 1980],
    ])
    place = (["Tân Lập", "Thôn 1, Thôn 2"] if title.startswith("Thôn")
             else ["Linh Trung", "Khu phố 1", "Tổ 1, Tổ 2"])
    team = sheet_file(tmp_path / "list.xlsx", [
        header,
        ["T01", *place, "Trần Văn Bảo", "Tổ trưởng"],
    ])
    result = CliRunner().invoke(app, ["validate", str(team), "--units", str(units), "--json", "-",
                                      "--rules", "bttt-793-2022"])
    doc = json.loads(result.stdout)
    codes = {f["code"] for f in doc["findings"]}
    assert "UNKNOWN_UNIT" not in codes and "UNIT_NOT_COVERED" not in codes
    assert doc["summary"]["teams"] == 1


# --- every message about places, in a thôn's words and in a tổ dân phố's --------------------

KINDS = {"thon": ("Thôn", "Trưởng thôn", "Xã Tân Lập"),
         "tdp": ("Tổ", "Tổ trưởng", "Phường Linh Trung")}


def unit_rows(kind: str, header: list[str], rows: list[list[Any]]) -> list[list[Any]]:
    """Rows of a one-level commune (thôn) or of a phường's khu phố 1 (tổ dân phố)."""
    word, leader, _ = KINDS[kind]
    if kind == "thon":
        return [[word if h == "UNIT" else (leader if h == "LEADER" else h) for h in header],
                *[[f"{word} {r[0]}", *r[1:]] for r in rows]]
    return [["Khu phố", *[("Tổ dân phố" if h == "UNIT" else (leader if h == "LEADER" else h))
                          for h in header]],
            *[["KP 1", f"Tổ {r[0]}", *r[1:]] for r in rows]]


def run_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*args, "--json", "-"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def messages_of(tmp_path: Path, kind: str) -> dict[str, list[str]]:
    """Plans and checks a small commune of each kind made to trip every place message."""
    ward = KINDS[kind][2]
    folder = tmp_path / kind
    folder.mkdir()
    numbered = sheet_file(folder / "a.xlsx", unit_rows(kind, ["UNIT", "Số hộ", "LEADER",
                                                              "Năm sinh", "Vĩ độ", "Kinh độ"], [
        ["1", 100, "An", 1970, 21.0, 105.0], ["2", 100, "", None, None, None],
        ["3", 100, "", None, None, None], ["4", 100, "Dũng", 1980, None, None],
        ["5", 100, "Em", 1985, None, None],
    ]))
    people = sheet_file(folder / "people.xlsx", [
        ["Họ và tên", "Năm sinh", "Thôn" if kind == "thon" else "Tổ dân phố", "Chức vụ",
         "Đoàn thể"],
        ["Giang", 1990, "1", "Đoàn viên", "Đoàn TN"], ["Hà", 1991, "1", "Đoàn viên", "Đoàn TN"],
        ["Khoa", 1992, "9", "Đoàn viên", "Đoàn TN"],
        ["Lan", 1960, "4", KINDS[kind][1], ""], ["Minh", 1961, "4", KINDS[kind][1], ""],
    ])
    found = run_json("plan", str(numbered), "--people", str(people), "--ward", ward)["findings"]
    linked = sheet_file(folder / "b.xlsx", unit_rows(kind, ["UNIT", "Số hộ", "Liền kề"], [
        ["1", 100, f"{KINDS[kind][0]} 2"], ["2", 100, f"{KINDS[kind][0]} 9"], ["3", 100, ""],
        ["4", 100, ""],
    ]))
    found += run_json("plan", str(linked), "--ward", ward)["findings"]
    units = sheet_file(folder / "c.xlsx", unit_rows(kind, ["UNIT", "Số hộ", "LEADER",
                                                           "Năm sinh"], [
        ["1", 100, "An", 1970], ["2", 100, "Bình", 1971], ["3", 600, "Cúc", 1972],
        ["4", 100, "Dũng", 1973], ["5", 100, "Em", 1974], ["6", 100, "Giang", 1975],
        ["7", 100, "Hà", 1976], ["8", 100, "Khoa", 1977], ["9", 100, "Lan", 1978],
    ]))
    word = KINDS[kind][0]
    names = f"{word} 1, {word} 3"
    team_list = sheet_file(folder / "list.xlsx", [
        ["Mã tổ", "Đơn vị phụ trách", "Họ và tên", "Năm sinh", "Chức danh trong tổ"],
        ["T01", names, "Người Lạ", 1990, "Tổ trưởng"],
        ["T02", f"{word} 2", "Bình", 1971, "Tổ trưởng"],
        ["T03", f"{word} 4, {word} 1, {word} 10", "Dũng", 1973, "Tổ trưởng"],
        ["T04", f"{word} 5, {word} 6, {word} 7, {word} 8", "Giang", 1975, "Tổ trưởng"],
    ])
    found += run_json("validate", str(team_list), "--units", str(units), "--ward",
                      ward)["findings"]
    out: dict[str, list[str]] = {}
    for finding in found:
        out.setdefault(finding["code"], []).append(finding["message"])
    return out


PLACE_CODES = {
    "PARTIAL_COORDINATES", "PROXIMITY_NUMBERING", "JOINED_TEAM", "NO_CANDIDATE",
    "MEMBER_BORROWED", "NO_LEADER", "PERSON_UNKNOWN_UNIT", "SEVERAL_LEADERS",
    "UNKNOWN_NEIGHBOUR", "NEIGHBOURS_DISCONNECTED", "UNIT_NOT_COVERED", "UNIT_IN_SEVERAL_TEAMS",
    "UNKNOWN_UNIT", "LARGE_UNIT_NOT_ALONE", "SMALL_UNIT_ALONE", "TOO_MANY_UNITS",
    "LEADER_NOT_UNIT_LEADER",
}


def test_every_place_message_speaks_of_thon_in_a_xa(tmp_path: Path) -> None:
    found = messages_of(tmp_path, "thon")
    assert PLACE_CODES <= set(found), PLACE_CODES - set(found)
    for code in PLACE_CODES:
        for message in found[code]:
            lowered = message.lower()
            assert "kp " not in lowered and "khu phố" not in lowered, message
            assert "tổ dân phố" not in lowered and "phường" not in lowered, message
    assert any("Thôn 1" in m for m in found["UNIT_IN_SEVERAL_TEAMS"])
    assert any("xã Tân Lập" in m for m in found["UNKNOWN_UNIT"])
    assert any("trưởng thôn" in m for m in found["LEADER_NOT_UNIT_LEADER"])


def test_every_place_message_speaks_of_to_dan_pho_in_a_phuong(tmp_path: Path) -> None:
    found = messages_of(tmp_path, "tdp")
    assert PLACE_CODES <= set(found), PLACE_CODES - set(found)
    assert any("KP 1 / Tổ 1" in m for m in found["UNIT_IN_SEVERAL_TEAMS"])
    assert any("phường Linh Trung" in m for m in found["UNKNOWN_UNIT"])
    assert any("tổ trưởng tổ dân phố" in m for m in found["LEADER_NOT_UNIT_LEADER"])
    assert not [m for ms in found.values() for m in ms if re.search(r"\bthôn\b", m.lower())]


def test_a_cross_area_pair_speaks_of_thon_where_tổ_sit_under_thôn(tmp_path: Path) -> None:
    units = sheet_file(tmp_path / "units.xlsx", [
        ["Thôn", "Tổ", "Số hộ", "Tổ trưởng", "Năm sinh"],
        ["Thôn Đông", "Tổ 1", 100, "An", 1970], ["Thôn Đông", "Tổ 2", 100, "Bình", 1971],
        ["Thôn Tây", "Tổ 1", 100, "Cúc", 1972], ["Thôn Tây", "Tổ 2", 100, "Dũng", 1973],
    ])
    team_list = sheet_file(tmp_path / "list.xlsx", [
        ["Mã tổ", "Thôn", "Tổ phụ trách", "Họ và tên", "Năm sinh", "Chức danh trong tổ"],
        ["T01", "Thôn Đông, Thôn Tây", "Tổ 1, Tổ 1", "An", 1970, "Tổ trưởng"],
        ["T02", "Thôn Đông, Thôn Tây", "Tổ 2, Tổ 2", "Bình", 1971, "Tổ trưởng"],
    ])
    doc = run_json("validate", str(team_list), "--units", str(units), "--ward", "Xã Tân Lập")
    crossing = [f["message"] for f in doc["findings"] if f["code"] == "AVOIDABLE_CROSS_AREA"]
    assert crossing and all("ghép khác thôn dù thôn " in m for m in crossing), crossing
    assert not [m for m in crossing if "khu phố" in m.lower() or "KP" in m]


# --- a merged xã: thôn beside khu phố that have tổ dân phố ------------------------------------

MERGED = [["ỦY BAN NHÂN DÂN XÃ TÂN LẬP"], ["Thôn, khu phố", "Tổ dân phố", "Số hộ"],
          ["Thôn 1", None, 120], ["Thôn 2", None, 130], ["Bản Mường", None, 140],
          ["Thôn Đông", None, 150], ["Khu phố 2", "Tổ 1", 160], [None, "Tổ 2", 170],
          ["Khu phố 3", "Tổ 1", 180], [None, "Tổ 2", 190]]


def test_a_merged_xa_plans_its_thon_as_units_and_its_khu_pho_by_tdp(tmp_path: Path) -> None:
    """An area whose rows name no TDP is a unit itself (the thôn); a khu phố with TDPs is
    an area. Thôn pair among themselves, TDPs within their khu phố."""
    source = sheet_file(tmp_path / "merged.xlsx", MERGED)
    result = CliRunner().invoke(app, ["plan", str(source), "--json", "-"])
    assert result.exit_code == 0, result.stderr
    ward = json.loads(result.stdout)["wards"][0]
    assert ward["ward_type"] == "xã"
    teams = sorted(sorted(u["name"] for u in t["units"]) for t in ward["teams"])
    assert [team for team in teams if "Tổ 1" in team] == [["Tổ 1", "Tổ 2"], ["Tổ 1", "Tổ 2"]]
    villages = [team for team in teams if "Tổ 1" not in team]
    assert sorted(name for team in villages for name in team) == [
        "Bản Mường", "Thôn 1", "Thôn 2", "Thôn Đông"]
    assert all(len(team) == 2 for team in villages)


def test_a_khu_pho_with_tdps_still_needs_a_tdp_on_every_row(tmp_path: Path) -> None:
    rows = [*MERGED, ["Khu phố 3", None, 200]]
    source = sheet_file(tmp_path / "merged.xlsx", rows)
    result = CliRunner().invoke(app, ["plan", str(source), "--json", "-", "--lang", "en"])
    assert result.exit_code == 2
    assert "MISSING_UNIT_LABEL" in result.stderr and "row 11" in result.stderr


@pytest.mark.parametrize("title", ["Trưởng bản", "Trưởng thôn, tổ trưởng",
                                   "Họ tên trưởng thôn/tổ trưởng TDP"])
def test_a_leader_column_titled_by_the_data_s_positions_is_read(tmp_path: Path,
                                                               title: str) -> None:
    rows = [["Thôn, khu phố", "Tổ dân phố", "Số hộ", title, "Năm sinh"],
            ["Bản Mường", None, 120, "Lò Văn Chung", 1969],
            ["Thôn 2", None, 130, "Trần Thị Bình", 1980],
            ["Khu phố 2", "Tổ 1", 160, "Lê Văn Giang", 1972],
            [None, "Tổ 2", 170, "Võ Thị Hà", 1990]]
    source = sheet_file(tmp_path / "leaders.xlsx", rows)
    result = CliRunner().invoke(app, ["plan", str(source), "--ward", "Xã Tân Lập", "--json", "-"])
    assert result.exit_code == 0, result.stderr
    leaders = sorted(t["leader"]["name"] for t in json.loads(result.stdout)["wards"][0]["teams"])
    assert leaders == ["Trần Thị Bình", "Võ Thị Hà"]  # the younger of each pair


def test_a_head_of_a_board_is_no_unit_leader_column(tmp_path: Path) -> None:
    """``Trưởng ban`` (of a committee) folds like ``Trưởng bản`` but is not one."""
    rows = [["Thôn", "Số hộ", "Trưởng ban"], ["Thôn 1", 120, "Lò Văn Chung"],
            ["Thôn 2", 130, "Trần Thị Bình"]]
    source = sheet_file(tmp_path / "board.xlsx", rows)
    result = CliRunner().invoke(app, ["plan", str(source), "--ward", "Xã Tân Lập", "--json", "-"])
    assert result.exit_code == 0, result.stderr
    assert [t["leader"] for t in json.loads(result.stdout)["wards"][0]["teams"]] == [None]


def test_a_merged_xa_s_own_list_validates_without_error(tmp_path: Path) -> None:
    """SPEC §7: the list plan writes validates against the same file. A thôn's team has no
    khu phố cell, and the list's khu phố cells are carried down like merged cells: the
    unit's own word (``Thôn 1``) must still find the thôn, not ``Tổ 1`` of the khu phố above."""
    source = sheet_file(tmp_path / "merged.xlsx", MERGED)
    roster = tmp_path / "list.xlsx"
    planned = CliRunner().invoke(app, ["plan", str(source), "-o", str(roster)])
    assert planned.exit_code == 0, planned.stderr
    checked = CliRunner().invoke(app, ["validate", str(roster), "--units", str(source),
                                       "--json", "-"])
    errors = [f["code"] for f in json.loads(checked.stdout)["findings"]
              if f["severity"] == "error"]
    assert checked.exit_code == 0 and errors == [], errors


def test_a_tdp_of_a_khu_pho_that_has_none_stays_unknown(tmp_path: Path) -> None:
    """The type-aware lookup is for a unit that names itself a thôn: ``KP 3 / Tổ 9`` does
    not become the only Tổ 9 of another khu phố."""
    units = sheet_file(tmp_path / "units.xlsx", [
        ["Khu phố", "Tổ dân phố", "Số hộ"], ["KP 2", "Tổ 9", 100], ["KP 2", "Tổ 8", 100],
        ["KP 3", "Tổ 1", 100], ["KP 3", "Tổ 2", 100]])
    roster = sheet_file(tmp_path / "list.xlsx", [
        ["Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Chức danh trong tổ"],
        ["T01", "KP 3", "Tổ 9, Tổ 2", "An", "Tổ trưởng"]])
    checked = CliRunner().invoke(app, ["validate", str(roster), "--units", str(units),
                                       "--ward", "Phường An Khánh", "--json", "-"])
    codes = [f["code"] for f in json.loads(checked.stdout)["findings"]]
    assert "UNKNOWN_UNIT" in codes
