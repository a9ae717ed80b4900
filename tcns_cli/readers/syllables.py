"""Is a word one Vietnamese syllable? The test that tells repaired text from broken text.

Converted legacy text and repaired mojibake are Vietnamese words; the same cells read as
they are (``NguyÔn``, ``d©n``, ``Nguyá»…n``) are not, and neither are French or Spanish
names read through a Vietnamese table (``Hélène`` → ``Hộlốne``). A word is a syllable when
it is an onset, a vowel nucleus and a final consonant that Vietnamese spelling allows, with
at most one tone mark, written in lower case, with a capital first letter, or in capitals.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = frozenset("\u0301\u0323")  # the only tones before a final c, ch, p, t
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
           "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_CODAS = frozenset(("ch", "ng", "nh", "c", "m", "n", "p", "t", ""))
_STOPS = frozenset(("c", "ch", "p", "t"))
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê "
    "ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu".split()
)
_CLOSED = frozenset("ă â iê yê uô ươ uyê oă uâ".split())  # never end a syllable
_VOWELS = frozenset("aăâeêioôơuưy")
_FRONT = ("i", "e", "ê", "y")  # k, gh, ngh come before these; c, g, ng do not


@lru_cache(maxsize=1 << 14)
def is_syllable(word: str) -> bool:
    """True for ``Nguyễn``, ``THỊ``, ``người``, ``khuỷu``; False for ``NguyÔn``, ``Hộlốne``."""
    if not word or not (word.islower() or word.isupper() or word[1:].islower()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return any(_parses(base[len(onset):], onset, tones)
               for onset in _ONSETS if base.startswith(onset))


def _parses(rest: str, onset: str, tones: list[str]) -> bool:
    end = 0
    while end < len(rest) and rest[end] in _VOWELS:
        end += 1
    nucleus, coda = rest[:end], rest[end:]
    if nucleus not in _NUCLEI or coda not in _CODAS:
        return False
    if nucleus in _CLOSED and not coda:
        return False
    if coda in _STOPS and not (tones and tones[0] in _STOP_TONES):
        return False
    if onset == "k":
        return nucleus.startswith(_FRONT)
    if onset in ("gh", "ngh"):
        return nucleus.startswith(_FRONT[:3])
    if onset in ("c", "ng"):
        return not nucleus.startswith(_FRONT)
    return not (onset == "g" and nucleus.startswith(("e", "ê")))
