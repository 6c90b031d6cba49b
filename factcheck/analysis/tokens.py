"""Words of a statement with their offsets, and the noun phrases the engine reads around cues.

A token is a word (letters, digits, inner apostrophes, hyphens, ampersands, zero-width marks) or
a single punctuation character. Every pattern here matches one token at a time, so tokenising
is linear in the length of the text whatever it holds.
"""

from __future__ import annotations

import re

# Zero-width characters, soft hyphens and bidi marks stay inside a word, so "Reu\u200bters" is one
# token that the registry can then see through (and flag as suspicious); combining accents stay
# inside too, so a decomposed (NFD) "Zoe\u0308" is one word.
_INNER = ("\u00ad\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069"
          "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f")
_INNER_CHAR = re.compile(f"[{_INNER}]")
TOKEN_RE = re.compile(
    # Abbreviations are tried only where one could start (a letter, up to three more, a full stop).
    r"(?=[^\W\d_][a-z]{0,3}\.)(?:"
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.K., e.g.
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Inc|Corp|Co|Ltd|No|Bros)\.(?=\s))"
    # a number with its group separators and decimals: "40,000", "4.5" (the comma in "40,000" must
    # never look like the end of an apposition)
    r"|\d+(?:[.,]\d+)+"
    # a word, keeping a plural possessive's apostrophe ("workers' union") and a web domain ("Detik.com")
    # and a name with a plus ("OPEC+", "Disney+")
    rf"|[\w{_INNER}]+(?:['’&-][\w{_INNER}]+)*(?:\.(?:com|net|org|io|co|ai|news)(?![\w.]))?(?:(?<=[sS])['’](?!\w))?"
    r"(?:(?<=[A-Za-z])\+(?![\w+]))?"
    r"|[^\w\s]"
)

OPEN_QUOTES = frozenset("“\"«„‘")
CLOSE_QUOTES = frozenset("”\"»’")
CLAUSE_PUNCT = frozenset(",;:()[]{}—–\"“”«»„‘’!?…")


class Tok:
    """A word or punctuation mark, with its offsets into the whole draft."""

    # A plain class, not a NamedTuple: compiled (setup.py), its fields are read straight from
    # memory, and tokens are read many times more often than they are made.
    __slots__ = ("end", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low

    def __repr__(self) -> str:
        return f"Tok({self.start}, {self.end}, {self.text!r})"

    @property
    def is_word(self) -> bool:
        first = self.text[0]
        return first.isalnum() or first == "_" or _INNER_CHAR.match(first) is not None

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def bare(self) -> str:
        """Lower-case word without a possessive ending: "ByteDance’s" → "bytedance"."""
        low = self.low
        last = low[-1:]
        if last == "s":  # most words end otherwise: one comparison rules them out
            return low[:-2] if low.endswith(("'s", "’s")) else low
        if last == "'" or last == "’":
            return low[:-1] if low.endswith(("s'", "s’")) else low
        return low


# Each match is (the blanks before a token, the token): `findall` hands back plain strings, which is
# much cheaper than a match object a token, and the offsets follow from the lengths. The blanks are
# possessive and the text is right-stripped first, so a trailing run of blanks is never rescanned.
_SCAN_RE = re.compile(r"(\s*+)(" + TOKEN_RE.pattern + ")")


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    out: list[Tok] = []
    append = out.append
    pos = offset
    for blanks, g in _SCAN_RE.findall(text.rstrip()):
        pos += len(blanks)
        end = pos + len(g)
        append(Tok(pos, end, g, g.lower()))
        pos = end
    return out


WORD_RE = re.compile(r"[^\W\d_]+")
