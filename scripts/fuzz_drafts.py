"""Look for inputs that make the engine raise, by mutating the shipped drafts.

Run: .venv/bin/python scripts/fuzz_drafts.py [SECONDS] [SEED]

Not a test: it runs for SECONDS (default 60), replacing, inserting and deleting words of the
fixtures' drafts with fragments news copy is made of ("according to the", "said", "both",
quotation marks, datelines, list markers, times of day), and reads a window of each result.
Every input that raises is written to fuzz-crash-N.txt in the current folder, with the last line
of its traceback printed. The property tests in tests/test_engine_properties.py draw from the same
kind of fragments; this finds what a few hundred examples per run miss. (Blind set 38 met a
crash on "according to the US Geological Survey"; a first run of this script found two more.)
"""

from __future__ import annotations

import random
import sys
import time
import traceback
from pathlib import Path

from factcheck.analysis import analyse_text

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "the", "The", "US", "IT", "I", "a", "A", "of", "and", "said", "told", "according", "to", "per", "“", "”",
    '"', ",", ".", "—", "-", "(", ")", "Reuters", "he", "she", "it", "they", "who", "which", "whose", "both",
    "neither", "nor", "declined", "comment", "citing", "Mr.", "Dr.", "that", ":", ";", "’s", "'", "\n\n", "\n",
    "# ", "- ", "18:40", "is", "reporting", "before", "announcing", "the the", "according to the", "said the",
    "told the", "cited by",
]
WINDOW = 1500  # characters read per try: long enough for several paragraphs, short enough to be quick


def mutate(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.4:
            words[i] = rng.choice(FRAGMENTS)
        elif roll < 0.7:
            words.insert(i, rng.choice(FRAGMENTS))
        elif len(words) > 1:
            del words[i]
    out = " ".join(words)
    start = rng.randrange(max(1, len(out) - WINDOW))
    return out[start : start + WINDOW]


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    drafts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    runs = crashes = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        text = mutate(rng.choice(drafts), rng)
        runs += 1
        try:
            analyse_text(text)
        except Exception:  # any exception is what this script looks for
            crashes += 1
            Path(f"fuzz-crash-{crashes}.txt").write_text(text, encoding="utf-8")
            print(f"fuzz-crash-{crashes}.txt: {traceback.format_exc().strip().splitlines()[-1]}")
    print(f"{runs:,} inputs in {seconds:.0f} s, {crashes} raised")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
