"""Print how fast factcheck reads drafts: figures, not assertions.

    .venv/bin/python scripts/bench.py [--runs 200] [--mb 1] [--cold 5] [--seed-draft PATH]

- the seed draft, analysed once loaded (median of --runs; target < 2 ms);
- generated corpora of wire-style drafts (scripts/gen_corpus.py): statements/s and MB/s, draft by
  draft (three corpora, each read once after a warm-up on other drafts; the median is held to the
  target) and as one long draft (median of three; target: 1 MB in < 1 s on one core);
- cold start of `factcheck check SEED --format json` in a fresh process (median of --cold;
  target < 0.5 s), with the built-in registry and, if there is one, with ./sources.db;
- import time of `factcheck.cli`, and which heavy packages it pulls in.

In-process figures run pinned to one CPU where the OS allows it. The last column says whether a
target is met; the exit status is always 0. The targets are met by the compiled engine (setup.py);
the first line says which engine ran. On a shared machine the figures can swing by half from one
run to the next: instruction counts (valgrind --tool=callgrind) are the steadier guide.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"
sys.path.insert(0, str(ROOT / "scripts"))

MiB = 2**20
HEAVY = ("textual", "rich", "sqlite_utils", "rapidfuzz", "pydantic")


def _row(name: str, value: str, target: str = "", met: bool | None = None) -> None:
    mark = "" if met is None else ("ok" if met else "MISSED")
    print(f"  {name:<46} {value:>18}  {target:<10} {mark}")


def _times(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _pin_to_one_cpu() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def bench_seed(path: Path, runs: int) -> None:
    from factcheck.analysis import analyse
    from factcheck.analysis.sources import Registry
    from factcheck.read import read_draft

    print(f"Seed draft: {path}")
    start = time.perf_counter()
    registry = Registry.default()
    _row("load the built-in registry", f"{(time.perf_counter() - start) * 1e3:.1f} ms")
    draft = read_draft(path)
    reading = analyse(draft, registry)  # warm caches: the figure is "once loaded"
    times = _times(lambda: analyse(draft, registry), runs)
    median = statistics.median(times)
    _row(f"analyse, median of {runs}", f"{median * 1e3:.3f} ms", "< 2 ms", median < 0.002)
    _row("  min / p90", f"{min(times) * 1e3:.3f} / {sorted(times)[int(runs * 0.9) - 1] * 1e3:.3f} ms")
    _row("  statements", f"{len(reading.statements)}")
    _row("  drafts of this size per second", f"{1 / median:,.0f}")


def bench_corpus(mb: float) -> None:
    """Each figure is one pass over text the engine has not seen (a corpus of its own seed), after a
    warm-up on other drafts: a process that has been reading for a while, as a batch check is,
    without any cache having met the text being timed."""
    from gen_corpus import corpus

    from factcheck.analysis import analyse_text
    from factcheck.analysis.sources import Registry

    registry = Registry.default()
    for draft in corpus(MiB // 4, seed="warm-up"):
        analyse_text(draft, registry=registry)

    passes = []
    for seed in (1, 2, 3):
        drafts = corpus(int(mb * MiB), seed=seed)
        size = sum(len(d.encode("utf-8")) for d in drafts) / MiB
        start = time.perf_counter()
        statements = sum(
            len(analyse_text(d, path=f"draft-{i}", registry=registry).statements) for i, d in enumerate(drafts)
        )
        elapsed = time.perf_counter() - start
        passes.append((elapsed / size, statements / elapsed, size, len(drafts)))
    print(f"Generated corpora: 3 × {passes[0][3]} drafts of {passes[0][2]:.2f} MiB, each read once "
          "after a warm-up on other drafts")
    for number, (per_mb, rate, _size, _n) in enumerate(passes, 1):
        _row(f"  corpus {number}: seconds per MB", f"{per_mb:.3f} s  ({rate:,.0f} statements/s)")
    median = statistics.median(p[0] for p in passes)
    _row("draft by draft: seconds per MB, median", f"{median:.3f} s", "< 1 s", median < 1)
    _row("  MB/s", f"{1 / median:.2f}")

    # One long draft, three times (each a text of its own): one pass alone is at the mercy of
    # whatever else the machine does for that second.
    wholes = []
    for seed in (4, 5, 6):
        whole = "\n\n".join(corpus(int(mb * MiB), seed=seed))
        size = len(whole.encode("utf-8")) / MiB
        start = time.perf_counter()
        reading = analyse_text(whole, path="corpus", registry=registry)
        elapsed = time.perf_counter() - start
        wholes.append((elapsed / size, len(reading.statements) / elapsed, elapsed, size))
    per_mb, rate, elapsed, size = sorted(wholes)[1]
    _row(f"one {size:.1f} MiB draft, median of 3: total", f"{elapsed:.3f} s")
    _row("  statements/s", f"{rate:,.0f}")
    _row("  seconds per MB", f"{per_mb:.3f} s", "< 1 s", per_mb < 1)


def bench_cold_start(path: Path, runs: int) -> None:
    print(f"Cold start: {Path(sys.executable).name} -m factcheck check SEED --format json")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    command = [sys.executable, "-m", "factcheck", "check", str(path), "--format", "json"]
    setups: list[tuple[str, list[str]]] = [("built-in registry (no sources.db)", [])]
    if (ROOT / "sources.db").exists():
        setups.append(("with the repo's sources.db", ["--db", str(ROOT / "sources.db")]))
    with tempfile.TemporaryDirectory() as empty:
        for label, extra in setups:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                done = subprocess.run(command + extra, cwd=empty, env=env, capture_output=True)
                times.append(time.perf_counter() - start)
                if done.returncode != 0:
                    _row(label, f"failed: exit {done.returncode}")
                    print("   ", done.stderr.decode(errors="replace").strip()[-300:])
                    break
            else:
                median = statistics.median(times)
                _row(f"{label}, median of {runs}", f"{median * 1e3:.0f} ms", "< 500 ms", median < 0.5)
                _row("  min", f"{min(times) * 1e3:.0f} ms")
        baseline = statistics.median(
            _times(lambda: subprocess.run([sys.executable, "-c", "pass"], cwd=empty, env=env), runs)
        )
        _row("  of which a bare Python start", f"{baseline * 1e3:.0f} ms")


def bench_imports() -> None:
    print("Import of factcheck.cli (python -X importtime)")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import factcheck.cli"], capture_output=True, text=True
    )
    cumulative: dict[str, int] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if match:
            cumulative[match.group(2)] = int(match.group(1))
    total = cumulative.get("factcheck.cli")
    _row("factcheck.cli, cumulative", f"{total / 1e3:.1f} ms" if total else "not found")
    # The cost of each third-party package (its outermost import), heaviest first.
    packages: dict[str, int] = {}
    for name, micros in cumulative.items():
        root = name.split(".")[0]
        if root != "factcheck" and not root.startswith("_"):
            packages[root] = max(packages.get(root, 0), micros)
    for root, micros in sorted(packages.items(), key=lambda item: -item[1])[:6]:
        _row(f"  {root}", f"{micros / 1e3:.1f} ms")
    loaded = [name for name in HEAVY if name in cumulative]
    _row("heavy packages imported", ", ".join(loaded) or "none")
    _row("  textual imported", "yes" if "textual" in cumulative else "no", "no", "textual" not in cumulative)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="analyses of the seed draft (default 200)")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the generated corpus in MiB (default 1)")
    parser.add_argument("--cold", type=int, default=5, help="cold starts to time (default 5)")
    parser.add_argument("--seed-draft", type=Path, default=SEED, help=f"the seed draft (default {SEED})")
    args = parser.parse_args()
    if not args.seed_draft.is_file():
        print(f"bench: no seed draft at {args.seed_draft}: give one with --seed-draft", file=sys.stderr)
        return 2

    # Figures from a busy machine are worth less: say how busy it was.
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    from factcheck.analysis.engine import describe

    print(f"factcheck benchmark · Python {sys.version.split()[0]} · {_pin_to_one_cpu()}")
    print(f"engine: {describe()}")  # the targets are met compiled; the pure-Python engine is slower
    print(f"load average {load} on {os.cpu_count()} CPUs\n")
    bench_seed(args.seed_draft, args.runs)
    print()
    bench_corpus(args.mb)
    print()
    bench_cold_start(args.seed_draft, args.cold)
    print()
    bench_imports()
    return 0


if __name__ == "__main__":
    sys.exit(main())
