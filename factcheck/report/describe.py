"""The words the human-readable reports share: source labels, the concentration verdict, the ledger.

The text report and the Markdown memo say the same things in two dressings; what they say is
decided here once, so the two never disagree. Nothing here styles or escapes: the callers do,
because a terminal and a Markdown file need different care. Names and phrases come from the
draft, so every caller still passes them through its own escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.models import Attribution, NonResponse, Reading, SourceSummary, Statement

# One source behind at least this share of the attributed claims is worth an editor's attention…
HEAVY_RELIANCE_SHARE = 0.5
# …but not in a brief with two attributed claims, where one source at 100% is the normal case.
HEAVY_RELIANCE_MIN_CLAIMS = 4
# The summary names this many sources; the rest are counted.
TOP_SOURCES = 5
# The words both reports use for their verdicts.
RELIANCE = "heavy reliance on one source"
INHERITED_NOTE = "carried over from the previous sentence: confirm"
# Statement numbers listed inline in a summary line before "…" (the full list is below it).
LISTED_NUMBERS = 12


def percent(share: float) -> str:
    """A share as an editor reads it: "78%", and "<1%" rather than a misleading "0%"."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 statement", "3 statements"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def heavy_reliance(reading: Reading, source: SourceSummary) -> bool:
    """True when `source` carries so much of the draft that one outlet's error would sink it."""
    return reading.summary.attributed >= HEAVY_RELIANCE_MIN_CLAIMS and source.share >= HEAVY_RELIANCE_SHARE


def ranked_sources(reading: Reading) -> list[SourceSummary]:
    """The draft's sources, most relied on first (ties by name, so the order is stable)."""
    return sorted(reading.sources, key=lambda s: (-s.statements, -s.share, s.name.casefold()))


def attribution_label(attribution: Attribution) -> str:
    """ "Singapore based operators via Financial Times": who vouches, and who carried the words."""
    if attribution.via and attribution.via != attribution.source:
        return f"{attribution.source} via {attribution.via}"
    return attribution.source


def numbers(indexes: Sequence[int], limit: int = LISTED_NUMBERS) -> str:
    """ "#1, #13, #16" (and "… +4 more" past `limit`), to find statements without scrolling."""
    shown = ", ".join(f"#{i}" for i in indexes[:limit])
    if len(indexes) > limit:
        shown += f", … +{len(indexes) - limit} more"
    return shown


def flagged(reading: Reading, flag: str) -> list[Statement]:
    """The claims that carry `flag`, in draft order."""
    return [s for s in reading.statements if s.kind == "claim" and flag in s.flags]


def unattributed_numbers(reading: Reading) -> list[int]:
    """The numbers of the unattributed claims, in draft order."""
    return [s.index for s in flagged(reading, "unattributed")]


@dataclass(frozen=True)
class LedgerLine:
    """Entities that did not respond, grouped by who reported it (None: the draft's own note)."""

    reported_by: str | None
    entities: tuple[str, ...]


def ledger(non_responses: Sequence[NonResponse]) -> list[LedgerLine]:
    """The non-response ledger: one line per reporter, entities in draft order, each named once."""
    groups: dict[str | None, list[str]] = {}
    for item in non_responses:
        names = groups.setdefault(item.reported_by, [])
        if item.entity not in names:
            names.append(item.entity)
    return [LedgerLine(reporter, tuple(names)) for reporter, names in groups.items()]
