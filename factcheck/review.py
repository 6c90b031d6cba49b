"""The review session: a fact-checker's tags, notes and corrections on top of the engine's reading.

Headless on purpose: the Textual UI is a thin view over a `ReviewSession`, `factcheck export`
builds one without any UI, and tests drive it directly. The session never touches the database
itself: every change returns a `Write`, which the caller persists with `apply_write` (the UI does
that on its database thread, so a locked database never freezes the screen).
"""

from __future__ import annotations

import dataclasses
import getpass
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from factcheck.models import (
    Attribution,
    Correction,
    InputError,
    Reading,
    RegistrySource,
    ReviewTag,
    SourceKind,
    Statement,
    TagRecord,
)

if TYPE_CHECKING:
    from factcheck.models import Draft

Filter = Literal["all", "unattributed", "single-source", "non-response", "untagged"]
FILTERS: tuple[Filter, ...] = ("all", "unattributed", "single-source", "non-response", "untagged")

# What a source picker can ask for: see `ReviewSession.correct`.
CorrectionAction = Literal["add", "replace", "unattributed", "not-claim", "claim", "engine"]

# Source-picker matching: below this WRatio score a registry name is not offered at all; from
# PICKER_CONFIDENT up, enter picks it rather than creating a new source with the typed name.
PICKER_SCORE_CUTOFF = 55.0
PICKER_CONFIDENT = 88.0
PICKER_LIMIT = 30
# A typed word this close (rapidfuzz ratio) to a picker option's words picks that option.
SPECIAL_RATIO = 85.0
# Tags of an earlier version find an edited statement when its text is at least this close.
CARRY_MIN_RATIO = 90.0


class ReviewError(Exception):
    """A review action that cannot be done here (a heading, a read-only database, nothing to undo)."""


def default_reviewer() -> str:
    """Who is reviewing: $FACTCHECK_REVIEWER, else the login name."""
    name = os.environ.get("FACTCHECK_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "reviewer"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def statement_keys(statements: Sequence[Statement]) -> list[str]:
    """The stable key of every statement: its text plus which occurrence of that text it is.

    Keys do not depend on offsets, so tags survive edits elsewhere in the draft.
    """
    from factcheck.store import statement_keys as keys_of

    return keys_of(statement.text for statement in statements)


# --- writes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """One change to persist, in its own transaction: see `apply_write`."""

    kind: Literal["tag", "note", "correction", "source"]
    key: str = ""
    tag: ReviewTag | None = None
    note: str | None = None
    correction: Correction | None = None
    # kind == "source": a new source for the registry.
    source_name: str | None = None
    source_kind: SourceKind = "unknown"


def apply_write(store: Any, draft_id: Any, write: Write, reviewer: str) -> Any:
    """Persist `write` through a `factcheck.store.Store`; returns the store's result (SaveResult)."""
    if write.kind == "tag":
        return store.set_tag(draft_id, write.key, write.tag, reviewer)
    if write.kind == "note":
        return store.set_note(draft_id, write.key, write.note, reviewer)
    if write.kind == "correction":
        assert write.correction is not None
        return store.set_correction(draft_id, write.correction)
    assert write.source_name is not None
    # Another reviewer may have added the same new source meanwhile: that is not an error.
    known = store.find_source(write.source_name)
    return known if known is not None else store.add_source(write.source_name, write.source_kind)


def write_saved(result: Any) -> bool:
    """Whether a store result means the change is in the database (not only in a recovery file)."""
    return bool(getattr(result, "saved", True))


# --- corrections → the effective reading ----------------------------------------------------


def is_empty_correction(correction: Correction | None) -> bool:
    """A correction that says nothing: the engine's reading stands (how a correction is undone)."""
    return correction is None or (correction.sources is None and not correction.not_claim)


def corrected_statements(
    engine: Sequence[Statement],
    keys: Sequence[str],
    corrections: Mapping[str, Correction],
    kind_of: Callable[[str], SourceKind],
    assess: Callable[[list[Statement]], list[Statement]] | None = None,
) -> list[Statement]:
    """The reading with the reviewer's corrections applied and the flags recomputed.

    A corrected source list replaces the engine's attributions; a source the engine had found keeps
    its mention, cue and conduit (so the draft view still highlights them) but counts as explicit:
    the reviewer has vouched for it. A statement marked "not a claim" gets no flags and corroborates
    nothing: it goes through the assessment as a heading and comes back as a claim.
    """
    if not any(not is_empty_correction(corrections.get(key)) for key in keys):
        return list(engine)
    if assess is None:
        from factcheck.analysis.assess import assess

    updated: list[Statement] = []
    not_claims: set[int] = set()
    for statement, key in zip(engine, keys, strict=True):
        correction = corrections.get(key)
        if statement.kind == "heading" or is_empty_correction(correction):
            # A copy: `assess` sets flags in place, and the engine's reading must stay as it was.
            updated.append(statement.model_copy())
            continue
        assert correction is not None
        changes: dict[str, Any] = {}
        if correction.sources is not None:
            engine_by_source = {a.source: a for a in statement.attributions}
            changes["attributions"] = [
                _reviewed_attribution(engine_by_source.get(name), name, kind_of(name))
                for name in _unique(correction.sources)
            ]
        if correction.not_claim:
            not_claims.add(statement.index)
            changes["kind"] = "heading"
        updated.append(statement.model_copy(update=changes))

    _reinherit(engine, keys, corrections, updated)
    assessed = assess(updated)
    return [s.model_copy(update={"kind": "claim", "flags": []}) if s.index in not_claims else s for s in assessed]


def _reinherit(
    engine: Sequence[Statement],
    keys: Sequence[str],
    corrections: Mapping[str, Correction],
    updated: list[Statement],
) -> None:
    """Carry a corrected source on to the statements that inherited theirs from it (in place).

    The engine gives a statement without a cue of its own the attribution of the statement before
    it in the paragraph (basis "inherited"). When a reviewer changes that statement's sources, the
    statements after it that the engine read as inheriting, up to the first one with a reading of
    its own (a cue, no source at all, or its own corrected sources), now inherit the corrected
    sources; a correction to no source at all leaves them unattributed.
    """
    carried: list[Attribution] | None = None
    paragraph: int | None = None
    for position, (statement, key) in enumerate(zip(engine, keys, strict=True)):
        correction = corrections.get(key)
        # Only a corrected source list is a reading of its own; "not a claim" alone is not.
        own_correction = correction is not None and correction.sources is not None
        if own_correction and statement.kind == "claim":
            carried = [_inherited(a) for a in updated[position].attributions]
            paragraph = statement.paragraph
            continue
        inherits = (
            statement.kind == "claim"
            and bool(statement.attributions)
            and all(a.basis == "inherited" for a in statement.attributions)
        )
        if carried is None or own_correction or not inherits or statement.paragraph != paragraph:
            carried = None
            continue
        updated[position] = updated[position].model_copy(update={"attributions": [a.model_copy() for a in carried]})


def _inherited(attribution: Attribution) -> Attribution:
    """`attribution` as the statements after it inherit it: no mention or cue of their own."""
    return attribution.model_copy(update={"basis": "inherited", "mention": None, "cue": None})


def _reviewed_attribution(found: Attribution | None, name: str, kind: SourceKind) -> Attribution:
    if found is None:
        return Attribution(source=name, source_kind=kind, basis="explicit")
    if found.basis == "inherited":
        return found.model_copy(update={"basis": "explicit"})
    return found


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def source_names(statement: Statement) -> list[str]:
    """The sources a statement names, in order, without repeats."""
    return _unique(a.source for a in statement.attributions)


def source_label(statement: Statement) -> str:
    """How the statement list shows its sources: "operators via Financial Times", "Reuters + AP"."""
    parts: list[str] = []
    for attribution in statement.attributions:
        part = attribution.source
        if attribution.via and attribution.via != attribution.source:
            part = f"{part} via {attribution.via}"
        if part not in parts:
            parts.append(part)
    return " + ".join(parts)


# --- summaries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """The figures the status bar shows."""

    claims: int
    tagged: int
    verified: int
    disputed: int
    needs_source: int
    unattributed_open: int
    single_source_open: int

    @property
    def share(self) -> float:
        return self.tagged / self.claims if self.claims else 1.0


@dataclass(frozen=True)
class SourceCount:
    """One line of the sources panel: a source (or conduit) and the claims that name it."""

    name: str
    kind: SourceKind
    statements: int
    share: float


@dataclass(frozen=True)
class LedgerEntry:
    """One non-response, with the statement that records it."""

    index: int
    entity: str
    phrase: str
    reported_by: str | None


@dataclass(frozen=True)
class Change:
    """One undoable change this session made: the value before and after."""

    index: int
    kind: Literal["tag", "note", "correction"]
    before: Any
    after: Any
    # A correction that named a source new to the registry: undoing it leaves the source there.
    new_source: str | None = None


@dataclass(frozen=True)
class RemoteChange:
    """A change someone else made, found when the session re-read the database."""

    index: int
    what: str
    reviewer: str


# --- the session ----------------------------------------------------------------------------


class ReviewSession:
    """One reviewer's pass over one draft: the engine's reading plus tags, notes and corrections."""

    def __init__(
        self,
        reading: Reading,
        *,
        reviewer: str,
        draft_id: Any = None,
        text: str | None = None,
        tags: Mapping[str, TagRecord] | None = None,
        corrections: Mapping[str, Correction] | None = None,
        registry: Sequence[RegistrySource] = (),
        readonly: bool = False,
        keys: Sequence[str] | None = None,
        assess: Callable[[list[Statement]], list[Statement]] | None = None,
        earlier_texts: Mapping[str, str] | None = None,
    ) -> None:
        self.reading = reading
        self.reviewer = reviewer
        self.draft_id = draft_id
        self.readonly = readonly
        # The decoded draft: the draft view shows a statement in its paragraph from it.
        self.text = text
        self.engine: list[Statement] = list(reading.statements)
        self.keys: list[str] = list(keys) if keys is not None else statement_keys(self.engine)
        self.index_of_key: dict[str, int] = {key: i for i, key in enumerate(self.keys)}
        self.tags: dict[str, TagRecord] = {k: v for k, v in (tags or {}).items() if k in self.index_of_key}
        # Tags of an earlier version whose statement was edited: placed on the statement it became
        # (`carried`: new key → old key) or, when none is plainly it, listed in `unplaced_tags`.
        placed, self.carried, self.unplaced_tags = carry_tags(
            {k: v for k, v in (tags or {}).items() if k not in self.index_of_key},
            [(key, s.text) for key, s in zip(self.keys, self.engine, strict=True) if s.kind == "claim"],
            set(self.tags),
            earlier_texts or {},
        )
        self.tags.update(placed)
        self.corrections: dict[str, Correction] = {
            k: v for k, v in (corrections or {}).items() if k in self.index_of_key and not is_empty_correction(v)
        }
        self._assess = assess
        # See `recompute`: the UI reassesses on a worker thread.
        self.defer_reassessment = False
        self.reassessment_due = False
        self.corrections_version = 0
        self.registry: dict[str, RegistrySource] = {}
        for source in registry:
            self.registry.setdefault(source.name.casefold(), source)
        self.undo_stack: list[Change] = []
        # What the database had to say on opening (read-only, migrated, replayed changes).
        self.notices: list[str] = []
        # Per key, the sequence number of this session's last write: a re-read of the database that
        # started before that write must not overwrite it (see `merge_remote`).
        self.write_seq = 0
        self._last_write: dict[str, int] = {}
        # Bumped by every change, so what is derived from the review can be cached.
        self.version = 0
        self._progress: tuple[int, Progress] | None = None
        self.statements: list[Statement] = self._effective(self.corrections)

    def snapshot(self) -> ReviewSession:
        """A copy that later changes to this session do not touch (to export from another thread)."""
        copy = object.__new__(ReviewSession)
        copy.__dict__.update(self.__dict__)
        copy.tags = dict(self.tags)
        copy.carried = dict(self.carried)
        copy.corrections = dict(self.corrections)
        copy.registry = dict(self.registry)
        copy.undo_stack = list(self.undo_stack)
        copy._last_write = dict(self._last_write)
        return copy

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.statements)

    def key(self, index: int) -> str:
        return self.keys[index]

    def tag_of(self, index: int) -> TagRecord | None:
        return self.tags.get(self.keys[index])

    def correction_of(self, index: int) -> Correction | None:
        return self.corrections.get(self.keys[index])

    def is_heading(self, index: int) -> bool:
        return self.engine[index].kind == "heading"

    def is_not_claim(self, index: int) -> bool:
        correction = self.correction_of(index)
        return bool(correction and correction.not_claim)

    def is_claim(self, index: int) -> bool:
        return not self.is_heading(index) and not self.is_not_claim(index)

    def kind_of(self, name: str) -> SourceKind:
        """The kind of a source by name: the registry's, else what the engine said, else unknown."""
        known = self.registry.get(name.casefold())
        if known is not None:
            return known.kind
        for statement in self.engine:
            for attribution in statement.attributions:
                if attribution.source.casefold() == name.casefold():
                    return attribution.source_kind
        return "unknown"

    def _effective(self, corrections: Mapping[str, Correction]) -> list[Statement]:
        return corrected_statements(self.engine, self.keys, corrections, self.kind_of, self._assess)

    def recompute(self) -> None:
        """Re-apply every correction and reassess the flags (after a correction changed).

        With `defer_reassessment` set (the UI does: on a long draft it takes a noticeable moment)
        this only notes that it is due; the caller takes `reassessment()` on its own thread, runs
        `reassess` on a worker and hands the result to `adopt`.
        """
        self.corrections_version += 1
        if self.defer_reassessment:
            self.reassessment_due = True
            return
        self.statements = self._effective(self.corrections)
        self.version += 1

    def reassessment(self) -> tuple[int, dict[str, Correction]]:
        """What a reassessment needs, taken on the thread that changes the session."""
        return self.corrections_version, dict(self.corrections)

    def reassess(self, corrections: Mapping[str, Correction]) -> list[Statement]:
        """The reading for `corrections` (from `reassessment`): only reads the session, so a worker
        thread may run it."""
        return self._effective(corrections)

    def adopt(self, corrections_version: int, statements: list[Statement]) -> bool:
        """Take a reassessed reading, unless the corrections changed again meanwhile (then another
        reassessment is due, and False is returned)."""
        if corrections_version != self.corrections_version:
            return False
        self.statements = statements
        self.version += 1
        self.reassessment_due = False
        return True

    def current_sources(self, index: int) -> list[str]:
        """The sources of statement `index` as the reviewer has them (a pending reassessment aside)."""
        correction = self.corrections.get(self.keys[index])
        if correction is not None and correction.sources is not None:
            return _unique(correction.sources)
        return source_names(self.engine[index])

    def paragraph_of(self, index: int) -> list[int]:
        """The indices of the statements sharing a paragraph with statement `index`."""
        paragraph = self.statements[index].paragraph
        lo = index
        while lo > 0 and self.statements[lo - 1].paragraph == paragraph:
            lo -= 1
        hi = index
        while hi + 1 < len(self.statements) and self.statements[hi + 1].paragraph == paragraph:
            hi += 1
        return list(range(lo, hi + 1))

    # -- filters ---------------------------------------------------------------------------

    def matches(self, index: int, flt: Filter = "all", source: str | None = None, query: str = "") -> bool:
        """Whether a (non-heading) statement passes a filter, a source choice and a text search."""
        statement = self.statements[index]
        if flt == "untagged":
            record = self.tag_of(index)
            if not self.is_claim(index) or (record is not None and record.tag is not None):
                return False
        elif flt != "all" and flt not in statement.flags:
            return False
        if source is not None:
            folded = source.casefold()
            if not any(
                a.source.casefold() == folded or (a.via or "").casefold() == folded for a in statement.attributions
            ):
                return False
        return not query or query.casefold() in statement.text.casefold()

    def visible(self, flt: Filter = "all", source: str | None = None, query: str = "") -> list[int]:
        """The rows the statement list shows: matching statements and the headings above them.

        With no filter every row shows; otherwise a heading shows only when a statement of its
        section does, so the list keeps its sections without empty ones.
        """
        unfiltered = flt == "all" and source is None and not query
        rows: list[int] = []
        pending_heading: int | None = None
        for index in range(len(self.statements)):
            if self.is_heading(index):
                if unfiltered:
                    rows.append(index)
                else:
                    pending_heading = index
                continue
            if unfiltered or self.matches(index, flt, source, query):
                if pending_heading is not None:
                    rows.append(pending_heading)
                    pending_heading = None
                rows.append(index)
        return rows

    def statements_in(self, rows: Iterable[int]) -> int:
        """How many of `rows` are statements rather than section headings (what a count says)."""
        return sum(1 for index in rows if not self.is_heading(index))

    # -- summaries ---------------------------------------------------------------------------

    def progress(self) -> Progress:
        """Tagged claims and the open ones (cached until the review changes: it is read on every key)."""
        if self._progress is not None and self._progress[0] == self.version:
            return self._progress[1]
        progress = self._count_progress()
        self._progress = (self.version, progress)
        return progress

    def _count_progress(self) -> Progress:
        claims = tagged = verified = disputed = needs = unattributed = single = 0
        for index, statement in enumerate(self.statements):
            if not self.is_claim(index):
                continue
            claims += 1
            record = self.tag_of(index)
            tag = record.tag if record else None
            if tag is None:
                unattributed += "unattributed" in statement.flags
                single += "single-source" in statement.flags
                continue
            tagged += 1
            verified += tag == "verified"
            disputed += tag == "disputed"
            needs += tag == "needs-source"
        return Progress(claims, tagged, verified, disputed, needs, unattributed, single)

    def reading_now(self) -> Reading:
        """The reading with the reviewer's corrections: statements, sources, ledger and summary."""
        if not self.corrections:
            return self.reading
        from factcheck.analysis.assess import summarise

        # A statement marked "not a claim" is counted like a heading: it is not a claim.
        counted = [
            s.model_copy(update={"kind": "heading"}) if self.is_not_claim(i) else s
            for i, s in enumerate(self.statements)
        ]
        sources, ledger, summary = summarise(counted)
        return self.reading.model_copy(
            update={"statements": self.statements, "sources": sources, "non_responses": ledger, "summary": summary}
        )

    def source_counts(self) -> list[SourceCount]:
        """Each source and conduit with the claims naming it and its share of the attributed claims."""
        return [
            SourceCount(s.name, self.kind_of(s.name) if s.kind == "unknown" else s.kind, s.statements, s.share)
            for s in self.reading_now().sources
        ]

    def ledger(self) -> list[LedgerEntry]:
        """Every non-response in the draft, in order."""
        entries: list[LedgerEntry] = []
        for index, statement in enumerate(self.statements):
            for item in statement.non_responses:
                entries.append(LedgerEntry(index, item.entity, item.phrase, item.reported_by))
        return entries

    def reviewers(self) -> list[str]:
        return sorted({r.reviewer for r in self.tags.values()} | {c.reviewer for c in self.corrections.values()})

    def next_claim(self, rows: Sequence[int], after_row: int) -> int | None:
        """The row position of the first claim after row position `after_row` in `rows`."""
        for position in range(after_row + 1, len(rows)):
            if self.is_claim(rows[position]):
                return position
        return None

    # -- changes -----------------------------------------------------------------------------

    def _check_writable(self, index: int, *, claims_only: bool = True) -> str:
        if self.readonly:
            raise ReviewError("the database is read-only: changes cannot be saved")
        if not 0 <= index < len(self.statements):
            raise ReviewError(f"no statement #{index}")
        if claims_only and self.is_heading(index):
            raise ReviewError(f"#{index} is a heading, not a claim: there is nothing to tag")
        return self.keys[index]

    def _record(self, key: str) -> None:
        self.version += 1
        self.write_seq += 1
        self._last_write[key] = self.write_seq

    def set_tag(self, index: int, tag: ReviewTag | None, *, undoable: bool = True) -> Write | None:
        """Tag a statement (None clears the tag); the note stays. None: it already had that tag."""
        key = self._check_writable(index)
        before = self.tags.get(key)
        before_tag = before.tag if before else None
        if before_tag == tag and undoable:
            return None
        self._put_record(key, tag=tag, note=before.note if before else None)
        if undoable:
            self.undo_stack.append(Change(index, "tag", before_tag, tag))
        return Write("tag", key, tag=tag)

    def set_note(self, index: int, note: str | None, *, undoable: bool = True) -> Write | None:
        """Set or clear (None or blank) the note on a statement; the tag stays. None: no change."""
        key = self._check_writable(index)
        note = " ".join(note.split()) if note else None
        note = note or None
        before = self.tags.get(key)
        before_note = before.note if before else None
        if before_note == note and undoable:
            return None
        self._put_record(key, tag=before.tag if before else None, note=note)
        if undoable:
            self.undo_stack.append(Change(index, "note", before_note, note))
        return Write("note", key, note=note)

    def _put_record(self, key: str, *, tag: ReviewTag | None, note: str | None) -> None:
        old = self.tags.get(key)
        counted = self._progress if self._progress is not None and self._progress[0] == self.version else None
        self._record(key)
        self.carried.pop(key, None)  # the reviewer has seen to it: the tag is this version's now
        self.tags[key] = TagRecord(statement_key=key, tag=tag, note=note, reviewer=self.reviewer, updated_at=now_iso())
        if counted is not None:
            # One tag changed: shift the counts rather than walk a long draft again on every key.
            moved = _moved(counted[1], self.statements[self.index_of_key[key]], old.tag if old else None, tag)
            self._progress = (self.version, moved if self.is_claim(self.index_of_key[key]) else counted[1])

    def correct(
        self, index: int, action: CorrectionAction, name: str | None = None, *, new_source: bool = False
    ) -> Write:
        """Change the reviewer's reading of a statement; the flags are recomputed (see `recompute`).

        add: one more source (e.g. a second, independent one that corroborates the claim);
        replace: this source instead of the engine's; unattributed: no source at all;
        not-claim / claim: mark it as asserting nothing, or undo that; engine: drop the correction.
        `new_source`: the name was just added to the registry (the undo notice says it stays there).
        A name that reads as one of the other actions ("not a claim", "unattributed", "engine") is
        refused unless the registry knows it: it is a slip, not a source.
        """
        key = self._check_writable(index)
        if action in ("add", "replace") and name and name.strip().casefold() not in self.registry:
            meant = special_action(name)
            if meant is not None:
                raise ReviewError(f"“{' '.join(name.split())}” is not a source: choose “{SPECIAL_LABELS[meant]}”")
        before = self.corrections.get(key)
        current_sources = self.current_sources(index)
        sources = before.sources if before else None
        not_claim = before.not_claim if before else False
        if action in ("add", "replace"):
            if not name or not name.strip():
                raise ReviewError("no source given")
            sources = [*current_sources, name.strip()] if action == "add" else [name.strip()]
            sources = _unique(sources)
            not_claim = False
        elif action == "unattributed":
            sources, not_claim = [], False
        elif action == "not-claim":
            not_claim = True
        elif action == "claim":
            not_claim = False
        else:
            sources, not_claim = None, False
        after = Correction(
            statement_key=key, sources=sources, not_claim=not_claim, reviewer=self.reviewer, updated_at=now_iso()
        )
        return self._apply_correction(index, before, after, new_source=name.strip() if new_source and name else None)

    def _apply_correction(
        self,
        index: int,
        before: Correction | None,
        after: Correction,
        undoable: bool = True,
        new_source: str | None = None,
    ) -> Write:
        key = self.keys[index]
        self._record(key)
        if is_empty_correction(after):
            self.corrections.pop(key, None)
        else:
            self.corrections[key] = after
        if undoable:
            self.undo_stack.append(Change(index, "correction", before, after, new_source))
        self.recompute()
        return Write("correction", key, correction=after)

    def undo(self) -> tuple[Change, Write | None]:
        """Undo this session's last change, unless someone has changed that statement since."""
        if self.readonly:
            raise ReviewError("the database is read-only: changes cannot be saved")
        if not self.undo_stack:
            raise ReviewError("nothing to undo")
        change = self.undo_stack[-1]
        key = self.keys[change.index]
        record = self.tags.get(key)
        if change.kind == "tag":
            now = record.tag if record else None
        elif change.kind == "note":
            now = record.note if record else None
        else:
            now = self.corrections.get(key)
        if not _same_value(now, change.after):
            self.undo_stack.pop()
            who = record.reviewer if record and change.kind != "correction" else "someone else"
            raise ReviewError(f"#{change.index} was changed since by {who}: not undone")
        self.undo_stack.pop()
        if change.kind == "tag":
            return change, self.set_tag(change.index, change.before, undoable=False)
        if change.kind == "note":
            return change, self.set_note(change.index, change.before, undoable=False)
        before: Correction | None = change.before
        restored = before or Correction(
            statement_key=key, sources=None, not_claim=False, reviewer=self.reviewer, updated_at=now_iso()
        )
        restored = restored.model_copy(update={"reviewer": self.reviewer, "updated_at": now_iso()})
        return change, self._apply_correction(change.index, self.corrections.get(key), restored, undoable=False)

    # -- other people's changes ---------------------------------------------------------------

    def merge_remote(
        self,
        records: Iterable[TagRecord],
        corrections: Mapping[str, Correction] | None,
        as_of_seq: int,
    ) -> list[RemoteChange]:
        """Take in what the database holds now; returns the changes that came from elsewhere.

        `as_of_seq` is `write_seq` when the re-read was requested: a statement this session wrote
        after that keeps the local value, which the database will have by the next re-read.
        """
        changes: list[RemoteChange] = []
        for record in records:
            index = self.index_of_key.get(record.statement_key)
            if index is None or self._last_write.get(record.statement_key, 0) > as_of_seq:
                continue
            mine = self.tags.get(record.statement_key)
            if mine is not None and (mine.tag, mine.note, mine.reviewer) == (record.tag, record.note, record.reviewer):
                continue
            self.tags[record.statement_key] = record
            self.version += 1
            if mine is None or mine.tag != record.tag:
                changes.append(RemoteChange(index, record.tag or "tag cleared", record.reviewer))
            else:
                changes.append(RemoteChange(index, "note", record.reviewer))
        if corrections is not None:
            recompute = False
            wanted = {k: c for k, c in corrections.items() if k in self.index_of_key and not is_empty_correction(c)}
            for key in set(wanted) | set(self.corrections):
                if self._last_write.get(key, 0) > as_of_seq:
                    continue
                theirs, mine = wanted.get(key), self.corrections.get(key)
                if _same_value(theirs, mine):
                    continue
                recompute = True
                if theirs is None:
                    self.corrections.pop(key, None)
                else:
                    self.corrections[key] = theirs
                who = theirs.reviewer if theirs else "someone else"
                changes.append(RemoteChange(self.index_of_key[key], "reading corrected", who))
            if recompute:
                self.recompute()
        return changes


_TAG_FIELDS = {"verified": "verified", "disputed": "disputed", "needs-source": "needs_source"}


def _moved(progress: Progress, statement: Statement, old: ReviewTag | None, new: ReviewTag | None) -> Progress:
    """`progress` after one claim's tag went from `old` to `new` (None: untagged, so still open)."""
    counts = dataclasses.asdict(progress)
    for tag, step in ((old, -1), (new, 1)):
        if tag is None:
            counts["unattributed_open"] += step * ("unattributed" in statement.flags)
            counts["single_source_open"] += step * ("single-source" in statement.flags)
        else:
            counts["tagged"] += step
            counts[_TAG_FIELDS[tag]] += step
    return Progress(**counts)


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, Correction) or isinstance(b, Correction):
        if is_empty_correction(a) and is_empty_correction(b):
            return True
        if a is None or b is None:
            return False
        return (a.sources, a.not_claim) == (b.sources, b.not_claim)
    return a == b


# --- loading --------------------------------------------------------------------------------

# A review holds the whole reading in memory and shows every statement in one table: past about
# 20,000 statements (some 300,000 words, a long book) the table stops being something a person can
# walk, and memory grows with it. Longer files are archives, which `factcheck check` reads in pieces.
REVIEW_MAX_CHARS = 2_000_000


def check_reviewable(draft: Draft, command: str = "review") -> None:
    """Refuse, in one line, a draft too long to review or export (see `REVIEW_MAX_CHARS`)."""
    if len(draft.text) > REVIEW_MAX_CHARS:
        raise InputError(
            f"{draft.path}: {len(draft.text):,} characters is too long to {command} (the limit is "
            f"{REVIEW_MAX_CHARS:,}, about 300,000 words): split the draft, or read it with `factcheck check`"
        )



def load_session(
    draft: Draft,
    store: Any,
    reviewer: str,
    analyse: Callable[..., Reading] | None = None,
) -> ReviewSession:
    """Analyse a draft and gather its review from the database (all blocking: call from a worker).

    Tags and corrections made on an earlier version of the draft (same path) come along for the
    statements that did not change (a tag also follows a statement that was only lightly edited;
    a correction does not: it answers the statement's exact words). `store` None: no database at
    all (the session is read-only).
    """
    if analyse is None:
        from factcheck.analysis import analyse
    registry = store.registry() if store is not None else None
    try:
        reading = analyse(draft, registry)
    except Exception as exc:  # an engine bug: one clear line for `export`, never a traceback
        raise InputError.engine_bug(draft.path, exc) from exc
    if store is None:
        return ReviewSession(reading, reviewer=reviewer, text=draft.text, readonly=True)
    draft_id = store.register_draft(draft)
    keys = statement_keys(reading.statements)
    session = ReviewSession(
        reading,
        reviewer=reviewer,
        draft_id=draft_id,
        text=draft.text,
        tags=store.get_tags(draft_id, include_previous=True),
        corrections=store.get_corrections(draft_id, include_previous=True),
        registry=store.list_sources(),
        readonly=bool(store.readonly),
        keys=keys,
        earlier_texts=_earlier_texts(store, draft_id, keys, reading.statements),
    )
    session.notices = [*getattr(store, "notices", []), *carry_notices(session)]
    return session


def _earlier_texts(store: Any, draft_id: Any, keys: Sequence[str], statements: Sequence[Statement]) -> dict[str, str]:
    """The statement texts of earlier versions of the draft by key, where the store keeps them.

    Keys are digests: to find where an edited statement's tag belongs, the old text is needed.
    The store provides `statement_texts(draft_id, include_previous=True)` and
    `record_statements(draft_id, {key: text})` where it keeps them; without them, a tag whose
    statement changed cannot be placed and is only counted in the notice.
    """
    record = getattr(store, "record_statements", None)
    if callable(record) and not getattr(store, "readonly", False):
        record(draft_id, {key: s.text for key, s in zip(keys, statements, strict=True)})
    texts_of = getattr(store, "statement_texts", None)
    return dict(texts_of(draft_id, include_previous=True)) if callable(texts_of) else {}


def carry_tags(
    orphans: Mapping[str, TagRecord],
    statements: Sequence[tuple[str, str]],
    tagged: Iterable[str],
    earlier_texts: Mapping[str, str],
) -> tuple[dict[str, TagRecord], dict[str, str], list[TagRecord]]:
    """Place the tags of an earlier version whose statement is gone (its text was edited).

    `orphans`: tag records by an old key no statement has now; `statements`: (key, text) of this
    version's claims; `tagged`: keys that have a tag of their own (never overwritten);
    `earlier_texts`: old key → old text. An old tag goes to the one statement whose
    whitespace-collapsed text is at least CARRY_MIN_RATIO alike (rapidfuzz `fuzz.ratio`); when two
    statements are that close, or two old tags want the same statement, it is ambiguous and the tag
    stays unplaced. Returns (records by new key, new key → old key, unplaced records).
    """
    wanted = {key: record for key, record in orphans.items() if record.tag is not None or record.note}
    if not wanted:
        return {}, {}, []
    from rapidfuzz import fuzz, process

    taken = set(tagged)
    free = [(key, " ".join(text.split())) for key, text in statements if key not in taken]
    texts = [text for _, text in free]
    target: dict[str, str] = {}
    for old_key in wanted:
        old_text = earlier_texts.get(old_key)
        if not old_text or not texts:
            continue
        close = process.extract(
            " ".join(old_text.split()), texts, scorer=fuzz.ratio, score_cutoff=CARRY_MIN_RATIO, limit=2
        )
        if len(close) == 1:
            target[old_key] = free[close[0][2]][0]
    wanted_by: dict[str, list[str]] = {}
    for old_key, new_key in target.items():
        wanted_by.setdefault(new_key, []).append(old_key)
    placed: dict[str, TagRecord] = {}
    carried: dict[str, str] = {}
    for new_key, old_keys in wanted_by.items():
        if len(old_keys) == 1:
            placed[new_key] = wanted[old_keys[0]].model_copy(update={"statement_key": new_key})
            carried[new_key] = old_keys[0]
    used = set(carried.values())
    unplaced = [record for key, record in wanted.items() if key not in used]
    return placed, carried, unplaced


def carry_notices(session: ReviewSession) -> list[str]:
    """What to tell the reviewer about tags of an earlier version of the draft."""
    notices = []
    if session.carried:
        count = len(session.carried)
        notices.append(
            f"{count} tag{'s' if count != 1 else ''} carried over from an earlier version to edited "
            "statements: check them"
        )
    if session.unplaced_tags:
        count = len(session.unplaced_tags)
        verb = "no longer match" if count != 1 else "no longer matches"
        notices.append(
            f"{count} tag{'s' if count != 1 else ''} from the earlier version {verb} a statement: see the history"
        )
    return notices


def ledger_text(entries: Sequence[LedgerEntry]) -> list[str]:
    """The non-response ledger as lines: "Alibaba, ByteDance: did not respond … (reported by Reuters)"."""
    groups: dict[tuple[int, str, str | None], list[str]] = {}
    for entry in entries:
        groups.setdefault((entry.index, entry.phrase, entry.reported_by), []).append(entry.entity)
    lines = []
    for (_, phrase, reported_by), entities in groups.items():
        line = f"{', '.join(entities)}: {phrase}"
        if reported_by:
            line += f" (reported by {reported_by})"
        lines.append(line)
    return lines


# --- the source picker ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceChoice:
    """A source the picker offers: from this draft's reading or from the registry."""

    name: str
    kind: SourceKind
    aliases: tuple[str, ...] = ()
    in_draft: int = 0


def source_choices(session: ReviewSession) -> list[SourceChoice]:
    """The draft's own sources first (most cited first), then the rest of the registry by name."""
    choices: list[SourceChoice] = []
    seen: set[str] = set()
    for count in session.source_counts():
        known = session.registry.get(count.name.casefold())
        aliases = tuple(known.aliases) if known else ()
        choices.append(SourceChoice(count.name, count.kind, aliases, count.statements))
        seen.add(count.name.casefold())
    for folded, source in sorted(session.registry.items()):
        if folded not in seen:
            seen.add(folded)
            choices.append(SourceChoice(source.name, source.kind, tuple(source.aliases)))
    return choices


def rank_sources(
    query: str, choices: Sequence[SourceChoice], limit: int = PICKER_LIMIT
) -> list[tuple[SourceChoice, float]]:
    """Choices for a typed name with their scores, best first: by name or alias, forgiving
    misspellings (rapidfuzz WRatio); a name that starts with what was typed scores 100 more."""
    query = query.strip()
    if not query:
        return [(choice, 0.0) for choice in choices[:limit]]
    from rapidfuzz import fuzz, process, utils

    names: list[str] = []
    owners: list[int] = []
    for position, choice in enumerate(choices):
        for name in (choice.name, *choice.aliases):
            names.append(name)
            owners.append(position)
    folded = query.casefold()
    best: dict[int, float] = {}
    for name, score, at in process.extract(
        query,
        names,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit * 3,
        score_cutoff=PICKER_SCORE_CUTOFF,
    ):
        if name.casefold().startswith(folded):
            score += 100
        owner = owners[at]
        best[owner] = max(best.get(owner, 0.0), score)
    ranked = sorted(best, key=lambda owner: (-best[owner], -choices[owner].in_draft, choices[owner].name))
    return [(choices[owner], best[owner]) for owner in ranked[:limit]]


def match_sources(query: str, choices: Sequence[SourceChoice], limit: int = PICKER_LIMIT) -> list[SourceChoice]:
    """`rank_sources` without the scores."""
    return [choice for choice, _ in rank_sources(query, choices, limit)]


def is_close_match(query: str, choice: SourceChoice) -> bool:
    """Whether `query` is plainly this source (a misspelling, a prefix), not just a similar name.

    WRatio, which ranks the list, scores partial matches high ("Velmora Port Authority" against
    "Competition and Markets Authority"); enter must not turn a new name into another source, so
    this asks the whole-string ratio instead.
    """
    from rapidfuzz import fuzz, utils

    folded = query.strip().casefold()
    if not folded:
        return True
    for name in (choice.name, *choice.aliases):
        if name.casefold().startswith(folded):
            return True
        if fuzz.ratio(query, name, processor=utils.default_process) >= PICKER_CONFIDENT:
            return True
    return False


def is_known_name(query: str, choices: Sequence[SourceChoice]) -> bool:
    """Whether `query` is exactly a choice's name or alias (else the picker offers a new source)."""
    folded = query.strip().casefold()
    return any(folded == name.casefold() for choice in choices for name in (choice.name, *choice.aliases))


# What the picker's other options are called, and the words that choose them when typed.
SPECIAL_LABELS: dict[CorrectionAction, str] = {
    "engine": "Back to the engine's reading",
    "unattributed": "No source: unattributed",
    "not-claim": "Not a claim (asserts nothing)",
    "claim": "It is a claim after all",
}
SPECIAL_WORDS: dict[CorrectionAction, tuple[str, ...]] = {
    "not-claim": ("not a claim", "not claim", "no claim", "notaclaim", "asserts nothing"),
    "unattributed": ("unattributed", "no source", "nobody", "none", "unsourced", "unattribute"),
    "engine": ("engine", "engines reading", "engine reading", "back to the engine"),
    "claim": ("it is a claim", "a claim", "is a claim", "claim"),
}


def special_action(query: str) -> CorrectionAction | None:
    """The picker option that `query` names ("not a claim", "unatributed", "Engine"), if any.

    Matched on the folded words: exactly, as the start of one of the option's words (from four
    letters), or as a close misspelling (rapidfuzz ratio from SPECIAL_RATIO).
    """
    from rapidfuzz import fuzz, utils

    folded = utils.default_process(query)
    if not folded:
        return None
    best: tuple[float, CorrectionAction] | None = None
    for action, words in SPECIAL_WORDS.items():
        for word in words:
            if folded == word:
                return action
            score = fuzz.ratio(folded, word)
            if len(folded) >= 4 and word.startswith(folded):
                score = max(score, 99.0)
            if score >= SPECIAL_RATIO and (best is None or score > best[0]):
                best = (score, action)
    return best[1] if best else None
