#!/usr/bin/env python3
"""Whole-build benchmark of rumourmill on generated transfer blogs.

For each size it generates the corpus once (examples/corpus.rs, seed 1), then builds it
RUNS times into the same output folder, as a writer rebuilding their site would (after two
builds that are not counted), and RUNS times afresh, with no earlier output at all. It prints a Markdown table of
medians: wall time, each stage, files written, peak memory and CPU time / wall time of
the rebuilds, the wall time of the fresh builds, and the share of CPU time that the host
stole from this virtual machine meanwhile: where it is more than a few percent, the
machine was busy with others' work and the figures are slower than its own.

    python3 bench/build.py                 # 1,000, 10,000 and 100,000 articles
    python3 bench/build.py 10000 --runs 7  # one size, more runs
    python3 bench/build.py --disk          # output on disk instead of tmpfs
    python3 bench/build.py --binary OTHER  # another build of rumourmill
    python3 bench/build.py --binary A --binary B  # two builds, their runs taking turns

The output goes to /dev/shm (tmpfs) unless --disk is given: creating many small files on
this machine's disk is slow and erratic, which would swamp every other cost.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "rumourmill"
CORPUS = ROOT / "target" / "release" / "examples" / "corpus"
STAGES = re.compile(r"load (\d+) ms, model (\d+) ms, render (\d+) ms, write (\d+) ms")
FILES = re.compile(r"and (\d+) files into")
WORK = Path("/dev/shm/rumourmill-bench")


def build_once(binary: Path, site: Path, output: Path) -> dict:
    """One build under /usr/bin/time: wall, CPU and peak memory, and rumourmill's stages."""
    with tempfile.NamedTemporaryFile("r") as timing:
        run = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, str(binary), "build",
             "--root", str(site), "--output", str(output), "--timings"],
            capture_output=True, text=True, check=True,
        )
        wall, user, system, peak_kb = timing.read().split()
    load, model, render, write = (int(n) for n in STAGES.search(run.stdout).groups())
    return {
        "wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(peak_kb) / 1024,
        "load": load, "model": model, "render": render, "write": write,
        "files": int(FILES.search(run.stdout).group(1)),
    }


def cpu_ticks() -> tuple[int, int] | None:
    """All CPU ticks so far and those the hypervisor stole, where Linux tells them."""
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    return sum(fields), fields[7] if len(fields) > 7 else 0


def stolen(before: tuple[int, int] | None, after: tuple[int, int] | None) -> str:
    """The share of CPU time the host took from this machine between two readings."""
    if before is None or after is None or after[0] == before[0]:
        return "n/a"
    return f"{100 * (after[1] - before[1]) / (after[0] - before[0]):.0f}%"


def corpus(size: int) -> Path:
    """The generated site of `size` articles, on tmpfs, made on first use."""
    site = WORK / f"corpus-{size}"
    if not site.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(CORPUS), str(size), str(site)], check=True, capture_output=True)
    return site


def remove_output(output: Path) -> None:
    """The output folder and all that rumourmill keeps beside it."""
    shutil.rmtree(output, ignore_errors=True)
    for beside in output.parent.glob(f".{output.name}.rumourmill-*"):
        if beside.is_dir():
            shutil.rmtree(beside, ignore_errors=True)
        else:
            beside.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--disk", action="store_true", help="write the output on disk, under target/")
    parser.add_argument("--binary", type=Path, action="append",
                        help="a rumourmill binary to time; given more than once, their builds alternate")
    args = parser.parse_args()
    binaries = args.binary or [BINARY]

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "rumourmill", "--example", "corpus"],
                   cwd=ROOT, check=True)
    out_base = ROOT / "target" / "bench-output" if args.disk else WORK
    out_base.mkdir(parents=True, exist_ok=True)

    print(f"{os.cpu_count()} cores; output on {'disk' if args.disk else 'tmpfs'}; median of {args.runs} builds\n")
    print("| articles | files | rebuild | load | model | render + write pages | write | peak memory "
          "| CPU / wall | fresh build | stolen |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        site = corpus(size)
        # Each binary has an output of its own; their builds take turns, so that a change
        # in the machine's speed meanwhile falls on all of them alike.
        outputs = [out_base / f"out-{size}-{n}" for n in range(len(binaries))]
        for output in outputs:
            remove_output(output)
        ticks = cpu_ticks()
        fresh: list[list[float]] = [[] for _ in binaries]
        for _ in range(args.runs):
            for binary, output, walls in zip(binaries, outputs, fresh):
                walls.append(build_once(binary, site, output)["wall"])
                remove_output(output)
        for _ in range(2):
            for binary, output in zip(binaries, outputs):
                build_once(binary, site, output)
        runs: list[list[dict]] = [[] for _ in binaries]
        for _ in range(args.runs):
            for binary, output, builds in zip(binaries, outputs, runs):
                builds.append(build_once(binary, site, output))
        steal = stolen(ticks, cpu_ticks())
        for binary, builds, walls in zip(binaries, runs, fresh):
            median = {key: statistics.median(run[key] for run in builds) for key in builds[0]}
            ratio = statistics.median(run["cpu"] / run["wall"] for run in builds)
            name = f" ({binary})" if len(binaries) > 1 else ""
            print(f"| {size:,}{name} | {median['files']:,.0f} | {median['wall']:.2f} s | {median['load']:.0f} ms "
                  f"| {median['model']:.0f} ms | {median['render']:.0f} ms | {median['write']:.0f} ms "
                  f"| {median['peak_mb']:.0f} MB | {ratio:.2f} | {statistics.median(walls):.2f} s "
                  f"| {steal} |", flush=True)
        for output in outputs:
            remove_output(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
