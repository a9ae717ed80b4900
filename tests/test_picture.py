"""The picture of a plan (SPEC §10): what is drawn matches the plan, for each proximity basis.

Each test ward is planned, drawn, and its Figure's artists counted before anything is saved:
a ring per solo team, a line per pair, a dashed line per joined unit, a label per unit, a
code per team. The CLI tests check the files: a PNG per ward, the ``Sơ đồ`` sheet of a
one-ward workbook, byte-identical output, and the refusals before any work.
"""

from __future__ import annotations

import os
import random
import struct
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import matplotlib.colors
import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tcns_cli.model import Plan, Proximity, TeamKind, WardPlan, unit_order
from tcns_cli.plan import make_plan
from tcns_cli.profiles import load_profile
from tcns_cli.readers.dataset import read_dataset
from tcns_cli.writers.picture import CROSS, draw_ward, ward_png

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "linh-trung.xlsx"
RED = matplotlib.colors.to_rgba(CROSS)


def grid_ward(folder: Path, neighbours: bool, name: str = "Tam Bình") -> Path:
    """A ward of 7 khu phố × 10 TDP laid out as 2 × 5 blocks on a grid, seeded: with a
    ``Tổ liền kề`` column naming each unit's grid neighbours, or with nothing but numbers.

        KP1 KP2 KP3 KP4      each block:  1  2  3  4  5
        KP5 KP6 KP7                       6  7  8  9 10

    An odd number of small units leaves one to join a team (a dashed line)."""
    rng = random.Random(19)
    cell = {}
    for kp in range(1, 8):
        bx, by = (kp - 1) % 4, (kp - 1) // 4
        for tdp in range(1, 11):
            cell[(bx * 5 + (tdp - 1) % 5, by * 2 + (tdp - 1) // 5)] = (kp, tdp)
    homes = {key: rng.choice([rng.randint(60, 440)] * 9 + [rng.randint(460, 900)])
             for key in cell.values()}
    if sum(1 for h in homes.values() if h < 450) % 2 == 0:
        homes[(7, 10)] = 120 if homes[(7, 10)] >= 450 else 700
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Phường", "Khu phố", "Tổ dân phố", "Số hộ",
                  *(["Tổ liền kề"] if neighbours else [])])
    for (x, y), (kp, tdp) in sorted(cell.items(), key=lambda item: item[1]):
        near = [cell[p] for p in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)) if p in cell]
        words = ", ".join(f"Tổ {t}" if k == kp else f"KP{k}-Tổ {t}" for k, t in near)
        sheet.append([name, f"KP{kp}", f"Tổ {tdp}", homes[(kp, tdp)],
                      *([words] if neighbours else [])])
    path = folder / f"{'lien-ke' if neighbours else 'so-thu-tu'}.xlsx"
    book.save(path)
    return path


def planned(path: Path) -> Plan:
    return make_plan(read_dataset([path]), load_profile(None))


@pytest.fixture(scope="module")
def wards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    folder = tmp_path_factory.mktemp("wards")
    return {"coordinates": planned(SAMPLE),
            "adjacency": planned(grid_ward(folder, neighbours=True)),
            "numbering": planned(grid_ward(folder, neighbours=False))}


@pytest.fixture(scope="module")
def figures(wards: dict[str, Plan]) -> dict[str, Any]:
    """Each ward's picture, drawn once for every test that reads it."""
    return {basis: draw_ward(plan.wards[0], plan.profile) for basis, plan in wards.items()}


def by_gid(figure: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The picture's collections and texts, by gid."""
    ax = figure.axes[0]
    return ({c.get_gid(): c for c in ax.collections},
            {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()})


def segment_ends(collection: Any) -> list[frozenset[tuple[float, float]]]:
    """Each line's two ends (a line that bends round a dot has more points between)."""
    return [frozenset((round(float(x), 6), round(float(y), 6)) for x, y in line[[0, -1]])
            for line in collection.get_segments()]


def where(figure: Any, ward: WardPlan) -> dict[str, tuple[float, float]]:
    """Each unit's dot, by node id (the dots are in natural order)."""
    units = sorted((u for t in ward.teams for u in t.units), key=unit_order)
    offsets = by_gid(figure)[0]["units"].get_offsets()
    return {u.node_id: (round(float(x), 6), round(float(y), 6))
            for u, (x, y) in zip(units, offsets, strict=True)}


@pytest.mark.parametrize("basis", ["coordinates", "adjacency", "numbering"])
def test_every_mark_matches_the_plan(wards: dict[str, Plan], figures: dict[str, Any],
                                     basis: str) -> None:
    plan = wards[basis]
    ward = plan.wards[0]
    assert ward.proximity is Proximity(basis)
    figure = figures[basis]
    marks, texts = by_gid(figure)
    at = where(figure, ward)
    units = [u for t in ward.teams for u in t.units]
    assert len(at) == len(units) >= 70
    # A ring round each solo team's unit, and nothing else.
    solo = [t for t in ward.teams if t.kind is TeamKind.SOLO]
    rings = {(round(float(x), 6), round(float(y), 6)) for x, y in marks["rings"].get_offsets()}
    assert rings == {at[t.units[0].node_id] for t in solo} and len(solo) >= 2
    # A line per pair, between its two units; red exactly when it crosses areas.
    pairs = [t for t in ward.teams if t.kind is TeamKind.PAIR]
    assert sorted(segment_ends(marks["pairs"]), key=sorted) == sorted(
        (frozenset(at[u.node_id] for u in t.units) for t in pairs), key=sorted)
    red = [tuple(c) == RED for c in marks["pairs"].get_colors()]
    assert sum(red) == sum(t.cross_area for t in pairs)
    # A dashed line per joined unit, from it to the unit it joined; as many as the warnings.
    joins = [frozenset((at[t.units[j].node_id], at[t.units[k].node_id]))
             for t in ward.teams for j, k in t.joins]
    warned = [f for f in plan.findings if f.code == "JOINED_TEAM"]
    assert segment_ends(marks["joins"]) == joins and len(joins) == len(warned) >= 1
    assert marks["joins"].get_linestyle()[0][1] is not None  # dashes, not a solid line
    # Every unit labelled with its short label, every team with its code.
    assert {g: t for g, t in texts.items() if g.startswith("label ")} == {
        f"label {u.node_id}": u.label for u in units}
    assert sorted(t for g, t in texts.items() if g.startswith("team ")) == sorted(
        t.id for t in ward.teams)


def test_a_line_bends_only_round_a_dot_it_would_cover(wards: dict[str, Plan],
                                                     figures: dict[str, Any]) -> None:
    """Numbering: a pair 8–10 whose row holds 9 (a solo team) between them is a curve; a
    pair of next-door units is straight."""
    ward = wards["numbering"].wards[0]
    at = where(figures["numbering"], ward)
    lines = {frozenset(map(tuple, line[[0, -1]].round(6))): len(line)
             for line in by_gid(figures["numbering"])[0]["pairs"].get_segments()}
    bent = 0
    for team in (t for t in ward.teams if t.kind is TeamKind.PAIR):
        (ax, ay), (bx, by) = (at[u.node_id] for u in team.units)
        between = any(y == ay == by and min(ax, bx) < x < max(ax, bx) for x, y in at.values())
        assert (lines[frozenset({(ax, ay), (bx, by)})] > 2) == between
        bent += between
    assert bent >= 1


def test_units_of_several_types_are_labelled_with_their_type_word() -> None:
    """One picture holding tổ dân phố and khu phố without TDPs: "Tổ 1" and "KP 2", never a
    bare "1" that could be either."""
    from tcns_cli.model import Unit
    from tcns_cli.plan import plan_ward

    units = [Unit("An Phú", "1", "1", 120, unit_type="to_dan_pho"),
             Unit("An Phú", "1", "2", 140, unit_type="to_dan_pho"),
             Unit("An Phú", None, "2", 300, unit_type="khu_pho", area_type=None),
             Unit("An Phú", None, "3", 200, unit_type="khu_pho", area_type=None)]
    profile = load_profile(None)
    ward, _ = plan_ward("An Phú", sorted(units, key=unit_order), [], profile)
    _, texts = by_gid(draw_ward(ward, profile))
    assert sorted(t for g, t in texts.items() if g.startswith("label ")) == [
        "KP 2", "KP 3", "Tổ 1", "Tổ 2"]


def test_adjacency_draws_the_neighbour_edges_faint_under_the_teams(
        figures: dict[str, Any]) -> None:
    marks, _ = by_gid(figures["adjacency"])
    # The grid's rows are 20, 20, 15 and 15 units long: 2 × 19 + 2 × 14 edges along them,
    # 20 + 15 + 15 across.
    assert len(marks["neighbours"].get_segments()) == 2 * 19 + 2 * 14 + 20 + 15 + 15
    assert marks["neighbours"].get_zorder() < marks["pairs"].get_zorder()


def test_the_title_says_ward_profile_and_basis_and_numbering_says_what_it_is(
        wards: dict[str, Plan], figures: dict[str, Any]) -> None:
    for basis, word in (("coordinates", "tọa độ"), ("adjacency", "danh sách liền kề"),
                        ("numbering", "số thứ tự")):
        plan = wards[basis]
        figure = figures[basis]
        words = " ".join(t.get_text() for t in figure.texts)
        assert f"Phường {plan.wards[0].ward}" in words and plan.profile.title in words
        assert f"Khoảng cách theo {word}" in words
        assert ("Thêm cột Vĩ độ, Kinh độ" in words) == (basis == "numbering")
        legend = [t.get_text() for t in figure.texts]
        assert "Khu phố 1" in legend and "Tổ riêng (tổ ≥ 450 hộ)" in legend


def test_the_map_is_to_scale(wards: dict[str, Plan], figures: dict[str, Any]) -> None:
    """Coordinates: metres both ways, equal aspect, and a scale bar of a round length."""
    ward = wards["coordinates"].wards[0]
    figure = figures["coordinates"]
    at = where(figure, ward)
    t19 = next(t for t in ward.teams if t.cross_area)
    a, b = (at[u.node_id] for u in t19.units)
    drawn = ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
    assert drawn == pytest.approx(t19.distance, rel=0.005)  # haversine vs the projection
    assert figure.axes[0].get_aspect() == 1.0
    assert "500 m" in [t.get_text() for t in figure.axes[0].texts]


def test_vietnamese_renders_with_every_accent_and_the_png_is_a4(
        wards: dict[str, Plan]) -> None:
    plan = wards["coordinates"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from the font is a warning
        png = ward_png(plan.wards[0], plan.profile)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1753, 1240)  # A4 landscape at 150 dpi
    assert 50_000 < len(png) < 1_500_000


def test_same_plan_same_bytes_even_in_another_process(wards: dict[str, Plan],
                                                      tmp_path: Path) -> None:
    plan = wards["adjacency"]
    first = ward_png(plan.wards[0], plan.profile)
    assert ward_png(plan.wards[0], plan.profile) == first
    assert b"tEXt" not in first and b"tIME" not in first  # no tool, version or date inside
    source = grid_ward(tmp_path, neighbours=True)
    env = {**os.environ, "PYTHONHASHSEED": "4787", "MPLBACKEND": "svg"}
    subprocess.run([sys.executable, "-m", "tcns_cli", "plan", str(source), "--json",
                    str(tmp_path / "p.json"), "--map", str(tmp_path / "maps")],
                   capture_output=True, env=env, check=True)
    assert (tmp_path / "maps" / "tam-binh.png").read_bytes() == first


# --- the command line --------------------------------------------------------------------------

def run(*args: str) -> tuple[int, str]:
    """Exit code and output, its lines joined (the terminal wraps long messages)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


def test_plan_map_writes_the_png_and_the_sheet_after_the_proposals(tmp_path: Path) -> None:
    out, maps = tmp_path / "out.xlsx", tmp_path / "maps"
    code, text = run("plan", str(SAMPLE), "-o", str(out), "--map", str(maps))
    assert code == 0, text
    assert [p.name for p in maps.iterdir()] == ["linh-trung.png"]
    assert "Đã ghi 1 sơ đồ" in text
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Đề xuất tổ", "Sơ đồ", "Danh sách thành viên",
                               "Cảnh báo", "Căn cứ"]
    sheet = book["Sơ đồ"]
    assert len(sheet._images) == 1
    assert sheet._images[0]._data() == (maps / "linh-trung.png").read_bytes()
    # One A4 landscape page, the picture inside the printed cells.
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth or 1, setup.fitToHeight or 1) == (1, 1)
    anchor = sheet._images[0].anchor
    assert (anchor._from.col, anchor._from.row) == (0, 0)
    assert sheet.print_area == "'Sơ đồ'!$A$1:$Q$37"
    assert anchor.to.col <= 16 and anchor.to.row <= 36


def test_several_wards_get_a_png_each_and_split_workbooks_their_sheet(tmp_path: Path) -> None:
    source = tmp_path / "hai-phuong.csv"
    rows = ["Phường;Khu phố;Tổ dân phố;Số hộ"]
    rows += [f"{w};KP{k};Tổ {t};{90 + 40 * t}" for w in ("An Khánh", "Phường An Khanh")
             for k in (1, 2) for t in range(1, 5)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out, maps, split = tmp_path / "out.xlsx", tmp_path / "maps", tmp_path / "split"
    code, text = run("plan", str(source), "-o", str(out), "--map", str(maps), "--split-dir",
                     str(split))
    assert code == 0, text
    # "An Khánh" and "An Khanh" fold alike: the second picture is not written over the first.
    assert sorted(p.name for p in maps.iterdir()) == ["an-khanh-2.png", "an-khanh.png"]
    assert "Sơ đồ" not in openpyxl.load_workbook(out).sheetnames  # two wards: no room
    for workbook in split.iterdir():
        assert len(openpyxl.load_workbook(workbook)["Sơ đồ"]._images) == 1


def test_a_map_folder_that_is_a_file_stops_before_any_work(tmp_path: Path) -> None:
    taken = tmp_path / "taken.png"
    taken.write_bytes(b"not a folder")
    out = tmp_path / "out.xlsx"
    code, text = run("plan", str(SAMPLE), "-o", str(out), "--map", str(taken))
    assert code == 2 and "không phải thư mục" in text
    code, text = run("plan", str(SAMPLE), "-o", str(out), "--map", str(taken / "a" / "b"))
    assert code == 2 and "không phải thư mục" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.png"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_map_folder_without_write_permission_stops_before_any_work(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, text = run("plan", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "--map",
                         str(locked / "maps"))
    finally:
        locked.chmod(0o700)
    assert code == 2 and "không có quyền ghi" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked"]


def test_a_map_folder_the_system_will_not_let_us_write_stops_before_any_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal where the permission test cannot run (as root, or on a read-only
    disk, which os.access also reports)."""
    from tcns_cli.writers import files

    monkeypatch.setattr(files, "may_write_in", lambda folder: False)
    code, text = run("plan", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "--map",
                     str(tmp_path / "maps"))
    assert code == 2 and "không có quyền ghi" in text
    assert not list(tmp_path.iterdir())


def test_an_existing_picture_needs_force(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "linh-trung.png").write_bytes(b"old")
    out = tmp_path / "out.xlsx"
    code, text = run("plan", str(SAMPLE), "-o", str(out), "--map", str(maps))
    assert code == 2 and "--force" in text
    assert not out.exists() and (maps / "linh-trung.png").read_bytes() == b"old"
    assert run("plan", str(SAMPLE), "-o", str(out), "--map", str(maps), "--force")[0] == 0
    assert (maps / "linh-trung.png").read_bytes().startswith(b"\x89PNG")


def test_plain_plan_never_imports_matplotlib(tmp_path: Path) -> None:
    source = tmp_path / "nho.csv"
    source.write_text("Phường;Khu phố;Tổ dân phố;Số hộ\nAn Phú;1;1;100\nAn Phú;1;2;120\n",
                      encoding="utf-8")
    code = ("import sys; from tcns_cli.cli import main; sys.argv = ['tcns', 'plan', "
            f"{str(source)!r}, '-o', {str(tmp_path / 'o.xlsx')!r}]\n"
            "try: main()\nexcept SystemExit: pass\n"
            "print('matplotlib' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_a_xa_of_thon_and_ban_speaks_its_own_words() -> None:
    """The xã sample: thôn and bản share the picture, so each label carries its type word;
    the title names the xã, the legend and the note speak of thôn, never of tổ dân phố."""
    plan = planned(SAMPLE.parent / "xa-tan-lap.xlsx")
    ward = plan.wards[0]
    figure = draw_ward(ward, plan.profile)
    _, texts = by_gid(figure)
    labels = sorted(t for g, t in texts.items() if g.startswith("label "))
    assert labels == sorted(["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6",
                             "Thôn Đông", "Thôn Tây", "Thôn Đồng Tâm", "Bản Mường",
                             "Bản Nà Lốc", "Bản Khoang"])
    words = " ".join(t.get_text() for t in figure.texts)
    assert "Xã Tân Lập" in words and "Ghép 2 thôn" in words
    for word in ("phường", "khu phố", "tổ dân phố"):
        assert word not in words.lower(), word
