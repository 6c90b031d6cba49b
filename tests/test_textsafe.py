"""Draft text never drives the terminal: escapes, controls and bidi overrides are shown, not obeyed."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.textsafe import safe

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def dangerous(char: str, keep_newlines: bool) -> bool:
    """What must never reach a terminal raw."""
    code = ord(char)
    if keep_newlines and char in "\n\t":
        return False
    return code < 0x20 or 0x7F <= code < 0xA0 or char in BIDI or char in "\u2028\u2029" or 0xD800 <= code < 0xE000


def test_an_escape_sequence_is_shown_not_obeyed() -> None:
    text = "Reuters said \x1b[31mred\x1b[0m and \x1b]8;;http://evil\x07link\x1b]8;;\x07 and \x1b[2J cleared"
    shown = safe(text)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == ("Reuters said ␛[31mred␛[0m and ␛]8;;http://evil␇link␛]8;;␇ and ␛[2J cleared")


def test_bidi_overrides_are_named() -> None:
    assert safe("The \u202eyadnoM\u202c deal") == "The <U+202E>yadnoM<U+202C> deal"
    shown = safe(BIDI)
    assert not any(char in shown for char in BIDI)
    assert shown.count("<U+") == len(BIDI)


def test_c1_controls_and_del_are_shown() -> None:
    # U+009B is a one-character CSI: some terminals obey it like ESC [.
    assert safe("a\x9b2Jb\x7fc\x85d") == "a<U+009B>2Jb␡c d"


def test_one_line_by_default() -> None:
    assert safe("The company\nsaid,\r\nin a\rstatement,\tthat\u2028it\u2029would.") == (
        "The company said, in a statement, that it would."
    )


def test_newlines_and_tabs_kept_when_asked() -> None:
    assert safe("line one\r\nline two\rline three\n\tindented\u2028x", keep_newlines=True) == (
        "line one\nline two\nline three\n\tindented\nx"
    )


def test_same_length_keeps_every_offset() -> None:
    text = "A\x1b[1mB\u202eC\r\nD\x9bE"
    shown = safe(text, same_length=True)
    assert len(shown) == len(text)
    assert shown == "A␛[1mB\ufffdC  D\ufffdE"
    assert safe(text, same_length=True, keep_newlines=True) == "A␛[1mB\ufffdC \nD\ufffdE"


def test_lone_surrogates_become_printable() -> None:
    # A file name with undecodable bytes reaches us as lone surrogates; printing them would crash.
    shown = safe("draft-\udce9.txt")
    assert shown == "draft-<U+DCE9>.txt"
    shown.encode("utf-8")


def test_ordinary_text_is_untouched() -> None:
    text = "Zürich — “quoted” 東京 مرحبا 👩\u200d💻 Reu\u200bters"
    assert safe(text) == text
    assert safe(text, keep_newlines=True, same_length=True) == text


def test_large_text_is_fast() -> None:
    text = ("Plain news prose, with a quote “here” and an accent é.\n" * 100_000) + "\x1b[31m"
    started = time.perf_counter()
    shown = safe(text, keep_newlines=True)
    assert time.perf_counter() - started < 2.0
    assert shown.endswith("␛[31m")


@settings(max_examples=500, deadline=None)
@given(st.text(), st.booleans(), st.booleans())
def test_nothing_dangerous_survives(text: str, keep_newlines: bool, same_length: bool) -> None:
    shown = safe(text, keep_newlines=keep_newlines, same_length=same_length)
    assert not any(dangerous(char, keep_newlines) for char in shown)
    shown.encode("utf-8")
    if same_length:
        assert len(shown) == len(text)
    if not keep_newlines:
        assert "\n" not in shown
