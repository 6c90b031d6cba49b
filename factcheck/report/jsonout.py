"""JSON for programs: `reading.to_json_dict()`, the documented contract, pretty (`json`) or one
compact object per line (`jsonl`).

The data is exact (offsets index the decoded draft, so strings are never altered), but the bytes
are terminal-safe: JSON already escapes C0 controls such as ESC; the other characters that can
act on a terminal or reorder what it shows (DEL and C1 controls, bidi overrides and isolates,
zero-width marks, line and paragraph separators, Unicode tag characters) and lone surrogates
(which no output encoding can carry) are written as `\\uXXXX` escapes too. A JSON parser reads
back the very same string."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pydantic_core import PydanticSerializationError

if TYPE_CHECKING:
    from factcheck.analysis.pieces import LongDraft
    from factcheck.analysis.sources import Registry

from factcheck.models import SCHEMA, Draft, Reading

# Only ever matched inside JSON strings, where a \\uXXXX escape means the same character.
_INVISIBLE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    # Astral characters are written as a UTF-16 surrogate pair, as JSON requires.
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def dumps(data: object, *, indent: int | None = 2, ascii_only: bool = False) -> str:
    """JSON text of `data`, readable (non-ASCII kept unless `ascii_only`) and terminal-safe."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)
    return text if ascii_only else _INVISIBLE.sub(_escape, text)


def _reading_json(reading: Reading, *, indent: int | None, ascii_only: bool) -> str:
    if not ascii_only:
        try:
            # pydantic's own encoder is about ten times faster than `json` with an indent, and
            # writes the same data as `to_json_dict()` (a test holds them together).
            text = reading.model_dump_json(by_alias=True, indent=indent)
        except PydanticSerializationError:
            pass  # a lone surrogate: only the standard encoder can write it (as an escape)
        else:
            return _INVISIBLE.sub(_escape, text)
    return dumps(reading.to_json_dict(), indent=indent, ascii_only=ascii_only)


def render(reading: Reading, *, color: bool = False, ascii_only: bool = False) -> str:
    """One draft as one pretty-printed JSON object (`--format json`)."""
    return _reading_json(reading, indent=2, ascii_only=ascii_only) + "\n"


def render_line(reading: Reading, *, ascii_only: bool = False) -> str:
    """One draft as one compact JSON object on one line (a line of `--format jsonl`)."""
    return _reading_json(reading, indent=None, ascii_only=ascii_only) + "\n"


def stream_lines(readings: Iterable[Reading | LongDraft], *, ascii_only: bool = False) -> Iterator[str]:
    """JSON Lines: one object per draft per line."""
    for reading in readings:
        yield from chunks(reading, indent=None, ascii_only=ascii_only)


# Above this many statements a reading is written statement by statement, so a draft of tens of
# megabytes never needs its whole JSON text in memory at once.
STREAM_STATEMENTS = 2000


def chunks(reading: Reading | LongDraft, *, indent: int | None = 2, ascii_only: bool = False) -> Iterator[str]:
    """The JSON of one reading (and its final newline) in pieces: the same text as `render` or
    `render_line` for a short draft; for a long one the statements are written one by one (each
    on a line of its own, compact, inside an otherwise pretty object)."""
    from factcheck.analysis.pieces import LongDraft

    if isinstance(reading, LongDraft):
        yield from long_chunks(reading.draft, reading.registry, reading.flags, reading.warnings,
                               one_line=indent is None)
        return
    if len(reading.statements) <= STREAM_STATEMENTS:
        yield _reading_json(reading, indent=indent, ascii_only=ascii_only) + "\n"
        return
    shell = _reading_json(reading.model_copy(update={"statements": []}), indent=indent, ascii_only=ascii_only)
    key = '"statements": []' if indent is not None else '"statements":[]'
    head, tail = shell.split(key, 1)
    yield head + key[:-1]
    glue = "\n" if indent is not None else ""
    for number, statement in enumerate(reading.statements):
        piece = _statement_json(statement, ascii_only=ascii_only)
        yield ("," if number else "") + glue + piece
    yield glue + "]" + tail + "\n"


def _statement_json(statement, *, ascii_only: bool) -> str:
    if not ascii_only:
        try:
            return _INVISIBLE.sub(_escape, statement.model_dump_json())
        except PydanticSerializationError:
            pass
    return dumps(statement.model_dump(mode="json"), indent=None, ascii_only=ascii_only)


def long_chunks(draft: Draft, registry: Registry | None = None, flag_counts: Counter[str] | None = None,
                warnings: list[str] | None = None, *, one_line: bool = False) -> Iterator[str]:
    """The reading of a very long draft as one compact JSON object (the same contract), written
    piece by piece as the engine reads it (see `factcheck.analysis.pieces`). `flag_counts` and
    `warnings`, when given, are filled in as it goes."""
    from factcheck.analysis.pieces import LongSummary, document_info, read_in_pieces

    yield f'{{"schema":{dumps(SCHEMA, indent=None)},"document":{dumps(document_info(draft).model_dump(), indent=None)},'
    yield '"statements":['
    glue = "" if one_line else "\n"  # JSON Lines: the whole object on one line
    total = LongSummary(draft)
    for piece in read_in_pieces(draft, registry):
        known = len(total.warnings)
        index, paragraph = total.add(piece)
        for local_paragraph, body in piece.statements:
            head = f'{{"index":{index},"paragraph":{paragraph + local_paragraph},'
            yield ("," if index else "") + glue + head + _INVISIBLE.sub(_escape, body[1:])
            index += 1
        if flag_counts is not None:
            flag_counts.update(piece.flags)
        if warnings is not None:
            warnings.extend(total.warnings[known:])
    whole = total.reading()
    yield glue + "],"
    yield f'"sources":{dumps([s.model_dump() for s in whole.sources], indent=None)},'
    yield f'"non_responses":{dumps([n.model_dump() for n in whole.non_responses], indent=None)},'
    yield (f'"summary":{dumps(whole.summary.model_dump(), indent=None)},'
           f'"warnings":{dumps(whole.warnings, indent=None)}}}\n')
