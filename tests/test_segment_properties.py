"""Properties of `segment` that must hold for any text a newsroom could paste in."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.analysis.segment import is_blank, segment

# Any code point at all, lone surrogates and control characters included.
any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())

# Pieces of wire copy glued at random: abbreviations, marks, quotes, line breaks and blanks in
# every form, so the rules meet each other far more often than in uniform random text.
WIRE_WORDS = (
    "The report said Reuters U.S. U.K. Mr. Dr. Inc. No. 1 3.2% $4.5 billion e.g. J. P. Morgan a.m. Jan. "
    "etc. vs. Why Are AI Companies Moving? it It But SINGAPORE (Reuters) - — ... … . ! ? ?! , : ; “ ” "
    "\" ' ‘ ’ ( ) « » example.com a@b.co v2.0 。 工厂 * By Jane Doe ## 1. 2)"
)
WORDS = WIRE_WORDS.split(" ")
BLANKS = [" ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff"]
ODD = ["\n \n", "\n\u00a0\n", "\x00", "\x0b", "\ud800", "- ", "1. ", "* * *"]
PIECES = WORDS + BLANKS + ODD
news_like = st.lists(st.sampled_from(PIECES), max_size=60).map(lambda parts: " ".join(parts))
news_like_tight = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
drafts = st.one_of(st.text(alphabet=any_char, max_size=300), news_like, news_like_tight)


def check_invariants(text: str) -> None:
    statements = segment(text)
    covered_to = 0
    for k, s in enumerate(statements):
        assert s.index == k
        assert s.kind in ("claim", "heading")
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        # Trimmed, in order, not overlapping, and nothing visible left out between statements.
        assert not is_blank(s.text[0]) and not is_blank(s.text[-1])
        assert s.start >= covered_to
        assert all(is_blank(ch) for ch in text[covered_to : s.start])
        covered_to = s.end
        # A statement never runs across a blank line.
        lines = s.text.splitlines()
        assert all(any(not is_blank(ch) for ch in line) for line in lines)
        assert s.attributions == [] and s.flags == [] and s.non_responses == []
    assert all(is_blank(ch) for ch in text[covered_to:])
    numbers = [s.paragraph for s in statements]
    if numbers:
        assert numbers[0] == 0
        assert all(b - a in (0, 1) for a, b in pairwise(numbers))


@settings(max_examples=400, deadline=None)
@given(drafts)
def test_any_text_segments_into_ordered_trimmed_statements_covering_every_visible_character(text):
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([p for p in PIECES if "\r" not in p]), max_size=60).map(" ".join))
def test_crlf_and_lone_cr_line_endings_give_the_same_reading_as_lf(text):
    def shape(t: str) -> list[tuple[str, int, str]]:
        return [(s.kind, s.paragraph, s.text.replace("\r\n", "\n").replace("\r", "\n")) for s in segment(t)]

    expected = shape(text)
    assert shape(text.replace("\n", "\r\n")) == expected
    assert shape(text.replace("\n", "\r")) == expected


@settings(max_examples=100, deadline=None)
@given(news_like)
def test_segmenting_is_the_same_for_a_paragraph_alone_or_after_another(text):
    # Offsets shift, readings do not: what a paragraph says cannot depend on the one before it.
    # (Both are read after a first paragraph: a draft's very first line may be its headline.)
    prefix = "An earlier paragraph ends here.\n\n"
    alone = [(s.kind, s.text) for s in segment(prefix + text)][1:]
    after = [(s.kind, s.text) for s in segment(prefix + prefix + text)][2:]
    assert after == alone
