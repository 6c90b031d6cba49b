"""Read a draft: file or standard input → bytes → decoded text (+ Markdown masking) → `Draft`.

Everything a user can get wrong here (a missing file, a folder, a FIFO, a PNG, an empty file, a
draft saved by an old Windows editor) ends in one `InputError` line that names the file and says
what to do, or in a reading plus a warning that says where to look. Nothing is garbled silently.

Decoding, in this order (the order matters: each step only runs if the earlier ones could not
decide):

1. Known binary formats by their magic number (PNG, PDF, ZIP/.docx, …) → "looks like a PNG image".
2. A byte-order mark: UTF-32 LE/BE (checked before UTF-16, since FF FE 00 00 starts with FF FE),
   UTF-8, UTF-16 LE/BE. The BOM is dropped from the text.
3. Otherwise a NUL byte anywhere means binary (a text draft never holds one).
4. Strict UTF-8: the normal case, and the fast path.
5. Not UTF-8: every line is classified as plain ASCII, valid UTF-8 with non-ASCII characters, or
   invalid. If invalid lines outnumber valid non-ASCII ones, the file is a legacy Windows file and
   is decoded whole as cp1252. Otherwise it is a UTF-8 file with a few legacy bytes pasted in, and
   only the runs of invalid bytes are decoded as cp1252, so the real UTF-8 characters around them
   stay intact. Either way a warning names the line(s). Bytes cp1252 leaves undefined become
   U+FFFD, with a warning. No statistical detector: it is what garbles whole files.

Line endings and Unicode normalisation are left exactly as decoded: every offset the engine
reports indexes this text.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import hashlib
import os
import re
import stat
import string
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from factcheck.models import Draft, InputError
from factcheck.textsafe import safe

__all__ = ["DEFAULT_MAX_BYTES", "MARKDOWN_SUFFIXES", "decode_bytes", "mask_markdown", "read_draft"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
DEFAULT_MAX_BYTES = 200 * 2**20
STDIN_NAME = "standard input"
STDIN_PATH = "<stdin>"

# What to do with a file that is not a text draft: said once, at the end of every such message.
_EXPORT_HINT = "export the draft as plain text (.txt) or Markdown (.md)"


# --- Reading bytes -----------------------------------------------------------------------------


def read_draft(
    path: str | os.PathLike,
    *,
    markdown: bool | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Draft:
    """Read and decode one draft, ready for the engine.

    `path` "-" reads standard input (`stdin`, or the process's own): plain text unless
    `markdown=True`. For a file, `markdown=None` decides by suffix (.md, .markdown, .mdown, .mkd).
    Raises `InputError` (one line, naming the file) for anything that is not a readable, non-empty
    text draft of at most `max_bytes` bytes.
    """
    fspath = os.fsdecode(os.fspath(path))
    if not fspath:
        raise InputError("no draft given: give the path of a text or Markdown file, or - for standard input")
    if fspath == "-":
        name, shown = STDIN_NAME, STDIN_PATH
        data = _read_stdin(stdin, max_bytes)
        is_markdown = bool(markdown)
    else:
        name, shown = safe(fspath), fspath
        data = _read_file(fspath, name, max_bytes)
        is_markdown = markdown if markdown is not None else Path(fspath).suffix.lower() in MARKDOWN_SUFFIXES

    raw, encoding, warnings = decode_bytes(data, name)
    if not _VISIBLE.search(raw):
        what = "is empty" if not raw else "holds only blank characters"
        raise InputError(f"{name} {what}: nothing to check")
    text = raw
    if is_markdown:
        text = mask_markdown(raw)
        if not _VISIBLE.search(text):
            raise InputError(f"{name} has no text outside its Markdown markup: nothing to check")
    return Draft(
        path=shown,
        text=text,
        raw=raw,
        encoding=encoding,
        format="markdown" if is_markdown else "text",
        # The identity of a draft is its decoded text, so the same draft saved in another
        # encoding, or read as Markdown rather than text, is still the same draft.
        sha256=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        warnings=warnings,
    )


# Anything a reader would call "something to check": not whitespace, not a zero-width character.
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")


def _read_file(fspath: str, name: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, or an `InputError` that says what is wrong with the path."""
    try:
        info = os.stat(fspath)
    except FileNotFoundError:
        if os.path.islink(fspath):
            raise InputError(f"{name} is a broken symbolic link: point it at the draft") from None
        raise InputError(f"{name} does not exist: check the path") from None
    except OSError as exc:
        raise _path_error(exc, name) from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{name}: the path contains a NUL character: check the path") from None
    _require_regular_file(info.st_mode, name)
    if info.st_size > max_bytes:
        raise _too_large(name, info.st_size, max_bytes)

    # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening must not wait for a
    # writer. It changes nothing for a regular file.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(fspath, flags)
    except OSError as exc:
        raise _path_error(exc, name) from None
    try:
        _require_regular_file(os.fstat(fd).st_mode, name)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = _read_limited(handle, max_bytes)
    except OSError as exc:
        raise InputError(f"{name} could not be read ({exc.strerror or exc}): check the file") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:  # the file grew after the stat
        raise _too_large(name, None, max_bytes)
    return data


def _path_error(exc: OSError, name: str) -> InputError:
    """Turn an OSError from stat or open into the line a user can act on."""
    if isinstance(exc, PermissionError):
        return InputError(
            f"{name} cannot be read (permission denied): check the permissions of the file and its folders"
        )
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return InputError(f"{name} does not exist: check the path")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{name} is a folder, not a draft: give the path of a text or Markdown file")
    if exc.errno == errno.ELOOP:
        return InputError(f"{name} is a symbolic link loop: point the link at a real file")
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(f"{name}: the path is too long: check the path")
    return InputError(f"{name} cannot be opened ({exc.strerror or exc}): check the path")


def _require_regular_file(mode: int, name: str) -> None:
    """Refuse folders, FIFOs, sockets and devices before anything waits on them."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{name} is a folder, not a draft: give the path of a text or Markdown file")
    if stat.S_ISFIFO(mode):
        raise InputError(f"{name} is a named pipe (FIFO), not a file: to check a stream, give - and redirect it")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{name} is a socket, not a file: give the path of a text or Markdown file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputError(f"{name} is a device, not a file: give the path of a text or Markdown file")
    raise InputError(f"{name} is not a regular file: give the path of a text or Markdown file")


def _read_stdin(stream: BinaryIO | None, max_bytes: int) -> bytes:
    """All of standard input, refusing a terminal (reading one would wait for the user forever)."""
    if stream is None:
        if sys.stdin is None:
            raise InputError("there is no standard input to read the draft from: give a file instead of -")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # replaced by a text stream (tests, embedding): read it as text
            text = sys.stdin.read()
            data = text.encode("utf-8", "surrogateescape")
            if len(data) > max_bytes:
                raise _too_large(STDIN_NAME, None, max_bytes)
            return data
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        raise InputError("standard input is a terminal: redirect or pipe the draft in (factcheck check - < draft.txt)")
    try:
        data = _read_limited(stream, max_bytes)
    except OSError as exc:
        raise InputError(f"standard input could not be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise _too_large(STDIN_NAME, None, max_bytes)
    return data


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read until end of file, but never more than `max_bytes + 1` bytes (enough to say "too big")."""
    parts: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _too_large(name: str, size: int | None, max_bytes: int) -> InputError:
    """`size` is None for a stream, where reading stops as soon as the limit is passed."""
    what = f"is {_human_size(size)}, more than" if size is not None else "is more than"
    return InputError(
        f"{name} {what} the {_human_size(max_bytes)} a draft may have: check it is the right file, or split it"
    )


def _human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    scaled = float(size)
    for unit in ("KB", "MB", "GB"):
        scaled /= 1024
        if scaled < 1024 or unit == "GB":
            return f"{scaled:.1f} {unit}".replace(".0 ", " ")
    raise AssertionError("unreachable")


# --- Decoding ----------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 LE before UTF-16 LE: FF FE 00 00 starts with FF FE.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

# Formats people mistake for drafts, by the bytes they start with.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)

# ZIP is the container of several word-processor formats: name the one the suffix says it is.
_ZIP_KINDS = {
    ".docx": "a Word document (.docx)",
    ".odt": "an OpenDocument text (.odt)",
    ".pages": "a Pages document",
    ".epub": "an EPUB book",
}

# Bytes cp1252 does not define: Python's codec refuses them, we show U+FFFD.
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")  # invalid UTF-8 bytes, as surrogateescape shows them
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINES_NAMED = 5


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a draft's bytes: (text, encoding, warnings). Raises `InputError` only, for binary data.

    `name` is what messages call the draft (a path, or "standard input"). The encoding is a codec
    name ("utf-8", "utf-8-sig", "utf-16-le", "cp1252", …) or "utf-8+cp1252" for a UTF-8 file
    with some cp1252 bytes in it.
    """
    _refuse_known_binary(data, name)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], codec, label, name, len(bom))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _binary_error(data, nul, name)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        return _decode_not_utf8(data, name)


def _refuse_known_binary(data: bytes, name: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic.startswith(b"PK"):
                kind = _ZIP_KINDS.get(Path(name).suffix.lower(), "a ZIP archive (a .docx or .odt, perhaps)")
            raise InputError(f"{name} looks like {kind}, not a text draft: {_EXPORT_HINT}")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise InputError(f"{name} looks like a WebP image, not a text draft: {_EXPORT_HINT}")


def _binary_error(data: bytes, nul: int, name: str) -> InputError:
    """The error for a NUL byte: UTF-16/32 without a BOM is named as such, anything else is binary."""
    unicode_kind = _bomless_unicode(data)
    if unicode_kind:
        return InputError(
            f"{name} looks like {unicode_kind} text without a byte-order mark: save it as UTF-8 and try again"
        )
    line = _line_number(data, nul)
    return InputError(f"{name} looks like a binary file, not a text draft (a NUL byte on line {line}): {_EXPORT_HINT}")


def _bomless_unicode(data: bytes) -> str | None:
    """Recognise UTF-16/32 without a BOM by its zero bytes: mostly-ASCII text leaves a clear pattern."""
    sample = data[:4096]
    size = len(sample) - len(sample) % 4
    if size < 8:
        return None
    sample = sample[:size]
    lanes = [sample[i::4].count(0) / (size // 4) for i in range(4)]
    if lanes[0] < 0.1 and min(lanes[1:]) > 0.9:
        return "UTF-32 (little-endian)"
    if lanes[3] < 0.1 and min(lanes[:3]) > 0.9:
        return "UTF-32 (big-endian)"
    if max(lanes[0], lanes[2]) < 0.1 and min(lanes[1], lanes[3]) > 0.6:
        return "UTF-16 (little-endian)"
    if max(lanes[1], lanes[3]) < 0.1 and min(lanes[0], lanes[2]) > 0.6:
        return "UTF-16 (big-endian)"
    return None


def _decode_unicode(body: bytes, codec: str, label: str, name: str, bom: int) -> tuple[str, str, list[str]]:
    """Decode the text after a BOM; damaged stretches become U+FFFD with a warning naming the line."""
    warnings: list[str] = []
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        text = body.decode(codec, errors="replace")
        line = _line_number(body[: exc.start].decode(codec, errors="replace"), None)
        warnings.append(
            f"{name}: invalid {label} on line {line} (byte {bom + exc.start}) and perhaps after;"
            " the unreadable bytes are shown as \ufffd: check the file"
        )
    if "\x00" in text:
        line = _line_number(text, text.index("\x00"))
        raise InputError(f"{name} looks like a binary file, not a text draft (a NUL on line {line}): {_EXPORT_HINT}")
    return text, codec, warnings


def _decode_not_utf8(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a file that is not valid UTF-8: legacy cp1252 whole, or UTF-8 with cp1252 patches."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad_lines: list[int] = []  # lines with bytes that are not UTF-8
    clean_lines: list[int] = []  # valid UTF-8 lines with non-ASCII characters
    mixed = 0  # bad lines that also hold valid multi-byte UTF-8 characters
    for number, line in enumerate(_LINE_BREAK.split(escaped), start=1):
        if line.isascii():
            continue
        if _ESCAPED_RUN.search(line):
            bad_lines.append(number)
            mixed += not _ESCAPED_RUN.sub("", line).isascii()  # valid multi-byte characters too
        else:
            clean_lines.append(number)
    bad_bytes = sum(len(m.group()) for m in _ESCAPED_RUN.finditer(escaped))

    # A legacy file when lines that only make sense as cp1252 outnumber the lines that show UTF-8
    # at work. A cp1252 file is rarely valid UTF-8 by accident (it takes "ß" or a capital accented
    # letter right before a smart quote), so one odd line does not tip a legacy file over.
    if len(bad_lines) - mixed > len(clean_lines) + mixed:
        text = data.decode("cp1252", errors="replace")
        warnings = [
            f"{name} is not UTF-8: read it as Windows-1252 (cp1252), the encoding of older Windows"
            f" editors ({bad_bytes} non-UTF-8 {_plural(bad_bytes, 'byte')}, the first on line"
            f" {bad_lines[0]}): check its quotes and accents, or save it as UTF-8"
        ]
        if clean_lines:
            warnings.append(
                f"{name}: {_describe_lines(clean_lines)} valid UTF-8 but read as cp1252 like the rest"
                " of the file: check their accents"
            )
        undefined_count = sum(data.count(code) for code in _CP1252_UNDEFINED)
        if undefined_count:
            first = min(p for p in (data.find(code) for code in _CP1252_UNDEFINED) if p >= 0)
            warnings.append(_undefined_warning(name, undefined_count, _line_number(data, first)))
        return text, "cp1252", warnings

    undefined: list[int] = []  # where each undefined byte was, in `escaped`

    def patch(match: re.Match[str]) -> str:
        chunk = bytes(ord(char) - 0xDC00 for char in match.group())
        decoded = chunk.decode("cp1252", errors="replace")
        if "\ufffd" in decoded:
            undefined.extend(match.start() + i for i, char in enumerate(decoded) if char == "\ufffd")
        return decoded

    text = _ESCAPED_RUN.sub(patch, escaped)
    those = _plural(len(bad_lines), "that line", "those lines")
    warnings = [
        f"{name}: {_describe_lines(bad_lines)} not valid UTF-8: read {bad_bytes}"
        f" {_plural(bad_bytes, 'byte')} there as Windows-1252 (cp1252): check {those}"
    ]
    if undefined:
        warnings.append(_undefined_warning(name, len(undefined), _line_number(escaped, undefined[0])))
    return text, "utf-8+cp1252", warnings


def _undefined_warning(name: str, count: int, line: int) -> str:
    return (
        f"{name}: {count} {_plural(count, 'byte')} (the first on line {line})"
        f" {_plural(count, 'means', 'mean')} nothing in cp1252 and {_plural(count, 'is', 'are')} shown as"
        " \ufffd: check the file"
    )


def _describe_lines(numbers: list[int]) -> str:
    """Name lines in a warning: "line 7 is", "lines 7 and 9 are", "lines 7, 9, 12, 40, 41 and 3 more are"."""
    if len(numbers) == 1:
        return f"line {numbers[0]} is"
    shown = [str(n) for n in numbers[:_LINES_NAMED]]
    if len(numbers) > _LINES_NAMED:
        return f"lines {', '.join(shown)} and {len(numbers) - _LINES_NAMED} more are"
    return f"lines {', '.join(shown[:-1])} and {shown[-1]} are"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")


def _line_number(buffer: str | bytes, position: int | None) -> int:
    """The 1-based line of `position` in `buffer`, counting CRLF, LF and lone CR as line ends."""
    head = buffer if position is None else buffer[:position]
    if isinstance(head, bytes):
        return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


# --- Markdown ----------------------------------------------------------------------------------
#
# The engine reads prose. `mask_markdown` blanks the markup of a Markdown draft with spaces and
# keeps everything else, every line break included, in place: the result has the length of the
# input, so an offset into it is an offset into the file. Three passes, each linear:
#   1. raw HTML that hides text (comments, <script>, <style>) is blanked across lines;
#   2. a line-by-line block pass: front matter, fenced code, headings, rules, quotes, lists,
#      tables, link definitions; it also cuts the text into inline "chunks" (paragraphs, headings,
#      table rows);
#   3. an inline pass per chunk: escapes, code spans, autolinks and tags, links and images, then
#      emphasis with CommonMark's flanking rules (so snake_case and "3 * 4" are left alone).
# markdown-it-py was measured as the alternative: it maps tokens to lines, not to characters, so
# offsets would have to be recovered by searching the source for each token's text (fragile with
# escapes and entities), and its full parse is slower than this scanner.
#
# Deliberate departures from CommonMark, each to keep prose visible rather than hide it:
# - an unclosed code fence blanks only its own marks, not the rest of the draft;
# - indented code blocks are not recognised (drafts are often indented by accident);
# - a shortcut reference "[sic]" is a link only when "[sic]: …" is defined;
# - image syntax is blanked whole, alt text included (it describes a picture, it is not prose).

_EOL = re.compile(r"\r\n|\r|\n")
_NOT_EOL = re.compile(r"[^\r\n]")
_QUOTE_MARK = re.compile(r" {0,3}>[ \t]?")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})([^\r\n]*)")
_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_HRULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_BULLET = re.compile(r"[ \t]*([-+*])(?:[ \t]+|$)")
_ORDERED = re.compile(r"[ \t]*(\d{1,9}[.)])(?:[ \t]+|$)")
_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t]|$)")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\[\]\s]{1,999}\]:")
_REF_DEF = re.compile(
    r" {0,3}\[([^\[\]\r\n]{1,999})\]:[ \t]*(?:<[^<>\r\n]*>|[^\s<>]+)"
    r"(?:[ \t]+(?:\"[^\"\r\n]*\"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*$"
)
_TABLE_DELIM = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_YAML_LINE = re.compile(r"[ \t]|#|-(?:[ \t]|$)|[\w\"'.-][^\s:]{0,200}:(?:[ \t]|$)")
_TOML_LINE = re.compile(r"[ \t]|#|\[|[\w\"'.-][^=\r\n]{0,200}=")
_RAW_HTML = re.compile(r"<(script|style|textarea)(?=[\s>/])", re.IGNORECASE)

_INLINE_ANY = re.compile(r"[\\`<\[\]*_~]")
_INLINE_LEAD = re.compile(r"[\\`<]")
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>")
_BRACKET = re.compile(r"!?\[|\]")
_DEST_PLAIN = re.compile(r"[^\s()\\\x00-\x1f]+")
_ANGLE_DEST = re.compile(r"<[^<>\r\n]*>")
_SPACE = re.compile(r"\s*")
_DELIM_RUN = re.compile(r"\*+|_+|~+")
_PIPE = re.compile(r"\|")
_ASCII_PUNCT = frozenset(string.punctuation)
_MAX_LABEL = 999  # CommonMark's longest link label
_MAX_PAREN_DEPTH = 32  # as CommonMark: bounds the rescans of a failed link destination

Range = tuple[int, int]
_Fence = tuple[str, int, Range]  # fence character, run length, span of the run
_Closers = tuple[list[int], list[int], list[int]]  # line indexes, run lengths, suffix max of lengths


def mask_markdown(text: str) -> str:
    """Blank Markdown markup with spaces, keeping the length, every line break and every offset.

    Front matter, fenced code, HTML comments and tags, link targets and definitions, images, and
    the marks of headings, emphasis, code, quotes, rules and tables become spaces; the prose stays
    where it was ("## Title" → "   Title", "[FT](https://…)" → " FT" + spaces). List markers stay
    ("- ", "1. "): they are all that tells one item from the next when items end without a full
    stop, and the engine reads them as it does in a plain-text draft.
    """
    if not text:
        return text
    masked = _apply(text, _hidden_html(text))
    ranges, chunks, refs = _Blocks(masked).scan()
    masked = _apply(masked, ranges)
    inline: list[Range] = []
    for start, end, table_row in chunks:
        inline.extend(_mask_inline(masked, start, end, refs, table_row))
    return _apply(masked, inline)


_ATX_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)", re.MULTILINE)


def marked_headings(draft: Draft) -> frozenset[int]:
    """Where the lines of a Markdown draft that its writer marked as headings ("# …") begin.

    A line inside fenced code is blanked in `draft.text`, so marking it changes nothing."""
    if draft.format != "markdown":
        return frozenset()
    return frozenset(m.start() for m in _ATX_LINE.finditer(draft.raw))


def _apply(text: str, ranges: list[Range]) -> str:
    """`text` with every range blanked by spaces, line breaks kept. Ranges may overlap."""
    if not ranges:
        return text
    ranges.sort()
    parts: list[str] = []
    pos = 0
    for start, end in ranges:
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        piece = text[start:end]
        parts.append(_NOT_EOL.sub(" ", piece) if ("\n" in piece or "\r" in piece) else " " * len(piece))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _hidden_html(text: str) -> list[Range]:
    """HTML comments and <script>/<style>/<textarea> blocks: never prose, and they span lines."""
    ranges: list[Range] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 2)
        if end < 0:  # an unclosed comment is left as text, as CommonMark does
            break
        ranges.append((start, end + 3))
        pos = end + 3
    if "<" in text:
        unclosed: set[str] = set()
        covered = 0
        for match in _RAW_HTML.finditer(text):
            tag = match.group(1).lower()
            if match.start() < covered or tag in unclosed:
                continue
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, match.end())
            if close is None:
                unclosed.add(tag)  # no later block of this tag can close either: do not search again
                continue
            ranges.append((match.start(), close.end()))
            covered = close.end()
    return ranges


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end of content) of every line; line ends are CRLF, LF or a lone CR."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _EOL.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _label(raw: str) -> str:
    """A link label as CommonMark compares them: case-folded, inner whitespace collapsed."""
    return " ".join(raw.split()).casefold()


class _Blocks:
    """The block pass: which whole lines or line marks are markup, and where the inline chunks are."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.lines = _line_spans(text)
        self.ranges: list[Range] = []
        self.chunks: list[tuple[int, int, bool]] = []
        self.refs: set[str] = set()
        self.paragraph: list[int] | None = None  # [start, end] of the chunk being gathered
        # Where each line's content starts once its blockquote marks are skipped.
        self.inner: list[int] = []
        for start, end in self.lines:
            pos = start
            while (quote := _QUOTE_MARK.match(text, pos, end)) is not None:
                pos = quote.end()
            self.inner.append(pos)

    def scan(self) -> tuple[list[Range], list[tuple[int, int, bool]], set[str]]:
        s, lines, inner, ranges = self.s, self.lines, self.inner, self.ranges
        fences, closers = self._fence_lines()
        prev = "blank"  # what the previous line was: blank, para, list, heading or def
        k = self._front_matter()
        while k < len(lines):
            start, end = lines[k]
            p = inner[k]
            if p > start:
                ranges.append((start, p))
            if not s[p:end].strip():
                self._flush()
                prev = "blank"
                k += 1
                continue

            fence = fences.get(k)
            if fence is not None:
                char, length, span = fence
                closer = self._fence_closer(closers, k, char, length)
                if closer is not None:  # code is not prose: the whole block goes
                    self._flush()
                    ranges.append((start, lines[closer][1]))
                    prev = "blank"
                    k = closer + 1
                    continue
                ranges.append(span)  # unclosed: drop the marks, keep the line as text

            heading = _ATX.match(s, p, end)
            if heading is not None:
                self._flush()
                self._heading(heading, end)
                prev = "heading"
                k += 1
                continue
            if prev == "para" and _SETEXT.match(s, p, end):
                ranges.append((p, end))  # the paragraph above is a heading: its underline goes
                self._flush()
                prev = "heading"
                k += 1
                continue
            if _HRULE.match(s, p, end):
                self._flush()
                ranges.append((p, end))
                prev = "blank"
                k += 1
                continue
            if prev != "para":  # definitions cannot interrupt a paragraph
                footnote = _FOOTNOTE_DEF.match(s, p, end)
                if footnote is not None:  # "[^1]: text": the note is prose, its label is not
                    self._flush()
                    ranges.append((p, footnote.end()))
                    self.paragraph = [footnote.end(), end]
                    prev = "para"
                    k += 1
                    continue
                definition = _REF_DEF.match(s, p, end)
                if definition is not None:
                    self._flush()
                    self.refs.add(_label(definition.group(1)))
                    ranges.append((p, end))
                    prev = "def"
                    k += 1
                    continue
            if "|" in s[p:end] and self._table_starts(k):
                self._flush()
                k = self._table(k)
                prev = "blank"
                continue

            item = _BULLET.match(s, p, end)
            if item is None:
                item = _ORDERED.match(s, p, end)
                # "2019. The company…" on a wrapped line is prose: only a list that starts at 1
                # may interrupt a paragraph, as in CommonMark.
                if item is not None and prev == "para" and item.group(1)[:-1].lstrip("0") != "1":
                    item = None
            if item is not None:
                self._flush()
                body = item.end()
                box = _TASK_BOX.match(s, body, end)
                if box is not None:
                    ranges.append(box.span())
                self.paragraph = [body, end]
                prev = "list"
                k += 1
                continue

            # Prose: a paragraph line, or the continuation of a list item.
            if self.paragraph is None:
                self.paragraph = [p, end]
            else:
                self.paragraph[1] = end
            if prev != "list":
                prev = "para"
            k += 1
        self._flush()
        return ranges, self.chunks, self.refs

    def _flush(self) -> None:
        if self.paragraph is not None:
            self.chunks.append((self.paragraph[0], self.paragraph[1], False))
            self.paragraph = None

    def _heading(self, match: re.Match[str], end: int) -> None:
        """Blank "##" and an optional closing run of "#" (only when a space separates it)."""
        self.ranges.append(match.span(1))
        body_start = match.end(1)
        body = self.s[body_start:end].rstrip(" \t")
        if body.endswith("#"):
            run = len(body.rstrip("#"))
            if run == 0 or body[run - 1] in " \t":
                self.ranges.append((body_start + run, body_start + len(body)))
        self.chunks.append((body_start, end, False))

    def _front_matter(self) -> int:
        """Blank YAML (---) or TOML (+++) front matter at the very start; return the next line."""
        s, lines = self.s, self.lines
        if not lines:
            return 0
        opener = s[lines[0][0] : lines[0][1]].rstrip()
        if opener not in ("---", "+++"):
            return 0
        closing = ("---", "...") if opener == "---" else ("+++",)
        pattern = _YAML_LINE if opener == "---" else _TOML_LINE
        for k in range(1, len(lines)):
            start, end = lines[k]
            line = s[start:end]
            if line.rstrip() in closing:
                self.ranges.append((0, end))
                return k + 1
            # Only metadata lines: a "---" rule above ordinary prose is not front matter.
            if line.strip() and not pattern.match(line):
                return 0
        return 0

    def _fence_lines(self) -> tuple[dict[int, _Fence], dict[str, _Closers]]:
        """Every line that could open a code fence, and per fence character the lines that could close one.

        Closers come with a suffix maximum of their lengths, so "is there a closer long enough
        after line k?" is answered at once and an unclosed fence costs no scan.
        """
        s = self.s
        fences: dict[int, _Fence] = {}
        found: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}
        for k, (_, end) in enumerate(self.lines):
            match = _FENCE.match(s, self.inner[k], end)
            if match is None:
                continue
            run, info = match.group(1), match.group(2)
            if run[0] == "`" and "`" in info:
                continue  # "```code```" on one line is inline code, not a fence
            fences[k] = (run[0], len(run), match.span(1))
            if not info.strip():
                found[run[0]].append((k, len(run)))
        closers: dict[str, _Closers] = {}
        for char, items in found.items():
            suffix_max = [0] * len(items)
            best = 0
            for i in range(len(items) - 1, -1, -1):
                best = max(best, items[i][1])
                suffix_max[i] = best
            closers[char] = ([k for k, _ in items], [n for _, n in items], suffix_max)
        return fences, closers

    @staticmethod
    def _fence_closer(closers: dict[str, _Closers], k: int, char: str, length: int) -> int | None:
        indexes, lengths, suffix_max = closers[char]
        i = bisect.bisect_right(indexes, k)
        if i == len(indexes) or suffix_max[i] < length:
            return None
        while lengths[i] < length:  # these short fences are inside the block: each is passed once
            i += 1
        return indexes[i]

    def _table_starts(self, k: int) -> bool:
        """A GFM table: this line has pipes and the next is a delimiter row with as many cells."""
        if k + 1 >= len(self.lines):
            return False
        s = self.s
        end = self.lines[k + 1][1]
        p = self.inner[k + 1]
        if "|" not in s[p:end] or not _TABLE_DELIM.match(s, p, end):
            return False
        return _cell_count(s[self.inner[k] : self.lines[k][1]]) == _cell_count(s[p:end])

    def _table(self, k: int) -> int:
        """Header, delimiter row and body rows up to a blank line; returns the line after."""
        s, lines, inner = self.s, self.lines, self.inner
        self.chunks.append((inner[k], lines[k][1], True))
        start, end = lines[k + 1]
        self.ranges.append((start, end))
        k += 2
        while k < len(lines):
            start, end = lines[k]
            p = inner[k]
            if not s[p:end].strip():
                break
            if p > start:
                self.ranges.append((start, p))
            self.chunks.append((p, end, True))
            k += 1
        return k


def _cell_count(row: str) -> int:
    row = row.strip().replace("\\|", "")
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return row.count("|") + 1


@lru_cache(maxsize=4096)
def _is_punct(char: str) -> bool:
    """CommonMark's punctuation: ASCII punctuation and Unicode P* and S* categories."""
    return char in _ASCII_PUNCT or (char > "\x7f" and unicodedata.category(char)[0] in "PS")


def _mask_inline(s: str, start: int, end: int, refs: set[str], table_row: bool) -> Iterable[Range]:
    """The inline markup of one chunk `s[start:end]`, as ranges of `s` to blank."""
    chunk = s[start:end]
    if not _INLINE_ANY.search(chunk) and not (table_row and "|" in chunk):
        return ()
    # 1 where a character is literal or already taken (escaped, code, link target, tag).
    taken = bytearray(len(chunk))
    found: list[Range] = []
    _code_escapes_tags(chunk, taken, found)
    if "]" in chunk:
        _links(chunk, taken, found, refs)
    if "*" in chunk or "_" in chunk or "~" in chunk:
        _emphasis(chunk, taken, found)
    if table_row:
        found.extend(m.span() for m in _PIPE.finditer(chunk) if not taken[m.start()])
    return [(a + start, b + start) for a, b in found]


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _code_escapes_tags(chunk: str, taken: bytearray, found: list[Range]) -> None:
    """Backslash escapes, code spans, autolinks and HTML tags: the constructs that bind first."""
    runs: dict[int, list[int]] = {}
    if "`" in chunk:
        for match in _BACKTICKS.finditer(chunk):
            runs.setdefault(match.end() - match.start(), []).append(match.start())
    pos = 0
    size = len(chunk)
    while (lead := _INLINE_LEAD.search(chunk, pos)) is not None:
        i = lead.start()
        char = chunk[i]
        if char == "\\":
            following = chunk[i + 1 : i + 2]
            if following and following in _ASCII_PUNCT:
                found.append((i, i + 1))
                taken[i] = taken[i + 1] = 1
                pos = i + 2
            else:
                if following in ("\r", "\n"):  # a hard line break
                    found.append((i, i + 1))
                pos = i + 1
        elif char == "`":
            run_end = _BACKTICKS.match(chunk, i).end()  # type: ignore[union-attr]
            length = run_end - i
            starts = runs.get(length, [])
            j = bisect.bisect_left(starts, run_end)
            if j == len(starts):  # no closing run of the same length: literal backticks
                pos = run_end
                continue
            close = starts[j]
            found.append((i, run_end))
            found.append((close, close + length))
            _take(taken, i, close + length)  # the code text stays, but is not parsed further
            pos = close + length
        else:
            tag = _AUTOLINK.match(chunk, i) or _HTML_TAG.match(chunk, i)
            if tag is None:
                pos = i + 1
                continue
            found.append(tag.span())
            _take(taken, i, tag.end())
            pos = tag.end()
        if pos >= size:
            break


def _links(chunk: str, taken: bytearray, found: list[Range], refs: set[str]) -> None:
    """Links keep their text and lose "[", "](target "title")" or "][ref]"; images go whole."""
    openers: list[tuple[int, bool]] = []  # (position of "[" or "![", is an image)
    floor = 0  # plain "[" openers below this stack index are inactive: links do not nest
    resume = 0
    for match in _BRACKET.finditer(chunk):
        i = match.start()
        if i < resume:
            continue
        token = match.group()
        if token != "]":
            bracket = match.end() - 1
            if taken[bracket]:
                continue
            image = token == "![" and not taken[i]
            openers.append((i if image else bracket, image))
            continue
        if taken[i] or not openers:
            continue
        opener, image = openers.pop()
        index = len(openers)
        active = image or index >= floor
        floor = min(floor, index)
        if not active:
            continue
        end = _link_tail(chunk, i + 1)
        footnote = False
        if end < 0:
            label_start = opener + (2 if image else 1)
            if i - label_start > _MAX_LABEL:  # no label is that long: and no slicing a long chunk
                continue
            label = chunk[label_start:i]
            if label.startswith("^") and not image:
                footnote, end = True, i + 1  # a footnote reference "[^1]": no prose in it
            elif refs and _label(label) in refs:
                end = i + 1  # a shortcut reference to a defined label
            else:
                continue  # "[sic]", "[1]": brackets in prose stay
        if image or footnote:
            found.append((opener, end))
            _take(taken, opener, end)
        else:
            found.append((opener, opener + 1))
            found.append((i, end))
            taken[opener] = 1
            _take(taken, i, end)
            floor = len(openers)
        resume = end


def _link_tail(chunk: str, i: int) -> int:
    """The end of "(target "title")" or "[ref]" / "[]" starting at `i`, or -1 if there is none."""
    size = len(chunk)
    if i < size and chunk[i] == "(":
        end = _inline_target(chunk, i + 1)
        if end >= 0:
            return end
    if i < size and chunk[i] == "[":
        close = chunk.find("]", i + 1, i + 1001)
        if close >= 0 and "[" not in chunk[i + 1 : close]:
            # Full "[text][ref]" or collapsed "[text][]": taken as a link even when the
            # definition is missing (a pasted excerpt often loses its definitions).
            return close + 1
    return -1


def _inline_target(chunk: str, j: int) -> int:
    """Parse `target "title")` after "(": the index after ")", or -1."""
    size = len(chunk)
    j = _SPACE.match(chunk, j).end()  # type: ignore[union-attr]
    if j < size and chunk[j] == ")":
        return j + 1
    if j < size and chunk[j] == "<":
        angle = _ANGLE_DEST.match(chunk, j)
        if angle is None:
            return -1
        k = angle.end()
    else:
        depth = 0
        k = j
        while k < size:
            plain = _DEST_PLAIN.match(chunk, k)
            if plain is not None:
                k = plain.end()
                if k >= size:
                    break
            char = chunk[k]
            if char == "\\" and k + 1 < size:
                k += 2
                continue
            if char == "(":
                depth += 1
                if depth > _MAX_PAREN_DEPTH:
                    return -1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            else:  # whitespace or a control character ends the target
                break
            k += 1
        if depth or k == j:
            return -1
    t = _SPACE.match(chunk, k).end()  # type: ignore[union-attr]
    if t > k and t < size and chunk[t] in "\"'(":
        close = chunk.find(")" if chunk[t] == "(" else chunk[t], t + 1)
        if close < 0:
            return -1
        t = _SPACE.match(chunk, close + 1).end()  # type: ignore[union-attr]
    if t < size and chunk[t] == ")":
        return t + 1
    return -1


def _emphasis(chunk: str, taken: bytearray, found: list[Range]) -> None:
    """Blank the *, _, ** , __ and ~~ that CommonMark would pair into emphasis.

    A delimiter run may open if it is left-flanking (no space after it, and not punctuation
    squeezed between a word and the text), close if right-flanking; "_" inside a word does
    neither, so snake_case stays, and "3 * 4" has spaces on both sides so its "*" stays.
    Openers are kept on one stack with a per-character floor, as in CommonMark, so each closer's
    search is amortised constant.
    """
    size = len(chunk)
    stack: list[list] = []  # [char, start, count still unmatched]
    bottom = {"*": 0, "_": 0, "~": 0}
    for match in _DELIM_RUN.finditer(chunk):
        start, end = match.span()
        if taken[start] or taken[end - 1]:
            continue
        char = chunk[start]
        count = end - start
        if char == "~" and count != 2:
            continue  # "~5%" means "about": only "~~" strikes through
        before = chunk[start - 1] if start else " "
        after = chunk[end] if end < size else " "
        left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
        right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
        if char == "_":
            can_open = left and (not right or _is_punct(before))
            can_close = right and (not left or _is_punct(after))
        else:
            can_open, can_close = left, right
        pos = start
        if can_close:
            while count:
                low = min(bottom[char], len(stack))
                index = len(stack) - 1
                while index >= low and stack[index][0] != char:
                    index -= 1
                if index < low:
                    bottom[char] = len(stack)
                    break
                opener = stack[index]
                use = 2 if opener[2] >= 2 and count >= 2 else 1
                opener_end = opener[1] + opener[2]
                found.append((opener_end - use, opener_end))
                found.append((pos, pos + use))
                opener[2] -= use
                pos += use
                count -= use
                del stack[index + 1 :]
                if opener[2] == 0:
                    stack.pop()
        if count and can_open:
            stack.append([char, pos, count])
