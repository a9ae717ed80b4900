"""Canonical forms of the values ward files hold: text, counts, names, years, organisations,
phones. (Place labels and ward names belong to :mod:`tcns_cli.places`.)"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC, trimmed, inner white space collapsed to one space."""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


@lru_cache(maxsize=1 << 16)
def fold(value: str) -> str:
    """Accent-, case- and spacing-insensitive form for matching (``Đ`` becomes ``d``)."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", plain.casefold()).strip()


def squash(value: str) -> str:
    """Like :func:`fold` but also without spaces and punctuation (``Số hộ`` → ``soho``)."""
    return re.sub(r"[^0-9a-z]", "", fold(value))


def squash_exact(value: str) -> str:
    """Lower-case NFC without spaces or punctuation, accents kept (``Họ`` ≠ ``Hộ``)."""
    lowered = unicodedata.normalize("NFC", value).casefold()
    return "".join(c for c in lowered if c.isalnum())


def cell_text(value: Any) -> str:
    """A cell's value as display text (``12.0`` → ``12``); empty for None."""
    if isinstance(value, str):
        return nfc(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


_NATURAL = re.compile(r"^(\d+)(.*)$")


def natural_key(label: str | None) -> tuple[int, int, str, str]:
    """Numbered labels by their number, then the rest; unnumbered after, alphabetically."""
    if label is None:
        return (2, 0, "", "")
    match = _NATURAL.match(label)
    if match:
        return (0, int(match.group(1)), fold(match.group(2)), label)
    return (1, 0, fold(label), label)


_THOUSANDS = re.compile(r"^\d{1,3}([., ]\d{3})+$")


def households(value: Any) -> int | None:
    """A whole number ≥ 0 from ``1020``, ``1020.0``, ``"1.020"``, ``"1,020"``, ``"1 020"``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    raw = nfc(str(value)).replace("\u00a0", " ")
    if raw.isdigit():
        return int(raw)
    if _THOUSANDS.match(raw):
        return int(re.sub(r"[., ]", "", raw))
    if re.fullmatch(r"\d+\.0+", raw):
        return int(raw.split(".")[0])
    return None


def person_name(value: Any) -> str:
    """NFC, trimmed, inner spaces collapsed."""
    return cell_text(value)


def birth_year(value: Any) -> int | None:
    """A year from ``1990``, ``1990.0``, a date, or text such as ``12/05/1990``."""
    if value is None or isinstance(value, bool):
        return None
    year = getattr(value, "year", None)
    if isinstance(year, int):
        return year
    if isinstance(value, int | float):
        whole = int(value)
        return whole if 1900 <= whole <= 2100 and whole == value else None
    found = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", str(value))
    return int(found[-1]) if found else None


_GENDERS = {"nam": "Nam", "nu": "Nữ", "male": "Nam", "female": "Nữ", "m": "Nam", "f": "Nữ"}


def gender(value: Any) -> str | None:
    """``Nam`` or ``Nữ`` (or the text as written when it is neither)."""
    raw = cell_text(value)
    return _GENDERS.get(fold(raw), raw or None)


_TRUE = {"x", "co", "yes", "1", "true", "v", "c", "y"}


def truthy(value: Any) -> bool:
    """``x``, ``Có``, ``yes``, ``1`` are true."""
    return fold(cell_text(value)) in _TRUE


# The 2018 move of 11-digit mobile numbers to 10 digits (Bộ TT&TT, Thông tư 22/2014 as
# scheduled from 15/9/2018). libphonenumber validates today's numbers but holds no table
# of the retired prefixes, so the conversion itself lives here.
_OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039", "0186": "056", "0188": "058",
    "0199": "059",
}  # fmt: skip


def phone(value: Any) -> tuple[str | None, bool]:
    """``(number, valid)``: a Vietnamese number as 10 (landline 11) digits starting with 0.

    An invalid number comes back as written, with ``valid`` False; an empty cell is
    ``(None, False)``.
    """
    return phone_of_text(cell_text(value))


def valid_phone(number: str | None) -> bool:
    """Whether an already normalised phone is a valid Vietnamese number (cached)."""
    if not number:
        return False
    if len(number) == 10 and number.isascii() and number.isdigit() and number[0] == "0":
        return _valid_shape(number[:5], 10, number)
    return phone_of_text(number)[1]


def phone_of_text(written: str) -> tuple[str | None, bool]:
    """:func:`phone` of text already passed through :func:`cell_text`."""
    if len(written) == 10 and written.isascii() and written.isdigit() and written[0] == "0":
        # Already the usual 10-digit form (nearly every row): only its shape needs checking.
        valid = _valid_shape(written[:5], 10, written)
        return written, valid
    return _phone_of_other_text(written)


@lru_cache(maxsize=1 << 14)
def _phone_of_other_text(written: str) -> tuple[str | None, bool]:
    if not written:
        return None, False
    digits = re.sub(r"[^\d+]", "", written)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits
    if len(digits) == 11 and digits[:4] in _OLD_MOBILE_PREFIXES:
        digits = _OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
    if _PLAIN.fullmatch(digits) and _valid_shape(digits[:5], len(digits), digits):
        return digits, True
    return written, False


_PLAIN = re.compile(r"0\d{9,10}")


_SHAPES: dict[tuple[str, int], bool] = {}


def _valid_shape(prefix: str, length: int, example: str) -> bool:
    """Whether Vietnamese numbers of this prefix and length are valid (libphonenumber).

    Vietnam's numbering plan decides validity by the first digits after the trunk 0 and the
    length, so one parse per (prefix, length) stands for every number of that shape; the
    cache turns 400,000 parses into a few hundred. ``example`` is the first number seen.
    """
    shape = (prefix, length)
    valid = _SHAPES.get(shape)
    if valid is None:
        valid = _SHAPES[shape] = _valid_number(example)
    return valid


def _valid_number(number: str) -> bool:
    """libphonenumber's verdict on one national number, written back unchanged."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, "VN")
    except phonenumbers.NumberParseException:
        return False
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.is_valid_number(parsed) and re.sub(r"\D", "", national) == number


# Organisations (SPEC §2.3): leading words dropped before matching, then keyword rules.
_ORG_LEADING = re.compile(r"^(chi hoi|dai dien|hoi|chi|ban|to)\s+")
_ORG_RULES = (
    ("cong-an", re.compile(r"\b(cong an|cakv)\b")),
    ("doanh-nghiep", re.compile(r"\b(doanh nghiep|vien thong|viettel|vnpt|mobifone|buu dien)\b")),
    ("hoi-cuu-chien-binh", re.compile(r"\b(cuu chien binh|ccb)\b")),
    ("hoi-nguoi-cao-tuoi", re.compile(r"\b(nguoi cao tuoi|nct)\b")),
    ("hoi-chu-thap-do", re.compile(r"\b(chu thap do|ctd)\b")),
    ("hoi-nong-dan", re.compile(r"\b(nong dan|hnd)\b|^nd$")),
    ("hoi-phu-nu", re.compile(r"\b(phu nu|lhpn|pn)\b")),
    ("mat-tran", re.compile(r"\b(mat tran|mttq|bctmt|ctmt)\b")),
    ("doan-thanh-nien", re.compile(r"\b(doan|dtn|doan tn|thanh nien|tncs|doan vien)\b")),
)

ORGANIZATIONS = tuple(org for org, _ in _ORG_RULES)


def organization(value: Any) -> tuple[str | None, bool]:
    """``(id, known)``: the canonical organisation id; ``(None, True)`` for an empty cell."""
    return organization_of_text(cell_text(value))


@lru_cache(maxsize=1 << 12)
def organization_of_text(text: str) -> tuple[str | None, bool]:
    """:func:`organization` of text already passed through :func:`cell_text` (cached)."""
    folded = fold(text)
    if not folded:
        return None, True
    while (match := _ORG_LEADING.match(folded)) is not None:
        folded = folded[match.end() :]
    for org, pattern in _ORG_RULES:
        if pattern.search(folded):
            return org, True
    return None, False

MASS_ORGANIZATIONS = tuple(o for o in ORGANIZATIONS if o not in ("cong-an", "doanh-nghiep"))

ORGANIZATION_NAMES = {
    "doan-thanh-nien": "Đoàn Thanh niên",
    "hoi-phu-nu": "Hội Liên hiệp Phụ nữ",
    "hoi-cuu-chien-binh": "Hội Cựu chiến binh",
    "hoi-nong-dan": "Hội Nông dân",
    "hoi-nguoi-cao-tuoi": "Hội Người cao tuổi",
    "hoi-chu-thap-do": "Hội Chữ thập đỏ",
    "mat-tran": "Mặt trận Tổ quốc",
    "cong-an": "Công an khu vực",
    "doanh-nghiep": "Doanh nghiệp công nghệ số",
}
