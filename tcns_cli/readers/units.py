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
    is_area_heading,
    type_of_header,
    typed_label,
    typed_ward,
    typed_ward_in_title,
    unit_slots,
    ward_type_of_header,
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
    ward_type: str | None = None


Typed = tuple[str | None, str | None]  # a canonical label and the type its word names


def title_ward(table: Table, header: Header) -> Typed:
    """A ward named in the title rows above the header (``ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG``),
    with its type."""
    for cells in table.rows[: header.index]:
        for cell in cells:
            name, kind = typed_ward_in_title(cell_text(cell))
            if name is not None:
                return name, kind
    return None, None


def read_unit_table(
    table: Table, header: Header, default: Typed, findings: list[Finding]
) -> list[UnitRow]:
    """Every unit row of one sheet; unreadable rows become error findings.

    ``default`` is the ward (and its type, if known) of rows without a ward column. An area
    whose rows name no TDP at all is itself a unit (one level), even when the sheet has a
    TDP column for other wards or other areas: a merged xã has thôn beside khu phố with
    their tổ dân phố. An area with TDPs still needs a TDP on every row. A unit's type comes
    from its label's own word, else from its column's header. Plain rows (a label, a count,
    coordinates or none, no leader) are read from the columns directly; any other row goes
    through :func:`_unit`, which reports what is wrong with it.
    """
    block = data_block(table, header, ("ward", "khu_pho"), "households", findings)
    header_type = ward_type_of_header(header.labels.get("ward", ""))
    named = mapped(block.column("ward"), typed_ward)
    wards = [w or default[0] or "" for w, _ in named]
    ward_types = [t or (header_type if w else default[1]) for w, t in named]
    tdp_texts = block.column("tdp")
    area_texts = block.column("khu_pho")
    with_tdp = {(w, area) for w, area, text in zip(wards, area_texts, tdp_texts, strict=True)
                if text}
    kinds = (type_of_header(header.labels.get("khu_pho", "")),
             type_of_header(header.labels.get("tdp", "")))
    khu_phos = mapped(block.column("khu_pho"), typed_label)
    tdps = mapped(tdp_texts, typed_label)
    counts = mapped(block.cells.get("households") or [""] * len(block), households)
    lats = mapped(block.cells.get("lat") or [""] * len(block), _latitude)
    lons = mapped(block.cells.get("lon") or [""] * len(block), _longitude)
    leaders = [a or b for a, b in zip(block.column("leader_name"), block.column("name"),
                                      strict=True)]
    neighbours = block.column("neighbours")
    out: list[UnitRow] = []
    for k, ward in enumerate(wards):
        has_tdp = (ward, area_texts[k]) in with_tdp
        khu_pho, tdp = khu_phos[k], tdps[k] if has_tdp else (None, None)
        label = tdp[0] if has_tdp else khu_pho[0]
        count, lat, lon = counts[k], lats[k], lons[k]
        if label is None or count is None or lat is _BAD or lon is _BAD or leaders[k]:
            row = block.row(k)
            unit = _unit(row, ward, (khu_pho, tdp, kinds), has_tdp, findings)
            if unit is not None:
                label_source = row.at("tdp" if has_tdp else "khu_pho")
                out.append(UnitRow(unit, _neighbour_labels(neighbours[k]), label_source,
                                   ward_types[k]))
            continue
        unit = _new_unit(ward, khu_pho, tdp, kinds, count, lat, lon, block.source(k))
        labels = _neighbour_labels(neighbours[k]) if neighbours[k] else ()
        out.append(UnitRow(unit, labels, block.source(k, "tdp" if has_tdp else "khu_pho"),
                           ward_types[k]))
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


def _unit(row: Row, ward: str, labels: tuple[Typed, Typed, Typed], has_tdp: bool,
          findings: list[Finding]) -> Unit | None:
    khu_pho, tdp, kinds = labels
    label = tdp[0] if has_tdp else khu_pho[0]
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
    unit = _new_unit(ward, khu_pho, tdp, kinds, count, lat, lon, row.source)
    leader = _leader(row, unit, findings)
    if leader is None:
        return unit
    return Unit(unit.ward, unit.area, unit.label, unit.households, unit.lat, unit.lon, (),
                leader, unit.source, unit.unit_type, unit.area_type)


def _new_unit(ward: str, khu_pho: Typed, tdp: Typed, kinds: Typed, count: int,
              lat: float | None, lon: float | None, source: Source) -> Unit:
    """A unit from its two place columns: a TDP under its khu phố (thôn…), else the khu phố
    (thôn, ấp…) itself. Types: the label's own word, else the column's, else the usual."""
    if tdp[0] is not None:
        area_type = (khu_pho[1] or kinds[0] or KHU_PHO) if khu_pho[0] is not None else None
        return Unit(ward, khu_pho[0], tdp[0], count, lat, lon, (), None, source,
                    tdp[1] or kinds[1] or TO_DAN_PHO, area_type)
    assert khu_pho[0] is not None
    return Unit(ward, None, khu_pho[0], count, lat, lon, (), None, source,
                khu_pho[1] or kinds[0] or KHU_PHO, None)


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


def _leader(row: Row, unit: Unit, findings: list[Finding]) -> Person | None:
    name = person_name(row.get("leader_name") or row.get("name"))
    if not name:
        return None
    number, valid = phone(row.get("phone"))
    if number is not None and not valid:
        findings.append(Finding.of("BAD_PHONE", {"name": name, "problem": bad_phone(number)},
                                   unit.ward, *unit_slots(unit), source=row.at("phone")))
    return Person(
        name=name, birth_year=birth_year(row.get("birth_year")), gender=gender(row.get("gender")),
        ward=unit.ward, area=unit.area, unit=unit.label, position=None, phone=number,
        is_unit_leader=True, source=row.at("leader_name" if row.get("leader_name") else "name"),
        unit_type=unit.unit_type,
    )
