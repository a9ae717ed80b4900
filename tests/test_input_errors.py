"""Bad input (SPEC §2.4): every error listed with file, sheet, row and column; exit 2;
nothing written; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.places import unit_slots


def plan(tmp_path: Path, source: Path, *extra: str) -> tuple[int, str]:
    """Run plan with both outputs; return the exit code and the messages (one line)."""
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(tmp_path / "out.xlsx"),
                                      "--json", str(tmp_path / "out.json"), "--lang", "en",
                                      *extra])
    text = " ".join((result.stdout + result.stderr).split())
    # Two assertions, not one: `A and B or C` would skip the traceback check on every exit.
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.json").exists()
    assert not list(tmp_path.glob(".*.tmp"))
    return result.exit_code, text


def workbook(tmp_path: Path, rows: list[list[object]], name: str = "ward.xlsx") -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Tổ"
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


HEADER = ["Khu phố", "Tổ dân phố", "Số hộ"]


def test_every_bad_household_count_is_listed_with_its_cell(tmp_path: Path) -> None:
    source = workbook(tmp_path, [["DANH SÁCH"], HEADER, ["KP1", "Tổ 1", 100],
                                 ["KP1", "Tổ 2", -5], ["KP1", "Tổ 3", 12.5],
                                 ["KP1", "Tổ 4", "nhiều"], ["KP1", "Tổ 5", None]])
    code, text = plan(tmp_path, source)
    assert code == 2
    for row, problem in [(4, "BAD_HOUSEHOLDS"), (5, "BAD_HOUSEHOLDS"), (6, "BAD_HOUSEHOLDS"),
                         (7, "MISSING_HOUSEHOLDS")]:
        assert f'ward.xlsx, sheet "Tổ", row {row}, column "Số hộ"' in text
        assert problem in text
    assert "4 error(s) in the input; nothing was written" in text


def test_duplicate_unit_names_both_rows(tmp_path: Path) -> None:
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100], ["KP1", "Tổ 2", 100],
                                 ["KP1", "Tổ 01", 90]])
    code, text = plan(tmp_path, source)
    assert code == 2 and "DUPLICATE_UNIT" in text
    assert 'row 4, column "Tổ dân phố"' in text and "already appears on row 2" in text


def test_unit_row_without_label(tmp_path: Path) -> None:
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100], ["KP1", None, 80]])
    code, text = plan(tmp_path, source)
    assert code == 2 and "MISSING_UNIT_LABEL" in text and 'row 3, column "Tổ dân phố"' in text


def test_missing_households_column(tmp_path: Path) -> None:
    source = workbook(tmp_path, [["Khu phố", "Tổ dân phố", "Ghi chú"], ["KP1", "Tổ 1", "x"]])
    code, text = plan(tmp_path, source)
    assert code == 2 and "No unit table in ward.xlsx" in text and "Số hộ" in text


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.xlsx", None, "holds no data"),
        ("title.xlsx", [["DANH SÁCH TỔ DÂN PHỐ NĂM 2022"]], "No unit table"),
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "damaged or not really a xlsx"),
        ("notes.xlsx", b"just some text", "damaged or not really a xlsx"),
        ("zero.xlsx", b"", "holds no data"),
        ("report.pdf", b"%PDF-1.4", "is not a spreadsheet tcns reads"),
        # UTF-16 without its byte order mark: no header in any encoding tcns tries. (A
        # Windows-1258 file is read since issue 17: tests/test_legacy.py.)
        ("utf16.csv", "Khu phố;Số hộ\nKP1;100\n".encode("utf-16-le"), "neither UTF-8 nor"),
    ],
)
def test_unreadable_files_get_one_clear_line(
    tmp_path: Path, name: str, content: object, expected: str
) -> None:
    if content is None or isinstance(content, list):
        source = workbook(tmp_path, content or [], name)
    else:
        source = tmp_path / name
        assert isinstance(content, bytes)
        source.write_bytes(content)
    code, text = plan(tmp_path, source)
    assert code == 2 and expected in text and name in text


def test_truncated_workbook(tmp_path: Path) -> None:
    whole = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]], "whole.xlsx")
    source = tmp_path / "cut.xlsx"
    source.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    whole.unlink()
    code, text = plan(tmp_path, source)
    assert code == 2 and "cut.xlsx" in text and "damaged" in text


def test_password_protected_workbook(tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]], "plain.xlsx")
    source = tmp_path / "locked.xlsx"
    with plain.open("rb") as given, source.open("wb") as locked:
        office = ooxml.OOXMLFile(given)
        office.encrypt("mat-khau", locked)
    plain.unlink()
    code, text = plan(tmp_path, source)
    assert code == 2 and "password protected" in text


def test_missing_path_empty_folder_and_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, text = plan(tmp_path, tmp_path / "nowhere.xlsx")
    assert code == 2 and "does not exist" in text
    folder = tmp_path / "empty"
    folder.mkdir()
    code, text = plan(tmp_path, folder)
    assert code == 2 and "holds no spreadsheet" in text
    big = workbook(tmp_path, [HEADER] + [["KP1", f"Tổ {n}", 100] for n in range(1, 3000)])
    monkeypatch.setenv("TCNS_MAX_FILE_MB", "0.01")
    code, text = plan(tmp_path, big)
    assert code == 2 and "too large" in text and "TCNS_MAX_FILE_MB" in text


def test_people_referring_to_an_unknown_unit_is_a_warning(tmp_path: Path) -> None:
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100], ["KP1", "Tổ 2", 100]])
    people = workbook(tmp_path, [["Họ và tên", "Khu phố", "Tổ dân phố", "Đoàn thể"],
                                 ["Lê A", "KP1", "Tổ 9", "Đoàn TN"]], "people.xlsx")
    result = CliRunner().invoke(app, ["plan", str(source), "--people", str(people), "--json",
                                      "-", "--lang", "en"])
    assert result.exit_code == 0
    assert '"PERSON_UNKNOWN_UNIT"' in result.stdout


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ('id = "x"\ntitle = "y"\n[grouping]\nthreshold = 450\n', '"grouping.threshold"'),
        ('id = "x"\ntitle = "y"\n[grouping]\nlarge_threshold = "450"\n', "whole number"),
        ('id = "x"\ntitle = "y"\n[grouping]\nlarge_threshold = -1\n', "must not be negative"),
        ('id = "x"\n[members]\nprefer = ["doan-tn"]\n', '"title" is missing'),
        ('id = "x"\ntitle = "y"\n[grouping\n', "not valid TOML"),
    ],
)
def test_bad_profile_names_the_key(tmp_path: Path, profile: str, expected: str) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(profile, encoding="utf-8")
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]])
    code, text = plan(tmp_path, source, "--rules", str(rules))
    assert code == 2 and expected in text


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]])
    before = source.read_bytes()
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(source), "--force",
                                      "--lang", "en"])
    assert result.exit_code == 2 and "Will not write over the input" in result.stderr
    assert source.read_bytes() == before


def test_xml_entity_bomb_fails_fast(tmp_path: Path) -> None:
    """A billion-laughs DTD in a sheet: refused at once, memory bounded, one clear line."""
    import resource
    import zipfile

    plain = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]], "plain.xlsx")
    levels = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE w [{levels}]>'
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as given, zipfile.ZipFile(source, "w") as out:
        for item in given.infolist():
            data = given.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # openpyxl writes inline strings
                text = data.decode()
                body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
                assert ">KP1<" in body
                data = (bomb + body.replace(">KP1<", ">&l9;<")).encode()
            out.writestr(item, data)
    plain.unlink()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, text = plan(tmp_path, source)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert code == 2 and "bomb.xlsx" in text and grown_mb < 200


def test_a_line_with_another_separator(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_text("Khu phố;Tổ dân phố;Số hộ\nKP1;Tổ 1;100\nKP1,Tổ 2,120\n", encoding="utf-8")
    code, text = plan(tmp_path, source, "--ward", "X")
    assert code == 2 and "MIXED_DELIMITER" in text and "row 3" in text


def test_header_without_rows_and_a_people_file_without_people(tmp_path: Path) -> None:
    code, text = plan(tmp_path, workbook(tmp_path, [HEADER], "header.xlsx"))
    assert code == 2 and "holds no data rows" in text
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]])
    people = workbook(tmp_path, [["Ghi chú"], ["nothing here"]], "people.xlsx")
    code, text = plan(tmp_path, source, "--people", str(people))
    assert code == 2 and "No people table in people.xlsx" in text


def test_unknown_severity_code_and_output_folder(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text('id = "x"\ntitle = "y"\n[severity]\nNOT_A_CODE = "error"\n', "utf-8")
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100]])
    code, text = plan(tmp_path, source, "--rules", str(rules))
    assert code == 2 and "severity.NOT_A_CODE" in text
    (tmp_path / "folder.xlsx").mkdir()
    result = CliRunner().invoke(app, ["plan", str(source), "-o", str(tmp_path / "folder.xlsx"),
                                      "--force", "--lang", "en"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_section_heading_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    from tcns_cli.readers.dataset import read_dataset

    source = workbook(tmp_path, [HEADER, ["KHU PHỐ 1", None, None], [None, "Tổ 1", 100],
                                 [None, "Tổ 2", 90]])
    dataset = read_dataset([source])
    assert [unit_slots(u) for u in dataset.units] == [("1", "1"), ("1", "2")]
    # The ward is named by the file only, so its type is not known (and reported).
    assert [f.code for f in dataset.findings] == [
        "SECTION_ROW_SKIPPED", "WARD_NOT_IN_OFFICIAL_LIST", "WARD_TYPE_UNKNOWN"]


# Loaded by the `tcns` process of the test below (sitecustomize runs at interpreter start):
# planning crashes once the ward's data has been read, with that data in the crashing
# frame's locals, where a report that shows locals would print it.
CRASH_AFTER_READING = '''\
import tcns_cli.plan as planning


def make_plan(dataset, *args, **kwargs):
    units, people = dataset.units, dataset.people
    raise RuntimeError("an injected bug")


planning.make_plan = make_plan
'''
SECRETS = ("Nguyễn Bí Mật", "0909123456", "Trần Thị Riêng", "0912345678", "0912 345 678")


def test_a_bug_does_not_print_names_or_phones(tmp_path: Path) -> None:
    """Bugs propagate, but their report shows code, not the people in the data.

    The report is printed by the exception hook that ``pretty_exceptions_enable`` governs,
    which only a real process reaches (CliRunner catches the exception before it): so the
    installed ``tcns`` script runs in a subprocess, with a bug injected after reading.
    """
    import os
    import subprocess
    import sys

    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(CRASH_AFTER_READING, encoding="utf-8")
    source = workbook(tmp_path, [HEADER + ["Tổ trưởng", "SĐT"],
                                 ["KP1", "Tổ 1", 100, "Nguyễn Bí Mật", "0909123456"],
                                 ["KP1", "Tổ 2", 120, None, None]])
    book = openpyxl.load_workbook(source)
    book.create_sheet("Nhân sự").append(["Họ và tên", "Khu phố", "Tổ dân phố", "Đoàn thể", "SĐT"])
    book["Nhân sự"].append(["Trần Thị Riêng", "KP1", "Tổ 2", "Đoàn TN", "0912 345 678"])
    book.save(source)
    env = {k: v for k, v in os.environ.items() if not k.endswith("TYPER_STANDARD_TRACEBACK")}
    # A wide UTF-8 terminal, so that no name is wrapped or escaped out of sight.
    env.update(PYTHONPATH=str(inject), COLUMNS="1000", PYTHONIOENCODING="utf-8")
    script = Path(sys.executable).parent / "tcns"
    done = subprocess.run([str(script), "plan", str(source), "-o", str(tmp_path / "o.xlsx")],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=tmp_path, check=False)
    shown = done.stdout + done.stderr
    assert done.returncode == 1 and "RuntimeError: an injected bug" in done.stderr, shown
    assert [s for s in SECRETS if s in shown] == [], shown
    assert not (tmp_path / "o.xlsx").exists()


def test_a_tcns_result_given_as_input_is_refused(tmp_path: Path) -> None:
    source = workbook(tmp_path, [HEADER, ["KP1", "Tổ 1", 100], ["KP1", "Tổ 2", 90]])
    result = tmp_path / "ket-qua.xlsx"
    assert CliRunner().invoke(app, ["plan", str(source), "-o", str(result)]).exit_code == 0
    code, text = plan(tmp_path, result)
    assert code == 2 and "is a workbook tcns wrote" in text


def test_cells_that_look_alike_are_read_apart(tmp_path: Path) -> None:
    """A TRUE cell is not 1 household, a latitude of 120 is not a latitude, and the same
    sheet's plain rows (numbers, text numbers, comma decimals) are still read."""
    source = workbook(tmp_path, [
        ["Khu phố", "Tổ dân phố", "Số hộ", "Vĩ độ", "Kinh độ"],
        ["KP1", "Tổ 1", 1, 10.85, 106.77],
        ["KP1", "Tổ 2", True, 10.86, 106.77],
        ["KP1", "Tổ 3", "1.020", "10,87", "106.78"],
        ["KP1", "Tổ 4", 300, 120.0, 106.79],
    ])
    result = CliRunner().invoke(app, ["plan", str(source), "--json", "-", "--lang", "en"])
    text = " ".join((result.stdout + result.stderr).split())
    assert result.exit_code == 2
    assert 'row 3, column "Số hộ"' in text and "BAD_HOUSEHOLDS" in text
    assert "1 error(s) in the input" in text
    source = workbook(tmp_path, [
        ["Khu phố", "Tổ dân phố", "Số hộ", "Vĩ độ", "Kinh độ"],
        ["KP1", "Tổ 1", 1, 10.85, 106.77],
        ["KP1", "Tổ 3", "1.020", "10,87", "106.78"],
        ["KP1", "Tổ 4", 300, 120.0, 106.79],
    ], "ok.xlsx")
    result = CliRunner().invoke(app, ["plan", str(source), "--json", "-", "--lang", "en"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    warnings = [f for f in document["findings"] if f["code"] == "BAD_COORDINATE"]
    assert [(w["row"], w["column"]) for w in warnings] == [(4, "Vĩ độ")]
    units = {u["tdp"]: u for t in document["wards"][0]["teams"] for u in t["units"]}
    assert units["3"]["households"] == 1020 and units["1"]["households"] == 1
