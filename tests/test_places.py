"""Place words (SPEC §1.1, §2.3): labels and ward names as typed, places as documents show them."""

from __future__ import annotations

import unicodedata

import pytest

from tcns_cli.model import Unit
from tcns_cli.places import (
    canonical_label,
    describe,
    is_leader_position,
    slots,
    unit_labels,
    ward_in_title,
    ward_name,
)


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Tổ 01", "1"), ("KP 03", "3"), ("12A", "12A"), ("Ấp Bình Hòa", "Bình Hòa"),
        ("Khu phố 1", "1"), ("KP1", "1"), ("KP 01", "1"), (1, "1"), (1.0, "1"), ("TDP 1", "1"),
        ("Tổ dân phố 05", "5"), ("Tổ số 7", "7"), ("Thôn Đông", "Đông"), ("", None),
        (unicodedata.normalize("NFD", "Tổ dân phố 09"), "9"),
    ],
)
def test_canonical_label(raw: object, label: str | None) -> None:
    assert canonical_label(raw) == label


@pytest.mark.parametrize(
    ("raw", "name"),
    [("Phường Linh Trung", "Linh Trung"), ("P. Linh Trung", "Linh Trung"),
     ("Xã Bình Chánh", "Bình Chánh"), ("Phú Hữu", "Phú Hữu"), (" phường  Thảo Điền ", "Thảo Điền")],
)
def test_ward_name(raw: str, name: str) -> None:
    assert ward_name(raw) == name


def test_describe_and_slots_of_each_shape() -> None:
    tdp = Unit("W", "1", "3", 100)
    lone_tdp = Unit("W", None, "3", 100, area_type=None)
    khu_pho = Unit("W", None, "3", 100, unit_type="khu_pho", area_type=None)
    assert [describe(u) for u in (tdp, lone_tdp, khu_pho)] == ["KP 1 / Tổ 3", "Tổ 3", "KP 3"]
    assert slots("1", "3", "to_dan_pho") == ("1", "3")
    assert slots(None, "3", "to_dan_pho") == (None, "3")
    assert slots(None, "3", "khu_pho") == ("3", None)


@pytest.mark.parametrize(
    ("areas", "units", "expected"),
    [("KP 1", "Tổ 3, Tổ 4", [("1", "3"), ("1", "4")]),
     ("", "KP1-Tổ 3; Tổ 5 (KP 2)", [("1", "3"), ("2", "5")]),
     ("KP 2, KP 4", "Tổ 11, Tổ 27", [("2", "11"), ("4", "27")]),
     ("KP 6", "", [("6", None)])],
)
def test_unit_labels_of_a_team_row(areas: str, units: str, expected: list[object]) -> None:
    assert unit_labels(areas, units) == expected


def test_ward_in_a_title_row() -> None:
    assert ward_in_title("ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG") == "Linh Trung"
    assert ward_in_title("DANH SÁCH TỔ DÂN PHỐ") is None


@pytest.mark.parametrize(("position", "leads"), [
    ("Tổ trưởng tổ dân phố", True), ("Trưởng khu phố", True), ("Trưởng thôn", True),
    ("Trưởng ấp", True), ("Trưởng bản", True), ("TRƯỞNG BẢN", True), ("Trưởng xóm", True),
    ("Trưởng ban điều hành khu phố", True),
    ("Trưởng ban công tác Mặt trận", False), ("Hội viên", False), ("Bí thư chi đoàn", False),
])
def test_who_leads_a_unit(position: str, leads: bool) -> None:
    assert is_leader_position(position) is leads
