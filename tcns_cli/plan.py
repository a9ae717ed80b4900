"""The whole plan of a run: group every ward, compose every team, collect findings. Pure.

:func:`make_plan` plans a run (every ward, on several cores when it is big);
:func:`plan_ward` plans one ward and returns its findings with it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from tcns_cli import replan
from tcns_cli.checks import self_check
from tcns_cli.compose import Pool, compose_team
from tcns_cli.errors import Finding, Report, TcnsError
from tcns_cli.grouping import Each, Group, area_of, group_ward, in_turn
from tcns_cli.model import (
    LARGE_WARD_UNITS,
    MAX_AREA_UNITS,
    Change,
    CheckedTeam,
    Dataset,
    Person,
    Plan,
    Proximity,
    Status,
    Team,
    TeamKind,
    Unit,
    WardPlan,
)
from tcns_cli.places import describe, pairing_area, unit_slots, unit_words, ward_words
from tcns_cli.profiles import Profile
from tcns_cli.proximity import Distances

# Below this many units a run plans in one process: starting workers would cost more.
PARALLEL_MIN_UNITS = 2_000
WardWork = tuple[str, list[Unit], list[Person], str | None, list[CheckedTeam] | None]
WardResult = tuple[WardPlan, list[Finding]]


def refuse_oversized_areas(dataset: Dataset, profile: Profile,
                           limit: int = MAX_AREA_UNITS) -> None:
    """Raise before any work if a pairing area holds more than ``limit`` units (its pairing
    would take minutes and gigabytes, and it is almost surely a missing column)."""
    if profile.grouping.large_threshold <= 0:  # every unit its own team: nothing is paired
        return
    counts: Counter[tuple[str, str | None]] = Counter(
        (u.ward, area_of(u, profile.grouping)) for u in dataset.units)
    for (ward, area), count in counts.items():
        if count > limit:
            first = next(u for u in dataset.units
                         if u.ward == ward and area_of(u, profile.grouping) == area)
            kind = dataset.ward_type(ward)
            raise TcnsError("AREA_TOO_LARGE", area=pairing_area(ward, kind, area, first.area_type),
                            count=count, limit=limit, **ward_words(ward, kind),
                            **unit_words([first]))


def make_plan(
    dataset: Dataset, profile: Profile, progress: Callable[[WardPlan], None] | None = None,
    workers: int | None = None, check: bool = True,
    current: dict[str, list[CheckedTeam]] | None = None,
) -> Plan:
    """Plan every ward of the dataset under the profile; with ``current`` (each ward's
    current teams, SPEC §9) keep as many of them as the rules allow, and say what changed.

    Wards are planned independently, so a big run spreads them over ``workers`` processes
    (by default one per available core); the plan is the same as planning them one by one.
    ``progress`` gets each ward's plan as soon as it is ready, in order. ``check=False``
    skips the self-check (the benchmark times grouping and composition on their own).
    """
    units_of: dict[str, list[Unit]] = {}
    for unit in dataset.units:
        units_of.setdefault(unit.ward, []).append(unit)
    people_of: dict[str | None, list[Person]] = {}
    for person in dataset.people:
        people_of.setdefault(person.ward, []).append(person)
    types = dict(dataset.ward_types)
    work = [(ward, units, people_of.get(ward, []), types.get(ward),
             None if current is None else current.get(ward, []))
            for ward, units in units_of.items()]
    count = default_workers(len(dataset.units), len(work)) if workers is None else workers
    results = (((*result, _nothing) for result in _plan_in_parallel(work, profile, count, check))
               if count > 1 else _plan_in_turn(work, profile, check))
    findings: list[Finding] = list(dataset.findings)
    wards = []
    for planned, found, checked in results:
        plan = WardPlan(planned.ward, planned.proximity, planned.teams, types.get(planned.ward),
                        planned.changes)
        wards.append(plan)
        if progress is not None:
            progress(plan)
        findings += found + checked()
    return Plan(profile, tuple(wards), Report(tuple(findings)))


def _nothing() -> list[Finding]:
    return []


def _plan_in_turn(work: list[WardWork], profile: Profile, check: bool
                  ) -> Iterator[tuple[WardPlan, list[Finding], Callable[[], list[Finding]]]]:
    """Each ward in this process, with what its self-check found (to be asked for once the
    ward is written). A big ward is self-checked in a forked process while this one writes
    it (the same findings, in the same order)."""
    for ward, units, people, kind, now in work:
        if check and default_workers(len(units), 2) > 1:
            planned, found = plan_ward(ward, units, people, profile, False, kind, now)
            yield planned, found, _check_aside((ward, units, list(planned.teams), people,
                                                profile, kind))
        else:
            yield (*plan_ward(ward, units, people, profile, check, kind, now), _nothing)


_CHECKING: tuple[str, list[Unit], list[Team], list[Person], Profile, str | None] | None = None


def _check_aside(
    work: tuple[str, list[Unit], list[Team], list[Person], Profile, str | None],
) -> Callable[[], list[Finding]]:
    """Start a ward's self-check in a forked process (it inherits the ward: nothing is
    pickled on the way in); the returned call waits for its findings. If the process
    cannot run, the check runs here."""
    global _CHECKING
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _CHECKING = work
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)
    future = pool.submit(_self_check_inherited)

    def found() -> list[Finding]:
        global _CHECKING
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - a dead worker: check here instead
            return self_check(*work)
        finally:
            _CHECKING = None
            pool.shutdown(cancel_futures=True)

    return found


def _self_check_inherited() -> list[Finding]:
    """In the forked process: the self-check of the ward it inherited."""
    assert _CHECKING is not None
    return self_check(*_CHECKING)


def default_workers(units: int, wards: int) -> int:
    """One process per available core for a big run of several wards (fork-capable systems)."""
    import multiprocessing
    import os

    if units < PARALLEL_MIN_UNITS or wards < 2:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1  # a spawned worker re-imports everything: not worth it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, wards))


_SHARED: tuple[list[WardWork], Profile, bool] | None = None
# A person on a team, as a worker sends it back: an index into the ward's people (>= 0),
# a unit's leader (-1 - the unit's index), or the person itself when it is neither.
PersonRef = int | Person | None
TeamRow = tuple[str, str, tuple[int, ...], float | None, bool, PersonRef, PersonRef,
                tuple[PersonRef, ...], tuple[tuple[int, int], ...]]
UnitRef = int | Unit  # an index into the ward's units, or (another ward's) the unit itself
ChangeRow = tuple[str, str, tuple[UnitRef, ...], tuple[UnitRef, ...], tuple[str, ...],
                  tuple[str, ...], tuple[tuple[PersonRef, str], ...],
                  tuple[tuple[PersonRef, str], ...], int]
Packed = tuple[Proximity, list[TeamRow], list[Finding], list[ChangeRow] | None]


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle: a worker just stops when the parent does."""
    import signal

    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_IN_WORKER = False  # True in a worker process: it plans its wards in turn, alone


def _each_in_parallel(units: int) -> Each:
    """How a ward solves its areas' matchings: a big ward planned in the main process
    spreads them over every core (forked workers, tables out and answers back by pickle;
    the same answers); any other ward solves them in turn."""
    workers = 1 if _IN_WORKER else default_workers(units, 2)
    if workers < 2:
        return in_turn

    def each(solve: Callable[[Any], Any], tables: list[Any]) -> list[Any]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if len(tables) < 2 * workers:
            return in_turn(solve, tables)
        chunk = max(1, len(tables) // (workers * 4))
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_worker_start) as pool:
            return list(pool.map(solve, tables, chunksize=chunk))

    return each


def _plan_chunk(bounds: tuple[int, int]) -> list[Packed]:
    """In a worker: plan the wards ``work[start:stop]`` (inherited from the parent by fork).

    Teams go back as indices into the parent's own units and people: pickling the objects
    themselves would cost more than planning them.
    """
    assert _SHARED is not None
    work, profile, check = _SHARED
    return [_pack(plan_ward(ward, units, people, profile, check, kind, now), units, people)
            for ward, units, people, kind, now in work[bounds[0] : bounds[1]]]


def _pack(result: WardResult, units: list[Unit], people: list[Person]) -> Packed:
    plan, findings = result
    unit_at = {id(u): n for n, u in enumerate(units)}
    person_at = {id(p): n for n, p in enumerate(people)}
    person_at.update({id(u.leader): -1 - n for n, u in enumerate(units) if u.leader})

    def ref(person: Person | None) -> PersonRef:
        return None if person is None else person_at.get(id(person), person)

    def at(unit: Unit) -> UnitRef:
        return unit_at.get(id(unit), unit)

    rows = [(t.id, t.kind.value, tuple(unit_at[id(u)] for u in t.units), t.distance,
             t.cross_area, ref(t.leader), ref(t.deputy), tuple(ref(m) for m in t.members),
             t.joins)
            for t in plan.teams]
    changes = None if plan.changes is None else [
        (c.team, c.status.value, tuple(map(at, c.before)), tuple(map(at, c.after)), c.reasons,
         c.gone, tuple((ref(p), why) for p, why in c.people_out),
         tuple((ref(p), why) for p, why in c.people_in), c.listed)
        for c in plan.changes]
    return plan.proximity, rows, findings, changes


def _unpack(packed: Packed, ward: str, units: list[Unit], people: list[Person]) -> WardResult:
    proximity, rows, findings, changes = packed

    def person(ref: PersonRef) -> Person | None:
        if not isinstance(ref, int):
            return ref
        return people[ref] if ref >= 0 else units[-1 - ref].leader

    def unit(ref: UnitRef) -> Unit:
        return units[ref] if isinstance(ref, int) else ref

    def cast(refs: tuple[tuple[PersonRef, str], ...]) -> tuple[tuple[Person, str], ...]:
        return tuple((p, why) for r, why in refs if (p := person(r)) is not None)

    teams = tuple(
        Team(team_id, ward, TeamKind(kind), tuple(units[i] for i in members), distance, cross,
             person(leader), person(deputy), tuple(person(m) for m in others), joins)
        for team_id, kind, members, distance, cross, leader, deputy, others, joins in rows
    )
    unpacked = None if changes is None else tuple(
        Change(code, Status(status), tuple(map(unit, before)), tuple(map(unit, after)),
               reasons, gone, cast(out), cast(came), listed)
        for code, status, before, after, reasons, gone, out, came, listed in changes)
    return WardPlan(ward, proximity, teams, changes=unpacked), findings


def _plan_in_parallel(
    work: list[WardWork], profile: Profile, workers: int, check: bool
) -> Iterator[WardResult]:
    """Every ward's result, in order, planned by ``workers`` forked processes.

    The wards reach the workers by fork (nothing is pickled on the way in); only the plans
    come back. If a worker dies (out of memory, say), the rest is planned in this process.
    """
    global _SHARED
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    step = max(1, -(-len(work) // (workers * 8)))  # small chunks keep every worker busy
    chunks = [(start, min(start + step, len(work))) for start in range(0, len(work), step)]
    done = 0
    _SHARED = (work, profile, check)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)
    try:
        for (start, _), results in zip(chunks, pool.map(_plan_chunk, chunks), strict=True):
            for (ward, units, people, _, _), packed in zip(work[start:], results,
                                                          strict=False):
                yield _unpack(packed, ward, units, people)
            done += len(results)
    except BrokenProcessPool:
        pass
    finally:
        _SHARED = None
        pool.shutdown(cancel_futures=True)  # on Ctrl-C too: no chunk is started after it
    for ward, units, people, kind, now in work[done:]:
        yield plan_ward(ward, units, people, profile, check, kind, now)


def plan_ward(
    ward: str, units: list[Unit], people: list[Person], profile: Profile, check: bool = True,
    ward_type: str | None = None, current: list[CheckedTeam] | None = None,
) -> WardResult:
    """Group one ward's units (in natural order) into teams and compose each team; the
    ward's plan and what was found while planning it. With ``current`` (the ward's teams
    now, SPEC §9), the teams, codes and people that may stay, stay."""
    dist = Distances(units)
    findings = _proximity_findings(ward, ward_type, units, dist)
    keep, twice = replan.keepable(units, current) if current is not None else ([], set())
    groups = group_ward(units, profile.grouping, dist, _each_in_parallel(len(units)), keep)
    leaders = [u.leader for u in units if u.leader is not None]
    if current is None:
        width = max(2, len(str(len(groups))))
        ids = [f"T{number:0{width}d}" for number in range(1, len(groups) + 1)]
        pool = Pool(people, profile, leaders)
    else:
        ids = replan.codes(groups, units, current)
        now = replan.serving(units, people, current, profile)
        pool = Pool([*people, *now.candidates], profile, leaders, now.members, now.deputies,
                    now.leaders, now.list_leaders)
    teams = []
    for team_id, group in zip(ids, groups, strict=True):
        team = _team(team_id, ward, group, units)
        findings += [_joined_finding(team, units[j], units[t]) for j, t in group.joins]
        composed, missing = compose_team(team, pool, profile)
        teams.append(composed)
        findings += missing
    # The same rule checks `tcns validate` runs: a correct plan yields none of them.
    if check:
        findings += self_check(ward, units, teams, people, profile, ward_type)
    changes = None if current is None else replan.changes(teams, current, twice, profile, now)
    return WardPlan(ward, dist.basis, tuple(teams), ward_type, changes), findings


def _proximity_findings(ward: str, ward_type: str | None, units: list[Unit], dist: Distances
                        ) -> list[Finding]:
    """What the officer should know about the basis the ward's distances rest on."""
    findings = []
    words = {"ward": ward, **ward_words(ward, ward_type), **unit_words(units)}
    located = [u for u in units if u.lat is not None and u.lon is not None]
    if dist.basis is not Proximity.COORDINATES and located:
        missing = [u for u in units if u.lat is None or u.lon is None]
        findings.append(Finding.of(
            "PARTIAL_COORDINATES", {**words, "count": len(missing), "total": len(units),
                                    "first": describe(missing[0])},
            ward, source=missing[0].source))
    if dist.basis is Proximity.NUMBERING and len(units) > 1:
        findings.append(Finding.of("PROXIMITY_NUMBERING", words, ward))
    if dist.disconnected:
        findings.append(Finding.of("NEIGHBOURS_DISCONNECTED", words, ward))
    if len(units) > LARGE_WARD_UNITS:
        findings.append(Finding.of("LARGE_WARD", {**words, "count": len(units),
                                                  "limit": LARGE_WARD_UNITS}, ward))
    return findings


def _team(team_id: str, ward: str, group: Group, units: list[Unit]) -> Team:
    at = {i: n for n, i in enumerate(group.members)}
    return Team(
        id=team_id, ward=ward, kind=group.kind,
        units=tuple(units[i] for i in group.members),
        distance=None if group.distance is None else round(group.distance, 1),
        cross_area=group.cross_area,
        joins=tuple((at[j], at[t]) for j, t in group.joins),
    )


def _joined_finding(team: Team, joiner: Unit, nearest: Unit) -> Finding:
    return Finding.of(
        "JOINED_TEAM", {**unit_words([joiner]), "unit": describe(joiner), "team": team.id,
                        "nearest": describe(nearest)},
        team.ward, *unit_slots(joiner), team.id, joiner.source,
    )
