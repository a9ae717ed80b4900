"""People sheets → Persons (SPEC §2.2): names, years, organisations, phones, leaders.

A sheet is read by column (see :mod:`tcns_cli.readers.rows`): each distinct ward, label,
organisation, position or year is understood once, then each row is put together.
"""

from __future__ import annotations

from tcns_cli.errors import Finding
from tcns_cli.messages import bad_phone
from tcns_cli.model import Person
from tcns_cli.normalize import birth_year, gender, nfc, organization_of_text, phone_of_text, truthy
from tcns_cli.places import (
    KHU_PHO,
    TO_DAN_PHO,
    is_leader_position,
    key_of_slots,
    type_of_header,
    typed_label,
    ward_of_text,
)
from tcns_cli.readers.headers import Header
from tcns_cli.readers.rows import Block, data_block, mapped
from tcns_cli.readers.tables import Table


def name_field(header: Header) -> str:
    """The column that says whether a row holds a person: the full name, else the given name."""
    return "name" if "name" in header.columns else "given"


_PERSON_FIELDS = ("birth_year", "gender", "organization", "position", "phone", "digital_skills")


def open_place(block: Block, k: int) -> bool:
    """A team list's row that gives a team and a role but no name and nothing else of a
    person: a place left open for the officer to write a name in (SPEC §6.1). A list with
    no team column gives the team by the heading row above (SPEC §7 layout 2)."""
    texts = block.texts
    team = texts.get("team_id") or texts.get("team_name")
    if (team is not None and not team[k]) or not (texts.get("role") and texts["role"][k]):
        return False
    return not any((column := texts.get(f)) and column[k] for f in _PERSON_FIELDS)


def read_people_table(
    table: Table, header: Header, default_ward: str | None, findings: list[Finding]
) -> list[Person]:
    """Every person of one sheet; rows without a name are reported, not dropped silently."""
    block = data_block(table, header, ("ward", "khu_pho"), name_field(header), findings)
    return [p for p in people_of(block, default_ward, findings) if p is not None]


def _names(block: Block) -> list[str]:
    """Full names; where there is none, family and given name put together."""
    full = block.column("name")
    if all(full):
        return full
    return [name or nfc(f"{family} {given}") for name, family, given in
            zip(full, block.column("family"), block.column("given"), strict=True)]


def people_of(
    block: Block, default_ward: str | None, findings: list[Finding], roster: bool = False
) -> list[Person | None]:
    """The person on each data row (None for a row with data but no name, reported).

    In a team list (``roster``) an organisation that is not recognised stays as written,
    so that the member is reported as outside the accepted organisations, phones are
    left to the checks, and an open place (:func:`open_place`) is no reading problem.
    """
    key = name_field(block.header)
    wards = mapped(block.column("ward"), ward_of_text)
    khu_phos = mapped(block.column("khu_pho"), typed_label)
    tdps = mapped(block.column("tdp"), typed_label)
    kinds = (type_of_header(block.header.labels.get("khu_pho", "")),
             type_of_header(block.header.labels.get("tdp", "")))
    org_texts = block.column("organization")
    orgs = mapped(org_texts, organization_of_text)
    year_texts = block.column("birth_year")
    year_cells = block.cells.get("birth_year") or year_texts
    years = mapped(year_cells, birth_year)  # equal cells (1990, 1990.0) give equal years
    genders = mapped(block.column("gender"), gender)
    positions = block.column("position")
    leaders = mapped(positions, is_leader_position)
    skills = mapped(block.column("digital_skills"), truthy)
    phones = block.column("phone")
    out: list[Person | None] = []
    for k, name in enumerate(_names(block)):
        if not name:
            if not (roster and open_place(block, k)):
                findings.append(Finding.of("PERSON_NO_NAME", source=block.source(k, key)))
            out.append(None)
            continue
        ward = wards[k] or default_ward
        (khu_pho, area_kind), (tdp, unit_kind) = khu_phos[k], tdps[k]
        org, known = orgs[k]
        if not known and roster:
            org = org_texts[k]
        elif not known:
            findings.append(Finding.of("UNKNOWN_ORGANIZATION", {"value": org_texts[k]},
                                       ward, khu_pho, tdp, source=block.source(k, "organization")))
        number, valid = phone_of_text(phones[k])
        if number is not None and not valid and not roster:  # a team list is checked for it
            findings.append(Finding.of("BAD_PHONE", {"name": name, "problem": bad_phone(number)},
                                       ward, khu_pho, tdp, source=block.source(k, "phone")))
        year = years[k]
        if year is None and year_texts[k]:
            findings.append(Finding.of("BAD_BIRTH_YEAR", {"value": year_texts[k]},
                                       ward, khu_pho, tdp, source=block.source(k, "birth_year")))
        area, unit = key_of_slots(khu_pho, tdp)
        kind = (unit_kind or kinds[1] or TO_DAN_PHO) if tdp else (
            (area_kind or kinds[0] or KHU_PHO) if khu_pho else None)
        out.append(Person(
            name, year, genders[k], ward, area, unit, org, positions[k] or None, number,
            skills[k], leaders[k], block.source(k, key), kind,
        ))
    return out
