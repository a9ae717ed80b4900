"""The benchmark (``make bench``): tcns plan against the I/O floor, side by side in one run.

For each scale it measures, alternating runs so that machine noise hits all alike:
  floor  reading the input with python-calamine and writing the very cells of tcns's
         workbook with xlsxwriter, values only, the garbage collector on as in any plain
         script: the least any tool must do with these libraries. It is timed with
         xlsxwriter's constant-memory mode and without it, and the quicker is the floor (on
         this machine the in-memory mode is about a fifth quicker: 3.6 s against 4.4 s at
         10,000 units, so "constant memory" is strict in memory only);
  e2e    tcns plan from the file to the workbook, in this process (imports done before);
  plan   the planning stage alone (grouping + composition, as tcns runs it: on every core)
         on data read once; "checked" adds the self-check every plan ends with;
  current  ``tcns plan --current`` with the workbook tcns wrote for the same data as the
         current teams (SPEC §9: the yearly update; every team comes back kept), against e2e.
It prints medians, the ratios, peak memory of a separate ``tcns plan`` process, and the
growth from 1/10 to full scale; for the one-ward scale, the time to draw its picture
(``--map``: figure, placing, rendering, PNG), wall and CPU; and, at full scale, the two
inputs of issue 18: 20,000 units read as one ward (a file whose ward column was missed), in
khu phố of 40 with coordinates, and with only a neighbours column: time and peak memory of
a whole ``tcns plan`` process. Numbers only: nothing here passes or fails.

``--one-ward`` (``make bench-ward``) measures only ``tcns --help`` and the one ward (SPEC §8),
in a few seconds. Whole ``tcns`` processes run as an installed tcns does, with its bytecode
cached (pip writes it at install): the bench lets them write it even where the environment
sets PYTHONDONTWRITEBYTECODE, and times them after a first run that writes it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.generate import big_ward, generate

ROOT = Path(__file__).resolve().parent.parent


def output_cells(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet of a workbook tcns wrote, as values (to be written again by the floor)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [(n, book.get_sheet_by_name(n).to_python()) for n in book.sheet_names]


def floor(source: Path, cells: list[tuple[str, list[list[Any]]]], target: Path,
          streamed: bool = False) -> None:
    """Read every sheet of the input; write the same output cells (``streamed``: in
    xlsxwriter's constant-memory mode); nothing else."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(source))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    out = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False,
                                            "constant_memory": streamed})
    for name, rows in cells:
        sheet = out.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif value is not None and value != "":
                    sheet.write_number(r, c, float(value))
    out.close()


def end_to_end(source: Path, target: Path, current: Path | None = None) -> None:
    """``tcns plan SOURCE -o TARGET --force`` (with ``--current CURRENT``), the command's own
    function, in this process (its terminal output goes to a string)."""
    import io

    from rich.console import Console

    from tcns_cli.commands import PlanOptions, run_plan

    quiet = Console(file=io.StringIO())
    cold_caches()
    run_plan(PlanOptions(inputs=(source,), output=target, force=True, current=current), quiet)


def cold_caches() -> None:
    """Empty tcns's memo caches (header cells, broken lines…), as a new process has them:
    runs in this process would otherwise find them filled by the run before."""
    for name, module in list(sys.modules.items()):
        if name.startswith("tcns_cli"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def paused_gc() -> Any:
    """The same pause of the cyclic garbage collector that ``tcns plan`` uses."""
    from tcns_cli.commands import no_cyclic_gc

    return no_cyclic_gc()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def peak_memory_mb(source: Path, target: Path) -> tuple[float, float]:
    """Peak memory of one ``tcns plan`` process, in MiB: its own peak resident size (the
    kernel's high-water mark of its memory, VmHWM), and the peak of its process tree (its
    workers included) as proportional set size, both sampled while it runs. (Its rusage
    would not do: a child forked from this big process starts with this one's maximum.)"""
    command = [sys.executable, "-m", "tcns_cli", "plan", str(source), "-o", str(target),
               "--force"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    own = tree = 0
    while process.poll() is None:
        own = max(own, _high_water_kib(process.pid))
        tree = max(tree, _tree_pss_kib(process.pid))
        time.sleep(0.02)
    if process.returncode != 0:
        raise SystemExit(f"tcns plan failed on {source}")
    return own / 1024, tree / 1024


def _high_water_kib(pid: int) -> int:
    """A process's peak resident size so far (VmHWM), KiB; 0 once it has ended."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kib(pid: int) -> int:
    """Proportional set size of a process and its descendants (shared pages split), KiB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # the process ended while being read
    return total


def measure(source: Path, runs: int, folder: Path) -> dict[str, float]:
    """Medians of floor, e2e and planning, alternating, plus peak memory."""
    from tcns_cli.plan import make_plan
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset

    ours = folder / "ours.xlsx"
    end_to_end(source, ours)  # warm-up, and the cells the floor writes
    cells = output_cells(ours)
    current = folder / "current.xlsx"  # last year's teams: this plan, for --current
    current.write_bytes(ours.read_bytes())
    dataset, profile = read_dataset([source]), load_profile(None)
    times: dict[str, list[float]] = {"in_memory": [], "streamed": [], "e2e": [], "plan": [],
                                     "checked": [], "current": []}
    # tcns pauses the cyclic garbage collector during a run; the floor runs as a plain
    # script would; the planning stage is timed under the pause, as it runs inside tcns.
    for _ in range(runs):
        times["in_memory"].append(timed(lambda: floor(source, cells, folder / "floor.xlsx")))
        times["streamed"].append(
            timed(lambda: floor(source, cells, folder / "floor.xlsx", streamed=True)))
        times["e2e"].append(timed(lambda: end_to_end(source, ours)))
        times["current"].append(timed(lambda: end_to_end(source, ours, current)))
        with paused_gc():
            times["plan"].append(timed(lambda: make_plan(dataset, profile, check=False)))
            times["checked"].append(timed(lambda: make_plan(dataset, profile)))
    result = {k: statistics.median(v) for k, v in times.items()}
    result["floor"] = min(result["in_memory"], result["streamed"])
    result["memory_mb"], result["tree_mb"] = peak_memory_mb(source, folder / "memory.xlsx")
    result["rows_out"] = sum(len(rows) for _, rows in cells)
    return result


def run_process(command: list[str]) -> None:
    """One whole process, with bytecode caching on (see the module docstring)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, check=True, capture_output=True, env=env)


def cli_start() -> float:
    """Median wall time of ``tcns --help`` over 7 runs."""
    command = [sys.executable, "-m", "tcns_cli", "--help"]
    run_process(command)  # writes the bytecode cache
    return statistics.median(timed(lambda: run_process(command)) for _ in range(7))


def cli_plan(source: Path, target: Path, runs: int = 5, *more: str) -> float:
    """Median wall time of a whole ``tcns plan`` process (start-up and imports included)."""
    command = [sys.executable, "-m", "tcns_cli", "plan", str(source), "-o", str(target),
               "--force", *more]
    run_process(command)
    return statistics.median(timed(lambda: run_process(command)) for _ in range(runs))


def picture_times(source: Path, runs: int = 5) -> tuple[float, float]:
    """Medians of wall and CPU time to draw the first ward's picture (its PNG bytes), after
    one warm-up drawing (matplotlib's fonts loaded once per process)."""
    from tcns_cli.plan import make_plan
    from tcns_cli.profiles import load_profile
    from tcns_cli.readers.dataset import read_dataset
    from tcns_cli.writers.picture import ward_png

    plan = make_plan(read_dataset([source]), load_profile(None))
    ward = plan.wards[0]
    ward_png(ward, plan.profile)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        ward_png(ward, plan.profile)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 units")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one-ward", action="store_true",
                        help="only tcns --help and the one ward (100 units, 500 people)")
    parser.add_argument("--big-wards", action="store_true",
                        help="only the two 20,000-unit wards of issue 18")
    args = parser.parse_args()
    if args.big_wards:
        big_wards(ROOT / "bench" / "data", round(20_000 * args.scale))
        return
    data = ROOT / "bench" / "data"
    full = round(100_000 * args.scale)
    scales = [("one ward", 100, 1, 500), ("1/10", full // 10, 300, full * 4 // 10),
              ("full", full, 3000, full * 4)][: 1 if args.one_ward else 3]
    print(f"tcns --help: {cli_start():.3f} s (median of 7)")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, units, wards, people in scales:
            source = data / f"national-{units}.xlsx"
            if not source.exists():
                generate(units, wards, people, data)
            runs = args.runs if units > 1000 else 7
            r = measure(source, runs, Path(tmp))
            if units <= 100:
                whole = cli_plan(source, Path(tmp) / "x.xlsx", 7)
                print(f"one ward as a process: tcns plan {whole:.2f} s (median of 7, start-up "
                      "included)", flush=True)
                again = cli_plan(source, Path(tmp) / "y.xlsx", 7, "--current",
                                 str(Path(tmp) / "x.xlsx"))
                print(f"one ward as a process: tcns plan --current {again:.2f} s = "
                      f"{again / whole:.2f} × tcns plan (median of 7)", flush=True)
                wall, cpu = picture_times(source)
                print(f"one ward's picture (--map): {wall:.2f} s, CPU {cpu:.2f} s (median of "
                      "5)", flush=True)
            results[label] = r
            print(f"{label:>8}: {units:>7} units, {people:>7} people, {int(r['rows_out']):>7} "
                  f"output rows | floor {r['floor']:7.2f} s (in memory {r['in_memory']:.2f}, "
                  f"constant memory {r['streamed']:.2f}) | "
                  f"e2e {r['e2e']:7.2f} s | e2e/floor {r['e2e'] / r['floor']:.2f} "
                  f"| plan {r['plan']:6.2f} s "
                  f"= {100 * r['plan'] / r['e2e']:4.1f} % of e2e (with self-check "
                  f"{r['checked']:.2f} s = {100 * r['checked'] / r['e2e']:.1f} %) | "
                  f"peak {r['memory_mb']:.0f} MiB (with workers {r['tree_mb']:.0f} MiB PSS) | "
                  f"plan --current {r['current']:.2f} s = {r['current'] / r['e2e']:.2f} × plan",
                  flush=True)
    if args.one_ward:
        return
    growth = results["full"]["e2e"] / results["1/10"]["e2e"]
    print(f"growth 1/10 → full: e2e ×{growth:.2f}, floor "
          f"×{results['full']['floor'] / results['1/10']['floor']:.2f} (linear: ×10)")
    big_wards(data, round(20_000 * args.scale))


def big_wards(data: Path, big: int) -> None:
    """Time and peak memory of tcns plan on one ward of ``big`` units in khu phố of 40, with
    coordinates and with neighbours only (the input a missed ward column makes)."""
    with tempfile.TemporaryDirectory() as tmp:
        for neighbours in (False, True):
            source = data / f"one-ward-{big}-{'adjacency' if neighbours else 'coordinates'}.xlsx"
            if not source.exists():
                big_ward(big, data, neighbours)
            target = Path(tmp) / "big.xlsx"
            seconds = cli_plan(source, target, 3)
            memory, tree = peak_memory_mb(source, target)
            basis = "neighbours only" if neighbours else "coordinates"
            print(f"one ward of {big} units in khu phố of 40, {basis}: tcns plan {seconds:.1f} s "
                  f"(median of 3, start-up included) | peak {memory:.0f} MiB (with workers "
                  f"{tree:.0f} MiB PSS)", flush=True)


if __name__ == "__main__":
    main()
