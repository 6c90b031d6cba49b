"""What the store hands back besides the shared models: results of saves, reports, rows."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factcheck.models import Correction, Model, RegistrySource, ReviewAction, ReviewTag

Origin = Literal["seed", "user"]


class StoredSource(RegistrySource):
    """A source as kept in `sources.db`: `origin` says whether it came from the seed file."""

    origin: Origin = "seed"


class SaveResult(Model):
    """What became of a change: `saved` in the database, or `pending` (kept for a retry).

    A pending change is held in memory and, where possible, in a recovery file next to the
    database (`recovery_file`); it is written at the next successful save or the next open.
    """

    status: Literal["saved", "pending"]
    message: str | None = None
    recovery_file: str | None = None

    @property
    def saved(self) -> bool:
        return self.status == "saved"


class DraftRecord(Model):
    """A draft the database has seen, known by the sha256 of its text."""

    id: int
    name: str
    path: str
    sha256: str
    chars: int
    first_seen: str
    last_opened: str
    previous_id: int | None = Field(None, description="the draft last opened from the same path")


class PendingChange(Model):
    """One change waiting to be written: a line of a recovery file, or an entry held in memory."""

    event_id: str
    db: str
    draft_id: int
    statement_key: str
    action: ReviewAction
    tag: ReviewTag | None = None
    note: str | None = None
    correction: Correction | None = None
    reviewer: str
    at: str


class DbReport(Model):
    """`factcheck db check`: is this a sound factcheck database, and what is in it."""

    path: str
    ok: bool
    readonly: bool  # the file or its folder cannot be written: nothing could be saved to it
    application_id: int
    schema_version: int
    expected_version: int
    journal_mode: str
    size_bytes: int
    integrity: list[str]
    foreign_key_problems: int
    tables: dict[str, int]
    pending_changes: int
    recovery_files: list[str] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
