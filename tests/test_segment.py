"""How a draft is cut into statements and paragraphs: what an editor sees as one row each."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.analysis.segment import BLANK_CHARS, is_blank, segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def texts(draft: str) -> list[str]:
    return [s.text for s in segment(draft)]


def kinds(draft: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment(draft)]


def paragraphs(draft: str) -> list[int]:
    return [s.paragraph for s in segment(draft)]


# --- the seed draft --------------------------------------------------------------------------


def test_seed_article_matches_the_gold_reading_statement_by_statement():
    text = (CORPUS / "seed-article.txt").read_text(encoding="utf-8")
    gold = json.loads((CORPUS / "seed-article.gold.json").read_text(encoding="utf-8"))["statements"]
    got = [(s.start, s.end, s.kind) for s in segment(text)]
    assert got == [(g["start"], g["end"], g["kind"]) for g in gold]


def test_seed_article_paragraphs_follow_the_blank_lines_that_hold_a_space_or_nbsp():
    text = (CORPUS / "seed-article.txt").read_text(encoding="utf-8")
    statements = segment(text)
    by_paragraph: dict[int, list[str]] = {}
    for s in statements:
        by_paragraph.setdefault(s.paragraph, []).append(s.text)
    # 4 headings and 11 paragraphs of text, the NBSP lines between them separating nothing extra.
    assert len(by_paragraph) == 15
    assert by_paragraph[0] == ["Why Are AI Companies Moving AI Training Locations?"]
    assert by_paragraph[1][0].startswith("Chinese tech companies")
    assert len(by_paragraph[1]) == 3
    assert statements[-1].text.endswith("Singapore and Malaysia.")


# --- the statement fields --------------------------------------------------------------------


def test_statements_are_numbered_in_order_with_exact_offsets_and_no_reading_yet():
    draft = "  Alibaba trains abroad.  ByteDance does too.\n\nNvidia declined to comment.  "
    statements = segment(draft)
    assert [s.index for s in statements] == [0, 1, 2]
    for s in statements:
        assert draft[s.start : s.end] == s.text
        assert s.attributions == [] and s.flags == [] and s.non_responses == []
    assert [s.text for s in statements] == [
        "Alibaba trains abroad.",
        "ByteDance does too.",
        "Nvidia declined to comment.",
    ]


@pytest.mark.parametrize("draft", ["", "   ", "\n\n\r\n", "\u00a0\u200b\u2028\t"])
def test_blank_drafts_have_no_statements(draft):
    assert segment(draft) == []


def test_blank_characters_are_exactly_the_unicode_spaces_plus_zero_width_ones():
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(BLANK_CHARS) == spaces | set("\u200b\u200c\u200d\u2060\ufeff")
    assert is_blank("\u00a0") and is_blank("\u200b") and not is_blank("a")


# --- paragraphs ------------------------------------------------------------------------------


def test_a_blank_line_ends_a_paragraph():
    assert paragraphs("One fact. Two facts.\n\nThree facts.") == [0, 0, 1]


@pytest.mark.parametrize(
    "blank",
    [" ", "\t", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", " \u00a0 \u200b "],
    ids=["space", "tab", "nbsp", "em-space", "ideographic-space", "zwsp", "bom", "mixed"],
)
def test_a_line_of_only_spaces_or_invisible_characters_is_blank(blank):
    assert paragraphs(f"Rates rose.\n{blank}\nStocks fell.") == [0, 1]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r", "\u2028", "\u2029"], ids=repr)
def test_every_kind_of_line_ending_separates_lines_without_moving_offsets(eol):
    draft = f"The port reopened on Friday.{eol}{eol}Ships queued outside{eol}for a second day."
    statements = segment(draft)
    assert [s.paragraph for s in statements] == [0, 1]
    assert statements[1].text == f"Ships queued outside{eol}for a second day."
    assert all(draft[s.start : s.end] == s.text for s in statements)


def test_a_single_line_break_inside_a_paragraph_is_just_wrapping():
    draft = "The central bank kept its main rate at\n4.5% on Thursday, as expected.\nMarkets barely moved."
    assert texts(draft) == [
        "The central bank kept its main rate at\n4.5% on Thursday, as expected.",
        "Markets barely moved.",
    ]
    assert paragraphs(draft) == [0, 0]


def test_wrapped_lines_that_look_short_do_not_become_headings():
    draft = (
        "Shipping lines said on Tuesday that they would\n"
        "Divert vessels around the cape for now\n"
        "because of the attacks. Insurers agreed."
    )
    assert [k for k, _ in kinds(draft)] == ["claim", "claim"]


def test_paragraph_numbers_count_only_paragraphs_with_text():
    assert paragraphs("\n\n\nFirst.\n\n \n\n\u00a0\nSecond.\n\n") == [0, 1]


# --- sentence ends ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("The mine closed. Workers left.", ["The mine closed.", "Workers left."]),
        ("Will it reopen? Nobody knows!  Ask the owner.", ["Will it reopen?", "Nobody knows!", "Ask the owner."]),
        ("Output fell. 2024 was worse.", ["Output fell.", "2024 was worse."]),
        ("Output fell. “It hurts,” a miner said.", ["Output fell.", "“It hurts,” a miner said."]),
        ("Output fell. (Prices rose.)", ["Output fell.", "(Prices rose.)"]),
        ("Output fell. $3 billion was lost.", ["Output fell.", "$3 billion was lost."]),
        ("Exports slowed.\nImports held up.", ["Exports slowed.", "Imports held up."]),
        ("Exports slowed.Imports held up.", ["Exports slowed.Imports held up."]),
    ],
)
def test_sentences_end_at_final_marks_before_a_plausible_start(draft, expected):
    assert texts(draft) == expected


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence():
    assert texts("The vote is at 3 p.m. on Friday, the clerk said.") == [
        "The vote is at 3 p.m. on Friday, the clerk said."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Mr. Okafor and Mrs. Lund met Ms. Diaz and Dr. Rao.",
        "Prof. Han briefed Sen. Ruiz, Rep. Cole and Gov. Hale.",
        "Gen. Ota, Lt. Park and Col. Reyes flew to St. Louis.",
        "Orbit Inc. and Delta Corp. bought Kemp Co. from Ansel Ltd. and Hart Bros. last year.",
        "She ranked No. 1 in the vote.",
        "Talks begin Jan. 4 and end Feb. 9, with a pause from Aug. 2 to Sept. 15.",
        "The ruling is due Oct. 3, Nov. 7 or Dec. 12.",
        "Large buyers, e.g. Pension funds, and small ones, i.e. Retail savers, both sold.",
        "The case of Ortiz vs. Hale was settled.",
        "Pay rose for managers, clerks, etc. and for drivers.",
        "The shop opens at 9 a.m. and shuts at 5 p.m. every day.",
        "Ed Ruiz Jr. and his father Ed Ruiz Sr. both spoke.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(draft):
    assert texts(draft) == [draft]


@pytest.mark.parametrize(
    "draft",
    [
        "The U.S. Commerce Department issued the rule.",
        "Diplomats from the U.K. Foreign Office and the U.N. Security Council met.",
        "The E.U. Parliament voted.",
        "Shares of J. P. Morgan rose.",
        "Donald J. Trump signed the order.",
        "Funds such as T. Rowe Price sold.",
    ],
)
def test_initials_and_dotted_initialisms_do_not_end_a_sentence_mid_name(draft):
    assert texts(draft) == [draft]


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (
            "The chips are made in the U.S. The buyers are in Asia.",
            ["The chips are made in the U.S.", "The buyers are in Asia."],
        ),
        (
            "Demand fell in the U.K. But prices held.",
            ["Demand fell in the U.K.", "But prices held."],
        ),
        (
            "The deal closed at 10 a.m. It had taken a year.",
            ["The deal closed at 10 a.m.", "It had taken a year."],
        ),
        (
            "The buyer was Kemp Holdings Inc. Its shares rose.",
            ["The buyer was Kemp Holdings Inc.", "Its shares rose."],
        ),
        (
            "Pay rose for managers, clerks, etc. They all welcomed it.",
            ["Pay rose for managers, clerks, etc.", "They all welcomed it."],
        ),
        (
            "The plan covers exports to the U.S. “We will comply,” the firm said.",
            ["The plan covers exports to the U.S.", "“We will comply,” the firm said."],
        ),
    ],
)
def test_an_abbreviation_ends_the_sentence_before_a_common_sentence_starter(draft, expected):
    assert texts(draft) == expected


def test_no_before_a_capitalised_word_is_the_word_no():
    assert texts("Asked if he would resign, he said no. The board backed him.") == [
        "Asked if he would resign, he said no.",
        "The board backed him.",
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Profit rose 3.2% to $4.5 billion, or 1.5x the forecast.",
        "Version v2.0 of the app shipped with 0.75 GB of data.",
        "Inflation was 2.25 percent, against 2.5 percent in March.",
        "Read the filing at https://example.org/filings/2024.10.pdf?page=3 before the vote.",
        "Send questions to press.office@example.co.uk or to desk.news@example.com today.",
        "The U.S.-China talks and the E.U.'s reply came later.",
    ],
)
def test_decimals_money_versions_urls_and_emails_are_not_sentence_ends(draft):
    assert texts(draft) == [draft]


def test_a_url_or_email_can_still_end_a_sentence():
    assert texts("Details are at example.org. The site was down.") == [
        "Details are at example.org.",
        "The site was down.",
    ]


def test_an_ellipsis_inside_a_sentence_does_not_split_it():
    for draft in (
        "The minister said the plan was ... under review.",
        "The minister said the plan was… Beijing-style, in his words.",
        "The report said the deal ... Alibaba and Tencent ... would close.",
        "He said . . . nothing more.",
    ):
        assert texts(draft) == [draft]


def test_an_ellipsis_before_a_new_sentence_ends_the_sentence():
    assert texts("The talks dragged on... The deal collapsed.") == [
        "The talks dragged on...",
        "The deal collapsed.",
    ]
    assert texts("The talks dragged on… It was over.") == ["The talks dragged on…", "It was over."]
    assert texts("The talks dragged on . . . The deal collapsed.") == [
        "The talks dragged on . . .",
        "The deal collapsed.",
    ]


def test_a_closing_quote_after_the_full_stop_stays_with_its_sentence():
    assert texts("“We are finished.” She walked out.") == ["“We are finished.”", "She walked out."]
    assert texts('"We are finished." She walked out.') == ['"We are finished."', "She walked out."]
    assert texts("He wrote: ‘No more.’ Then he left.") == ["He wrote: ‘No more.’", "Then he left."]
    assert texts("The fund (the largest.) Sold out.") == ["The fund (the largest.)", "Sold out."]
    assert texts("«C’est fini.» Il est parti.") == ["«C’est fini.»", "Il est parti."]


def test_a_quotation_is_never_cut_from_the_speaker_that_follows_it():
    assert texts("“We can. We will,” the chief executive said.") == [
        "“We can.",
        "We will,” the chief executive said.",
    ]
    assert texts("“Is it over?” she asked. Nobody answered.") == ["“Is it over?” she asked.", "Nobody answered."]
    assert texts("“Enough!” shouted a trader.") == ["“Enough!” shouted a trader."]


def test_a_dateline_is_part_of_the_first_sentence():
    draft = "SINGAPORE (Reuters) - Chip exports rose in May. Imports fell."
    assert kinds(draft) == [
        ("claim", "SINGAPORE (Reuters) - Chip exports rose in May."),
        ("claim", "Imports fell."),
    ]
    draft = "LONDON, Jan. 5 (Reuters) -\nThe pound rose on Friday."
    assert kinds(draft) == [("claim", draft)]
    draft = "TOKYO, March 3 (Kyodo)\nThe yen weakened."
    assert kinds(draft) == [("claim", draft)]


def test_list_items_on_their_own_lines_are_separate_statements():
    draft = "The bill would:\n- cap fees\n- ban hidden charges\n1. starting in May\n2) for all banks"
    assert texts(draft) == [
        "The bill would:",
        "- cap fees",
        "- ban hidden charges",
        "1. starting in May",
        "2) for all banks",
    ]


def test_numbered_points_inside_a_paragraph_keep_their_numbers():
    assert texts("The plan has two parts. 1. Cut fees. 2. Raise caps.") == [
        "The plan has two parts.",
        "1. Cut fees.",
        "2. Raise caps.",
    ]


def test_chinese_and_japanese_full_stops_need_no_space():
    assert texts("工厂关闭了。工人离开了！为什么？") == ["工厂关闭了。", "工人离开了！", "为什么？"]


# --- headings --------------------------------------------------------------------------------


def test_a_title_case_question_alone_is_a_heading():
    draft = "Why Did The Port Close?\n\nThe port closed on Friday."
    assert kinds(draft) == [("heading", "Why Did The Port Close?"), ("claim", "The port closed on Friday.")]


def test_a_title_case_line_alone_is_a_heading():
    assert kinds("What Comes Next for Chip Makers\n\nThey wait.")[0] == (
        "heading",
        "What Comes Next for Chip Makers",
    )


def test_a_short_line_alone_without_a_full_stop_is_a_heading_even_in_lower_case():
    # A Markdown heading after the reader blanked its "## ".
    draft = "   what the rules say\n\nThe rules are strict."
    assert kinds(draft) == [("heading", "what the rules say"), ("claim", "The rules are strict.")]


def test_a_byline_alone_is_not_a_claim():
    assert kinds("By Maria Ortiz\n\nThe port closed.")[0] == ("heading", "By Maria Ortiz")


def test_a_one_line_paragraph_ending_in_a_full_stop_is_a_claim():
    assert kinds("The port closed.\n\nShips waited.") == [
        ("claim", "The port closed."),
        ("claim", "Ships waited."),
    ]


def test_a_long_line_alone_is_not_a_heading():
    line = " ".join(["Word"] * 20)
    assert kinds(line) == [("claim", line)]
    line = "Port " * 30
    assert kinds(line.strip()) == [("claim", line.strip())]


def test_a_line_ending_with_punctuation_that_continues_is_not_a_heading():
    for line in ("The officials said:", "Prices rose, then fell;", "Exports rose!", "Demand rose -"):
        assert kinds(line)[0][0] == "claim"


def test_a_short_quotation_with_its_speaker_is_not_a_heading():
    assert kinds("“We will not sell,” the founder said")[0][0] == "claim"


def test_a_quoted_question_alone_is_still_a_heading():
    assert kinds("“Who Pays for the Chips?”\n\nThe buyers do.")[0] == ("heading", "“Who Pays for the Chips?”")


def test_a_short_line_with_two_sentences_is_not_a_heading():
    assert kinds("Rates rose. Stocks fell") == [("claim", "Rates rose."), ("claim", "Stocks fell")]


def test_a_heading_line_directly_above_its_text_is_its_own_paragraph():
    draft = "How The Ban Works\nThe ban covers chips. It started in April."
    statements = segment(draft)
    assert [(s.kind, s.paragraph) for s in statements] == [("heading", 0), ("claim", 1), ("claim", 1)]
    assert statements[0].text == "How The Ban Works"


def test_a_heading_line_between_paragraph_lines_is_its_own_paragraph():
    draft = (
        "The ban covers the most advanced chips and took effect in April.\n"
        "Who Gains From It\n"
        "Local suppliers gain, the ministry said."
    )
    assert [(s.kind, s.text, s.paragraph) for s in segment(draft)] == [
        ("claim", "The ban covers the most advanced chips and took effect in April.", 0),
        ("heading", "Who Gains From It", 1),
        ("claim", "Local suppliers gain, the ministry said.", 2),
    ]


def test_a_question_line_between_sentences_is_a_heading_even_in_short_lines():
    draft = "The ban covers chips.\nWho gains from it?\nLocal suppliers gain."
    assert [(s.kind, s.paragraph) for s in segment(draft)] == [("claim", 0), ("heading", 1), ("claim", 2)]


def test_a_title_case_fragment_of_hard_wrapped_text_is_not_a_heading():
    # Wrapped at 24 columns: "Department" did not fit after "Commerce", so the break is wrapping.
    draft = "Exports fell in March.\nThe U.S. Commerce\nDepartment said so on\nFriday. Imports rose."
    assert kinds(draft) == [
        ("claim", "Exports fell in March."),
        ("claim", "The U.S. Commerce\nDepartment said so on\nFriday."),
        ("claim", "Imports rose."),
    ]


@pytest.mark.parametrize("width", [30, 40, 55, 70, 90])
def test_hard_wrapping_the_seed_article_changes_no_statement(width):
    text = (CORPUS / "seed-article.txt").read_text(encoding="utf-8")
    wrapped = "\n".join(textwrap.fill(line, width) if line.strip() else line for line in text.split("\n"))

    def reading(t: str) -> list[tuple[str, int, str]]:
        return [(s.kind, s.paragraph, " ".join(s.text.split())) for s in segment(t)]

    assert reading(wrapped) == reading(text)


def test_stacked_title_lines_above_the_text_are_headings():
    draft = (
        "Chip Makers Move Abroad\nRules Push Training to Singapore\nBy Maria Ortiz\nThe firms said so. More followed."
    )
    assert [(s.kind, s.paragraph) for s in segment(draft)] == [
        ("heading", 0),
        ("heading", 1),
        ("heading", 2),
        ("claim", 3),
        ("claim", 3),
    ]


def test_a_title_wrapped_over_two_lines_is_one_heading_but_a_byline_below_it_is_its_own():
    draft = "Why Chip Makers Are Moving Their Training\nRuns to Data Centres in Singapore\n\nThe firms said so."
    assert kinds(draft)[0] == (
        "heading",
        "Why Chip Makers Are Moving Their Training\nRuns to Data Centres in Singapore",
    )
    draft = "Chip Makers Move Their Training Abroad\nBy Maria Ortiz\n\nThe firms said so."
    assert kinds(draft)[:2] == [("heading", "Chip Makers Move Their Training Abroad"), ("heading", "By Maria Ortiz")]


def test_a_masked_markdown_heading_directly_above_its_text_is_a_heading():
    draft = "   background and context\nThe ban started in April."
    assert kinds(draft) == [("heading", "background and context"), ("claim", "The ban started in April.")]


def test_a_title_case_heading_may_end_on_an_abbreviation():
    assert kinds("Why Chip Makers Are Leaving the U.S.") == [("heading", "Why Chip Makers Are Leaving the U.S.")]


def test_a_separator_line_is_not_a_claim():
    assert kinds("Rates rose.\n\n* * *\n\nStocks fell.")[1] == ("heading", "* * *")


# --- never breaks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "\x00",
        "\ud800 lone surrogate. Another\udfff one.",
        "\x1b[31mred\x1b[0m. Next.",
        "a\r\rb\r\n\r\nc",
        "\u2028\u2029.",
        "." * 50,
        "?!" * 20,
        "“" * 30,
        " . . . ",
        "\u202eevil. Text.",
        "A.\nB.\n\n1.\n-\n-",
        "x" + "\u0301" * 10 + ". Y.",
    ],
)
def test_odd_input_never_raises_and_keeps_offsets(draft):
    for s in segment(draft):
        assert draft[s.start : s.end] == s.text


# --- the word lists --------------------------------------------------------------------------


def test_word_lists_are_data_written_without_final_full_stops_and_without_conflicts():
    # The package re-exports the function under the module's name: fetch the module itself.
    module = importlib.import_module("factcheck.analysis.segment")
    data = json.loads(module._DATA.read_text(encoding="utf-8"))
    groups = ("titles", "never_final", "before_number", "maybe_final", "sentence_starters", "heading_small_words")
    for group in groups:
        words = data[group]["words"]
        assert words, group
        assert all(w and not w.endswith(".") and w == w.strip() for w in words), group
        assert len(words) == len(set(words)), f"duplicates in {group}"
    # A word is either always inside a sentence (a title) or sometimes final, not both.
    assert not set(data["titles"]["words"]) & set(data["maybe_final"]["words"])
    assert module._lexicon() is module._lexicon()


def test_notices_about_the_story_and_live_timestamps_are_headings_corrections_are_claims() -> None:
    text = ("*This story is developing and will be updated.*\n\n9:30 p.m.\n\nThe governor declared an emergency.\n\n"
            "Editor's note: This story has been corrected to show that the hearing is on Friday.\n\n"
            "This story is developing. Police said three people were hurt.")
    kinds = [(st.kind, st.text) for st in segment(text)]
    assert kinds == [
        ("heading", "*This story is developing and will be updated.*"),
        ("heading", "9:30 p.m."),
        ("claim", "The governor declared an emergency."),
        ("claim", "Editor's note: This story has been corrected to show that the hearing is on Friday."),
        ("claim", "This story is developing."),
        ("claim", "Police said three people were hurt."),
    ]


def test_a_heading_the_writer_marked_is_one_however_long(tmp_path: Path) -> None:
    from factcheck.analysis import analyse
    from factcheck.read import read_draft

    title = "Ferry Operator Lenholm Wins Two New Routes as Rival Coastline Buses Is Shut Out of the Tender"
    path = tmp_path / "d.md"
    path.write_text(f"# {title}\n\nLenholm will run the routes, the board said.\n\n{title}\n", encoding="utf-8")
    first, _body, unmarked = analyse(read_draft(path)).statements
    assert (first.text, first.kind) == (title, "heading")
    assert unmarked.kind == "claim"  # without its mark, a line this long is a claim that lost its stop


def test_the_first_line_after_a_slug_is_still_the_headline():
    text = ("SLUG: BRIDGE-CABLES / draft 2 / for Thursday's paper\n\n"
            "Council was warned of bridge cable corrosion before lifting the lorry ban\n\n"
            "Engineers flagged corrosion in the cables, according to a report.\n")
    kinds = [s.kind for s in segment(text)]
    assert kinds == ["heading", "heading", "claim"]


def test_the_header_of_a_pasted_email_is_not_a_claim():
    text = ("From: tipster@mail.example\nSent: Monday, 9 March 2026 07:42\nSubject: Tollmere bridge - they knew\n\n"
            "I work in highways at the council. The October report said the cables were poor.\n")
    assert [s.kind for s in segment(text)] == ["heading", "heading", "heading", "claim", "claim"]
