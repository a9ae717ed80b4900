"""The legacy font tables (TCVN3, VNI): every letter, and agreement with other tables.

The alphabet is built from Unicode alone (12 vowels with 6 tones, less the 6 plain vowels,
and đ; both cases: 134 letters); the other tables are viparse's and, for TCVN3, the C
library's TCVN5712-1 converter.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from tcns_cli.readers.charmaps import (
    TCVN3,
    TCVN3_LETTERS,
    VNI,
    VNI_FORMS,
    decode_tcvn3,
    decode_vni,
    encode,
)

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES}
               - set("aeiouy") | {"đ"})
ALPHABET = LOWER + [c.upper() for c in LOWER]


def test_the_alphabet_has_134_letters() -> None:
    assert len(LOWER) == 67 and len(set(ALPHABET)) == 134


def test_every_letter_round_trips_through_vni() -> None:
    assert sorted(VNI_FORMS) == sorted(ALPHABET)
    for letter in ALPHABET:
        written = encode(letter, VNI)
        assert decode_vni(written) == letter
        assert written != letter or letter in "íìÍÌ"  # VNI writes those four as themselves
        assert decode_vni(f"b{written}n") == f"b{letter}n"
    words = " ".join(ALPHABET)
    assert decode_vni(encode(words, VNI)) == words


def test_every_letter_tcvn3_holds_round_trips_and_the_rest_take_a_capital_font() -> None:
    held = sorted(TCVN3_LETTERS.values())
    assert sorted(held) == sorted(LOWER + list("ĂÂÊÔƠƯĐ"))  # 74: TCVN 5712:1993, VN3
    for letter in held:
        assert decode_tcvn3(encode(letter, TCVN3)) == letter
    capitals = [c for c in ALPHABET if c not in held]
    assert len(capitals) == 60
    for capital in capitals:
        assert encode(capital, TCVN3) == encode(capital.lower(), TCVN3)
        assert decode_tcvn3(encode(f"X{capital}X", TCVN3)) == f"X{capital}X"  # a capital cell
        assert decode_tcvn3(encode(f"Lê {capital}n", TCVN3)) == f"Lê {capital}n"  # a name


def test_tcvn3_agrees_with_viparse_letter_by_letter() -> None:
    from viparse.normalize.tcvn3 import TCVN3 as VIPARSE_TCVN3

    theirs = dict(VIPARSE_TCVN3.pairs)
    assert theirs == TCVN3_LETTERS


def test_vni_agrees_with_viparse_letter_by_letter() -> None:
    from viparse.normalize.vni import VNI as VIPARSE_VNI

    theirs = dict(VIPARSE_VNI.pairs)
    assert {code: decode_vni(code) for code in theirs} == theirs
    # viparse has no ẳ/Ẳ (unseen in its corpus), and writes ỵ, í, ì with a mark where the
    # VNI fonts have one character (î, í, ì): we read both and write the fonts' form.
    assert set(ALPHABET) - set(theirs.values()) <= {"ẳ", "Ẳ"}
    assert [encode(c, VNI) for c in "ẳẲỵỴ"] == ["aú", "AÚ", "î", "Î"]


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs the C library's iconv")
def test_tcvn3_agrees_with_the_c_library() -> None:
    codes = "\n".join(TCVN3_LETTERS).encode("latin-1")
    run = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes,
                         capture_output=True, check=True)
    assert run.stdout.decode().split("\n") == list(TCVN3_LETTERS.values())
