"""Unit sheets → Units (SPEC §2): households, labels, coordinates, neighbours, leaders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tcns_cli.errors import Finding
from tcns_cli.messages import bad_phone
from tcns_cli.model import Person, Source, Unit
from tcns_cli.normalize import birth_year, cell_text, gender, households, person_name, phone
from tcns_cli.places import (
    KHU_PHO,
    TO_DAN_PHO,
    canonical_label,
    is_area_heading,
    key_of_slots,
    label_of_text,
    type_of_slots,
    ward_in_title,
    ward_of_text,
)
from tcns_cli.readers.headers import Header
from tcns_cli.readers.rows import Row, data_block, mapped
from tcns_cli.readers.tables import Table

_SEPARATORS = re.compile(r"[,;\t]")


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit as read, before its neighbours are resolved against the ward."""

    unit: Unit
    neighbour_labels: tuple[str, ...]
    label_source: Source


def title_ward(table: Table, header: Header) -> str | None:
    """A ward named in the title rows above the header (``ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG``)."""
    for cells in table.rows[: header.index]:
        for cell in cells:
            name = ward_in_title(cell_text(cell))
            if name is not None:
                return name
    return None


def read_unit_table(
    table: Table, header: Header, default_ward: str, findings: list[Finding]
) -> list[UnitRow]:
    """Every unit row of one sheet; unreadable rows become error findings.

    A ward whose rows name no TDP at all plans its khu phố as units (the post-2024 shape),
    even when the sheet has a TDP column for other wards. Plain rows (a label, a count,
    coordinates or none, no leader) are read from the columns directly; any other row goes
    through :func:`_unit`, which reports what is wrong with it.
    """
    block = data_block(table, header, ("ward", "khu_pho"), "households", findings)
    wards = [w or default_ward for w in mapped(block.column("ward"), ward_of_text)]
    tdp_texts = block.column("tdp")
    with_tdp = {w for w, text in zip(wards, tdp_texts, strict=True) if text}
    khu_phos = mapped(block.column("khu_pho"), label_of_text)
    tdps = mapped(tdp_texts, label_of_text)
    counts = mapped(block.cells.get("households") or [""] * len(block), households)
    lats = mapped(block.cells.get("lat") or [""] * len(block), _latitude)
    lons = mapped(block.cells.get("lon") or [""] * len(block), _longitude)
    leaders = [a or b for a, b in zip(block.column("leader_name"), block.column("name"),
                                      strict=True)]
    neighbours = block.column("neighbours")
    out: list[UnitRow] = []
    for k, ward in enumerate(wards):
        has_tdp = ward in with_tdp
        khu_pho, tdp = khu_phos[k], tdps[k] if has_tdp else None
        label = tdp if has_tdp else khu_pho
        count, lat, lon = counts[k], lats[k], lons[k]
        if label is None or count is None or lat is _BAD or lon is _BAD or leaders[k]:
            row = block.row(k)
            unit = _unit(row, ward, has_tdp, findings)
            if unit is not None:
                label_source = row.at("tdp" if has_tdp else "khu_pho")
                out.append(UnitRow(unit, _neighbour_labels(neighbours[k]), label_source))
            continue
        unit = _new_unit(ward, khu_pho, tdp, count, lat, lon, None, block.source(k))
        labels = _neighbour_labels(neighbours[k]) if neighbours[k] else ()
        out.append(UnitRow(unit, labels, block.source(k, "tdp" if has_tdp else "khu_pho")))
    return out


_BAD = float("nan")  # a coordinate that needs the row-by-row reader (and its finding)


def _latitude(value: Any) -> float | None:
    return _plain_coordinate(value, 90.0)


def _longitude(value: Any) -> float | None:
    return _plain_coordinate(value, 180.0)


def _plain_coordinate(value: Any, limit: float) -> float | None:
    """A coordinate cell as a number (comma decimals too), None when empty, :data:`_BAD`
    when it is not a number in range (:func:`_coordinate` reports those)."""
    if value is None or value == "":
        return None
    if type(value) is str:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return _BAD
    elif type(value) in (int, float, bool):
        number = float(value)
    else:
        return _BAD
    return number if -limit <= number <= limit else _BAD


def _unit(row: Row, ward: str, has_tdp: bool, findings: list[Finding]) -> Unit | None:
    khu_pho = canonical_label(row.get("khu_pho"))
    tdp = canonical_label(row.get("tdp")) if has_tdp else None
    label = tdp if has_tdp else khu_pho
    filled = [f for f, text in row.texts.items() if text]
    if len(filled) == 1 and _SEPARATORS.search(row.texts[filled[0]]):
        # "KP1,Tổ 2,120" in one cell of a ";" file: a line typed with another separator.
        findings.append(_error("MIXED_DELIMITER", row, filled[0], value=row.texts[filled[0]]))
        return None
    if label is None:
        if has_tdp and filled == ["khu_pho"] and is_area_heading(row.text("khu_pho")):
            # A section heading row such as "KHU PHỐ 2" above its TDPs.
            findings.append(Finding.of("SECTION_ROW_SKIPPED", {"value": row.text("khu_pho")},
                                       source=row.at("khu_pho")))
            return None
        findings.append(_error("MISSING_UNIT_LABEL", row, "tdp" if has_tdp else "khu_pho"))
        return None
    count = _households(row, findings)
    if count is None:
        return None
    lat, lon = _coordinate(row, "lat", findings), _coordinate(row, "lon", findings)
    leader = _leader(row, ward, khu_pho, tdp, findings)
    return _new_unit(ward, khu_pho, tdp, count, lat, lon, leader, row.source)


def _new_unit(ward: str, khu_pho: str | None, tdp: str | None, count: int, lat: float | None,
              lon: float | None, leader: Person | None, source: Source) -> Unit:
    """A unit from its khu phố and TDP columns: a TDP under its khu phố, else the khu phố."""
    if tdp is not None:
        return Unit(ward, khu_pho, tdp, count, lat, lon, (), leader, source, TO_DAN_PHO,
                    KHU_PHO if khu_pho is not None else None)
    assert khu_pho is not None
    return Unit(ward, None, khu_pho, count, lat, lon, (), leader, source, KHU_PHO, None)


def _error(code: str, row: Row, column: str, **params: Any) -> Finding:
    return Finding.of(code, params, source=row.at(column))


def _households(row: Row, findings: list[Finding]) -> int | None:
    value = row.get("households")
    if value is None:
        findings.append(_error("MISSING_HOUSEHOLDS", row, "households"))
        return None
    count = households(value)
    if count is None:
        findings.append(_error("BAD_HOUSEHOLDS", row, "households", value=cell_text(value)))
    return count


def _coordinate(row: Row, name: str, findings: list[Finding]) -> float | None:
    value = row.get(name)
    if value is None:
        return None
    number = _plain_coordinate(value, 90.0 if name == "lat" else 180.0)
    if number is _BAD:
        findings.append(Finding.of("BAD_COORDINATE", {"value": cell_text(value)},
                                   source=row.at(name)))
        return None
    return number


def _neighbour_labels(value: Any) -> tuple[str, ...]:
    text = cell_text(value)
    return tuple(part.strip() for part in re.split(r"[,;]", text) if part.strip())


def _leader(
    row: Row, ward: str, khu_pho: str | None, tdp: str | None, findings: list[Finding]
) -> Person | None:
    name = person_name(row.get("leader_name") or row.get("name"))
    if not name:
        return None
    number, valid = phone(row.get("phone"))
    if number is not None and not valid:
        findings.append(Finding.of("BAD_PHONE", {"name": name, "problem": bad_phone(number)},
                                   ward, khu_pho, tdp, source=row.at("phone")))
    area, unit = key_of_slots(khu_pho, tdp)
    return Person(
        name=name, birth_year=birth_year(row.get("birth_year")), gender=gender(row.get("gender")),
        ward=ward, area=area, unit=unit, position=None, phone=number,
        is_unit_leader=True, source=row.at("leader_name" if row.get("leader_name") else "name"),
        unit_type=type_of_slots(khu_pho, tdp),
    )
