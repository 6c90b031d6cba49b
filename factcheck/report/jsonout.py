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
from collections.abc import Iterable, Iterator

from pydantic_core import PydanticSerializationError

from factcheck.models import Reading

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


def stream_lines(readings: Iterable[Reading], *, ascii_only: bool = False) -> Iterator[str]:
    """JSON Lines: one object per draft per line."""
    for reading in readings:
        yield render_line(reading, ascii_only=ascii_only)
