"""Counts, phones, organisations and natural order (SPEC §2.3)."""

from __future__ import annotations

import pytest

from tcns_cli.normalize import (
    households,
    natural_key,
    organization,
    phone,
)


def test_natural_order_numbers_first_then_names() -> None:
    labels = ["10", "2", "1", "12A", "Bình Hòa", "An", "3"]
    assert sorted(labels, key=natural_key) == ["1", "2", "3", "10", "12A", "An", "Bình Hòa"]


@pytest.mark.parametrize("raw", [1020, 1020.0, "1.020", "1,020", "1 020", "1020.0"])
def test_households_accepts_thousands_separators(raw: object) -> None:
    assert households(raw) == 1020


@pytest.mark.parametrize("raw", [12.5, "12.5", -3, "-3", "nhiều", "", None, True])
def test_households_rejects_fractions_negatives_and_text(raw: object) -> None:
    assert households(raw) is None


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (901234567, "0901234567"), (901234567.0, "0901234567"), ("090 123 4567", "0901234567"),
        ("0901.234.567", "0901234567"), ("+84 90 123 4567", "0901234567"),
        ("84901234567", "0901234567"), ("01689123456", "0389123456"),
        ("0120 123 4567", "0701234567"), ("028 3812 3456", "02838123456"),
    ],
)
def test_phone_normalised(raw: object, number: str) -> None:
    assert phone(raw) == (number, True)


@pytest.mark.parametrize("raw", ["12345", "0890123456", "abc"])
def test_invalid_phone_kept_as_written(raw: str) -> None:
    assert phone(raw) == (raw, False)


@pytest.mark.parametrize(
    ("raw", "org"),
    [
        ("Đoàn thanh niên", "doan-thanh-nien"), ("Chi đoàn", "doan-thanh-nien"),
        ("ĐTN", "doan-thanh-nien"), ("Đoàn TNCS Hồ Chí Minh", "doan-thanh-nien"),
        ("Hội LHPN", "hoi-phu-nu"), ("Đại diện Hội Phụ nữ", "hoi-phu-nu"),
        ("Chi hội CCB", "hoi-cuu-chien-binh"), ("Chi hội NCT", "hoi-nguoi-cao-tuoi"),
        ("CTĐ", "hoi-chu-thap-do"), ("Ban công tác Mặt trận", "mat-tran"), ("MTTQ", "mat-tran"),
        ("Công an khu vực", "cong-an"), ("Hội Nông dân", "hoi-nong-dan"),
    ],
)
def test_organisations(raw: str, org: str) -> None:
    assert organization(raw) == (org, True)


def test_unknown_and_empty_organisation() -> None:
    assert organization("Câu lạc bộ dưỡng sinh") == (None, False)
    assert organization("") == (None, True)


def test_cached_phone_shapes_agree_with_libphonenumber_on_every_prefix() -> None:
    """``phone`` asks libphonenumber once per (prefix, length); each number must agree."""
    import random

    from tcns_cli.normalize import _OLD_MOBILE_PREFIXES, _valid_number

    rng = random.Random(7)
    for head in range(100, 1000):
        for length in (10, 11):
            number = f"0{head}" + "".join(rng.choice("0123456789") for _ in range(length - 4))
            if length == 11 and number[:4] in _OLD_MOBILE_PREFIXES:
                continue  # retired prefixes are converted first (tested above)
            assert phone(number)[1] == _valid_number(number), number
