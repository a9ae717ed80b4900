"""Many wards in one run give the same teams as each ward planned alone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.model import Dataset
from tcns_cli.plan import make_plan
from tcns_cli.profiles import load_profile
from tcns_cli.readers.dataset import read_dataset

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def teams(document: dict[str, object]) -> dict[str, object]:
    return {w["ward"]: w["teams"] for w in document["wards"]}  # type: ignore[attr-defined]


def test_two_files_together_plan_as_each_alone() -> None:
    files = [SAMPLE / "linh-trung.xlsx", SAMPLE / "thu-duc-2025-kp.csv"]
    runner = CliRunner()
    together = runner.invoke(app, ["plan", *map(str, files), "--json", "-"])
    assert together.exit_code == 0
    combined = teams(json.loads(together.stdout))
    assert set(combined) == {"Linh Trung", "thu-duc-2025-kp"}
    for path in files:
        alone = runner.invoke(app, ["plan", str(path), "--json", "-"])
        for ward, planned in teams(json.loads(alone.stdout)).items():
            assert combined[ward] == planned


def test_thirty_four_wards_in_one_sheet_plan_as_each_ward_alone() -> None:
    dataset = read_dataset([SAMPLE / "thu-duc-34-phuong.xlsx"])
    profile = load_profile(None)
    plan = make_plan(dataset, profile)
    assert len(plan.wards) == 34
    for ward in plan.wards[::5]:
        alone = Dataset(
            tuple(u for u in dataset.units if u.ward == ward.ward),
            tuple(p for p in dataset.people if p.ward == ward.ward),
            (),
        )
        assert make_plan(alone, profile).wards[0].teams == ward.teams


def test_split_dir_writes_one_workbook_per_ward(tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = CliRunner().invoke(app, ["plan", str(SAMPLE / "thu-duc-34-phuong.xlsx"), "-o",
                                      str(out), "--split-dir", str(tmp_path / "wards")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "wards").iterdir())
    assert len(written) == 34 and "linh-trung-tcns.xlsx" in written and out.is_file()


def test_worker_processes_plan_exactly_as_one_process() -> None:
    dataset = read_dataset([SAMPLE / "thu-duc-34-phuong.xlsx"])
    profile = load_profile(None)
    alone = make_plan(dataset, profile, workers=1)
    shared = make_plan(dataset, profile, workers=2)
    assert shared == alone
    assert [f.to_dict("vi") for f in shared.findings] == [f.to_dict("vi") for f in alone.findings]
    # The teams hold the run's own units and people, not copies made on the way back.
    known = {id(u) for u in dataset.units} | {id(p) for p in dataset.people}
    known |= {id(u.leader) for u in dataset.units if u.leader is not None}
    for team in shared.teams:
        assert all(id(u) in known for u in team.units)
        assert all(id(p) in known for p in (team.leader, team.deputy, *team.members) if p)


def die(bounds: tuple[int, int]) -> None:
    """A worker killed mid-run (as by the kernel when memory runs out)."""
    os._exit(1)


def test_a_worker_that_dies_leaves_the_work_to_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import tcns_cli.plan as planning

    dataset = read_dataset([SAMPLE / "thu-duc-34-phuong.xlsx"])
    profile = load_profile(None)
    alone = make_plan(dataset, profile, workers=1)
    monkeypatch.setattr(planning, "_plan_chunk", die)
    assert make_plan(dataset, profile, workers=2) == alone


def test_big_runs_use_every_core_and_small_ones_one_process() -> None:
    from tcns_cli.plan import PARALLEL_MIN_UNITS, default_workers

    assert default_workers(PARALLEL_MIN_UNITS - 1, 50) == 1
    assert default_workers(PARALLEL_MIN_UNITS, 1) == 1
    assert default_workers(PARALLEL_MIN_UNITS, 50) == min(len(os.sched_getaffinity(0)), 50)
