"""Profiles (SPEC §3): the shipped ones, `tcns rules`, and `tcns template`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.profiles import load_profile, shipped_profiles

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "linh-trung.xlsx"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def plan_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["plan", str(SAMPLE), "--json", "-", *args])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_the_three_profiles_ship_and_the_default_is_thu_duc() -> None:
    assert shipped_profiles() == ["bttt-793-2022", "da-nang-2025", "thu-duc-4787-2022"]
    assert plan_json()["profile"] == {  # type: ignore[comparison-overlap]
        "id": "thu-duc-4787-2022", "title": load_profile(None).title}
    for name in shipped_profiles():
        assert load_profile(name).documents, f"{name} cites no document"


def teams(document: dict[str, object]) -> list[dict[str, object]]:
    return [t for w in document["wards"] for t in w["teams"]]  # type: ignore[attr-defined]


def test_bttt_793_every_unit_alone_with_two_members() -> None:
    document = plan_json("--rules", "bttt-793-2022")
    planned = teams(document)
    assert len(planned) == 72 and {t["kind"] for t in planned} == {"solo"}
    full = [t for t in planned if len(t["members"]) == 2]  # type: ignore[arg-type]
    assert len(full) > 60
    youth_first = [t["members"][0]["organization"] for t in full]  # type: ignore[index]
    assert Counter(youth_first)["doan-thanh-nien"] > 50


def da_nang_ward(folder: Path, police: bool, extra: int) -> Path:
    """One TDP with its head, a Youth Union secretary, maybe police, and `extra` members."""
    book = openpyxl.Workbook()
    book.active.append(["Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "SĐT"])
    book.active.append(["Tổ 1", 300, "Lê Tổ Trưởng", 1970, "0901000001"])
    people = book.create_sheet("Nhân sự")
    people.append(["Họ và tên", "Năm sinh", "Tổ dân phố", "Chức vụ", "Đoàn thể", "SĐT"])
    people.append(["Trần Bí Thư", 1998, "Tổ 1", "Bí thư chi đoàn", "Đoàn TN", "0901000002"])
    if police:
        people.append(["Võ Công An", 1988, "Tổ 1", "Công an khu vực", "Công an khu vực",
                       "0901000003"])
    for n in range(extra):
        people.append([f"Hội Viên {n}", 1980 + n, "Tổ 1", "Hội viên", "Hội Phụ nữ",
                       f"090200000{n}"])
    path = folder / "da-nang.xlsx"
    book.save(path)
    return path


def test_da_nang_full_team_has_deputy_and_police(tmp_path: Path) -> None:
    source = da_nang_ward(tmp_path, police=True, extra=4)
    out = tmp_path / "plan.xlsx"
    code, text = run("plan", str(source), "--ward", "Hải Châu", "--rules", "da-nang-2025",
                     "-o", str(out))
    assert code == 0
    result = CliRunner().invoke(app, ["plan", str(source), "--ward", "Hải Châu", "--rules",
                                      "da-nang-2025", "--json", "-"])
    team = teams(json.loads(result.stdout))[0]
    assert team["deputy"]["name"] == "Trần Bí Thư"  # type: ignore[index]
    assert [m["organization"] for m in team["members"]][0] == "cong-an"  # type: ignore[index]
    assert len(team["members"]) == 5  # type: ignore[arg-type]
    code, text = run("validate", str(out), "--units", str(source), "--rules", "da-nang-2025")
    assert code == 0 and "No errors" in text


def test_da_nang_team_without_police_and_with_five_people(tmp_path: Path) -> None:
    source = da_nang_ward(tmp_path, police=False, extra=3)
    result = CliRunner().invoke(app, ["plan", str(source), "--ward", "Hải Châu", "--rules",
                                      "da-nang-2025", "--json", "-"])
    assert result.exit_code == 0
    found = {(f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert ("MISSING_ROLE", "error") in found
    assert ("TEAM_SIZE", "warning") in found  # 1 + 1 + 3 = 5 people, fewer than 7
    out = tmp_path / "plan.xlsx"
    assert run("plan", str(source), "--ward", "Hải Châu", "--rules", "da-nang-2025", "-o",
               str(out))[0] == 0
    code, text = run("validate", str(out), "--units", str(source), "--rules", "da-nang-2025")
    assert code == 1 and "MISSING_ROLE" in text and "TEAM_SIZE" in text


@pytest.mark.parametrize("name", ["bttt-793-2022", "da-nang-2025", "thu-duc-4787-2022"])
def test_plan_then_validate_under_each_profile_on_the_sample(tmp_path: Path, name: str) -> None:
    out = tmp_path / "plan.xlsx"
    assert run("plan", str(SAMPLE), "--rules", name, "-o", str(out))[0] == 0
    result = CliRunner().invoke(app, ["validate", str(out), "--units", str(SAMPLE), "--rules",
                                      name, "--json", "-"])
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    if name == "bttt-793-2022":
        # The sample has TDPs with fewer than two candidates: those teams are short.
        assert {f["code"] for f in errors} <= {"MEMBER_COUNT"}
    elif name == "da-nang-2025":
        # Linh Trung lists no area police and about five people per TDP: every team lacks
        # the police officer (error) and falls short of seven (warning), as the rules say.
        found = json.loads(result.stdout)["findings"]
        assert {f["code"] for f in errors} <= {"MEMBER_COUNT", "MISSING_ROLE"}
        assert "MISSING_ROLE" in {f["code"] for f in errors}
        sizes = [f for f in found if f["code"] == "TEAM_SIZE"]
        assert sizes and {f["severity"] for f in sizes} == {"warning"}
    else:
        assert errors == [] and result.exit_code == 0


def test_rules_lists_and_shows(tmp_path: Path) -> None:
    code, text = run("rules")
    assert code == 0 and all(name in text for name in shipped_profiles())
    code, text = run("rules", "show", "da-nang-2025")
    assert code == 0 and "members.min_team_size" in text and "Fewest people in a team" in text
    assert run("rules", "show", "nowhere")[0] == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('id = "x"\ntitle = "y"\ncolour = "blue"\n', 'unknown key "colour"'),
        ('id = "x"\ntitle = "y"\n[grouping]\nlarge_threshold = "many"\n', "a whole number"),
        ('id = "x"\ntitle = "y"\n[grouping]\nlarge_threshold = -450\n', "must not be negative"),
        ('id = "x"\ntitle = "y"\n[grouping]\narea = "city"\n', "khu_pho, ward"),
        ('id = "x"\ntitle = "y"\n[members]\nprefer = ["youth"]\n', '"youth", not an organisation'),
        ('title = "y"\n', '"id" is missing'),
        ('id = "x"\ntitle = "y"\n[members]\nmin_team_size = 9\nmax_team_size = 5\n', "above"),
        ('id = "x"\ntitle = "y"\n[severity]\nTEAM_SIZE = "fatal"\n', "error, warning, info"),
        ('id = "x"\ntitle = \n', "not valid TOML"),
    ],
)
def test_rules_check_explains_each_mistake(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content, encoding="utf-8")
    code, text = run("rules", "check", str(path))
    # The terminal wraps a long path (a parallel worker's tmp_path is longer) anywhere.
    assert code == 2 and expected in " ".join(text.split()) and "mine.toml" in "".join(
        text.split())


def test_rules_check_lists_several_mistakes_at_once(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('id = "x"\ntitle = "y"\nfoo = 1\n[grouping]\nlarge_threshold = -1\n',
                    encoding="utf-8")
    code, text = run("rules", "check", str(path))
    assert code == 2 and "2 mistakes" in text and '"foo"' in text and "negative" in text
    good = Path(__file__).resolve().parent.parent / "rules" / "da-nang-2025.toml"
    assert run("rules", "check", str(good))[0] == 0


def test_filled_template_plans_without_editing(tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"
    assert run("template", "-o", str(template))[0] == 0
    book = openpyxl.load_workbook(template)
    units, people = book["Danh sách tổ"], book["Nhân sự"]
    for t, homes in enumerate([150, 210, 480, 95, 130], start=1):
        units.append(["An Phú", "Khu phố 2", f"Tổ {t}", homes, None, None, None, None])
        people.append([f"Tổ Trưởng {t}", 1970 + t, "Nam", "An Phú", "Khu phố 2", f"Tổ {t}",
                       "Tổ trưởng tổ dân phố", "", f"090100000{t}", "", None])
        people.append([f"Đoàn Viên {t}", 2000 + t, "Nữ", "An Phú", "Khu phố 2", f"Tổ {t}",
                       "Đoàn viên", "Đoàn Thanh niên", f"091100000{t}", "x", None])
    book.save(template)
    result = CliRunner().invoke(app, ["plan", str(template), "--json", "-"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [w["ward"] for w in document["wards"]] == ["An Phú"]  # the examples were skipped
    planned = teams(document)
    assert sum(len(t["units"]) for t in planned) == 5  # type: ignore[arg-type]
    assert all(t["leader"] for t in planned)
