"""The command line end to end: exit codes, outputs, JSON, language, start-up imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
WARD = SAMPLE / "linh-trung.xlsx"
KP_ONLY = SAMPLE / "thu-duc-2025-kp.csv"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_plan_sample_ward_writes_default_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("plan", str(WARD))
    assert code == 0
    assert (tmp_path / "linh-trung-tcns.xlsx").is_file()
    assert "Linh Trung" in out and "Đã ghi linh-trung-tcns.xlsx" in out


def test_json_to_stdout_is_the_spec_shape_and_byte_identical(tmp_path: Path) -> None:
    first = run("plan", str(WARD), "--json", "-")
    second = run("plan", str(WARD), "--json", "-")
    assert first[0] == second[0] == 0
    assert first[1] == second[1]
    document = json.loads(first[1])
    assert document["format"] == "tcns.plan/1"
    assert document["profile"]["id"] == "thu-duc-4787-2022"
    ward = document["wards"][0]
    assert ward["ward"] == "Linh Trung" and ward["proximity"] == "coordinates"
    team = ward["teams"][0]
    assert set(team) == {"id", "kind", "units", "households", "distance", "leader", "deputy",
                         "members"}
    assert set(team["leader"]) == {"name", "birth_year", "gender", "khu_pho", "tdp",
                                   "organization", "position", "phone"}
    assert set(document["findings"][0]) == {"code", "severity", "message", "ward", "khu_pho",
                                            "tdp", "team", "file", "sheet", "row", "column"}
    assert sum(len(t["units"]) for t in ward["teams"]) == 72
    assert not list(tmp_path.iterdir())


def test_khu_pho_only_csv_plans_the_ward_as_one_area(tmp_path: Path) -> None:
    code, out, _ = run("plan", str(KP_ONLY), "--ward", "Linh Xuân", "--json", "-")
    assert code == 0
    ward = json.loads(out)["wards"][0]
    assert ward["ward"] == "Linh Xuân" and ward["proximity"] == "numbering"
    units = [u for t in ward["teams"] for u in t["units"]]
    assert len(units) == 40 and all(u["tdp"] is None for u in units)


def test_english_messages_with_flag_and_environment(tmp_path: Path) -> None:
    out_file = tmp_path / "x.xlsx"
    code, out, _ = run("plan", str(KP_ONLY), "-o", str(out_file), "--lang", "en")
    assert code == 0 and "TCNS team plan" in out and "Wrote" in out
    code, out, _ = run("plan", str(KP_ONLY), "-o", str(out_file), "--force",
                       env={"TCNS_LANG": "en"})
    assert code == 0 and "TCNS team plan" in out


@pytest.mark.parametrize(("lang", "households", "other"), [
    ("vi", "16.327", "16,327"), ("en", "16,327", "16.327"),
])
def test_summary_groups_thousands_as_the_language_writes(
    tmp_path: Path, lang: str, households: str, other: str
) -> None:
    code, out, _ = run("plan", str(WARD), "-o", str(tmp_path / "x.xlsx"), "--lang", lang)
    assert code == 0
    row = next(line for line in out.splitlines() if households in line)
    assert row.split()[-2:] == [households, "│"]
    assert other not in out


def test_existing_output_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"keep me")
    code, _, err = run("plan", str(WARD), "-o", str(target), "--lang", "en")
    assert code == 2 and "already exists" in err and "--force" in err
    assert target.read_bytes() == b"keep me"
    code, _, _ = run("plan", str(WARD), "-o", str(target), "--force")
    assert code == 0 and target.read_bytes()[:2] == b"PK"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("plan")[0] == 2
    assert run("plan", str(WARD), "--lang", "fr", "-o", str(tmp_path / "a.xlsx"))[0] == 2
    assert run("plan", str(WARD), "--rules", "nowhere", "-o", str(tmp_path / "b.xlsx"))[0] == 2
    assert not list(tmp_path.iterdir())


def test_help_does_not_import_heavy_libraries() -> None:
    code = ("import sys; from tcns_cli.cli import app; "
            "heavy = {'networkx', 'openpyxl', 'xlsxwriter', 'python_calamine', 'phonenumbers',"
            " 'pandas', 'matplotlib'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_installed_entry_point_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "tcns"
    assert script.is_file(), "the tcns console script is not installed"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "80"}, check=False)
    assert done.returncode == 0 and done.stdout.startswith("tcns ")


def test_some_coordinates_missing_is_named(tmp_path: Path) -> None:
    source = tmp_path / "partial.csv"
    source.write_text("Khu phố;Tổ dân phố;Số hộ;Vĩ độ;Kinh độ\nKP1;Tổ 1;100;10.87;106.78\n"
                      "KP1;Tổ 2;120;;\nKP1;Tổ 3;90;10.871;106.781\n", encoding="utf-8")
    code, out, _ = run("plan", str(source), "--ward", "X", "--json", "-")
    findings = {f["code"]: f for f in json.loads(out)["findings"]}
    assert code == 0 and findings["PARTIAL_COORDINATES"]["row"] == 3
    assert "PROXIMITY_NUMBERING" in findings


def test_same_input_same_json_across_processes() -> None:
    """Byte-identical JSON whatever the hash seed (no set or dict order leaks into a plan)."""
    source = SAMPLE / "thu-duc-34-phuong.xlsx"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "tcns_cli", "plan", str(source), "--json",
                               "-"], capture_output=True, env=env, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"{")
