"""The data model shared by every step of the pipeline.

read → segment → attribute → resolve → assess → store → present. Each step takes and returns
these pydantic models, so a step can be tested, benchmarked or swapped on its own. The JSON
contract of `factcheck check --format json` is `Reading.model_dump(mode="json")`; bump
`SCHEMA` when a field changes meaning or disappears.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "factcheck.reading/1"

Kind = Literal["claim", "heading"]
Basis = Literal["explicit", "reference", "inherited"]
Flag = Literal["unattributed", "single-source", "corroborated", "inherited", "non-response"]
SourceKind = Literal[
    "news outlet",
    "wire agency",
    "company",
    "government body",
    "person or role",
    "anonymous group",
    "document",
    "organisation",
    "unknown",
]
ReviewTag = Literal["verified", "disputed", "needs-source"]
ReviewAction = Literal["tag", "clear", "note", "correction"]  # what a history row records

FLAGS: tuple[Flag, ...] = ("unattributed", "single-source", "corroborated", "inherited", "non-response")
REVIEW_TAGS: tuple[ReviewTag, ...] = ("verified", "disputed", "needs-source")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A stretch of the draft: always `text == draft.text[start:end]`."""

    start: int
    end: int
    text: str


class Draft(Model):
    """A decoded draft, ready for the engine.

    `text` is what the engine reads and what every offset indexes. For plain text it is the decoded
    file. For Markdown it is the decoded file with the markup (heading marks, emphasis, link
    targets, front matter, …) blanked out by spaces, so it has the same length as the file and an
    offset means the same place in both: `raw` keeps the file as decoded.
    """

    path: str
    text: str
    raw: str
    encoding: str
    format: Literal["text", "markdown"] = "text"
    sha256: str = Field(description="sha256 of the decoded text as UTF-8: a draft's identity")
    warnings: list[str] = Field(default_factory=list)


class Attribution(Model):
    source: str
    source_kind: SourceKind = "unknown"
    basis: Basis
    mention: Span | None = None
    cue: Span | None = None
    via: str | None = None
    # Set when the mention only resolved after folding look-alike characters (Cyrillic, zero-width…).
    suspicious: bool = False


class NonResponse(Model):
    entity: str
    phrase: str
    reported_by: str | None = None


class Statement(Model):
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    kind: Kind = "claim"
    attributions: list[Attribution] = Field(default_factory=list)
    # What the sources vouch for: the statement without its attribution frame, when one was read.
    content: Span | None = None
    flags: list[Flag] = Field(default_factory=list)
    non_responses: list[NonResponse] = Field(default_factory=list)


class DocumentInfo(Model):
    path: str
    sha256: str
    chars: int
    encoding: str = "utf-8"
    format: Literal["text", "markdown"] = "text"


class SourceSummary(Model):
    name: str
    kind: SourceKind
    statements: int
    share: float = Field(description="share of the attributed claims that name this source")


class Summary(Model):
    statements: int
    claims: int
    headings: int
    attributed: int
    unattributed: int
    single_source: int
    corroborated: int
    inherited: int
    non_responses: int
    top_source: str | None = None
    top_source_share: float = 0.0


class Reading(Model):
    """The engine's whole reading of one draft: what `check --format json` prints."""

    schema_: str = Field(SCHEMA, alias="schema")
    document: DocumentInfo
    statements: list[Statement]
    sources: list[SourceSummary] = Field(default_factory=list)
    non_responses: list[NonResponse] = Field(default_factory=list)
    summary: Summary
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


class RegistrySource(Model):
    """A source the registry knows: its canonical name, kind and the other names it goes by."""

    name: str
    kind: SourceKind
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None


class Resolved(Model):
    """What the registry made of a name found in a draft."""

    name: str
    kind: SourceKind
    known: bool
    score: float = 100.0
    suspicious: bool = False
    note: str | None = None


class InputError(Exception):
    """A problem the user can fix (missing file, binary input, bad option): one line, exit 2."""

    @classmethod
    def engine_bug(cls, path: str, exc: BaseException) -> InputError:
        """The one line for a draft the engine raised on: a bug of ours, named so it can be reported."""
        return cls(f"{path}: the engine could not read this draft ({type(exc).__name__}); this is a bug in "
                   "factcheck, please report it with the draft")


class DatabaseError(Exception):
    """The database cannot be used as asked (corrupt, foreign, newer schema): one line, exit 2."""


# --- Review: what fact-checkers add on top of the engine's reading ---------------------------


class TagRecord(Model):
    """The current review state of one statement."""

    statement_key: str
    tag: ReviewTag | None = None
    note: str | None = None
    reviewer: str
    updated_at: str  # ISO 8601, UTC


class TagEvent(Model):
    """One row of the append-only history: every change ever made to a statement's review."""

    statement_key: str
    action: ReviewAction
    tag: ReviewTag | None = None
    note: str | None = None
    detail: str | None = None
    reviewer: str
    at: str


class Correction(Model):
    """A reviewer's reading of a statement, which wins over the engine's on reload.

    `sources` replaces the engine's attributions when given (each becomes an explicit attribution
    of that source); `not_claim` marks a statement that asserts nothing (it then gets no flags).
    """

    statement_key: str
    sources: list[str] | None = None
    not_claim: bool = False
    reviewer: str
    updated_at: str
