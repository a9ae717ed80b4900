"""Composition (SPEC §4.3): who leads, who serves, borrowing, open slots, nobody twice."""

from __future__ import annotations

from tcns_cli.errors import Finding
from tcns_cli.model import Person, Team, Unit
from tcns_cli.plan import plan_ward
from tcns_cli.profiles import load_profile

PROFILE = load_profile(None)


def leader(name: str, year: int | None, kp: str, tdp: str) -> Person:
    return Person(name, year, "Nam", "W", kp, tdp, None, "Tổ trưởng", is_unit_leader=True)


def candidate(name: str, year: int | None, kp: str, tdp: str, org: str | None,
              skills: bool = False) -> Person:
    return Person(name, year, "Nữ", "W", kp, tdp, org, "Hội viên", digital_skills=skills)


def unit(kp: str, tdp: str, homes: int, boss: Person | None = None) -> Unit:
    return Unit("W", kp, tdp, homes, leader=boss)


def plan(units: list[Unit], people: list[Person]) -> tuple[list[Team], list[Finding]]:
    ward, findings = plan_ward("W", units, people, PROFILE)
    return list(ward.teams), findings


def names(people: tuple[Person | None, ...]) -> list[str | None]:
    return [p.name if p else None for p in people]


def test_solo_team_is_led_by_its_unit_leader_with_one_member() -> None:
    boss = leader("A", 1960, "1", "1")
    teams, _ = plan([unit("1", "1", 500, boss)], [candidate("M", 1999, "1", "1", "hoi-phu-nu")])
    assert teams[0].leader == boss
    assert names(teams[0].members) == ["M"]


def test_pair_is_led_by_the_younger_leader() -> None:
    old, young = leader("Old", 1960, "1", "1"), leader("Young", 1985, "1", "2")
    teams, _ = plan([unit("1", "1", 100, old), unit("1", "2", 100, young)], [])
    assert teams[0].leader == young


def test_unknown_birth_year_comes_last_and_ties_go_to_natural_order() -> None:
    unknown, first, second = (leader("U", None, "1", "1"), leader("F", 1980, "1", "2"),
                              leader("S", 1980, "1", "3"))
    teams, _ = plan([unit("1", "1", 100, unknown), unit("1", "2", 100, first)], [])
    assert teams[0].leader == first
    teams, _ = plan([unit("1", "2", 100, first), unit("1", "3", 100, second)], [])
    assert teams[0].leader == first


def test_youth_union_first_then_skills_then_younger_then_input_order() -> None:
    people = [
        candidate("Women", 2000, "1", "1", "hoi-phu-nu", skills=True),
        candidate("Youth old", 1995, "1", "1", "doan-thanh-nien"),
        candidate("Youth skilled", 1990, "1", "1", "doan-thanh-nien", skills=True),
    ]
    teams, _ = plan([unit("1", "1", 500, leader("L", 1970, "1", "1"))], people)
    assert names(teams[0].members) == ["Youth skilled"]
    people = [candidate("Earlier", 2000, "1", "1", "hoi-phu-nu"),
              candidate("Later", 2000, "1", "1", "hoi-phu-nu"),
              candidate("Younger", 2001, "1", "1", "hoi-cuu-chien-binh")]
    teams, _ = plan([unit("1", "1", 500)], people)
    assert names(teams[0].members) == ["Younger"]
    teams, _ = plan([unit("1", "1", 500)], people[:2])
    assert names(teams[0].members) == ["Earlier"]


def test_members_come_from_each_unit_of_a_pair() -> None:
    people = [candidate("One", 2000, "1", "1", "doan-thanh-nien"),
              candidate("Two", 1990, "1", "2", "hoi-phu-nu")]
    teams, _ = plan([unit("1", "1", 100), unit("1", "2", 100)], people)
    assert names(teams[0].members) == ["One", "Two"]


def test_a_unit_without_candidates_borrows_from_its_partner() -> None:
    people = [candidate("A", 2000, "1", "1", "doan-thanh-nien"),
              candidate("B", 1999, "1", "1", "hoi-phu-nu")]
    teams, findings = plan([unit("1", "1", 100), unit("1", "2", 100)], people)
    assert names(teams[0].members) == ["A", "B"]
    assert [f.code for f in findings if f.code == "MEMBER_BORROWED"] == ["MEMBER_BORROWED"]


def test_no_candidate_leaves_an_open_slot_with_a_warning() -> None:
    teams, findings = plan([unit("1", "1", 100), unit("1", "2", 100)],
                           [candidate("A", 2000, "1", "1", "doan-thanh-nien")])
    assert names(teams[0].members) == ["A", None]
    slot = [f for f in findings if f.code == "NO_CANDIDATE"]
    assert len(slot) == 1 and slot[0].severity.value == "warning" and slot[0].tdp == "2"


def test_leader_is_never_a_member_and_nobody_serves_twice() -> None:
    boss = leader("Boss", 1980, "1", "1")
    both = candidate("Boss", 1980, "1", "1", "doan-thanh-nien")  # the leader, listed again
    twice = [candidate("Twin", 2000, "1", "2", "doan-thanh-nien"),
             candidate("Twin", 2000, "1", "3", "doan-thanh-nien")]
    units = [unit("1", "1", 500, boss), unit("1", "2", 500), unit("1", "3", 500)]
    teams, _ = plan(units, [both, *twice])
    members = [m.name for t in teams for m in t.members if m is not None]
    assert "Boss" not in members
    assert members.count("Twin") == 1


def test_other_unit_leaders_and_unknown_organisations_are_not_members() -> None:
    people = [leader("Other boss", 1990, "1", "1"), candidate("Nobody", 2000, "1", "1", None),
              candidate("Police", 1990, "1", "1", "cong-an")]
    teams, findings = plan([unit("1", "1", 500)], people)
    assert names(teams[0].members) == [None]
    assert "NO_CANDIDATE" in [f.code for f in findings]


def test_team_without_leader_data_is_still_planned_with_a_warning() -> None:
    teams, findings = plan([unit("1", "1", 100), unit("1", "2", 100)], [])
    assert teams[0].leader is None
    assert [f.code for f in findings].count("NO_LEADER") == 1


def test_deputy_rule_picks_the_youth_union_secretary() -> None:
    import dataclasses

    from tcns_cli.profiles import DeputyRule

    profile = dataclasses.replace(PROFILE, deputy=DeputyRule("doan-thanh-nien", ("bi thu",)))
    secretary = Person("Sec", 1998, "Nam", "W", "1", "1", "doan-thanh-nien", "Bí thư chi đoàn")
    member = candidate("Mem", 2001, "1", "1", "doan-thanh-nien")
    ward, _ = plan_ward("W", [unit("1", "1", 500)], [member, secretary], profile)
    assert ward.teams[0].deputy == secretary
    assert names(ward.teams[0].members) == ["Mem"]
