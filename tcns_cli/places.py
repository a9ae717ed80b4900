"""Wards, units and areas, and every word about them: the one owner of place words. Pure.

Readers ask it to understand what an office typed (``Tổ 01`` → ``1``, ``P. Linh Trung`` →
``Linh Trung``, a ward named in a title row, ``KP1-Tổ 3`` in a neighbours or team column);
writers, messages and the terminal ask it how to show a place (``KP 1 / Tổ 3``,
``Khu phố 3``, the column titles). Nothing else spells a place word, so teaching tcns the
words of another kind of commune (SPEC §1.1) happens here.

A unit is identified inside its ward by its **key** ``(area, label)``: the canonical label
of the area it is paired in (its khu phố; None where the data has no level above the unit)
and its own canonical label. Its **type** (the key of :data:`PLACE_TYPES`) says which word
goes with the label. JSON (``tcns.plan/1``) keeps the two city-shaped slots ``khu_pho`` and
``tdp``: :func:`slots` maps a key and a type onto them.

Depends only on :mod:`tcns_cli.normalize`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tcns_cli.normalize import cell_text, fold, nfc

if TYPE_CHECKING:
    from tcns_cli.model import Person, Unit


# --- types --------------------------------------------------------------------------------

VILLAGE, GROUP = "village", "group"  # the two levels under a ward (khu phố; tổ dân phố)


@dataclass(frozen=True, slots=True)
class PlaceType:
    """A kind of unit or area: its full word, its short word in lists, and its level."""

    key: str
    word: str
    short: str
    level: str


KHU_PHO, TO_DAN_PHO = "khu_pho", "to_dan_pho"
PLACE_TYPES: dict[str, PlaceType] = {
    KHU_PHO: PlaceType(KHU_PHO, "Khu phố", "KP", VILLAGE),
    TO_DAN_PHO: PlaceType(TO_DAN_PHO, "Tổ dân phố", "Tổ", GROUP),
}

# Column titles of the workbooks (the ward's, the area's and the unit's).
WARD_WORD, AREA_WORD, UNIT_WORD = "Phường", "Khu phố", "Tổ dân phố"

# Header aliases of the place columns (SPEC §2.2; matching ignores accents and case).
WARD_HEADERS = ("Phường", "Phường/Xã", "Phường/ Xã", "Xã", "Ward", "Tên phường", "Xã/Phường")
AREA_HEADERS = ("Khu phố", "KP", "Khu phố/Ấp", "Khu phố/ ấp", "Ấp", "Khu vực", "Tên khu phố",
                "Thôn", "Khu phố, ấp")
UNIT_HEADERS = ("Tổ dân phố", "TDP", "Tổ", "Số tổ", "Tên tổ", "Tổ nhân dân",
                "Tổ dân phố phụ trách", "Tên tổ dân phố", "Số tổ dân phố")
UNIT_LEADER_HEADERS = ("Tổ trưởng", "Họ tên tổ trưởng", "Tổ trưởng TDP", "Trưởng khu phố",
                       "Trưởng ấp", "Trưởng thôn", "Tên tổ trưởng")


def key_of_slots(khu_pho: str | None, tdp: str | None) -> tuple[str | None, str | None]:
    """A unit's key from the two columns an office fills: a TDP under its khu phố, else the
    khu phố itself is the unit (then there is no area above it)."""
    return (khu_pho, tdp) if tdp is not None else (None, khu_pho)


def type_of_slots(khu_pho: str | None, tdp: str | None) -> str | None:
    """The type of the unit those two columns name (None when they name none)."""
    if tdp is not None:
        return TO_DAN_PHO
    return KHU_PHO if khu_pho is not None else None


def slots(area: str | None, label: str | None, unit_type: str | None
          ) -> tuple[str | None, str | None]:
    """The ``(khu_pho, tdp)`` slots of SPEC §6.2 for a key and a type."""
    kind = PLACE_TYPES.get(unit_type or "")
    if label is not None and area is None and kind is not None and kind.level == VILLAGE:
        return (label, None)
    return (area, label)


def unit_slots(unit: Unit) -> tuple[str | None, str | None]:
    """A unit's ``(khu_pho, tdp)`` slots (JSON, finding positions, workbook columns)."""
    return slots(unit.area, unit.label, unit.unit_type)


def person_slots(person: Person) -> tuple[str | None, str | None]:
    """The ``(khu_pho, tdp)`` slots of the unit a person belongs to."""
    return slots(person.area, person.unit, person.unit_type)


# --- reading labels and names -----------------------------------------------------------------

# A prefix word before a khu phố / TDP label (matched on the folded text).
_LABEL_PREFIX = re.compile(
    r"^(to dan pho|to nhan dan|khu pho|khu vuc|tdp|kp|to|ap|thon|khu|so)(?![a-z])[\s.:#-]*"
)
_LEADING_NUMBER = re.compile(r"^0*(\d+)(.*)$")


def canonical_label(value: Any) -> str | None:
    """``Tổ 01`` → ``1``, ``KP 03`` → ``3``, ``12A`` → ``12A``, ``Ấp Bình Hòa`` → ``Bình Hòa``."""
    return label_of_text(cell_text(value))


@lru_cache(maxsize=1 << 14)
def label_of_text(text: str) -> str | None:
    """:func:`canonical_label` of text already passed through :func:`cell_text` (cached)."""
    label = _strip_prefix(text, _LABEL_PREFIX, times=2)
    match = _LEADING_NUMBER.match(label)
    if match:
        label = match.group(1) + match.group(2)
    return nfc(label) or None


def _strip_prefix(raw: str, pattern: re.Pattern[str], times: int = 1) -> str:
    """Drop a leading prefix matched on the folded text (NFC letters fold one-to-one)."""
    for _ in range(times):
        folded = fold(raw)
        match = pattern.match(folded)
        if not match or len(folded) != len(raw):
            break
        raw = raw[match.end() :]
    return raw.strip(" .:-#")


_WARD_PREFIX = re.compile(r"^(phuong|xa|thi tran)(\s+|\.\s*)|^p\.\s*")


def ward_name(value: Any) -> str | None:
    """NFC, trimmed, without a leading ``Phường`` / ``P.`` / ``Xã``."""
    return ward_of_text(cell_text(value))


@lru_cache(maxsize=1 << 14)
def ward_of_text(text: str) -> str | None:
    """:func:`ward_name` of text already passed through :func:`cell_text` (cached)."""
    return nfc(_strip_prefix(text, _WARD_PREFIX)) or None


_WARD_IN_TITLE = re.compile(r"\b(phuong|xa)\s+(.+)$")


def ward_in_title(text: str) -> str | None:
    """The ward a title row names (``ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG`` → ``Linh Trung``)."""
    folded = fold(text)
    match = _WARD_IN_TITLE.search(folded)
    if not match or len(folded) != len(text):
        return None
    name = text[match.start(2) :].strip(" .,:")
    return ward_name(name.title() if name.isupper() else name)


_AREA_HEADING = re.compile(r"^(khu pho|kp|ap|thon|khu vuc)\b[\s.:-]*[\w ]{0,30}$")


def is_area_heading(text: str) -> bool:
    """A section heading row such as ``KHU PHỐ 2`` above its units."""
    return bool(_AREA_HEADING.match(fold(text)))


_LEADER_POSITION = re.compile(
    r"^(to truong|truong khu pho|truong thon|truong ap|truong ban dieu hanh)\b"
)


def is_leader_position(position: str | None) -> bool:
    """``Tổ trưởng (tổ dân phố)``, ``Trưởng khu phố``, ``Trưởng thôn``, ``Trưởng ấp``."""
    return bool(position) and bool(_LEADER_POSITION.match(fold(position or "")))


def neighbour_key(label: str) -> tuple[str | None, str | None]:
    """``KP1-Tổ 3`` → ``("1", "3")``; ``Tổ 3`` → ``(None, "3")`` (slots, as written)."""
    parts = [p for p in re.split(r"\s*[-/]\s*", label) if p]
    if len(parts) == 2 and fold(parts[0]).startswith(("kp", "khu")):
        return canonical_label(parts[0]), canonical_label(parts[1])
    return None, canonical_label(label)


_SPLIT = re.compile(r"[,;\n]+")
_KP_UNIT = re.compile(r"^\s*(k\s*p|khu pho|khu)\s*\.?\s*(\w+)\s*[-/:]\s*(.+)$")
_UNIT_KP = re.compile(r"^(.+?)\s*\(\s*(kp|khu pho)\s*\.?\s*(\w+)\s*\)\s*$")


def area_labels(text: str) -> list[str | None]:
    """``KP 2, KP 4`` → ``["2", "4"]``."""
    return [canonical_label(p) for p in _SPLIT.split(text) if p.strip()]


def unit_labels(areas: str, units: str) -> list[tuple[str | None, str | None]]:
    """The ``(khu phố, TDP)`` slots a team row names; with no TDP text, its khu phố.

    A TDP's khu phố comes from ``KP1-Tổ 3`` or ``Tổ 3 (KP 1)``, else from a single khu phố
    cell, else (as many khu phố as TDPs) by position; None when the text does not say.
    """
    kps = area_labels(areas)
    parts = [p.strip() for p in _SPLIT.split(units) if p.strip()]
    out: list[tuple[str | None, str | None]] = []
    for n, part in enumerate(parts):
        folded = fold(part)
        same_length = len(folded) == len(part)
        before, after = _KP_UNIT.match(folded), _UNIT_KP.match(folded)
        if before and same_length:
            kp, tdp = part[before.start(2) : before.end(2)], part[before.start(3) :]
        elif after and same_length:
            kp, tdp = part[after.start(3) : after.end(3)], part[: after.end(1)]
        else:
            default = kps[0] if len(kps) == 1 else kps[n] if len(kps) == len(parts) else None
            out.append((default, canonical_label(part)))
            continue
        out.append((canonical_label(kp), canonical_label(tdp)))
    return out or [(kp, None) for kp in kps]


# --- showing places ----------------------------------------------------------------------------

def describe_slots(khu_pho: str | None, tdp: str | None) -> str:
    """``KP 1 / Tổ 3``, ``KP 1``, ``Tổ 3``: a place in messages."""
    if tdp is None:
        return f"KP {khu_pho}"
    return f"KP {khu_pho} / Tổ {tdp}" if khu_pho else f"Tổ {tdp}"


def describe(unit: Unit) -> str:
    """A unit in messages: ``KP 1 / Tổ 3``."""
    return describe_slots(*unit_slots(unit))


def describe_all(units: Iterable[Unit]) -> str:
    """``KP 1 / Tổ 3, KP 1 / Tổ 4``."""
    return ", ".join(describe(u) for u in units)


def area_text(label: str | None) -> str:
    """``3`` → ``Khu phố 3``; a named area stays as written."""
    if label is None:
        return ""
    return f"Khu phố {label}" if label[:1].isdigit() else label


def unit_text(label: str | None) -> str:
    """``3`` → ``Tổ 3``; a named group stays as written."""
    if label is None:
        return ""
    return f"Tổ {label}" if label[:1].isdigit() else label


def area_short(label: str | None) -> str:
    """``KP 3``: an area in a list of several."""
    return f"KP {label}"


def areas_of(units: Sequence[Unit]) -> tuple[str, ...]:
    """The distinct khu phố (slot) of the units, in unit order."""
    return tuple(dict.fromkeys(k for u in units if (k := unit_slots(u)[0]) is not None))


def area_cell(units: Sequence[Unit]) -> str:
    """The khu phố column of a team: ``Khu phố 3``, or ``KP 3, KP 5`` across khu phố."""
    kps = areas_of(units)
    return area_text(kps[0]) if len(kps) == 1 else ", ".join(area_short(k) for k in kps)


def units_cell(units: Sequence[Unit]) -> str:
    """``Tổ 3, Tổ 4``; across khu phố ``Tổ 13 (KP 3), Tổ 4 (KP 5)`` so each TDP is exact."""
    if unit_slots(units[0])[1] is None:
        return ""
    if len(areas_of(units)) > 1:
        return ", ".join(f"{unit_text(u.label)} ({area_short(unit_slots(u)[0])})" for u in units)
    return ", ".join(unit_text(u.label) for u in units)


def formed_by(units: Sequence[Unit], kind: str, cross_area: bool, threshold: int) -> str:
    """Which rule formed a team (``solo`` / ``pair`` / ``joined``), as an officer reads it."""
    word = "tổ" if unit_slots(units[0])[1] is not None else "khu phố"
    if kind == "solo":
        return f"Tổ ≥ {threshold} hộ" if threshold > 0 else f"Mỗi {word} một tổ"
    if kind == "pair" and not cross_area:
        where = " cùng khu phố" if word == "tổ" else ""
        return f"Ghép 2 {word} < {threshold} hộ{where}"
    areas = ", ".join(area_short(k) for k in areas_of(units))
    if kind == "pair":
        return f"Ghép 2 {word} lẻ < {threshold} hộ của 2 khu phố ({areas})"
    return f"Tổ lẻ ghép tổ gần nhất ({areas})" if areas else "Tổ lẻ ghép tổ gần nhất"


def ward_heading(wards: Sequence[str]) -> tuple[str, str]:
    """The roster's committee line and the name in its subtitle: ``PHƯỜNG LINH TRUNG`` and
    ``Ủy ban nhân dân phường Linh Trung`` (several wards: a blank for the officer)."""
    if len(wards) == 1:
        return f"PHƯỜNG {wards[0].upper()}", f"Ủy ban nhân dân phường {wards[0]}"
    return "PHƯỜNG ……………", "Ủy ban nhân dân phường"


def pairing_scope(area: str) -> str:
    """The profile's pairing area as a column value: ``Khu phố`` or ``Phường``."""
    return "Khu phố" if area == "khu_pho" else "Phường"


# --- the picture of a plan (SPEC §10) ---------------------------------------------------------

def ward_text(ward: str) -> str:
    """``Phường Linh Trung``: the ward with its type, as a title names it."""
    return f"Phường {ward}"


def unit_short(unit: Unit, typed: bool) -> str:
    """A unit's label beside its dot: ``3``; ``Tổ 3`` when units of several types share the
    picture (``typed``), so that a thôn and a tổ dân phố of the same number differ."""
    kind = PLACE_TYPES.get(unit.unit_type)
    return f"{kind.short} {unit.label}" if typed and kind is not None else unit.label


def legend_words(units: Sequence[Unit], threshold: int) -> dict[str, str]:
    """What the picture's marks mean: ``solo`` (a ring), ``pair`` (a line), ``cross`` (a line
    across areas), ``joined`` (a dashed line), ``neighbours`` (a faint line)."""
    word = "tổ" if unit_slots(units[0])[1] is not None else "khu phố"
    where = " cùng khu phố" if word == "tổ" else ""
    return {
        "solo": f"Tổ riêng ({word} ≥ {threshold} hộ)" if threshold > 0 else f"Mỗi {word} một tổ",
        "pair": f"Ghép 2 {word}{where}",
        "cross": f"Ghép 2 {word} lẻ của 2 khu phố",
        "joined": f"{word.capitalize()} lẻ ghép vào tổ gần nhất",
        "neighbours": f"{word.capitalize()} liền kề",
    }


def numbering_note(units: Sequence[Unit]) -> str:
    """Under a picture drawn from numbering only: what it shows and what would show more."""
    word = "tổ" if unit_slots(units[0])[1] is not None else "khu phố"
    rows = ", mỗi khu phố một hàng" if word == "tổ" else ""
    return (f"Chưa có tọa độ: các {word} xếp theo số thứ tự{rows} (không phải bản đồ). "
            f"Thêm cột Vĩ độ, Kinh độ vào danh sách để có bản đồ thật.")
