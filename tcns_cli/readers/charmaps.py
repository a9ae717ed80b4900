"""The legacy Vietnamese font encodings, TCVN3 and VNI, to and from Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts that draw Latin-1 code points as
Vietnamese letters. A cell typed in such a font holds the look-alikes (``Tæ d©n phè``) and
only the font makes it read ``Tổ dân phố``; a reader that ignores fonts (python-calamine, a
CSV) sees the look-alikes. These tables turn them back into letters.

- **TCVN3** (the "ABC" fonts ``.VnTime``, ``.VnArial``): table VN3 of the national standard
  TCVN 5712:1993, one byte per letter. It holds the 67 lower-case letters and only seven
  capitals (Ă Â Ê Ô Ơ Ư Đ); other capitals are typed with the lower-case bytes in a capital
  font (``.VnTimeH``), which draws every letter as a capital. Those capitals can only be
  recovered from the case of the text around them (:func:`decode_tcvn3`).
- **VNI** (``VNI-Times``, VNI Software's VNI-Windows layout; no public standard): a toned
  vowel is its base letter followed by one mark character (``aù`` = á, ``eä`` = ệ); ơ, ư, đ
  and the i-letters with a tone are single characters (``ô`` ``ö`` ``ñ`` ``í`` ``ì`` ``æ``
  ``ó`` ``ò``), and so is ỵ (``î``). All 134 accented letters, both cases.

Both tables are tested letter by letter against the tables of the ``viparse`` library and,
for TCVN3, the C library's ``TCVN5712-1`` converter (tests/test_legacy.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

TCVN3 = "TCVN3"
VNI = "VNI"

# TCVN 5712:1993, table VN3: each row's letters and their bytes, in the standard's order.
_TCVN3_ROWS = {
    "àảãáạ": b"\xb5\xb6\xb7\xb8\xb9",
    "ằẳẵắặ": b"\xbb\xbc\xbd\xbe\xc6",
    "ầẩẫấậ": b"\xc7\xc8\xc9\xca\xcb",
    "èẻẽéẹ": b"\xcc\xce\xcf\xd0\xd1",
    "ềểễếệ": b"\xd2\xd3\xd4\xd5\xd6",
    "ìỉĩíị": b"\xd7\xd8\xdc\xdd\xde",
    "òỏõóọ": b"\xdf\xe1\xe2\xe3\xe4",
    "ồổỗốộ": b"\xe5\xe6\xe7\xe8\xe9",
    "ờởỡớợ": b"\xea\xeb\xec\xed\xee",
    "ùủũúụ": b"\xef\xf1\xf2\xf3\xf4",
    "ừửữứự": b"\xf5\xf6\xf7\xf8\xf9",
    "ỳỷỹýỵ": b"\xfa\xfb\xfc\xfd\xfe",
    "ăâêôơưđ": b"\xa8\xa9\xaa\xab\xac\xad\xae",
    "ĂÂÊÔƠƯĐ": b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7",
}
TCVN3_LETTERS: dict[str, str] = {
    chr(byte): letter for letters, codes in _TCVN3_ROWS.items()
    for letter, byte in zip(letters, codes, strict=True)
}  # the character a cell holds → the letter the font draws

# VNI-Windows: a letter's six forms (no tone, sắc, huyền, hỏi, ngã, nặng) are its base
# followed by one of these marks; upper-case letters use the upper-case marks.
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_HAT = ("â", "á", "à", "å", "ã", "ä")  # â ê ô, and â ê ô with each tone
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")  # ă, and ă with each tone
_VNI_ROWS = {
    "aáàảãạ": tuple("a" + m for m in _VNI_TONE),
    "âấầẩẫậ": tuple("a" + m for m in _VNI_HAT),
    "ăắằẳẵặ": tuple("a" + m for m in _VNI_BREVE),
    "eéèẻẽẹ": tuple("e" + m for m in _VNI_TONE),
    "êếềểễệ": tuple("e" + m for m in _VNI_HAT),
    "oóòỏõọ": tuple("o" + m for m in _VNI_TONE),
    "ôốồổỗộ": tuple("o" + m for m in _VNI_HAT),
    "ơớờởỡợ": tuple("ô" + m for m in _VNI_TONE),
    "uúùủũụ": tuple("u" + m for m in _VNI_TONE),
    "ưứừửữự": tuple("ö" + m for m in _VNI_TONE),
    "yýỳỷỹỵ": ("y", "yù", "yø", "yû", "yõ", "î"),
    "iíìỉĩị": ("i", "í", "ì", "æ", "ó", "ò"),
    "đ": ("ñ",),
}
VNI_FORMS: dict[str, str] = {
    form_letter: form_code
    for letters, codes in _VNI_ROWS.items()
    for letter, code in zip(letters, codes, strict=True) if letter not in "aeiouy"
    for form_letter, form_code in ((letter, code), (letter.upper(), code.upper()))
}  # letter → how VNI writes it (í, ì, Í, Ì as themselves)
# Other converters write ỵ and the toned i's as base + mark; read those too.
_VNI_ALSO = {"yï": "ỵ", "YÏ": "Ỵ", "iù": "í", "iø": "ì", "IÙ": "Í", "IØ": "Ì"}
_VNI_CODES = {letter: code for letter, code in VNI_FORMS.items() if code != letter}
VNI_LETTERS: dict[str, str] = {code: letter for letter, code in _VNI_CODES.items()} | _VNI_ALSO
_TCVN3_TABLE = str.maketrans(TCVN3_LETTERS)
_TCVN3_CODES = {letter: code for code, letter in TCVN3_LETTERS.items()}


def decode_tcvn3(text: str) -> str:
    """TCVN3 look-alikes → Unicode (NFC), restoring the capitals a ``H`` font drew.

    A capital font shows in a word that has a converted letter and a Latin capital after
    its first letter (``S¸CH``, ``PHè``): a cell with such a word and no Latin small letter
    was typed in a capital font, and all of it is upper case (``DANH S¸CH Tæ D¢N PHè`` is
    ``DANH SÁCH TỔ DÂN PHỐ``). Where nothing shows it (``Tæ 2``, ``Sè hé``), the letters
    stay as the table has them. In a cell whose words all begin with a capital (a name), a
    word beginning with a converted small letter (``¸nh``) began with a letter typed in a
    capital font (``Ánh``).
    """
    if text.isascii():
        return text
    out = text.translate(_TCVN3_TABLE)
    if not any(c.isascii() and c.islower() for c in text) and any(
            _capital_font(word) for word in text.split(" ")):
        return unicodedata.normalize("NFC", out.upper())
    return unicodedata.normalize("NFC", _capitalised(text, out))


def _capital_font(word: str) -> bool:
    """A word with a TCVN3 byte and a Latin capital after its first letter."""
    return any(c in TCVN3_LETTERS for c in word) and any(
        c.isascii() and c.isupper() for c in word[1:])


def _capitalised(text: str, out: str) -> str:
    """``out`` with a word capitalised where its first letter came from a lower-case byte and
    every other word of ``text`` begins with a capital (see :func:`decode_tcvn3`)."""
    pairs = [(w, n) for w, n in zip(text.split(" "), out.split(" "), strict=True)
             if n and n[0].isalpha()]
    if any(n[0].islower() and w[0].isascii() for w, n in pairs):
        return out  # a word typed in lower case: the cell is not in title case
    if not any(n[0].isupper() for _, n in pairs):
        return out
    return " ".join(n[0].upper() + n[1:] if n and w[0] in TCVN3_LETTERS else n
                    for w, n in zip(text.split(" "), out.split(" "), strict=True))


def decode_vni(text: str) -> str:
    """VNI look-alikes → Unicode (NFC)."""
    if text.isascii():
        return text
    out = _vni_pattern().sub(lambda m: VNI_LETTERS[m.group()], text)
    return unicodedata.normalize("NFC", out) if out != text else text


@cache
def _vni_pattern() -> re.Pattern[str]:
    """Every VNI form, the longest first (``ôù`` before ``ô``); compiled when first needed."""
    return re.compile("|".join(sorted(map(re.escape, VNI_LETTERS), key=len, reverse=True)))


DECODERS = {TCVN3: decode_tcvn3, VNI: decode_vni}


def encode(text: str, encoding: str) -> str:
    """Unicode → what a cell typed in a legacy font holds (for sample files and tests).

    A TCVN3 capital that the table lacks is written with its lower-case byte, as a capital
    (``H``) font holds it.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        return "".join(_TCVN3_CODES.get(c) or _TCVN3_CODES.get(c.lower(), c) for c in text)
    return "".join(_VNI_CODES.get(c, c) for c in text)
