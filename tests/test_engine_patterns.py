"""What the engine reads in the sentence shapes of wire copy, one behaviour per test.

Every draft here is written for the test; none is taken from published news.
"""

from __future__ import annotations

from factcheck.analysis import analyse_text
from factcheck.models import Statement


def read(text: str) -> list[Statement]:
    return [s for s in analyse_text(text).statements if s.kind == "claim"]


def who(st: Statement) -> list[tuple[str, str | None, str]]:
    return [(a.source, a.via, a.basis) for a in st.attributions]


def test_source_before_the_content():
    (st,) = read("The Financial Times reported that the port will reopen in June.")
    assert who(st) == [("Financial Times", None, "explicit")]
    assert st.flags == ["single-source"]
    assert st.attributions[0].mention.text == "The Financial Times"
    assert st.attributions[0].cue.text == "reported"


def test_source_after_the_content_with_a_day():
    (st,) = read("The port will reopen in June, Reuters reported on Tuesday.")
    assert who(st) == [("Reuters", None, "explicit")]
    assert st.content is not None and st.content.text == "The port will reopen in June"


def test_according_to_at_either_end():
    a, b = read("According to Bloomberg, the port will reopen. The port will reopen, according to the AP.")
    assert who(a) == [("Bloomberg", None, "explicit")]
    assert who(b)[0][0] == "Associated Press"


def test_per_names_a_source_but_not_a_rate():
    a, b = read("The merger is off, per Axios.\n\nFares rose 4 per cent last year.")
    assert who(a)[0][0] == "Axios"
    assert b.flags == ["unattributed"]


def test_passive_first_reported_by():
    (st,) = read("The talks were first reported by The Information.")
    assert who(st) == [("The Information", None, "explicit")]


def test_two_outlets_in_one_statement_corroborate():
    (st,) = read("Both Reuters and Bloomberg reported that the mine had flooded.")
    assert {a.source for a in st.attributions} == {"Reuters", "Bloomberg"}
    assert "corroborated" in st.flags and "single-source" not in st.flags


def test_quotation_with_its_speaker_before_or_after_the_verb():
    a, b = read("“We will not sell,” said Ana Ruiz, the mill’s owner. “It is a hard week,” a spokesperson said.")
    assert who(a) == [("Ana Ruiz", None, "explicit")]
    assert who(b) == [("a spokesperson", None, "explicit")]


def test_a_told_b_makes_b_the_conduit():
    (st,) = read("Singapore based brokers told the Financial Times that demand doubled.")
    assert who(st) == [("Singapore based brokers", "Financial Times", "explicit")]


def test_reported_citing_makes_the_outlet_the_conduit():
    (st,) = read("The carrier will drop two routes, Reuters reported, citing people familiar with the matter.")
    assert who(st) == [("people familiar with the matter", "Reuters", "explicit")]
    assert st.flags == ["single-source"]


def test_letter_seen_by_an_outlet():
    (st,) = read("In a letter seen by Bloomberg, the pension fund said it would oppose the bid.")
    (att,) = st.attributions
    assert att.via == "Bloomberg" and "fund" in att.source


def test_quoted_as_saying():
    (st,) = read("Nikkei quoted Kenji Sato, a trader, as saying that demand was weak.")
    assert who(st)[0][:2] == ("Kenji Sato", "Nikkei")


def test_reference_back_to_the_outlet():
    _a, b = read("The Guardian reported that the council will vote. The newspaper said the vote is close.")
    assert who(b) == [("The Guardian", None, "reference")]
    assert b.attributions[0].mention.text == "The newspaper"


def test_reference_back_to_a_person_keeps_the_conduit():
    _, b = read("The plant will close, Reuters reported, citing a person briefed on the plan. The person said "
                "talks had stalled.")
    assert who(b) == [("a person briefed on the plan", "Reuters", "reference")]


def test_inheritance_within_a_paragraph_but_not_across():
    _a, b, c = read("The Financial Times said the fund lost money.\nIts managers were replaced.\n\nThe fund "
                   "was closed in May.")
    assert who(b) == [("Financial Times", None, "inherited")]
    assert b.flags == ["single-source", "inherited"]
    assert c.flags == ["unattributed"]


def test_claim_about_an_outlet_is_not_an_attribution():
    (st,) = read("Reuters, which is owned by Thomson Reuters, is expanding its Asia desk.")
    assert st.attributions == [] and st.flags == ["unattributed"]


def test_apposition_names_the_speaker_not_the_outlet_inside_it():
    (st,) = read("Nikkei, the FT's owner, said profits rose 3.2%.")
    assert who(st) == [("Nikkei", None, "explicit")]


def test_hedges_without_a_source_are_unattributed_and_stop_inheritance():
    a, b, c = read("The Wall Street Journal said the airline is for sale. The airline reportedly hired bankers. "
                   "A buyer was said to be close.")
    assert who(a)[0][0] == "The Wall Street Journal"
    assert b.flags == ["unattributed"] and c.flags == ["unattributed"]


def test_bare_non_response_is_not_an_unattributed_claim():
    (st,) = read("Amazon declined to comment.")
    assert st.flags == ["non-response"]
    assert [n.entity for n in st.non_responses] == ["Amazon"]


def test_non_response_lists_every_entity_and_who_reported_it():
    (st,) = read("Reuters reported that Alibaba, ByteDance and Huawei did not respond to requests for comment.")
    assert [n.entity for n in st.non_responses] == ["Alibaba", "ByteDance", "Huawei"]
    assert {n.reported_by for n in st.non_responses} == {"Reuters"}
    assert set(st.flags) == {"single-source", "non-response"}


def test_non_response_strips_wrappers():
    (st,) = read("Representatives for Tencent and Baidu did not immediately respond to requests for comment.")
    assert [n.entity for n in st.non_responses] == ["Tencent", "Baidu"]


def test_the_company_refers_to_the_company_named_before():
    _a, b = read("Northwind Logistics Inc will cut 300 jobs. The company said the cuts were needed.")
    assert who(b) == [("Northwind Logistics Inc", None, "reference")]


def test_misspelt_outlet_resolves_and_near_names_stay_apart():
    a, b, c = read("Prices rose, the Finacial Times reported. Prices fell, The Times reported. "
                   "Prices held, the New York Times reported.")
    assert who(a)[0][0] == "Financial Times"
    assert who(b)[0][0] == "The Times"
    assert who(c)[0][0] == "The New York Times" or who(c)[0][0] == "New York Times"


def test_same_claim_from_two_outlets_in_two_statements_is_corroborated():
    a, b = read("The brewer will close two plants next year, the Wall Street Journal reported.\n\n"
                "The Financial Times also reported that the brewer would close two plants next year.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_different_claims_from_two_outlets_are_not_corroborated():
    a, b = read("The brewer will close two plants next year, the Wall Street Journal reported.\n\n"
                "The Financial Times reported that the brewer hired a new chief financial officer.")
    assert a.flags == ["single-source"] and b.flags == ["single-source"]


def test_embedded_cue_inside_the_content_is_the_sources_words():
    (st,) = read("The Financial Times reported that the regulator said the bank had failed a test.")
    assert who(st) == [("Financial Times", None, "explicit")]


def test_plain_claims_with_common_verbs_are_not_attributions():
    a, b = read("Employers added 200,000 jobs in May. The company posted a loss of $4.5 billion.")
    assert a.flags == ["unattributed"] and b.flags == ["unattributed"]


def test_lookalike_letters_resolve_to_the_real_source_and_are_flagged():
    reading = analyse_text("Prices rose, R\u0435uters reported.")
    (st,) = reading.statements
    assert who(st)[0][0] == "Reuters"
    assert st.attributions[0].suspicious
    assert any("look-alike" in w for w in reading.warnings)


def test_every_reported_span_indexes_the_text():
    text = ("LONDON (Reuters) - “We are done,” said Ana Ruiz. The U.S. Commerce Department said on Monday that "
            "exports of $4.5 billion were halted, Bloomberg reported, citing two officials.\n\nAmazon declined "
            "to comment.")
    reading = analyse_text(text)
    for st in reading.statements:
        assert text[st.start : st.end] == st.text
        for att in st.attributions:
            for span in (att.mention, att.cue):
                if span is not None:
                    assert text[span.start : span.end] == span.text
        if st.content is not None:
            assert text[st.content.start : st.content.end] == st.content.text


def test_a_name_in_apposition_is_the_speaker():
    (st,) = read("A finance ministry spokesperson, Tomas Brandt, said the budget would pass.")
    assert who(st)[0][0] == "Tomas Brandt"


def test_present_tense_say_with_a_plural_subject():
    (st,) = read("Officials in Lisbon say the bridge will reopen in spring.")
    assert who(st) == [("officials in Lisbon", None, "explicit")]


def test_a_long_relative_clause_does_not_hide_the_speaker():
    (st,) = read("Two engineers at the plant, who asked not to be named because they were not allowed to "
                 "speak to the press, said the valve had failed twice.")
    assert who(st)[0][0] == "two engineers at the plant"


def test_a_cue_inside_a_relative_clause_is_not_the_statements_source():
    (st,) = read("Bloomberg, which first reported the merger talks, launched a new podcast on Monday.")
    assert st.flags == ["unattributed"]


def test_declining_to_say_is_a_non_response_but_declining_to_name_is_not():
    a, b = read("The carrier declined to say how many flights were cut.\n\nThe bank declined to name the buyers.")
    assert a.flags == ["non-response"]
    assert b.flags == ["unattributed"]


def test_neither_nor_replied_is_a_non_response():
    (st,) = read("Neither Okafor nor Lindqvist replied to emailed questions.")
    assert [n.entity for n in st.non_responses] == ["Okafor", "Lindqvist"]


def test_the_site_points_to_the_outlet_that_carried_the_story():
    _, b = read("Axios, citing The Information, said the startup had raised $40 million. The startup did not "
                "respond to Axios's questions, the site added.")
    assert who(b) == [("Axios", None, "reference")]
    assert b.non_responses[0].reported_by == "Axios"


def test_a_trailing_according_to_carries_the_opening_source():
    (st,) = read("Analysts had expected a loss of $1.2 billion, according to data compiled by Marlow Research.")
    (att,) = st.attributions
    assert att.via == "Marlow Research"  # who compiled the data vouches for it


def test_a_sentence_case_headline_is_a_heading():
    statements = analyse_text("Storm floods harbour town as river bursts its banks overnight\n\nThe river rose "
                              "two metres, the mayor said.").statements
    assert [s.kind for s in statements] == ["heading", "claim"]


def _examples(pattern: str) -> set[str]:
    """Every string a lexicon pattern matches, taking each alternative and each optional part both
    ways (repetitions at their least, and once); character classes stand for one character."""
    import itertools
    from re import _constants as c
    from re import _parser as parser

    def seq(items) -> list[str]:
        outs = [""]
        for op, av in items:
            outs = [o + a for o in outs for a in one(op, av)]
        return outs

    def one(op, av) -> list[str]:
        if op is c.LITERAL:
            return [chr(av)]
        if op is c.SUBPATTERN:
            return seq(av[3])
        if op is c.BRANCH:
            return [x for alt in av[1] for x in seq(alt)]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, sub = av
            body = seq(sub)
            return ["".join(x) for n in {lo, min(max(lo, 1), hi)} for x in itertools.product(body, repeat=n)]
        if op is c.IN:
            kinds = [a for o, a in av if o is c.CATEGORY]
            literal = [chr(a) for o, a in av if o is c.LITERAL]
            return literal[:1] or [" " if c.CATEGORY_SPACE in kinds else "x"]
        return [""]  # assertions and anchors match no text

    return set(seq(parser.parse(pattern)))


def test_every_non_response_phrase_and_hedge_contains_a_hint_word():
    # The engine skips statements without a hint word before running the long patterns, so every
    # way a phrase can be written must hold one ("would not say" as well as "would not comment").
    import json
    from importlib import resources

    from factcheck.analysis.lexicon import HEDGE_HINTS, NON_RESPONSE_HINTS

    data = json.loads(resources.files("factcheck.data").joinpath("lexicon.json").read_text("utf-8"))
    for phrase in data["non_response"]["phrases"]:
        for written in _examples(phrase.replace(" ", r"\s+").replace("n't", "n['’]t")):
            assert any(h in written.lower() for h in NON_RESPONSE_HINTS), written
    for hedge in data["hedges"]:
        for written in _examples(hedge.replace(" ", r"\s+")):
            assert any(h in written for h in HEDGE_HINTS), written


def test_a_title_is_not_part_of_a_persons_name():
    a, b = read("Chief Operating Officer Lena Park said the mill would restart in June.\n\n"
                "Park also said the mill would restart in June, after repairs.")
    assert who(a)[0][0] == "Lena Park" and who(b)[0][0] == "Lena Park"
    assert "corroborated" not in b.flags  # one person does not corroborate herself


def test_a_clause_can_carry_its_own_source():
    (st,) = read("The court adjourned until May, though prosecutors said they would seek a longer sentence.")
    assert who(st)[0][0] == "prosecutors"


def test_a_document_seen_by_an_outlet_is_the_source_through_that_outlet():
    a, b = read("The mill will close, according to a memo to staff seen by Reuters.\n\n"
                "A draft of the budget seen by Bloomberg also cuts rail spending.")
    assert who(a)[0][1] == "Reuters" and "memo" in who(a)[0][0]
    assert who(b)[0][1] == "Bloomberg" and "draft" in who(b)[0][0]


def test_a_participle_is_not_a_cue():
    (st,) = read("A study published by the Halden Institute, a research group, found that rents rose.")
    assert "Halden Institute" in who(st)[0][0]


def test_quoted_characterisation_is_attributed():
    (st,) = read("Sen. Maria Okoye called the ruling “a betrayal of workers”.")
    assert who(st)[0][0] == "Maria Okoye"


def test_unanswered_messages_are_a_non_response():
    (st,) = read("Messages left with the mayor’s office were not returned.")
    assert st.flags == ["non-response"]


def test_a_credit_line_is_not_a_claim():
    text = "Rents rose 3%, the agency said.\n\n(Reporting by Ana Lee; Editing by Tom Cole)"
    statements = analyse_text(text).statements
    assert statements[-1].kind == "heading"


def test_also_reported_with_other_words_is_corroboration():
    a, b = read("The Ledger reported that the mayor, Ines Porto, had approved the tram plan last week, citing two "
                "council sources.\n\nThe Courier also reported on Friday that the mayor had approved the city "
                "council's tram plan last week.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_also_reported_about_something_else_is_not_corroboration():
    a, b = read("The Ledger reported that the mayor had approved the tram plan last week.\n\n"
                "The Courier also reported that the bus depot would close in 2027.")
    assert a.flags == ["single-source"] and b.flags == ["single-source"]


def test_two_speakers_in_appositions_who_both_said():
    (st,) = read("Norway's fisheries minister, Kari Dahl, and her Icelandic counterpart, Jon Ragnarsson, both "
                 "said the quota was too low.")
    assert {a.source for a in st.attributions} == {"Kari Dahl", "Jon Ragnarsson"}
    assert "corroborated" in st.flags


def test_a_cue_inside_a_quotation_is_the_speakers_word():
    _, b = read("“We never gave up,” said coach Rita Alves. “They believed it before I did.”")
    assert who(b) == [("Rita Alves", None, "inherited")]


def test_both_with_two_unknown_outlets():
    (st,) = read("Both Ledgerline and The Coin Desk Weekly reported that trading volume doubled.")
    assert len(st.attributions) == 2 and "corroborated" in st.flags


def test_according_to_a_descriptor_and_its_name():
    (st,) = read("The novel has sold four million copies, according to its publisher, Halden Books.")
    assert who(st)[0][0] == "Halden Books"


def test_the_statement_points_to_who_issued_it():
    _, b = read("Corvane Foods announced a new plant in a press release on Monday. The plant will employ 400 "
                "people, the statement said.")
    assert who(b)[0][0] == "Corvane Foods"


def test_an_aside_between_commas_is_not_an_apposition():
    _, b = read("Mayor Ines Porto said the bridge was safe.\n\nOkafor, however, said cracks had been found.")
    assert who(b)[0][0] == "Okafor"


def test_declined_to_comment_but_said_is_both():
    (st,) = read("A spokeswoman for Corvane Foods declined to comment on the specifics but said the company was "
                 "cooperating.")
    assert "non-response" in st.flags and "single-source" in st.flags
    assert "Corvane Foods spokeswoman" in st.attributions[0].source


def test_a_hedge_on_the_verb_is_not_a_source():
    (st,) = read("Exporters reportedly expect the floor price to rise.")
    assert st.flags == ["unattributed"]


def test_lower_case_who_is_not_the_who():
    _, b = read("The World Health Organization said cases rose.\n\nResidents who live near the plant said the "
                "water tasted odd.")
    assert who(b)[0][0] != "World Health Organization (WHO)"


def test_both_the_one_and_the_other():
    (st,) = read("Both the BBC and The Guardian reported that the hospital would close.")
    assert {a.source for a in st.attributions} == {"BBC", "The Guardian"}


def test_the_same_claim_in_other_words_with_also_is_corroboration():
    a, b = read("The Harbour Post reported that the ferry operator would cut about 300 crew jobs this winter, citing "
                "two union officials.\n\nThe Coast Gazette also reported that roughly 300 crew positions at the ferry "
                "operator were at risk this winter.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_a_shared_topic_in_other_words_without_also_is_not_corroboration():
    a, b = read("The Harbour Post reported that the ferry operator would cut crew jobs this winter.\n\n"
                "The Coast Gazette reported that the ferry operator had ordered two new ships.")
    assert a.flags == ["single-source"] and b.flags == ["single-source"]


def test_a_participle_gives_the_subject_the_words():
    a, b, c = read("Marlow Foods cut its sales forecast, saying demand had weakened.\n\n"
                   "A spokesperson for the league declined to comment, saying only that the review continued.\n\n"
                   "The storm hit the coast, adding to losses.")
    assert who(a) == [("Marlow Foods", None, "explicit")]
    assert a.attributions[0].cue.text == "saying"
    assert who(b)[0][0].startswith("A spokesperson for the league") or who(b)[0][0].startswith("a spokesperson")
    assert "non-response" in b.flags and b.non_responses[0].reported_by is None
    assert c.flags == ["unattributed"]


def test_first_to_report():
    (st,) = read("The Coast Gazette was the first to report the closure on Monday.")
    assert who(st) == [("Coast Gazette", None, "explicit")]


def test_the_other_of_two_people_is_one_of_them():
    _, b, c = read("Two delegates told Bloomberg that the group was weighing a cut. One said a decision was near. "
                   "The other said no date had been set.")
    assert who(b) == who(c) == [("two delegates", "Bloomberg", "reference")]


def test_a_possessive_owner_names_a_new_speaker():
    _, b = read("The Guardian reported that ministers would scrap the freeze, citing a Whitehall source.\n\n"
                "The prime minister's spokesperson said the plans were unchanged.")
    assert who(b) == [("the prime minister's spokesperson", None, "explicit")]


def test_a_bare_surname_is_the_person_named_in_full_before():
    _, b = read("The club is owned by local property developer Marion Feltham.\n\n"
                "Feltham said she had no intention of selling.")
    assert who(b) == [("Marion Feltham", None, "explicit")]


def test_its_forecast_is_a_noun():
    (st,) = read("The bank kept its fourth-quarter Brent forecast at $85 a barrel.")
    assert st.flags == ["unattributed"]


def test_an_ap_dateline_with_a_state_abbreviation_is_one_sentence():
    (st,) = read("CEDAR BLUFF, Ore. (AP) — A wildfire forced 6,000 people to flee on Tuesday, officials said.")
    assert who(st) == [("officials", None, "explicit")]


def test_the_agency_is_not_the_wire_of_the_dateline():
    _, b = read("CEDAR BLUFF, Ore. (AP) — The fire grew to 11,000 acres, according to the Oregon Department of "
                "Forestry.\n\nThe agency said the fire was not contained.")
    assert who(b) == [("Oregon Department of Forestry", None, "reference")]


def test_he_after_a_person_is_introduced_is_that_person():
    _, _, c = read("Marisol Vega, 58, said she grabbed her dogs before driving through the smoke.\n\n"
                   "Another resident, retired teacher Tom Brandt, watched from a parking lot.\n\n"
                   "“We have had close calls before,” he said.")
    assert who(c) == [("Tom Brandt", None, "reference")]


def test_a_long_relative_clause_stays_with_its_speaker():
    (st,) = read("A banker who has advised on several Japanese chip deals told Reuters that a sale was near.")
    assert who(st)[0][1] == "Reuters" and who(st)[0][0].startswith("a banker")


def test_expected_by_economists_is_their_view_but_expected_by_may_is_not():
    a, b = read("The decision was expected by all 27 economists polled by Reuters.\n\n"
                "A ruling is expected by the end of May.")
    assert who(a)[0][1] == "Reuters" and "economists" in who(a)[0][0]
    assert b.flags == ["unattributed"]


def test_the_union_and_the_company_are_told_apart():
    _, b, c = read("Workers at Calloway Foods’ largest site, members of United Distribution Workers Local 212, "
                   "walked out on June 2.\n\nThe union says Calloway refused to raise pay. The company says its "
                   "offer is fair.")
    assert who(b)[0][0] == "United Distribution Workers Local 212"
    assert who(c)[0][0] == "Calloway Foods"


def test_a_number_with_a_thousands_comma_does_not_end_an_apposition():
    (st,) = read("The Hypertension Patients Alliance, a nonprofit group with about 40,000 members, said the "
                 "recall was overdue.")
    assert who(st) == [("Hypertension Patients Alliance", None, "explicit")]


def test_the_agency_with_a_field_of_its_own_is_a_new_source():
    a, b = read("A fire service spokeswoman told the Belga news agency that two workers were hurt.\n\n"
                "The Flemish environment agency said air measurements showed no toxic substances.")
    assert who(a)[0][1] == "Belga"
    assert who(b)[0][0].lower().endswith("flemish environment agency") and who(b)[0][2] == "explicit"


def test_quoted_as_saying_by_an_outlet_and_heard_from():
    a, b, c = read("“We will look at it closely,” an official was quoted as saying by Yonhap.\n\n"
                   "The jury later heard from Lorraine Batty, a former regional manager.\n\nShe said she kept notes.")
    assert who(a)[0][1] == "Yonhap"
    assert who(b) == [("Lorraine Batty", None, "explicit")]
    assert who(c) == [("Lorraine Batty", None, "reference")]


def test_the_report_is_the_study_named_after_the_last_outlet():
    _, _, b = read("The Guardian reported that trusts were cutting posts.\n\n"
                "A report by the Calder Institute found that deficits doubled. The report said older areas were "
                "worst hit.")
    assert "Calder Institute" in who(b)[0][0] and who(b)[0][2] == "reference"


def test_a_second_outlet_reporting_a_similar_figure_corroborates():
    a, b = read("Caixin reported on Monday that Qinghe was seeking about 15% of Daeyang for 1.8 billion yuan.\n\n"
                "South Korea’s Yonhap News Agency reported a similar figure on Tuesday, saying Qinghe wanted "
                "around 15 percent of Daeyang.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_an_unknown_masthead_is_a_newspaper_the_newspaper_points_to():
    _, b = read("The Harrowby Echo, which first reported the plans on Monday, said 140 posts would go.\n\n"
                "The newspaper said a list of the posts had been drawn up.")
    assert who(b)[0][0] == "Harrowby Echo"


def test_announcing_a_deal_is_an_event_announcing_that_is_a_source():
    a, b = read("The two hospital operators announced the $2.3bn all-stock deal in March.\n\n"
                "Brightwell Foods announced Monday that it will build a plant in Ohio.")
    assert a.flags == ["unattributed"]
    assert who(b) == [("Brightwell Foods", None, "explicit")]


def test_she_after_a_surname_is_the_person_named_in_full_before():
    *_, d = read("On a gray morning in March, Amara Okafor stood on a loading dock.\n\n"
                 "Okafor, 34, has spent five years selling heat batteries.\n\n"
                 "“It sounds simple, and it is simple,” she said.")
    assert who(d) == [("Amara Okafor", None, "reference")]


def test_a_second_source_confirming_the_event_by_name_corroborates_the_lead():
    lead, _other, confirm, also = read(
        "Dunmore Foods is closing its bakery in Hale, the Yorkshire Post reported on Monday. The bakery employs "
        "240 people, the newspaper said.\n\nDunmore confirmed the closure in a statement. The BBC also reported "
        "the plan, adding that talks with the union had failed.")
    assert "corroborated" in lead.flags
    assert "corroborated" in confirm.flags and "corroborated" in also.flags
    assert _other.flags == ["single-source"]


def test_confirming_what_only_a_memo_said_is_not_a_second_source():
    memo, confirm = read("Brightline will raise its prices in May, per a memo to staff.\n\n"
                         "Brightline confirmed the price rise on Friday.")
    assert memo.flags == ["single-source"] and confirm.flags == ["single-source"]


def test_an_outlet_named_only_in_a_report_noun_vouches_for_nothing():
    (st,) = read("Shares in Calder fell 6% after the Reuters report.")
    assert st.flags == ["unattributed"]


def test_a_description_resolves_to_the_body_it_describes():
    _first, second = read("Inflation rose to 3.4%, Statistics Sweden said.\n\n"
                          "Food prices rose 5.2%, the statistics office said.")
    assert who(second) == [("Statistics Sweden", None, "reference")]


def test_a_participle_and_its_object_are_not_a_subject_and_cue():
    (st,) = read("Inflation rose more than expected, official data showed, dampening hopes that rates would fall.")
    assert who(st)[0][0] == "official data"


def test_the_name_before_an_apposition_and_a_relative_clause_is_the_speaker():
    (st,) = read("Owen Talbot, the Labour MP for Kettlesby, who tabled the amendment, said the bill was bad.")
    assert who(st) == [("Owen Talbot", None, "explicit")]


def test_a_subject_with_two_roles_or_two_modifiers_joined_by_and():
    a, b = read("On Wednesday, Haloscope founder and CEO Priya Natarajan said the code would be released.\n\n"
                "A senior official at Norway's trade and industry ministry, which holds the stake, said talks went on.")
    assert who(a) == [("Priya Natarajan", None, "explicit")]
    assert "trade and industry ministry" in who(b)[0][0]


def test_a_described_subject_says_what_follows_saying():
    (st,) = read("A senior government source dismissed the threat, saying: “Most of these names will melt away.”")
    assert who(st) == [("a senior government source", None, "explicit")]


def test_also_reported_that_near_the_top_retells_the_lead():
    lead, also = read("The Commission is preparing a formal antitrust investigation into Veridian, the Financial "
                      "Times reported.\n\nLe Monde also reported that the Commission was poised to open a formal "
                      "case against the payments group.")
    assert "corroborated" in lead.flags and "corroborated" in also.flags


def test_a_poll_released_by_an_institute_and_the_poll_after_it():
    lead, later = read("Hale leads Sorensen by seven points, according to a poll released Tuesday by the Marlow "
                       "Institute.\n\nThe poll found Hale with 49 percent support.")
    assert "Marlow Institute" in who(lead)[0][0]
    assert who(later) == [(who(lead)[0][0], None, "reference")]


def test_respondents_of_a_survey_are_not_a_source_of_their_own():
    (st,) = read("According to the Marlow survey, 58 percent of likely voters said the state was on the wrong track.")
    assert [s for s, _v, _b in who(st)] == ["Marlow"]  # the survey's maker, not its respondents


def test_the_name_in_apposition_after_an_inverted_speaker():
    (st,) = read("“The only poll that matters is on Nov. 5,” said his campaign manager, Kurt Lindqvist, who added "
                 "that their own polling showed a tie.")
    assert who(st) == [("Kurt Lindqvist", None, "explicit")]


def test_a_group_keeps_the_clause_that_says_who_they_are():
    (st,) = read("Three people who attended the meeting said the concession was agreed.")
    assert who(st)[0][0] == "three people who attended the meeting"


def test_a_non_response_by_mr_surname_names_the_person_in_full():
    _said, nr = read("Howard Stein, a lawyer for the mayor, said the emails were taken out of context. "
                     "Mr. Stein declined to say whether the mayor had been contacted.")
    assert [n.entity for n in nr.non_responses] == ["Howard Stein"]


def test_she_is_the_person_the_last_statement_opened_with():
    _poll, _desc, she = read(
        "Carla Hale leads the race, the Marlow Institute said. Hale, a three-term congresswoman, has been "
        "outspent by $6 million, according to AdImpact. Asked about the poll on Tuesday, she said she was "
        "not measuring the drapes.")
    assert who(she) == [("Carla Hale", None, "reference")]


def test_titles_and_letters_after_a_name_make_a_person():
    a, b = read("A JCS spokesperson, Colonel Lee Dong-hoon, told a briefing that the data was still being read.\n\n"
                "Sarah Whitlow KC, prosecuting, said the figures were false.")
    assert [(x.source, x.source_kind) for x in a.attributions] == [("Lee Dong-hoon", "person or role")]
    assert [(x.source, x.source_kind) for x in b.attributions] == [("Sarah Whitlow", "person or role")]


def test_the_mayor_is_the_person_named_with_that_title():
    _first, called = read("Mayor Denise Okafor did not attend the meeting. In a statement read by an aide, the mayor "
                          "said the vote was a moral choice.")
    assert who(called) == [("Denise Okafor", None, "reference")]


def test_he_after_a_council_member_with_a_particle_surname():
    _first, he = read("Council member Frank DeLuca, whose ward includes the motel, voted against the plan. "
                      "“Nobody here is against helping people,” he said.")
    assert who(he) == [("Frank DeLuca", None, "reference")]


def test_a_council_member_is_a_person_and_she_points_back_to_her():
    a, b = read("Council member Aisha Grant said she had visited a similar shelter. She said the city had "
                "spent $900,000 on motel rooms.")
    assert [(x.source, x.source_kind) for x in a.attributions] == [("Aisha Grant", "person or role")]
    assert who(b) == [("Aisha Grant", None, "reference")]


def test_she_is_the_last_person_named_when_no_one_spoke():
    _first, she = read("It was a humbling week for Governor Elaine Castellano. On Monday, she said the plan "
                       "would be paused.")
    assert who(she) == [("Elaine Castellano", None, "reference")]


def test_remarks_carried_by_an_agency_make_it_the_conduit():
    _first, she = read("Prime Minister Miriam Solt did not attend. In remarks carried by the state news agency "
                       "ONA, she said her country would judge its neighbour by deeds.")
    assert who(she) == [("Miriam Solt", "ONA", "reference")]


def test_a_described_judge_says_what_follows_ruling():
    (st,) = read("A federal judge on Monday struck down the law, ruling that it placed an unjustified burden "
                 "on voters.")
    assert who(st) == [("a federal judge", None, "explicit")]


def test_plural_subjects_insist_and_acknowledge():
    a, b = read("The authors acknowledge that the experiments used a single species.\n\n"
                "Her aides insist that the toll is not dead.")
    assert who(a) and who(b)


def test_a_staff_report_is_one_noun_phrase():
    (st,) = read("The city will pay $3.2 million, according to a staff report presented to the council.")
    assert who(st) == [("a staff report", None, "explicit")]


def test_sentences_inside_a_quotation_are_the_speakers_words():
    tagged, first, inside, last = read(
        "“Governor Ashford promised you these jobs were safe,” Ms. Wexler told the crowd. “He said it on "
        "television. He said it in this parking lot. And then he signed a tax deal.”")
    assert who(tagged)[0][0] == "Wexler" or who(tagged)[0][0].endswith("Wexler")
    for st in (first, inside, last):
        assert [(a.source, a.basis) for a in st.attributions] == [(tagged.attributions[0].source, "inherited")]


def test_a_straight_quote_closed_in_the_next_sentence_does_not_silence_the_paragraph():
    _said, _q1, _q2, after = read('A second official said the plan had been overruled. "He fought for it. He '
                                  'lost," she said. The official added that an announcement was expected.')
    assert after.attributions and after.attributions[0].basis != "inherited"


def test_dismissed_as_with_the_speakers_words_in_quotation_marks():
    a, b = read("Mr. Ashford, campaigning in Bellhaven, dismissed the speech as “a eulogy for an old economy.”\n\n"
                "The court dismissed the case on Monday.")
    assert who(a)[0][0] == "Ashford" and b.flags == ["unattributed"]


def test_she_went_on_after_a_quotation():
    _intro, went = read("Senator Dana Wexler spoke for an hour. “I will not promise that every job comes back,” "
                        "she went on.")
    assert who(went) == [("Dana Wexler", None, "reference")]


def test_a_typographic_apostrophe_in_a_non_response():
    (st,) = read("Haloscope didn’t answer questions about refunds.")
    assert [n.entity for n in st.non_responses] == ["Haloscope"]


def test_said_but_declined_to_comment_names_the_speaker():
    (st,) = read("Brenntal said in a statement to Reuters that it reviews its options but declined to comment "
                 "on the talks.")
    assert who(st) == [("Brenntal", "Reuters", "explicit")]
    assert [(n.entity, n.reported_by) for n in st.non_responses] == [("Brenntal", "Reuters")]


def test_neither_of_the_companies_listed_before():
    _listed, nr = read("The fryers were also sold through online retailers Brightcart and Homestead Direct, the "
                       "BBC said. Neither retailer responded to questions about how many were sold.")
    assert [n.entity for n in nr.non_responses] == ["Brightcart", "Homestead Direct"]


def test_a_headline_gives_no_one_a_first_name():
    _lead, said = read("Tamura Nears Deal for German Coatings Maker Brenntal\n\nTamura is in talks to buy "
                       "Brenntal Lacke, Bloomberg reported.\n\nBrenntal said it reviews its options.")
    assert who(said)[0][0] == "Brenntal"


def test_a_clause_before_and_is_not_who_declined():
    (st,) = read("The mayor said the plan was sound and the council declined to comment.")
    assert [n.entity for n in st.non_responses] == ["the council"]


def test_the_same_precise_figure_about_the_same_thing_corroborates():
    a, b = read("Caixin reported on Monday that Qinghe was seeking about 15% of Daeyang.\n\n"
                "Yonhap reported on Tuesday that the Daeyang stake on the table was 15%.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_a_shared_small_number_or_a_time_is_not_the_same_claim():
    a, b = read("The outage began at 11:40 a.m. near Nairobi, the utility said.\n\n"
                "The airport operator said 40 flights left Nairobi late.")
    assert "corroborated" not in a.flags and "corroborated" not in b.flags


def test_one_outlet_also_reporting_what_the_one_before_reported():
    _lead, a, b = read("Fuel prices rose by half overnight, officials said.\n\n"
                       "Premium Times reported that two protesters were treated for gunshot wounds. Punch also "
                       "reported that two people were receiving treatment for gunshot wounds.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_a_name_with_its_acronym_before_the_cue():
    (st,) = read("The National Union of Mineworkers (NUM) said the accident was avoidable.")
    assert who(st) == [("National Union of Mineworkers (NUM)", None, "explicit")]
    assert st.attributions[0].mention.text == "The National Union of Mineworkers (NUM)"


def test_the_agency_is_a_news_or_public_agency_never_a_newspaper():
    *_, agency = read("The Geology Agency raised the alert level on Monday. Kompas newspaper reported that "
                      "sirens failed in two villages. The agency said mudflows posed a risk.")
    assert who(agency)[0][0] == "Geology Agency"


def test_a_classic_dateline_with_a_double_hyphen():
    (st,) = read("WESTBURY FALLS, Conn. -- Brennard Industries Inc. said its third-quarter profit fell 31%.")
    assert who(st)[0][0].startswith("Brennard Industries")


def test_ruled_and_found_with_a_month_before_that():
    a, b = read("The International Trade Commission ruled that imports hurt domestic producers.\n\n"
                "The Commerce Department found in September that the ladders were sold below cost.\n\n"
                "The court ruled in favour of the union.")[:2]
    assert who(a)[0][0] == "International Trade Commission"
    assert "Commerce Department" in who(b)[0][0]


def test_people_with_initials_and_affiliations():
    a, b, nr = read("Harold W. Amsel, chairman and chief executive officer, said orders slowed. Frederick "
                    "Oyelaran of Bastable Securities said the plan would work. Mr. Amsel couldn't be reached "
                    "later.")
    assert [x.source_kind for x in a.attributions + b.attributions] == ["person or role", "person or role"]
    assert [n.entity for n in nr.non_responses] == ["Harold W. Amsel"]


def test_the_spokesman_declined_names_whom_he_speaks_for():
    *_, nr = read("Brennard Industries Inc. said profit fell. A spokesman for the company said the dividend "
                  "was safe. The spokesman declined to comment on a sale of the unit.")
    assert [n.entity for n in nr.non_responses] == ["Brennard Industries Inc"]


def test_a_department_spokeswoman_declined_names_the_department():
    _first, nr = read("The Labor Department said it was reviewing the case. A department spokeswoman declined "
                      "to comment on the suit.")
    assert [n.entity for n in nr.non_responses] == ["Labor Department"]


def test_a_relative_clause_holding_a_town_and_its_state():
    (st,) = read("Frank Oduya, who owns Oduya Marine in Lake Harmon, Ga., said he cancelled his order.")
    assert who(st) == [("Frank Oduya", None, "explicit")]


def test_doesnt_comment_and_couldnt_comment():
    a, b = read("A spokesman for Averill-Strand said the company doesn't comment on market speculation. "
                "Garrity said it hadn't seen the suit and couldn't comment on it.")
    assert a.non_responses and [n.entity for n in b.non_responses] == ["Garrity"]


def test_a_web_outlet_with_its_domain():
    _first, b = read("Kompas reported that the sirens failed. The news website Detik.com also reported that "
                     "sirens in the area had not sounded.")
    assert who(b)[0][0] == "Detik.com"


def test_a_name_with_an_acronym_before_an_apposition():
    (st,) = read("The Nigeria Labour Congress (NLC), the country's largest federation of trade unions, said it "
                 "would strike.")
    assert who(st)[0][0] == "Nigeria Labour Congress (NLC)"


def test_according_to_both_newspapers():
    *_, both = read("Folha de S.Paulo reported that police searched the offices. O Globo also reported the "
                    "searches. Among those investigated, according to both newspapers, is a deputy.")
    assert {a.source for a in both.attributions} == {"Folha de S.Paulo", "O Globo"}


def test_a_note_that_reports_were_not_verified_is_the_writers_own():
    _report, note = read("Premium Times reported that two protesters were treated. Neither report could be "
                         "independently verified.")
    assert note.flags == ["unattributed"]


def test_a_document_made_by_a_body_is_that_bodys_word():
    a, b = read("The party won 104 seats, according to final results declared by the Election Commission "
                "early on Friday. The rival was reduced to 41 seats, the commission’s figures showed.")
    assert who(a)[0][0] == "Election Commission"
    assert who(b) == [("Election Commission", None, "reference")]


def test_a_subject_that_acted_and_said():
    a, b = read("Tholo Mines Ltd said a cable had snapped. The company has halted work at the shaft and said "
                "it would cooperate.\n\nIt employs 4,800 people and reported sales of $1.9 billion last year.")[1:]
    assert who(a)[0][0].startswith("Tholo Mines") and b.flags == ["unattributed"]


def test_told_a_news_conference_is_no_conduit():
    (st,) = read("“We have warned them,” union president Adamu Okoro told a news conference.")
    assert who(st) == [("Adamu Okoro", None, "explicit")]


def test_both_outlets_and_both_analysts():
    *_, outlets = read("Variety reported that Meridian is in talks to buy Halcyon. The Hollywood Reporter, which "
                       "first reported the talks, said the deal was close. Both outlets reported that the chief "
                       "executive would stay.")
    *_, analysts = read("Hana Ishikawa of Corbel Research forecast 4 million units. Mark Delacroix of Ridgeway "
                        "Capital was more optimistic, forecasting 6.2 million. Both analysts expect the phone to "
                        "sell well.")
    assert {a.source for a in outlets.attributions} == {"Variety", "The Hollywood Reporter"}
    assert len(analysts.attributions) == 2 and "corroborated" in analysts.flags


def test_a_similar_figure_from_another_outlet_corroborates_the_claim_before():
    _lead, a, b = read("Harwick want to sign the striker.\n\nThe Athletic said Harwick's latest offer was worth "
                       "£62m, rising to £70m. Sky Sports News reported a similar figure on Tuesday evening.")
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_a_name_in_apposition_to_a_description():
    (st,) = read("The festival's ticketing partner, Gatewise, said refunds would be paid.")
    assert who(st) == [("Gatewise", None, "explicit")]


def test_an_interview_transcript_answer_belongs_to_the_labelled_speaker():
    statements = analyse_text("Nadia Feld became superintendent in August.\n\nQ: Why close schools now?\n\n"
                              "Feld: Because we have 2,100 empty seats. Enrollment is down 19 percent.").statements
    _intro, question, answer, more = statements
    assert question.kind == "heading"
    assert who(answer) == [("Nadia Feld", None, "explicit")]
    assert [(a.source, a.basis) for a in more.attributions] == [("Nadia Feld", "inherited")]


def test_key_points_a_bulleted_list_and_an_editors_note():
    statements = analyse_text("EDITOR'S NOTE: Hold until the company's release moves\n\nKEY POINTS\n"
                              "- Brightwater said net income fell 31%.\n- CEO Maren Kolb said the chain would not "
                              "cut prices.\n- Shares fell 9% in morning trading.").statements
    note, key, _first, ceo, shares = statements
    assert note.kind == "heading" and key.kind == "heading"
    assert who(ceo) == [("Maren Kolb", None, "explicit")]
    assert shares.flags == ["unattributed"]


def test_data_from_a_body_and_data_published_by_the_company():
    a, _said, b = read("Americans eat little fibre, according to data from the Department of Agriculture.\n\n"
                       "The river was polluted, Southvale Water said. Data published by the company shows that the "
                       "works spilled sewage 40 times.")
    assert who(a)[0][0] == "Department of Agriculture"
    assert who(b) == [("Southvale Water", None, "reference")]


def test_residents_of_a_place_described_in_apposition():
    (st,) = read("Residents of Millbridge, a village a mile downstream, said the river smelled.")
    assert who(st)[0][0] == "residents of Millbridge (Millbridge residents)"


def test_non_responses_of_speakers_spokeswomen_and_messages():
    a, b, c, d, e = read(
        "President Varga's office told AFP it would not comment on the talks. Cordell Power & Light said demand "
        "would peak. A spokeswoman for the utility did not respond to questions. Bannerman could not be reached "
        "on Friday, and a message left at his home was not returned. Messages left with Bale's attorney were "
        "not returned.")
    assert [n.entity for n in a.non_responses] == ["President Varga's office"]
    assert [n.entity for n in c.non_responses] == ["Cordell Power & Light"]
    assert [n.entity for n in d.non_responses] == ["Bannerman"]
    assert [n.entity for n in e.non_responses] == ["Bale's attorney"]
    assert not b.non_responses


def test_refusing_to_give_up_a_claim_is_not_a_non_response():
    (st,) = read("Grell walked out after the Social Democrats refused to give up their claim to the ministry.")
    assert not st.non_responses


def test_a_player_who_did_not_return_is_not_a_non_response():
    _hurt, back, asked = read("Marlo Venn was carted off in the third quarter. He did not return. His agent did not "
                              "return a message seeking comment.")
    assert not back.non_responses
    assert [n.entity for n in asked.non_responses] == ["Marlo Venn's agent"]


def test_not_going_to_comment_in_an_interview():
    statements = analyse_text("Nadia Feld became superintendent in August.\n\n"
                              "Feld: I'm not going to comment on a personnel matter.").statements
    assert [(n.entity, n.reported_by) for n in statements[-1].non_responses] == [("Nadia Feld", None)]


def test_posted_on_a_platform_that_and_a_possessive_description():
    (st,) = read("Ashbury's MP, Helen Marsh, has posted on X that she has asked the agency for answers.")
    assert who(st) == [("Helen Marsh", None, "explicit")]


def test_a_company_confirming_in_a_statement_that_the_lead_holds():
    lead, confirm = read("Sahab Airways has ordered 75 wide-body aircraft from planemaker Aeronord, the state news "
                         "agency WAM reported.\n\nAeronord confirmed in a separate statement that Sahab Airways had "
                         "ordered 75 of its aircraft.")
    assert "corroborated" in lead.flags and "corroborated" in confirm.flags


def test_confirming_one_detail_after_saying_it_is_too_early_is_not_the_lead():
    _lead, said = read("Investigators are examining whether batteries caused the warehouse fire, officials said.\n\n"
                      "The fire director said it was too early to say what caused the fire, but he confirmed that "
                      "batteries had been found in the warehouse.")
    assert "corroborated" not in said.flags


def test_seed_register_references_and_names():
    _a, b, c, d = read("Bloomberg reported that Velora asked for a licence, citing people familiar with the matter. "
                      "The buyers include Hongmei Cloud, according to one of them.\n\nThe South China Morning Post "
                      "reported the move. The Hong Kong newspaper said the move would protect orders.")
    assert who(b) == [("people familiar with the matter", "Bloomberg", "reference")]
    assert who(d)[0][0] == who(c)[0][0] and who(d)[0][2] == "reference"


def test_a_place_before_a_company_is_not_its_name():
    (st,) = read("Tokyo-based Tsurugi said it follows all export rules and declined to discuss customers.")
    assert who(st)[0][0] == "Tsurugi" and [n.entity for n in st.non_responses] == ["Tsurugi"]


def test_a_quoted_refusal_and_a_comment_on_an_outlets_report():
    a, b = read("Norvane said in a statement that it “does not comment on market rumours” and that it follows "
                "local rules.\n\nThe Commerce Department declined to comment on the Nikkei report.")
    assert [n.entity for n in a.non_responses] == ["Norvane"]
    assert b.attributions == [] and [n.reported_by for n in b.non_responses] == [None]


def test_an_acronym_the_draft_spelt_out_and_a_one_word_name_before_a_relative_clause():
    _first, nso, ofwat = read("House prices rose, the National Statistics Office (NSO) said. Sales fell 9%, the NSO "
                              "said.\n\nOfwat, the industry regulator, which gave evidence on Tuesday, said it would "
                              "act.")
    assert who(nso)[0][0] == "National Statistics Office (NSO)"
    assert who(ofwat)[0][0] == "Ofwat"


def test_did_not_respond_when_asked():
    a, b = read("Castlebridge City Council did not respond when asked about the inspections. "
                "The firm did not respond to the union's demands.")
    assert [n.entity for n in a.non_responses] == ["Castlebridge City Council"] and not b.non_responses


def test_the_name_before_a_run_of_appositions():
    a, b = read("Karen Obuya, 34, of St. Paul, one of the plaintiffs, said her pump shut down twice.\n\n"
                "Shares in Acme, the maker of widgets, rose, analysts said.")
    assert who(a) == [("Karen Obuya", None, "explicit")] and who(b)[0][0] == "analysts"


def test_an_examination_or_inspection_that_found_something():
    (st,) = read("A post-mortem examination found she had died of carbon monoxide poisoning.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("a post-mortem examination", "document")]


def test_a_body_that_calls_something_by_a_name_but_not_a_plan_that_calls_for_it():
    a, b = read("The Centers for Disease Control and Prevention calls it an urgent threat.\n\n"
                "The plan calls for 400 new homes.")
    assert "Centers for Disease Control" in who(a)[0][0] and b.flags == ["unattributed"]


def test_a_pronoun_about_someone_else_does_not_give_the_speaker_a_gender():
    *_, she = read("Prosecutor Fiona Greaves KC told the court that the boiler was faulty. Sentencing, Judge Helen "
                   "Arkwright said Pellow had shown indifference to the people who paid him rent. “You were told "
                   "this boiler could kill,” she said.")
    assert who(she) == [("Helen Arkwright", None, "reference")]
    first = read("Prosecutor Fiona Greaves KC told the court that the boiler was faulty.")[0]
    assert who(first)[0][0] == "Fiona Greaves"


def test_firms_named_in_the_reports_could_not_be_reached():
    _first, nr, _said, data = read("Folha reported the raids. The consulting firms named in the reports could "
                                   "not be reached.\n\nStatistics Sweden said prices rose. Separate data from the "
                                   "statistics office showed unemployment edged up.")
    assert [n.entity for n in nr.non_responses] == ["the consulting firms named in the reports"]
    assert who(data) == [("Statistics Sweden", None, "reference")]


def test_results_a_company_presented_are_its_word():
    *_, results, _said, figures = read(
        "Halbrook Therapeutics said the drug worked. The drug cut levels of the protein, according to results "
        "Halbrook presented at a conference.\n\nAcme said sales rose. Sales rose 5%, according to figures the "
        "company released on Monday.")
    assert who(results)[0][0] == "Halbrook" and who(figures) == [("Acme", None, "reference")]


def test_the_same_two_precise_figures_in_other_words_corroborate():
    a, b = read("Kestrel Bank has agreed to buy Orbis Lending.\n\nThe Financial Times reported that the price "
                "is made up of a $420m cash payment and up to $35m tied to targets.\n\nBloomberg said the deal "
                "was worth $420m up front with a further $35m in performance bonuses.")[1:]
    assert "corroborated" in a.flags and "corroborated" in b.flags


def test_one_shared_figure_in_other_words_does_not_corroborate():
    a, b = read("Kestrel Bank has agreed to buy Orbis Lending.\n\nThe Financial Times reported that the price "
                "is $420m in cash.\n\nBloomberg said staff numbers would fall by 420 over two years.")[1:]
    assert a.flags == ["single-source"] and b.flags == ["single-source"]


def test_a_team_is_not_a_person_and_it_points_back_to_the_team():
    statements = read("Marca reported that the striker would move to Aldermoor United.\n\n"
                      "Sporting Valdera confirmed it had reached an agreement. It said the forward had given the "
                      "club four fine seasons.")
    confirmed, said = statements[1], statements[2]
    assert confirmed.attributions[0].source_kind == "organisation"
    assert who(said)[0][0] == "Sporting Valdera"


def test_both_names_of_an_opening_both_with_an_apposition_are_sources():
    (st,) = read("Both Kyodo News, the Japanese news agency, and the Financial Times reported that the plan "
                 "was dropped.")
    assert {a.source for a in st.attributions} == {"Kyodo", "Financial Times"}


def test_an_opening_both_before_a_clause_names_nobody_else():
    (st,) = read("Both companies fell sharply and analysts said the deal was off.")
    assert not any("compan" in a.source for a in st.attributions)


def test_an_opening_participle_phrase_is_not_the_subject_of_saying():
    _intro, st = read("Transport Secretary Nadia Forsythe defended the bill.\n\nSpeaking on BBC Radio 4 on "
                      "Wednesday, Forsythe went further, saying she was confident the rebels would back down.")
    assert who(st)[0][0] == "Nadia Forsythe"


def test_a_sentence_quoted_whole_after_its_speaker_has_no_frame_of_its_own():
    _said, more = read("“He knew the drug was not working,” prosecutor Joanna Castell said after the verdict. "
                       "“Today's verdict shows that investors are entitled to the truth.”")
    assert who(more) == [("Joanna Castell", None, "inherited")]


def test_a_person_named_before_acting_does_not_inherit_the_last_source():
    _judge, argued, ruled = read("The case was heard by Judge Martin Vance.\n\nThe secretary of state's office "
                                 "argued that the deadline was set by statute. Vance rejected both arguments.")
    assert argued.attributions and ruled.attributions == []


def test_background_on_someone_the_source_named_still_inherits():
    _said, more = read("Arbelon said finance chief Nadia Brennecke would serve as interim CEO. Brennecke, who "
                       "joined in 2019, has overseen the savings programme.")
    assert who(more) == [("Arbelon", None, "inherited")]


def test_a_description_before_a_list_of_names_gives_the_names_that_did_not_respond():
    (st,) = read("Nikkei Asia said the Vietnam Food Association and two large exporters, Mekong Harvest and "
                 "Saigon Agro, did not respond to requests for comment.")
    assert [n.entity for n in st.non_responses] == ["Vietnam Food Association", "Mekong Harvest", "Saigon Agro"]


def test_a_named_spokeswoman_declining_is_her_body_declining():
    _intro, st = read("The Department of Transportation awarded the contract in May.\n\nA spokeswoman for "
                      "the department, Alicia Moreno, said the agency was reviewing the award but declined to "
                      "comment further.")
    assert [n.entity for n in st.non_responses] == ["Department of Transportation"]


def test_a_surname_and_a_description_that_did_not_comment_are_the_person_named_before():
    _intro, st = read("The singer Della Crane has sued her former manager.\n\nHer lawyer said the singer would not "
                      "comment publicly, and a representative for Crane declined to comment further.")
    assert [n.entity for n in st.non_responses] == ["Della Crane"]


def test_a_report_with_a_relative_clause_is_a_noun_not_a_cue():
    (st,) = read("The staff report, which hasn't been made public, is said to have concluded that imports hurt "
                 "the industry.")
    assert st.attributions == [] and st.flags == ["unattributed"]


def test_people_answering_an_outlets_poll_speak_through_the_outlet():
    (st,) = read("In a separate Reuters poll published last week, 14 of 22 economists expected the central bank "
                 "to hold rates.")
    assert [(a.source, a.source_kind, a.via) for a in st.attributions] == [
        ("14 of 22 economists", "anonymous group", "Reuters")]


def test_two_speakers_joined_by_and_before_the_cue_are_both_sources():
    (st,) = read("The weather service and the state climatologist's office said the heat could last a week.")
    assert [a.source.removeprefix("the ") for a in st.attributions] == ["weather service",
                                                                        "state climatologist's office"]
    assert "corroborated" in st.flags


def test_a_clause_before_and_is_not_a_second_speaker():
    (st,) = read("Shares fell sharply and analysts said the deal was off.")
    assert not any("shares" in a.source.lower() for a in st.attributions)


def test_a_body_named_by_whose_it_is_is_new_not_a_reference():
    _a, b = read("The state climatologist's office said the run of hot days was the longest on record.\n\n"
                 "Heat killed 71 people last summer, according to the county medical examiner's office.")
    assert [(a.source.removeprefix("the "), a.basis) for a in b.attributions] == [
        ("county medical examiner's office", "explicit")]


def test_a_participle_then_where_it_was_said_then_that_is_a_frame():
    (st,) = read("Analysts at Brightwater Bank took a different view, writing in a note to clients that the yen "
                 "could fall further.")
    assert [a.source for a in st.attributions] == ["analysts at Brightwater Bank (Brightwater Bank analysts)"]


def test_a_hospital_named_general_is_not_a_person():
    from factcheck.analysis.sources import guess_kind

    assert guess_kind("Westbrook General Hospital") == "organisation"
    assert guess_kind("Attorney General Dana Price") == "person or role"
    *_intro, st = read("At three in the morning, Grace Adeyemi had 14 patients.\n\nAdeyemi, 34, has been a nurse "
                       "at Westbrook General Hospital for nine years. She loves the job, she said, but she no "
                       "longer recognises it.")
    assert who(st)[0][0] == "Grace Adeyemi"


def test_a_title_word_inside_a_bodys_name_does_not_make_a_person():
    (st,) = read("Westbrook General Hospital declined to make its chief nurse available, but said in a statement "
                 "that the ward had been staffed safely.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("Westbrook General Hospital", "organisation")]


def test_shares_in_a_company_then_a_description_of_it():
    first, second = read("Shares in Redgum Minerals fell 38 per cent after the lithium explorer told the exchange "
                         "it would suspend work at its mine. In a statement, the AIM-listed company said prices "
                         "had collapsed.")
    assert first.attributions[0].source == "Redgum Minerals"
    assert second.attributions[0].source == "Redgum Minerals"


def test_a_place_before_a_company_noun_still_points_back():
    (st,) = read("Shares in Glenarden Distillers fell on Wednesday after the Speyside whisky maker warned that "
                 "profits would fall short.")
    assert who(st) == [("Glenarden Distillers", None, "reference")]


def test_a_party_label_in_brackets_after_a_name_is_an_apposition():
    said, more = read("Cllr Aidan Booth (Lab, Calderbridge North), who chairs the health committee, said he had "
                      "written to the trust. “Councillors found out from a press release,” he said.")
    assert who(said) == [("Aidan Booth", None, "explicit")]
    assert who(more)[0][0] == "Aidan Booth"


def test_a_quotation_closing_at_the_end_of_a_statement_has_no_frame_of_its_own():
    *_, first, last = read('Amanda Theriault said she learned of it on Facebook. "I start work at 7:30," she said. '
                           '"I can\'t get there on time. Nobody\'s told us what we\'re supposed to do."')
    assert who(first) == [("Amanda Theriault", None, "inherited")]
    assert who(last) == [("Amanda Theriault", None, "inherited")]


def test_a_member_of_a_legislature_is_a_person():
    statements = read('Fundy-Orchard MLA Colin Forsythe called the situation "a mess". He said he had raised it '
                      'twice.')
    assert [who(st)[0][0] for st in statements] == ["Colin Forsythe", "Colin Forsythe"]


def test_fearing_disputing_and_defending_are_a_sources_stance():
    fear, dispute, defend = read("Campaigners fear the suspension will become permanent. Residents disputed "
                                 "that. Mayor Teresa Okonjo has defended the city's response.")
    assert who(fear) == [("campaigners", None, "explicit")] or who(fear) == [("Campaigners", None, "explicit")]
    assert who(dispute)[0][0].lower() == "residents"
    assert who(defend)[0][0] == "Teresa Okonjo"


def test_fears_as_a_noun_is_no_cue():
    (st,) = read("Fears of a slowdown grew on Monday as the yen rose.")
    assert st.attributions == []


def test_more_ways_of_not_answering():
    said, approached, unavailable, neither = read(
        "Batiste said a handgun was recovered but would not say where. The Department of Health has been "
        "approached for comment. Pothier was not available for an interview on Friday. A spokesman said the "
        "office does not confirm or deny the existence of investigations.")
    assert "non-response" in said.flags and [n.entity for n in said.non_responses] == ["Batiste"]
    assert [n.entity for n in approached.non_responses] == ["Department of Health"]
    assert "non-response" in unavailable.flags
    assert "non-response" in neither.flags


def test_a_name_with_a_plus_is_one_word():
    (st,) = read("Three OPEC+ delegates had told Reuters before the meeting that a cut was likely.")
    assert [(a.source, a.via) for a in st.attributions] == [("three OPEC+ delegates", "Reuters")]


def test_a_participle_with_its_object_after_a_comma_is_no_subject():
    (st,) = read("Yields rose after prices climbed more than expected, denting investors' hopes that the Fed "
                 "would cut rates.")
    assert st.attributions == []


def test_a_market_benchmark_is_no_one_it_can_point_to():
    *_, st = read("The JKM benchmark rose 9% on Tuesday.\n\nMeridian Gas, which operates the plant, said a fault "
                  "had forced it to shut. It said it expected to restart within a week.")
    assert who(st) == [("Meridian Gas", None, "reference")]


def test_a_role_at_a_known_body_before_a_name_is_that_person():
    (st,) = read("Fed governor Elena Marchetti said in a speech on Tuesday that she was worried about prices.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("Elena Marchetti", "person or role")]


def test_the_nurse_is_the_person_the_draft_described_as_a_nurse():
    *_, st = read("At three in the morning, Grace Adeyemi had 14 patients.\n\nAdeyemi, 34, has been a nurse on the "
                  "ward for nine years.\n\n“I tell them it gets better,” the nurse said.")
    assert who(st) == [("Grace Adeyemi", None, "reference")]


def test_a_league_named_before_is_the_league_and_the_manager_is_named():
    _trust, league, manager = read(
        "The Supporters' Trust said it had written to the English Football League. The league said it was in "
        "contact with the club but would not comment. The manager, Niall Brennan, has held things together; "
        "asked whether he had been paid, the manager declined to answer.")
    assert who(league)[0][0] == "English Football League"
    assert [n.entity for n in manager.non_responses] == ["Niall Brennan"]


def test_a_name_after_a_is_a_modifier_not_an_entity():
    _a, b = read("The Athletic, citing sources close to the player, reported that he had turned down an offer "
                 "from a Saudi Pro League club. It said his agent declined to comment.")
    assert who(b)[0][0] == "The Athletic"


def test_well_known_public_bodies_are_named_in_full():
    regulator, governor = read("The FCA declined to comment. Bank of Japan Governor Hideo Sakamaki declined to "
                               "comment on currency moves.")
    assert [n.entity for n in regulator.non_responses] == ["Financial Conduct Authority (FCA)"]
    assert "Hideo Sakamaki" in governor.non_responses[0].entity


def test_opec_plus_is_opec():
    _a, b = read("Oil jumped after OPEC+ agreed to cut output. The group said in a statement that the cut was "
                 "a precautionary measure.")
    assert who(b)[0][0] == "OPEC"


def test_non_responses_name_who_was_asked():
    fbi, lawyer, station = read(
        "An FBI spokeswoman confirmed that agents were at the building but declined to comment further. "
        "She declined to answer specific questions about the company's spending. "
        "The provincial department of cooperative governance told eNCA it could not comment.")
    assert [n.entity for n in fbi.non_responses] == ["FBI"]
    assert "non-response" in lawyer.flags
    assert [n.entity.removeprefix("the ") for n in station.non_responses] == [
        "provincial department of cooperative governance"]


def test_a_spokesman_whose_body_cannot_be_found_is_himself_who_declined():
    _a, st = read("The state police opened an inquiry on Sunday.\n\nA spokesman for the office, Ben Achterberg, "
                  "confirmed that investigators had been assigned but declined to comment further.")
    assert [n.entity for n in st.non_responses] == ["Ben Achterberg"]


def test_a_company_named_in_apposition_to_the_owner_is_a_company():
    _a, _b, st = read("The complaint says the owner, Granite Arch Residential, filed eviction cases.\n\nIn a "
                      "statement, Granite Arch said it had spent $600,000 on repairs. The company said it does "
                      "not comment on pending litigation.")
    assert who(st)[0][0] == "Granite Arch"


def test_taking_no_questions_is_a_non_response():
    _a, st = read("Mayor Ronald Petrakis read a short statement. He did not take questions.")
    assert [n.entity for n in st.non_responses] == ["Ronald Petrakis"]


def test_the_department_long_after_it_was_named_in_full():
    filler = " ".join(f"Paragraph {n} adds nothing about it." for n in range(12))
    *_, st = read(f"Officials at the state Department of Transportation reviewed the bid.\n\n{filler}\n\n"
                  "A spokeswoman for the department, Alicia Moreno, said the agency was reviewing the award but "
                  "declined to comment further.")
    assert [n.entity for n in st.non_responses] == ["Department of Transportation"]


def test_an_earlier_version_of_this_article_is_no_source():
    (st,) = read("Correction, 16 October: An earlier version of this article said the man was 32.")
    assert st.attributions == []


def test_a_description_before_a_name_with_its_own_article():
    (st,) = read("The Korean trade outlet The Elec reported last month that the company had picked a supplier.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("The Elec", "news outlet")]


def test_reported_earlier_by_an_outlet_is_its_report_and_corroborates_what_it_retells():
    told, _said, reported = read(
        "Sorrel has held talks with two publishers about licensing their books, according to a person familiar "
        "with the discussions. No agreement has been reached, the person said. The talks were reported earlier "
        "by The Information.")
    assert who(reported) == [("The Information", None, "explicit")]
    assert "corroborated" in told.flags and "corroborated" in reported.flags


def test_by_their_count_and_the_list_it_introduces():
    intro, first, second = read("By IDC's count, the top five vendors were:\n- Tavira: 16.9 million units\n"
                                "- Holloway: 13.8 million")
    assert [(a.source, a.basis) for a in intro.attributions] == [("IDC", "explicit")]
    assert [(a.source, a.basis) for a in first.attributions] == [("IDC", "inherited")]
    assert [(a.source, a.basis) for a in second.attributions] == [("IDC", "inherited")]


def test_list_items_under_an_unattributed_line_stay_unattributed():
    _intro, first, second = read("KEY POINTS:\n- Shares fell 9%.\n- The chief executive quit.")
    assert first.attributions == [] and second.attributions == []


def test_putting_a_figure_at_is_an_estimate_and_both_firms_are_the_last_two():
    _idc, calloway, both, idle = read(
        "Shipments rose 4.1 percent, according to figures from IDC. Rival research firm Calloway Analytics put "
        "growth at 2.8 percent. Both firms attributed the increase to businesses replacing old machines. The "
        "slump put pressure on prices.")
    assert who(calloway) == [("Calloway Analytics", None, "explicit")]
    assert {a.source for a in both.attributions} == {"IDC", "Calloway Analytics"}
    assert all(a.basis == "inherited" for a in idle.attributions)


def test_since_an_outlet_reported_marks_a_time_not_a_source():
    (st,) = read("Wendelin shares have risen 34% since the FT first reported the approach.")
    assert st.attributions == []
    (after,) = read("Shares fell after the Wall Street Journal reported that the deal had collapsed.")
    assert who(after) == [("The Wall Street Journal", None, "explicit")]


def test_non_responses_name_the_body_the_description_fits():
    _loan, _channel, finance, bank, bureau, _lawmaker, nis, referred = read(
        "China's Ministry of Commerce announced the loan. A television channel, TRT, covered it.\n\n"
        "The finance ministry did not respond to requests for comment. The central bank did not respond to "
        "questions. The Commerce Department's Bureau of Industry and Security declined to comment. A lawmaker "
        "briefed by the National Intelligence Service spoke to reporters. The NIS declined to confirm the "
        "briefing. The Interior Ministry referred questions to the presidency.")
    assert [n.entity.removeprefix("the ") for n in finance.non_responses] == ["finance ministry"]
    assert [n.entity.removeprefix("the ") for n in bank.non_responses] == ["central bank"]
    assert [n.entity for n in bureau.non_responses] == ["Bureau of Industry and Security"]
    assert [n.entity for n in nis.non_responses] == ["National Intelligence Service (NIS)"]
    assert "non-response" in referred.flags


def test_a_title_before_a_name_that_did_not_respond_is_a_description():
    (st,) = read("Vindhya Pradesh's Chief Electoral Officer, Sunil Bhargava, did not respond to calls.")
    assert [n.entity for n in st.non_responses] == ["Sunil Bhargava"]


def test_names_with_letters_beyond_ascii_are_peoples_names():
    from factcheck.analysis.sources import guess_kind

    assert [guess_kind(n) for n in ("Lucía Barrientos", "Łukasz Nowak", "Gail Hébert")] == ["person or role"] * 3
    _a, st = read("The amendment hands President Lucía Barrientos new powers.\n\nThe president has said federal "
                  "control would apply only in the worst-hit towns.")
    assert who(st)[0][0] == "Lucía Barrientos"


def test_an_outlet_carrying_a_similar_report_corroborates_the_one_before():
    reuters, valor, truck = read("Reuters reported, citing a ministry document, that the government planned to "
                                 "cap stakes at 49%.\n\nValor carried a similar report. The truck carried the "
                                 "same load.")
    assert who(valor) == [("Valor", None, "explicit")]
    assert "corroborated" in reuters.flags and "corroborated" in valor.flags
    assert all(a.basis == "inherited" for a in truck.attributions)


def test_whose_data_and_the_subject_after_an_opening_phrase():
    _a, data, post = read("Rival research firm Calloway Analytics put growth at 2.8 percent.\n\nCalloway's data "
                          "put Asterion ahead of Orchard for the quarter, at 4.9 million units. In the post, "
                          "Ferreira thanked his team and said he planned to take some time off.")
    assert who(data) == [("Calloway Analytics", None, "explicit")]
    assert who(post)[0][0] == "Ferreira"


def test_an_auxiliary_before_the_phrase_is_not_part_of_who_declined():
    (st,) = read("Reuters said at the time that Lattice had declined to comment.")
    assert [(n.entity, n.reported_by) for n in st.non_responses] == [("Lattice", "Reuters")]


def test_cue_words_inside_straight_quotation_marks_are_the_speakers_words():
    _said, opened, closed = read('"We will appeal," said Elena Marsh, the county health officer. "Measles finds the '
                                 'gaps. Nobody told us the rate had slipped," she said.')
    assert who(opened)[0][0] == "Elena Marsh"  # the quotation it opens closes on "she said"
    assert who(closed)[0][0] == "Elena Marsh"
    (colon,) = read('Det Insp Rachel Onslow said: "This was a frightening attack on a busy street."')
    assert who(colon)[0][0] == "Rachel Onslow"


def test_rough_copy_still_reads():
    ministry, mixed, statement, observers = read(
        'According with the Interior Ministry, 41 police officers were injured. "Finally, finally," said Marcia '
        'Dubois, a fruit seller. Corvane put out a statement at 11 a.m. The independent observers mission '
        'Transparent Vote said it received 37 complaints.')
    assert who(ministry)[0][0] == "Interior Ministry"
    assert who(mixed)[0][0] == "Marcia Dubois"
    assert all(a.basis == "inherited" for a in statement.attributions)
    assert who(observers)[0][0] != "The Independent"


def test_the_short_form_of_a_company_name_is_the_company():
    *_, st = read("Workers at Harlan Ridge Foods' largest plant were hurt at a rising rate.\n\nIn a response to "
                  "questions, Harlan Ridge said it records every injury. The company said it does not tie "
                  "bonuses to clinic visits.")
    assert who(st)[0][0].startswith("Harlan Ridge")


def test_a_papers_own_review_is_the_papers_word_and_the_review_points_back():
    found, again = read("Dozens of officers were paid for hours they did not work, a Herald review of payroll "
                        "records found.\n\nThe review found 61 officers logged such hours.")
    assert who(found) == [("Herald", None, "explicit")]
    assert who(again) == [("Herald", None, "reference")]


def test_declining_repeated_requests_and_an_opening_preposition_is_no_name():
    _rules, declined = read("Under OSHA rules, first aid need not be logged. Marsh declined repeated requests for "
                            "an interview.")
    assert "non-response" in declined.flags
    assert not any(e.startswith("Under") for st in (_rules, declined) for e in [n.entity for n in st.non_responses])


def test_a_document_someone_gave_out_and_a_title_before_a_name_with_appositions():
    _intro, report, council = read(
        "Utilities director Sam Okonkwo spoke first.\n\nThe city still has about 3,100 lead lines, according to a "
        "report Okonkwo presented. Council member Patrice Gaines, who chairs the public safety committee, said "
        "she supported the plan.")
    assert who(report)[0][0] == "Sam Okonkwo"
    assert who(council) == [("Patrice Gaines", None, "explicit")]


def test_more_non_responses_named_as_the_draft_named_them():
    _a, _b, acronym, relative, office = read(
        "A complaint was filed with the Federal Aviation Administration in September.\n\nFour former employees of "
        "the hospital's billing office spoke to the Post. The FAA declined to say what the audit found. Dennis "
        "Halloway said the company had a plan, which he declined to specify. The office declined to say whether it "
        "was examining the hospital.")
    assert [n.entity for n in acronym.non_responses] == ["Federal Aviation Administration (FAA)"]
    assert [n.entity for n in relative.non_responses] == ["Dennis Halloway"]
    assert not any("employees" in n.entity for n in office.non_responses)


def test_a_bare_spokesperson_who_did_not_respond_speaks_for_the_body_last_named():
    _a, st = read("The Department of Health and Social Care said the rollout was on track. A spokesperson did not "
                  "respond to questions about the GP shortage.")
    assert [n.entity for n in st.non_responses] == ["Department of Health and Social Care"]


def test_a_press_office_is_named_by_its_owner_in_full():
    _a, st = read("The researchers, from Kelmscott University, moved 240 corals.\n\nKelmscott's press office did "
                  "not respond to a question about the funding.")
    assert [n.entity for n in st.non_responses] == ["Kelmscott University's press office"]


def test_analysts_at_a_firm_are_named_both_ways_and_the_firm_is_what_it_points_to():
    note, bank = read("Analysts at Tennant Brothers raised their Brent forecast, writing in a note that supply "
                      "would tighten. The bank said inventories could fall below their average.")
    assert [a.source for a in note.attributions] == ["analysts at Tennant Brothers (Tennant Brothers analysts)"]
    assert who(bank)[0][0] == "Tennant Brothers"


def test_experts_not_involved_in_the_research_are_a_source():
    outside, more = read("Scientists not involved in the research said the results were striking. But several "
                         "scientists who were not involved in the work said the findings needed checking.")
    assert [(a.source, a.source_kind) for a in outside.attributions] == [
        ("scientists not involved in the research", "anonymous group")]
    assert more.attributions[0].source_kind == "anonymous group"


def test_a_body_recommending_is_its_word():
    (st,) = read("The World Health Organization recommends limiting foods high in sugar.")
    assert who(st)[0][0].startswith("World Health Organization")


def test_a_nationality_or_an_age_points_back_to_the_person_named():
    _scored, said, added = read("Tomas Reyna scored twice on Saturday. “I kept going,” the Colombian said. "
                                "“It was hard,” the 31-year-old added.")
    assert who(said) == [("Tomas Reyna", None, "reference")]
    assert who(added) == [("Tomas Reyna", None, "reference")]


def test_the_studio_the_label_and_the_streamer_point_back_to_whose_name_says_so():
    studio = read("Meridian Pictures’ drama opened to $48 million, according to Comscore. The studio said the film "
                  "added $61 million overseas.")[1]
    assert who(studio) == [("Meridian Pictures", None, "reference")]
    label = read("In a statement, Saltmarsh Records called the lawsuit meritless. The label declined to comment on "
                 "the settlement.")[1]
    assert [n.entity for n in label.non_responses] == ["Saltmarsh Records"]
    streamer = read("Parallax said the series was a hit. Nielsen counted 9 million views. The streamer said the "
                    "figure was low.")[2]
    assert who(streamer) == [("Parallax", None, "reference")]


def test_a_live_updates_time_stamp_is_not_its_subject():
    fire, plane, quote = read("18:40 The fire brigade says the front has jumped the highway.\n\n"
                              "9.30am: The European Commission says it has sent four planes.\n\n"
                              "10:05 a.m. ET “We are leaving now,” Ana Ruiz told reporters.")
    assert [a.source for a in fire.attributions] == ["the fire brigade"]
    assert who(plane)[0][0] == "European Commission"
    assert who(quote)[0][0] == "Ana Ruiz"


def test_a_cue_in_the_progressive_before_a_that_clause():
    bbc, _new, sales = read("The BBC is reporting that a second fire has broken out.\n\nThe company is new.\n\n"
                            "The company is reporting strong sales.")
    assert who(bbc) == [("BBC", None, "explicit")]
    assert not sales.attributions


def test_her_and_his_in_one_statement_say_nothing_of_the_speakers_gender():
    _storm, said, quoted = read("Typhoon Kirra hit Verdura on Saturday. In San Roque, Lorna Bacsal said her husband "
                                "and two of his brothers had not come back. “They said they would,” she said.")
    assert who(said)[0][0] == "Lorna Bacsal"
    assert who(quoted) == [("Lorna Bacsal", None, "reference")]


def test_a_named_storm_is_no_one_a_pronoun_can_point_to():
    _storm, quoted = read("Hurricane Ida hit the coast on Sunday. “We lost everything,” she said.")
    assert not quoted.attributions


def test_trade_papers_of_entertainment_and_crypto_are_known_outlets():
    (both,) = read("Variety and The Hollywood Reporter also reported the price at about $17 million.")
    assert sorted(a.source for a in both.attributions) == ["The Hollywood Reporter", "Variety"]
    assert {a.source_kind for a in both.attributions} == {"news outlet"}
    (block,) = read("The Block reported in February that Norvane had received a Wells notice.")
    assert who(block) == [("The Block", None, "explicit")]


def test_a_relative_clause_may_hold_a_quoted_title():
    _named, told = read("Wes Harlan earned five nominations.\n\nHarlan, whose single “Gravel Road Gospel” spent 11 "
                        "weeks at No. 1, told Billboard last month that he had recorded his first EP in a garage.")
    assert who(told) == [("Wes Harlan", "Billboard", "explicit")]


def test_suing_and_alleging_or_accusing_is_the_plaintiffs_word():
    sec, tenants, letter = read("The SEC sued Norvane Finance on Monday, accusing it of misleading investors. "
                                "Forty-one tenants of a Fenwick apartment complex sued its owner, alleging that "
                                "it ignored years of complaints. The complaint says the owner filed evictions.")
    assert who(sec)[0][0] == "Securities and Exchange Commission"
    assert [(a.source, a.source_kind) for a in tenants.attributions] == [("Forty-one tenants", "anonymous group")]
    # "complaints" in a statement is no complaint filed: the complaint is its own source
    assert [a.source for a in letter.attributions] == ["complaint"]


def test_a_cue_then_when_it_was_said_then_its_that_clause():
    wrote, memo = read("Hanbit co-founder and chief executive Seo Min-jae wrote on X late Tuesday that the company "
                       "had never traded against its customers. In the memo, co-founder and CEO Imogen Shah said "
                       "the company would stop work on crypto trading.")
    assert who(wrote)[0][0] == "Seo Min-jae"
    assert who(memo)[0][0] == "Imogen Shah"


def test_a_source_that_gave_a_similar_estimate_corroborates_the_figure():
    first, second = read("Kirra made landfall with winds of 215 kph, according to the state weather agency. "
                         "The U.S. Joint Typhoon Warning Center gave a similar estimate.")
    assert first.attributions[0].source_kind == "government body"
    assert who(second)[0][0] == "U.S. Joint Typhoon Warning Center"
    assert "corroborated" in first.flags and "corroborated" in second.flags


def test_two_names_joined_by_and_that_both_said_are_two_sources():
    firms, wires, drug = read("Veritrace and Ondra Labs, another analytics firm, both said the wallet was his. "
                              "Investigators seized servers and chat records, Yonhap and the Korea JoongAng Daily "
                              "both reported. Johnson & Johnson and Pfizer both said the drug works.")
    assert [a.source for a in firms.attributions] == ["Veritrace", "Ondra Labs"]
    assert [a.source for a in wires.attributions] == ["Yonhap", "Korea JoongAng Daily"]
    assert [a.source for a in drug.attributions] == ["Johnson & Johnson", "Pfizer"]


def test_before_announcing_that_is_the_subjects_word():
    _named, left, quote = read("Rafe Donnelly starred in the show.\n\nMr. Donnelly, 44, missed six performances "
                               "before announcing on Instagram on Feb. 3 that he was leaving. “I gave it "
                               "everything,” he wrote.")
    assert who(left)[0][0] == "Rafe Donnelly"
    assert who(quote) == [("Rafe Donnelly", None, "reference")]
    (plain,) = read("Ticket sales fell before rising again in March.")
    assert not plain.attributions


def test_a_clause_before_and_is_not_an_entity_but_a_name_with_may_or_do_is():
    _said, hours = read("Parallax said the series drew 9 million views. The company did not disclose the total "
                        "number of hours, and a spokesperson declined to provide the figure.")
    assert [n.entity for n in hours.non_responses] == ["Parallax"]
    (may,) = read("Theresa May did not respond to a request for comment.")
    assert [n.entity for n in may.non_responses] == ["Theresa May"]


def test_more_company_suffixes_make_a_name_the_company_can_point_to():
    _named, said = read("The permit for Red Butte Midstream was suspended on Tuesday. The company, which has spent "
                        "$300 million on the project, said it was reviewing its options.")
    assert who(said) == [("Red Butte Midstream", None, "reference")]


def test_the_industry_body_the_campaign_and_the_journal_point_back():
    _a, body = read("Exports fell 4%, the Scotch Whisky Association said. The industry body has blamed tariffs.")
    assert who(body) == [("Scotch Whisky Association", None, "reference")]
    _b, campaign = read("Hollinsford Against Gas Storage organised the march. The campaign said another is planned.")
    assert who(campaign) == [("Hollinsford Against Gas Storage", None, "reference")]
    _c, journal = read("Bees were less likely to return, according to a study in the journal Science. In an editorial, "
                       "the journal said the findings added to the evidence.")
    assert who(journal) == [("Science", None, "reference")]


def test_the_us_is_a_country_not_us_and_a_bare_the_never_crashes():
    (usgs,) = read("Indonesia mines half of the world's nickel, according to the US Geological Survey.")
    assert [(a.source, a.source_kind) for a in usgs.attributions] == [("US Geological Survey", "government body")]
    (told,) = read("The mayor told us the road was closed.")
    assert [a.source for a in told.attributions] == ["mayor"]


def test_a_turkish_name_keeps_its_dotless_i_and_raises_no_look_alike_warning():
    reading = analyse_text("Finance Minister Mehmet Ali Yılmazer said the government would act.")
    (st,) = reading.statements
    assert [(a.source, a.suspicious) for a in st.attributions] == [("Mehmet Ali Yılmazer", False)]
    assert not reading.warnings


def test_the_finance_ministry_is_not_the_finance_minister():
    _pressure, note = read("Finance Minister Otávio Seixas has come under pressure, Folha reported. The finance "
                           "ministry said in a note that the framework remains credible.")
    assert [(a.source, a.source_kind) for a in note.attributions] == [("finance ministry", "government body")]


def test_its_report_is_the_report_of_the_name_a_relative_clause_describes():
    _bank, own = read("The Bundesbank said growth was slow. Halbach, which is controlled by the founding family, made "
                      "a loss last year, according to its annual report.")
    assert who(own) == [("Halbach annual report", None, "reference")]


def test_whose_then_who_before_and_said():
    bank, boss = read("Brazil's central bank held its rate at 14.75% and said it would stay there. Acme's chief "
                      "executive resigned and said the board had lost faith.")
    assert [a.source for a in bank.attributions] == ["Brazil's central bank"]
    assert [a.source for a in boss.attributions] == ["Acme's chief executive"]


def test_the_central_bank_points_back_to_the_bank_named_in_any_language():
    _a, french = read("The Banque de France said growth would slow. The central bank now expects growth of 1%.")
    assert who(french) == [("Banque de France", None, "reference")]
    _b, german = read("The Bundesbank said output would stagnate. “No recovery is in sight,” the central bank wrote.")
    assert who(german) == [("Bundesbank", None, "reference")]


def test_citing_its_own_reasons_is_the_subjects_word_but_not_after_a_refusal():
    bank, refused, conduit = read("The Banque de France cut its forecast to 0.6%, citing weaker household "
                                  "consumption. Pacifica declined to comment, citing customer confidentiality. "
                                  "Lenholm will add routes, Reuters reported, citing people familiar with the plan.")
    assert who(bank) == [("Banque de France", None, "explicit")]
    assert not refused.attributions
    assert who(conduit) == [("people familiar with the plan", "Reuters", "explicit")]


def test_it_said_is_the_organisation_that_spoke_not_a_body_its_statement_named():
    _a, _filing, more = read("Quillpay said hackers stole data. The company said in a filing with the Securities "
                             "and Exchange Commission that it saw unusual activity. It said no passwords were taken.")
    assert who(more) == [("Quillpay", None, "reference")]


def test_an_opening_place_is_not_the_name_before_appositions():
    (st,) = read("In Japan, Nikkei, which owns the Financial Times, reported that Tokyo would act.")
    assert who(st) == [("Nikkei", None, "explicit")]


def test_an_apposition_between_the_subject_and_and_said():
    (st,) = read("Meridian Labs on Wednesday released Aster 3, the latest version of its flagship model, and said "
                 "it outperformed rival systems.")
    assert who(st) == [("Meridian Labs", None, "explicit")]


def test_the_ombudsmans_report_is_the_ombudsmans_and_a_deputy_ombudsman_is_a_person():
    _found, report, deputy = read("A family lived with mould for a year, the Housing Ombudsman has found. The "
                                  "ombudsman’s report said the damp was reported in 2022. Deputy ombudsman Helen "
                                  "Farrant said the case showed a landlord ignoring the cause.")
    assert who(report) == [("Housing Ombudsman", None, "reference")]
    assert [(a.source, a.source_kind) for a in deputy.attributions] == [("Helen Farrant", "person or role")]


def test_a_channel_named_with_a_number_and_citing_between_commas():
    (st,) = read("State television channel Veshara One, citing the Talvar governor's office, said 41 people had died.")
    assert who(st) == [("Talvar governor's office", "Veshara One", "explicit")]


def test_two_speakers_after_an_opening_phrase():
    (st,) = read("In Mirzan, survivors and local officials said the toll was far higher.")
    assert [a.source for a in st.attributions] == ["survivors", "local officials"]


def test_putting_the_toll_higher_is_an_estimate():
    (st,) = read("Local officials put the toll higher.")
    assert who(st) == [("Local officials", None, "explicit")]


def test_the_researchers_found_and_what_the_company_says_is():
    found, phone = read("The researchers analysed four decades of records and found that heatwaves last longer. "
                        "Vantor unveiled the Slate, a phone that the company says is the thinnest it has made.")
    assert [(a.source, a.source_kind) for a in found.attributions] == [("the researchers", "anonymous group")]
    assert [a.basis for a in phone.attributions] == ["reference"] and phone.attributions[0].cue.text == "says"


def test_an_agency_spokesperson_who_declined_speaks_for_the_agency_named():
    _approved, declined = read("The Food and Drug Administration approved the pill on Friday. An agency spokesperson "
                               "declined to say whether the review had delayed it.")
    assert [n.entity for n in declined.non_responses] == ["Food and Drug Administration"]


def test_a_name_with_its_short_name_in_brackets_that_is_not_all_capitals():
    nice, ofcom = read("The National Institute for Health and Care Excellence (Nice) said the drug was too costly. "
                       "The Office of Communications (Ofcom) said fines would follow.")
    assert [a.source for a in nice.attributions] == ["National Institute for Health and Care Excellence (Nice)"]
    assert [a.source for a in ofcom.attributions] == ["Office of Communications (Ofcom)"]


def test_researchers_at_a_university_found_a_figure():
    (st,) = read("Researchers at Northfield University found 1,914 serious falls per 100,000 people.")
    assert [a.source_kind for a in st.attributions] == ["anonymous group"]
    assert st.attributions[0].source.startswith("researchers at Northfield University")


def test_a_pull_quote_is_credited_to_the_name_after_its_dash():
    _a, pull, _b, boxed = read("The ruling came on Friday.\n\nPULL QUOTE: \"Nobody came to look at the drains\" – "
                               "Maureen Tidwell, resident\n\nLena Kovalenko won her appeal.\n\n"
                               "“Eleven months proving what I told them.” — Kovalenko")
    assert [(a.source, a.cue.text) for a in pull.attributions] == [("Maureen Tidwell", "–")]
    assert [a.source for a in boxed.attributions] == ["Lena Kovalenko"]


def test_a_speakers_own_account_of_a_silence_keeps_its_speaker():
    _said, silence = read("Ruth Hollis said the talks had stalled. Kjeldsen has not answered my last three emails.")
    assert who(silence) == [("Ruth Hollis", None, "inherited")]
    assert [(n.entity, n.reported_by) for n in silence.non_responses] == [("Kjeldsen", "Ruth Hollis")]
    _a, ours = read("Ruth Hollis said the talks had stalled. Kjeldsen has not answered our questions.")
    assert not ours.attributions  # the newsroom's own note


def test_a_share_price_move_is_the_writers_market_data_not_inherited():
    _said, shares = read("Analysts at Morrow Kent said the results were strong. Tessaly shares rose 12% in premarket "
                         "trading on Monday.")
    assert not shares.attributions and shares.flags == ["unattributed"]


def test_neither_responded_ends_the_inheritance():
    _said, neither = read("A person with knowledge of the search said two directors were in talks. Neither "
                          "Venkataraman nor Crane responded to requests for comment.")
    assert not neither.attributions and "non-response" in neither.flags


def test_who_a_report_cited_is_not_part_of_what_it_said():
    said, reported = read("Tessaly said it planned to file for US approval by the end of the year. Bloomberg had "
                          "reported in April that Tessaly planned to file for US approval by the end of the year, "
                          "citing people familiar with the matter.")
    assert reported.content is not None and "citing" not in reported.content.text
    assert "corroborated" in said.flags and "corroborated" in reported.flags


def test_a_group_of_a_named_place_is_named_both_ways():
    (st,) = read("Residents of Millbridge said the water was brown.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [
        ("residents of Millbridge (Millbridge residents)", "anonymous group")]


def test_a_place_based_epithet_is_not_a_given_name():
    _owned, silent = read("The app is owned by Singapore-based Tessellate Group. Tessellate did not respond to a "
                          "request for comment.")
    assert [n.entity for n in silent.non_responses] == ["Tessellate Group"]


def test_they_in_a_speakers_account_of_a_silence_is_never_the_speaker():
    _said, silence = read("Ruth Hollis said the talks had stalled. They have not answered my last three emails.")
    assert all(n.entity != "Ruth Hollis" for n in silence.non_responses)


def test_a_team_before_a_title_is_not_a_surname():
    _result, _told, quote = read("The Tidewater Ospreys beat the Ridgeline Foxes 4-3 on Thursday.\n\nFoxes coach "
                                 "Dale Whitcombe told reporters the team stopped. “We got comfortable,” he said.")
    assert who(quote) == [("Dale Whitcombe", None, "reference")]


def test_a_group_that_speaks_in_a_clause_of_its_own_after_and():
    (st,) = read("Prices rose and analysts said the trend would last.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("analysts", "anonymous group")]


def test_a_document_that_lists_is_a_source_but_a_company_listing_shares_is_not():
    notice, listing = read("A notice Quillpay filed with the Maine attorney general lists 41,000 residents among "
                           "those affected.\n\nThe company listed its shares in 2019.")
    assert notice.attributions and notice.attributions[0].cue.text == "lists"
    assert not listing.attributions


def test_people_who_describe_what_they_see_are_its_source():
    agents, lawyers = read("Estate agents describe a market that has split in two.\n\nDefence lawyers in "
                           "Harwell describe a court system that is close to breaking.")
    assert [(a.source, a.cue.text) for a in agents.attributions] == [("Estate agents", "describe")]
    assert [(a.source, a.cue.text) for a in lawyers.attributions] == [("Defence lawyers in Harwell", "describe")]


def test_a_group_named_after_by_is_not_the_head_of_the_noun_phrase():
    # the tests are what found it; the closing frame says who vouches for the whole
    (st,) = read("Laboratory tests commissioned by her lawyers found the same substance in two sealed tubs, "
                 "the tribunal said.")
    assert who(st) == [("the tribunal", None, "explicit")]


def test_us_departments_by_their_full_names_but_a_states_department_is_its_own():
    treasury, pentagon, health = read("The sanctions take effect on Friday, the Treasury Department said.\n\n"
                                      "Two destroyers will sail next week, the Pentagon said.\n\n"
                                      "The state Department of Health said 84 cases had been confirmed.")
    assert who(treasury) == [("U.S. Treasury Department", None, "explicit")]
    assert who(pentagon) == [("U.S. Defense Department (Pentagon)", None, "explicit")]
    assert "U.S." not in who(health)[0][0]


def test_the_earlier_report_a_statement_confirms_is_a_second_source():
    confirmed, it_said, possessive = read(
        "The drones flew near Yonaguni, the Defense Ministry said, confirming an earlier report by Kyodo News. "
        "It said jets were scrambled.\n\nThe company will cut 300 jobs, it said on Monday, confirming an earlier "
        "Bloomberg News report.")
    assert [(a.source, a.cue.text) for a in confirmed.attributions] == [
        ("Defense Ministry", "said"), ("Kyodo", "confirming an earlier report by")]
    assert confirmed.flags == ["corroborated"]
    assert [a.source for a in it_said.attributions] == ["Defense Ministry"]  # "It said": not Kyodo
    assert [a.source for a in possessive.attributions][-1] == "Bloomberg"


def test_confirming_that_names_no_second_source():
    (st,) = read("The plant will close, the company said, confirming that 300 jobs would go.")
    assert [a.source for a in st.attributions] == ["company"]
    assert st.flags == ["single-source"]


def test_a_study_by_researchers_at_an_institution_is_the_institutions():
    according, found = read("Fragments of tyres were found in honey, according to a study by researchers at the "
                            "University of Portsea.\n\nA study by scientists from Kellan University found a link.")
    assert [(a.source, a.cue.text) for a in according.attributions] == [("University of Portsea", "according to")]
    assert [a.source for a in found.attributions] == ["Kellan University"]


def test_a_candidate_is_a_role_before_the_name():
    (st,) = read("Mongolia's opposition presidential candidate Narantuya Enkhjargal refused on Monday to accept "
                 "the result, alleging that ballot boxes had been tampered with.")
    assert who(st) == [("Narantuya Enkhjargal", None, "explicit")]


def test_figures_and_who_released_them_open_a_statement_without_a_cue():
    (st,) = read("Preliminary results released by the General Election Commission gave Bold 50.6 percent of "
                 "the vote.")
    assert [(a.source, a.cue.text) for a in st.attributions] == [("General Election Commission", "released by")]


def test_a_draft_seen_by_an_outlet_is_the_document_it_later_calls_the_document():
    first, later = read("Leaders will drop the word, according to a draft seen by Reuters. The document shows a "
                        "softer line.")
    assert [(a.source, a.source_kind, a.via) for a in first.attributions] == [("a draft", "document", "Reuters")]
    assert [(a.source, a.basis) for a in later.attributions] == [("a draft", "reference")]


def test_a_long_wire_headline_on_the_first_line_is_a_heading():
    statements = analyse_text("North Korea says it shot down South Korean drone near Kaesong; Seoul declines to "
                              "confirm\n\nSEOUL (Reuters) - North Korea said on Sunday it had shot down a drone.")
    assert [s.kind for s in statements.statements] == ["heading", "claim"]


def test_urged_or_accused_with_the_speakers_words_in_quotation_marks():
    _said, urged = read("Bao Wenjun, a foreign ministry spokesperson, said the talks were constructive. He urged "
                        "“countries outside the region” to stop “stirring up trouble”.")
    assert [(a.source, a.basis, a.cue.text) for a in urged.attributions] == [("Bao Wenjun", "reference", "urged")]


def test_a_document_also_seen_by_the_outlet_between_commas():
    (st,) = read("A separate draft declaration on Myanmar, also seen by Reuters, urges the military to end the "
                 "violence.")
    assert [(a.source_kind, a.via) for a in st.attributions] == [("document", "Reuters")]


def test_she_after_one_mother_spoke_is_the_mother_not_the_trust_named_before():
    _trust, _mother, quote = read("The Wash Valley Learning Trust, which runs the academy, said it had appointed "
                                  "a new head. One mother told the BBC she had raised concerns three times. "
                                  "“Nothing happened until Ofsted turned up,” she said.")
    assert [(a.source, a.source_kind) for a in quote.attributions] == [("one mother", "person or role")]


def test_an_outlet_reporting_that_neither_answered():
    (st,) = read("Le Monde said neither Armorique Naval nor the Indonesian embassy in Paris had responded to its "
                 "questions before publication.")
    assert [(n.entity, n.reported_by) for n in st.non_responses] == [
        ("Armorique Naval", "Le Monde"), ("Indonesian embassy in Paris", "Le Monde")]
    assert "non-response" in st.flags


def test_a_security_service_is_a_public_body_that_the_agency_points_back_to():
    _first, _service, agency = read(
        "The ministry said two diplomats must leave, confirming a report by public broadcaster NOS. The Dutch "
        "General Intelligence and Security Service said the men had recruited a port employee. The agency said "
        "the information could have been used to plan sabotage.")
    assert [(a.source, a.source_kind) for a in agency.attributions] == [
        ("Dutch General Intelligence and Security Service", "government body")]


def test_a_name_the_registry_lacks_beside_one_it_knows():
    (st,) = read("Mint and Moneycontrol reported last week that three rivals had hired banks.")
    assert [a.source for a in st.attributions] == ["Mint", "Moneycontrol"]
    assert st.flags == ["corroborated"]


def test_rejected_as_with_the_speakers_words_in_quotation_marks():
    rejected, plain = read("Hanxin rejected the allegations at the time as “groundless and malicious”.\n\n"
                           "The court rejected the appeal on Tuesday.")
    assert [(a.source, a.cue.text) for a in rejected.attributions] == [("Hanxin", "rejected")]
    assert not plain.attributions


def test_shares_of_a_named_company_moving_inherit_no_source():
    _said, move = read("Devika Raman told CNBC the cuts were overdue. Shares of listed rival Coinvale fell 3% on "
                       "Tuesday.")
    assert not move.attributions and move.flags == ["unattributed"]


def test_english_words_one_letter_from_an_outlet_are_not_its_misspelling():
    aides, reform, typo = read("Two Republican aides said the proposal had support. Reform said the plan was "
                               "sound. Prices rose, Reuter reported.")
    assert aides.attributions[0].source == "two Republican aides"
    assert reform.attributions[0].source == "Reform"
    assert typo.attributions[0].source == "Reuters"


def test_a_leaders_title_and_party_tag_around_the_name():
    (st,) = read("Senate Majority Leader Carol Whitfield, R-S.D., accused Democrats of “playing games” with the "
                 "budget.")
    assert [(a.source, a.source_kind) for a in st.attributions] == [("Carol Whitfield", "person or role")]


def test_she_after_he_is_not_him_but_the_role_that_opened_the_last_statement():
    _says, told, _role, asked, declined = read(
        "The Beveridge Centre’s director, Tom Aske, says the numbers leave no room for error. “He has bought "
        "himself six months,” he told BBC Radio 4. The chancellor’s spokesperson has been briefing journalists. "
        "Asked whether cuts were coming, she said budgets were not written in advance. She declined to say how "
        "many claimants would lose out.")
    assert told.attributions[0].source == "Tom Aske"
    assert [a.source for a in asked.attributions] == ["chancellor’s spokesperson"]
    assert [n.entity for n in declined.non_responses] == ["chancellor’s spokesperson"]


def test_the_official_who_declined_is_the_one_named_before():
    _said, declined = read("A senior State Department official said the United States would raise the issue. "
                           "The official, who spoke on condition of anonymity, declined to comment on the draft.")
    assert [n.entity for n in declined.non_responses] == ["a senior State Department official"]


def test_an_army_spokesman_is_the_armys_not_the_council_named_before():
    _said, silent = read("Kavaria's Transitional Sovereign Council said it had accepted the truce. An army "
                         "spokesman did not answer calls from AFP.")
    assert [n.entity for n in silent.non_responses] == ["an army spokesman"]
