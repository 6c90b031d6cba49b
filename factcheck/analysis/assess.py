"""Assessment: flags for every claim, corroboration across the draft, and the document summary.

Flags follow `shared/ATTRIBUTION.md`: unattributed, single-source, corroborated, inherited,
non-response. Independence is counted over sources *and* conduits: "operators via the FT" and
"the FT" are one line of support, not two. Two statements corroborate each other when their
contents are near-duplicates (rapidfuzz) and their sources are independent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from typing import NamedTuple

from rapidfuzz import fuzz

from factcheck.analysis.lexicon import lexicon
from factcheck.analysis.names import OUTLET_KINDS
from factcheck.models import Attribution, Flag, NonResponse, SourceSummary, Statement, Summary

_KEY_RE = re.compile(r"\d[\d.,%]*|\w{5,}|[A-Z]\w+")
_STOP_KEYS = frozenset({"their", "there", "these", "those", "which", "would", "could", "should", "about",
                        "after", "before", "other", "while", "where", "being", "since", "still", "under",
                        "reported", "according", "people", "matter", "familiar", "said", "says", "also"})


def independent_sources(atts: list[Attribution]) -> int:
    """How many independent lines of support: a conduit and its primary source count once."""
    groups: list[set[str]] = []
    for a in atts:
        names = {a.source.lower()} | ({a.via.lower()} if a.via else set())
        merged = [g for g in groups if g & names]
        for g in merged:
            names |= g
            groups.remove(g)
        groups.append(names)
    return len(groups)


def _names(atts: list[Attribution]) -> set[str]:
    return {a.source.lower() for a in atts} | {a.via.lower() for a in atts if a.via}


def _content(st: Statement) -> str:
    return st.content.text if st.content else st.text


def _keys(text: str) -> set[str]:
    return {k.lower().rstrip(".,%") for k in set(_KEY_RE.findall(text))} - _STOP_KEYS  # "15%" is "15 percent"


_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
                 "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000"}
# Not the parts of a time ("11:40 a.m."); the digit comes first, so the scan can skip ahead to digits.
_DIGITS_RE = re.compile(r"\d(?<![\d:]\d)[\d,]*(?:\.\d+)?(?![\d:])")
# The number words standing whole ("two", not the "one" of "someone"): a scan that finds only them
_NUMBER_WORD_RE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
                             + r")(?![^\W\d_])")


def _figures(low: str) -> frozenset[str]:
    """The figures of a lower-cased text, in digits: "two" and "2" are one figure."""
    found = {f.replace(",", "") for f in _DIGITS_RE.findall(low)}
    found.update(_NUMBER_WORDS[w] for w in _NUMBER_WORD_RE.findall(low))
    return frozenset(found)


def _specific(figures: frozenset[str]) -> bool:
    """Does a set of figures hold a precise one: 10 or more and not a year ("15%", "1,000 km", "$1.4bn")?"""
    return _specific_count(figures) > 0


def _specific_count(figures: frozenset[str]) -> int:
    """How many precise figures a set holds (see `_specific`)."""
    count = 0
    for f in figures:
        try:
            value = float(f)
        except ValueError:
            continue
        if value >= 10 and not (1900 <= value <= 2100 and "." not in f):
            count += 1
    return count


def _words_only(keys: frozenset[str]) -> set[str]:
    return {k for k in keys if not k[:1].isdigit()}


def _figures_agree(fa: frozenset[str], fb: frozenset[str]) -> bool:
    """Two versions of a claim disagree when each gives a figure the other does not ("two" vs "three")."""
    return not (fa - fb and fb - fa)


_NAME_RE = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’-]+")


def _names_in(text: str) -> frozenset[str]:
    return frozenset(n.removesuffix("'s").removesuffix("’s") for n in _NAME_RE.findall(text))


def _names_agree(na: frozenset[str], nb: frozenset[str]) -> bool:
    """Like `_figures_agree`, for the names inside two sentences (not their first words)."""
    return not (na - nb and nb - na)


class _Claim(NamedTuple):
    """What corroboration compares of a claim, worked out once however many pairs it is in."""

    low: str  # the content, lower-cased
    figures: frozenset[str]
    names: frozenset[str]
    also: bool  # the writer says "also": "The Guardian also reported …"
    said_also: bool  # …right before the cue: "NHK also reported", "Vortexa also estimated"

    @classmethod
    def of(cls, st: Statement) -> _Claim:
        content = _content(st)
        low = content.lower()
        said_also = any(a.cue is not None and _says_same(st.text, a.cue.start - st.start, a.cue.end - st.start)
                        for a in st.attributions)
        return cls(low, _figures(low), _names_in(content), " also " in f" {st.text.lower()} ", said_also)


_SAME_AFTER = re.compile(r"\s+(?:a\s+similar|the\s+same|similar)\b", re.IGNORECASE)
_SAME_BEFORE = ("also ", "separately ", "likewise ", "similarly ")


def _says_same(text: str, cue_start: int, cue_end: int) -> bool:
    """The writer says a second source tells the same: "NHK also reported", "Yonhap separately
    reported", "Yonhap reported a similar figure"."""
    before = text[max(0, cue_start - 11) : cue_start].lower()
    return before.endswith(_SAME_BEFORE) or _SAME_AFTER.match(text, cue_end) is not None


def _stems(text: str, length: int) -> frozenset[str]:
    """Distinctive words cut to their first letters, so "cooperative" meets "cooperatives"."""
    return frozenset(k[:length] for k in _keys(text))


def corroborating_pairs(statements: list[Statement]) -> list[tuple[int, int, float]]:
    """Pairs of attributed claims (by list position) that make the same claim from independent sources.

    Candidates share at least `min_shared_keys` distinctive words or numbers (an inverted index keeps
    this near-linear on long drafts). A pair is kept when
    - both the plain and the token-sorted similarity of their contents are high (a statement saying
      "also" gets a small bonus), or
    - "X also reported …" and the words overlap well (token_set_ratio, never enough alone), or
    - most of the distinctive words of the shorter one are in the other (the same claim in other
      words), or, when one says "X also reported/said/estimated", a good share of them.
    Figures must agree ("two plants" and "three plants" are different claims), and so must the
    names inside the sentences unless the writer says "also".
    """
    cfg = lexicon().corroboration
    # A claim that only continues the one before it (inherited) has no frame of its own to match: in
    # every gold reading we hold (127 inherited statements) none is corroborated.
    claims = [(i, st) for i, st in enumerate(statements)
              if st.kind == "claim" and any(a.basis != "inherited" for a in st.attributions)]
    names = {i: _names(st.attributions) for i, st in claims}
    if len({frozenset(n) for n in names.values()}) < 2:
        return []  # one line of support for every claim: nothing can corroborate anything
    stems = {i: _stems(_content(st), int(cfg["stem_chars"])) for i, st in claims}
    shared = _shared_words(stems, names, int(cfg["max_key_frequency"]))
    out = []
    seen: dict[int, _Claim] = {}

    def claim(k: int) -> _Claim:
        if k not in seen:
            seen[k] = _Claim.of(statements[k])
        return seen[k]

    for (i, j), n in shared.items():
        overlap = n / max(1, min(len(stems[i]), len(stems[j])))
        if n < cfg["min_shared_keys"] or overlap < cfg["candidate_overlap_min"]:
            continue  # too few words in common for any of the ways below (the cheap test first)
        a, b = claim(i), claim(j)
        if not _figures_agree(a.figures, b.figures):
            continue  # "two plants" and "three plants": different claims
        also = a.also or b.also
        names_agree = _names_agree(a.names, b.names)
        if also or names_agree:  # "in Mexico" and "in Vietnam": different claims, unless the writer says "also"
            score = _similar(a, b, n, also, cfg)
            if score:
                out.append((i, j, score))
                continue
        if (names_agree and n >= cfg["overlap_min_shared"] and overlap >= cfg["overlap_min"]) or (
                (a.said_also or b.said_also) and n >= cfg["also_overlap_min_shared"]
                and overlap >= cfg["also_overlap_min"]):
            out.append((i, j, round(100 * overlap, 1)))
        elif names_agree and _same_figures(a, b, stems[i] & stems[j]):
            # "Caixin reported Qinghe was seeking about 15% of Daeyang" and "Yonhap reported a
            # similar figure, 15%, for the Daeyang stake": the same precise figure about the same
            # thing; "a €55m guaranteed fee and up to €10m in add-ons" and "worth €55m up front with a
            # further €10m in bonuses": the same two precise figures, in other words
            out.append((i, j, round(100 * overlap, 1)))
    return out + _confirmations(statements, stems, names, int(cfg["stem_chars"]))


# "Varnier confirmed the plan", "CNBC also reported the layoffs on Thursday", "Bloomberg also
# reported Tolliver's exit": a second source vouching for an event the story has told, named by a
# short noun phrase (the, its, their or a name's, then at most three words) that ends the clause.
_CONFIRMS_RE = re.compile(
    r"\b(?:(?:also|separately|independently)\s+(?:reported|reports|confirmed|confirms)|confirm(?:ed|s|ing))\s+"
    r"(?P<np>(?:the|its|their|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,2}?[\w-]+)"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:on|in|late|earlier|at|but|and|to|for|saying|adding|citing|last|this|after|with)\b)"
)


_CAPITALISED_RE = re.compile(r"\b[A-Z][\w-]+")
# "also reported that …", "also reported a clean sweep …", "confirmed in a separate statement that …"
_ALSO_THAT_RE = re.compile(
    r"\b(?:also|separately)\s+(?:reported|said|wrote|confirmed)\s+(?:on\s+\w+\s+|\w+day\s+)?(?:that|an?)\b"
    r"|\bconfirmed\s+(?:in\s+(?:a|an|its)\s+(?:\w+\s+)?(?:statement|filing|release)\s+)?that\b")
_RETOLD_WITHIN = 8  # statements from the top of a story within which "X also reported that …" retells its lead
_FIRST_HOLDERS = 8  # claims remembered for each word, from the top
_REPORTED = frozenset({"reported", "reports", "according to"})  # how one report is told before "also reported"
_SAME_REPORT_RE = re.compile(
    r"\b(?:reported|said|gave|put|cited|carried|ran|published|offered|issued)\s+(?:a\s+similar|the\s+same)\b")


def _confirmations(statements: list[Statement], stems: dict[int, frozenset[str]], names: dict[int, set[str]],
                   stem_chars: int) -> list[tuple[int, int, float]]:
    """Pairs of a confirming statement and the earlier claim it confirms.

    The event it names is most often the story's lead (its first attributed claim): "the layoffs"
    need not share a word with "is laying off 1,100 employees". A name the lead lacks ("Tolliver's
    exit" after a lead about the board) points instead to the first claim that has it.
    """
    claims = sorted(stems)
    first_claims = list(islice((i for i, st in enumerate(statements) if st.kind == "claim"), 2))
    lead = next((i for i in first_claims if i in names), None)

    def independent(i: int, j: int) -> bool:
        # what only a document said ("per a memo to staff") is the company's own word when it confirms;
        # a document an outlet reported ("Reuters reported, citing a ministry document") is the outlet's
        return names[i].isdisjoint(names[j]) and any(a.source_kind != "document" or a.via
                                                     for a in statements[j].attributions)

    out = []
    confirming = []
    for i in claims:
        text = statements[i].text
        # literal tests first: most claims hold none of these words
        also = "also " in text or "separately " in text or "independently " in text
        m = _CONFIRMS_RE.search(text) if "onfirm" in text or (also and "report" in text) else None
        if m is not None:
            confirming.append((i, m))
            continue
        pair = _retold(statements, i, text, also, lead, stems, independent) \
            or _reported_before(statements, i, text, stems, stem_chars, independent)
        if pair is not None:
            out.append(pair)
    if not confirming:
        return out
    # the first claims holding each word, so a long draft is not searched from the top every time
    first_with: dict[str, list[int]] = {}
    for j in claims:
        for k in stems[j]:
            held = first_with.setdefault(k, [])
            if len(held) < _FIRST_HOLDERS:
                held.append(j)
    for i, m in confirming:
        lead_ok = lead is not None and lead < i and independent(i, lead)
        # a name in the phrase ("Tolliver's exit") that the lead lacks points to the first claim with it
        named = _stems(" ".join(_CAPITALISED_RE.findall(m.group("np"))), stem_chars)
        with_name = sorted({j for k in named for j in first_with.get(k, ()) if j < i and independent(i, j)})
        if lead_ok and lead is not None and (not with_name or lead in with_name):
            out.append((lead, i, 100.0))
        elif with_name:
            out.append((with_name[0], i, 100.0))
    return out


# "The talks were reported earlier by The Information.": an outlet's report of what the story told
_PASSIVE_REPORT_RE = re.compile(
    r"(?P<np>(?:The|Those|These|Its|Their)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:was|were|had\s+been|has\s+been|"
    r"have\s+been)\s+(?:first\s+|earlier\s+|previously\s+|also\s+)?reported\s+(?:earlier\s+|first\s+)?by\b")


def _reported_before(statements: list[Statement], i: int, text: str, stems: dict[int, frozenset[str]],
                     stem_chars: int, independent: Callable[[int, int], bool]) -> tuple[int, int, float] | None:
    """The pair of "The talks were reported earlier by The Information" and the nearest claim before
    it, within a few statements, that tells of the talks from another source."""
    if "reported" not in text:
        return None
    m = _PASSIVE_REPORT_RE.match(text)
    if m is None:
        return None
    said = _stems(" ".join(m.group("np").split()[1:]), stem_chars)
    for j in range(i - 1, max(-1, i - 6), -1):
        if j in stems and said & stems[j] and independent(i, j):
            return (j, i, 100.0)
    return None


def _retold(statements: list[Statement], i: int, text: str, also: bool, lead: int | None,
            stems: dict[int, frozenset[str]], independent: Callable[[int, int], bool]) -> tuple[int, int, float] | None:
    """The pair a claim makes with the one it retells, if it says it does: "X also reported that …"
    near the top retells the lead; after another source's report, "X also reported that …" or
    "X reported a similar figure" retells that report."""
    # "Sky Sports News reported a similar figure", "The Norbridge Daily reported the same timing"
    same = ("same" in text or "similar" in text) and _SAME_REPORT_RE.search(text) is not None
    confirmed = "confirmed" in text and any(a.cue is not None and a.cue.text.lower() == "confirmed"
                                            for a in statements[i].attributions)  # its own cue, not a clause's
    if not same and not ((also or confirmed) and _ALSO_THAT_RE.search(text)):
        return None
    if not same and i <= _RETOLD_WITHIN and lead is not None and lead < i \
            and len(stems[i] & stems[lead]) >= (1 if also else 2) and independent(i, lead):
        # "Le Monde also reported that Brussels was poised to open a formal case" near the top
        # of a story retells its lead in other words; further down, "also" adds a new detail.
        return (lead, i, 100.0)
    # "Premium Times reported that two protesters were treated …. Punch also reported that two
    # people were receiving treatment": the claim right before, from another source's report
    near = [j for j in range(i - 1, max(-1, i - 4), -1) if j in stems][:2]
    # "reported a similar figure": the nearest claim that gave one
    before = next((j for j in near if same and _specific(_figures(_content(statements[j]).lower()))),
                  near[0] if near else None)
    if before is None or not independent(i, before):
        return None
    shared = len(stems[i] & stems[before])
    reported = any(a.cue is not None and (a.cue.text.lower() in _REPORTED or (
        a.source_kind in OUTLET_KINDS and (same or shared >= 2))) for a in statements[before].attributions)
    if same and statements[before].attributions and _specific(_figures(_content(statements[before]).lower())):
        reported = True  # "The JTWC gave a similar estimate": answers a figure, whoever gave it
    return (before, i, 100.0) if reported and (same or shared) else None


def _shared_words(stems: dict[int, frozenset[str]], names: dict[int, set[str]],
                  max_frequency: int) -> dict[tuple[int, int], int]:
    """How many distinctive words each pair of claims from independent sources shares (pairs sharing
    none are left out). A word in more than `max_frequency` claims (the company the story is about)
    tells nothing and is not counted.

    Short drafts compare every pair (C-level set intersections); long ones go through an inverted
    index, which keeps the work near-linear: the two give the same counts."""
    frequency: dict[str, int] = defaultdict(int)
    for ks in stems.values():
        for k in ks:
            frequency[k] += 1
    common = {k for k, n in frequency.items() if n > max_frequency}
    ids = sorted(stems)
    shared: dict[tuple[int, int], int] = {}
    if len(ids) <= _DIRECT_PAIRS:
        kept = {i: stems[i] - common for i in ids} if common else stems
        for x, i in enumerate(ids):
            ki, ni = kept[i], names[i]
            for j in ids[x + 1 :]:
                if ni.isdisjoint(names[j]):  # same source: not corroboration
                    n = len(ki & kept[j])
                    if n:
                        shared[(i, j)] = n
        return shared
    index: dict[str, list[int]] = defaultdict(list)
    for i in ids:
        for k in stems[i]:
            if k not in common:
                index[k].append(i)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if names[members[x]].isdisjoint(names[members[y]]):
                    counts[(members[x], members[y])] += 1
    return counts


_DIRECT_PAIRS = 150  # claims up to which every pair is compared directly (150² / 2 set intersections)


def _same_figures(a: _Claim, b: _Claim, shared_stems: frozenset[str]) -> bool:
    """One precise figure in common and a distinctive word, or two precise figures in common."""
    count = _specific_count(a.figures & b.figures)
    return count >= 2 or (count == 1 and len(_words_only(shared_stems)) >= 1)


def _similar(a: _Claim, b: _Claim, n: int, also: bool, cfg: dict[str, float]) -> float:
    """How alike two contents read (rapidfuzz), or 0 when not enough to call them one claim."""
    bonus = cfg["also_bonus"] if also else 0
    # Both ways to agree need the plain ratio within 15 of its minimum: below that, rapidfuzz
    # stops early and returns 0.
    ratio = fuzz.ratio(a.low, b.low, score_cutoff=max(0.0, cfg["ratio_min"] - 15 - bonus))
    ratio = ratio + bonus if ratio else 0.0
    if ratio:
        sort = fuzz.token_sort_ratio(a.low, b.low) + bonus
        if ratio >= cfg["ratio_min"] or sort >= cfg["token_sort_min"]:
            return max(ratio, sort)
    if also and n >= cfg["also_min_shared_keys"]:
        # "The Guardian also reported that …": the writer says it is the same claim; the words
        # need only overlap well (token_set_ratio, never enough alone without that "also").
        overlap = fuzz.token_set_ratio(a.low, b.low)
        if overlap >= cfg["also_token_set_min"]:
            return overlap
    return 0.0


def assess(statements: list[Statement]) -> list[Statement]:
    """Recompute every statement's flags from its attributions and non-responses.

    Sets `flags` on the statements it is given (and returns the same list); idempotent, so the
    review UI calls it again after a reviewer corrects a reading (on copies it owns).
    """
    corroborated: set[int] = set()
    for i, j, _score in corroborating_pairs(statements):
        corroborated.update((i, j))
    for i, st in enumerate(statements):
        flags: list[Flag] = []
        if st.kind == "heading":
            st.flags = []
            continue
        atts = st.attributions
        if not atts and not st.non_responses:
            flags.append("unattributed")
        if atts:
            if independent_sources(atts) >= 2 or i in corroborated:
                flags.append("corroborated")
            else:
                flags.append("single-source")
            if any(a.basis == "inherited" for a in atts):
                flags.append("inherited")
        if st.non_responses:
            flags.append("non-response")
        st.flags = flags
    return statements


def summarise(statements: list[Statement]) -> tuple[list[SourceSummary], list[NonResponse], Summary]:
    """Sources with their share of attributed claims, the non-response ledger, and the counts."""
    claims = [s for s in statements if s.kind == "claim"]
    attributed = [s for s in claims if s.attributions]
    counts: dict[str, int] = defaultdict(int)
    kinds: dict[str, str] = {}
    display: dict[str, str] = {}
    for st in attributed:
        seen: set[str] = set()
        for a in st.attributions:
            for name, kind in ((a.source, a.source_kind), (a.via, "news outlet")):
                if not name or name.lower() in seen:
                    continue
                seen.add(name.lower())
                counts[name.lower()] += 1
                display.setdefault(name.lower(), name)
                if name == a.source or name.lower() not in kinds:
                    kinds[name.lower()] = kind
    n_att = len(attributed) or 1
    sources = sorted(
        (SourceSummary(name=display[k], kind=kinds[k], statements=v, share=round(v / n_att, 4))  # type: ignore[arg-type]
         for k, v in counts.items()),
        key=lambda s: (-s.statements, s.name.lower()),
    )
    ledger = [nr for st in statements for nr in st.non_responses]
    top = sources[0] if sources else None
    flagged: dict[str, int] = defaultdict(int)
    for st in claims:
        for flag in st.flags:
            flagged[flag] += 1
    summary = Summary(
        statements=len(statements),
        claims=len(claims),
        headings=len(statements) - len(claims),
        attributed=len(attributed),
        unattributed=flagged["unattributed"],
        single_source=flagged["single-source"],
        corroborated=flagged["corroborated"],
        inherited=flagged["inherited"],
        non_responses=len(ledger),
        top_source=top.name if top else None,
        top_source_share=top.share if top else 0.0,
    )
    return sources, ledger, summary
