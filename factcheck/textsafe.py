"""Make draft text safe to print on a terminal or in a UI cell.

A draft is untrusted input. An ESC byte in it can recolour or clear the terminal, move the cursor
and rewrite what the editor sees; a carriage return can overwrite a line; a bidi override
(U+202E) can make "Reuters" display as "sretueR" or reorder a sentence so it reads as something
it does not say. `safe` turns every such character into a visible stand-in, so the reader sees
that it is there and the terminal never acts on it:

- C0 controls and DEL become their Unicode "control pictures": ESC → ␛, NUL → ␀, DEL → ␡.
- C1 controls (U+0080–U+009F), bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C) and lone surrogates (which cannot even be encoded for output) become `<U+202E>`.
- Line breaks: by default the result is one line, for a table cell or a one-line report. Every
  line break (LF, CR, CRLF, NEL, U+2028, U+2029) and tab becomes a single space, because drafts
  are often hard-wrapped and a statement that runs over a wrapped line should read as ordinary
  prose; a statement never spans a paragraph break, so nothing worth marking is lost.
  With `keep_newlines=True`, LF and tab are kept, CRLF and a lone CR become LF, and NEL, U+2028
  and U+2029 become LF: a lone CR would otherwise return the cursor and let the next text
  overwrite the line.

The rest of an escape sequence ("[31m") is harmless once its ESC is replaced, so it is left as
text: the reader sees exactly what was in the draft.

`same_length=True` keeps the length (one character in, one character out), for callers that
highlight spans by offset in the sanitised string: then C1, bidi controls and surrogates become
U+FFFD, and CRLF becomes a space plus the line break. Simpler still for such callers: cut the raw
text at the offsets first and sanitise each piece.

Zero-width characters (U+200B–U+200D, U+2060) are left alone: they are not dangerous to a
terminal, joiners are needed by several scripts and by emoji, and look-alike source names are
the registry's job (it folds them and flags the source as suspicious).
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["safe"]

# Characters the terminal would act on, or that reorder what is displayed around them.
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
_BREAKS = (0x85, 0x2028, 0x2029)  # line breaks that are not LF or CR
_NEEDS_WORK = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def _picture(code: int) -> str:
    """The Unicode control picture for a C0 control or DEL (U+2400–U+241F, U+2421)."""
    return chr(0x2421) if code == 0x7F else chr(0x2400 + code)


@cache
def _table(keep_newlines: bool, same_length: bool) -> dict[int, str]:
    """The translation table for one combination of options, built once."""
    table: dict[int, str] = {code: _picture(code) for code in (*range(0x20), 0x7F)}
    hidden = (*range(0x80, 0xA0), *_BIDI, *range(0xD800, 0xE000))
    for code in hidden:
        table[code] = "\ufffd" if same_length else f"<U+{code:04X}>"
    if keep_newlines:
        del table[ord("\n")], table[ord("\t")]
        for code in _BREAKS:
            table[code] = "\n"
        # A lone CR (old Mac line ends) is a line break; CRLF was folded before the table.
        table[ord("\r")] = "\n"
    else:
        for code in (ord("\n"), ord("\t"), *_BREAKS):
            table[code] = " "
        table[ord("\r")] = " "
    return table


def safe(text: str, *, keep_newlines: bool = False, same_length: bool = False) -> str:
    """Return `text` with every control, escape and bidi character replaced by a visible stand-in.

    One line by default (line breaks and tabs become spaces); `keep_newlines=True` keeps LF and
    tab. `same_length=True` maps each character to exactly one character, so offsets still hold.
    """
    if not _NEEDS_WORK.search(text):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", " \n" if same_length else "\n")
    return text.translate(_table(keep_newlines, same_length))


# Terminal control sequences (CSI "ESC [ … m", OSC "ESC ] … BEL", two-character escapes) and lone
# control characters: each pattern is linear (disjoint character classes, no nested repetition).
_CONTROL_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]"
)
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Any character `mask_controls` would blank (line breaks and tabs are not among them): most drafts
# hold none, and are returned as they are after one scan.
_MASKABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def mask_controls(text: str) -> str:
    """`text` with terminal control sequences and stray control characters blanked by spaces.

    Same length, so every offset still points at the same place. Bidi controls are blanked where
    they stand between words ("\u2068BBC\u2069") and kept inside one ("Reu\u200eters"), where
    the engine sees through them and flags the name as suspicious.
    """
    if not _MASKABLE.search(text):
        return text
    text = _CONTROL_SEQUENCE.sub(lambda m: " " * len(m.group()), text)

    def bidi(m: re.Match[str]) -> str:
        i = m.start()
        inside = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        return m.group() if inside else " "

    return _BIDI_CONTROL.sub(bidi, text)
