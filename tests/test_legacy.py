"""Legacy fonts and mojibake (SPEC §2.1): a broken file plans exactly as its Unicode twin.

Each twin is written twice with openpyxl (or as CSV bytes): in Unicode, and with its text
cells as a ward office's old machine left them: encoded with the TCVN3 or VNI table
(``charmaps.encode``; tests/test_charmaps.py checks the tables letter by letter against
``viparse`` and the C library), or encoded to UTF-8 and read back as Windows-1252
(mojibake). The twin's plan is the oracle: same teams, leaders and members, names back in
Unicode NFC, and one finding for each broken sheet (or for its broken columns).
"""

from __future__ import annotations

import codecs
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tcns_cli.errors import Finding, TcnsError
from tcns_cli.model import Dataset, WardPlan
from tcns_cli.plan import make_plan
from tcns_cli.profiles import load_profile
from tcns_cli.readers.charmaps import TCVN3, VNI, encode
from tcns_cli.readers.dataset import read_dataset
from tcns_cli.readers.headers import UNIT_SHEET
from tcns_cli.readers.legacy import readable_tables
from tcns_cli.readers.roster import read_roster
from tcns_cli.readers.syllables import is_syllable
from tcns_cli.readers.tables import read_tables

# Windows (MultiByteToWideChar) reads the five bytes 1252 leaves undefined as the C1
# control characters of the same number; Excel keeps them.
codecs.register_error("c1-controls", lambda e: (chr(e.object[e.start]), e.start + 1))

TITLES = ("ỦY BAN NHÂN DÂN PHƯỜNG LINH TRUNG", "DANH SÁCH TỔ DÂN PHỐ")
UNIT_HEADER = ("STT", "Khu phố", "Tổ dân phố", "Số hộ", "Tổ trưởng", "Năm sinh", "Số điện thoại")
UNITS = (  # khu phố, TDP, households, leader, born
    ("Khu phố 1", "Tổ 1", 520, "Nguyễn Văn Ánh", 1968),
    ("Khu phố 1", "Tổ 2", 140, "Trần Thị Út", 1981),
    ("Khu phố 1", "Tổ 3", 210, "Lê Hoàng Ước", 1975),
    ("Khu phố 2", "Tổ 1", 160, "Võ Thị Tú", 1986),
    ("Khu phố 2", "Tổ 2", 95, "Đỗ Minh Dũng", 1979),
    ("Khu phố 2", "Tổ 3", 300, "Huỳnh Thị Yến", 1990),
    ("Khu phố 2", "Tổ 4", 120, "Đặng Quốc Thắng", 1972),
)
PEOPLE_HEADER = ("STT", "Họ và tên", "Năm sinh", "Giới tính", "Khu phố", "Tổ dân phố", "Chức vụ",
                 "Đoàn thể", "Số điện thoại")
CANDIDATES = (  # two per unit, in UNITS order: name, born, gender, position, organisation
    ("Bùi Thị Hằng", 1998, "Nữ", "Bí thư chi đoàn", "Đoàn thanh niên"),
    ("Lương Văn Hưởng", 1960, "Nam", "Hội viên", "Hội Cựu chiến binh"),
    ("Ngô Thị Hiền", 1985, "Nữ", "Chi hội trưởng", "Hội Phụ nữ"),
    ("Dương Minh Khuê", 2001, "Nam", "Đoàn viên", "Đoàn thanh niên"),
    ("Hồ Thị Thủy", 1970, "Nữ", "Hội viên", "Hội Phụ nữ"),
    ("Quách Ngọc Yến", 1999, "Nữ", "Đoàn viên", "Đoàn thanh niên"),
    ("Mạc Văn Lễ", 1955, "Nam", "Hội viên", "Hội Người cao tuổi"),
    ("Lã Thị Mỹ", 2003, "Nữ", "Đoàn viên", "Đoàn thanh niên"),
    ("Tạ Quang Sự", 1965, "Nam", "Chi hội trưởng", "Hội Cựu chiến binh"),
    ("Kiều Thị Ngữ", 1978, "Nữ", "Hội viên", "Hội Phụ nữ"),
    ("Khổng Văn Lực", 2000, "Nam", "Đoàn viên", "Đoàn thanh niên"),
    ("Phùng Thị Nguyệt", 1982, "Nữ", "Hội viên", "Hội Phụ nữ"),
    ("Châu Văn Ẩn", 1958, "Nam", "Hội viên", "Hội Người cao tuổi"),
    ("Tôn Nữ Ý Nhi", 2002, "Nữ", "Đoàn viên", "Đoàn thanh niên"),
)
NAMES = {"Tổ trưởng", "Họ và tên"}  # the name columns of the two sheets
SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def unit_rows(leaders: Sequence[str] = tuple(u[3] for u in UNITS)) -> list[list[Any]]:
    """The units with their leaders, a subtotal after khu phố 1 and the total."""
    rows: list[list[Any]] = []
    for n, (kp, tdp, homes, _, born) in enumerate(UNITS, start=1):
        if n == 4:
            rows.append([None, "Cộng KP1", None, sum(u[2] for u in UNITS[:3]), None, None, None])
        rows.append([n, kp, tdp, homes, leaders[n - 1], born, f"090312{n:04d}"])
    return [*rows, [None, "Tổng cộng", None, sum(u[2] for u in UNITS), None, None, None]]


def people_rows() -> list[list[Any]]:
    rows = []
    for n, (name, born, gender, position, org) in enumerate(CANDIDATES):
        kp, tdp = UNITS[n // 2][:2]
        rows.append([n + 1, name, born, gender, kp, tdp, position, org, f"091245{n:04d}"])
    return rows


def windows_1252(text: str, errors: str = "c1-controls") -> str:
    """UTF-8 text as Excel shows it after opening the file as Windows-1252 (mojibake)."""
    return text.encode("utf-8").decode("cp1252", errors=errors)


def legacy(encoding: str) -> Callable[[str], str]:
    return lambda text: encode(text, encoding)


def same(text: str) -> str:
    return text


SHEETS = (("DS TDP", TITLES, UNIT_HEADER, unit_rows),
          ("Nhan su", ("DANH SÁCH NHÂN SỰ",), PEOPLE_HEADER, people_rows))


def ward_book(path: Path, code: Callable[[str], str] = same, columns: set[str] | None = None,
              capitals: bool = False) -> Path:
    """The ward workbook with ``code`` applied to every text cell, or only to the data cells
    of ``columns``; ``capitals``: titles and header typed in a capital font (``.VnTimeH``)."""

    def top(text: str) -> str:
        shown = text.upper() if capitals else text
        return code(shown) if columns is None else shown

    book = openpyxl.Workbook()
    for n, (name, titles, header, rows) in enumerate(SHEETS):
        sheet = book.active if n == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        for title in titles:
            sheet.append([top(title)])
        sheet.append([None])
        sheet.append([top(h) for h in header])
        for row in rows():
            sheet.append([code(v) if isinstance(v, str) and (columns is None or header[k] in
                          columns) else v for k, v in enumerate(row)])
    book.save(path)
    return path


def ward_csv(folder: Path, to_bytes: Callable[[str], bytes]) -> tuple[Path, Path]:
    """The ward as two ``;`` text files (units with leaders, people), as ``to_bytes`` saves."""
    paths = []
    for name, _, header, rows in SHEETS:
        lines = [";".join(header)] + [";".join("" if v is None else str(v) for v in row)
                                       for row in rows()]
        path = folder / f"{name.replace(' ', '-')}.csv"
        path.write_bytes(to_bytes("\r\n".join(lines) + "\r\n"))
        paths.append(path)
    return paths[0], paths[1]


def planned(inputs: list[Path], people: Path | None = None) -> tuple[tuple[WardPlan, ...], Dataset]:
    dataset = read_dataset(inputs, people)
    return make_plan(dataset, load_profile(None)).wards, dataset


def repairs(findings: Sequence[Finding]) -> list[tuple[str, str | None, str | None, str]]:
    return [(f.code, f.source.sheet, f.source.column, str(f.params.get("encoding", "")))
            for f in findings if f.code in ("LEGACY_ENCODING", "MOJIBAKE_REPAIRED")]


def assert_same_plan(broken: tuple[WardPlan, ...], dataset: Dataset,
                     twin: tuple[WardPlan, ...]) -> None:
    assert broken == twin  # teams, units, leaders, members: every field but the source
    assert [w.ward for w in broken] == ["Linh Trung"]
    leaders = {t.leader.name for w in broken for t in w.teams if t.leader}
    members = {m.name for w in broken for t in w.teams for m in t.members if m}
    assert leaders <= {u[3] for u in UNITS} and len(leaders) == len(broken[0].teams)
    assert members <= {c[0] for c in CANDIDATES} and members
    names = [p.name for p in dataset.people]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> tuple[WardPlan, ...]:
    return planned([ward_book(tmp_path_factory.mktemp("twin") / "unicode.xlsx")])[0]


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_workbook_plans_like_its_unicode_twin(
        tmp_path: Path, twin: tuple[WardPlan, ...], encoding: str) -> None:
    wards, dataset = planned([ward_book(tmp_path / "old.xlsx", legacy(encoding))])
    assert_same_plan(wards, dataset, twin)
    assert repairs(dataset.findings) == [("LEGACY_ENCODING", "DS TDP", None, encoding),
                                         ("LEGACY_ENCODING", "Nhan su", None, encoding)]


def test_the_tcvn3_sample_is_linh_trung_typed_in_the_old_fonts() -> None:
    sample = read_dataset([SAMPLE / "linh-trung-tcvn3.xlsx"])
    ward = read_dataset([SAMPLE / "linh-trung.xlsx"])
    assert sample.units == tuple(u for u in ward.units if u.area in ("1", "2"))
    assert sample.people == tuple(p for p in ward.people if p.area in ("1", "2"))
    assert len(sample.units) == 23 and all(u.leader for u in sample.units)
    assert repairs(sample.findings) == [("LEGACY_ENCODING", "DS TDP", None, TCVN3),
                                        ("LEGACY_ENCODING", "Nhan su", None, TCVN3)]


def test_a_capital_font_header_row_is_recognised(
        tmp_path: Path, twin: tuple[WardPlan, ...]) -> None:
    # .VnTimeH draws lower-case bytes as capitals: "DANH S¸CH Tæ D¢N PHè" is the title.
    path = ward_book(tmp_path / "vntimeh.xlsx", legacy(TCVN3), capitals=True)
    first = read_tables(path)[0]
    assert first.rows[1][0] == "DANH S¸CH Tæ D¢N PHè" and first.rows[3][3] == "Sè Hé"
    wards, dataset = planned([path])
    assert_same_plan(wards, dataset, twin)
    table = readable_tables([first], UNIT_SHEET, [])[0]
    # "Sè Hé" shows no capital font (one Latin letter a word): it reads as the table has it.
    assert [table.rows[1][0], table.rows[3][1:4]] == [
        "DANH SÁCH TỔ DÂN PHỐ", ["KHU PHỐ", "TỔ DÂN PHỐ", "Số Hộ"]]
    assert repairs(dataset.findings) == [("LEGACY_ENCODING", "DS TDP", None, TCVN3),
                                         ("LEGACY_ENCODING", "Nhan su", None, TCVN3)]


def test_a_unicode_workbook_with_tcvn3_names_only(
        tmp_path: Path, twin: tuple[WardPlan, ...]) -> None:
    # A half-converted file: headers retyped in Unicode, the name columns still TCVN3.
    path = ward_book(tmp_path / "half.xlsx", legacy(TCVN3), columns=NAMES)
    assert read_tables(path)[0].rows[4][4] == "NguyÔn V¨n ¸nh"
    wards, dataset = planned([path])
    assert_same_plan(wards, dataset, twin)
    assert repairs(dataset.findings) == [("LEGACY_ENCODING", "DS TDP", "Tổ trưởng", TCVN3),
                                         ("LEGACY_ENCODING", "Nhan su", "Họ và tên", TCVN3)]


def test_a_sheet_whose_header_alone_was_retyped_in_unicode(
        tmp_path: Path, twin: tuple[WardPlan, ...]) -> None:
    # "Khu phè 1" and "Céng KP1" read as Vietnamese both ways (a khu phố "phè", a word
    # "céng"); the names beside them show that the sheet is TCVN3, so they are too.
    every = set(UNIT_HEADER) | set(PEOPLE_HEADER)
    path = ward_book(tmp_path / "retyped.xlsx", legacy(TCVN3), columns=every)
    assert read_tables(path)[0].rows[7][1] == "Céng KP1"
    wards, dataset = planned([path])
    assert_same_plan(wards, dataset, twin)
    assert repairs(dataset.findings) == [
        ("LEGACY_ENCODING", "DS TDP", "Khu phố, Tổ dân phố, Tổ trưởng", TCVN3),
        ("LEGACY_ENCODING", "Nhan su",
         "Họ và tên, Giới tính, Khu phố, Tổ dân phố, Chức vụ, Đoàn thể", TCVN3)]


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_text_file_plans_like_its_unicode_twin(tmp_path: Path, encoding: str) -> None:
    unicode_units, unicode_people = ward_csv(tmp_path, lambda t: t.encode("utf-8"))
    twin_wards, _ = planned([unicode_units], unicode_people)
    old = tmp_path / "old"
    old.mkdir()
    units, people = ward_csv(old, lambda t: encode(t, encoding).encode("latin-1"))
    wards, dataset = planned([units], people)
    assert wards == twin_wards and wards[0].teams[0].leader is not None
    assert wards[0].teams[0].leader.name == "Nguyễn Văn Ánh"
    assert repairs(dataset.findings) == [("LEGACY_ENCODING", None, None, encoding)] * 2
    assert {f.source.file for f in dataset.findings if f.code == "LEGACY_ENCODING"} == {
        "DS-TDP.csv", "Nhan-su.csv"}


def test_a_mojibake_workbook_plans_like_its_twin(
        tmp_path: Path, twin: tuple[WardPlan, ...]) -> None:
    path = ward_book(tmp_path / "moji.xlsx", windows_1252)
    assert read_tables(path)[0].rows[3][3] == "Sá»‘ há»™"
    wards, dataset = planned([path])
    assert_same_plan(wards, dataset, twin)
    assert repairs(dataset.findings) == [("MOJIBAKE_REPAIRED", "DS TDP", None, ""),
                                         ("MOJIBAKE_REPAIRED", "Nhan su", None, "")]


def test_a_mojibake_text_file_plans_like_its_twin(tmp_path: Path) -> None:
    unicode_units, unicode_people = ward_csv(tmp_path, lambda t: t.encode("utf-8"))
    twin_wards, _ = planned([unicode_units], unicode_people)
    old = tmp_path / "old"
    old.mkdir()
    units, people = ward_csv(old, lambda t: windows_1252(t).encode("utf-8-sig"))
    wards, dataset = planned([units], people)
    assert wards == twin_wards
    assert repairs(dataset.findings) == [("MOJIBAKE_REPAIRED", None, None, "")] * 2


def test_a_mojibake_name_column_alone_is_repaired(
        tmp_path: Path, twin: tuple[WardPlan, ...]) -> None:
    wards, dataset = planned([ward_book(tmp_path / "half.xlsx", windows_1252, columns=NAMES)])
    assert_same_plan(wards, dataset, twin)
    assert repairs(dataset.findings) == [("MOJIBAKE_REPAIRED", "DS TDP", "Tổ trưởng", ""),
                                         ("MOJIBAKE_REPAIRED", "Nhan su", "Họ và tên", "")]


def lossy(text: str) -> str:
    """Mojibake that lost bytes on the way: the undefined bytes became ``�``."""
    return windows_1252(text, "replace" if text == "Đỗ Minh Dũng" else "c1-controls")


@pytest.mark.parametrize("columns", [None, NAMES])
def test_lost_letters_are_warnings_naming_the_cell(
        tmp_path: Path, columns: set[str] | None) -> None:
    assert lossy("Đỗ Minh Dũng") == "Ä�á»— Minh DÅ©ng"
    dataset = read_dataset([ward_book(tmp_path / "lost.xlsx", lossy, columns=columns)])
    lost = [(f.code, f.severity.value, f.source.sheet, f.source.row, f.source.column,
             f.params["value"]) for f in dataset.findings if f.code == "MOJIBAKE_LOST"]
    assert lost == [("MOJIBAKE_LOST", "warning", "DS TDP", 10, "Tổ trưởng", "�ỗ Minh Dũng")]
    leader = next(u.leader for u in dataset.units if u.source.row == 10)
    assert leader is not None and leader.name == "�ỗ Minh Dũng"  # kept, never guessed


# Unicode Vietnamese names whose letters are all Latin-1: a TCVN3 table would turn them
# into other Vietnamese names (Võ Tú → Vừ Tỳ), so only "Vietnamese as written" keeps them.
LATIN_1_LEADERS = ("Võ Tú", "Tô Lâm", "Lê Tâm", "Hà Châu", "Trà My", "Lý Thành", "Mã Lân")
FOREIGN = ("Hélène Côté", "José Muñoz", "Ñuño Peña", "Jürgen Straße", "François Lefèvre",
           "Inés Gómez", "Noël Müller", "Renée Dupré", "Zoé Laforêt", "Ramón Martín",
           "Sofía Núñez", "Léa Bédard", "Anaïs Ménard", "Óscar Ibáñez")


def foreign_rows() -> list[list[Any]]:
    return [[n + 1, name, 1980 + n, "Nữ", UNITS[n % 7][0], UNITS[n % 7][1], "Hội viên",
             "Hội Phụ nữ", None] for n, name in enumerate(FOREIGN)]


# Read in a fresh interpreter, to see whether the mojibake repair (ftfy) was even imported.
FOREIGN_READER = """
import sys
from pathlib import Path
from tcns_cli.readers.dataset import read_dataset
book, text = Path(sys.argv[1]), Path(sys.argv[2])
for dataset in (read_dataset([book]), read_dataset([book], text)):
    print(sorted({p.name for p in dataset.people}))
    print([u.leader.name for u in dataset.units if u.leader])
    print(sorted({f.code for f in dataset.findings}))
print("ftfy" in sys.modules)
"""


def test_accented_names_are_never_converted(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    units, people = book.active, book.create_sheet("Nhan su")
    assert units is not None
    for sheet, header, rows in ((units, UNIT_HEADER, unit_rows(LATIN_1_LEADERS)),
                                (people, PEOPLE_HEADER, foreign_rows())):
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "foreign.xlsx")
    # The same people as a Windows-1252 text file (not UTF-8), its header without accents.
    lines = ["Ho va ten;Nam sinh;Khu pho;To dan pho;Chuc vu;Doan the"] + [
        f"{name};{1980 + n};KP{1 + (n % 7 > 2)};To {n % 7 + 1 - 3 * (n % 7 > 2)};Hoi vien;"
        "Hoi Phu nu" for n, name in enumerate(FOREIGN)]
    (tmp_path / "foreign.csv").write_bytes("\r\n".join(lines).encode("cp1252"))
    run = subprocess.run([sys.executable, "-c", FOREIGN_READER, str(tmp_path / "foreign.xlsx"),
                          str(tmp_path / "foreign.csv")], capture_output=True, text=True,
                         check=True)
    *read, ftfy_loaded = run.stdout.splitlines()
    for people_names, leaders, codes in (read[:3], read[3:]):
        assert people_names == str(sorted(FOREIGN)) and leaders == str(list(LATIN_1_LEADERS))
        assert "LEGACY_ENCODING" not in codes and "MOJIBAKE" not in codes
    assert ftfy_loaded == "False"  # nothing looked broken: the repair was never loaded


def test_a_text_file_in_no_encoding_we_read_still_says_so(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes("Khu phố;Tổ dân phố;Số hộ\nKP1;Tổ 1;100\n".encode("utf-16-le"))
    with pytest.raises(TcnsError) as caught:
        read_dataset([path])
    assert caught.value.key == "TEXT_ENCODING"


TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def windows_1258(text: str) -> bytes:
    """Code page 1258: a letter with a tone is its letter without it, then the tone's mark."""
    letters = []
    for letter in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", letter)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        letters.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(letters).encode("cp1258")


def test_a_windows_1258_text_file_is_read(tmp_path: Path) -> None:
    # Excel's "CSV" on a Vietnamese Windows: code page 1258, tones as combining marks.
    text = ("Khu phố;Tổ dân phố;Số hộ;Tổ trưởng\n"
            "KP1;Tổ 1;100;Nguyễn Văn Ánh\nKP1;Tổ 2;90;Lê Thị Hà\n")
    path = tmp_path / "units.csv"
    path.write_bytes(windows_1258(text))
    dataset = read_dataset([path])
    assert [u.leader.name for u in dataset.units if u.leader] == ["Nguyễn Văn Ánh", "Lê Thị Hà"]
    assert repairs(dataset.findings) == [("LEGACY_ENCODING", None, None, "Windows-1258")]


ROSTER_HEADER = ("STT", "Mã tổ", "Khu phố", "Tổ dân phố phụ trách", "Họ và tên", "Năm sinh",
                 "Chức danh trong tổ", "Đoàn thể")
ROSTER = (("CNS-01", "Khu phố 1", "Tổ 1", "Nguyễn Văn Ánh", 1968, "Tổ trưởng", ""),
          ("CNS-01", "Khu phố 1", "Tổ 1", "Bùi Thị Hằng", 1998, "Thành viên", "Đoàn thanh niên"),
          ("CNS-02", "Khu phố 1", "Tổ 2, Tổ 3", "Trần Thị Út", 1981, "Tổ trưởng", ""),
          ("CNS-02", "Khu phố 1", "Tổ 2, Tổ 3", "Hồ Thị Thủy", 1970, "Thành viên", "Hội Phụ nữ"))


def roster_book(path: Path, code: Callable[[str], str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([code("DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG")])
    sheet.append([code(h) for h in ROSTER_HEADER])
    for n, row in enumerate(ROSTER, start=1):
        sheet.append([n, *(code(v) if isinstance(v, str) else v for v in row)])
    book.save(path)
    return path


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_team_list_reads_as_its_twin(tmp_path: Path, encoding: str) -> None:
    def read(path: Path) -> tuple[list[tuple[Any, ...]], list[Finding]]:
        findings: list[Finding] = []
        entries = read_roster(path, findings)
        return [(e.team, e.areas, e.units, e.role, e.person) for e in entries], findings

    twin, _ = read(roster_book(tmp_path / "twin.xlsx", same))
    entries, findings = read(roster_book(tmp_path / "old.xlsx", legacy(encoding)))
    assert entries == twin and [e[-1].name for e in entries][:2] == [
        "Nguyễn Văn Ánh", "Bùi Thị Hằng"]
    assert repairs(findings) == [("LEGACY_ENCODING", "Sheet", None, encoding)]


@pytest.mark.parametrize("word", ["Nguyễn", "THỊ", "người", "khuỷu", "quốc", "giữa", "Ước",
                                  "nghiêng", "Thủy", "Lý", "xoong", "hoặc"])
def test_vietnamese_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["NguyÔn", "ThÕ", "d©n", "Nguyá»…n", "Hélène", "Hộlốne", "Müller",
                                  "Straòe", "tiê", "Tac", "ge", "ci", "nge", "VÄƒn", ""])
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_syllable(word)
