"""The Markdown memo: the same reading as the terminal report, in a form an editor can forward.

Order: the summary and its verdicts, the sources table, the non-response ledger and warnings, then
the claims that need a source (the memo's action list, so nobody has to hunt for them), then the
whole draft statement by statement with the draft's own headings as section titles.

Draft text is escaped so it is shown, never interpreted: "*", "_", "[", "<", "|", "$" (math on
GitHub), "#" and list markers at the start of a line all stay literal, and control characters are
made visible by `safe` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from factcheck.models import Attribution, Reading, Statement
from factcheck.report import describe
from factcheck.textsafe import safe

if TYPE_CHECKING:
    from factcheck.analysis.pieces import LongDraft

# Markdown-escaping a character it would not misread leaves "\$2.1 billion" and "-\>" in a memo
# pasted as plain text; only what could really become markup in its place is escaped.
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# "&amp;" would render as "&": an ampersand is escaped only where it would start an entity.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]{1,32};)")
# A block marker at the start of a line: a list item ("- ", "+ ", "12. ", "3) "), a heading
# ("## "), a block quote (">"), or a line of only "=" or "-" (a heading underline, a rule).
_BULLET = re.compile(r"[-+*](?=\s|$)")
_ORDERED = re.compile(r"\d{1,9}(?=[.)](?:\s|$))")
_HEADING = re.compile(r"#{1,6}(?=\s|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)$")


def escape(text: str, *, line_start: bool = True, cell: bool = False, heading: bool = False) -> str:
    """`text` from the draft as Markdown that renders literally, on one line, with few escapes.

    `line_start`: the text may begin a line (block markers at its start are escaped); `cell`: it
    is in a table cell ("|" is escaped); `heading`: it ends an ATX heading (a closing "#" run is
    escaped). Control characters are made visible by `safe` first.
    """
    text = " ".join(safe(text).split())
    if not text:
        return text
    dollar_math = _could_be_math(text)
    tildes = text.count("~") >= 2
    out: list[str] = []
    last = len(text) - 1
    for at, char in enumerate(text):
        before = text[at - 1] if at else " "
        after = text[at + 1] if at < last else " "
        if char == "\\":
            escaped = after in _ASCII_PUNCTUATION or at == last
        elif char in "*_":
            # Emphasis needs a delimiter next to a non-space; "snake_case" cannot open or close it.
            escaped = not (before.isspace() and after.isspace()) and not (
                char == "_" and before.isalnum() and after.isalnum()
            )
        elif char == "`":
            escaped = True
        elif char == "[":
            escaped = after == "^" or (at == 0 and line_start)  # a footnote, a link definition
        elif char == "]":
            escaped = after in "([:"  # an inline link, a reference link, a definition
        elif char == "<":
            escaped = after.isalpha() or after in "/!?"  # HTML or an autolink
        elif char == "$":
            escaped = dollar_math
        elif char == "~":
            escaped = tildes
        elif char == "|":
            escaped = cell
        else:
            escaped = False
        out.append("\\" + char if escaped else char)
    escaped_text = _ENTITY.sub(r"\\&", "".join(out))
    if line_start:
        escaped_text = _escape_line_start(escaped_text)
    if heading and escaped_text.endswith("#"):
        run = len(escaped_text) - len(escaped_text.rstrip("#"))
        start = len(escaped_text) - run
        if start == 0 or escaped_text[start - 1] == " ":
            escaped_text = escaped_text[:start] + "\\" + escaped_text[start:]
    return escaped_text


def _escape_line_start(text: str) -> str:
    if text.startswith(">"):
        return "\\" + text
    if _UNDERLINE.match(text) or _BULLET.match(text) or _HEADING.match(text):
        return "\\" + text
    ordered = _ORDERED.match(text)
    if ordered:
        return text[: ordered.end()] + "\\" + text[ordered.end() :]
    return text


def _could_be_math(text: str) -> bool:
    """Whether two "$" could enclose inline math: an opening one before a non-space, and a later
    closing one after a non-space and not before a digit ("$2 and $3" cannot; "$x$" can)."""
    opened = False
    for at, char in enumerate(text):
        if char != "$":
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if opened and not before.isspace() and not after.isdigit():
            return True
        if not after.isspace():
            opened = True
    return False


def render(reading: Reading, *, color: bool = False) -> str:
    """The memo of one draft. `color` is accepted for a uniform signature and ignored."""
    unattributed = describe.flagged(reading, "unattributed")
    parts = [
        *head(reading, [s.index for s in unattributed]),
        _needs_source((s.index, s.text) for s in unattributed),
        _walkthrough(reading),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def head(reading: Reading, unattributed: list[int]) -> list[str]:
    """The parts of the memo before its lists of statements."""
    return [
        f"# Who says so: {escape(reading.document.path)}",
        _summary(reading, unattributed),
        _sources(reading),
        _ledger(reading),
        _warnings(reading),
    ]


def stream(readings: Iterable[Reading | LongDraft], *, color: bool = False) -> Iterator[str]:
    """Several memos, one draft after another, separated by a thematic break."""
    from factcheck.analysis.pieces import LongDraft

    for number, reading in enumerate(readings):
        prefix = "\n---\n\n" if number else ""
        if isinstance(reading, LongDraft):
            from factcheck.report import longform

            yield prefix
            yield from longform.markdown(reading)
        else:
            yield prefix + render(reading)


def _summary(reading: Reading, unattributed: list[int]) -> str:
    summary = reading.summary
    claims = summary.claims
    share = f" ({describe.percent(summary.attributed / claims)})" if claims else ""
    lines = [
        f"- **{describe.plural(claims, 'claim')}** "
        f"({describe.plural(summary.statements, 'statement')}, "
        f"{describe.plural(summary.headings, 'heading')}); {summary.attributed} attributed{share}",
        f"- **Unattributed: {describe.plural(summary.unattributed, 'claim')}**"
        + (f" ({describe.numbers(unattributed)})" if unattributed else ""),
        f"- Single-source: {describe.plural(summary.single_source, 'claim')} · "
        f"corroborated: {summary.corroborated} · inherited: {summary.inherited}"
        + (f" ({describe.INHERITED_NOTE})" if summary.inherited else ""),
    ]
    verdicts = [
        f"> **{describe.RELIANCE.capitalize()}:** {escape(source.name)} backs "
        f"{describe.percent(source.share)} of the attributed claims."
        for source in describe.ranked_sources(reading)
        if describe.heavy_reliance(reading, source)
    ]
    return "\n".join(lines) + ("\n\n" + "\n>\n".join(verdicts) if verdicts else "")


def _sources(reading: Reading) -> str:
    ranked = describe.ranked_sources(reading)
    if not ranked:
        return "## Sources\n\nNo source is named in this draft."
    rows = [
        "| Source | Kind | Statements | Share of attributed claims |",
        "|---|---|--:|--:|",
    ]
    rows.extend(f"| {escape(s.name, cell=True)} | {s.kind} | {s.statements} | {describe.percent(s.share)} |"
                for s in ranked)
    return "## Sources\n\n" + "\n".join(rows)


def _ledger(reading: Reading) -> str:
    entries = describe.ledger(reading.non_responses)
    if not entries:
        return ""
    return "## Did not respond\n\n" + "\n".join(f"- {_ledger_line(entry)}" for entry in entries)


def _ledger_line(entry: describe.LedgerLine) -> str:
    entities = ", ".join(escape(entity) for entity in entry.entities)
    return entities + (f" (reported by {escape(entry.reported_by)})" if entry.reported_by else "")


def _warnings(reading: Reading) -> str:
    if not reading.warnings:
        return ""
    return "## Warnings\n\n" + "\n".join(f"- {escape(warning)}" for warning in reading.warnings)


NEEDS_SOURCE = "## Needs a source"
WALKTHROUGH = "## Statement by statement"


# The action list names this many claims; past it the memo says how many more (an archive can hold
# tens of thousands; every one is still in the statement-by-statement section).
NEEDS_SOURCE_LISTED = 500


def _needs_source(unattributed: Iterable[tuple[int, str]]) -> str:
    pairs = list(unattributed)
    items = [needs_source_item(index, text) for index, text in pairs[:NEEDS_SOURCE_LISTED]]
    if len(pairs) > NEEDS_SOURCE_LISTED:
        items.append(needs_source_more(len(pairs) - NEEDS_SOURCE_LISTED))
    return f"{NEEDS_SOURCE}\n\n" + "\n".join(items) if items else ""


def needs_source_item(index: int, text: str) -> str:
    return f"- **#{index}** {escape(text)}"


def needs_source_more(count: int) -> str:
    return f"- … and {describe.plural(count, 'more claim')} without a source: see below"


def _walkthrough(reading: Reading) -> str:
    return "\n\n".join([WALKTHROUGH, *(statement_block(s, str(s.index)) for s in reading.statements)])


def statement_block(statement: Statement, label: str) -> str:
    """One statement of the walk-through, numbered `label`."""
    if statement.kind == "heading":
        return f"### {escape(statement.text)} (#{label})"
    return _statement(statement, label)


def _statement(statement: Statement, number: str) -> str:
    label = [f"**#{number}**"]
    label.extend(f"`{flag}`" for flag in statement.flags)
    label.extend(_attribution(attribution) for attribution in statement.attributions)
    lines = [" · ".join(label), escape(statement.text)]
    lines.extend(f"*Did not respond:* {_ledger_line(e)}" for e in describe.ledger(statement.non_responses))
    # A backslash ending a line is a CommonMark hard break (trailing spaces get stripped by
    # editors): the label, the statement and its ledger stay on lines of their own.
    return "\\\n".join(lines)


def _attribution(attribution: Attribution) -> str:
    label = escape(describe.attribution_label(attribution))
    text = f"*{label} (inherited: confirm)*" if attribution.basis == "inherited" else f"{label} ({attribution.basis})"
    if attribution.suspicious:
        text += " **(look-alike characters in the name)**"
    return text
