"""The source registry: which outlet, agency, company or body a name in a draft refers to.

A draft names its sources loosely: "the FT", "Financial Times report", a misspelt "Finacial
Times", or a spoofed "Rеuters" with a Cyrillic е. `Registry.lookup` maps such a name to the one
canonical source it means, or to nothing; `Registry.resolve` also answers for names it does not
know, with a guessed kind.

Matching works on normalised keys (`normalise`): Unicode folded (NFKC, hidden characters removed,
look-alike letters mapped to Latin), case folded, accents dropped, possessives, punctuation and a
leading "the" removed. Two rules keep different sources apart:

- A one-word key that the registry only lists with its article ("The Times", "The Information",
  "The Journal") matches only when the name carries the article too: "Information" or "Times" on
  their own are ordinary words. Callers should pass the article when the draft has one.
- Fuzzy matching (for misspellings) allows only a few edits, scaled to the length of the shorter
  key: none for abbreviations (≤ 4 characters, so CNN never becomes CNBC), one inserted, deleted or
  transposed letter for short names (so "Reuter" finds Reuters but "Kyoto" never becomes Kyodo and
  "Politics" never Politico), then two or three edits for longer names; and a match must be
  unambiguous. The registry's own keys are kept further apart than that (a test checks it).

Nikkei (the Japanese daily) and Nikkei Asia (its English-language title) are separate entries:
a claim carried by one is not corroborated by the other, but an editor should see which it was.

This module is pure: no database, no UI. `factcheck.store` keeps the registry in `sources.db`
and builds a `Registry` from it; `Registry.default()` reads the seed file shipped in the package.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from factcheck.models import RegistrySource, Resolved, SourceKind

SEED_FILE = "registry.json"

# --- matching thresholds -------------------------------------------------------------------
# Keys shorter than this (abbreviations: FT, AP, CNN, CNBC, dpa…) only ever match exactly.
MIN_FUZZY_LEN = 5
# Inside a longer name, words this short must be equal ("AP" vs "AFP", "UPI" vs "AP").
MIN_WORD_FUZZY_LEN = 4
# Up to this length a key may differ by one inserted/deleted letter or one swap of neighbours.
SHORT_KEY_MAX_LEN = 8
# Up to this length a key may differ by MEDIUM_EDITS edits (Levenshtein); longer by LONG_EDITS.
MEDIUM_KEY_MAX_LEN = 13
MEDIUM_EDITS = 2
LONG_EDITS = 3
# Words of their own within fuzzy reach of an outlet's name, found in drafts (a lookup of every
# capitalised word of the fixtures and blind sets): never read as its misspelling. "Two Republican
# aides said" is not La Repubblica, "Reform said" not Reforma, "Marcia said" not Marca.
NOT_MISSPELLINGS = frozenset({"republican", "republicans", "reform", "marcia"})
# Lookups are cached per registry; the cache is dropped when it grows past this many names.
CACHE_LIMIT = 50_000

# --- Unicode folding -----------------------------------------------------------------------
# Letters from other scripts that render like Latin ones: spoofed names use them.
# fmt: off
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "ï", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ɡ": "g", "ү": "y",
    "А": "A", "В": "B", "Е": "E", "Ё": "Ë", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "Ï", "Ј": "J", "Ԁ": "D",
    "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Һ": "H", "Ү": "Y",
    # Greek
    "α": "a", "ο": "o", "ν": "v", "ρ": "p", "ι": "i", "κ": "k", "υ": "u", "τ": "t", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin letters that pass for others
    "ɩ": "i", "ǀ": "l",  # (not the dotless ı: a letter of Turkish and Azerbaijani names)
}
# fmt: on
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
# Letters of any script (no digits, no underscore): for splitting a name into words.
_WORD_RE = re.compile(r"[^\W\d_]+")
_SPACE_RE = re.compile(r"\s+")
_POSSESSIVE_RE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)")
_PUNCT_RE = re.compile(r"[^\w\s]+|_+")
_INITIALISM_RE = re.compile(r"^(?:\w\.)+\w?$")  # "u.s." "n.y" — dots dropped, letters kept together


def _is_hidden(char: str) -> bool:
    """Zero-width and other format characters (Cf), soft hyphens included: never part of a name."""
    return unicodedata.category(char) == "Cf"


def _is_latin_letter(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or "LATIN" in unicodedata.name(char, "")


def _fold_word(word: str) -> str:
    """Maps look-alike letters to Latin when the word is spoofing Latin, else leaves it alone.

    A word mixing Latin with Cyrillic or Greek letters ("Rеuters"), or made only of letters that
    look Latin ("АР"), is folded; a genuine Cyrillic or Greek word keeps its script.
    """
    if not any(c in _CONFUSABLES for c in word):
        return word
    mixed = any(_is_latin_letter(c) for c in word if c not in _CONFUSABLES)
    all_lookalike = all(c in _CONFUSABLES for c in word)
    if not (mixed or all_lookalike):
        return word
    return "".join(_CONFUSABLES.get(c, c) for c in word)


def _tidy_spaces(name: str) -> str:
    # Non-breaking and other Unicode spaces are ordinary in copy: they are not suspicious.
    return _SPACE_RE.sub(" ", name.translate(_APOSTROPHES)).strip()


@lru_cache(maxsize=16384)
def fold_lookalikes(name: str) -> tuple[str, bool]:
    """`name` with hidden characters removed and look-alike letters folded to Latin.

    Returns `(folded, changed)`; `changed` says a spoofing-prone change was made (a zero-width
    character or soft hyphen removed, a full-width or other compatibility form replaced, a
    Cyrillic or Greek look-alike folded), so a caller can warn. Spacing and apostrophe variants
    are tidied without counting as a change, and so is NFD text composed to NFC.
    """
    tidy = _tidy_spaces(name)
    if tidy.isascii():
        return tidy, False
    visible = "".join(c for c in tidy if not _is_hidden(c))
    composed = unicodedata.normalize("NFC", visible)
    compat = unicodedata.normalize("NFKC", composed)
    folded = _WORD_RE.sub(lambda m: _fold_word(m.group()), compat)
    folded = _tidy_spaces(folded)
    changed = visible != tidy or compat != composed or folded != _tidy_spaces(compat)
    return folded, changed


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    # Only the combining diacritics block: Japanese voicing marks and the like stay.
    kept = "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", kept)


def _has_article(text: str) -> bool:
    return text[:4].casefold() == "the " and len(text) > 4


def normalise(name: str) -> str:
    """The matching key of a source name: equal keys mean the same name.

    "The Financial Times’", "financial  times" and "Financial Times" all give
    "financial times"; "Rеuters" (Cyrillic е) and "Ｒｅｕｔｅｒｓ" give "reuters".
    """
    text = fold_lookalikes(name)[0].casefold()
    if not text.isascii():
        text = _strip_accents(text)
    text = text.replace("&", " and ")
    text = _POSSESSIVE_RE.sub("", text)
    words = [w.replace(".", "") if _INITIALISM_RE.match(w) else w for w in text.split()]
    text = " ".join(words).replace("'", "")
    text = _SPACE_RE.sub(" ", _PUNCT_RE.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _plain(name: str) -> str:
    """A name as written, only tidied: to tell a registered spelling from a spoofed one."""
    return unicodedata.normalize("NFC", _tidy_spaces(name)).casefold()


# --- guessing the kind of an unknown source -----------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GROUP_HEADS = _words(
    """people persons individuals sources analysts officials operators executives investors experts
    economists traders insiders employees staff diplomats lawmakers legislators residents witnesses
    researchers engineers bankers lawyers advisers advisors managers observers critics users
    customers suppliers workers regulators authorities scientists strategists brokers dealers
    shareholders creditors bondholders activists campaigners politicians ministers members
    representatives directors partners delegates negotiators officers parents students teachers doctors
    nurses patients fans supporters councillors drivers farmers survivors tenants plaintiffs rescuers
    volunteers voters"""
)
_PERSON_HEADS = _words(
    """spokesperson spokesman spokeswoman official minister analyst executive ceo cfo coo cto chairman
    chairwoman chair president vice-president director founder cofounder co-founder person source
    insider economist lawyer attorney secretary governor senator representative ambassador
    adviser advisor chief head manager engineer researcher investor trader employee diplomat
    lawmaker mayor premier chancellor professor scientist expert officer partner strategist
    correspondent reporter journalist editor columnist commissioner envoy general prosecutor
    judge negotiator aide consultant banker broker dealer delegate mediator organizer organiser
    resident witness worker nurse doctor teacher student parent farmer driver owner landlord tenant
    neighbor neighbour volunteer activist campaigner councillor councilor member he she
    mother father wife husband son daughter sister brother widow widower grandmother grandfather
    victim survivor patient pupil passenger candidate headteacher player leader whip speaker"""
)
_GOVERNMENT_WORDS = _words(
    """ministry department commission government agency regulator administration authority bureau
    council parliament congress senate police military army navy treasury cabinet embassy
    kremlin pentagon customs court tribunal legislature municipality prefecture office inspectorate
    ombudsman"""
)
_DOCUMENT_HEADS = _words(
    """filing filings report reports document documents letter letters statement statements data
    memo memos records survey study notice release prospectus disclosure disclosures email emails
    presentation transcript announcement guidance figures statistics minutes ruling complaint
    lawsuit indictment decision paper papers database research autopsy post-mortem examination
    inquest inspection assessment draft drafts poll polls audit census analysis review"""
)
_ORGANISATION_WORDS = _words(
    """union association institute university foundation federation organisation organization
    society committee party league club fund forum center centre alliance coalition network
    academy school college hospital church museum"""
)
# Words that make a short capitalised name a team or a place rather than a person: "Sporting
# Valdera", "Aldermoor United", "Ashby Town" (checked only where the name would pass for a person)
_TEAM_OR_PLACE_WORDS = _words(
    """united city athletic athletico atletico atlético rovers wanderers sporting olympique dynamo town albion
    rangers hotspur county fc afc sc cf
    typhoon hurricane cyclone storm"""
)  # (and named storms: "Typhoon Kirra" is no one)
_COMPANY_WORDS = _words(
    """inc inc. corp corp. corporation ltd ltd. limited llc plc group holdings holding technologies
    technology co co. ag sa se nv gmbh motors systems pharmaceuticals labs capital partners
    ventures airlines energy semiconductor semiconductors electronics software networks company
    industries bank airways foods mining robotics logistics media water power utilities steel
    chemicals pharma biotech therapeutics insurance motors automotive aerospace telecom studios
    games entertainment brands retail stores gas oil petroleum resources minerals metals shipping
    distillers distillery brewing brewery railways materials construction properties realty hotels resorts
    securities coal cement textiles mills apparel beverages dairy seafood pharmaceutical solar"""
)
# Words in the names of newspapers and broadcasters: "the Ruritania Herald", "Kestrel TV".
_OUTLET_WORDS = _words(
    """herald times tribune gazette journal chronicle daily news telegraph weekly magazine
    newspaper broadcaster radio tv television outlet website newsletter"""
)
# Words that end a newspaper's name and little else: "Harrowby Echo", "Coast Courier".
_MASTHEAD_ENDS = _words("echo courier courant sentinel bulletin examiner inquirer enquirer argus clarion gleaner")
_WIRE_WORDS = _words("wire newswire")
# Words that end the head of a noun phrase: "analysts at Jefferies", "people familiar with".
_HEAD_ENDERS = _words("of with familiar briefed close in at from for on who that which whose knowledgeable to not")
# "Tanaka", "O'Brien", and surnames with a capital inside after a particle: "DeLuca", "McAllister"
_NAME_PREFIX_RE = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|Le|La|Fitz)(?=[A-Z])")
_INITIAL_RE = re.compile(r"[A-Z]\.?$|O['’][A-Z][a-z]+$")


def _capitalised_name(word: str) -> bool:
    """A word that can be part of a person's name: "Tanaka", "McCarthy", "DeLuca", "O'Neill", an
    initial, and names with letters beyond ASCII ("Lucía", "Łukasz", "Müller")."""
    if _INITIAL_RE.match(word):
        return True
    prefix = _NAME_PREFIX_RE.match(word)
    core = word[prefix.end():] if prefix else word
    return len(core) > 1 and core[0].isupper() and all(c.islower() or c in "'’.-" for c in core[1:])


def ends_with_a_body_word(name: str) -> bool:
    """Does the name end with a word that makes it a body: "Westbrook General Hospital", "Acme Bank"?
    (Only before any "of", "at" or "from": "Dr. Emi Sato of the Hokuriku Institute" is a person.)"""
    words = []
    for w in name.split():
        if w.casefold() in ("of", "at", "from"):
            break
        words.append(w)
    last = words[-1].casefold().strip(".,;:\"'()“”‘’") if words else ""
    return last in _ORGANISATION_WORDS or last in _COMPANY_WORDS or last in _GOVERNMENT_WORDS or last == "service"


@lru_cache(maxsize=16384)  # the same names come back statement after statement
def guess_kind(name: str) -> SourceKind:
    """A best guess at the kind of a source the registry does not know.

    Looks at the head of the noun phrase ("analysts" in "analysts at Jefferies", "spokesperson"
    in "a CATL spokesperson", "filing" in "a court filing"), then at company suffixes, then at
    the shape of the name: two or three capitalised words are most likely a person.
    """
    words = [w.strip(".,;:\"'()“”‘’") for w in _tidy_spaces(name).split()]
    words = [w for w in words if w]
    if not words:
        return "unknown"
    lower = [w.casefold() for w in words]
    head_end = next((i for i, w in enumerate(lower) if i > 0 and w in _HEAD_ENDERS), len(lower))
    head_phrase = lower[:head_end]
    head = head_phrase[-1]
    if lower[0] in ("people", "sources", "some", "several", "many") or head in _GROUP_HEADS \
            or (lower[-1] in _GROUP_HEADS and lower[0][:1].isdigit()):  # "14 of 22 economists"
        # "Chinese authorities", "U.S. regulators": plural bodies of the state.
        if head in ("authorities", "regulators"):
            return "government body"
        return "anonymous group"
    if head in _PERSON_HEADS or lower[0] in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."):
        return "person or role"
    if 2 <= head_end <= 3 < len(words) and lower[head_end] in ("of", "at", "from") \
            and all(_capitalised_name(w) for w in words[:head_end]) \
            and not any(w in _COMPANY_WORDS or w in _ORGANISATION_WORDS or w in _GOVERNMENT_WORDS
                        or w in _OUTLET_WORDS or w in _GROUP_HEADS for w in lower[:head_end]):
        return "person or role"  # "Frederick Oyelaran of Bastable Securities": a person and where they work
    role = max((i for i, w in enumerate(lower[:-1]) if w in _PERSON_HEADS), default=None)
    if role is not None and 1 <= len(words) - role - 1 <= 3 and all(_capitalised_name(w)
                                                                   for w in words[role + 1 :]) \
            and not any(w in _ORGANISATION_WORDS or w in _COMPANY_WORDS or w in _GOVERNMENT_WORDS
                        for w in lower[role + 1 :]):  # "Westbrook General Hospital" is no general
        return "person or role"  # "Council member Aisha Grant", "Finance Minister Ana Ruiz"
    if head in ("records", "recordings") and len(words) >= 2 and all(_capitalised_name(w) for w in words):
        return "company"  # "Saltmarsh Records" is a label, not a file of records
    if head == "survey" and len(words) >= 2 and all(w.isupper() or _capitalised_name(w) for w in words):
        return "government body"  # "the US Geological Survey" is an agency, not a questionnaire
    if head in _DOCUMENT_HEADS or head in ("conference", "briefing"):
        return "document"  # "a news conference" is where words were said, not a news outlet
    if head in _WIRE_WORDS or (head in ("agency", "service") and ({"news", "press"} & set(head_phrase))):
        return "wire agency"
    if any(w in _OUTLET_WORDS for w in head_phrase) or (lower[-1] in _MASTHEAD_ENDS and len(lower) > 1
                                                        and words[0][:1].isupper()):
        return "news outlet"
    if any(w in _GOVERNMENT_WORDS for w in head_phrase) or lower[0] in ("ministry", "department") \
            or (head == "service" and len(words) >= 2 and words[0][:1].isupper()):
        # ("the Security Service", "National Weather Service"; not the "Service Employees … Union")
        return "government body"
    if head == "bank" and "central" in head_phrase:
        return "government body"
    if head in _COMPANY_WORDS or any(w in _COMPANY_WORDS for w in lower[1:]):
        return "company"
    if any(w in _ORGANISATION_WORDS for w in lower):
        return "organisation"
    if lower == ["it"] or lower == ["they"]:
        return "unknown"
    if 2 <= len(words) <= 3 and all(_capitalised_name(w) for w in words) \
            and len(words[-1]) > 1 and words[0].lower() not in ("a", "i") \
            and _TEAM_OR_PLACE_WORDS.isdisjoint(lower):  # initials: "J. Smith", "Harold W. Amsel"
        return "person or role"
    return "organisation"


# --- the registry --------------------------------------------------------------------------
# fmt: off
_GENERIC_SUFFIXES = (
    "news agency", "newswire", "agency", "report", "reports", "newspaper", "paper", "article",
    "story", "investigation", "editorial", "website", "broadcaster", "magazine", "daily",
    "journalists", "reporters", "reporting", "analysis", "survey", "poll",
)
# fmt: on
_LEADING_DETERMINERS = ("a ", "an ", "this ", "that ")


def _edit_budget(length: int) -> int:
    if length < MIN_FUZZY_LEN:
        return 0
    if length <= SHORT_KEY_MAX_LEN:
        return 1
    if length <= MEDIUM_KEY_MAX_LEN:
        return MEDIUM_EDITS
    return LONG_EDITS


def _word_edits(a: str, b: str) -> int | None:
    """Edits between two words of a name, or None when they are different words."""
    from rapidfuzz.distance import OSA, Indel, Levenshtein

    if a == b:
        return 0
    shorter = min(len(a), len(b))
    if shorter < MIN_WORD_FUZZY_LEN:
        return None
    if shorter <= SHORT_KEY_MAX_LEN:
        if Indel.distance(a, b, score_cutoff=1) <= 1:
            return 1
        # a swap of neighbours: one OSA edit that Levenshtein counts as two ("Reutres")
        return 1 if OSA.distance(a, b) == 1 and Levenshtein.distance(a, b) == 2 else None
    budget = MEDIUM_EDITS if shorter <= MEDIUM_KEY_MAX_LEN else LONG_EDITS
    edits = Levenshtein.distance(a, b, score_cutoff=budget)
    return edits if edits <= budget else None


def close_enough(a: str, b: str) -> bool:
    """Whether two different normalised keys are close enough to be one name misspelt.

    The keys must have the same words, and each pair of words must be close: very short words
    (abbreviations, "of", "news") exactly equal; short words may differ by one inserted or
    deleted letter or one swap of neighbours, not by a substitution ("Kyoto" is not "Kyodo",
    "Politics" not "Politico"); longer words by two or three edits. The whole key has a budget
    too, following its length: a key shorter than MIN_FUZZY_LEN only ever matches exactly.
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        # "FinancialTimes", "News 24": only the spacing may differ.
        return a.replace(" ", "") == b.replace(" ", "")
    budget = _edit_budget(min(len(a), len(b)))
    if budget == 0:
        return a == b
    total = 0
    for x, y in zip(words_a, words_b, strict=True):
        edits = _word_edits(x, y)
        if edits is None:
            return False
        total += edits
    return total <= budget


class Registry:
    """Known sources and the names they go by, with fast, cached lookups."""

    def __init__(self, sources: Iterable[RegistrySource]) -> None:
        self._sources: list[RegistrySource] = []
        # key → source for keys any name matches; keys only reachable with "the" kept apart
        self._keys: dict[str, RegistrySource] = {}
        self._article_keys: dict[str, RegistrySource] = {}
        self._plain: dict[str, RegistrySource] = {}
        self.conflicts: list[str] = []
        for source in sources:
            self._add(source)
        self._all = {**self._keys, **self._article_keys}
        self._fuzzy_any = list(self._all)
        self._fuzzy_bare = list(self._keys)
        self._cache: dict[str, Resolved | None] = {}

    def _add(self, source: RegistrySource) -> None:
        self._sources.append(source)
        forms = [source.name, *source.aliases]
        article_only: dict[str, bool] = {}
        for form in forms:
            key = normalise(form)
            if not key:
                continue
            needs_article = _has_article(_tidy_spaces(form)) and " " not in key
            article_only[key] = article_only.get(key, True) and needs_article
            self._plain.setdefault(_plain(form), source)
        for key, needs_article in article_only.items():
            owner = self._keys.get(key) or self._article_keys.get(key)
            if owner is not None and owner.name != source.name:
                # First registered wins; the store refuses such conflicts before they get here.
                self.conflicts.append(f"{key!r}: {owner.name} and {source.name}")
                continue
            (self._article_keys if needs_article else self._keys)[key] = source

    @classmethod
    def default(cls) -> Registry:
        """The registry shipped with factcheck (`factcheck/data/registry.json`), built once."""
        return _default_registry()

    def sources(self) -> list[RegistrySource]:
        return list(self._sources)

    def aliases(self) -> dict[str, RegistrySource]:
        """Every normalised name and alias, mapped to its source."""
        return dict(self._all)

    def article_keys(self) -> frozenset[str]:
        """Keys of `aliases()` that name a source only with their article: "times" is The Times
        in "the Times", but in "three times" it is a word. A caller matching keys itself (rather
        than through `lookup`) should accept these only when the text has "the" before them."""
        return frozenset(self._article_keys)

    def lookup(self, name: str) -> Resolved | None:
        """The known source `name` refers to, or None. Cached: call it for every candidate."""
        try:
            return self._cache[name]
        except KeyError:
            pass
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        found = self._cache[name] = self._lookup(name)
        return found

    def resolve(self, name: str) -> Resolved:
        """`lookup`, or else the name itself, tidied, with a guessed kind (`known=False`)."""
        found = self.lookup(name)
        if found is not None:
            return found
        folded, changed = fold_lookalikes(name)
        display = clean_name(folded)
        note = _lookalike_note(name) if changed else None
        return Resolved(
            name=display or name.strip(),
            kind=guess_kind(display),
            known=False,
            score=0.0,
            suspicious=changed,
            note=note,
        )

    # -- internals --

    def _lookup(self, name: str) -> Resolved | None:
        folded, changed = fold_lookalikes(name)
        article = _has_article(clean_name(folded, keep_article=True))
        key = normalise(folded)
        if not key:
            return None
        candidates = [key, *_variants(key)]
        source: RegistrySource | None = None
        score = 100.0
        for candidate in candidates:
            source = self._exact(candidate, article)
            if source is not None:
                break
        else:
            for candidate in candidates:
                found = self._fuzzy(candidate, article)
                if found is not None:
                    source, score = found
                    break
        if source is None:
            return None
        suspicious = changed and self._plain.get(_plain(name)) is not source
        return Resolved(
            name=source.name,
            kind=source.kind,
            known=True,
            score=score,
            suspicious=suspicious,
            note=_lookalike_note(name, source.name) if suspicious else None,
        )

    def _exact(self, key: str, article: bool) -> RegistrySource | None:
        source = self._keys.get(key)
        if source is None and article:
            source = self._article_keys.get(key)
        return source

    def _fuzzy(self, key: str, article: bool) -> tuple[RegistrySource, float] | None:
        budget = _edit_budget(len(key))
        if budget == 0 or key in NOT_MISSPELLINGS:
            return None
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        choices = self._fuzzy_any if article else self._fuzzy_bare
        # A cheap first sieve: `close_enough` never accepts more Levenshtein edits than this
        # (it counts a swap of neighbours as one edit, Levenshtein as two).
        sieve = 2 * budget
        hits = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=sieve, limit=8)
        close = [(choice, distance) for choice, distance, _ in hits if close_enough(key, choice)]
        if not close:
            return None
        best = min(distance for _, distance in close)
        winners = {self._all[choice].name: choice for choice, distance in close if distance == best}
        if len(winners) != 1:
            return None  # two sources equally close: guessing would merge them
        choice = next(iter(winners.values()))
        return self._all[choice], round(fuzz.ratio(key, choice), 1)


def _variants(key: str) -> list[str]:
    """Shorter forms of a key to try: "a reuters report" → "reuters report" → "reuters"."""
    out: list[str] = []
    current = key
    for det in _LEADING_DETERMINERS:
        if current.startswith(det):
            current = current[len(det) :]
            out.append(current)
            break
    for suffix in _GENERIC_SUFFIXES:
        if current.endswith(" " + suffix):
            out.append(current[: -len(suffix) - 1].strip())
            break
    return [v for v in out if v]


def clean_name(name: str, *, keep_article: bool = False) -> str:
    """A name as it should be shown: spaces tidied, wrapping quotes and punctuation dropped,
    a possessive removed, and a leading "the" dropped before a proper name ("the Commerce
    Department" → "Commerce Department"; "the company" stays)."""
    text = _tidy_spaces("".join(c for c in name if not _is_hidden(c)))
    text = text.strip(" \"'“”‘’«»()[]{},;:.!?-–—")
    text = _POSSESSIVE_RE.sub("", text).rstrip()
    if not keep_article and _has_article(text) and text[4:5].isupper():
        text = text[4:]
    return text


def _lookalike_note(name: str, read_as: str | None = None) -> str:
    odd = []
    for char in dict.fromkeys(name):
        odd_char = _is_hidden(char) or char in _CONFUSABLES or unicodedata.normalize("NFKC", char) != char
        if odd_char and not char.isspace():
            odd.append(f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED').title()}")
    listed = ", ".join(odd[:3]) + (", …" if len(odd) > 3 else "")
    what = f"read as {read_as}" if read_as else "not a known source"
    return f"name contains look-alike or hidden characters ({listed}); {what}"


def load_seed() -> list[RegistrySource]:
    """The seed registry shipped in the package (`factcheck/data/registry.json`)."""
    return [RegistrySource.model_validate(item) for item in json.loads(seed_bytes())]


def seed_bytes() -> bytes:
    return resources.files("factcheck").joinpath("data", SEED_FILE).read_bytes()


@cache
def _default_registry() -> Registry:
    return Registry(load_seed())
