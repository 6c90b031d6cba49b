"""How `factcheck check` copes with one very large draft: wall time and peak memory, not assertions.

    .venv/bin/python scripts/bench_large.py              # one 50 MiB draft (takes minutes)
    .venv/bin/python scripts/bench_large.py --mb 5       # a quicker look
    .venv/bin/python scripts/bench_large.py --mb 5 --format json --keep /tmp/big

The draft is news-like copy from scripts/gen_corpus.py (every pattern the engine reads, in wire
proportions), joined into one file in a temporary folder. The check runs in a fresh process, its
output thrown away (`> /dev/null`), pinned to at most `--cpus` CPUs (default 2, the target
machine). The targets come from issue 4: a 50 MB draft in under 60 s and under 2 GB of memory.
For a smaller draft the time target is scaled down in proportion; the memory target is not.
The exit status is 0 whatever the figures, unless the check itself failed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

MiB = 2**20
TARGET_MB = 50
TARGET_SECONDS = 60.0
TARGET_RSS_BYTES = 2 * 2**30


def write_draft(path: Path, mb: float, seed: str) -> tuple[int, float]:
    """Write one news-like draft of about `mb` MiB to `path`: (bytes written, seconds taken)."""
    from gen_corpus import corpus

    start = time.perf_counter()
    text = "\n".join(corpus(int(mb * MiB), seed))
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size, time.perf_counter() - start


def _pin(cpus: int):
    """A preexec function limiting the child to the first `cpus` CPUs it may use (Linux only)."""
    if not hasattr(os, "sched_setaffinity") or cpus <= 0:
        return None
    allowed = sorted(os.sched_getaffinity(0))[:cpus]

    def pin() -> None:
        os.sched_setaffinity(0, allowed)

    return pin


def run_check(path: Path, fmt: str, cpus: int) -> tuple[int, float, int, str]:
    """Run the check once: (exit code, wall seconds, peak RSS in bytes of the child, stderr)."""
    # No FACTCHECK_DB, and a working folder without sources.db: the built-in registry, as on a
    # fresh install.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", "check", str(path), "--format", fmt],
            stdout=devnull,
            stderr=subprocess.PIPE,
            cwd=path.parent,
            env=env,
            preexec_fn=_pin(cpus),
        )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is in KiB on Linux, in bytes on macOS. It is the largest of all children waited
    # for, and the check is the only child this script starts, so it is the check's own peak.
    scale = 1 if sys.platform == "darwin" else 1024
    stderr = done.stderr.decode("utf-8", "replace")
    return done.returncode, seconds, peak * scale, stderr


def _row(name: str, value: str, target: str = "", met: bool | None = None) -> None:
    mark = "" if met is None else ("ok" if met else "MISSED")
    print(f"  {name:<34} {value:>14}  {target:<12} {mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=TARGET_MB, help=f"draft size in MiB (default {TARGET_MB})")
    parser.add_argument("--format", default="jsonl", choices=("jsonl", "json", "csv", "text", "markdown"),
                        help="report format (default jsonl); the output is discarded")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs the check may use (default 2; 0: all)")
    parser.add_argument("--seed", default="large", help="corpus seed (default 'large')")
    parser.add_argument("--keep", type=Path, help="write the draft here and keep it, instead of a temp folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-large-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "large-draft.txt"
        size, made_in = write_draft(path, args.mb, args.seed)
        chars = len(path.read_text(encoding="utf-8"))
        print(f"Large draft: {path} ({size / MiB:.1f} MiB, {chars:,} characters, written in {made_in:.1f} s)")
        code, seconds, peak, stderr = run_check(path, args.format, args.cpus)

    time_target = TARGET_SECONDS * (size / MiB) / TARGET_MB
    cpus = "all CPUs" if args.cpus <= 0 else f"at most {args.cpus} CPU(s)"
    print(f"factcheck check --format {args.format} > /dev/null, on {cpus}:")
    _row("exit status", str(code), "0", code == 0)
    _row("wall time", f"{seconds:.1f} s", f"< {time_target:.1f} s", seconds < time_target)
    _row("throughput", f"{size / MiB / seconds:.2f} MiB/s", f"> {TARGET_MB / TARGET_SECONDS:.2f}",
         size / MiB / seconds > TARGET_MB / TARGET_SECONDS)
    _row("peak memory (RSS)", f"{peak / MiB:,.0f} MiB", f"< {TARGET_RSS_BYTES / MiB:,.0f} MiB",
         peak < TARGET_RSS_BYTES)
    _row("peak memory per MiB of draft", f"{peak / size:.1f} x")
    _row("50 MiB at this rate (estimate)", f"{seconds * TARGET_MB * MiB / size:.0f} s")
    if stderr.strip():
        print("stderr:")
        for line in stderr.strip().splitlines()[:10]:
            print(f"  {line}")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
