"""People sheets → Persons (SPEC §2.2): names, years, organisations, phones, leaders."""

from __future__ import annotations

import re

from tcns_cli.errors import Finding, Severity
from tcns_cli.messages import bad_phone
from tcns_cli.model import Person
from tcns_cli.normalize import (
    birth_year,
    fold,
    gender,
    label_of_text,
    organization_of_text,
    person_name,
    phone_of_text,
    truthy,
    ward_of_text,
)
from tcns_cli.readers.headers import Header
from tcns_cli.readers.rows import Row, data_rows
from tcns_cli.readers.tables import Table

_LEADER_POSITION = re.compile(
    r"^(to truong|truong khu pho|truong thon|truong ap|truong ban dieu hanh)\b"
)


def is_leader_position(position: str | None) -> bool:
    """``Tổ trưởng (tổ dân phố)``, ``Trưởng khu phố``, ``Trưởng thôn``, ``Trưởng ấp``."""
    return bool(position) and bool(_LEADER_POSITION.match(fold(position or "")))


def read_people_table(
    table: Table, header: Header, default_ward: str | None, findings: list[Finding]
) -> list[Person]:
    """Every person of one sheet; rows without a name are reported, not dropped silently."""
    key = "name" if "name" in header.columns else "given"
    rows = data_rows(table, header, ("ward", "khu_pho"), key, findings)
    return [p for row in rows if (p := person_from_row(row, default_ward, findings))]


def person_from_row(
    row: Row, default_ward: str | None, findings: list[Finding], roster: bool = False
) -> Person | None:
    """The person on a row; a row with data but no name is reported and gives None.

    In a team list (``roster``) an organisation that is not recognised stays as written,
    so that the member is reported as outside the accepted organisations.
    """
    name = _name(row)
    if not name:
        key = "name" if "name" in row.header.columns else "given"
        findings.append(Finding("PERSON_NO_NAME", Severity.WARNING, source=row.at(key)))
        return None
    return _person(row, name, default_ward, findings, roster)


def _name(row: Row) -> str:
    if row.get("name") is not None:
        return person_name(row.get("name"))
    return person_name(f"{row.text('family')} {row.text('given')}")


def _person(
    row: Row, name: str, default_ward: str | None, findings: list[Finding], roster: bool
) -> Person:
    text = row.texts.get  # every cell was turned into text once, in data_rows
    ward = ward_of_text(text("ward", "")) or default_ward
    khu_pho, tdp = label_of_text(text("khu_pho", "")), label_of_text(text("tdp", ""))
    where = {"ward": ward, "khu_pho": khu_pho, "tdp": tdp}
    org, known = organization_of_text(text("organization", ""))
    if not known and roster:
        org = text("organization", "")
    elif not known:
        findings.append(
            Finding("UNKNOWN_ORGANIZATION", Severity.WARNING,
                    {"value": text("organization", "")}, **where,
                    source=row.at("organization"))
        )
    number, valid = phone_of_text(text("phone", ""))
    if number is not None and not valid and not roster:  # a team list is checked for it
        findings.append(
            Finding("BAD_PHONE", Severity.WARNING, {"name": name, "problem": bad_phone(number)},
                    **where, source=row.at("phone"))
        )
    year = birth_year(row.get("birth_year"))
    if year is None and text("birth_year"):
        findings.append(
            Finding("BAD_BIRTH_YEAR", Severity.WARNING, {"value": text("birth_year", "")},
                    **where, source=row.at("birth_year"))
        )
    position = text("position") or None
    return Person(
        name=name, birth_year=year, gender=gender(text("gender", "")), ward=ward,
        khu_pho=khu_pho, tdp=tdp, organization=org, position=position, phone=number,
        digital_skills=truthy(text("digital_skills", "")),
        is_unit_leader=is_leader_position(position), source=row.at(
            "name" if "name" in row.header.columns else "given"),
    )
