"""Header aliases and finding the header row below title rows (SPEC §2.2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tcns_cli.normalize import cell_text, squash, squash_exact
from tcns_cli.places import (
    AREA_HEADERS,
    GROUP,
    UNIT_HEADERS,
    UNIT_LEADER_HEADERS,
    VILLAGE,
    WARD_HEADERS,
    header_level,
    is_leader_header,
)

HEADER_SCAN_ROWS = 30

# field: aliases. One table for every kind of sheet, so that one header cell is claimed by
# one field only (``Họ`` is a family name, ``Hộ`` a household count).
ALIASES: dict[str, tuple[str, ...]] = {
    "stt": ("STT", "Số TT", "TT", "No"),
    "team_id": ("Mã tổ", "Mã tổ CNS", "Tổ CNS", "Team", "Team id"),
    "ward": WARD_HEADERS,
    "khu_pho": AREA_HEADERS,
    "tdp": UNIT_HEADERS,
    "households": (
        "Số hộ", "Số hộ gia đình", "Tổng số hộ", "Hộ", "Households", "Số hộ dân", "Số lượng hộ",
    ),
    "lat": ("Vĩ độ", "Lat", "Latitude"),
    "lon": ("Kinh độ", "Lon", "Lng", "Longitude", "Long"),
    "neighbours": ("Tổ liền kề", "Giáp ranh", "Neighbours", "Neighbors", "Liền kề", "Tổ giáp ranh"),
    "leader_name": UNIT_LEADER_HEADERS,
    "name": ("Họ và tên", "Họ tên", "Họ và tên thành viên", "Tên thành viên", "Name", "Full name"),
    "family": ("Họ", "Họ và tên đệm", "Họ đệm", "Họ và chữ đệm"),
    "given": ("Tên",),
    "birth_year": (
        "Năm sinh", "Ngày sinh", "Ngày tháng năm sinh", "Năm sinh tổ trưởng", "Birth year",
        "Ngày, tháng, năm sinh",
    ),
    "gender": ("Giới tính", "Giới", "Nam/Nữ", "Gender"),
    "organization": (
        "Đoàn thể", "Tổ chức", "Chi hội", "Tổ chức đoàn thể", "Chi hội đoàn thể", "Đơn vị",
        "Organisation", "Organization",
    ),
    "position": (
        "Chức vụ", "Chức danh", "Chức vụ ở địa phương", "Chức vụ tại địa phương", "Position",
    ),
    "role": ("Chức danh trong tổ", "Chức danh trong Tổ CNS", "Vai trò", "Role"),
    "phone": (
        "Số điện thoại", "SĐT", "Điện thoại", "SĐT tổ trưởng", "Số ĐT", "Điện thoại liên hệ",
        "Phone",
    ),
    "digital_skills": ("Kỹ năng số", "Có kỹ năng số", "Digital skills"),
    "note": ("Ghi chú", "Note", "Notes"),
    "platform": ("Nền tảng", "Nền tảng số", "Nhóm Zalo", "Nền tảng quản lý", "Platform"),
}

_EXACT = {squash_exact(a): f for f, aliases in ALIASES.items() for a in aliases}
_FOLDED: dict[str, str] = {}
for _field, _aliases in ALIASES.items():
    for _alias in _aliases:
        _FOLDED.setdefault(squash(_alias), _field)

_PARENTHESES = re.compile(r"\(.*?\)")


@dataclass(frozen=True, slots=True)
class Header:
    """A header row: its index in the table and the column of each recognised field."""

    index: int
    columns: dict[str, int]
    labels: dict[str, str]

    def has(self, *fields: str) -> bool:
        """True when every field has a column."""
        return all(f in self.columns for f in fields)


CellFields = tuple[str, str | None, str | None, str | None]


@lru_cache(maxsize=16_384, typed=True)  # typed: 1, 1.0 and True read apart
def _fields_of_value(value: Any) -> CellFields:
    """What one header cell may be: its text (parentheses dropped), the field its accented
    and its accent-free text name, and the field its place or position words name. Header
    scans read the first rows of every sheet, whose cells repeat: each value is read once."""
    text = _PARENTHESES.sub("", cell_text(value))
    if not text:
        return text, None, None, None
    own = {VILLAGE: "khu_pho", GROUP: "tdp"}.get(header_level(text) or "")
    if not own and is_leader_header(text):
        own = "leader_name"  # ``Trưởng bản``, ``Trưởng thôn, tổ trưởng``
    return text, _EXACT.get(squash_exact(text)), _FOLDED.get(squash(text)), own


def _fields_of(value: Any) -> CellFields:
    try:
        return _fields_of_value(value)
    except TypeError:  # an unhashable cell value: read it without the cache
        return _fields_of_value.__wrapped__(value)


def match_header(cells: list[Any]) -> Header:
    """Recognise the fields of one row: accented matches first, then accent-free ones, then
    place columns titled in the data's own words."""
    found = [_fields_of(c) for c in cells]
    texts = [f[0] for f in found]
    columns: dict[str, int] = {}
    for kind in (1, 2, 3):
        for col, fields in enumerate(found):
            fld = fields[kind]
            if fld and fld not in columns and col not in columns.values():
                columns[fld] = col
    households = columns.get("households")
    if households is not None and "given" in columns and squash(texts[households]) == "ho":
        # "Ho | Ten" typed without accents is a split name, not a household count.
        columns["family"] = columns.pop("households")
    labels = {f: cell_text(cells[c]) for f, c in columns.items()}
    return Header(-1, columns, labels)


def find_header(rows: list[list[Any]], required: tuple[tuple[str, ...], ...]) -> Header | None:
    """The best header row in the first rows: one that has any of ``required``'s field sets."""
    best: Header | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = match_header(cells)
        if not any(found.has(*fields) for fields in required):
            continue
        if best is None or len(found.columns) > len(best.columns):
            best = Header(index, found.columns, found.labels)
    return best


# A team's name in a team list (SPEC §7). Not in ALIASES: in a unit sheet ``Tên tổ`` is the
# unit's own name, in a team list the team's (beside its ``Tổ dân phố phụ trách``).
TEAM_NAME_HEADERS = ("Tên tổ", "Tên tổ CNS", "Tên tổ công nghệ số", "Tổ công nghệ số",
                     "Tổ công nghệ số cộng đồng", "Tên tổ công nghệ số cộng đồng")

UNIT_SHEET = (("households",),)
ROSTER_SHEET = (("team_id", "name"), ("team_id", "family", "given"))
# A team list in any layout of SPEC §7 (a name column, or a leader's column of a
# one-row-per-team list): what tells a legacy-font team list's header once converted.
ANY_ROSTER_SHEET = (*ROSTER_SHEET, ("name",), ("family", "given"), ("leader_name",))
PEOPLE_SHEET = (
    ("name", "organization"),
    ("name", "position"),
    ("family", "given", "organization"),
    ("family", "given", "position"),
)
