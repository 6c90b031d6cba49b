"""The details panel: everything known about the selected statement, spelled out.

Its attributions (source, kind, basis, conduit, cue), its non-responses, the review tag with who
set it and when, the note, the reviewer's correction against the engine's reading, and the tag's
history from the database (which arrives a moment later, from the database thread).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from factcheck.models import TagEvent
from factcheck.review import ReviewSession, source_names
from factcheck.textsafe import safe

FLAG_WORDS = {
    "unattributed": "unattributed: no source vouches for it",
    "single-source": "single-source: one independent source",
    "corroborated": "corroborated: two or more independent sources",
    "inherited": "inherited: source carried over from the sentence before",
    "non-response": "non-response: someone did not answer",
}
HEAD = "bold $text-primary"
MUTED = "$foreground-muted"


def _when(iso: str) -> str:
    """ "2025-11-28 12:30" from an ISO time: enough for an editor, short enough for the panel."""
    return iso.replace("T", " ")[:16]


def _correction_words(detail: str | None) -> str:
    """A history row's correction ({"sources": [...], "not_claim": false}) in words."""
    try:
        data = json.loads(detail or "{}")
    except ValueError:
        return "corrected the reading"
    if not isinstance(data, dict):
        return "corrected the reading"
    sources = data.get("sources")
    if data.get("not_claim"):
        return "marked not a claim"
    if sources is None:
        return "back to the engine's reading"
    if not sources:
        return "marked unattributed"
    return "sources: " + ", ".join(safe(str(name)) for name in sources)


def details_content(session: ReviewSession, index: int, history: Sequence[TagEvent] | None) -> Content:
    statement = session.statements[index]
    parts: list[str | tuple[str, str] | Content] = []

    def line(*pieces: str | tuple[str, str]) -> None:
        parts.extend(pieces)
        parts.append("\n")

    kind = "heading" if session.is_heading(index) else ("not a claim" if session.is_not_claim(index) else "claim")
    line((f"#{statement.index}", "bold"), f" {kind} · paragraph {statement.paragraph}")
    if session.is_heading(index):
        line(("A heading: nothing to check.", MUTED))
        return Content.assemble(*parts)
    for flag in statement.flags:
        line("  • ", (FLAG_WORDS.get(flag, flag), ""))

    line(("Who says so", HEAD))
    if not statement.attributions:
        line(("  nobody: unattributed", "$text-error"))
    for attribution in statement.attributions:
        line("  ", (safe(attribution.source), "bold"), (f" ({attribution.source_kind})", MUTED))
        facts = [f"basis {attribution.basis}"]
        if attribution.via:
            facts.append(f"via {safe(attribution.via)}")
        if attribution.cue is not None:
            facts.append(f"cue “{safe(attribution.cue.text)}”")
        if attribution.mention is not None:
            facts.append(f"named as “{safe(attribution.mention.text)}”")
        line(("    " + " · ".join(facts), MUTED))
        if attribution.suspicious:
            line(("    look-alike characters in the name: check it", "$text-warning"))

    if statement.non_responses:
        line(("Did not respond", HEAD))
        for item in statement.non_responses:
            reported = f" (reported by {safe(item.reported_by)})" if item.reported_by else ""
            line("  ", (safe(item.entity), "bold"), f": {safe(item.phrase)}{reported}")

    correction = session.correction_of(index)
    if correction is not None:
        line(("Corrected reading", HEAD))
        if correction.not_claim:
            line("  marked not a claim")
        if correction.sources is not None:
            line("  sources: " + (", ".join(safe(s) for s in correction.sources) or "none (unattributed)"))
        engine = session.engine[index]
        line((f"  engine read: {', '.join(safe(s) for s in source_names(engine)) or 'no source'}", MUTED))
        line((f"  by {safe(correction.reviewer)}, {_when(correction.updated_at)}", MUTED))

    line(("Review", HEAD))
    record = session.tag_of(index)
    if record is None or (record.tag is None and not record.note):
        line(("  not tagged yet", MUTED))
    else:
        line("  ", (record.tag or "no tag", "bold"), (f" · {safe(record.reviewer)}, {_when(record.updated_at)}", MUTED))
        if record.note:
            line("  note: ", (safe(record.note), "italic"))
        if session.key(index) in session.carried:
            # The statement was edited since it was tagged: the tag may no longer fit it.
            line(("  tag carried from an earlier version: check it still fits", "$text-warning"))

    if history:
        line(("History", HEAD))
        for event in history[-12:]:
            what = event.tag if event.action == "tag" else event.action
            if event.action == "note":
                what = f"note “{safe(event.note or '')}”" if event.note else "note cleared"
            elif event.action == "correction":
                what = _correction_words(event.detail)
            elif event.action == "clear":
                what = "tag cleared"
            line((f"  {_when(event.at)} {safe(event.reviewer)}: ", MUTED), str(what))
    return Content.assemble(*parts)


class DetailsPanel(VerticalScroll):
    """A scrolling pane showing `details_content` for the statement under the cursor."""

    def compose(self):
        yield Static(Content(""), id="details-text")

    def show(self, session: ReviewSession, index: int, history: Sequence[TagEvent] | None = None) -> None:
        self.query_one("#details-text", Static).update(details_content(session, index, history))
