"""Re-planning with the current teams (SPEC §9): round trips, every reason code, bad input.

Expected values are literals read off the sample files' edits (sample_data/make_next_year.py
says which unit and person each edit touches), or the first run's own output (round trips).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.model import (
    LEADER,
    MEMBER,
    Dataset,
    Person,
    RosterEntry,
    Source,
    Status,
    Unit,
)
from tcns_cli.plan import make_plan
from tcns_cli.profiles import load_profile
from tcns_cli.rosters import match_roster

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
THIS_YEAR = SAMPLES / "linh-trung-2026.xlsx"
LAST_YEAR = SAMPLES / "linh-trung-to-hien-co.xlsx"


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def plan_to(tmp_path: Path, name: str, *args: str | Path) -> tuple[dict[str, Any], str]:
    book, js = tmp_path / f"{name}.xlsx", tmp_path / f"{name}.json"
    code, out = run("plan", *args, "-o", book, "--json", js)
    assert code == 0, out
    return json.loads(js.read_text(encoding="utf-8")), out


# --- round trips ------------------------------------------------------------------------------

ROUND_TRIPS = {
    "linh-trung": ("linh-trung.xlsx",),
    "xa-tan-lap": ("xa-tan-lap.xlsx",),
    "34-phuong": ("thu-duc-34-phuong.xlsx",),
    "linh-xuan": ("thu-duc-2025-kp.csv", "--ward", "Linh Xuân"),
    "793": ("linh-trung.xlsx", "--rules", "bttt-793-2022"),
}


@pytest.mark.parametrize("case", ROUND_TRIPS)
def test_plan_then_plan_current_keeps_every_team_code_and_person(tmp_path: Path,
                                                                 case: str) -> None:
    first_args = [SAMPLES / ROUND_TRIPS[case][0], *ROUND_TRIPS[case][1:]]
    first, _ = plan_to(tmp_path, "first", *first_args)
    again, out = plan_to(tmp_path, "again", *first_args, "--current", tmp_path / "first.xlsx")
    assert [w["teams"] for w in again["wards"]] == [w["teams"] for w in first["wards"]]
    changes = [c for w in again["wards"] for c in w["changes"]]
    teams = sum(len(w["teams"]) for w in first["wards"])
    assert len(changes) == teams
    assert all(c["status"] == "kept" and c["before"] == c["after"] and not c["reasons"]
               and not c["people_out"] and not c["people_in"] for c in changes)
    people = sum((t["leader"] is not None) + (t["deputy"] is not None) + len(t["members"])
                 for w in first["wards"] for t in w["teams"])
    assert f"Giữ nguyên {teams}/{teams} tổ hiện có và {people}/{people} người" in " ".join(
        out.split())


# --- a year later: the sample's edits --------------------------------------------------------

@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, Path]:
    tmp = tmp_path_factory.mktemp("next-year")
    document, out = plan_to(tmp, "2026", THIS_YEAR, "--current", LAST_YEAR)
    return document, out, tmp / "2026.xlsx"


def change_of(document: dict[str, Any], team: str) -> dict[str, Any]:
    return next(c for c in document["wards"][0]["changes"] if c["team"] == team)


def unit_names(units: list[dict[str, Any]]) -> list[str]:
    return [f"KP {u['khu_pho']} / Tổ {u['tdp']}" if u["khu_pho"] else u["name"] for u in units]


def test_a_merged_unit_is_gone_and_the_new_one_takes_its_place(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T09")
    assert change["status"] == "changed"
    assert unit_names(change["before"]) == ["KP 2 / Tổ 5", "KP 2 / Tổ 6"]
    assert change["before"][1]["households"] is None  # gone: only its name is left
    assert unit_names(change["after"]) == ["KP 2 / Tổ 5", "KP 2 / Tổ 12"]
    assert {"UNIT_GONE", "UNIT_NEW"} <= set(change["reasons"])


def test_a_unit_grown_past_the_threshold_stands_alone(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T22")
    assert (change["status"], change["reasons"]) == ("changed", ["UNIT_NOW_LARGE"])
    assert unit_names(change["after"]) == ["KP 4 / Tổ 3"]


def test_a_unit_shrunk_below_the_threshold_pairs(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T21")
    assert (change["status"], change["reasons"]) == ("changed", ["UNIT_NOW_SMALL"])
    assert unit_names(change["after"]) == ["KP 4 / Tổ 2", "KP 4 / Tổ 7"]


def test_a_member_who_moved_away_is_replaced_and_the_team_kept(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T06")
    assert (change["status"], change["reasons"]) == ("kept", ["PERSON_GONE"])
    assert [p["name"] for p in change["people_out"]] == ["Nguyễn Gia Toàn"]
    assert len(change["people_in"]) == 1


def test_a_head_no_longer_in_office_hands_the_team_to_the_new_head(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T30")
    assert (change["status"], change["reasons"]) == ("kept", ["NO_LONGER_LEADER"])
    assert [p["name"] for p in change["people_out"]] == ["Lê Đức Khoa"]
    assert [p["name"] for p in change["people_in"]] == ["Trần Minh Đức"]
    team = next(t for t in next_year[0]["wards"][0]["teams"] if t["id"] == "T30")
    assert team["leader"]["name"] == "Trần Minh Đức"


def test_a_member_outside_the_organisations_is_replaced(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    change = change_of(next_year[0], "T12")
    assert (change["status"], change["reasons"]) == ("kept", ["NOT_IN_ORGANIZATION"])
    assert [p["name"] for p in change["people_out"]] == ["Phạm Bảo Trang"]


def test_every_other_team_and_its_people_are_kept(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    document, out, _ = next_year
    changes = document["wards"][0]["changes"]
    touched = {"T06", "T09", "T12", "T21", "T22", "T30"}
    assert {c["team"] for c in changes} == {f"T{n:02d}" for n in range(1, 39)}
    for change in changes:
        if change["team"] not in touched:
            assert change["status"] == "kept" and not change["reasons"], change
    assert "Giữ nguyên 35/38 tổ hiện có" in " ".join(out.split())


def test_the_result_validates_with_no_error(next_year: tuple[dict[str, Any], str, Path],
                                            tmp_path: Path) -> None:
    code, out = run("validate", next_year[2], "--units", THIS_YEAR)
    assert code == 0, out
    assert "0 lỗi" in out


def test_the_changes_sheet_follows_the_summary(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    book = openpyxl.load_workbook(next_year[2])
    assert book.sheetnames[:3] == ["Tổng hợp", "Thay đổi", "Đề xuất tổ"]
    sheet = book["Thay đổi"]
    rows = {r[0]: [" ".join(str(v).split()) if v else v for v in r]
            for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["T09"][3] == "Thay đổi"
    assert "KP 2 / Tổ 6 (không còn)" in rows["T09"][4]
    assert rows["T22"][3] == "Thay đổi" and "UNIT_NOW_LARGE" in rows["T22"][6]
    assert rows["T01"][3] == "Giữ nguyên"
    assert "Nguyễn Gia Khoa" in rows["T21"][8] and "chuyển tổ" in rows["T21"][8]
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"


# --- bad input --------------------------------------------------------------------------------

def test_a_list_of_another_ward_is_refused_and_nothing_written(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    code, out = run("plan", SAMPLES / "xa-tan-lap.xlsx", "-o", other)
    assert code == 0, out
    target = tmp_path / "out.xlsx"
    code, out = run("plan", THIS_YEAR, "--current", other, "-o", target)
    assert code == 2
    assert "không phải của xã, phường này" in " ".join(out.split())
    assert not target.exists()


def test_the_current_list_is_never_written_over(tmp_path: Path) -> None:
    listed = tmp_path / "list.xlsx"
    listed.write_bytes(LAST_YEAR.read_bytes())
    code, out = run("plan", THIS_YEAR, "--current", listed, "-o", listed, "--force")
    assert code == 2, out
    assert listed.read_bytes() == LAST_YEAR.read_bytes()


# --- small wards made by hand: the other reasons ---------------------------------------------

PROFILE = load_profile(None)
WARD = "Thử"


def unit(kp: str, tdp: str, x: float, households: int = 100, leader: str | None = None,
         year: int = 1980) -> Unit:
    head = Person(leader, year, ward=WARD, area=kp, unit=tdp, is_unit_leader=True,
                  position="Tổ trưởng tổ dân phố") if leader else None
    return Unit(WARD, kp, tdp, households, 10.8, 106.7 + x / 111_000, leader=head)


def member(name: str, kp: str, tdp: str, org: str = "doan-thanh-nien",
           year: int = 2000) -> Person:
    return Person(name, year, ward=WARD, area=kp, unit=tdp, organization=org)


def listed(team: str, units: str, people: list[tuple[str, Person]], areas: str = "1"
           ) -> list[RosterEntry]:
    rows: list[tuple[str, Person | None]] = [*people] or [("", None)]  # nobody: the team
    return [RosterEntry(team, WARD, areas, units, role, person, "", Source(row=n))
            for n, (role, person) in enumerate(rows, start=1)]


def replanned(units: list[Unit], people: list[Person], entries: list[RosterEntry]
              ) -> dict[str, Any]:
    dataset = Dataset(tuple(units), tuple(people), ())
    current = {WARD: match_roster(entries, dataset)}
    plan = make_plan(dataset, PROFILE, workers=1, current=current)
    ward = plan.wards[0]
    assert ward.changes is not None
    return {c.team: c for c in ward.changes} | {"teams": ward.teams}


def test_a_crossing_no_longer_needed_is_undone() -> None:
    # KP 1 had three small units and KP 2 one: Tổ 3 paired across with KP 2's Tổ 1. A new
    # unit in KP 1 makes its count even: the crossing is no longer needed.
    units = [unit("1", "1", 0), unit("1", "2", 100), unit("1", "3", 200), unit("1", "4", 300),
             unit("2", "1", 400)]
    entries = [*listed("T01", "Tổ 1, Tổ 2", []),
               *listed("T02", "Tổ 3 (KP 1), Tổ 1 (KP 2)", [], areas="1, 2")]
    found = replanned(units, [], entries)
    assert found["T02"].status in (Status.CHANGED, Status.DISSOLVED)
    assert "CROSS_AREA_NOT_NEEDED" in found["T02"].reasons
    assert found["T01"].status is Status.KEPT


def test_a_unit_claimed_by_two_teams_stays_with_the_first() -> None:
    units = [unit("1", "1", 0), unit("1", "2", 100), unit("1", "3", 1000), unit("1", "4", 1100)]
    entries = [*listed("T01", "Tổ 1, Tổ 2", []), *listed("T02", "Tổ 2, Tổ 3", []),
               *listed("T03", "Tổ 4", [])]
    found = replanned(units, [], entries)
    assert found["T01"].status is Status.KEPT
    assert "UNIT_IN_SEVERAL_TEAMS" in found["T02"].reasons
    assert found["T02"].status is Status.CHANGED  # it gives the new {3, 4} its code


def test_a_team_broken_only_to_keep_the_rest_is_regrouped() -> None:
    # A hand list put three small units together and left the fourth alone: the rules
    # pair them two by two; the trio has no unit-level reason to change.
    units = [unit("1", str(n), 100 * n) for n in range(1, 5)]
    entries = [*listed("T01", "Tổ 1, Tổ 2, Tổ 3", []), *listed("T02", "Tổ 4", [])]
    found = replanned(units, [], entries)
    assert found["T01"].status is Status.CHANGED
    assert found["T01"].reasons == ("REGROUPED",)


def test_people_moved_with_their_unit_and_one_place_too_many() -> None:
    # T01 paired Tổ 1 and Tổ 2, with one member too many for Tổ 1. Tổ 2 grew past the
    # threshold and stands alone (its head and member go with it); the new Tổ 4 pairs with
    # Tổ 1; Tổ 1 keeps one member.
    units = [unit("1", "1", 0, leader="An", year=1980),
             unit("1", "2", 1000, households=600, leader="Bình", year=1985),
             unit("1", "3", 2000, households=500, leader="Cúc", year=1990),
             unit("1", "4", 100, leader="Đông", year=1975)]
    people = [member("Dũng", "1", "1"), member("Em", "1", "2"), member("Giang", "1", "3"),
              member("Hà", "1", "1", year=1999), member("Khánh", "1", "4")]
    heads = [u.leader for u in units]
    assert all(heads)
    entries = [
        *listed("T01", "Tổ 1, Tổ 2", [(LEADER, heads[1]), (MEMBER, people[0]),  # type: ignore[list-item]
                                        (MEMBER, people[1]), (MEMBER, people[3])]),
        *listed("T02", "Tổ 3", [(LEADER, heads[2]), (MEMBER, people[2])]),  # type: ignore[list-item]
    ]
    found = replanned(units, people, entries)
    paired = found["T01"]
    assert paired.status is Status.CHANGED
    assert [u.label for u in paired.after] == ["1", "4"]
    assert set(paired.reasons) == {"UNIT_NOW_LARGE", "UNIT_NEW"}
    assert {p.name: why for p, why in paired.people_out} == {
        "Bình": "PERSON_MOVED", "Em": "PERSON_MOVED", "Hà": "NO_PLACE"}
    assert {p.name: why for p, why in paired.people_in} == {"An": "PERSON_NEW",
                                                             "Khánh": "PERSON_NEW"}
    alone = found["T03"]  # the next free code: T02 stays Tổ 3's
    assert alone.status is Status.NEW and [u.label for u in alone.after] == ["2"]
    assert {p.name: why for p, why in alone.people_in} == {"Bình": "PERSON_MOVED",
                                                            "Em": "PERSON_MOVED"}
    assert found["T02"].status is Status.KEPT


def test_the_readme_walk_through_shows_the_real_output(
        next_year: tuple[dict[str, Any], str, Path]) -> None:
    readme = " ".join((SAMPLES.parent / "README.md").read_text(encoding="utf-8").split())
    lines = [" ".join(line.split()) for line in next_year[1].splitlines()]
    shown = [line for line in lines if line.startswith(("Giữ nguyên", "T09", "T21", "T22"))]
    assert len(shown) == 4
    for line in shown:
        assert line.split(" (")[0] in readme, line


def test_serving_people_stay_though_a_fresh_plan_would_choose_others() -> None:
    # Since the list was made, Tổ 2 got a younger head and a younger Youth Union member: a
    # fresh plan would make them leader and member; the current ones still qualify and stay.
    units = [unit("1", "1", 0, leader="An", year=1980),
             unit("1", "2", 100, leader="Bảo", year=1995)]
    people = [member("Chi", "1", "1", year=1990), member("Dung", "1", "2", year=1990),
              member("Yến", "1", "2", year=2005)]
    old_head = Person("Ân", 1970, ward=WARD, area="1", unit="2")  # Tổ 2's head before Bảo
    entries = listed("T01", "Tổ 1, Tổ 2", [(LEADER, units[0].leader), (MEMBER, people[0]),  # type: ignore[list-item]
                                           (MEMBER, people[1])])
    dataset = Dataset(tuple(units), (*people, old_head), ())
    fresh = make_plan(dataset, PROFILE, workers=1).teams[0]
    assert (fresh.leader.name, [m.name for m in fresh.members]) == (  # type: ignore[union-attr]
        "Bảo", ["Chi", "Yến"])
    found = replanned(units, [*people, old_head], entries)
    team = found["teams"][0]
    assert team.leader.name == "An"
    assert [m.name for m in team.members] == ["Chi", "Dung"]
    assert found["T01"].status is Status.KEPT and not found["T01"].people_in


def test_without_people_data_the_list_brings_its_own_people() -> None:
    units = [unit("1", "1", 0), unit("1", "2", 100), unit("1", "3", 1000), unit("1", "4", 1100)]
    head = Person("Lan", 1985)
    chi, dung = Person("Chi", 1999, organization="doan-thanh-nien"), Person("Dung", 2001,
                                                                         organization="hoi-phu-nu")
    entries = [*listed("T01", "Tổ 1, Tổ 2", [(LEADER, head), (MEMBER, chi), (MEMBER, dung)]),
               *listed("T02", "Tổ 3, Tổ 4", [])]
    found = replanned(units, [], entries)
    team = found["teams"][0]
    assert team.leader is not None and team.leader.name == "Lan"
    assert [m.name for m in team.members if m] == ["Chi", "Dung"]
    assert found["T01"].status is Status.KEPT and not found["T01"].people_out


def test_a_team_with_a_gone_unit_claims_nothing() -> None:
    # T01 named Tổ 9, which is gone, and Tổ 2 as T02 does: T01 cannot be kept, so it holds
    # no claim on Tổ 2, and T02 is kept.
    units = [unit("1", str(n), 100 * n) for n in range(1, 5)]
    entries = [*listed("T01", "Tổ 1, Tổ 2, Tổ 9", []), *listed("T02", "Tổ 2, Tổ 3", [])]
    found = replanned(units, [], entries)
    assert found["T02"].status is Status.KEPT
    assert found["T01"].status is Status.CHANGED and "UNIT_GONE" in found["T01"].reasons
    assert found["T01"].gone == ("KP 1 / Tổ 9",)


def test_a_list_of_many_wards_gives_one_ward_its_own_teams(tmp_path: Path) -> None:
    district, _ = plan_to(tmp_path, "district", SAMPLES / "thu-duc-34-phuong.xlsx")
    ward = district["wards"][0]
    alone = tmp_path / "alone.csv"  # that ward's units alone, as its own office keeps them
    rows = ["Khu phố,Tổ dân phố,Số hộ"] + [
        f"{u['khu_pho']},{u['tdp']},{u['households']}"
        for t in ward["teams"] for u in t["units"]]
    alone.write_text("\n".join(rows) + "\n", encoding="utf-8")
    again, _ = plan_to(tmp_path, "again", alone, "--ward", ward["ward"], "--current",
                       tmp_path / "district.xlsx")
    changes = again["wards"][0]["changes"]
    assert len(changes) == len(ward["teams"])
    assert all(c["status"] == "kept" for c in changes)


def test_a_hand_workbook_with_the_plans_sheet_name_is_read_whole(tmp_path: Path) -> None:
    """Only a workbook tcns wrote (all its sheets) is read from its list sheet alone: an
    office's workbook that names a sheet so keeps every sheet's teams."""
    from tcns_cli.readers.roster import read_roster

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Danh sách thành viên"
    second = book.create_sheet("Danh sách (tiếp)")
    for sheet, team in ((first, "T01"), (second, "T02")):
        sheet.append(["Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên",
                      "Chức danh trong tổ"])
        sheet.append([team, "Khu phố 1", "Tổ 1, Tổ 2", f"Người {team}", "Tổ trưởng"])
    path = tmp_path / "tay.xlsx"
    book.save(path)
    assert {e.team for e in read_roster(path, [])} == {"T01", "T02"}


def test_wards_replanned_in_worker_processes_say_the_same(tmp_path: Path) -> None:
    """Many wards are planned by forked workers, whose plans come back packed as indices:
    the changes, unit by unit and person by person, are those of planning in turn."""
    import dataclasses

    from tcns_cli.model import CheckedTeam
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.writers.json_out import ward_dict

    dataset = read_dataset([SAMPLES / "thu-duc-34-phuong.xlsx"])
    first = make_plan(dataset, PROFILE, workers=1)
    current: dict[str, list[CheckedTeam]] = {}
    for team in first.teams:
        current.setdefault(team.ward, []).append(CheckedTeam(
            team.id, team.ward, team.units, (team.leader,) if team.leader else (),
            (), tuple(m for m in team.members if m)))
    later = dataclasses.replace(dataset, units=dataset.units[::7] + dataset.units[1::7]
                                + dataset.units[3::7] + dataset.units[4::7]
                                + dataset.units[6::7])
    from tcns_cli.normalize import natural_key

    order = {w: n for n, w in enumerate(dataset.wards())}
    later = dataclasses.replace(later, units=tuple(sorted(
        later.units, key=lambda u: (order[u.ward], natural_key(u.area), natural_key(u.label)))))
    alone = make_plan(later, PROFILE, workers=1, current=current)
    spread = make_plan(later, PROFILE, workers=2, current=current)
    assert [ward_dict(w) for w in spread.wards] == [ward_dict(w) for w in alone.wards]
    changes = [c for w in alone.wards for c in (w.changes or ())]
    assert any(c.status is not Status.KEPT for c in changes)
    assert any(c.people_out for c in changes) and any(c.people_in for c in changes)
