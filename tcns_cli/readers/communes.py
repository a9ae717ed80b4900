"""Ward types (SPEC §1.1): from the data's own words, else from the official list of
communes since 1/7/2025 (the ``vietnam-provinces`` package: 3,321 communes with their type),
else unknown, said as a warning so that the officer can give it.

The list is imported only when some ward's type is not in the data (it costs 0.1 s).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from tcns_cli.errors import Finding
from tcns_cli.messages import Localized
from tcns_cli.model import Source
from tcns_cli.normalize import fold, nfc
from tcns_cli.places import typed_ward

if TYPE_CHECKING:
    from tcns_cli.readers.units import UnitRow


def ward_types(rows: Sequence[UnitRow], findings: list[Finding]
               ) -> tuple[tuple[str, str | None], ...]:
    """Each ward (input order) with its type: the first its rows give, else the official
    list's when every commune of that name has one type; else None, reported."""
    given: dict[str, str | None] = {}
    first: dict[str, UnitRow] = {}
    for row in rows:
        ward = row.unit.ward
        first.setdefault(ward, row)
        if given.get(ward) is None:
            given[ward] = row.ward_type
    for ward, kind in given.items():
        if kind is None:
            given[ward] = _from_official_list(ward, first[ward], findings)
    return tuple(given.items())


def _from_official_list(ward: str, row: UnitRow, findings: list[Finding]) -> str | None:
    types = official_types().get(fold(ward), set())
    if len(types) == 1:
        return next(iter(types))
    if not types:
        names = closest_names(ward)
        findings.append(Finding.of(
            "WARD_NOT_IN_OFFICIAL_LIST",
            {"ward": ward, "closest": Localized(f" (gần nhất: {names})", f" (closest: {names})")
             if names else ""}, ward, source=_sheet_only(row)))
    why = "" if not types else Localized(
        f" (danh mục 2025 có cả {' và '.join(sorted(types))} mang tên này)",
        f" (the 2025 list has a {' and a '.join(sorted(types))} of that name)")
    findings.append(Finding.of("WARD_TYPE_UNKNOWN", {"ward": ward, "why": why}, ward,
                               source=_sheet_only(row)))
    return None


def _sheet_only(row: UnitRow) -> Source:
    return Source(row.label_source.file, row.label_source.sheet)


@cache
def official_names() -> tuple[tuple[str, str, str], ...]:
    """Every commune of the official list: (name, type, province)."""
    from vietnam_provinces import Province, Ward

    provinces = {p.code: p.name for p in Province.iter_all()}
    out = []
    for ward in Ward.iter_all():
        name, _ = typed_ward(nfc(ward.name))
        out.append((name or ward.name, ward.division_type.value, provinces[ward.province_code]))
    return tuple(out)


@cache
def official_types() -> dict[str, set[str]]:
    """The types the official list gives each (folded) commune name."""
    types: dict[str, set[str]] = defaultdict(set)
    for name, kind, _ in official_names():
        types[fold(name)].add(kind)
    return dict(types)


@cache
def _by_word() -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for n, (name, _, _) in enumerate(official_names()):
        for word in set(fold(name).split()):
            index[word].append(n)
    return dict(index)


def closest_names(ward: str, count: int = 3) -> str:
    """Up to ``count`` official communes whose names are closest (``Xã Tân Lập (Tây Ninh)``),
    among those sharing a word with it (a few dozen, not all 3,321)."""
    folded = fold(ward)
    names = official_names()
    candidates = sorted({n for w in set(folded.split()) for n in _by_word().get(w, [])})
    keys = [fold(names[n][0]) for n in candidates]
    best = difflib.get_close_matches(folded, keys, n=count, cutoff=0.6)
    chosen = [candidates[keys.index(k)] for k in best]
    return ", ".join(f"{names[n][1].capitalize()} {names[n][0]} ({names[n][2]})" for n in chosen)
