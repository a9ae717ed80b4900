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


def is_leader_header(header: str) -> bool:
    """A column of unit leaders titled by their positions: ``Trưởng bản``, ``Trưởng thôn,
    tổ trưởng``, ``Họ tên trưởng ấp/tổ trưởng TDP`` (a merged xã has both)."""
    low = header.lower()
    if "trư" not in low and "tru" not in low:  # most cells of the rows scanned: no position
        return False
    parts = [re.sub(r"^h[ọo] (v[àa] )?t[êe]n ", "", p.strip(), flags=re.IGNORECASE)
             for p in re.split(r"[,/;]|\bvà\b", nfc(header)) if p.strip()]
    return bool(parts) and all(is_leader_position(p) for p in parts)


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


def is_village(kind: str | None) -> bool:
    """A type of the upper level (khu phố, thôn, ấp, bản…), which may also be a unit."""
    return kind is not None and kind in PLACE_TYPES and PLACE_TYPES[kind].level == VILLAGE


def unit_kinds(units: str) -> list[str | None]:
    """The type each unit of a team row's text names by its own word (``Thôn 1`` → thôn;
    ``1`` → None), in the order of :func:`unit_labels`."""
    return [typed_label(p.strip())[1] for p in _SPLIT.split(units) if p.strip()]


# --- team headings -------------------------------------------------------------------------
# A team list's heading row (SPEC §7, layout 2), or a team's name in a ``Tên tổ`` column, names
# the team and its places the many ways offices write them: ``I. Tổ công nghệ số cộng đồng số 1
# (Tổ 3, Khu phố 1)``, ``Tổ CNS Khu phố 2: Tổ 11 + Tổ 13``, ``TỔ 3 - THÔN ĐÔNG, THÔN TÂY``.
# What it says is handed on as the two texts a list's place columns hold, so that one matcher
# (``rosters.match_roster`` through :func:`unit_labels`) serves every layout.

_AREA, _VILLAGE, _GROUP = "area", "village", "group"


def _heading_kind(type_key: str) -> str:
    """What a type's word names in a heading: a khu phố (khu vực) only ever an area; a thôn
    (ấp, bản…) a unit, or the area of the tổ / xóm named beside it; a tổ (TDP, xóm) a unit."""
    if type_key in (KHU_PHO, "khu_vuc"):
        return _AREA
    return _GROUP if PLACE_TYPES[type_key].level == GROUP or type_key == "xom" else _VILLAGE


# The words of PLACE_TYPES (folded, and as written with their accents), and a bare ``Khu``.
_FOLDED_WORDS = {word: _heading_kind(key) for word, key in _TYPE_WORDS} | {"khu": _AREA}
_HEADING_WORDS = {w.lower() for t in PLACE_TYPES.values() for w in (t.word, t.short)} | {
    "tdp", "khu"}
_PLACE_WORD = re.compile(
    r"^(?P<word>" + "|".join(sorted((re.escape(w) for w in _FOLDED_WORDS), key=len, reverse=True))
    + r")(?![a-z])\s*\.?\s*(?:so(?![a-z])\s*\.?\s*)?"
)
# The team's own word: Tổ công nghệ số (cộng đồng), Tổ CNS, Tổ CNSCĐ, Tổ CN số, TCNS, Nhóm; then
# its number (``số 1``, ``01``, ``3A``, ``II``) where it has one.
_TEAM_WORD = re.compile(
    r"(?:to\s*(?:cong nghe so(?: cong dong)?|cn\s*so|cns(?:\s*c\s*d)?)|tcns(?:cd)?|nhom(?: cns)?)"
    r"(?![a-z])"
    r"\s*(?:so(?![a-z])\s*\.?\s*)?(?P<id>\d+[a-z]?(?![a-z0-9])|[ivx]+(?![a-z0-9]))?"
)
# A list number before the heading: ``I.``, ``2)``, ``A.``, ``III -``, or a Roman ``I`` before
# the team's word.
_NUMBERING = re.compile(
    r"^(?P<n>[ivxlc]+|\d{1,3}|[a-z])\s*[.)]\s*|^(?P<m>[ivxlc]+|\d{1,3})\s*[-:\u2013]\s+"
    r"|^(?P<r>[ivx]+)\s+(?=to |tcns)"
)
_NUMBER_CELL = re.compile(r"^(?:[ivxlc]+|\d{1,3}|[a-z])[.)]?$")
_WORDS_AHEAD = "(?=(?:" + "|".join(re.escape(w) for w in _FOLDED_WORDS) + r")(?![a-z]))"
# Between two places: punctuation, ``và``, or a space after a number before a place word
# (``Tổ 3 Khu phố 1``).
_HEADING_SEPARATOR = re.compile(
    r"\s*(?:([(),;+&/:\u2013\u2014-])|(?<![a-z0-9])(va)(?![a-z0-9]))\s*"
    r"|(?<=\d)\s+" + _WORDS_AHEAD + r"|(?<=\d[a-z])\s+" + _WORDS_AHEAD
)
_ROLE_LABEL = re.compile(r"^(truong|pho)(?![a-z])")


@dataclass(frozen=True, slots=True)
class TeamHeading:
    """What a team's heading says, its places as the texts of a list's two place columns.

    ``team`` is the number the heading gives the team (``1`` of ``Tổ CNS số 1``), ``numbering``
    the list number before it (``I``), ``named`` whether it has the team's own word (``Tổ
    công nghệ số``, ``Tổ CNS``). ``areas`` and ``units`` read like a khu phố cell and a
    ``Tổ dân phố phụ trách`` cell (see :func:`unit_labels`): ``Khu phố 1`` and ``Tổ 3, Tổ 4``;
    a heading naming only khu phố or thôn puts them in ``areas`` and leaves ``units`` empty.
    """

    team: str | None
    numbering: str | None
    named: bool
    areas: str
    units: str

    @property
    def names_places(self) -> bool:
        """True when the heading names some unit or area."""
        return bool(self.areas or self.units)


@dataclass(frozen=True, slots=True)
class _Item:
    """One place of a heading: its kind, its type word as written, its label, and the
    separators between it and the place before."""

    kind: str | None
    word: str
    label: str
    separators: str
    typed: bool

    @property
    def text(self) -> str:
        return f"{self.word} {self.label}" if self.word else self.label


def list_number(text: str) -> str | None:
    """A list number cell of a heading row (``I``, ``IV.``, ``2``, ``B)``), upper-cased."""
    folded = fold(text)
    if not _NUMBER_CELL.match(folded):
        return None
    return text.rstrip(".)").strip().upper()


@lru_cache(maxsize=1 << 12)
def team_heading(text: str) -> TeamHeading | None:
    """What a heading row or a team's name says; None when it names neither a team nor a place.

    A person's name is no heading: a place word followed by a name (not a number) counts
    only with its accents (``Tô Văn Hải`` is a person, ``Thôn Đông`` a place), unless the
    whole text is typed without accents.
    """
    raw = nfc(text)
    folded, lowered = _parallel(raw)
    numbering, start = _numbering(raw, folded)
    team_word = _TEAM_WORD.match(folded, start)
    team = None
    if team_word:
        team = raw[team_word.start("id") : team_word.end("id")].upper() or None
        start = team_word.end()
    items = _heading_items(raw, folded, lowered, start)
    if items is None or not (team_word or any(i.typed for i in items)):
        return None
    if team_word is None and _leads_with_team(items):
        team, items = items[0].label, items[1:]
    areas, units = _heading_places(items)
    return TeamHeading(team, numbering, team_word is not None, areas, units)


def _parallel(text: str) -> tuple[str, str]:
    """``text`` folded and lower-cased one character at a time, so that offsets agree."""
    folded, lowered = [], []
    for char in text:
        plain = " " if char.isspace() else fold(char)
        folded.append(plain[:1] or " ")
        low = char.lower()
        lowered.append(low if len(low) == 1 else char)
    return "".join(folded), "".join(lowered)


def _numbering(raw: str, folded: str) -> tuple[str | None, int]:
    match = _NUMBERING.match(folded)
    if not match:
        return None, 0
    group = next(g for g in ("n", "m", "r") if match.group(g) is not None)
    return raw[match.start(group) : match.end(group)].upper(), match.end()


def _heading_items(raw: str, folded: str, lowered: str, start: int) -> list[_Item] | None:
    """The places after ``start``, each with its kind (an untyped label takes the kind and
    word of the place before: ``Tổ 11, 13``); None when a label is a role (``Tổ trưởng``)."""
    items: list[_Item] = []
    separators, position = "", start
    cuts = [(m.start(), m.end(), m.group(1) or ("," if m.group(2) else " "))
            for m in _HEADING_SEPARATOR.finditer(folded, start)]
    for begin, end, separator in [*cuts, (len(raw), len(raw), "")]:
        chunk = slice(position, begin)
        if raw[chunk].strip(" ."):
            item = _heading_item(raw[chunk].strip(), folded[chunk].strip(),
                                 lowered[chunk].strip(), separators, raw.isascii(),
                                 items[-1] if items else None)
            if item is None:
                return None
            items.append(item)
            separators = ""
        separators += separator
        position = end
    return items


def _heading_item(raw: str, folded: str, lowered: str, separators: str, plain: bool,
                  before: _Item | None) -> _Item | None:
    match = _PLACE_WORD.match(folded)
    label = raw[match.end() :].strip(" .") if match else ""
    if match and label and (label[0].isdigit() or plain
                            or lowered[: match.end("word")] in _HEADING_WORDS):
        kind = _FOLDED_WORDS[match.group("word")]
        if kind == _GROUP and _ROLE_LABEL.match(fold(label)):
            return None
        word = raw[: match.end("word")]
        word = word.capitalize() if word.isupper() and not word.isascii() else word
        return _Item(kind, word, _label_case(label), separators, True)
    if before is None:
        return _Item(None, "", _label_case(raw), separators, False)
    return _Item(before.kind, before.word, _label_case(raw), separators, False)


def _label_case(label: str) -> str:
    """``ĐÔNG HÒA`` (a heading in capitals) → ``Đông Hòa``, as the unit file writes it."""
    return label.title() if label.isupper() else label


def _leads_with_team(items: list[_Item]) -> bool:
    """``Tổ 3 - Thôn Đông, Thôn Tây``, ``Tổ 1: TDP 3 + TDP 4``: a leading bare ``Tổ N`` names
    the team when the rest names its units with other words; ``Tổ 3 - Tổ 4`` and ``Tổ 3
    (KP 1)`` name units."""
    first = items[0]
    if len(items) < 2 or not first.typed or fold(first.word) != "to" or not _numbered(first):
        return False
    rest = items[1:]
    separators = rest[0].separators
    if "(" in separators:  # only what the parentheses hold: ``Tổ 13 (KP 3) + Tổ 4 (KP 5)``
        closed = next((n for n, i in enumerate(rest) if ")" in i.separators), len(rest))
        rest = rest[:closed]
    others = any(i.kind == _VILLAGE or (i.kind == _GROUP and fold(i.word) != "to")
                 for i in rest)
    units = any(i.kind in (_GROUP, _VILLAGE) for i in rest)
    if any(s in separators for s in ":("):
        return units
    return others and any(s in separators for s in "-\u2013\u2014")


def _numbered(item: _Item) -> bool:
    """A label that is a number (``3``, ``12A``, ``II``), not a name."""
    return item.label[:1].isdigit() or bool(re.fullmatch(r"[IVX]+", item.label))


def _heading_places(items: list[_Item]) -> tuple[str, str]:
    """The heading's ``(areas, units)`` texts. A khu phố (or a thôn beside tổ / xóm) is the
    area of the units before it that have none yet (``Tổ 3, Tổ 4 (KP 1)``), else of the units
    after it (``Khu phố 2: Tổ 11 + Tổ 13``)."""
    if not any(i.kind in (_GROUP, None) for i in items):
        return ", ".join(dict.fromkeys(i.text for i in items)), ""
    units: list[str] = []
    owners: list[str | None] = []
    pending: list[int] = []
    ahead: str | None = None
    for item in items:
        if item.kind in (_GROUP, None):
            units.append(item.text)
            owners.append(ahead)
            if ahead is None:
                pending.append(len(units) - 1)
        elif pending:
            for n in pending:
                owners[n] = item.text
            pending, ahead = [], None
        else:
            ahead = item.text
    named = list(dict.fromkeys(o for o in owners if o is not None))
    if None in owners or len(named) < 2:
        return ", ".join(named), ", ".join(units)
    return ", ".join(o or "" for o in owners), ", ".join(units)  # paired by position


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


def pairing_area(ward: str, ward_type: str | None, area: str | None,
                 area_type: str | None) -> Localized:
    """Where units are paired, for messages: ``Khu phố 3``; ``cả xã Tân Lập`` (``the whole
    of xã Tân Lập``) when the ward is paired as one."""
    if area is not None:
        name = area_text(area, area_type)
        return Localized(name, name)
    shown = ward_display(ward, ward_type)
    return Localized(f"cả {shown}", f"the whole of {shown}")


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
    ward: str  # the ward column's title: ``Xã``, ``Phường``, ``Xã/Phường``
    area: str | None  # the area column's title; None when no unit has an area (one level)
    unit: str  # the unit column's title: ``Tổ dân phố``, ``Thôn, bản``

    @classmethod
    def of(cls, wards: Iterable[tuple[str, str | None]], units: Iterable[Unit]) -> Words:
        """The words for these wards (name, type) and their units (worked out once: a
        workbook reads them on every row)."""
        areas: dict[str, None] = {}
        kinds: dict[str, None] = {}
        for unit in units:
            kinds[unit.unit_type] = None
            if unit.area is not None:
                areas[unit.area_type or KHU_PHO] = None
        named = tuple(wards)
        return cls(named, tuple(areas), tuple(kinds), ward_column(t for _, t in named),
                   type_words(tuple(areas), KHU_PHO) if areas else None,
                   type_words(tuple(kinds)))


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
