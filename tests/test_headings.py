"""Team headings as offices write them (SPEC §7, layout 2): the team's number and its places.

``areas`` and ``units`` are read like the two place columns of a list (``unit_labels``), so
each case also says which ``(khu phố, unit)`` slots the heading comes to.
"""

from __future__ import annotations

import pytest

from tcns_cli.places import list_number, team_heading, unit_labels

Slots = list[tuple[str | None, str | None]]

# (heading, team number, list number, slots it names)
SPELLINGS: list[tuple[str, str | None, str | None, Slots]] = [
    ("I. Tổ công nghệ số cộng đồng số 1 (Tổ 3, Khu phố 1)", "1", "I", [("1", "3")]),
    ("Tổ công nghệ số cộng đồng số 2 (Tổ 5, Tổ 6, Khu phố 1)", "2", None,
     [("1", "5"), ("1", "6")]),
    ("Tổ CNS Khu phố 2: Tổ 11 + Tổ 13", None, None, [("2", "11"), ("2", "13")]),
    ("TỔ 3 - THÔN ĐÔNG, THÔN TÂY", "3", None, [("Đông", None), ("Tây", None)]),
    ("TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG SỐ 01 (TDP 3 - TDP 4, KHU PHỐ 1)", "01", None,
     [("1", "3"), ("1", "4")]),
    ("II - TỔ CNS SỐ 2: TDP 5 + TDP 6 (KP 2)", "2", "II", [("2", "5"), ("2", "6")]),
    ("3. Tổ CNSCĐ số 3 – Khu phố 1 – Tổ 7 và Tổ 8", "3", "3", [("1", "7"), ("1", "8")]),
    ("Tổ dân phố số 3, Tổ dân phố số 4 - Khu phố 1", None, None, [("1", "3"), ("1", "4")]),
    ("Tổ 3 và 4 (KP1)", None, None, [("1", "3"), ("1", "4")]),
    ("Tổ 1, 2", None, None, [(None, "1"), (None, "2")]),
    ("Tổ 13 (KP 3) + Tổ 4 (KP 5)", None, None, [("3", "13"), ("5", "4")]),
    ("KP1-Tổ 3, KP2-Tổ 5", None, None, [("1", "3"), ("2", "5")]),
    ("Tổ số 1 (Tổ 3, Tổ 4)", "1", None, [(None, "3"), (None, "4")]),
    ("Tổ 1: Thôn Đông + Thôn Tây", "1", None, [("Đông", None), ("Tây", None)]),
    ("Tổ 3 (KP 1)", None, None, [("1", "3")]),
    ("Tổ 3 - Tổ 4", None, None, [(None, "3"), (None, "4")]),
    ("TỔ CNS SỐ 7 (TỔ 3 KHU PHỐ 1)", "7", None, [("1", "3")]),
    ("Tổ CNS số 9 (Thôn Tân Lập 2, Thôn Đồng Tâm)", "9", None,
     [("Tân Lập 2", None), ("Đồng Tâm", None)]),
    ("Ấp Bình Hòa 2 + Ấp Cây Me", None, None, [("Bình Hòa 2", None), ("Cây Me", None)]),
    ("I Tổ CNS số 4 (Tổ 1)", "4", "I", [(None, "1")]),
    ("Tổ 12A, Tổ 12B (KP 6)", None, None, [("6", "12A"), ("6", "12B")]),
    ("To 3, To 4 (KP 1)", None, None, [("1", "3"), ("1", "4")]),  # typed without accents
    ("Tổ CNS Thôn Đông", None, None, [("Đông", None)]),
    ("Khu phố 1 - Tổ 3, Khu phố 2 - Tổ 5", None, None, [("1", "3"), ("2", "5")]),
    ("Tổ 3 thôn Đông, Tổ 4 thôn Tây", None, None, [("Đông", "3"), ("Tây", "4")]),
    ("Tổ CNS số 6 (Ấp Cây Me, Ấp Bình Hòa)", "6", None, [("Cây Me", None), ("Bình Hòa", None)]),
    ("Nhóm 2 - Tổ 3, Tổ 4 (KP 1)", "2", None, [("1", "3"), ("1", "4")]),
    ("Tổ công nghệ số 5: Xóm 1, Xóm 2 (Thôn Đông Hòa)", "5", None,
     [("Đông Hòa", "1"), ("Đông Hòa", "2")]),
    ("Bản Nà Lốc và Bản Co Muông", None, None, [("Nà Lốc", None), ("Co Muông", None)]),
]


@pytest.mark.parametrize(("text", "team", "numbering", "slots"), SPELLINGS,
                         ids=[s[0] for s in SPELLINGS])
def test_a_heading_names_its_team_and_places(
    text: str, team: str | None, numbering: str | None, slots: Slots
) -> None:
    heading = team_heading(text)
    assert heading is not None
    assert (heading.team, heading.numbering) == (team, numbering)
    assert unit_labels(heading.areas, heading.units) == slots


# The heading hands places on with their type words, as a list's place columns would, so
# that the label reader knows a Xóm 1 from a Tổ 1.
@pytest.mark.parametrize(("text", "team", "areas", "units"), [
    ("Tổ công nghệ số 5: Xóm 1, Xóm 2 (Thôn Đông Hòa)", "5", "Thôn Đông Hòa", "Xóm 1, Xóm 2"),
    ("Bản Nà Lốc và Bản Co Muông", None, "Bản Nà Lốc, Bản Co Muông", ""),
    ("TỔ 2 - BUÔN ĐƠN, BUÔN TRÍ", "2", "Buôn Đơn, Buôn Trí", ""),
    ("Tổ CNS số 4: Xóm Chùa + Xóm Đình (Thôn Thượng)", "4", "Thôn Thượng", "Xóm Chùa, Xóm Đình"),
])
def test_commune_words_are_handed_on_with_their_type(
    text: str, team: str | None, areas: str, units: str
) -> None:
    heading = team_heading(text)
    assert heading is not None
    assert (heading.team, heading.areas, heading.units) == (team, areas, units)


@pytest.mark.parametrize("text", ["Tổ CNS số 2", "Tổ công nghệ số cộng đồng", "TỔ CNS SỐ 12"])
def test_a_heading_that_names_no_unit_is_still_a_heading(text: str) -> None:
    heading = team_heading(text)
    assert heading is not None and heading.named and not heading.names_places


@pytest.mark.parametrize("text", [
    "Tô Văn Hải", "Bàn Văn Lâm", "Lăng Thị Hoa", "Nguyễn Văn An", "Tổ trưởng", "Tổ phó",
    "Tổng cộng", "Tổng", "II", "Vạn Xuân", "",
])
def test_people_roles_totals_and_numbers_are_no_heading(text: str) -> None:
    # Tô, Bàn, Lăng are family names that lose their accents into place words (tổ, bản, làng).
    assert team_heading(text) is None


@pytest.mark.parametrize(("text", "number"), [
    ("I", "I"), ("iv.", "IV"), ("2", "2"), ("B)", "B"), ("XII", "XII"), ("Tổ 1", None),
    ("Nguyễn", None), ("1234", None),
])
def test_list_number_cells(text: str, number: str | None) -> None:
    assert list_number(text) == number
