"""Proximity end to end (SPEC §4.1, §6.1, §6.2): the basis each ward gets from its columns,
the neighbours column (``Tổ liền kề``) as read from a workbook, the warning when it does not
connect the ward, and every distance the JSON and the workbook report, measured again here.

One workbook, four wards, one run of ``tcns plan``:

* ``Tọa Độ``: every unit has coordinates (metres by haversine); three odd khu phố, so one
  pair crosses areas and one unit joins its nearest;
* ``Liền Kề``: neighbours, no coordinates. KP1's six TDPs lie on one path, so hops pair them
  unlike their numbers do, and KP1-6 touches KP2 (an odd khu phố of three on a path)::

      KP1:  1 - 4 - 2 - 5 - 3 - 6 - KP2: 1 - 2 - 3

* ``Rời Rạc``: neighbours that leave two pieces, {1, 3} and {2, 4};
* ``Số Thứ Tự``: neither: distance is the difference of rank in natural order.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from tcns_cli.cli import app
from tests.proximity_oracle import Point, ward_table

Key = tuple[str, str]


@dataclass(frozen=True)
class Row:
    """One unit row of the test workbook; ``near`` is the ``Tổ liền kề`` cell as typed."""

    kp: int
    tdp: int
    households: int = 100
    point: Point | None = None
    near: str = ""

    @property
    def key(self) -> Key:
        return (str(self.kp), str(self.tdp))


def coordinate_ward() -> list[Row]:
    """KP1: 5 small + 1 large, KP2: 3, KP3: 4, KP4: 1 small, spread over about 2 km."""
    rng = random.Random(4787)
    rows = []
    for kp, sizes in enumerate([(100,) * 5 + (600,), (100,) * 3, (100,) * 4, (100,)], start=1):
        for tdp, households in enumerate(sizes, start=1):
            point = (10.80 + rng.uniform(0, 0.018), 106.70 + rng.uniform(0, 0.018))
            rows.append(Row(kp, tdp, households + rng.randint(0, 300), point))
    return rows


WARDS: dict[str, list[Row]] = {
    "Tọa Độ": coordinate_ward(),
    "Liền Kề": [
        Row(1, 1, near="Tổ 4"), Row(1, 2, near="Tổ 4; Tổ 5"), Row(1, 3, near="Tổ 5, Tổ 6"),
        Row(1, 4, near="Tổ 1"), Row(1, 5), Row(1, 6, near="KP2-Tổ 1"),
        Row(2, 1, near="Tổ 2"), Row(2, 2, near="Tổ 3"), Row(2, 3),
    ],
    "Rời Rạc": [Row(1, 1, near="Tổ 3"), Row(1, 2), Row(1, 3), Row(1, 4, near="Tổ 2")],
    "Số Thứ Tự": [Row(1, t) for t in range(1, 6)]
    + [Row(2, 1, 700), Row(2, 2, 120), Row(2, 3, 130)],
}
HEADER = ["Phường", "Khu phố", "Tổ dân phố", "Số hộ", "Vĩ độ", "Kinh độ", "Tổ liền kề"]


def named_neighbours(rows: list[Row], row: Row) -> list[Key]:
    """The units a ``Tổ liền kề`` cell names: ``Tổ 4`` in the row's khu phố, ``KP2-Tổ 1``."""
    keys = []
    for label in row.near.replace(";", ",").split(","):
        if label.strip():
            area, _, tdp = label.strip().rpartition("-")
            kp = area.removeprefix("KP") if area else str(row.kp)
            keys.append((kp, tdp.removeprefix("Tổ ").strip()))
    assert all(k in {r.key for r in rows} for k in keys), keys
    return keys


def oracle(ward: str) -> tuple[str, dict[tuple[Key, Key], float]]:
    """The ward's basis and the distance between every two of its units, by key."""
    rows = WARDS[ward]  # written in natural order: their index is their rank
    index = {r.key: n for n, r in enumerate(rows)}
    edges = [(n, index[k]) for n, r in enumerate(rows) for k in named_neighbours(rows, r)]
    basis, table = ward_table([r.point for r in rows], edges)
    return basis, {(a.key, b.key): table[i][j] for i, a in enumerate(rows)
                   for j, b in enumerate(rows)}


def build(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tổ"
    sheet.append(HEADER)
    for ward, rows in WARDS.items():
        for r in rows:
            lat, lon = r.point if r.point is not None else (None, None)
            sheet.append([ward, f"KP{r.kp}", f"Tổ {r.tdp}", r.households, lat, lon,
                          r.near or None])
    path = folder / "bon-phuong.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The JSON and the workbook of one ``tcns plan`` run over the four wards."""
    folder = tmp_path_factory.mktemp("proximity")
    out, js = folder / "plan.xlsx", folder / "plan.json"
    result = CliRunner().invoke(app, ["plan", str(build(folder)), "-o", str(out), "--json",
                                      str(js), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return json.loads(js.read_text(encoding="utf-8")), out


def ward_of(document: dict[str, Any], name: str) -> dict[str, Any]:
    [ward] = [w for w in document["wards"] if w["ward"] == name]
    return ward


def unit_keys(team: dict[str, Any]) -> list[Key]:
    return [(u["khu_pho"], u["tdp"]) for u in team["units"]]


def expected_distances(document: dict[str, Any]) -> dict[tuple[str, str], float | None]:
    """Each team's distance by (ward, team id), from the test's own measure: a pair's two
    units; a joined team's joiner (named by its JOINED_TEAM finding) to its nearest unit."""
    joiners: dict[tuple[str, str], list[Key]] = {}
    for f in document["findings"]:
        if f["code"] == "JOINED_TEAM":
            joiners.setdefault((f["ward"], f["team"]), []).append((f["khu_pho"], f["tdp"]))
    want: dict[tuple[str, str], float | None] = {}
    for ward in WARDS:
        _, dist = oracle(ward)
        keys = [r.key for r in WARDS[ward]]
        for team in ward_of(document, ward)["teams"]:
            units = unit_keys(team)
            if team["kind"] == "solo":
                want[(ward, team["id"])] = None
            elif team["kind"] == "pair":
                want[(ward, team["id"])] = dist[(units[0], units[1])]
            else:
                [joiner] = joiners[(ward, team["id"])]
                want[(ward, team["id"])] = min(dist[(joiner, k)] for k in keys if k != joiner)
    return want


def assert_distances(got: dict[tuple[str, str], float | None],
                     want: dict[tuple[str, str], float | None]) -> None:
    """Equal to the product's rounding to 0.1 (a metre, a hop or a rank for the others)."""
    assert got.keys() == want.keys()
    wrong = {team: (got[team], w) for team, w in want.items()
             if (w is None) != (got[team] is None)
             or (w is not None and abs(got[team] - w) > 0.05 + 1e-6)}  # type: ignore[operator]
    assert not wrong, wrong


def test_each_ward_is_measured_on_the_basis_its_columns_give(
    planned: tuple[dict[str, Any], Path],
) -> None:
    document, _ = planned
    bases = {w["ward"]: w["proximity"] for w in document["wards"]}
    assert bases == {ward: oracle(ward)[0] for ward in WARDS}
    assert list(bases.values()) == ["coordinates", "adjacency", "adjacency", "numbering"]


def test_the_wards_have_what_the_distance_checks_need(
    planned: tuple[dict[str, Any], Path],
) -> None:
    """Pairs in every ward, a joiner and a cross-area pair among them: else the checks
    below would pass on too little."""
    document, _ = planned
    kinds = {w["ward"]: {t["kind"] for t in w["teams"]} for w in document["wards"]}
    assert kinds["Tọa Độ"] == {"solo", "pair", "joined"}
    assert "joined" in kinds["Liền Kề"] and "joined" in kinds["Số Thứ Tự"]
    crossing = [t for t in ward_of(document, "Tọa Độ")["teams"]
                if t["kind"] == "pair" and len({k for k, _ in unit_keys(t)}) == 2]
    assert len(crossing) == 1
    reported = [t["distance"] for w in document["wards"] for t in w["teams"]
                if t["distance"] is not None]
    assert len(set(reported)) > 5 and max(reported) > 100


def test_json_distances_are_the_wards_own(planned: tuple[dict[str, Any], Path]) -> None:
    document, _ = planned
    got = {(w["ward"], t["id"]): t["distance"] for w in document["wards"] for t in w["teams"]}
    assert_distances(got, expected_distances(document))


def test_workbook_distances_are_the_wards_own(planned: tuple[dict[str, Any], Path]) -> None:
    """The ``Đề xuất tổ`` sheet: team id, ward, …, distance in the seventh column."""
    document, workbook = planned
    sheet = openpyxl.load_workbook(workbook, read_only=True)["Đề xuất tổ"]
    rows = list(sheet.iter_rows(values_only=True))
    # Headers are broken into lines by the writer: compare them as one line.
    assert rows[0][0] == "Mã tổ" and " ".join(str(rows[0][6]).split()) == "Khoảng cách"
    got = {(r[1], r[0]): r[6] for r in rows[1:] if r[0]}
    assert_distances(got, expected_distances(document))


def test_the_neighbours_column_decides_the_pairs(planned: tuple[dict[str, Any], Path]) -> None:
    """Hops pair KP1 of Liền Kề as 1-4, 2-5, 3-6 and Rời Rạc as 1-3, 2-4, each one hop:
    by their numbers they would pair 1-2, 3-4, 5-6."""
    document, _ = planned

    def pairs(ward: str) -> set[frozenset[Key]]:
        return {frozenset(unit_keys(t)) for t in ward_of(document, ward)["teams"]
                if t["kind"] == "pair"}

    kp1 = {frozenset({("1", str(a)), ("1", str(b))}) for a, b in [(1, 4), (2, 5), (3, 6)]}
    assert kp1 <= pairs("Liền Kề")
    assert pairs("Rời Rạc") == {frozenset({("1", "1"), ("1", "3")}),
                                frozenset({("1", "2"), ("1", "4")})}
    for ward in ("Liền Kề", "Rời Rạc"):
        assert all(math.isclose(t["distance"], 1.0) for t in ward_of(document, ward)["teams"])


def test_neighbours_that_leave_the_ward_in_pieces_are_reported(
    planned: tuple[dict[str, Any], Path],
) -> None:
    document, _ = planned
    found = [f for f in document["findings"] if f["code"] == "NEIGHBOURS_DISCONNECTED"]
    assert [(f["ward"], f["severity"]) for f in found] == [("Rời Rạc", "warning")]
    assert not [f for f in document["findings"] if f["code"] == "UNKNOWN_NEIGHBOUR"]
