"""The fact-check memo: the engine's reading plus the review (tags, notes, reviewers, corrections).

`factcheck export` and the review UI's `e` key both render a `ReviewSession` here, in one of three
formats: a Markdown memo an editor forwards, JSON for programs (the reading's JSON contract with a
`review` and a `correction` on every statement), and CSV for a spreadsheet (the report's columns
plus the review's). Statements show the reviewer's corrected reading; the engine's reading of a
corrected statement is kept beside it, so nothing is hidden.

`write_export` puts the file next to the draft, or in the current folder when the draft's folder is
read-only, and says which.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.models import Statement
from factcheck.report import csvout, describe, jsonout
from factcheck.report.markdown import escape
from factcheck.review import ReviewSession, now_iso, source_names

EXPORT_SCHEMA = "factcheck.export/1"
FORMATS: tuple[str, ...] = ("markdown", "json", "csv")
SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv"}
REVIEW_COLUMNS: tuple[str, ...] = (
    "key",
    "tag",
    "note",
    "reviewer",
    "reviewed_at",
    "corrected",
    "not_claim",
    "engine_sources",
)
TAG_WORDS = {"verified": "verified", "disputed": "disputed", "needs-source": "needs-source"}
# errno values meaning "you may not write here" (as opposed to a full disk, which is a real error).
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def render(session: ReviewSession, fmt: str) -> str:
    """The memo of `session` in `fmt` ("markdown", "json" or "csv")."""
    if fmt == "markdown":
        return render_markdown(session)
    if fmt == "json":
        return render_json(session)
    if fmt == "csv":
        return render_csv(session)
    raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")


# --- JSON -----------------------------------------------------------------------------------


def review_dict(session: ReviewSession, index: int) -> dict[str, Any] | None:
    record = session.tag_of(index)
    if record is None or (record.tag is None and not record.note):
        return None
    return {"tag": record.tag, "note": record.note, "reviewer": record.reviewer, "updated_at": record.updated_at}


def correction_dict(session: ReviewSession, index: int) -> dict[str, Any] | None:
    correction = session.correction_of(index)
    if correction is None:
        return None
    engine = session.engine[index]
    return {
        "sources": correction.sources,
        "not_claim": correction.not_claim,
        "reviewer": correction.reviewer,
        "updated_at": correction.updated_at,
        "engine": {
            "attributions": [a.model_dump(mode="json") for a in engine.attributions],
            "flags": list(engine.flags),
        },
    }


def export_dict(session: ReviewSession) -> dict[str, Any]:
    """The JSON memo: the reading contract (corrected), with the review on every statement."""
    data = session.reading_now().to_json_dict()
    data["schema"] = EXPORT_SCHEMA
    data["reading_schema"] = session.reading.schema_
    progress = session.progress()
    data["review"] = {
        "exported_at": now_iso(),
        "reviewers": session.reviewers(),
        "claims": progress.claims,
        "tagged": progress.tagged,
        "verified": progress.verified,
        "disputed": progress.disputed,
        "needs_source": progress.needs_source,
        "untagged": progress.claims - progress.tagged,
        "unattributed_open": progress.unattributed_open,
        "single_source_open": progress.single_source_open,
        "corrected": len(session.corrections),
    }
    for index, statement in enumerate(data["statements"]):
        statement["key"] = session.key(index)
        statement["review"] = review_dict(session, index)
        statement["correction"] = correction_dict(session, index)
    return data


def render_json(session: ReviewSession) -> str:
    return jsonout.dumps(export_dict(session)) + "\n"


# --- CSV ------------------------------------------------------------------------------------


def render_csv(session: ReviewSession) -> str:
    """One row per statement: the report's columns, then the review's."""
    reading = session.reading_now()
    records = []
    for index, statement in enumerate(reading.statements):
        row = csvout.statement_row(reading.document.path, statement)
        record = session.tag_of(index)
        correction = session.correction_of(index)
        row.update(
            {
                "key": session.key(index),
                "tag": (record.tag or "") if record else "",
                "note": csvout.cell(record.note or "") if record else "",
                "reviewer": csvout.cell(record.reviewer) if record else "",
                "reviewed_at": record.updated_at if record else "",
                "corrected": "yes" if correction is not None else "",
                "not_claim": "yes" if session.is_not_claim(index) else "",
                "engine_sources": csvout.cell(csvout.SEPARATOR.join(source_names(session.engine[index])))
                if correction is not None
                else "",
            }
        )
        records.append(row)
    return csvout.write_csv(records, (*csvout.COLUMNS, *REVIEW_COLUMNS))


# --- Markdown -------------------------------------------------------------------------------

def render_markdown(session: ReviewSession) -> str:
    """The memo: where the review stands, what still needs work, then the draft claim by claim."""
    reading = session.reading_now()
    parts = [
        f"# Fact-check memo: {escape(reading.document.path, line_start=False, heading=True)}",
        _md_summary(session),
        _md_action_list(session),
        _md_sources(session),
        _md_ledger(reading),
        _md_walkthrough(session),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _md_summary(session: ReviewSession) -> str:
    reading = session.reading_now()
    progress = session.progress()
    reviewers = ", ".join(escape(name, line_start=False) for name in session.reviewers()) or "nobody yet"
    summary = reading.summary
    lines = [
        f"- **Reviewed: {progress.tagged} of {describe.plural(progress.claims, 'claim')}** "
        f"(verified {progress.verified}, disputed {progress.disputed}, needs-source {progress.needs_source}; "
        f"{progress.claims - progress.tagged} not yet tagged)",
        f"- Reviewers: {reviewers} · exported {now_iso()}",
        f"- Unattributed: {describe.plural(summary.unattributed, 'claim')} "
        f"({progress.unattributed_open} not yet reviewed) · single-source: {summary.single_source} "
        f"({progress.single_source_open} not yet reviewed) · corroborated: {summary.corroborated}",
    ]
    if session.corrections:
        lines.append(
            f"- The reviewers corrected the reading of {describe.plural(len(session.corrections), 'statement')}: "
            "flags below are worked out from their corrections."
        )
    return "\n".join(lines)


def _md_item(session: ReviewSession, index: int) -> str:
    statement = session.statements[index]
    line = f"- **#{statement.index}** {escape(statement.text, line_start=False)}"
    record = session.tag_of(index)
    if record is not None and record.note:
        line += f"\\\n  *Note ({escape(record.reviewer, line_start=False)}):* {escape(record.note, line_start=False)}"
    return line


def _md_action_list(session: ReviewSession) -> str:
    groups: dict[str, list[int]] = {"disputed": [], "needs-source": [], "untagged": []}
    for index in range(len(session.statements)):
        if not session.is_claim(index):
            continue
        record = session.tag_of(index)
        tag = record.tag if record else None
        if tag in ("disputed", "needs-source"):
            groups[tag].append(index)
        elif tag is None:
            groups["untagged"].append(index)
    titles = {
        "disputed": "Disputed",
        "needs-source": "Needs a source",
        "untagged": "Not reviewed yet",
    }
    blocks = [
        f"## {titles[name]}\n\n" + "\n".join(_md_item(session, index) for index in indices)
        for name, indices in groups.items()
        if indices
    ]
    return "\n\n".join(blocks)


def _md_sources(session: ReviewSession) -> str:
    counts = session.source_counts()
    if not counts:
        return "## Sources\n\nNo source is named in this draft."
    rows = ["| Source | Kind | Statements | Share of attributed claims |", "|---|---|--:|--:|"]
    rows.extend(
        f"| {escape(s.name, cell=True, line_start=False)} | {s.kind} | {s.statements} | {describe.percent(s.share)} |"
        for s in counts
    )
    return "## Sources\n\n" + "\n".join(rows)


def _md_ledger(reading) -> str:
    entries = describe.ledger(reading.non_responses)
    if not entries:
        return ""
    lines = []
    for entry in entries:
        line = ", ".join(escape(entity, line_start=False) for entity in entry.entities)
        if entry.reported_by:
            line += f" (reported by {escape(entry.reported_by, line_start=False)})"
        lines.append(f"- {line}")
    return "## Did not respond\n\n" + "\n".join(lines)


def _md_walkthrough(session: ReviewSession) -> str:
    blocks = ["## Statement by statement"]
    for index, statement in enumerate(session.statements):
        if session.is_heading(index):
            blocks.append(f"### {escape(statement.text, line_start=False, heading=True)}")
        else:
            blocks.append(_md_statement(session, index, statement))
    return "\n\n".join(blocks)


def _md_statement(session: ReviewSession, index: int, statement: Statement) -> str:
    record = session.tag_of(index)
    label = [f"**#{statement.index}**"]
    if record is not None and record.tag:
        label.append(
            f"**{TAG_WORDS[record.tag]}** ({escape(record.reviewer, line_start=False)}, {record.updated_at[:10]})"
        )
    elif session.is_claim(index):
        label.append("not reviewed")
    if session.is_not_claim(index):
        label.append("*not a claim*")
    label.extend(f"`{flag}`" for flag in statement.flags)
    for attribution in statement.attributions:
        name = escape(describe.attribution_label(attribution), line_start=False)
        label.append(f"*{name} (inherited: confirm)*" if attribution.basis == "inherited" else name)
    lines = [" · ".join(label), escape(statement.text)]
    for entry in describe.ledger(statement.non_responses):
        entities = ", ".join(escape(entity, line_start=False) for entity in entry.entities)
        reported = f" (reported by {escape(entry.reported_by, line_start=False)})" if entry.reported_by else ""
        lines.append(f"*Did not respond:* {entities}{reported}")
    correction = session.correction_of(index)
    if correction is not None:
        engine = (
            ", ".join(escape(name, line_start=False) for name in source_names(session.engine[index])) or "no source"
        )
        lines.append(f"*Corrected by {escape(correction.reviewer, line_start=False)}; the engine read:* {engine}")
    if record is not None and record.note:
        lines.append(f"*Note ({escape(record.reviewer, line_start=False)}):* {escape(record.note, line_start=False)}")
    return "\\\n".join(lines)


# --- writing the file -----------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    """Where the memo went; `fallback` when the draft's folder was read-only."""

    path: Path
    fallback: bool = False


def export_path(draft_path: str | Path, fmt: str, folder: str | Path | None = None) -> Path:
    """`seed.txt` → `seed.factcheck.md` beside it (or in `folder`)."""
    draft = Path(draft_path)
    name = f"{draft.stem}.factcheck{SUFFIXES[fmt]}"
    return (Path(folder) if folder is not None else draft.parent) / name


def write_export(text: str, draft_path: str | Path, fmt: str, cwd: str | Path | None = None) -> ExportResult:
    """Write `text` next to the draft; if that folder is read-only, into the current folder."""
    target = export_path(draft_path, fmt)
    try:
        _write_atomically(target, text)
        return ExportResult(target.resolve())
    except OSError as exc:
        if exc.errno not in _NOT_WRITABLE:
            raise
    fallback = export_path(draft_path, fmt, cwd if cwd is not None else Path.cwd())
    _write_atomically(fallback, text)
    return ExportResult(fallback.resolve(), fallback=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename it, so a failed write never leaves half a memo."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then renamed)
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    )
    try:
        with handle:
            handle.write(text)
        # A memo is for sharing: not the private mode a temporary file is created with.
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
