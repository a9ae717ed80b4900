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

from tcns_cli.messages import Localized
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
PLACE_TYPES: dict[str, PlaceType] = {t.key: t for t in (
    PlaceType(KHU_PHO, "Khu phố", "KP", VILLAGE),
    PlaceType("thon", "Thôn", "Thôn", VILLAGE),
    PlaceType("ap", "Ấp", "Ấp", VILLAGE),
    PlaceType("ban", "Bản", "Bản", VILLAGE),
    PlaceType("buon", "Buôn", "Buôn", VILLAGE),
    PlaceType("soc", "Sóc", "Sóc", VILLAGE),
    PlaceType("plei", "Plei", "Plei", VILLAGE),
    PlaceType("xom", "Xóm", "Xóm", VILLAGE),
    PlaceType("lang", "Làng", "Làng", VILLAGE),
    PlaceType("khom", "Khóm", "Khóm", VILLAGE),
    PlaceType("khu_dan_cu", "Khu dân cư", "Khu dân cư", VILLAGE),
    PlaceType("khu_vuc", "Khu vực", "Khu vực", VILLAGE),
    PlaceType(TO_DAN_PHO, "Tổ dân phố", "Tổ", GROUP),
    PlaceType("to_nhan_dan", "Tổ nhân dân", "Tổ", GROUP),
)}
# The words that name a type, folded, longest first (``Tổ dân phố`` before ``Tổ``).
_TYPE_WORDS = (
    ("to dan pho", TO_DAN_PHO), ("to nhan dan", "to_nhan_dan"), ("khu dan cu", "khu_dan_cu"),
    ("khu pho", KHU_PHO), ("khu vuc", "khu_vuc"), ("tdp", TO_DAN_PHO), ("kp", KHU_PHO),
    ("thon", "thon"), ("ap", "ap"), ("ban", "ban"), ("buon", "buon"), ("soc", "soc"),
    ("plei", "plei"), ("xom", "xom"), ("lang", "lang"), ("khom", "khom"), ("to", TO_DAN_PHO),
)
_TYPE_OF_WORD = dict(_TYPE_WORDS)

# Ward types (SPEC §1.1): the type is kept as the word the JSON carries.
PHUONG, XA, DAC_KHU, THI_TRAN = "phường", "xã", "đặc khu", "thị trấn"
WARD_TYPES = (PHUONG, XA, DAC_KHU, THI_TRAN)
_WARD_TYPE_WORDS = {"phuong": PHUONG, "p": PHUONG, "xa": XA, "x": XA, "dac khu": DAC_KHU,
                    "thi tran": THI_TRAN, "tt": THI_TRAN}


# The place columns of the blank input template (any kind of commune fills it in).
TEMPLATE_COLUMNS = ("Xã/Phường", "Thôn, ấp, khu phố", "Tổ dân phố")

# Header aliases of the place columns (SPEC §2.2; matching ignores accents and case).
WARD_HEADERS = ("Phường", "Phường/Xã", "Phường/ Xã", "Xã", "Ward", "Tên phường", "Xã/Phường",
                "Đặc khu", "Thị trấn", "Xã, phường", "Tên xã", "Đơn vị hành chính")
AREA_HEADERS = ("Khu phố", "KP", "Khu phố/Ấp", "Khu phố/ ấp", "Ấp", "Khu vực", "Tên khu phố",
                "Thôn", "Khu phố, ấp", "Bản", "Buôn", "Sóc", "Plei", "Xóm", "Làng", "Khóm",
                "Khu dân cư", "Thôn/Tổ dân phố", "Thôn, tổ dân phố", "Tên thôn", "Tên ấp",
                "Tên bản", "Thôn, bản", "Thôn/Bản", "Thôn, xóm", "Ấp, khu phố", "Thôn, ấp",
                "Thôn, khu phố", "Thôn/Khu phố", "Thôn, làng", "Buôn, bản", "Khóm, ấp")
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

# A prefix word before a unit or area label (matched on the folded text).
_LABEL_PREFIX = re.compile(
    r"^(" + "|".join(w for w, _ in _TYPE_WORDS) + r"|khu|so)(?![a-z])[\s.:#-]*"
)
_LEADING_NUMBER = re.compile(r"^0*(\d+)(.*)$")


def canonical_label(value: Any) -> str | None:
    """``Tổ 01`` → ``1``, ``KP 03`` → ``3``, ``12A`` → ``12A``, ``Ấp Bình Hòa`` → ``Bình Hòa``."""
    return label_of_text(cell_text(value))


def label_of_text(text: str) -> str | None:
    """:func:`canonical_label` of text already passed through :func:`cell_text` (cached)."""
    return typed_label(text)[0]


@lru_cache(maxsize=1 << 14)
def typed_label(text: str) -> tuple[str | None, str | None]:
    """The canonical label and the type its own word names: ``Thôn 01`` → ``("1", "thon")``,
    ``Bản Nà Lốc`` → ``("Nà Lốc", "ban")``, ``12`` → ``("12", None)``."""
    kind: str | None = None
    label = text
    for _ in range(2):  # "Tổ dân phố số 3"
        folded = fold(label)
        match = _LABEL_PREFIX.match(folded)
        if not match or len(folded) != len(label):
            break
        kind = kind or _TYPE_OF_WORD.get(match.group(1))
        label = label[match.end() :]
    label = label.strip(" .:-#")
    number = _LEADING_NUMBER.match(label)
    if number:
        label = number.group(1) + number.group(2)
    return nfc(label) or None, kind


def _strip_prefix(raw: str, pattern: re.Pattern[str], times: int = 1) -> str:
    """Drop a leading prefix matched on the folded text (NFC letters fold one-to-one)."""
    for _ in range(times):
        folded = fold(raw)
        match = pattern.match(folded)
        if not match or len(folded) != len(raw):
            break
        raw = raw[match.end() :]
    return raw.strip(" .:-#")


_TYPE_IN_HEADER = re.compile(r"(?<![a-z])(" + "|".join(w for w, _ in _TYPE_WORDS) + r")(?![a-z])")


@lru_cache(maxsize=256)
def type_of_header(header: str) -> str | None:
    """The unit type a column's header names first: ``Thôn, bản`` → thôn, ``Tên ấp`` → ấp."""
    match = _TYPE_IN_HEADER.search(fold(header))
    return _TYPE_OF_WORD[match.group(1)] if match else None


def header_level(header: str) -> str | None:
    """A column titled by place types only (``Thôn, bản``, ``Khu phố/Ấp``) holds units or
    areas of that level (``village``); ``… phụ trách`` (in team lists), or group types only
    (``Tổ dân phố``), hold the units a row names (``group``). None for any other header."""
    folded = fold(header)
    if folded.endswith("phu trach"):
        return GROUP
    parts = [p.strip() for p in re.split(r"[,/;]|\bva\b", folded) if p.strip()]
    kinds = [_TYPE_OF_WORD.get(p) for p in parts]
    if not parts or None in kinds:
        return None
    return GROUP if all(PLACE_TYPES[k].level == GROUP for k in kinds if k) else VILLAGE


def ward_type_of_header(header: str) -> str | None:
    """The ward type a ward column's header names, when it names only one."""
    found = {t for w, t in _WARD_TYPE_WORDS.items() if w not in ("p", "x", "tt")
             and re.search(rf"(?<![a-z]){w}(?![a-z])", fold(header))}
    return found.pop() if len(found) == 1 else None


_WARD_PREFIX = re.compile(r"^(phuong|xa|thi tran|dac khu)(\s+|\.\s*)|^(p|x|tt)\.\s*")


def ward_name(value: Any) -> str | None:
    """NFC, trimmed, without a leading ``Phường`` / ``P.`` / ``Xã`` / ``Đặc khu`` / ``TT.``."""
    return ward_of_text(cell_text(value))


def ward_of_text(text: str) -> str | None:
    """:func:`ward_name` of text already passed through :func:`cell_text` (cached)."""
    return typed_ward(text)[0]


@lru_cache(maxsize=1 << 14)
def typed_ward(text: str) -> tuple[str | None, str | None]:
    """A ward's name and the type its text gives: ``Xã Tân Lập`` → ``("Tân Lập", "xã")``,
    ``P. Linh Trung`` → ``("Linh Trung", "phường")``, ``Linh Trung`` → ``("Linh Trung", None)``."""
    folded = fold(text)
    match = _WARD_PREFIX.match(folded)
    if not match or len(folded) != len(text):
        return nfc(text.strip(" .:-#")) or None, None
    word = (match.group(1) or match.group(3) or "").strip()
    return nfc(text[match.end() :].strip(" .:-#")) or None, _WARD_TYPE_WORDS.get(word)


_WARD_IN_TITLE = re.compile(r"(?<![a-z])(phuong|xa|dac khu|thi tran)\s+(.+)$")


def ward_in_title(text: str) -> str | None:
    """The ward a title row names (``ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG`` → ``Linh Trung``)."""
    return typed_ward_in_title(text)[0]


def typed_ward_in_title(text: str) -> tuple[str | None, str | None]:
    """The ward a title row names, and its type (``… XÃ TÂN LẬP`` → ``("Tân Lập", "xã")``)."""
    folded = fold(text)
    match = _WARD_IN_TITLE.search(folded)
    if not match or len(folded) != len(text):
        return None, None
    name = text[match.start(2) :].strip(" .,:")
    return ward_name(name.title() if name.isupper() else name), _WARD_TYPE_WORDS[match.group(1)]


_AREA_HEADING = re.compile(r"^(khu pho|kp|ap|thon|khu vuc)\b[\s.:-]*[\w ]{0,30}$")


def is_area_heading(text: str) -> bool:
    """A section heading row such as ``KHU PHỐ 2`` above its units."""
    return bool(_AREA_HEADING.match(fold(text)))


_LEADER_POSITION = re.compile(
    r"^(to truong|truong (khu pho|thon|ap|buon|soc|plei|xom|lang|khom|khu dan cu)"
    r"|truong ban dieu hanh)\b"
)
# "Trưởng bản" folds to "truong ban", as does "Trưởng ban công tác Mặt trận": keep the accent.
_HEAD_OF_BAN = re.compile(r"^trưởng bản\b")


def is_leader_position(position: str | None) -> bool:
    """``Tổ trưởng (tổ dân phố)``, ``Trưởng khu phố``, ``Trưởng thôn``, ``Trưởng ấp``,
    ``Trưởng bản``… (not ``Trưởng ban công tác Mặt trận``)."""
    if not position:
        return False
    return bool(_LEADER_POSITION.match(fold(position))
                or _HEAD_OF_BAN.match(nfc(position).lower()))


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

def _kind(kind: str | None, default: str) -> PlaceType:
    return PLACE_TYPES.get(kind or "", PLACE_TYPES[default])


def unit_name(label: str, kind: str | None) -> str:
    """A unit or area as documents show it: ``Tổ 3``, ``Khu phố 3``, ``Thôn Đông``."""
    place = _kind(kind, TO_DAN_PHO)
    word = place.short if place.level == GROUP else place.word
    return f"{word} {label}"


def short_name(label: str | None, kind: str | None) -> str:
    """A place in messages and lists: ``KP 3``, ``Tổ 3``, ``Thôn 1``, ``Ấp Cây Me``."""
    return f"{_kind(kind, KHU_PHO).short} {label}"


def describe_slots(khu_pho: str | None, tdp: str | None) -> str:
    """``KP 1 / Tổ 3``, ``KP 1``, ``Tổ 3``: a place given only by its two columns."""
    if tdp is None:
        return f"KP {khu_pho}"
    return f"KP {khu_pho} / Tổ {tdp}" if khu_pho else f"Tổ {tdp}"


def describe(unit: Unit) -> str:
    """A unit in messages: ``KP 1 / Tổ 3``, ``Thôn 1``, ``Thôn 2 / Xóm 5``."""
    own = short_name(unit.label, unit.unit_type)
    if unit.area is None:
        return own
    return f"{short_name(unit.area, unit.area_type)} / {own}"


def describe_all(units: Iterable[Unit]) -> str:
    """``KP 1 / Tổ 3, KP 1 / Tổ 4``."""
    return ", ".join(describe(u) for u in units)


def unit_display(unit: Unit) -> str:
    """The unit's own name with its type word (JSON's ``name``): ``Tổ 3``, ``Thôn Đông``."""
    return unit_name(unit.label, unit.unit_type)


def type_words(kinds: Iterable[str | None], default: str = TO_DAN_PHO) -> str:
    """The words of several types as a title: ``Thôn, bản``, ``Tổ dân phố``."""
    words = list(dict.fromkeys(_kind(k, default).word for k in kinds)) or [
        PLACE_TYPES[default].word]
    return ", ".join([words[0], *(w.lower() for w in words[1:])])


def area_word(kind: str | None) -> str:
    """An area's kind in a sentence: ``khu phố``, ``thôn``."""
    return _kind(kind, KHU_PHO).word.lower()


def units_word(units: Sequence[Unit]) -> str:
    """The units' kind in a sentence: ``tổ`` (tổ dân phố), ``thôn``, ``khu phố``."""
    place = _kind(units[0].unit_type if units else None, TO_DAN_PHO)
    return "tổ" if place.level == GROUP else place.word.lower()


def unit_words(units: Sequence[Unit]) -> dict[str, Localized]:
    """Words about a ward's units for messages: ``{units}`` (``tổ``, ``thôn``) and
    ``{leader}`` (``tổ trưởng``, ``trưởng thôn``)."""
    kinds = [units[0].unit_type] if units else []
    return {"units": Localized(units_word(units), "units"),
            "leader": Localized(leader_title(kinds).lower(), "leader")}


def ward_words(ward: str, ward_type: str | None) -> dict[str, Localized]:
    """A ward for messages: ``{in_ward}`` (``phường Linh Trung``) and ``{ward_title}`` at the
    start of a sentence (``Phường Linh Trung``)."""
    shown = ward_display(ward, ward_type)
    return {"in_ward": Localized(shown, f"ward {ward}"),
            "ward_title": Localized(shown[:1].upper() + shown[1:], f"Ward {ward}")}


def ward_display(ward: str, ward_type: str | None) -> str:
    """``xã Tân Lập``, ``phường Linh Trung``; just the name when the type is not known."""
    return f"{ward_type} {ward}" if ward_type else ward


def ward_column(types: Iterable[str | None]) -> str:
    """The ward column's title: ``Xã``, ``Phường``…; ``Xã/Phường`` when mixed or unknown."""
    found = set(types)
    if len(found) == 1 and None not in found:
        return str(found.pop()).capitalize()
    return "Xã/Phường"


def committee(wards: Sequence[tuple[str, str | None]]) -> tuple[str, str]:
    """The roster's committee line and the name in its subtitle: ``XÃ TÂN LẬP`` and ``Ủy ban
    nhân dân xã Tân Lập``. A type not known, or several wards, leaves a blank to fill in."""
    blank = "…………"
    if len(wards) == 1:
        name, kind = wards[0]
        if kind:
            return f"{kind.upper()} {name.upper()}", f"Ủy ban nhân dân {kind} {name}"
        return f"{blank} {name.upper()}", f"Ủy ban nhân dân {blank} {name}"
    kinds = {kind for _, kind in wards}
    kind = next(iter(kinds)) if len(kinds) == 1 else None
    if kind:
        return f"{kind.upper()} ……………", f"Ủy ban nhân dân {kind}"
    return "……………", "Ủy ban nhân dân"


@dataclass(frozen=True, slots=True)
class Words:
    """The place words of one workbook, from its wards' and units' types."""

    wards: tuple[tuple[str, str | None], ...]
    area_types: tuple[str, ...]
    unit_types: tuple[str, ...]

    @classmethod
    def of(cls, wards: Iterable[tuple[str, str | None]], units: Iterable[Unit]) -> Words:
        """The words for these wards (name, type) and their units."""
        areas: dict[str, None] = {}
        kinds: dict[str, None] = {}
        for unit in units:
            kinds[unit.unit_type] = None
            if unit.area is not None:
                areas[unit.area_type or KHU_PHO] = None
        return cls(tuple(wards), tuple(areas), tuple(kinds))

    @property
    def ward(self) -> str:
        """The ward column's title."""
        return ward_column(t for _, t in self.wards)

    @property
    def area(self) -> str | None:
        """The area column's title; None when no unit has an area (one level)."""
        return type_words(self.area_types, KHU_PHO) if self.area_types else None

    @property
    def unit(self) -> str:
        """The unit column's title: ``Tổ dân phố``, ``Thôn, bản``."""
        return type_words(self.unit_types)


def area_cell(units: Sequence[Unit]) -> str:
    """The area column of a team: ``Khu phố 3``, or ``KP 3, KP 5`` across areas."""
    areas = list(dict.fromkeys((u.area, u.area_type) for u in units if u.area is not None))
    if len(areas) == 1:
        label, kind = areas[0]
        return unit_name(label, kind or KHU_PHO) if label is not None else ""
    return ", ".join(short_name(label, kind) for label, kind in areas)


def units_cell(units: Sequence[Unit]) -> str:
    """``Tổ 3, Tổ 4``; across areas ``Tổ 13 (KP 3), Tổ 4 (KP 5)`` so each unit is exact."""
    if len({u.area for u in units if u.area is not None}) > 1:
        return ", ".join(f"{unit_display(u)} ({short_name(u.area, u.area_type)})"
                         for u in units)
    return ", ".join(unit_display(u) for u in units)


def formed_by(units: Sequence[Unit], kind: str, cross_area: bool, threshold: int) -> str:
    """Which rule formed a team (``solo`` / ``pair`` / ``joined``), as an officer reads it:
    ``Ghép 2 tổ < 450 hộ cùng khu phố``, ``Ghép 2 thôn < 450 hộ``."""
    word = units_word(units)
    area = _kind(units[0].area_type, KHU_PHO).word.lower()
    if kind == "solo":
        return f"Tổ ≥ {threshold} hộ" if threshold > 0 else f"Mỗi {word} một tổ"
    if kind == "pair" and not cross_area:
        where = f" cùng {area}" if units[0].area is not None else ""
        return f"Ghép 2 {word} < {threshold} hộ{where}"
    areas = ", ".join(dict.fromkeys(short_name(u.area, u.area_type) for u in units
                                    if u.area is not None))
    if kind == "pair":
        return f"Ghép 2 {word} lẻ < {threshold} hộ của 2 {area} ({areas})"
    return f"Tổ lẻ ghép tổ gần nhất ({areas})" if areas else "Tổ lẻ ghép tổ gần nhất"


def leader_title(kinds: Iterable[str]) -> str:
    """Who leads a unit: ``Tổ trưởng tổ dân phố``, ``Trưởng thôn``, ``Trưởng khu phố``."""
    titles = [("Tổ trưởng tổ dân phố" if _kind(k, TO_DAN_PHO).level == GROUP
               else f"Trưởng {_kind(k, KHU_PHO).word.lower()}") for k in kinds]
    return " / ".join(dict.fromkeys(titles)) or "Tổ trưởng tổ dân phố"


def pairing_scope(area: str, words: Words) -> str:
    """The profile's pairing area in the data's words: ``Khu phố`` (the level above the
    units, where there is one), else the ward (``Xã``, ``Phường``)."""
    return words.area if area == "khu_pho" and words.area else words.ward


# --- the picture of a plan (SPEC §10) ---------------------------------------------------------

def ward_text(ward: str, ward_type: str | None = None) -> str:
    """``Xã Tân Lập``, ``Phường Linh Trung``: the ward with its type, as a title names it."""
    shown = ward_display(ward, ward_type)
    return shown[:1].upper() + shown[1:]


def area_text(label: str | None, kind: str | None = None) -> str:
    """An area's name with its type word: ``Khu phố 3``, ``Thôn 2``; empty for none."""
    return unit_name(label, kind or KHU_PHO) if label is not None else ""


def unit_short(unit: Unit, typed: bool) -> str:
    """A unit's label beside its dot: ``3``; ``Tổ 3`` when units of several types share the
    picture (``typed``), so that a thôn and a tổ dân phố of the same number differ."""
    kind = PLACE_TYPES.get(unit.unit_type)
    return f"{kind.short} {unit.label}" if typed and kind is not None else unit.label


def legend_words(units: Sequence[Unit], threshold: int) -> dict[str, str]:
    """What the picture's marks mean: ``solo`` (a ring), ``pair`` (a line), ``cross`` (a line
    across areas), ``joined`` (a dashed line), ``neighbours`` (a faint line)."""
    word = units_word(units)
    area = area_word(units[0].area_type if units else None)
    where = f" cùng {area}" if units and units[0].area is not None else ""
    return {
        "solo": f"Tổ riêng ({word} ≥ {threshold} hộ)" if threshold > 0 else f"Mỗi {word} một tổ",
        "pair": f"Ghép 2 {word}{where}",
        "cross": f"Ghép 2 {word} lẻ của 2 {area}",
        "joined": f"{word.capitalize()} lẻ ghép vào tổ gần nhất",
        "neighbours": f"{word.capitalize()} liền kề",
    }


def numbering_note(units: Sequence[Unit]) -> str:
    """Under a picture drawn from numbering only: what it shows and what would show more."""
    word = units_word(units)
    area = area_word(units[0].area_type if units else None)
    rows = f", mỗi {area} một hàng" if units and units[0].area is not None else ""
    return (f"Chưa có tọa độ: các {word} xếp theo số thứ tự{rows} (không phải bản đồ). "
            f"Thêm cột Vĩ độ, Kinh độ vào danh sách để có bản đồ thật.")
