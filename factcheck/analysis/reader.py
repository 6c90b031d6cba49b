"""The frame reader: what one statement says about who vouches for it.

A *frame* is a cue word (said, reported, according to, …) with the noun phrase that names its
source, found in the places a news sentence puts them:

- at the start: "The Financial Times reported that …", "In a statement, the company said …";
- at the end or in the middle, after a comma or a closing quote: "…, Reuters reported on Monday.",
  "“…,” a spokesperson said.", "“…,” said Jane Doe, …", "These operators, the FT said, run …";
- anywhere, for unambiguous cues: "according to X", "per X", "was first reported by X".

`StatementReader` finds a statement's frames (`frames`) and turns a frame's noun phrase into the
sources it names (`sources_of`): registry names, roles ("a spokesperson for X"), people, groups,
documents, and references back ("the report", "she") resolved through `references.Context`.
`factcheck.analysis.attribution` chooses among the frames and builds the attributions.

All scanning is token by token over one statement at a time: linear in the text.
"""

from __future__ import annotations

import itertools
import re

from factcheck.analysis.lexicon import (
    CARRIES,
    CHARACTERISERS,
    COUNT_NOUNS,
    PUTS,
    QUOTE_CONTINUERS,
    QUOTE_VERBS,
    Lexicon,
    lexicon,
)
from factcheck.analysis.names import OUTLET_KINDS, NameIndex
from factcheck.analysis.references import (
    COMPANY_SUFFIXES,
    EPITHETS,
    HONORIFICS,
    POSTNOMINALS,
    TITLE_WORDS,
    Context,
    body_start,
    is_adjective_of_place,
    person_name,
    without_possessive,
)
from factcheck.analysis.sources import ends_with_a_body_word, fold_lookalikes, guess_kind
from factcheck.analysis.tokens import CLAUSE_PUNCT, CLOSE_QUOTES, OPEN_QUOTES, Tok
from factcheck.models import Basis, RegistrySource, SourceKind, Span, Statement

MAX_NP = 12  # words in a source's noun phrase; longer stretches are clauses, not names
MAX_RELATIVE = 30  # tokens of a relative clause between commas: ", who asked not to be named because …,"
# Lower-case words inside names ("Électricité du Nord", "Ludwig van Beethoven"): not descriptors.
NAME_PARTICLES = frozenset({"du", "de", "des", "la", "le", "les", "van", "von", "der", "den", "da", "di", "del",
                            "della", "al", "el", "bin", "ibn", "y", "e", "do", "dos", "das", "ter", "zu"})
HEDGE_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
ASIDES = frozenset({"however", "meanwhile", "though", "too", "also", "instead", "nevertheless", "separately",
                    "moreover", "nonetheless", "in", "turn"})
PARTICIPLE_APPOSITIONS = frozenset({"based", "headquartered", "founded", "owned", "backed", "led", "run", "located"})
SUBORDINATORS = frozenset({"after", "as", "when", "because", "since", "before", "until", "once"})
# words before "the X report" that make "report" a noun: "after the Reuters report", "despite the FT reports"
NOUN_PREPOSITIONS = frozenset({"after", "following", "amid", "despite", "since", "before", "until", "over", "about",
                               "to", "in", "on", "of", "by", "from", "with"})
CLAUSE_JOINERS = frozenset({"while", "though", "although", "but", "whereas", "and", "yet"})
ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
NEGATIONS = frozenset({"not", "n't", "never"})
NOT_PER = frozenset({"cent", "capita", "share", "year", "day", "hour", "week", "month", "unit", "person",
                     "head", "barrel", "tonne", "ton", "kilogram", "kg", "litre", "liter", "mile", "kilometre",
                     "annum", "se", "gallon", "ounce", "pound", "square", "minute", "second", "cubic"})
BELIEF_PARTICIPLES = frozenset({"expected", "predicted", "forecast", "anticipated", "projected"})
_IN_A_STATEMENT = re.compile(r"\b(?:in|through)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+)?(?:statement|release|filing|"
                             r"post|letter|note|memo|announcement)\b", re.IGNORECASE)
POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Cue words that are nouns as often as verbs: after a possessive ("its forecast") they are nouns.
NOUN_CUES = frozenset({"forecast", "forecasts", "estimate", "estimates", "report", "reports", "claim", "claims",
                       "comment", "comments", "note", "notes", "warning", "warnings", "statement", "view", "views",
                       "account", "predictions", "prediction", "tweet", "tweets", "post", "posts", "recall",
                       "recalls", "announcement", "fear", "fears", "dispute", "disputes"})
# Heads of noun phrases that name someone only vaguely: an apposition after them says who.
VAGUE_PEOPLE = frozenset({"person", "people", "source", "sources", "insider", "insiders", "individual"})
REPORT_NOUNS = frozenset({"report", "reports", "newspaper", "paper", "article", "story", "analysis",
                          "investigation", "editorial", "website", "broadcast", "podcast", "column",
                          "newsletter", "magazine", "daily", "agency", "bureau", "desk", "correspondent",
                          "reporting", "coverage", "piece", "interview", "survey", "poll"})


# --- Candidate frames --------------------------------------------------------------------------

_REPORT_NOUNS = frozenset({"report", "reports", "story", "article"})


class Frame:
    """A cue with the noun phrase that names its source. (A plain class, not a dataclass: compiled,
    its __init__ is compiled too; a dataclass's generated one would not be.)"""

    __slots__ = ("also_np", "content", "cue", "kind", "np", "position", "primary_np", "via_np")

    def __init__(self, kind: str, cue: tuple[int, int], np: tuple[int, int], position: str,
                 via_np: tuple[int, int] | None = None, primary_np: tuple[int, int] | None = None,
                 content: tuple[int, int] | None = None, also_np: tuple[int, int] | None = None) -> None:
        self.kind = kind  # "verb", "according", "per", "passive", "confirmed"
        self.cue = cue  # token range of the cue words
        self.np = np  # token range of the source's noun phrase
        self.position = position  # "start", "trailing", "inverted", "anywhere", "embedded"
        self.via_np = via_np  # "told B", "quoted … as saying": the conduit
        self.primary_np = primary_np  # "B quoted A as saying": A
        self.content = content  # character range of what the source vouches for
        self.also_np = also_np  # "A, …, and B, …, both said": A beside B

    def __repr__(self) -> str:
        return f"Frame({self.kind!r}, cue={self.cue}, np={self.np}, {self.position!r})"


class StatementReader:
    """Reads the frames of one statement. Created per statement; cheap."""

    __slots__ = ("_known", "body", "lex", "names", "st", "text", "toks")

    def __init__(self, text: str, st: Statement, names: NameIndex, lex: Lexicon, toks: list[Tok]) -> None:
        self.text = text
        self.st = st
        self.names = names
        self.lex = lex
        self.toks = toks
        self.body = body_start(self.toks)
        self._known: dict[tuple[int, int], list[tuple[int, int, RegistrySource, bool]]] = {}

    def known(self, a: int, b: int) -> list[tuple[int, int, RegistrySource, bool]]:
        """Registry names among toks[a:b] (`NameIndex.find`), looked up once per stretch: the
        frames, their checks and `sources_of` all ask about the same noun phrases."""
        found = self._known.get((a, b))
        if found is None:
            found = self._known[(a, b)] = self.names.find(self.text, self.toks, a, b)
        return found

    # -- noun phrases --

    def np_left(self, ci: int) -> tuple[int, int] | None:
        """The subject noun phrase ending just before token `ci` (a cue), or None."""
        toks, lex = self.toks, self.lex
        j = ci - 1
        # "has also said", "on Monday said", "earlier this week said", "both reported"
        progressive = toks[ci].low.endswith("ing")  # "TeleCorvessa is reporting that …"
        while j >= 0 and (toks[j].low in lex.pre_cue_skip or toks[j].low in lex.weekdays
                          or (progressive and toks[j].low in BE_FORMS)
                          or (toks[j].low in {"on", "this", "last", "in"} and j + 1 < ci)
                          or (toks[j].low in lex.months and j > 0 and toks[j - 1].low in {"in", "on", "since"})):
            j -= 1
        if j >= 3 and toks[j].text == ")" and toks[j - 2].text == "(" and _short_name(toks[j - 1].text):
            # "The National Union of Mineworkers (NUM) said": the name, with its acronym
            np = self.np_left(j - 2)
            return (np[0], j + 1) if np is not None and np[1] == j - 2 else None
        if j < 0 or toks[j].low in NEGATIONS or toks[j].low == "to" or toks[j].low in HEDGE_ADVERBS:
            return None  # "Exporters reportedly expect …": a hedge, not a source
        if toks[j].low in {"who", "which", "that"}:
            return None  # "Bloomberg, which first reported …": a cue inside a relative clause
        if toks[j].text == "," and j >= 3 and toks[j - 1].low in ASIDES and toks[j - 2].text == ",":
            j -= 3  # "Vasquez, however, said": the aside is not an apposition
            np = self._np_before(j)
            if np is not None and not toks[np[0]].cap and np[0] >= 2 and toks[np[0] - 1].text == ",":
                # "Tom Hadley, the authority's chief executive, however, said": the name before it.
                head = self._np_before(np[0] - 2)
                if head is not None and self._is_proper_name(*head):
                    return head
            return np
        if toks[j].text == ",":
            # "Nikkei, the FT's owner, said" / "officials, who asked not to be named because …, said":
            # skip the apposition back to the comma before it.
            k = j - 1
            limit = MAX_RELATIVE
            while k >= 0 and j - k <= limit and toks[k].text != "," and (toks[k].text not in CLAUSE_PUNCT
                                                                           or toks[k].text in _QUOTE_MARKS):
                k -= 1
            if any(x.text in _QUOTE_MARKS for x in toks[k + 1 : j]) \
                    and not any(x.low in {"who", "which", "whose"} for x in toks[k + 1 : j]):
                return None  # only a relative clause may hold a quoted title: "whose single “Gravel Road” …"
            if k >= 2 and toks[k].text == "," and _place_abbreviation(toks[k + 1 : j]):
                # "Frank Oduya, who owns Oduya Marine in Lake Harmon, Ga., said": the state's comma
                k -= 1
                while k >= 0 and j - k <= limit and toks[k].text != "," and toks[k].text not in CLAUSE_PUNCT:
                    k -= 1
            if k < 0 or toks[k].text != "," or j - k <= 1:
                return None
            inner = (k + 1, j)
            relative = any(x.low in {"who", "which", "whose"} for x in toks[k + 1 : j])
            if j - k > MAX_NP + 1 and not relative and toks[k + 1].low not in ARTICLES:
                return None
            while k > 1 and toks[k - 1].text[:1].isdigit() and toks[k - 2].text == ",":
                k -= 2  # "Denise Harrow, 58, who …, said": an age is an apposition too
            subject = self._np_before(k - 1)
            if relative and subject is not None and toks[subject[0]].low in ARTICLES and subject[0] >= 2 \
                    and toks[subject[0] - 1].text == ",":
                # "Owen Talbot, the Labour MP for Kettlesby, who tabled the amendment, said": the
                # description and the clause both belong to the name before them.
                head = self._np_before(subject[0] - 2)
                if head is not None and (self._is_proper_name(*head) or (
                        head[1] - head[0] == 1 and toks[head[0]].cap and toks[head[0]].low not in lex.pronouns
                        and toks[head[0]].low not in lex.determiners)):
                    return head  # (also one word: "Ofwat, the industry regulator, which …, said")
            if subject is not None and toks[subject[0]].low in PARTICIPLE_APPOSITIONS and k >= 2:
                # "Brightwell, based in Columbus, Ind., reported": the apposition holds a comma.
                k2 = subject[0] - 1
                if k2 >= 1 and toks[k2].text == ",":
                    subject = self._np_before(k2 - 1)
            if subject is not None and self._is_proper_name(*inner) and not self._is_proper_name(*subject):
                # "Andrés Molina, chief operating officer of the mine's owner, Atacama Andina, said": the
                # description belongs to a name before it, and that name is the speaker.
                a0 = subject[0]
                if a0 >= 2 and toks[a0 - 1].text == "," and not toks[a0].cap:
                    head = self._np_before(a0 - 2)
                    if head is not None and self._is_proper_name(*head):
                        return head
                return inner  # "A ministry spokesperson, Jonas Albrecht, said": the name is the source
            if subject is not None and not toks[subject[1] - 1].cap and not self._is_proper_name(*subject):
                # "The festival's ticketing partner, Gatewise, said", "The headliners, the indie band
                # Paper Lanterns, wrote": a name standing in apposition to a description
                named = self._name_at_end(*inner)
                if named is not None:
                    return named
            return subject
        for w in (self.body + 1, self.body + 2):
            # "A banker who has advised on several chip deals told …": the subject is the one the
            # relative clause describes, however the clause is built.
            if w < j and toks[w].low in {"who", "that"} and j - w <= 12 and toks[w - 1].is_word \
                    and (w == self.body + 1 or toks[self.body].low in {"a", "an", "the", "two", "three", "four",
                                                                         "five", "several", "some", "many"}
                         or toks[self.body].text.isdigit()) \
                    and not any(t.text in CLAUSE_PUNCT for t in toks[w : j + 1]):
                return (self.body, j + 1)
        np = self._np_before(j)
        if np is not None and np[0] > self.body + 1 and toks[np[0]].low == "the" and not toks[np[0] - 1].cap \
                and (toks[np[0] - 1].low in lex.reference_nouns or toks[np[0] - 1].low in lex.company_descriptors) \
                and all(t.is_word for t in toks[self.body : np[0]]):
            return (self.body, np[1])  # "The Korean trade outlet The Elec reported": the name and its description
        return np

    def after_opening_phrase(self, limit: int) -> int:
        """Where a statement's subject starts: after an opening phrase of place or time ("In the post,",
        "On Tuesday,"), else at the body."""
        toks, a = self.toks, self.body
        if a < limit and (toks[a].low in self.lex.np_prepositions or toks[a].low.endswith("ing")):
            # "In the post, …", "Speaking on BBC Radio 4 on Wednesday, …"
            comma = next((k for k in range(a + 1, min(limit, a + 12)) if toks[k].text == ","), None)
            if comma is not None:
                return comma + 1
        return a

    def _plain_subject(self, limit: int, start: int | None = None) -> tuple[int, int] | None:
        """The subject a statement opens with when it is short and can speak: a pronoun ("It"),
        "the" and a noun a reference uses ("The company"), or a capitalised name ("Tholo Platinum")."""
        toks, lex, k = self.toks, self.lex, self.body if start is None else start
        if k >= limit:
            return None
        if toks[k].low in lex.pronouns and toks[k].low in {"it", "he", "she", "they"}:
            return (k, k + 1)
        if toks[k].low == "the" and k + 2 <= limit and (toks[k + 1].bare in lex.reference_nouns
                                                        or toks[k + 1].low in lex.group_heads) \
                and not toks[k + 2].cap:
            return (k, k + 2)  # "The company", "The researchers analysed … and found that …"
        j = k
        while j < limit and (toks[j].cap or (toks[j].low in {"of", "&", "and"} and j > k)) and toks[j].is_word:
            j += 1
        if j == k or toks[k].low in _NOT_SPEAKERS or toks[k].low in lex.determiners or j - k > 6:
            return None
        if toks[j - 1].low.endswith(("'s", "’s")):
            # "Brazil's central bank held … and said": whose, then who
            head = next((h for h in range(j, min(limit, j + 3)) if toks[h].low in lex.reference_nouns
                         or toks[h].low in lex.role_heads), None)
            if head is None:
                return None
            while head + 1 < limit and (toks[head + 1].low in lex.reference_nouns
                                        or toks[head + 1].low in lex.role_heads):
                head += 1  # "Acme's chief executive"
            j = head + 1
        return (k, j)

    def _name_before_appositions(self, ci: int) -> tuple[int, int] | None:
        """The name a statement opens with, when only appositions stand between it and the cue:
        "Karen Obuya, 34, of St. Paul, one of the plaintiffs, said" (an age, a place, a role)."""
        toks, lex, a = self.toks, self.lex, self.body
        if a < ci and toks[a].low in lex.np_prepositions:
            return None  # "In Japan, Nikkei, which owns …, reported": a place first, then the speaker
        first = next((k for k in range(a + 1, min(ci, a + 7)) if toks[k].text in {",", "("}), None)
        name = a
        while first is not None and name < first - 2 and (
                toks[name].low in TITLE_WORDS or toks[name].low in lex.role_heads or toks[name].low in _OFFICE_WORDS):
            name += 1  # "Council member Patrice Gaines, who chairs …, said": the title before the name
        rest = first
        if first is not None and toks[first].text == "(":
            # "Cllr Aidan Booth (Lab, Calderbridge North), who chairs …, said": a party label in brackets
            close = next((k for k in range(first + 1, min(ci, first + 8)) if toks[k].text == ")"), None)
            if close is None or close + 1 >= ci or toks[close + 1].text != ",":
                return None
            rest = close + 1
        if first is None or ci - first > 24 or not self._is_proper_name(name, first):
            return None
        commas = sum(1 for x in toks[rest:ci] if x.text == ",")
        if commas > 4 or any(x.low in lex.cues or x.low in BE_FORMS or x.text in {";", ":", "(", ")"} or x.text in
                             CLOSE_QUOTES or x.text in OPEN_QUOTES for x in toks[rest:ci - 1]):
            return None  # a clause, not a run of appositions
        return (a, first)

    def _name_at_end(self, a: int, b: int) -> tuple[int, int] | None:
        """The capitalised name that ends toks[a:b], after any description ("the indie band Paper
        Lanterns" → "Paper Lanterns", "Gatewise" → "Gatewise"); None if it holds another kind of word."""
        toks = self.toks
        k = b
        while k > a and toks[k - 1].cap and toks[k - 1].is_word:
            k -= 1
        if k == b or b - k > 4 or toks[k].low in self.lex.determiners or toks[k].low in self.lex.pronouns:
            return None
        lex = self.lex
        words = toks[a + 1 : k] if k > a and toks[a].low in {"the", "a", "an"} else toks[a:k]
        # only words that describe: "the indie band", not "published in the journal", "led by founder"
        if not all(t.is_word and not t.cap and t.low not in lex.np_stop_words and t.low not in lex.np_prepositions
                   and t.low not in lex.determiners and not t.low.endswith("ed") for t in words):
            return None
        if toks[k].low in lex.weekdays or toks[k].low in lex.months:
            return None
        return (k, b)

    def _is_proper_name(self, a: int, b: int) -> bool:
        words = [t for t in self.toks[a:b] if t.low not in HONORIFICS and not t.text.endswith(".")]
        # "Ashbury's MP" describes someone: a possessive inside makes no name
        return 1 < len(words) <= 4 and all(t.cap and t.is_word and t.bare == t.low for t in words) and \
            self.toks[a].low not in self.lex.determiners and not self.known(a, b)

    def _np_before(self, j: int) -> tuple[int, int] | None:
        """The noun phrase whose last word is token `j` (or whose acronym in brackets ends there)."""
        toks, lex = self.toks, self.lex
        if j >= 3 and toks[j].text == ")" and toks[j - 2].text == "(" and _short_name(toks[j - 1].text):
            np = self._np_before(j - 3)  # "The Nigeria Labour Congress (NLC), the federation of …, said"
            return (np[0], j + 1) if np is not None else None
        if j < 0 or not toks[j].is_word:
            return None
        if toks[j].low in lex.pronouns:
            return (j, j + 1)  # "It said", "…, she added."
        if toks[j].low in {"them", "those", "these"} and j >= 2 and toks[j - 1].low == "of":
            return (j - 2, j + 1)  # "One of them, who …, said"
        end = j + 1
        k = j
        while k >= 0 and end - k <= MAX_NP:
            t = toks[k]
            if not t.is_word:
                if t.text == "." and k > 0 and toks[k - 1].is_word and len(toks[k - 1].text) <= 3:
                    k -= 1  # an abbreviation's full stop inside a name
                    continue
                if t.text == "&" and k > 0 and toks[k - 1].cap and toks[k + 1].cap:
                    k -= 1  # "Halden & Co."
                    continue
                break
            low = t.low
            opens = k - 1 == self.body or (k - 2 == self.body and toks[self.body].low in {"a", "an", "the"})
            if low in {"who", "that"} and k > self.body and end - k <= 8 and toks[k - 1].is_word \
                    and toks[k - 1].low not in lex.np_stop_words and opens:
                # "Residents who live near the plant said", "A banker who has advised on deals told …":
                # the relative clause is part of the subject.
                k -= 1
                continue
            if low == "not" and k + 1 < end and toks[k + 1].low in {"involved", "affiliated", "connected"}:
                # "Scientists (who were) not involved in the research said": the outside experts
                k -= 1
                while k > self.body and toks[k].low in {"were", "was", "are", "is", "who", "that"}:
                    k -= 1
                continue
            if low in lex.np_stop_words and low not in lex.determiners and not (t.cap and low in lex.months) \
                    and t.text != "US":  # ("the US Geological Survey": a country, not "us")
                break
            if low in {"and", "&"}:
                if k > 0 and toks[k - 1].cap and toks[k + 1].cap:
                    k -= 1
                    continue
                if k > 0 and toks[k - 1].low.rsplit("-", 1)[-1] in lex.role_heads \
                        and (toks[k + 1].low in lex.role_heads or toks[k + 1].cap):
                    k -= 1  # "Haloscope founder and CEO Priya Natarajan" ("co-founder and CEO"): one person
                    continue
                if k > 1 and k + 2 < end and toks[k - 1].is_word and not toks[k - 1].cap \
                        and (toks[k - 2].low.endswith(("'s", "’s")) or toks[k - 2].low in lex.determiners
                             or toks[k - 2].low in lex.np_prepositions):
                    k -= 1  # "Norway's trade and industry ministry": two words describing one head
                    continue
                break
            if low in lex.determiners and t.cap and k > 0 and toks[k - 1].cap and toks[k - 1].is_word:
                k -= 1  # "Veshara One", "Channel One": a capitalised number inside a name
                continue
            if low in lex.determiners:
                if k > 0 and (toks[k - 1].low in lex.np_prepositions or toks[k - 1].low in lex.determiners):
                    k -= 1  # "lawyers for the two companies": the phrase goes on before "the two"
                    continue
                if k > 1 and toks[k - 1].low == "and" and toks[k - 2].cap and toks[k].low == "the":
                    k -= 2  # "Both the BBC and The Guardian reported": two names, each with its article
                    continue
                k -= 1
                # "Lobby group the Kenya Manufacturers Forum": a short descriptor opening the sentence.
                lead = toks[self.body : k + 1]
                if 0 < len(lead) <= 3 and all(x.is_word and x.low not in lex.np_stop_words
                                              and x.low not in lex.cues for x in lead):
                    k = self.body - 1
                break
            k -= 1
        start = k + 1
        while start < end and (self.toks[start].low in lex.np_prepositions or self.toks[start].low == "and"):
            start += 1
        if start >= end:
            return None
        return (start, end)

    def np_right(self, i: int, *, allow_and: bool = True) -> tuple[int, int] | None:
        """The noun phrase starting at token `i` (after "according to", "citing", "said", …)."""
        toks, lex = self.toks, self.lex
        n = len(toks)
        if i >= n:
            return None
        k = i
        while k < n and k - i < MAX_NP:
            t = toks[k]
            if not t.is_word:
                if t.text in {"'", "’"} and k > i:
                    k += 1
                    continue
                break
            low = t.low
            if k > i and low.endswith("ed") and toks[k - 1].bare in lex.document_heads:
                by = next((x for x in range(k + 1, min(k + 4, n)) if toks[x].low == "by"), None)
                if by is None or not all(x.is_word for x in toks[k:by]):
                    break  # "an exit poll released as polling stations closed": the poll
                k = by  # "a poll released Tuesday by the Marlow Institute": who made it follows the time
                continue
            if k > i and low in {"on", "last", "this", "earlier", "late", "in"} and k + 1 < n and (
                toks[k + 1].low in lex.weekdays or toks[k + 1].low in lex.months
                or toks[k + 1].low in {"week", "month", "year", "morning", "evening", "afternoon", "night", "season",
                                       "quarter", "weekend", "summer", "winter", "spring", "autumn"}
                or toks[k + 1].text[:1].isdigit()
            ):
                break
            if low in lex.weekdays and k > i:
                break
            if low in {"and", "&"}:
                if allow_and and k > i and k + 1 < n and toks[k + 1].is_word and (
                    toks[k + 1].cap or toks[k + 1].low in lex.determiners or toks[k + 1].low in lex.role_heads
                ):
                    k += 1
                    continue
                break
            if low in lex.np_stop_words and low not in lex.determiners and not (k == i and low in lex.pronouns) \
                    and toks[k].text != "US" \
                    and not (k == i and low == "that" and k + 1 < n and toks[k + 1].is_word) \
                    and not (low in {"them", "those", "these"} and k > i and toks[k - 1].low == "of"):
                break  # (but "according to one of them" holds its "them")
            if k > i and low in lex.cues and low not in lex.np_prepositions and toks[k - 1].low not in ARTICLES \
                    and not (low in NOUN_CUES and toks[k - 1].is_word and not toks[k - 1].cap):
                break  # …but "a staff report", "a company statement" are noun phrases
            if low in {"as"}:
                break
            k += 1
        if k == i:
            return None
        return (i, k)

    # -- frames --

    def quoted(self) -> list[bool]:
        """For each token, whether it stands inside quotation marks: a cue there is the speaker's
        word ("“They believed it before I did.”"), not the statement's frame."""
        toks = self.toks
        opens = sum(t.text == "“" for t in toks)
        closes = sum(t.text == "”" for t in toks)
        first_close = next((i for i, t in enumerate(toks) if t.text == "”"), None)
        first_open = next((i for i, t in enumerate(toks) if t.text == "“"), None)
        # A statement that closes a quotation it did not open continues one from before it.
        inside = closes > opens and first_close is not None and (first_open is None or first_close < first_open)
        out = []
        for t in toks:
            if t.text == "“":
                inside = True
            out.append(inside and t.text not in {"“", "”", '"'})
            if t.text == "”" or (t.text == '"' and inside):
                inside = False  # a straight mark may close a curly one: "“Finally, finally," said …'
        return out

    def _straight_quoted(self) -> list[bool]:
        """`quoted` for straight quotation marks, which open and close alike: the first one closes a
        quotation opened before the statement when it stands against the word before it ('… too,"
        Mr. Tanaka said'), and opens one when a space or the statement's start stands before it."""
        toks, text = self.toks, self.text
        first = next(t for t in toks if t.text == '"')
        inside = first.start > self.st.start and not text[first.start - 1].isspace()
        out = []
        for t in toks:
            if t.text == '"':
                inside = not inside
                out.append(False)
            else:
                out.append(inside)
        return out

    def frames(self) -> list[Frame]:
        toks, lex = self.toks, self.lex
        out: list[Frame] = []
        n = len(toks)
        text = self.st.text
        quoted = self.quoted() if "“" in text or "”" in text else self._straight_quoted() if '"' in text else None
        frame_words = lex.frame_words
        # the few tokens a frame can turn on, found in one comprehension (the loop below is the slow part)
        for ci in [ci for ci, t in enumerate(toks) if t.low in frame_words]:
            t = toks[ci]
            low = t.low
            if quoted is not None and quoted[ci]:
                continue
            if low == "according" and ci + 1 < n and toks[ci + 1].low in {"to", "with"}:  # "According with" too
                np = self.np_right(ci + 2)
                if np and np[1] + 1 < n and toks[np[1]].text == ",":
                    # "according to its publisher, Halberd Books": the name in apposition.
                    name = self.np_right(np[1] + 1)
                    if (name is not None and self._is_proper_name(*name)) or (
                            name is not None and name[1] - name[0] <= 4 and all(x.cap for x in toks[name[0]:name[1]])
                            and (name[1] >= n or not toks[name[1]].is_word)):
                        np = name
                if np:
                    out.append(Frame("according", (ci, ci + 2), np, "anywhere",
                                     content=self._content_around(ci, np)))
            elif low == "per" and ci + 1 < n and self._per_names_source(ci):
                np = self.np_right(ci + 1)
                if np:
                    out.append(Frame("per", (ci, ci + 1), np, "anywhere", content=self._content_around(ci, np)))
            elif low in PUTS:
                f = self._puts_a_figure(ci)
                if f:
                    out.append(f)
            elif low in CARRIES and low not in lex.general_cues and low not in lex.strict_cues:
                f = self._carried_the_same(ci)
                if f:
                    out.append(f)
            elif low == "confirming" and ci > 0 and toks[ci - 1].text == ",":
                f = self._confirmed_report(ci)
                if f:
                    out.append(f)
            elif low == "by" and ci == self.body and (counted := self._by_their_count(ci)) is not None:
                # "By IDC's count, the top five vendors were: …": the count is IDC's word
                out.append(Frame("according", (ci, ci + 1), counted, "anywhere",
                                 content=self._content_around(ci, counted)))
            elif low == "by" and ci > 0 and self._is_passive_report(ci):
                np = self.np_right(ci + 1)
                participle = self._participle_before_by(ci)
                # "was expected by economists" is their belief; "is expected by the end of May" is not
                if np and (toks[participle].low not in BELIEF_PARTICIPLES or may_speak(self, np)):
                    out.append(Frame("passive", (participle, ci + 1), np, "anywhere"))
            elif low in {"quoted", "cited"}:
                f = self._quoted_as_saying(ci)
                if f:
                    out.append(f)
            elif low == "heard" and ci + 2 < n and toks[ci + 1].low == "from":
                f = self._heard_from(ci)
                if f:
                    out.append(f)
            elif low in QUOTE_CONTINUERS:
                np = self.np_left(ci) if low == "continued" or (ci + 1 < n and toks[ci + 1].low == "on") else None
                before = [x.text for x in toks[max(0, np[0] - 2) : np[0]]] if np is not None else []
                if np is not None and before and (before[-1] in CLOSE_QUOTES or before == [",", "”"]
                                                  or (before[-1] == "," and before[0] in CLOSE_QUOTES)) \
                        and (toks[np[0]].cap or toks[np[0]].low in lex.pronouns):
                    out.append(Frame("verb", (ci, ci + 1), np, "trailing"))  # "“…,” she went on."
            elif low in CHARACTERISERS and not self._quote_follows(ci):
                # "The CDC calls it an urgent threat" (not "the plan calls for …"): only a subject that
                # opens the statement and can speak
                np = self.np_left(ci) if ci + 1 < n and toks[ci + 1].low not in _PARTICLES else None
                if np is not None and np[0] == self.body and may_speak(self, np) \
                        and toks[np[1] - 1].bare not in lex.document_heads:
                    out.append(Frame("verb", (ci, ci + 1), np, "start", content=(toks[ci + 1].start, self.st.end)))
            elif low in QUOTE_VERBS and self._quote_follows(ci):
                # "Sen. Tom Harlan called the decision “a gift to …”": words in quotation marks.
                np = self.np_left(ci)
                if (np is None or np[0] > self.body) and ci > 0 and toks[ci - 1].text == ",":
                    # "Senate Majority Leader Carol Whitfield, R-S.D., accused …": the name, not the tag
                    np = self._name_before_appositions(ci) or np
                if np is not None:
                    out.append(Frame("verb", (ci, ci + 1), np, self._position(np, ci, ci + 1),
                                     content=(t.start, self.st.end)))
            elif low in lex.general_cues or low in lex.strict_cues or self._progressive(ci):
                f = self._verb_frame(ci)
                if f:
                    out.append(f)
        return out

    def _progressive(self, ci: int) -> bool:
        """"TeleCorvessa is reporting that …", "Police are saying that …": a cue in the progressive,
        before a that-clause (not "The company is reporting strong sales")."""
        toks = self.toks
        return toks[ci].low in self.lex.progressive_cues and 0 < ci < len(toks) - 1 and toks[ci + 1].low == "that" \
            and toks[ci - 1].low in BE_FORMS

    def _quote_follows(self, ci: int) -> bool:
        return any(t.text in OPEN_QUOTES for t in self.toks[ci + 1 : ci + 10])

    def _per_names_source(self, ci: int) -> bool:
        """"per Axios", "per a memo to staff" name a source; "4 per cent", "per share" do not."""
        toks, lex = self.toks, self.lex
        nxt = toks[ci + 1]
        if nxt.low in NOT_PER or not nxt.is_word:
            return False
        if nxt.cap:
            return True
        if nxt.low not in lex.determiners:
            return False
        for t in toks[ci + 2 : ci + 6]:
            if t.cap or t.bare in lex.document_heads or t.bare in lex.role_heads:
                return True
            if not t.is_word or t.low in NOT_PER:
                return False
        return False

    def _puts_a_figure(self, ci: int) -> Frame | None:
        """"Rival research firm Calloway Analytics put growth at 2.8 percent", "The company puts the
        figure at about 250": a source's estimate, when "at" and a figure follow within ten words."""
        toks = self.toks
        if ci + 1 < len(toks) and toks[ci + 1].low in _PARTICLES:
            return None  # "put out a statement at 11 a.m.", "put forward a plan"
        if ci + 3 < len(toks) and toks[ci + 1].low in {"the", "its", "their"} and toks[ci + 2].bare in _TOLD_THINGS | {
                "toll", "number", "total", "cost", "count"} and toks[ci + 3].low in {"higher", "lower", "far", "much"}:
            return self._speaker_before(ci)  # "Local officials put the toll higher"
        at = next((k for k in range(ci + 1, min(len(toks) - 1, ci + 11)) if toks[k].low == "at"), None)
        if at is None or not (toks[at + 1].text[:1].isdigit() or toks[at + 1].text in "$£€¥"
                              or toks[at + 1].low in {"about", "around", "roughly", "nearly", "more", "less",
                                                      "least", "some", "a", "an", "just"}):
            return None
        return self._speaker_before(ci)

    def _confirmed_report(self, ci: int) -> Frame | None:
        """"…, the ministry said, confirming an earlier report by Kyodo News" (or "confirming a Kyodo
        report"): the outlet that reported it first is a source of its own, beside the one confirming."""
        toks = self.toks
        n = len(toks)
        k = ci + 1
        while k < n and k - ci <= 6 and toks[k].bare not in _REPORT_NOUNS and toks[k].is_word:
            k += 1
        if k >= n or toks[k].bare not in _REPORT_NOUNS:
            return None
        named = [hit for hit in self.known(ci + 1, k) if hit[2].kind in OUTLET_KINDS]
        if named:
            return Frame("confirmed", (ci, k + 1), (named[0][0], named[0][1]), "anywhere")
        j = k + 1  # "a report a day earlier by public broadcaster NOS", "an earlier report in the Nikkei"
        while j < n and j - k <= 4 and toks[j].low not in {"by", "in", "from"} and toks[j].is_word:
            j += 1
        if j >= n or toks[j].low not in {"by", "in", "from"}:
            return None
        np = self.np_right(j + 1)
        return Frame("confirmed", (ci, j + 1), np, "anywhere") if np is not None else None

    def _carried_the_same(self, ci: int) -> Frame | None:
        """"Valor carried a similar report", "Kyodo News carried a similar account, citing …": an outlet
        (or anyone who can speak) telling the same as a report before."""
        toks = self.toks
        if ci + 3 >= len(toks) or (toks[ci + 1].low, toks[ci + 2].low) not in {("a", "similar"), ("the", "same")} \
                or toks[ci + 3].bare not in _TOLD_THINGS:
            return None
        return self._speaker_before(ci)

    def _speaker_before(self, ci: int) -> Frame | None:
        """The frame of a verb whose subject, read back from it, can speak; what follows is content."""
        np = self.np_left(ci)
        if np is None or not may_speak(self, np):
            return None
        return Frame("verb", (ci, ci + 1), np, self._position(np, ci, ci + 1),
                     content=(self.toks[ci + 1].start, self.st.end))

    def _by_their_count(self, ci: int) -> tuple[int, int] | None:
        """The owner in "By IDC's count", "By the ministry's estimate": the noun phrase ending in a
        possessive, when a word for a count or an estimate follows it."""
        toks = self.toks
        for k in range(ci + 1, min(len(toks) - 1, ci + 6)):
            if toks[k].low.endswith(("'s", "’s", "s'", "s’")) and toks[k + 1].low in COUNT_NOUNS:
                return (ci + 1, k + 1)
            if not toks[k].is_word:
                return None
        return None

    def _participle_before_by(self, ci: int) -> int:
        """Index of the participle of "reported by X" and "reported earlier by X", else -1."""
        j = ci - 1
        if j > 0 and self.toks[j].low in _PASSIVE_ADVERBS:
            j -= 1
        return j if j >= 0 and self.toks[j].low in self.lex.passive_participles else -1

    def _is_passive_report(self, ci: int) -> bool:
        """"was first reported by X", "as reported by X", ", first reported by X," but not "the third
        disclosed by a provider" (a participle describing a noun)."""
        toks = self.toks
        j = self._participle_before_by(ci)
        if j < 0:
            return False
        k = j - 1
        while k >= 0 and toks[k].low in _PASSIVE_ADVERBS:
            k -= 1
        return k < 0 or toks[k].low in BE_FORMS or toks[k].low == "as" or toks[k].text in {",", "(", "—"}

    def _quoted_as_saying(self, ci: int) -> Frame | None:
        toks = self.toks
        if ci >= 2 and toks[ci - 1].low in BE_FORMS:
            # "was cited for violations" is no speech; "was quoted as saying" is
            return self._was_quoted(ci) if toks[ci].low == "quoted" else None
        # "B quoted A (, a trader,) as saying": find "as saying" within the next MAX_NP + 6 tokens.
        for k in range(ci + 1, min(len(toks) - 1, ci + MAX_NP + 6)):
            if toks[k].low == "as" and toks[k + 1].low in {"saying", "telling", "writing", "stating"}:
                subj = self.np_left(ci)
                primary = self.np_right(ci + 1)
                if subj is None or primary is None:
                    return None
                return Frame("verb", (ci, ci + 1), subj, self._position(subj, ci, ci + 1), primary_np=primary,
                             content=(toks[k + 1].end, self.st.end))
            if toks[k].text in {".", ";", ":", "?", "!"}:
                return None
        return None

    def _was_quoted(self, ci: int) -> Frame | None:
        """"“…,” the official was quoted as saying by Yonhap", "A was quoted by B as saying …": A
        speaks, B carried the words."""
        toks = self.toks
        subject = self.np_left(ci - 1)
        if subject is None:
            return None
        k = ci + 1
        if k + 1 < len(toks) and toks[k].low == "as" and toks[k + 1].low in {"saying", "telling", "writing"}:
            k += 2
        saying = k > ci + 1
        if k < len(toks) and toks[k].low == "by":
            carrier = self.np_right(k + 1)
            if carrier is not None:
                return Frame("verb", (ci, ci + 1), subject, self._position(subject, ci - 1, ci + 1), via_np=carrier)
        if not saying:
            return None
        return Frame("verb", (ci, ci + 1), subject, self._position(subject, ci - 1, ci + 1))

    def _heard_from(self, ci: int) -> Frame | None:
        """"The jury heard from Lorraine Batty, a former manager": she testified; what she said follows."""
        np = self.np_right(ci + 2)
        return Frame("according", (ci, ci + 2), np, "anywhere") if np is not None else None

    def _speaks_later(self, ci: int) -> bool:
        """A strict cue whose words come further on: "Corvane Foods announced a new plant in a press
        release", "She explained the pitch …: “…”"."""
        toks = self.toks
        if _IN_A_STATEMENT.search(self.text, toks[ci].end, self.st.end) is not None:
            return True
        return any(toks[j].text == ":" and toks[j + 1].text in OPEN_QUOTES
                   for j in range(ci + 1, min(len(toks) - 1, ci + 20)))

    def _first_to_report(self, ci: int) -> Frame | None:
        """"Nikkei was (the) first to report the delay": the subject of "was" reported it."""
        toks = self.toks
        k = ci - 2
        if k < 0 or toks[k].low not in {"first", "last", "latest"}:
            return None
        k -= 1
        if k >= 0 and toks[k].low == "the":
            k -= 1
        if k < 1 or toks[k].low not in BE_FORMS:
            return None
        np = self.np_left(k)
        if np is None:
            return None
        return Frame("verb", (ci, ci + 1), np, self._position(np, ci, ci + 1), content=self._content_after(ci, None))

    def _verb_frame(self, ci: int) -> Frame | None:
        toks, lex = self.toks, self.lex
        t = toks[ci]
        prev = toks[ci - 1] if ci > 0 else None
        nxt = toks[ci + 1] if ci + 1 < len(toks) else None
        if prev is not None and prev.low in BE_FORMS and not t.low.endswith("ing"):
            return None  # "was said to be", "is believed to": a hedge, or "was reported by" (passive)
        if prev is not None and prev.low == "to":
            return self._first_to_report(ci)  # "plans to announce": None; "was first to report": a frame
        if prev is not None and prev.low in ARTICLES:
            return None  # "the report"
        if nxt is not None and nxt.low == "by" and t.low.endswith("ed"):
            return None  # "a report published by the institute": a participle, the agent follows
        np = self.np_left(ci)
        if np is None and prev is not None and prev.low in {"but", "and"} and ci > self.body + 2:
            # "A spokeswoman for X declined to comment on the specifics but said …", "The company has
            # halted operations and said it would cooperate": the subject is the statement's own.
            if lex.non_response_re.search(self.text, self.st.start, prev.start):
                np = self.np_right(self.body)
                if np is not None and np[1] >= ci:
                    np = None
            elif t.low in _SPEECH_VERBS or (nxt is not None and nxt.low == "that"):
                # not "It employs 4,800 people and reported sales of …"; "In the post, Ferreira thanked
                # his team and said …": the subject after the opening phrase
                start = self.after_opening_phrase(ci)
                # "Meridian Labs released Aster 3, the latest version of its model, and said": an
                # apposition's commas are no clause boundary
                if all(x.text == "," and (k == ci - 2 or toks[k + 1].low in ARTICLES)
                       for k, x in enumerate(toks[start:ci], start) if x.text in CLAUSE_PUNCT):
                    np = self._plain_subject(ci, start)
        if np is not None and np[0] > 0 and toks[np[0] - 1].low in {"in", "on", "at", "with", "from", "under"} \
                and toks[np[0]].low in {"a", "an", "the", "its", "their", "his", "her"} and t.low.endswith("ed"):
            return None  # "In a statement posted on its website, …": a participle inside a phrase of place
        if t.low in NOUN_CUES and not (nxt is not None and (nxt.low == "that" or nxt.text == ":")) \
                and any(x.low in POSSESSIVES for x in toks[max(0, ci - 4) : ci]) \
                and all(x.is_word for x in toks[max(0, ci - 4) : ci]):
            return None  # "The bank kept its fourth-quarter Brent forecast at $85": a noun
        if t.low in NOUN_CUES and nxt is not None and nxt.text == "," and ci + 2 < len(toks) \
                and toks[ci + 2].low in {"which", "who", "whose"}:
            return None  # "The staff report, which hasn't been made public, …": a noun and its relative clause
        if np is not None and t.low in NOUN_CUES and toks[np[0]].low in {"a", "an"} and np[1] == ci \
                and not (nxt is not None and (nxt.low == "that" or nxt.text == ":")):
            return None  # "It classified the action as a Class II recall": a noun
        the = next((p for p in range(ci - 1, max(0, ci - 7), -1) if toks[p].low == "the"), None) \
            if t.low in NOUN_CUES else None
        if np is not None and the is not None and the > 0 \
                and toks[the - 1].low in NOUN_PREPOSITIONS and all(x.cap or x.low in {"and", "&"}
                                                                   for x in toks[the + 1 : ci]) \
                and not (nxt is not None and nxt.low == "that"):
            return None  # "Shares jumped after the Reuters report": the outlet names a report, says nothing
        if np is not None and toks[np[0]].low.endswith("ing") and not toks[np[0]].cap and (
                np[1] - np[0] == 1 or (np[1] - np[0] <= 3 and np[0] > 0 and toks[np[0] - 1].text == ",")):
            # "…, dampening hopes that …", "…, denting investors' hopes that …": a participle and its
            # object, not a subject and a cue
            return None
        if np is not None and self.toks[np[0]].low in {"neither", "none", "no", "nobody"}:
            return None  # "Neither Menon nor Sobral replied": nobody said anything
        if np is not None and np[1] - np[0] >= 3 and toks[np[1] - 2].low == "this" \
                and toks[np[1] - 1].low in {"article", "story", "report", "post", "piece"}:
            return None  # "An earlier version of this article said …": the story correcting itself
        if np is not None and toks[np[1] - 1].low.endswith(("'s", "’s")) and t.low in lex.strict_cues:
            return None  # "The Information’s report": a noun after a possessive, not a verb
        if (np is None or np[0] > self.body) and prev is not None and prev.text == ",":
            # "Karen Obuya, 34, of St. Paul, one of the plaintiffs, said": the name before the appositions
            np = self._name_before_appositions(ci) or np
        position = "embedded"
        if np is not None:
            position = self._position(np, ci, ci + 1)
            np = self._named_in_apposition(np, ci)
        elif prev is not None and (prev.text in CLOSE_QUOTES or prev.text == ","):
            # "“…,” said Jane Doe, the chief executive."
            right = self.np_right(ci + 1, allow_and=True)
            if right is None or toks[right[0]].low in lex.np_prepositions:
                return None  # ", said in an interview": no speaker after the cue
            np, position = right, "inverted"
            e = right[1]
            if e + 1 < len(toks) and toks[e].text == "," and not toks[right[0]].cap:
                # "…,” said his campaign manager, Kurt Lindqvist, who added …": the name in apposition
                name = self.np_right(e + 1, allow_and=False)
                if name is not None and self._is_proper_name(*name) \
                        and (name[1] >= len(toks) or not toks[name[1]].is_word):
                    np = name
        else:
            return None
        if t.low in lex.strict_cues:
            # "announced Monday that …", "said on Tuesday that …": the time first, then the clause
            k = ci + 1
            while k < len(toks) and k - ci <= 5 and (toks[k].low in lex.weekdays or toks[k].low in lex.months
                                                     or toks[k].low in _WHEN_WORDS
                                                     or (toks[k].cap and toks[k - 1].low == "on")):
                k += 1  # "… on Tuesday that", "wrote on X late Tuesday that", "announced before the game that"
            after = toks[k] if k < len(toks) else None
            follows_clause = after is not None and (after.low == "that" or after.text in {":", ","})
            # "The filings show …", "Interviews with 12 former employees describe …"
            head = next((x for x in toks[np[0] : np[1]] if x.low in lex.np_prepositions), toks[np[1] - 1])
            documents = any(x.bare in lex.document_heads for x in toks[np[0] : np[1]] if x.start < head.end)
            outlet = any(src.kind in OUTLET_KINDS for _i, _j, src, _s in self.known(*np))
            # "The International Council for …, which advises …, estimates the stock at …"
            named = t.low in lex.strict_with_a_name and toks[np[0]].cap and toks[np[1] - 1].cap \
                and toks[np[1] - 1].low not in lex.pronouns and np[0] + 1 < np[1]
            # "Supporters argue the fee will …", "Researchers at Northfield University found 1,914 falls"
            before_of = next((k2 - 1 for k2 in range(np[0] + 1, np[1]) if toks[k2].low in lex.np_prepositions), None)
            group = toks[np[1] - 1].low in lex.group_heads or (before_of is not None
                                                               and toks[before_of].low in lex.group_heads)
            if group and any(x.low == "by" for x in toks[np[0] : np[1] - 1]):
                group = False  # "Laboratory tests commissioned by her lawyers found": the tests, not a group
            if not (follows_clause or documents or outlet or named or group) \
                    and position not in {"trailing", "inverted"} and not self._speaks_later(ci):
                return None
        via_np = None
        if t.low in {"told", "tells", "tell"} and nxt is not None:
            obj = self.np_right(ci + 1, allow_and=False)
            if obj is not None:
                via_np = obj
        also_np = self._coordinated(np, ci)
        if also_np is not None and also_np[0] == np[0]:
            np = (also_np[1] + 1, np[1])  # the pair was read as one name: keep the second
        if also_np is None and position == "embedded":
            also_np = self._opening_conjunct(np)
            if also_np is not None:
                position = "start"  # "The weather service and the state climatologist's office said …"
        content = self._content_after(ci, via_np) if position == "start" else self._content_before(np)
        return Frame("verb", (ci, ci + 1), np, position, via_np=via_np, content=content, also_np=also_np)

    def _coordinated(self, np: tuple[int, int], ci: int) -> tuple[int, int] | None:
        """"Sweden's minister, Elin Berg, and her Finnish counterpart, Juha Lehto, both said": the
        speaker before "and", when "both" says there are two and the noun phrase read stops short."""
        toks = self.toks
        if self.body < len(toks) and toks[self.body].low == "both" and np[0] > self.body + 2 \
                and toks[np[0] - 1].low == "and":
            return self._both_opening(np[0] - 1)
        if not (ci >= 2 and toks[ci - 1].low in {"both", "jointly"}):
            return None
        joint = next((k for k in range(np[1] - 2, np[0], -1) if toks[k].low == "and"), None)
        if joint is not None:
            # "Veritrace and Ondra Labs both said", "Johnson & Johnson and Pfizer both said": "both" says
            # the name before the last "and" is a source of its own (the caller keeps the one after it)
            return (np[0], joint) if all(t.cap or t.low in {"and", "&"} for t in toks[np[0] : joint]) else None
        k = np[0]
        while k > 0 and toks[k - 1].text == ",":
            k -= 1
        # step back over "her Finnish counterpart," to the "and" before it
        while k > 0 and toks[k - 1].low != "and" and np[0] - k < MAX_NP and toks[k - 1].text not in {";", ":", ","}:
            k -= 1
        if k <= 0 or toks[k - 1].low != "and":
            return None
        return self.np_left(k - 1)

    def _opening_conjunct(self, np: tuple[int, int]) -> tuple[int, int] | None:
        """"The weather service and the state climatologist's office said", "Police and firefighters
        said": the speaker the statement opens with, joined by "and" to the one before the cue. Only
        one who can speak, so "Shares fell and analysts said" opens with no speaker."""
        toks = self.toks
        if np[0] < self.body + 2 or toks[np[0] - 1].low != "and":
            return None
        left = self.np_left(np[0] - 1)
        # ("In Mirzan, survivors and local officials said": after an opening phrase of place or time)
        if left is None or left[0] not in (self.body, self.after_opening_phrase(np[0])) or not may_speak(self, left):
            return None
        if toks[left[0]].low == "both" and left[1] - left[0] > 1:
            left = (left[0] + 1, left[1])  # "Both the weather service and …"
        return left

    def _both_opening(self, and_at: int) -> tuple[int, int] | None:
        """"Both Kyodo News, the Japanese news agency, and the Nikkei reported": the name after the
        opening "Both", when an apposition keeps it apart from the one before the cue. Only a name
        (capitalised words), so "Both companies fell and analysts said" names nobody."""
        toks = self.toks
        a = self.body + 1
        end = a
        while end < and_at and toks[end].cap and toks[end].is_word:
            end += 1
        if end == a or (end < and_at and not (toks[end].text == "," and toks[and_at - 1].text == ",")):
            return None
        return (a, end)

    def _named_in_apposition(self, np: tuple[int, int], ci: int) -> tuple[int, int]:
        """"One of the sources, a European diplomat, said" and "A third person, an adviser to a minister,
        said": the apposition names the speaker better."""
        toks = self.toks
        a, b = np
        # "one of the sources", "a third person" (not "Residents of Millbridge")
        vague = (b - a >= 3 and toks[a + 1].low == "of" and (toks[a].low in _COUNTING or toks[a].text.isdigit())) \
            or toks[b - 1].bare in VAGUE_PEOPLE
        if vague and b < ci and toks[b].text == ",":
            k = b + 1
            if k < ci and toks[k].low in {"a", "an"}:
                end = next((j for j in range(k, ci) if toks[j].text == ","), ci)
                if end > k + 1:
                    return (k, end)
        return np

    def _position(self, np: tuple[int, int], cs: int, ce: int) -> str:
        """Where a verb frame stands: the statement's own frame, a trailing one, or embedded."""
        toks, lex = self.toks, self.lex
        a = np[0]
        if a <= self.body:
            return "start"
        before = toks[a - 1]
        if before.text == ";" or (before.low in CLAUSE_JOINERS and a >= 2 and toks[a - 2].text == ","):
            return "start"  # "…, though prosecutors said that …": a clause of its own, with its own source
        if before.text in CLOSE_QUOTES or before.text in {",", "—", "–", "(", ":"}:
            # "In a statement, the company said that …" starts the statement's frame; "…, the company
            # said on Monday." ends it. Content after the cue tells them apart.
            after = [t for t in toks[ce:] if t.is_word and t.low not in lex.weekdays and t.low not in lex.months]
            intro = toks[self.body : a - 1]
            if (before.text == "," and len(after) > 4 and len(intro) <= MAX_NP
                    and not any(t.low in lex.cues or t.text in CLOSE_QUOTES for t in intro)
                    and after[0].low not in {"citing", "quoting", "according"}):
                return "start"
            return "trailing"
        if before.text in OPEN_QUOTES:
            return "start" if a == 1 else "embedded"
        if before.low in {"that", "which"} and ce < len(toks) and toks[ce].low in _CLAIMED_VERBS \
                and toks[cs].low in {"says", "said", "claims", "believes", "estimates"}:
            # "… a foldable phone that the company says is the thinnest it has made": the company's claim
            return "start"
        if all(t.low in lex.intro_words or t.low in lex.weekdays or t.low in lex.months or t.text[:1].isdigit()
               for t in toks[self.body : a]):
            return "start"
        return "embedded"

    def _content_after(self, ci: int, via_np: tuple[int, int] | None) -> tuple[int, int] | None:
        toks = self.toks
        k = (via_np[1] if via_np else ci + 1)
        while k < len(toks) and (toks[k].low in {"that", "on", "in"} or toks[k].low in self.lex.weekdays
                                 or toks[k].text in {",", ":"}):
            k += 1
        if k >= len(toks):
            return None
        # "…, citing people familiar with the matter": who it came from is not what was said
        end = next((toks[j].start for j in range(k + 1, len(toks) - 1) if toks[j].text == ","
                    and toks[j + 1].low in {"citing", "quoting"}), self.st.end)
        return (toks[k].start, end)

    def _content_before(self, np: tuple[int, int]) -> tuple[int, int] | None:
        a = np[0]
        if a <= self.body + 1:
            return None
        start = self.toks[self.body].start  # after any dateline
        end = self.toks[a - 1].start
        return (start, end) if end > start else None

    def _content_around(self, ci: int, np: tuple[int, int]) -> tuple[int, int] | None:
        if ci <= 1:  # "According to X, CONTENT"
            k = np[1]
            while k < len(self.toks) and self.toks[k].text == ",":
                k += 1
            return (self.toks[k].start, self.st.end) if k < len(self.toks) else None
        return (self.st.start, self.toks[ci].start)

    # -- resolving a noun phrase to sources --

    def span(self, a: int, b: int) -> Span:
        s, e = self.toks[a].start, self.toks[b - 1].end
        return Span(start=s, end=e, text=self.text[s:e])

    def cue_span(self, cue: tuple[int, int]) -> Span:
        return self.span(*cue)

    def sources_of(self, np: tuple[int, int], ctx: Context) -> list[Named]:
        """(name, kind, basis, mention, suspicious, via) for each source a noun phrase names."""
        toks, lex = self.toks, self.lex
        a, b = np
        if not 0 <= a < b <= len(toks):
            return []  # "… customs data cited by" at the end of a statement: no one after "by"
        for k in range(a + 1, b - 1):
            if (toks[k].low, toks[k + 1].low) in lex.conduit_phrases and toks[k].low != "interview":
                # "a letter to the company seen by Reuters", "economists polled by Reuters": the
                # document or people are the source, the outlet that saw or asked them the conduit.
                outlets = [x for x in self.sources_of((k + 2, b), ctx) if x[1] in OUTLET_KINDS]
                inner = self.sources_of((a, k), ctx)
                if outlets and len(inner) == 1:
                    name, kind, basis, _mention, sus, _via = inner[0]
                    return [(name, kind, basis, self.span(a, b), sus, outlets[0][0])]
        known = self.known(a, b)
        words = [t.low for t in toks[a:b]]
        head_words = {t.bare for t in toks[a:b]}
        if len(words) in (2, 3) and words[0] == "both" and (words[-1] in _PLURAL_OUTLETS or words[-1] in _PLURAL_FIRMS
                                                             or toks[b - 1].low.rstrip("s") in lex.role_heads
                                                             or words[-1] in {"analysts", "economists", "experts"}):
            # "according to both newspapers", "Both analysts expect", "Both firms attributed": the last
            # two the draft named
            if words[-1] in _PLURAL_OUTLETS:
                named = ctx.last_outlets(toks[a].start, 2)
            elif words[-1] in _PLURAL_FIRMS:
                named = ctx.last_organisations(toks[a].start, 2)
            else:
                named = ctx.last_people(toks[a].start, 2)
            if len(named) == 2:
                return [(name, kind, "reference", self.span(a, b), False, None) for name, kind in named]
        if words and words[0] == "both" and "and" in words:
            # "Both CoinDesk and The Block reported": two sources, known to the registry or not.
            k = a + words.index("and")
            left, right = (a + 1, k), (k + 1, b)
            if left[1] > left[0] and right[1] > right[0]:
                return [*self.sources_of(left, ctx), *self.sources_of(right, ctx)]
        if known and len(known) == 1 and "and" in words:
            # "Mint and Moneycontrol reported": a name the registry lacks beside one it knows
            k = a + words.index("and")
            i, j = known[0][0], known[0][1]
            other = (a + (toks[a].low == "the"), k) if (i, j) == (k + 1, b) else (k + 1, b) if (i, j) == (a, k) \
                else None
            if other is not None and 1 <= other[1] - other[0] <= 3 and all(t.cap for t in toks[other[0] : other[1]]):
                return [*self.sources_of(other, ctx), (known[0][2].name, known[0][2].kind, "explicit",
                                                       self.span(i, j), known[0][3], None)]
        if known and len(known) == 1:
            run = _capitalised_run(toks, known[0][0], known[0][1], a, b, lex)
            if run != (known[0][0], known[0][1]):
                # "Finacial Times" holds "Times": the whole name decides, by fuzzy look-up.
                res = self.names.registry.lookup(self.text[toks[run[0]].start : toks[run[1] - 1].end])
                if res is not None and res.known:
                    return [(res.name, res.kind, "explicit", self.span(a, b), res.suspicious, None)]
                known = []
        if known:
            inside = {idx for i, j, _, _ in known for idx in range(i, j)}
            role = any(toks[idx].bare in lex.role_heads for idx in range(a, b) if idx not in inside)
            if role:
                # "a spokesperson for Nvidia": a person speaking for a known organisation.
                mention = self.span(a, b)
                name = tidy_source_name(mention.text, lex)
                return [(name, "person or role", "explicit", mention, any(s for *_, s in known), None)]
            if len(known) == 1 or not _is_coordination(toks, known):
                _i, _j, src, sus = known[0]
                mention = self.span(a, b)
                return [(src.name, src.kind, "explicit", mention, sus, None)]
            return [(src.name, src.kind, "explicit", self.span(i, j), sus, None) for i, j, src, sus in known]
        if len(words) >= 4 and words[0] in {"a", "an", "the"} and words[1] in lex.role_heads \
                and words[2] in {"for", "at", "from", "of"} and toks[a + 3].cap:
            # "A spokesman for Solvang Air": both ways a reading may name them ("a spokesman for
            # Solvang Air", "Solvang Air spokesman"), so a search or a match finds either.
            org = self.text[toks[a + 3].start : toks[b - 1].end]
            phrase = tidy_source_name(self.span(a, b).text, lex)
            return [(f"{phrase} ({org} {toks[a + 1].text})", "person or role", "explicit", self.span(a, b), False,
                     None)]
        named_after = 3 if len(words) >= 4 and words[1] in {"at", "from", "with", "of"} and words[2] == "the" \
            and toks[a + 3].cap else 2
        if 3 <= len(words) <= 7 and (words[0] in _GROUP_ROLES or words[0] in lex.group_heads
                                     or words[0] in {"organizers", "organisers", "parents", "staff"}) \
                and words[1] in {"at", "from", "with", "of"} and toks[a + named_after].cap \
                and all(t.cap or t.low in {"&", "and", "of"} for t in toks[a + named_after : b]):
            # "Analysts at Garnock Securities wrote": both ways a reading may name them, as for a
            # spokesman ("analysts at Garnock Securities", "Garnock Securities analysts")
            org = self.text[toks[a + named_after].start : toks[b - 1].end]
            phrase = tidy_source_name(self.span(a, b).text, lex)
            return [(f"{phrase} ({org} {words[0]})", "anonymous group", "explicit", self.span(a, b), False, None)]
        owner_noun, role_word = None, None
        if len(words) == 3 and words[0] in {"a", "an"} and words[2] in lex.role_heads and not toks[a + 1].cap:
            owner_noun, role_word = words[1], toks[a + 2].text  # "a company spokesperson"
        elif len(words) == 5 and words[0] in {"a", "an"} and words[1] in lex.role_heads \
                and words[2] in {"for", "at", "of"} and words[3] in {"the", "its"}:
            owner_noun, role_word = words[4], toks[a + 1].text  # "a spokesperson for the organization"
        if owner_noun is not None and lex.reference_nouns.get(owner_noun) in {"company", "government"}:
            # The spokesperson of the organisation named before. Both ways a reading may name them are
            # kept, as for "a spokesman for Solvang Air".
            owner = ctx.resolve(lex.reference_nouns[owner_noun], owner_noun, self.st, toks[a].start)
            if owner is not None:
                mention = self.span(a, b)
                org = ctx.expand_name(owner.source, toks[a].start)
                name = f"{tidy_source_name(mention.text, lex)} ({org} {role_word})"
                return [(name, "person or role", "explicit", mention, False, None)]
        # A back-reference: a pronoun, or "the report", "the company", "one of the people".
        mention = self.span(a, b)
        if len(words) == 1 and words[0] in lex.document_heads and b < len(toks) and toks[b].low in {"it", "they"}:
            # "according to figures it shared with the newspaper": the figures of whoever "it" is.
            owner = ctx.resolve(lex.pronouns[toks[b].low], toks[b].low, self.st, mention.start)
            if owner is not None:
                return [(f"{owner.source} {toks[a].text}", "document", "reference", mention, False, None)]
        if len(words) == 2 and words[0] in lex.reference_nouns and words[1] in lex.document_heads:
            # "company figures", "ministry data": the organisation named before, and what it published.
            owner = ctx.resolve(lex.reference_nouns[words[0]], words[0], self.st, mention.start)
            if owner is not None:
                # Both names kept: "Ade Solar company figures" says whose figures, and that they are its own.
                phrase = " ".join(t.text for t in toks[a:b])
                return [(f"{owner.source} {phrase}", "document", "reference", mention, False, None)]
        if len(words) == 2 and toks[a].cap and toks[a].low != toks[a].bare and toks[b - 1].bare in lex.document_heads \
                and not known:
            # "Calloway's data put Asterion ahead", "Reuters' calculations": whose data, by the name
            # the draft gave in full ("Calloway Analytics")
            full_name = ctx.expand_name(without_possessive(toks[a].text), mention.start)
            return [(full_name, _kind_of(full_name, lex, self.text, mention.start), "explicit", mention, False, None)]
        if 3 <= len(words) <= 4 and words[0] == "the" and toks[a + 1].low != toks[a + 1].bare \
                and toks[a + 1].bare in lex.reference_nouns and toks[b - 1].bare in lex.document_heads:
            # "the commission's (constituency-wise) figures": what the body named before published,
            # so the body itself
            noun = toks[a + 1].bare
            owner = ctx.resolve(lex.reference_nouns[noun], noun, self.st, mention.start)
            if owner is not None:
                return [(owner.source, owner.source_kind, "reference", mention, False, owner.via)]
        if len(words) >= 2 and words[0] in {"its", "their", "his", "her"}:
            # "its website", "their annual report": the owner named before, and what it published.
            owner = ctx.resolve("thing" if words[0] == "its" else lex.pronouns.get(words[0], "group"),
                                {"its": "it", "their": "they", "his": "he", "her": "she"}[words[0]],
                                self.st, mention.start)
            if owner is not None:
                rest = " ".join(t.text for t in toks[a + 1 : b])
                return [(f"{owner.source} {rest}", "document", "reference", mention, False, None)]
        ref = self._reference_class(words, [t.text for t in toks[a:b]])
        if ref is not None:
            cls, noun = ref
            # (the first word of a two-word noun, "central bank", is no modifier)
            middle = words[1:-2] if " ".join(words[-2:]) in lex.reference_nouns else words[1:-1]
            modifiers = tuple(w for w in middle if w not in lex.determiners and w not in {"of"})
            hit = ctx.resolve(cls, noun, self.st, mention.start, modifiers)
            if hit is not None:
                return [(hit.source, hit.source_kind, "reference", mention, False, hit.via)]
            if cls in {"thing", "person", "group"} and noun in lex.pronouns:
                return []  # a bare pronoun with nothing before it vouches for nothing
            # Nothing before it: "the interior ministry" names a new source, "the ministry" a vague one.
            content = [w for w in words if w not in lex.determiners]
            name = " ".join(t.text for t in toks[a:b] if t.low not in lex.determiners)
            basis = "explicit" if len(content) >= 2 else "reference"
            kind = _REF_KIND.get(cls, "unknown")
            if noun == "agency" and modifiers:
                kind = "government body"  # "the state weather agency": a body of its own, no document
            return [(name, kind, basis, mention, False, None)]
        # "Mr. Tanaka", "Tanaka": the person named in full earlier in the draft.
        core = [t for t in toks[a:b] if t.low not in HONORIFICS]
        if len(core) == 1 and core[0].cap and core[0].is_word:
            marked = len(core) < b - a or ctx.knows_surname(core[0].text)
            full = ctx.full_name(core[0].text, mention.start, strict=not marked)
            # "Feltham said" after "local property developer Marion Feltham": the person named in
            # full before, whether or not she spoke then.
            if full and (marked or guess_kind(full) == "person or role"):
                return [(full, "person or role", "explicit", mention, False, None)]
        bare_words = [t for t in core if t.low not in lex.determiners]
        if len(bare_words) == 1 and bare_words[0].text.isupper() and 2 <= len(bare_words[0].text) <= 6 \
                and bare_words[0].text.isalpha():
            # "the NSO said" after "the National Statistics Office (NSO)": the name the draft spelt out
            spelt = ctx.spelt_out(bare_words[0].text, mention.start)
            if spelt is not None:
                return [(spelt, _kind_of(spelt, lex, self.text, mention.start), "explicit", mention, False, None)]
        d = a + (toks[a].low in {"a", "an"})  # "a report Okonkwo presented", "a notice the company filed"
        if b - d >= 3 and toks[d].bare in lex.document_heads and toks[d + 1].low not in lex.np_prepositions:
            # "results Halbrook presented at a conference", "figures the company released": whoever
            # gave out the document vouches for it
            verb = next((k for k in range(d + 2, min(b, d + 6)) if toks[k].low in _GAVE_OUT), None)
            if verb is not None:
                giver = self.sources_of((d + 1, verb), ctx)
                if len(giver) == 1:
                    name, kind, basis, _m, sus, via = giver[0]
                    return [(name, kind, basis, mention, sus, via)]
        made_by = next((k for k in range(a + 1, b - 1) if toks[k].low in {"by", "from"}), None)
        if made_by is not None and any(t.bare in lex.document_heads for t in toks[a:made_by]) \
                and toks[made_by + 1].low == "the" and made_by + 2 < b and toks[b - 1].low in lex.reference_nouns:
            # "data published by the company", "data from the weather service": the body named before
            by_ref = [x for x in self.sources_of((made_by + 1, b), ctx) if x[2] == "reference"]
            if len(by_ref) == 1:
                return [(by_ref[0][0], by_ref[0][1], "reference", mention, by_ref[0][4], by_ref[0][5])]
        if made_by is not None and any(t.bare in lex.document_heads for t in toks[a:made_by]):
            # "final results declared by the Election Commission", "a poll released Tuesday by the
            # Marlow Institute": whoever made the document vouches for it
            agent = [t for t in toks[made_by + 1 : b] if t.low not in lex.determiners]
            while agent and agent[-1].low in {"early", "late", "earlier", "later", "today", "yesterday"}:
                agent.pop()
            if agent and agent[0].cap and agent[-1].cap and all(
                    t.cap or t.low in NAME_PARTICLES or t.low in {"of", "for", "and", "on", "&"} for t in agent):
                name = self.text[agent[0].start : agent[-1].end]
                known = self.known(made_by + 1, b)
                if known:
                    return [(known[0][2].name, known[0][2].kind, "explicit", mention, known[0][3], None)]
                return [(name, _kind_of(name, lex, self.text, mention.start), "explicit", mention, False, None)]
        study = next((k for k in range(a, min(b, a + 3)) if toks[k].low in _STUDIES), None)
        if study is not None:
            # "An analysis by The Harwick Tribune of 4,000 inspection reports", "a Herald review of
            # payroll records", "a Reuters examination": whoever made the study vouches for it
            if study + 1 < b and toks[study + 1].low == "by":
                begin = study + 2 + (toks[study + 2].low == "the" if study + 2 < b else 0)
                if begin + 3 < b and toks[begin].low in lex.group_heads and toks[begin + 1].low in {"at", "from"} \
                        and (toks[begin + 2].cap or (toks[begin + 2].low == "the" and toks[begin + 3].cap)):
                    # "a study by researchers at the University of Portsea": the institution vouches
                    begin += 2
                    while begin < b and toks[begin].low == "the":
                        begin += 1
                stop = begin
                while stop < b and toks[stop].is_word and (toks[stop].cap or (
                        toks[stop].low in {"of", "for", "and"} and stop + 1 < b and toks[stop + 1].cap)):
                    stop += 1  # "University of Portsea"
                maker = (begin, stop) if stop > begin else None
            else:
                first = a + (toks[a].low in lex.determiners)
                maker = (first, study) if study > first and all(t.cap for t in toks[first:study]) else None
            if maker is not None:
                made = self.known(*maker)
                if made:
                    return [(made[0][2].name, made[0][2].kind, "explicit", mention, made[0][3], None)]
                name = tidy_source_name(self.text[toks[maker[0]].start : toks[maker[1] - 1].end], lex)
                return [(name, _kind_of(name, lex, self.text, mention.start), "explicit", mention, False, None)]
        # A misspelt outlet ("Finacial Times"): fuzzy look-up of the capitalised part only.
        caps = [t for t in toks[a:b] if t.cap and t.low not in lex.determiners]
        if caps and not (head_words & lex.role_heads):
            s0, e0 = caps[0].start, caps[-1].end
            res = self.names.registry.lookup(self.text[s0:e0])
            if res is not None and res.known:
                return [(res.name, res.kind, "explicit", mention, res.suspicious, None)]
        name = tidy_source_name(mention.text, lex)
        if not name:
            return []
        folded, lookalike = fold_lookalikes(name)
        if lookalike:
            # "Kestr\u0435l Air" (a Cyrillic е): the same unknown source as "Kestrel Air", flagged.
            return [(" ".join(folded.split()), _kind_of(folded, lex, self.text, mention.start), "explicit", mention,
                     True, None)]
        kind = _kind_of(name, lex, self.text, mention.start)
        if kind == "person or role":
            name = person_name(name)
        if name != mention.text and len(name) < len(mention.text) - 4:
            # "the research firm Parrot Metrics": the descriptor says what kind of source it is.
            described = [w for w in mention.text[: -len(name)].lower().split()
                         if w in lex.reference_nouns or w in lex.role_heads]
            if described and ((described[-1] in lex.role_heads and described[-1] not in lex.reference_nouns)
                              or (kind == "person or role" and described[-1] in _PERSONAL_OFFICES)):
                kind = "person or role"  # "Council member Aisha Grant", "Deputy ombudsman Helen Farrant"
            elif described:
                kind = _REF_KIND.get(lex.reference_nouns[described[-1]], kind)
                if lex.reference_nouns[described[-1]] == "outlet":
                    kind = "news outlet"
        return [(name, kind, "explicit", mention, False, None)]

    def _reference_class(self, words: list[str], raw: list[str]) -> tuple[str, str] | None:
        """(class, noun) when a noun phrase points back: "it", "the newspaper", "one of the sources"."""
        lex = self.lex
        if len(words) == 1 and words[0] in lex.pronouns:
            return lex.pronouns[words[0]], words[0]
        if len(words) == 3 and words[1] == "of" and words[2] in {"them", "those", "these"}:
            return "group", "they"  # "one of them"
        if words in (["the", "other"], ["another"], ["one"], ["the", "second"], ["the", "third"], ["the", "first"]):
            return "group", "they"  # "Two delegates spoke to Bloomberg. … The other said …": one of them
        if len(words) >= 4 and words[1] == "of" and words[2] in {"the", "those", "these"}:
            # "one of the people", "two of the sources": the group named before.
            words, raw = words[2:], raw[2:]
        if words and words[0] in {"the", "this", "that", "these", "those"} and len(words) <= 6:
            rest = [w for w in words[1:] if w not in lex.determiners]
            if not rest:
                return None  # a bare "the" (a name the reader could not finish)
            caps = [w for w, r in zip(words[1:-1], raw[1:-1], strict=True) if r[:1].isupper()]
            # "The Hong Kong newspaper said", "the Speyside whisky maker warned": a place before a noun
            # for an outlet or a company still describes the one named before
            described = (rest[-1] in _DESCRIBED_OUTLETS or lex.reference_nouns.get(rest[-1]) == "company") \
                and len(caps) <= 2
            if len(rest) == 1 and (rest[0].endswith("-year-old") or (
                    raw[-1][:1].isupper() and rest[0].endswith(("ian", "ean", "ese", "ish")))):
                return "person", "epithet"  # "the Colombian said", "the 25-year-old added"
            if raw[-1][:1].isupper() or (not described and any(
                    not is_adjective_of_place(w) and not w.endswith(EPITHETS) for w in caps)):
                return None  # "the Labor Department" is a name, not a pointer back
            owners = [w[:-2] for w in rest[:-1] if w.endswith(("'s", "’s"))]
            if lex.reference_nouns.get(rest[-1]) == "person" and any(
                    lex.reference_nouns.get(o) != "company" and o not in lex.pronouns for o in owners):
                return None  # "the prime minister's spokesperson": someone new, named by whose they are
            if owners and not any(o in lex.reference_nouns or o in lex.pronouns for o in owners):
                return None  # "the county medical examiner's office": a body named by whose it is
            two = " ".join(rest[-2:])
            if two in lex.reference_nouns:
                return lex.reference_nouns[two], rest[-1]
            if rest[-1] in lex.reference_nouns and (len(rest) <= 2 or all(w.islower() or "-" in w for w in rest)):
                return lex.reference_nouns[rest[-1]], rest[-1]
        return None


Named = tuple[str, SourceKind, Basis, Span, bool, str | None]

_REF_KIND: dict[str, SourceKind] = {
    "outlet": "document", "company": "company", "person": "person or role",
    "government": "government body", "document": "document",
}




# Words of an office before a title: "Council member", "City Attorney", "County Sheriff"
_OFFICE_WORDS = frozenset({"council", "city", "county", "state", "district", "board", "school", "senate", "house",
                           "majority", "minority", "leader", "whip", "speaker", "assembly"})
# People named by where they work: "Analysts at Garnock Securities", "economists at Nomura"
_GROUP_ROLES = frozenset({"analysts", "economists", "strategists", "traders", "researchers", "scientists",
                          "engineers", "lawyers", "executives"})
# Studies a maker vouches for: "An analysis by The Harwick Tribune", "a Herald review"
_STUDIES = frozenset({"analysis", "review", "examination", "investigation", "audit", "survey", "count", "tally",
                      "study"})
# What an outlet may carry: "carried a similar report", "ran the same story"
_TOLD_THINGS = frozenset({"report", "account", "story", "figure", "version", "claim", "estimate", "article"})
# "Both firms", "both companies": the last two organisations the draft named
_PLURAL_FIRMS = frozenset({"firms", "companies", "groups", "banks", "brokerages", "carmakers", "chipmakers",
                           "manufacturers", "insurers", "lenders", "retailers", "airlines", "unions", "parties"})
# "was first reported by", "reported earlier by": adverbs around a passive report's participle
_PASSIVE_ADVERBS = frozenset({"first", "earlier", "previously", "initially", "originally", "also", "widely",
                              "exclusively"})
_WORKS_AT = re.compile(r"^[A-Z][\w'’.-]* (?:[A-Z][\w'’.-]* ){0,2}(?:of|at|from) [A-Z]")
# Nouns for an outlet that a place may describe: "the Hong Kong newspaper", "the Seoul daily"
_DESCRIBED_OUTLETS = frozenset({"newspaper", "paper", "daily", "broadcaster", "weekly", "tabloid", "magazine",
                                "website", "outlet", "publication"})
_COUNTING = frozenset({"one", "two", "three", "four", "five", "some", "many", "several", "each", "none", "both",
                       "any", "all", "most", "another", "either", "neither"})
_PARTICLES = frozenset({"for", "on", "off", "up", "out", "back", "in", "upon", "itself", "themselves"})
_SPEECH_VERBS = frozenset({"said", "says", "added", "told", "warned", "insisted", "noted", "stressed"})
_GAVE_OUT = frozenset({"presented", "released", "published", "filed", "gave", "provided", "shared", "issued",
                       "disclosed", "submitted", "compiled"})
_QUOTE_MARKS = OPEN_QUOTES | CLOSE_QUOTES


def _short_name(word: str) -> bool:
    """An acronym or the short name an organisation goes by, as written in brackets after its name:
    "(NUM)", "(Nice)", "(Ofcom)"."""
    return word.isupper() or (word[:1].isupper() and word[1:].islower() and len(word) <= 8 and word.isalpha())


# Verbs right after "that X says": the clause X vouches for ("that the company says is …")
_CLAIMED_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
                            "costs", "cost", "contains", "makes", "made", "uses"})
# Offices that are a body and a person at once: "the ombudsman said", "Deputy ombudsman Helen Farrant"
_PERSONAL_OFFICES = frozenset({"ombudsman", "auditor", "commissioner", "coroner", "regulator"})
# Words of when something was said, between a cue and its that-clause
_WHEN_WORDS = frozenset({"on", "last", "in", "this", "week", "late", "early", "earlier", "later", "before", "after",
                         "the", "game", "match", "meeting", "morning", "afternoon", "evening", "night", "today",
                         "yesterday", "tonight"})
_NOT_SPEAKERS = frozenset({"shares", "stocks", "prices", "markets", "bonds"})
_PLURAL_OUTLETS = frozenset({"newspapers", "papers", "outlets", "agencies", "reports", "publications",
                             "broadcasters", "websites", "dailies"})


def _place_abbreviation(toks: list[Tok]) -> bool:
    """ "Ga.", "N.C.", "Ind.": a state or province written short after a town and a comma."""
    return 1 <= len(toks) <= 2 and toks[0].cap and toks[-1].text.endswith(".") and len(toks[0].text) <= 5


def _kind_of(name: str, lex: Lexicon, text: str = "", at: int = 0) -> SourceKind:
    """The registry's guess, corrected by what the draft says around the name: a title makes a
    person ("Chief Executive Jane Doe"); a descriptor before it makes a company ("mining company
    Minera Cordillera Blanca")."""
    kind = guess_kind(name)
    if kind == "person or role" and name.split()[-1].lower().rstrip(".") in COMPANY_SUFFIXES \
            and not _WORKS_AT.search(name):
        return "company"  # "Brightwell Foods", "Andes Mining" (not "Mark Delacroix of Ridgeway Capital")
    titled = (any(w.lower().strip(",").rstrip(".") in TITLE_WORDS for w in name.split())
              and not ends_with_a_body_word(name)) \
        or (len(name.split()) > 2 and name.split()[-1].lower().rstrip(".") in POSTNOMINALS)
    if kind in {"organisation", "unknown"} and titled:
        return "person or role"
    if kind == "person or role" and not titled and name[:1].isupper():
        if text and _described_as_company(name, text, at):
            return "company"
        words = name.split()
        if len(words) >= 3 and not (len(words) > 3 and words[2] in {"of", "at", "from"}) \
                and not any(len(w) == 2 and w.endswith(".") for w in words[1:-1]):  # "Harold W. Amsel"
            # three capitalised words name an organisation more often than a person ("Frederick
            # Oyelaran of Bastable Securities" is a person and where they work)
            return "organisation"
    return kind




_DESCRIBED: dict[tuple[int, str, int], bool] = {}  # (hash of the draft, name, stretch)
NEARBY = 20_000  # characters either side of a name where the draft may describe it


def _described_as_company(name: str, text: str, at: int) -> bool:
    """Does the draft call `name` a company near where it stands ("mining company Minera Cordillera
    Blanca")? Looks only where the name occurs, within `NEARBY` characters, once per name and stretch."""
    lo, hi = max(0, at - NEARBY), min(len(text), at + NEARBY)
    key = (hash(text), name, at // NEARBY)
    found = _DESCRIBED.get(key)
    if found is None:
        if len(_DESCRIBED) > 4096:
            _DESCRIBED.clear()
        found = False
        start = text.find(name, lo, hi)
        while start != -1 and not found:
            before = text[max(0, start - 24) : start].split()
            # "mining company Minera Cordillera Blanca", "the owner, Granite Arch Residential"
            word = before[-1].lower().rstrip(",") if before else ""
            found = word in lexicon().company_descriptors or lexicon().reference_nouns.get(word) == "company"
            # "Harlan Ridge said" after "Harlan Ridge Foods": the short form of a company's name
            after = text[start + len(name) : start + len(name) + 24].split()
            found = found or (bool(after) and after[0][:1].isupper()
                              and without_possessive(after[0].lower().rstrip(".,;:")) in COMPANY_SUFFIXES)
            start = text.find(name, start + len(name), hi)
        _DESCRIBED[key] = found
    return found


def _capitalised_run(toks: list[Tok], i: int, j: int, a: int, b: int, lex: Lexicon) -> tuple[int, int]:
    """Widen toks[i:j] to the run of capitalised words around it, within the phrase toks[a:b]."""
    while i > a and toks[i - 1].cap and toks[i - 1].is_word and toks[i - 1].low not in lex.determiners \
            and not toks[i - 1].low.endswith(("'s", "’s")):
        i -= 1
    while j < b and toks[j].cap and toks[j].is_word and toks[j].bare not in REPORT_NOUNS \
            and toks[j].low not in lex.role_heads:
        j += 1
    return i, j


def _is_coordination(toks: list[Tok], known: list[tuple[int, int, RegistrySource, bool]]) -> bool:
    """True when the known names are joined by "and" or commas ("Reuters and Bloomberg")."""
    for (_, j, _, _), (i2, _, _, _) in itertools.pairwise(known):
        between = {t.low for t in toks[j:i2]}
        if not between or not between <= {"and", ",", "&", "the", "both", "as", "well", "also"}:
            return False
    return True


def tidy_source_name(text: str, lex: Lexicon) -> str:
    """A readable source name from its mention: "People familiar with …" → "people familiar with …"."""
    name = " ".join(text.split()).strip(" ,;:.'\"“”‘’")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    low = name.lower()
    for det in ("the ",):
        if low.startswith(det) and len(name) > len(det):
            rest = name[len(det):]
            if rest[:1].isupper():
                name = rest  # "the Commerce Department" → "Commerce Department"
            break
    words = name.split(" ")
    while len(words) > 1 and words[0].lower().endswith(EPITHETS) \
            and words[1][:1].isupper():
        words = words[1:]  # "Tokyo-based Tsurugi": where it is based is no part of its name
    name = " ".join(words)
    # "the research firm Parrot Metrics", "local radio station Radio Sur", "Mine operator Andina
    # Minerals": a lower-case descriptor before a proper name; the name is the source.
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    descriptor = words[1:k] if words[0][:1].isupper() else words[:k]
    if 0 < k < len(words) and descriptor and all(w.islower() and w not in NAME_PARTICLES for w in descriptor) \
            and words[k - 1] not in lex.np_prepositions and words[k - 1] not in lex.determiners:
        return " ".join(words[k:])
    first = words[0]
    if first.lower() in lex.lowercase_when_initial or first.lower() in lex.determiners:
        name = first.lower() + name[len(first):]
    return name


def may_speak(r: StatementReader, np: tuple[int, int]) -> bool:
    """Whether a noun phrase can be someone who says things: "the bank", "Acme", "analysts", "it",
    not "two weak quarterly" (before "reports", a noun)."""
    head = r.toks[np[1] - 1]
    lex = r.lex
    return head.cap or head.bare in lex.role_heads or head.bare in lex.group_heads or head.low in lex.pronouns \
        or head.bare in lex.reference_nouns or head.bare in lex.document_heads
