"""Split a decoded draft into statements (sentences and headings) grouped in paragraphs.

This is the first step of the engine: every later step reads the statements made here, so the
offsets must index the draft exactly and every visible character must land in some statement.

How it works, in one pass over the text:

1. Lines. Any of \\n, \\r\\n, \\r, U+2028, U+2029 (and the other characters `str.splitlines` breaks
   on) ends a line; a line holding only blank characters (Unicode spaces, NBSP, zero-width
   spaces) is blank. A blank line ends a paragraph.
2. Headings. A short line without a final full stop that stands alone as a paragraph, or that a
   line break separates from the text around it and looks like a heading (Title Case, a question,
   or indented like a masked Markdown heading), becomes a heading and a paragraph of its own.
3. Sentences. Inside the remaining text, a precompiled pattern finds runs of sentence-final
   marks (. ! ? …) with their closing quotes and brackets; each candidate is then judged on a few
   characters of context (the word before, the word after), using the word lists in
   `factcheck/data/abbreviations.json`. No pattern can backtrack over words, so the time is linear
   in the length of the draft.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factcheck.models import Kind, Statement

__all__ = ["BLANK_CHARS", "is_blank", "segment"]

# Every character `str.isspace()` accepts, plus the invisible ones a pasted draft is full of
# (zero-width space/joiners, word joiner, BOM). Hard-coded because scanning all code points at
# import time would cost a tenth of a second; a test checks the list against `str.isspace`.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BLANK_CHARS: str = _SPACES + _ZERO_WIDTH
"""Characters that never need to be inside a statement: whitespace and zero-width characters."""

_NONBLANK = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")
# What str.splitlines breaks lines at ("\r\n" counts as one break).
_LINE_BREAK_CHARS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

# A run of sentence-final marks with its closing quotes and brackets, followed by a blank or
# the end. The look-behind sits after the first mark (so the engine can still jump from mark to
# mark) and makes a run match only from its first mark; the possessive quantifiers never give
# back: a run of 100,000 full stops is one match, not 100,000 retries.
_MARKS = ".!?…‽"
_CLOSERS = "\"'”’»›)]}」』）】〉》"
_LATIN_TERMINAL = (
    r"[.!?…‽](?<![.!?…‽][.!?…‽])[.!?…‽]*+[\"'”’»›)\]}」』）】〉》]*+"
    r"(?=[\s\u200b\u200c\u200d\u2060\ufeff]|\Z)"
)
# Chinese and Japanese marks need no space after them. Only used when the text holds one: the
# alternation costs a third more time on every draft.
_CJK_MARKS = "。！？｡"
_TERMINAL = re.compile(_LATIN_TERMINAL)
_TERMINAL_CJK = re.compile(_LATIN_TERMINAL + r"|[。！？｡]++[\"'”’»›)\]}」』）】〉》]*+")

# A dateline's credit: "(AP) —", "(Reuters) -", a short capitalised name in brackets and a dash.
_WIRE_CREDIT = re.compile(r"\([A-Z][A-Za-z]{1,15}\)\s*[-—–]")
_OPENERS = frozenset("\"'“‘„‚«‹([{¿¡「『（【〈《")
# A token (the word a full stop ends) is cut at blanks and at opening quotes or brackets: those
# belong to the sentence, not to the abbreviation.
_TOKEN_STOP = '"“‘„«‹([{'
_TOKEN_CUT = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\"“‘„«‹(\[{]")
_TOKEN_CUT_REV = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\"“‘„«‹(\[{]*")
_TOKEN_MAX = 40
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_WORD_MAX = 30
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]\s")
_BULLET_STARTS = frozenset("-*•·+–")
# What a line may end with and still run on into the next: a dateline's dash, a colon, a comma.
_CONTINUES = frozenset(",;:-–—/&")
_ALNUM = re.compile(r"[^\W_]")
# "“We are done,” she said", and a pull quote's credit: "“We are done.” — Ana Ruiz"
_QUOTE_THEN_SPEAKER = re.compile(r"[,!?][\"”’']\s+[^\W\d_]|[\"”][\s*_]*(?:—|–|--|-)\s*[A-Z]")
_HEADING_MAX_LINES = 3
_BYLINE = ("By ", "by ", "BY ", "Reporting by", "Writing by", "Editing by")
_FIRST_WORD = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]+")
_WORD_EDGES = "\"'“”‘’«»()[]{}.,;:!?…-–—*_#"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The word lists of `factcheck/data/abbreviations.json` (see the file for what each means)."""

    titles: frozenset[str]
    never_final: frozenset[str]
    before_number: frozenset[str]
    maybe_final: frozenset[str]
    starters: frozenset[str]
    small_words: frozenset[str]
    heading_max_words: int
    heading_max_words_plain: int
    heading_max_chars: int


_DATA = Path(__file__).resolve().parent.parent / "data" / "abbreviations.json"


@cache
def _lexicon() -> _Lexicon:
    """Read the word lists once per process."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(raw[key]["words"])

    return _Lexicon(
        titles=words("titles"),
        never_final=words("never_final"),
        before_number=words("before_number"),
        maybe_final=words("maybe_final"),
        starters=words("sentence_starters"),
        small_words=words("heading_small_words"),
        heading_max_words=int(raw["heading"]["max_words"]),
        heading_max_words_plain=int(raw["heading"]["max_words_plain"]),
        heading_max_chars=int(raw["heading"]["max_chars"]),
    )


class _Line:
    """A non-blank line: where its visible text starts and ends, and how far it is indented. (A
    plain class: compiled, so is its __init__.)"""

    __slots__ = ("end", "indent", "start")

    def __init__(self, start: int, end: int, indent: int) -> None:
        self.start = start
        self.end = end
        self.indent = indent


@dataclass(frozen=True, slots=True)
class _Scan:
    """What every step of one `segment` call reads: the text, the word lists, the pattern."""

    text: str
    lex: _Lexicon
    terminal: re.Pattern[str]
    marked: frozenset[int] = frozenset()  # where lines the writer marked as headings begin


def is_blank(ch: str) -> bool:
    """Whether a character may be left out of every statement (whitespace or zero-width)."""
    return ch in BLANK_CHARS


# "(Reporting by …)", notes to the desk ("EDITOR'S NOTE: hold until …") and a live story's notice
# ("This story is developing and will be updated."): about the story, not in it. A note that the
# story was corrected tells the reader a fact, so it is a claim.
_CREDIT_LINE = re.compile(r"\W{0,3}(?:(?:additional |)(?:reporting|writing|editing|reported|written|edited|compiled)"
                          r" by\b|editor['’]?s['’]? note\b(?!\W*(?:\w+\W+){0,6}?(?:correct|clarif|updat))"
                          r"|note to editors\b)", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"(?:From|To|Cc|Bcc|Sent|Date|Subject|Reply-To): ", re.IGNORECASE)
_DEVELOPING = re.compile(r"\W{0,3}this (?:is a developing story|story is developing)\b", re.IGNORECASE)


_TIMESTAMP = re.compile(r"\W{0,3}\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\W{0,3}", re.IGNORECASE)


def segment(text: str, marked: frozenset[int] = frozenset()) -> list[Statement]:
    """Split `text` into statements in reading order.

    `marked` holds where lines begin that the writer marked as headings (Markdown's "# "): those
    are headings however long they run.

    Each statement is trimmed of blank characters, statements never overlap, and together they
    cover every character that is not blank (see `is_blank`). Never raises on a `str`.
    """
    cjk = any(mark in text for mark in _CJK_MARKS)
    scan = _Scan(text, _lexicon(), _TERMINAL_CJK if cjk else _TERMINAL, marked)
    statements: list[Statement] = []
    paragraph = 0
    for lines in _paragraphs(text):
        if _CREDIT_LINE.match(text, lines[0].start) or (
                len(lines) == 1 and _DEVELOPING.match(text, lines[0].start)
                and len(_split(scan, lines[0].start, lines[0].end)) == 1):
            # "(Reporting by …; Editing by …)": who wrote the story, not a claim in it.
            s, e = lines[0].start, lines[-1].end
            statements.append(Statement(index=len(statements), start=s, end=e, text=text[s:e], paragraph=paragraph,
                                        kind="heading"))
            paragraph += 1
            continue
        # A draft's first line standing alone without a full stop is its headline, even in
        # sentence case ("Landslide buries homes in mining town, killing 14"); so is the first after a
        # slug, a wire header or a kicker ("UPDATE 2-…", "SLUG: BRIDGE-CABLES / draft 2").
        headline = len(statements) <= 2 and all(s.kind == "heading" for s in statements)
        for kind, block in _blocks(scan, lines, headline=headline):
            spans = [(block[0].start, block[0].end)] if kind == "heading" else _sentences(scan, block)
            for s, e in spans:
                statements.append(
                    Statement(index=len(statements), start=s, end=e, text=text[s:e], paragraph=paragraph, kind=kind)
                )
            paragraph += 1
    return statements


# --- lines and paragraphs --------------------------------------------------------------------


def _paragraphs(text: str) -> list[list[_Line]]:
    """Group the non-blank lines of `text` into paragraphs (runs of lines without a blank one)."""
    paragraphs: list[list[_Line]] = []
    current: list[_Line] = []
    line_start = 0
    # str.splitlines is far faster than a pattern for this.
    for raw in text.splitlines(keepends=True):
        ending = 2 if raw.endswith("\r\n") else 1 if raw[-1] in _LINE_BREAK_CHARS else 0
        line = _visible(text, line_start, line_start + len(raw) - ending)
        if line is None:
            if current:
                paragraphs.append(current)
                current = []
        else:
            current.append(line)
        line_start += len(raw)
    if current:
        paragraphs.append(current)
    return paragraphs


def _visible(text: str, start: int, end: int) -> _Line | None:
    """The visible extent of text[start:end], or None when it is blank."""
    first = _NONBLANK.search(text, start, end)
    if first is None:
        return None
    s = first.start()
    return _Line(s, s + len(text[s:end].rstrip(BLANK_CHARS)), s - start)


# --- headings --------------------------------------------------------------------------------


def _blocks(scan: _Scan, lines: list[_Line], headline: bool = False) -> list[tuple[Kind, list[_Line]]]:
    """Cut a paragraph into heading lines and runs of running text, each a paragraph of its own."""
    marked = {k for k, line in enumerate(lines) if line.start - line.indent in scan.marked}
    if 1 < len(lines) <= _HEADING_MAX_LINES and not marked and _may_wrap_a_title(scan.text, lines):
        # A long title wrapped over two lines is still one heading.
        whole = _Line(lines[0].start, lines[-1].end, lines[0].indent)
        if _is_heading(scan, whole, None, None, True, False, 0):
            return [("heading", [whole])]
    blocks: list[tuple[Kind, list[_Line]]] = []
    alone = len(lines) == 1
    # The column the paragraph is wrapped at, if it is: the longest line that visibly runs on
    # into the next one (leaving out the line being judged).
    text = scan.text
    lengths = sorted(
        ((_length(line), k) for k, line in enumerate(lines[:-1]) if _runs_on(text, line, lines[k + 1])),
        reverse=True,
    )[:2]
    run: list[_Line] = []
    prev_heading = False
    for k, line in enumerate(lines):
        prev = lines[k - 1] if k else None
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        width = next((n for n, j in lengths if j != k), 0)
        if k in marked or _is_heading(scan, line, prev, nxt, alone, prev_heading, width, headline and alone):
            if run:
                blocks.append(("claim", run))
                run = []
            blocks.append(("heading", [line]))
            prev_heading = True
        else:
            run.append(line)
            prev_heading = False
    if run:
        blocks.append(("claim", run))
    return blocks


def _may_wrap_a_title(text: str, lines: list[_Line]) -> bool:
    """Whether a short paragraph could be one title over several lines, not a title and a byline
    or a question heading and its answer."""
    if any(text[line.end - 1] in "?‽" for line in lines[:-1]):
        return False
    if any(_MAIL_HEADER.match(text, line.start, line.end) for line in lines):
        return False  # an email's header lines, each a heading of its own
    if any(_list_marker(text, line) is not None for line in lines[1:]):
        return False  # "- staff cuts at two mills⏎- a new chair": the items of a list, not a title
    return not any(text.startswith(_BYLINE, line.start) for line in lines[1:])


_HEADLINE_EXTRA_WORDS = 6


def _is_heading(
    scan: _Scan,
    line: _Line,
    prev: _Line | None,
    nxt: _Line | None,
    alone: bool,
    prev_heading: bool,
    width: int,
    headline: bool = False,
) -> bool:
    """Whether one line of a paragraph is a heading rather than (part of) running text.

    `width` is the column the paragraph seems wrapped at, or 0 when there is no telling.
    """
    text, lex = scan.text, scan.lex
    if _MAIL_HEADER.match(text, line.start, line.end):
        return True  # "From: …", "Subject: …": the header of an email pasted into a draft
    if line.end - line.start > lex.heading_max_chars:
        return False
    s = text[line.start : line.end]
    if _ALNUM.search(s) is None:
        # A rule such as "* * *" asserts nothing: a heading when alone, wrapping otherwise.
        return alone
    core = s.rstrip(_CLOSERS) or s
    last = core[-1]
    if last in _CONTINUES or last in "!…" or last in _CJK_MARKS:
        return False
    if alone and _TIMESTAMP.fullmatch(s) is not None:
        return True  # "9:30 p.m.", "10:05 a.m. ET": the time over a live update
    question = last in "?‽"
    if not alone and not _set_apart(text, line, prev, nxt, prev_heading, width, question):
        return False
    words = len(s.split())
    # (a draft's first line, alone and without a full stop, may run longer when a story follows it:
    # wire headlines do, "North Korea says it shot down South Korean drone near Kaesong; Seoul
    # declines to confirm")
    long_headline = headline and _ALNUM.search(text, line.end) is not None
    if words > lex.heading_max_words + (_HEADLINE_EXTRA_WORDS if long_headline else 0):
        return False
    title = _title_case(s, lex)
    # A heading may end on an abbreviation ("… Outside the U.S.") but not on a full stop.
    if last == "." and not (title and _ends_with_abbreviation(core, lex)):
        return False
    # A longer line in sentence case without its full stop is more likely a claim than a title.
    if not (title or question or headline) and words > lex.heading_max_words_plain:
        return False
    # "“We are done,” she said" is a quotation with its speaker, not a title.
    if _QUOTE_THEN_SPEAKER.search(s) is not None:
        return False
    if not title and len(_split(scan, line.start, line.end)) > 1:
        return False
    if alone or title or question:
        return True
    # The reader blanks "## " to spaces: a masked heading is indented more than its neighbours.
    deeper_than_next = nxt is None or line.indent > nxt.indent
    deeper_than_prev = prev is None or line.indent > prev.indent
    return line.indent > 0 and deeper_than_next and deeper_than_prev


def _set_apart(
    text: str, line: _Line, prev: _Line | None, nxt: _Line | None, prev_heading: bool, width: int, question: bool
) -> bool:
    """Whether a line inside a paragraph stands apart from the lines around it, as a heading does.

    Inside a paragraph a line break is usually wrapping: a heading must follow the end of a
    sentence (or another heading), and the line after it must start afresh.
    """
    if prev is not None and not prev_heading and not _ends_sentence(text, prev):
        return False
    if _is_dateline(text[line.start : line.end]):
        return False
    if nxt is None:
        return True
    if (text[nxt.start].islower() or text[nxt.start] in _CONTINUES) and _list_marker(text, nxt) is None:
        return False  # (a bullet item after it starts afresh: "KEY POINTS⏎- Acme said …")
    # Hard-wrapped text breaks a line only when the next word does not fit; a heading's line
    # break is deliberate. ("The U.S. Commerce⏎Department said …" at 20 columns.) A question
    # ends a sentence either way.
    if width and not question:
        next_word = _FIRST_WORD.match(text, nxt.start, nxt.end)
        next_len = next_word.end() - nxt.start if next_word else 0
        if _length(line) + 1 + next_len > width:
            return False
    return True


def _runs_on(text: str, line: _Line, nxt: _Line) -> bool:
    """Whether a line is cut mid-sentence: it ends on a lower-case word or a comma, or the next
    line starts in lower case. Headings never do."""
    if text[line.end - 1] in _CONTINUES or text[nxt.start].islower():
        return True
    last_word = text.rfind(" ", line.start, line.end) + 1 or line.start
    return text[last_word].islower()


def _length(line: _Line) -> int:
    """How many columns a line takes, indentation included."""
    return line.end - line.start + line.indent


def _title_case(s: str, lex: _Lexicon) -> bool:
    """Whether every word but the small ones starts with a capital (and at least one does)."""
    capitalised = 0
    for k, word in enumerate(s.split()):
        core = word.strip(_WORD_EDGES)
        if not core:
            continue
        lower = core.lower()
        if lower != core:  # holds a capital: "Why", "AI", "iPhone"
            capitalised += 1
        elif lower != core.upper() and (k == 0 or lower not in lex.small_words):
            return False
    return capitalised > 0


def _ends_with_abbreviation(core: str, lex: _Lexicon) -> bool:
    """Whether text ending in a full stop ends with a known abbreviation such as "U.S."."""
    words = core[:-1].split()
    token = words[-1].lstrip(_TOKEN_STOP) if words else ""
    return bool(token) and (token in lex.maybe_final or token in lex.titles or _DOTTED.fullmatch(token) is not None)


def _ends_sentence(text: str, line: _Line) -> bool:
    """Whether a line's visible text ends with a sentence-final mark (closing quotes aside)."""
    core = text[line.start : line.end].rstrip(_CLOSERS)
    return bool(core) and (core[-1] in _MARKS or core[-1] in _CJK_MARKS)


def _is_dateline(s: str) -> bool:
    """'SINGAPORE, Jan 5 (Reuters)': a place in capitals and an agency in brackets."""
    if not s.endswith(")") or "(" not in s:
        return False
    letters = [ch for ch in s.split(None, 1)[0] if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# --- sentences -------------------------------------------------------------------------------


def _sentences(scan: _Scan, lines: list[_Line]) -> list[tuple[int, int]]:
    """Sentence spans of a run of lines of running text, trimmed."""
    # A line that opens with a list marker starts a statement, whatever ends the line before.
    text = scan.text
    spans: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(lines)):
        if _starts_list_item(text, lines[k], lines[k - 1]):
            spans += _split(scan, lines[first].start, lines[k - 1].end)
            first = k
    spans += _split(scan, lines[first].start, lines[-1].end)
    return spans


def _starts_list_item(text: str, line: _Line, prev: _Line) -> bool:
    """Whether a line opens a list item ("- cap fees", "2. ban charges") that starts a statement.

    Wrapped prose can put "- " or "30. " at the start of a line too ("… by Sept.⏎30. The …"), so
    the line before must introduce a list (a colon), be an item itself, or (for a bullet) end a
    sentence.
    """
    kind = _list_marker(text, line)
    if kind is None:
        return False
    if _list_marker(text, prev) is not None or text[prev.end - 1] == ":":
        return True
    return kind == "bullet" and _ends_sentence(text, prev)


def _list_marker(text: str, line: _Line) -> str | None:
    first = text[line.start]
    if first in _BULLET_STARTS:
        if line.start + 1 < line.end and text[line.start + 1] in BLANK_CHARS:
            return "bullet"
        return None
    if first.isdigit() and _LIST_NUMBER.match(text, line.start, line.end) is not None:
        return "number"
    return None


def _split(scan: _Scan, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], which starts and ends with a visible character.

    A sentence ends with its marks and closing quotes (visible), and the next one starts at the
    first visible character after them, so every span comes out trimmed.
    """
    spans: list[tuple[int, int]] = []
    cur = start
    for m in scan.terminal.finditer(scan.text, start, end):
        nxt = _next_sentence(scan, m, cur, end)
        if nxt >= 0:
            spans.append((cur, m.end()))
            cur = nxt
    spans.append((cur, end))
    return spans


def _next_sentence(scan: _Scan, m: re.Match[str], cur: int, end: int) -> int:
    """Where the next sentence starts if the marks of `m` end the one that began at `cur`, else -1.

    Judged on a few characters of context: the word the marks end and the word after them.
    """
    text = scan.text
    after = m.end()
    if after >= end:
        return -1
    # The next visible character; nearly always right after one space.
    i = after + 1
    if text[after] != " " or text[i] in BLANK_CHARS:
        found = _NONBLANK.search(text, after, end)
        if found is None:
            return -1
        i = found.start()
    c = text[i]
    if c.islower():
        return -1  # "Inc. said", "e.g. over", "“Why?” she asked": never a new sentence.
    group = m.group()
    marks = group.rstrip(_CLOSERS)
    last = marks[-1]
    if last in _CJK_MARKS:
        return i  # Chinese and Japanese put no space between sentences.
    if last == "." and len(marks) == 1:
        return i if _full_stop_ends(scan, m.start(), i, cur, end) else -1
    if "?" in marks or "!" in marks or "‽" in marks:
        return i if _starts_sentence(c) else -1
    # An ellipsis ends a sentence only before a clear new start; elsewhere it marks an omission.
    closed = len(marks) < len(group)
    if closed and _starts_sentence(c) and not c.isdigit():
        return i
    return i if c in _OPENERS or _starter_follows(scan, i, end) else -1


def _full_stop_ends(scan: _Scan, t: int, i: int, cur: int, end: int) -> bool:
    """Whether the full stop at `t` ends the sentence begun at `cur`; the next would start at `i`."""
    text, lex = scan.text, scan.lex
    c = text[i]
    if c == "(" and _WIRE_CREDIT.match(text, i) is not None:
        return False  # "CEDAR BLUFF, Ore. (AP) — …": a dateline's credit goes on with the sentence
    lo = max(cur, t - _TOKEN_MAX)
    k = text.rfind(" ", lo, t) + 1 or lo
    raw = text[k:t]
    cut = _TOKEN_CUT.search(raw)
    if cut is not None:  # a line break, a tab or an opening bracket inside: cut after the last
        tail = _TOKEN_CUT_REV.match(raw[::-1])
        assert tail is not None  # the pattern matches the empty string
        k = t - tail.end()
        raw = text[k:t]
    token = raw.rstrip(_CLOSERS).lstrip("'’")
    if not token:
        # ". . ." written with spaces: the last dot of a spaced ellipsis.
        if "." in text[max(cur, t - 2) : t]:
            return c in _OPENERS or _starter_follows(scan, i, end)
        return _starts_sentence(c)
    if token in lex.titles or token in lex.never_final:
        return False
    if c.isdigit() and token in lex.before_number:
        return False
    if k == cur and len(token) <= 3 and token.isdigit():
        return False  # "1. The first point": a list number opening the sentence.
    if token in lex.maybe_final or (len(token) == 1 and token.isupper()) or _DOTTED.fullmatch(token) is not None:
        # "in the U.S. The …" ends; "the U.S. Commerce Department" and "J. P. Morgan" do not.
        return not c.isdigit() and (c in _OPENERS or _starter_follows(scan, i, end))
    return _starts_sentence(c)


def _starter_follows(scan: _Scan, i: int, end: int) -> bool:
    """Whether the word at `i` is one that typically opens a sentence ("The", "It", "But", …)."""
    m = _WORD.match(scan.text, i, min(end, i + _WORD_MAX))
    if m is None:
        return False
    word, j = m.group(), m.end()
    if j < end and scan.text[j] == "." and len(word) == 1:
        return False  # an initial: "J. A. Smith"
    return word in scan.lex.starters


def _starts_sentence(c: str) -> bool:
    """Whether a character can open a sentence: not a lower-case letter or trailing punctuation."""
    if c.isupper() or c.istitle() or c.isdigit() or c in _OPENERS or c in "#@•*":
        return True
    if c.isalpha():
        return not c.islower()  # scripts without case (Arabic, CJK, …)
    return unicodedata.category(c) == "Sc"  # "$4.5 billion was raised."
