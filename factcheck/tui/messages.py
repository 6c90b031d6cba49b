"""Messages from worker threads to the review screen (posting a message is thread-safe)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from textual.message import Message

from factcheck.models import Correction, Statement, TagEvent, TagRecord
from factcheck.review import ReviewSession, Write


class Loaded(Message):
    """The draft is analysed and its review read from the database."""

    def __init__(self, session: ReviewSession, seconds: float) -> None:
        super().__init__()
        self.session = session
        self.seconds = seconds


class LoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class Persisted(Message):
    """A change reached the database thread: `future` holds the store's answer or its error."""

    def __init__(self, write: Write, future: Future) -> None:
        super().__init__()
        self.write = write
        self.future = future


class RemoteRead(Message):
    """What the database holds now, read to find other reviewers' changes."""

    def __init__(
        self, records: list[TagRecord] | None, corrections: dict[str, Correction] | None, as_of_seq: int
    ) -> None:
        super().__init__()
        self.records = records
        self.corrections = corrections
        self.as_of_seq = as_of_seq


class HistoryRead(Message):
    def __init__(self, key: str, events: list[TagEvent]) -> None:
        super().__init__()
        self.key = key
        self.events = events


class Reassessed(Message):
    """The flags worked out again from the reviewers' corrections, for `corrections_version`."""

    def __init__(self, corrections_version: int, statements: list[Statement]) -> None:
        super().__init__()
        self.corrections_version = corrections_version
        self.statements = statements


class Exported(Message):
    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class ExportFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
