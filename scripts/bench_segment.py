"""Print how fast `factcheck.analysis.segment.segment` splits news text and hostile input.

Run: .venv/bin/python scripts/bench_segment.py

A benchmark, not a test: it prints figures (characters per second, statements) for a generated
1 MB wire-style draft and for the pathological shapes the engine must survive in linear time.
Targets: 1 MB of news text well under 0.3 s; each pathological input well under a second.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from factcheck.analysis.segment import segment

SUBJECTS = [
    "The Financial Times",
    "Reuters",
    "A spokesperson for the company",
    "Sen. Maria Ortiz",
    "Analysts at J. P. Morgan",
    "The U.S. Commerce Department",
    "Acme Holdings Inc.",
    "People familiar with the matter",
    "The report",
    "Industry executives",
    "The regulator",
    "Mr. Chen",
]
COMMON_FIRST_WORDS = {"The", "A", "People", "Industry", "Analysts"}
VERBS = ["said", "reported", "told reporters", "wrote in a note to clients", "estimated", "added"]
CONTENT = [
    "revenue rose 3.2% to $4.5 billion in the quarter",
    "the plant in St. Louis would close by Sept. 30",
    "talks with the E.U. had stalled over tariffs on steel and aluminium",
    "the company had been the No. 1 supplier of the parts for a decade",
    "officials in the U.S. had not been told about the plan",
    "operators in Singapore saw demand rise sharply this year",
    "the deal was signed on Monday after months of negotiation",
    "the new data centres would open in Malaysia and Thailand next year",
    "prices for the chips had doubled since the rules were announced",
    "several banks had cut their forecasts for economic growth",
    "the board would meet again next week to discuss the proposal",
    "the shares fell sharply in early trading before recovering",
]
HEADINGS = ["Why Are Chip Makers Moving?", "What Comes Next", "How The Rules Changed", "By Jane Doe"]


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    subject, verb, content = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(CONTENT)
    # Inside a sentence "The report" becomes "the report"; "Sen. Maria Ortiz" stays as it is.
    inner = subject[0].lower() + subject[1:] if subject.split()[0] in COMMON_FIRST_WORDS else subject
    if roll < 0.2:
        return f"“{content[0].upper()}{content[1:]},” {inner} {verb}."
    if roll < 0.3:
        return f"{content[0].upper()}{content[1:]}, according to {inner}."
    if roll < 0.4:
        return f"{content[0].upper()}{content[1:]}."
    return f"{subject} {verb} that {content}."


def news_text(size: int, seed: int = 7) -> str:
    """A wire-style draft of about `size` characters: headings, paragraphs, blank NBSP lines."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.1:
            block = rng.choice(HEADINGS)
        else:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
        parts.append(block)
        total += len(block) + 3
    return rng.choice(["\n\n", "\n\u00a0\n", "\r\n\r\n"]).join(parts)[:size]


def pathological() -> dict[str, str]:
    """Inputs shaped to defeat a backtracking splitter."""
    return {
        "200k-char line, no punctuation": ("word " * 40_000)[:200_000],
        "100k quotation marks": "“" * 50_000 + '"' * 50_000,
        "100k quotes after full stops": ".”" * 50_000,
        "100k full stops": "." * 100_000,
        "run of 50k capitalised words": " ".join(["Alpha", "Beta", "Gamma", "U.S.", "Inc."] * 10_000),
        "50k short lines": "Short Title Line\n" * 50_000,
        "100k blank lines with NBSP": "\u00a0\n" * 100_000 + "End.",
        "abbreviation soup": "Mr. Dr. e.g. No. U.S. J. " * 20_000,
    }


def measure(label: str, text: str, run: Callable[[str], list]) -> None:
    best = float("inf")
    count = 0
    for _ in range(3):
        t0 = time.perf_counter()
        count = len(run(text))
        best = min(best, time.perf_counter() - t0)
    rate = len(text) / best if best else float("inf")
    print(f"{label:<34} {len(text):>9,} chars {count:>7,} statements {best * 1000:9.1f} ms {rate / 1e6:8.2f} M chars/s")


def main() -> None:
    segment("Warm up. Load the word lists.")
    measure("1 MB generated news text", news_text(1_000_000), segment)
    for label, text in pathological().items():
        measure(label, text, segment)


if __name__ == "__main__":
    main()
