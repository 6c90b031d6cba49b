"""The engine's word lists, loaded once from `factcheck/data/lexicon.json`.

Keeping them as data means an editor can widen the cue lexicon without touching code, and the
patterns built from them stay simple alternations of literal words (linear time).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    general_cues: frozenset[str]
    strict_cues: frozenset[str]
    # strict cues that a named subject may use without a that-clause: "ICES estimates the stock at …"
    strict_with_a_name: frozenset[str]
    determiners: frozenset[str]
    np_prepositions: frozenset[str]
    np_stop_words: frozenset[str]
    pre_cue_skip: frozenset[str]
    weekdays: frozenset[str]
    months: frozenset[str]
    intro_words: frozenset[str]
    pronouns: dict[str, str]
    reference_nouns: dict[str, str]  # noun → class: outlet, company, person, government, document
    role_heads: frozenset[str]
    lowercase_when_initial: frozenset[str]
    hedge_re: re.Pattern[str]
    non_response_re: re.Pattern[str]
    # The same two patterns without IGNORECASE, for lower-cased text: three times faster, and
    # enough where only whether a phrase occurs matters (lower-casing may move offsets).
    hedge_low_re: re.Pattern[str]
    non_response_low_re: re.Pattern[str]
    non_response_wrappers: tuple[tuple[str, ...], ...]
    corroboration: dict[str, float]
    document_heads: frozenset[str]
    company_descriptors: frozenset[str]  # "drugmaker Alpentis", "mining company Minera …"
    group_heads: frozenset[str]  # "Supporters argue …", "Some analysts believe …": plural speakers
    passive_participles: frozenset[str]  # "was first reported by X", "were identified by X"
    # "seen by B", "polled by B", "interview with B": B carried the source's words
    conduit_phrases: frozenset[tuple[str, str]]
    # every word that can start an attribution: a cheap test before a statement is tokenised
    trigger_words: frozenset[str]
    trigger_re: re.Pattern[str]  # any of `trigger_words` as a whole word of lower-cased text
    cues: frozenset[str]  # general and strict cues together
    # every word at which a frame may be read ("said", "according", "per", "by", "quoted", …): the
    # frame reader looks closer only at these
    frame_words: frozenset[str]
    conduit_starts: frozenset[str]  # "citing", "quoting" and the first words of `conduit_phrases`
    participle_cues: frozenset[str]  # "…, saying …", "…, ruling that …": the subject says it
    strong_participles: frozenset[str]  # those of them that take any clause, not only "that"
    progressive_cues: frozenset[str]  # "is reporting that …", "are saying that …"

    def has_hedge(self, low: str) -> bool:
        """Does the lower-cased text hold a hedge ("reportedly", "is believed to")?"""
        return HEDGE_HINT_RE.search(low) is not None and self.hedge_low_re.search(low) is not None

    def has_non_response(self, low: str) -> bool:
        """Does the lower-cased text hold a non-response phrase ("declined to comment")?"""
        return NON_RESPONSE_HINT_RE.search(low) is not None and self.non_response_low_re.search(low) is not None


# Every hedge holds one of these words, and every non-response phrase one of those (tests check
# them against lexicon.json): one scan for them, as a trie of literal letters, is several times
# cheaper than the long pattern and rules out most statements before it runs.
HEDGE_HINTS = ("report", "alleg", "purport", "suppos", "rumo", "said", "believ", "underst", "thought")
NON_RESPONSE_HINTS = ("comment", "respon", "repl", "return", "declin", "refus", "reach", "availab", "answer",
                      "speculat", "drawn", "contact", "would", "approach", "deny", "question", "referred")



# Words that open a frame of their own besides the cue verbs (see `StatementReader.frames`).
# Verbs that attribute only with the speaker's words in quotation marks after them: "X called the
# decision “a gift to …”", "Y dismissed the speech as “a eulogy …”"
QUOTE_VERBS = frozenset({"called", "described", "branded", "dubbed", "dismissed", "labelled", "labeled", "hailed",
                         "praised", "criticised", "criticized", "slammed", "blasted", "denounced", "condemned",
                         "derided", "mocked", "urged", "accused", "rejected"})
# Verbs that say someone goes on speaking, only right after a quotation: "“…,” she went on."
QUOTE_CONTINUERS = frozenset({"went", "continued"})
# Present-tense verbs of characterising, a frame only when the statement opens with who does it:
# "The CDC calls it an urgent threat" (not "the plan calls for …")
CHARACTERISERS = frozenset({"calls", "call"})
# A speaker's own account in the first person singular, in lower-cased text: "They have not answered my
# last three emails" is the speaker's, not the writer's note (and not "our request": the newsroom's)
FIRST_PERSON = re.compile(r"\b(?:i|me|my)\b")
# Participles of telling after "before", "after" or "while", with a that-clause: "… missed six shows
# before announcing on Instagram that …"
ANNOUNCING = frozenset({"announcing", "saying", "telling", "confirming", "revealing", "posting", "writing",
                        "disclosing", "declaring", "insisting", "warning"})
# "Calloway put growth at 2.8 percent", "The company puts the figure at about 250": an estimate
PUTS = frozenset({"put", "puts"})
# "Valor carried a similar report", "Kyodo ran the same account", "The JTWC gave a similar estimate":
# a source telling the same
CARRIES = frozenset({"carried", "ran", "published", "gave", "offered", "issued"})
FRAME_WORDS = frozenset({"according", "per", "by", "quoted", "cited", "heard", "confirming"}) | PUTS | CARRIES \
    | QUOTE_VERBS | QUOTE_CONTINUERS | CHARACTERISERS
# "By IDC's count, …", "By the ministry's estimate, …": whose count it is, before the claim
COUNT_NOUNS = frozenset({"count", "counts", "estimate", "estimates", "tally", "reckoning", "calculation",
                         "calculations", "figures", "measure", "numbers"})


def _word_trie_re(words: set[str] | frozenset[str]) -> re.Pattern[str]:
    """A pattern for any of `words` standing whole, as a trie of literal letters ("s(?:aid|ays)|…").

    Python's regex engine tries alternatives one after another at each position; sharing prefixes
    lets one letter rule most of them out at once (twice as fast as finding every word). There is
    no repetition in it, so it runs in linear time.
    """
    return re.compile(r"(?<![^\W\d_])" + _trie(words) + r"(?![^\W\d_])")


def _trie(words: Iterable[str]) -> str:
    """Literal words as one alternation sharing their prefixes: "re(?:ply|spond)"."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alternatives = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


HEDGE_HINT_RE = re.compile(_trie(HEDGE_HINTS))
NON_RESPONSE_HINT_RE = re.compile(_trie(NON_RESPONSE_HINTS))


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in items)


def _phrase_re(phrases: list[str]) -> re.Pattern[str]:
    # Longest first so "is believed to" wins over a shorter overlap; each phrase is literal words.
    alternatives = sorted(phrases, key=len, reverse=True)
    body = "|".join(a.replace(" ", r"\s+") for a in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def lexicon() -> Lexicon:
    data = json.loads(resources.files("factcheck.data").joinpath("lexicon.json").read_text("utf-8"))
    cues = data["cues"]
    reference_nouns: dict[str, str] = {}
    # Earlier classes win: "agency" is an outlet first ("the agency said" after Reuters).
    for cls in ("outlet", "person", "company", "government", "document"):
        for noun in data["reference_nouns"][cls]:
            reference_nouns.setdefault(noun.lower(), cls)
    general = _words(cues["general"])
    strict = _words(cues["strict"]) - general
    conduits = frozenset(tuple(p.lower().split()) for p in data["seen_by"])
    participles = _words(data["participle_cues"]["words"])
    progressive = _words(data["progressive_cues"]["words"])
    trigger = general | strict | {"according", "per", "citing", "quoting", "quoted", "cited", "heard"} | QUOTE_VERBS \
        | QUOTE_CONTINUERS | CHARACTERISERS | COUNT_NOUNS | PUTS | CARRIES \
        | {c[0] for c in conduits} | _words(data["passive_participles"]) | participles | progressive | ANNOUNCING
    nr = data["non_response"]["phrases"]
    hedges = _phrase_re(data["hedges"])
    non_responses = re.compile(
        # "didn’t answer" with a typographic apostrophe is the same phrase as "didn't answer"
        r"(?<![\w-])(?:" + "|".join(p.replace(" ", r"\s+").replace("n't", "n['’]t") for p in nr) + r")(?![\w-])",
        re.IGNORECASE
    )
    return Lexicon(
        general_cues=general,
        strict_cues=strict,
        strict_with_a_name=_words(cues.get("strict_with_a_name", [])),
        determiners=_words(data["determiners"]),
        np_prepositions=_words(data["np_prepositions"]),
        np_stop_words=_words(data["np_stop_words"]),
        pre_cue_skip=_words(data["pre_cue_adverbs"]),
        weekdays=_words(data["weekdays"]),
        months=_words(data["months"]),
        intro_words=_words(data["intro_words"]),
        pronouns={k.lower(): v for k, v in data["pronouns"].items()},
        reference_nouns=reference_nouns,
        role_heads=_words(data["role_heads"]),
        lowercase_when_initial=_words(data["lowercase_when_initial"]),
        hedge_re=hedges,
        non_response_re=non_responses,
        hedge_low_re=re.compile(hedges.pattern),
        non_response_low_re=re.compile(non_responses.pattern),
        non_response_wrappers=tuple(
            sorted((tuple(w.lower().split()) for w in data["non_response_wrappers"]), key=len, reverse=True)
        ),
        corroboration={k: float(v) for k, v in data["corroboration"].items() if not k.startswith("_")},
        document_heads=_words(data["document_heads"]),
        company_descriptors=_words(data["company_descriptors"]),
        group_heads=_words(data["group_heads"]),
        passive_participles=_words(data["passive_participles"]),
        conduit_phrases=conduits,  # type: ignore[arg-type]
        trigger_words=frozenset(trigger),
        trigger_re=_word_trie_re(trigger),
        cues=general | strict,
        frame_words=general | strict | FRAME_WORDS | progressive,
        conduit_starts=frozenset({"citing", "quoting"} | {c[0] for c in conduits}),
        participle_cues=participles,
        strong_participles=_words(data["participle_cues"]["strong"]),
        progressive_cues=progressive,
    )
