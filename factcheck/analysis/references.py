"""Back-references: what "the report", "the company", "she", "it" and "Mr. Tanaka" point to.

Everything a later statement may point back to lies on one timeline of character positions:
the sources earlier frames named, and the organisations earlier statements mention (found
lazily, only when a reference needs them). A reference resolves to the latest candidate of its
class that stands before it: the nearest antecedent, as a reader would take it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.analysis.lexicon import Lexicon
from factcheck.analysis.names import OUTLET_KINDS, NameIndex
from factcheck.analysis.sources import guess_kind
from factcheck.analysis.tokens import OPEN_QUOTES, Tok, tokenize
from factcheck.models import Attribution, SourceKind, Statement

RECALL_STATEMENTS = 8  # how far back "the company" may point
REPORTING_CUES = frozenset({"reported", "reports", "wrote", "writes", "published", "broadcast"})
PERSON_KINDS: frozenset[str] = frozenset({"person or role", "anonymous group"})
ORG_KINDS: frozenset[str] = frozenset({"company", "organisation", "unknown"})
GENERIC_COMPANY = frozenset({"company", "firm", "group", "business", "corporation", "conglomerate", "giant"})
COMPANY_SUFFIXES = frozenset({"inc", "corp", "corporation", "ltd", "limited", "group", "holdings", "holding", "plc",
                              "llc", "co", "ag", "sa", "se", "nv", "gmbh", "technologies", "motors", "airlines",
                              "airways", "bank", "pharmaceuticals", "labs", "systems", "energy", "logistics",
                              "industries", "capital", "partners", "foods", "robotics", "mining", "media",
                              "water", "power", "utilities", "steel", "chemicals", "pharma", "therapeutics",
                              "insurance", "studios", "games", "stores", "records", "pictures", "entertainment",
                              "films", "midstream", "pipelines", "semiconductor", "semiconductors",
                              "electronics", "software", "networks", "biotech", "automotive", "aerospace", "telecom",
                              "brands", "petroleum", "resources", "minerals", "metals", "shipping", "distillers",
                              "brewing", "railways", "materials", "properties", "realty", "securities", "apparel",
                              "beverages", "solar", "biosciences", "bancorp", "financial"})
# Institutions named after a place or a person: "St. Anselm's Hospital", "Tasman University"
PLACE_SUFFIXES = frozenset({"hospital", "university", "college", "school", "museum", "institute", "clinic",
                            "foundation", "trust", "church"})
# Suffixes of unions and other member bodies: "Transport Workers Union", "… Workers Local 212".
UNION_SUFFIXES = frozenset({"union", "local", "federation", "guild", "brotherhood", "alliance", "association",
                            "league", "club", "society", "party", "council", "committee", "commission", "board"})
# Words of a title or role that may stand before a person's name ("Chief Financial Officer Marcus
# Lee", "Sen. Tom Harlan"): they describe the person and are not part of the name.
TITLES = frozenset({"chief", "officer", "executive", "financial", "operating", "technology", "minister", "president",
                    "vice", "director", "chairman", "chairwoman", "chair", "secretary", "governor", "senator", "sen",
                    "rep", "representative", "judge", "justice", "ceo", "cfo", "coo", "cto", "founder", "co-founder",
                    "spokesperson", "spokesman", "spokeswoman", "analyst", "economist", "head", "lawyer", "attorney",
                    "general", "managing", "deputy", "prime", "foreign", "finance", "mayor", "commissioner",
                    "professor", "prof", "dr", "mr", "mrs", "ms", "col", "gen", "lt", "capt", "sgt", "gov", "sir",
                    "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope", "bishop", "coach",
                    "manager", "captain", "striker", "player", "inspector", "detective", "chancellor", "premier",
                    "ambassador", "envoy", "leader", "speaker", "partner", "researcher", "scientist", "author",
                    "colonel", "lieutenant", "sergeant", "admiral", "commander", "brigadier", "major",
                    "superintendent", "constable", "prosecutor", "barrister", "solicitor",
                    "councillor", "councilor", "cllr", "alderman", "magistrate", "mla", "mpp", "msp", "mep", "det",
                    "insp", "supt", "dci", "dcs"})
# Letters after a name that make it a person's: "Sarah Whitlow KC", "Owen Talbot MP"
POSTNOMINALS = frozenset({"kc", "qc", "mp", "mep", "msp", "jr", "sr", "phd", "obe", "mbe", "cbe"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "mr.", "mrs.", "ms.", "dr.", "prof.", "sir", "dame"})
_DATELINE_END = frozenset({"-", "—", "–", "--"})
_BULLETS = frozenset({"-", "*", "•", "·", "+", "–"})
_TOKEN_TEXT = operator.attrgetter("text")  # Tok.text, for a C-level pass over the first tokens


class Mention:
    """A source or organisation named at `pos`. (A plain class: compiled, so is its __init__.)"""

    __slots__ = ("att", "kind", "name", "pos", "said_in")

    def __init__(self, pos: int, name: str, kind: SourceKind, att: Attribution | None = None,
                 said_in: Statement | None = None) -> None:
        self.pos = pos
        self.name = name
        self.kind = kind
        self.att = att
        self.said_in = said_in  # the statement that made it, for "the letter said"

    def __repr__(self) -> str:
        return f"Mention({self.pos}, {self.name!r}, {self.kind!r})"

    @property
    def where(self) -> str:
        return self.said_in.text.lower() if self.said_in is not None else ""


@dataclass(slots=True)
class Context:
    """What the statements before the current one named, in reading order."""

    text: str
    names: NameIndex
    lex: Lexicon
    sources: list[Mention] = field(default_factory=list)
    recent: list[Statement] = field(default_factory=list)
    _cache: dict[int, list[Mention]] = field(default_factory=dict)
    _tokens: dict[int, list[Tok]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # person → "he" / "she", as the draft says

    def tokens(self, st: Statement) -> list[Tok]:
        """A statement's tokens, kept while it is recent: readers and recall share them."""
        toks = self._tokens.get(st.start)
        if toks is None:
            toks = self._tokens[st.start] = tokenize(st.text, st.start)
            if len(self._tokens) > 4 * RECALL_STATEMENTS:
                for key in list(self._tokens)[: 2 * RECALL_STATEMENTS]:
                    del self._tokens[key]
        return toks

    def remember(self, att: Attribution, st: Statement) -> None:
        pos = att.mention.start if att.mention is not None else st.start
        if att.source_kind == "person or role" and att.basis == "explicit" and att.source[:1].isupper() \
                and att.source not in self.genders:
            said = _gender_in(st.text, att.mention.text if att.mention is not None else "")
            if said is not None:  # "Marisol Vega, 58, said she grabbed …", "Mr. Tanaka said"
                self.genders[att.source] = said
        elif att.basis == "reference" and att.mention is not None and att.source not in self.genders \
                and att.mention.text.lower() in {"he", "she"}:
            # "…,” he told BBC Radio 4": who "he" was is known now, for a later "she" (any reading
            # that replays the draft learns it too, not only the one that resolved it)
            self.genders[att.source] = att.mention.text.lower()
        if att.source_kind in PERSON_KINDS and att.basis == "explicit":
            org = _ORG_OF_SPEAKER.search(att.source.split(" (", 1)[0])  # not the "(X analysts)" form
            if org is not None:
                # "Analysts at Carrow & Finch wrote …. It said …": the firm they speak for.
                self.sources.append(Mention(pos, org.group(1), "organisation", None, st))
        self.sources.append(Mention(pos, att.source, att.source_kind, att, st))
        if len(self.sources) > 60:
            del self.sources[:30]

    def passed(self, st: Statement) -> None:
        self.recent.append(st)
        if len(self.recent) > 2 * RECALL_STATEMENTS:
            del self.recent[:RECALL_STATEMENTS]

    def _previous(self, current: Statement) -> Statement | None:
        """The statement read just before `current`."""
        earlier = [st for st in self.recent[-2:] if st is not current and st.start < current.start]
        return earlier[-1] if earlier else None

    def entities(self, current: Statement | None, before: int) -> list[Mention]:
        """Organisations named in the last few statements and earlier in this one, oldest first."""
        out: list[Mention] = []
        for st in [*self.recent[-RECALL_STATEMENTS:], *([current] if current is not None else [])]:
            found = self._cache.get(st.start)
            if found is None:
                found = self._cache[st.start] = entities_in(st, self.text, self.names, self.lex, self.tokens(st))
            out.extend(m for m in found if m.pos < before)
        return out

    # -- resolution --

    def resolve(self, ref: str, noun: str, current: Statement | None, before: int,
                modifiers: tuple[str, ...] = ()) -> Attribution | None:
        """The attribution a back-reference of class `ref` ("outlet", "company", …) points to."""
        srcs = [m for m in self.sources if m.pos < before]
        if ref == "outlet" and noun == "agency" and any(
                w not in OUTLET_MODIFIERS and not is_adjective_of_place(w) for w in modifiers):
            return None  # "the Flemish environment agency": a body of its own, not the news agency
        if ref == "outlet" and noun == "agency" and not modifiers:
            # "the agency": the last news agency or public agency named ("The US Consumer Product
            # Safety Commission confirmed …. The agency said"), never a newspaper
            agencies = [m for m in srcs if _an_agency(m)] or [m for m in self.entities(current, before)
                                                               if _an_agency(m)]
            if agencies:
                return _as_reference(agencies[-1].name, agencies[-1].kind)
        if ref == "outlet" and noun == "journal":
            # "a study published in the journal Science …. The journal said": the journal named
            found = None
            for journal in _JOURNAL_NAMED.finditer(self.text, max(0, before - FULL_NAME_WINDOW), before):
                found = journal.group(1)
            if found is not None:
                return _as_reference(found, "news outlet")
        if ref == "outlet" and noun == "report":
            # "A report by the Calder Institute found …. The report said …": the source whose
            # statement spoke of a report, when it came after the last outlet named.
            outlets = [m for m in srcs if m.kind in OUTLET_KINDS or (m.att is not None and m.att.via)]
            told = [m for m in srcs if "report" in m.where and m.kind not in OUTLET_KINDS
                    and not (m.att is not None and m.att.via)]
            if told and (not outlets or told[-1].pos > outlets[-1].pos):
                return told[-1].att if told[-1].att is not None else _as_reference(told[-1].name, told[-1].kind)
        if ref == "outlet" and noun in {"publisher", "owner", "parent"}:
            # "The German publisher": an outlet, or the media company that owns one.
            pool = [m for m in srcs if m.kind in OUTLET_KINDS | {"company"}]
            pool = pool or [m for m in self.entities(current, before) if m.kind in OUTLET_KINDS | {"company"}]
            if pool:
                # A publisher that spoke is more likely meant than one only mentioned; of those,
                # a company (the owner) over the outlets it owns when it spoke last.
                return _as_reference(pool[-1].name, pool[-1].kind)
        if ref == "outlet":
            # Outlets named as sources or conduits, or only mentioned ("TechCrunch's questions"), and
            # unknown names that "reported" something (a small outlet the registry lacks).
            pool = []
            for m in srcs:
                if m.kind in OUTLET_KINDS or (m.att is not None and m.att.cue is not None and m.kind in ORG_KINDS
                                               and m.att.cue.text.lower() in REPORTING_CUES
                                               and m.name[:1].isalnum() and not m.name[:1].islower()):
                    pool.append(m)
                if m.att is not None and m.att.via:
                    pool.append(Mention(m.pos, m.att.via, "news outlet"))  # the conduit published it
            if not pool:
                pool = [m for m in self.entities(current, before) if m.kind in OUTLET_KINDS]
            if pool:
                return _as_reference(pool[-1].name, pool[-1].kind if pool[-1].kind in OUTLET_KINDS else "news outlet")
            if noun == "agency":
                # No news agency before it: "the Food and Drug Administration said …. The agency said".
                everything = sorted(srcs + self.entities(current, before), key=lambda m: m.pos)
                gov = [m for m in everything if m.kind == "government body"]
                if gov:
                    return _as_reference(gov[-1].name, gov[-1].kind)
            return _latest(srcs, lambda m: m.kind == "document")
        if ref == "document":
            return (_latest(srcs, lambda m: m.kind == "document" and noun in m.name.lower())
                    # "X said in a letter …. The letter said" (not "ignoring complaints" for "the complaint")
                    or _latest(srcs, lambda m: re.search(rf"\b{re.escape(noun)}\b", m.where) is not None)
                    or _latest(srcs, lambda m: m.kind == "document")
                    # "The statement said": the organisation that last spoke issued it.
                    or (noun in {"statement", "release", "announcement"}
                        and _latest(srcs, lambda m: m.kind in ORG_KINDS | {"government body"})) or None)
        if ref in {"person", "group"}:
            if noun in {"he", "she", "epithet"}:
                # "the Colombian", "the 25-year-old": a person of either gender, found as he or she is
                gender = None if noun == "epithet" else noun
                fits = self._gender_fits(gender)
                new = self.introduced_person(current, before, gender)
                if new is not None:
                    return _as_reference(new, "person or role")
                named = next((m for m in reversed(srcs)
                              if m.kind == "person or role" and m.name[:1].isupper() and fits(m)), None)
                # "Hale, a three-term congresswoman, has been outspent …. Asked about the poll, she said":
                # a person who opened a statement since the last one who spoke is nearer.
                person = self.person_subject(before, after=named.pos if named is not None else -1, noun=gender,
                                            surname_only=True) \
                    or (named.att if named is not None and named.att is not None
                        else _as_reference(named.name, named.kind) if named is not None else None) \
                    or _latest(srcs, lambda m: (m.kind == "person or role" and fits(m))
                               or (m.kind in ORG_KINDS and _looks_like_a_name(m.name) and fits(m))) \
                    or self.person_subject(before) \
                    or self.person_named(before, gender)
                if person is not None and gender is not None:
                    self.genders.setdefault(person.source, gender)
                return person
            if noun == "they":
                # "they": a group, or a plural name that is not a company's ("Calloway Foods")
                return (_latest(srcs, lambda m: m.kind == "anonymous group"
                                or (m.kind not in OUTLET_KINDS and _plural_head(m.name)))
                        or _latest(srcs, lambda m: m.kind in PERSON_KINDS)
                        or self.plural_subject(before))
            unnamed = noun in {"person", "people", "source", "sources", "insider", "insiders"}
            return (_latest(srcs, lambda m: m.kind in PERSON_KINDS and noun.rstrip("s") in m.name.lower())
                    # "Mayor Denise Okafor … did not attend. … the mayor called the vote …"
                    or (noun not in {"person", "people", "source", "sources"} and self.person_called(noun, before))
                    # "the person said" points to someone left unnamed, not to the executive named since
                    or (unnamed and _latest(srcs, lambda m: m.kind in PERSON_KINDS and not m.name[:1].isupper()))
                    or _latest(srcs, lambda m: m.kind in PERSON_KINDS))
        people = [m.name for m in self.sources if m.kind == "person or role"]
        ents = [m for m in self.entities(current, before)
                if not any(p == m.name or p.endswith(" " + m.name) or m.name.endswith(" " + p) for p in people)]
        if ref == "government":
            everything = sorted(srcs + ents, key=lambda m: m.pos)
            # "the regulator" → "Chile's … regulator"; "the force" → "North Vale Police"
            words = (noun, *NOUN_ALIASES.get(noun, ()))
            # (a body, not people who work there: "former employees of the billing office")
            fit = [m for m in everything if m.kind not in PERSON_KINDS and any(w in m.name.lower() for w in words)]
            said = {w for w in modifiers if len(w) >= 4 and not is_adjective_of_place(w)}
            if said:
                # "the statistics office" → "Statistics Sweden", "the finance ministry" → "Ministry of
                # Finance": a body named before whose name holds what the description says it does;
                # none, and the description names a body of its own (not the commerce ministry).
                fit = [m for m in everything if m.kind not in OUTLET_KINDS and said <= set(m.name.lower().split())
                       and not (m.kind in PERSON_KINDS and TITLES & set(m.name.lower().split()))]
                # (not the finance minister, "Finance Minister Otávio Seixas", for the finance ministry)
                if not fit:
                    return None
            if noun in {"government", "administration", "state"}:
                # a government is not one of its ministries
                return _as_reference(fit[-1].name, fit[-1].kind) if fit else None
            if not fit and noun in _GOVERNMENT_HEADS:
                # "the department" long after "the state Department of Transportation": the body the
                # draft named, however far back
                body = self.body_named_before(noun, before)
                if body is not None:
                    return _as_reference(body, "government body")
            gov = [m for m in everything if m.kind == "government body"]
            if not fit and not gov:
                phrase = self.noun_phrase_before(noun, before)  # "Chile's environmental regulator suspended …"
                return _as_reference(phrase, "government body") if phrase else None
            hit = (fit or gov)[-1]
            if hit.kind == "document":
                # "According to North Vale Police figures, …. The force said": the body, not its figures.
                owner = " ".join(w for w in hit.name.split() if w.lower() not in self.lex.document_heads)
                return _as_reference(owner or hit.name, "government body")
            return _as_reference(hit.name, hit.kind)
        if ref == "company":
            bodies = noun in {"group", "organisation", "association", "body", "union"}
            kinds = ORG_KINDS | ({"government body"} if bodies else frozenset())
            pool = sorted((m for m in srcs + ents if m.kind in kinds and m.name[:1].isupper()
                           and not _looks_personal(m)
                           and (noun not in GENERIC_COMPANY or noun == "group" or not _body(m))),
                          key=lambda m: m.pos)
            # "the retailer" takes the last organisation whose name says so, else the last one named,
            # unless other words make it another body ("the national airports operator"); an epithet
            # of place ("the Denver-based retailer") still points back.
            words = (noun, *NOUN_ALIASES.get(noun, ()))
            fit = [m for m in pool if any(w in m.name.lower() for w in words)]
            epithet = not modifiers or any(w.endswith(EPITHETS)
                                           or is_adjective_of_place(w) for w in modifiers)
            # "Shares in Redgum Minerals fell after the lithium explorer said …": a description of the
            # company the same statement just named
            here = [m for m in pool if current is not None and m.pos >= current.start]
            company = fit or (pool if noun in GENERIC_COMPANY or epithet else []) or here
            return _as_reference(company[-1].name, company[-1].kind) if company else None
        if ref == "thing":
            pool = [m for m in srcs if m.kind not in PERSON_KINDS] + [m for m in ents if m.kind not in OUTLET_KINDS]
            # "The Athletic, citing sources close to the player, reported …. It said …": the outlet
            # that carried a person's words is a thing "it" can be.
            pool += [Mention(m.pos, m.att.via, "news outlet", m.att) for m in srcs
                     if m.kind in PERSON_KINDS and m.att is not None and m.att.via]
            pool.sort(key=lambda m: m.pos)
            if not pool:
                return None
            hit = pool[-1]
            previous = self._previous(current) if hit.att is None and current is not None else None
            if previous is not None and previous.start <= hit.pos < previous.end:
                # "The company said in a filing with the Securities and Exchange Commission that …. It
                # said …": the organisation that spoke just before, not a body its statement named
                spoke = next((m for m in reversed(srcs) if m.kind not in PERSON_KINDS and m.att is not None
                              and m.att.cue is not None), None)
                if spoke is not None and spoke.said_in is previous:
                    hit = spoke
            if hit.att is not None and hit.att.source == hit.name:
                return hit.att
            return _as_reference(hit.name, hit.kind)
        return None

    def noun_phrase_before(self, noun: str, before: int) -> str | None:
        """The last fuller naming of `noun` before a reference: "Chile's environmental regulator"."""
        window = self.text[max(0, before - 3000) : before]
        best = None
        for m in re.finditer(rf"\b([A-Z][\w-]*['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}){re.escape(noun)}\b", window):
            best = m.group(0)
        return " ".join(best.split()) if best else None

    def body_named_before(self, noun: str, before: int) -> str | None:
        """The last public body named head first before a reference: "Department of Transportation"
        for "the department" (see `_GOVERNMENT_HEADS`)."""
        window = self.text[max(0, before - FULL_NAME_WINDOW) : before]
        best = None
        head = noun.capitalize()
        for m in re.finditer(rf"\b{head}\s+(?:of|for)\s+[A-Z][\w'’-]*(?:\s+(?:(?:and|of)\s+)?[A-Z][\w'’-]*){{0,4}}",
                             window):
            best = m.group(0)
        return " ".join(best.split()) if best else None

    def spelt_out(self, acronym: str, before: int) -> str | None:
        """ "National Statistics Office (NSO)" for "NSO", when the draft spelt the name out before, with
        the acronym in brackets or without it ("the National Intelligence Service …. The NIS said")."""
        window = self.text[max(0, before - FULL_NAME_WINDOW) : before]
        found = None
        for m in re.finditer(rf"((?:[A-Z][\w&'’-]*\s+(?:(?:of|for|and|&|the|on)\s+)?){{1,8}})\({re.escape(acronym)}\)",
                             window):
            found = " ".join(m.group(1).split())
        if found:
            return f"{found} ({acronym})"
        for m in _CAPITALISED_RUN.finditer(window):
            words = [w for w in m.group().split() if w[:1].isupper()]
            if len(words) == len(acronym) >= 2 and "".join(w[0] for w in words) == acronym:
                found = m.group()
        return f"{found} ({acronym})" if found else None

    def last_outlets(self, before: int, count: int) -> list[tuple[str, SourceKind]]:
        """The last `count` different outlets named as sources or conduits before a position."""
        def outlet(m: Mention) -> tuple[str, SourceKind] | None:
            reporter = m.kind in ORG_KINDS and m.att is not None and m.att.cue is not None \
                and m.att.cue.text.lower() in REPORTING_CUES and m.name[:1].isupper()  # one the registry lacks
            if m.kind in OUTLET_KINDS or reporter:
                return (m.name, m.kind)
            return (m.att.via, "news outlet") if m.att is not None and m.att.via else None

        return self._last_named(before, count, outlet)

    def last_people(self, before: int, count: int) -> list[tuple[str, SourceKind]]:
        """The last `count` different people named as sources before a position ("Both analysts")."""
        return self._last_named(before, count, lambda m: (m.name, m.kind) if m.kind == "person or role"
                                and m.name[:1].isupper() else None)

    def last_organisations(self, before: int, count: int) -> list[tuple[str, SourceKind]]:
        """The last `count` different organisations named as sources before a position ("Both firms")."""
        return self._last_named(before, count, lambda m: (m.name, m.kind) if m.kind in ORG_KINDS
                                and m.name[:1].isupper() else None)

    def _last_named(self, before: int, count: int,
                    pick: Callable[[Mention], tuple[str, SourceKind] | None]) -> list[tuple[str, SourceKind]]:
        out: list[tuple[str, SourceKind]] = []
        for m in reversed(self.sources):
            named = pick(m) if m.pos < before else None
            if named is not None and all(named[0] != n for n, _k in out):
                out.append(named)
                if len(out) == count:
                    break
        return out[::-1]

    def person_named(self, before: int, noun: str | None) -> Attribution | None:
        """"… a humbling week for Governor Elaine Castellano. … On Monday, she said": the last person
        the recent statements named anywhere, when no one spoke or opened a statement since."""
        for st in reversed(self.recent[-3:]):
            if st.start >= before:
                continue
            people = _people_named(self.tokens(st), self.text, self.names, self.lex)
            for name in reversed(people):
                if self.may_be(name, noun):
                    return _as_reference(name, "person or role")
        return None

    def person_called(self, title: str, before: int) -> Attribution | None:
        """The last person the draft called by this noun before a reference, as a title ("the mayor" →
        "Mayor Denise Okafor") or a description ("the nurse" → "Adeyemi, 34, has been a nurse"),
        named without speaking, so not among the sources."""
        window = self.text[max(0, before - 3000) : before]
        best = None
        name = r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
        pattern = rf"\b[{title[0].upper()}{title[0]}]{re.escape(title[1:])},?\s+{name}"  # "The manager, Niall Brennan"
        for m in re.finditer(pattern, window):
            best = m.group(1)
        if best is None:
            # "Adeyemi, 34, has been a nurse on the ward …. “…,” the nurse said": the person the draft
            # described with that noun
            described = rf"{name}(?:,\s*\d+,)?(?:,\s*|\s+(?:is|was|has\s+been|had\s+been|became)\s+)" \
                        rf"(?:an?|the)\s+(?:[\w'’-]+\s+){{0,2}}?{re.escape(title)}\b"
            for m in re.finditer(described, window):
                best = m.group(1)
            if best is not None and " " not in best:
                best = self.full_name(best, before) or best
        if best is None or (guess_kind(best) != "person or role" and " " in best):
            return None
        return _as_reference(best, "person or role")

    def plural_subject(self, before: int) -> Attribution | None:
        """"Researchers at the University of Leeds analysed …. They found …": a plural group that
        opened one of the last few statements, though no cue made it a source."""
        for st in reversed(self.recent[-3:]):
            if st.start >= before:
                continue
            toks = self.tokens(st)
            a = body_start(toks)
            if a >= len(toks) or not toks[a].cap or not toks[a].low.endswith("s") or toks[a].low in {"this", "its"}:
                continue
            b = a + 1
            while b < len(toks) and (toks[b].cap or toks[b].low in {"of", "at", "from", "the", "and", "in", "for"}):
                b += 1
            while b > a + 1 and not toks[b - 1].cap:
                b -= 1
            name = self.text[toks[a].start : toks[b - 1].end]
            return _as_reference(name, "anonymous group")
        return None

    def _gender_fits(self, noun: str | None) -> Callable[[Mention], bool]:
        """Whether a person may be "he" or "she": not when the draft called them the other."""
        return lambda m: self.may_be(m.name, noun)

    def may_be(self, name: str, noun: str | None) -> bool:
        """Whether `name` may be called he or she (`noun`; None: either, as "the Colombian")."""
        return noun is None or self.genders.get(name, noun) == noun

    def introduced_person(self, current: Statement | None, before: int, noun: str | None) -> str | None:
        """"Another resident, retired teacher Tom Brandt, watched …. “We've had close calls,” he said":
        the one person the statement just before named, with no source of its own, is who a
        he or she points to next (unless the draft called that person the other)."""
        previous = [st for st in self.recent if st.start < before and st is not current]
        if not previous or previous[-1].attributions:
            return None
        prev = previous[-1]
        known = {m.name for m in self.sources}
        people = [name for name in _people_named(self.tokens(prev), self.text, self.names, self.lex)
                  if name not in known]
        if len(set(people)) != 1 or not self.may_be(people[0], noun):
            return None
        if noun is not None:
            self.genders.setdefault(people[0], noun)
        return people[0]

    def person_subject(self, before: int, after: int = -1, noun: str | None = None,
                       surname_only: bool = False) -> Attribution | None:
        """"Ama Okafor, 41, runs a solar company. … she said": a person's name that opened one of
        the last statements (after position `after`, and not of the other gender than `noun`),
        though no cue made her a source yet. With `surname_only`, only a surname whose full name
        came before counts: two capitalised words alone are as often a party or a country."""
        for st in reversed(self.recent[-RECALL_STATEMENTS:]):
            if st.start >= before:
                continue
            if st.end <= after:
                return None
            found = self._person_opening(st, surname_only=surname_only)
            if found is not None and self.may_be(found.source, noun):
                return found
        return None

    def _person_opening(self, st: Statement, surname_only: bool = False) -> Attribution | None:
        """The person whose name opens a statement, if one does (see `person_subject`)."""
        toks = self.tokens(st)
        span = _subject_name(toks, self.lex, self.text)
        if span is None:
            if not surname_only and len(toks) > 4 and toks[0].low == "the":
                # "The chancellor's spokesperson has been briefing …. She said": a role, unnamed
                k = next((i for i in range(1, 4) if toks[i].bare in self.lex.role_heads), None)
                if k is not None and not toks[k].low.endswith("s") and not toks[k + 1].cap \
                        and toks[k + 1].is_word:
                    return _as_reference(self.text[toks[1].start : toks[k].end], "person or role")
            return None
        a, b = span
        name = self.text[toks[a].start : toks[b - 1].end]
        if a > 0 and toks[a - 1].low == "the":
            return None  # "The Ridgeback Fire started …": a thing's name, not a person's
        if 2 <= b - a <= 3 and not surname_only and guess_kind(name) == "person or role" \
                and not self.names.find(self.text, toks, a, b):
            if b - a == 2 and toks[a].low.rstrip(".") in HONORIFICS:
                name = self.full_name(toks[a + 1].text, toks[a].start) or name  # "Ms. Solt" → "Miriam Solt"
            return _as_reference(person_name(name), "person or role")
        if b - a == 1 and not self.names.find(self.text, toks, a, b) \
                and not (b < len(toks) and toks[b].low in TITLES):  # "Foxes coach Dale Whitcombe": whose coach
            # "Amara Okafor stood on a loading dock …. Okafor, 34, has spent five years …. She said":
            # a surname whose full name the draft gave before.
            full = self.full_name(name, toks[a].start, strict=True)
            if full and guess_kind(full) == "person or role":
                return _as_reference(full, "person or role")
        return None

    def knows_surname(self, word: str) -> bool:
        """True when an earlier source's name ends with this word ("Tanaka said" after "Kenji Tanaka")."""
        return any(m.name.endswith(" " + word) for m in self.sources)

    def expand_name(self, short: str, before: int) -> str:
        """The fuller name a short one stands for: "Shirane" → "Shirane Motors" (an organisation named
        before), "Brierley" → "Alan Brierley" (a person named in full before); else `short` itself."""
        if " " in short:
            return short
        if short.isupper() and short.isalpha() and len(short) >= 2:
            return self.spelt_out(short, before) or short  # "FAA" → "Federal Aviation Administration"
        for m in reversed([*self.sources, *self.entities(None, before)]):
            if m.pos < before and m.name.startswith(short + " ") and m.kind not in PERSON_KINDS:
                return m.name
        return self.full_name(short, before, strict=True) or self.company_name(short, before) or short

    def company_name(self, short: str, before: int) -> str | None:
        """"Shirane" → "Shirane Motors": the first time the draft wrote the word followed by
        capitalised words that end in a company suffix."""
        text = self.text
        for m in _word_re(short + " ").finditer(text, max(0, before - FULL_NAME_WINDOW * 4), before):
            if m.start() > 0 and _is_word_char(text[m.start() - 1]):
                continue
            words = text[m.end() : m.end() + 60].split()[:3]
            run = []
            for w in words:
                w = w.rstrip(".,;:")
                if w == "&":
                    run.append(w)  # "Haverty & Blume"
                    continue
                bare = without_possessive(w)
                if not bare[:1].isupper() or not bare.isalpha():
                    break
                run.append(bare)
                if bare.lower() in COMPANY_SUFFIXES or bare.lower() in PLACE_SUFFIXES or bare.lower() in UNION_SUFFIXES:
                    return " ".join([short, *run])  # "Shirane Motors", "Kelmscott University"
                if run[-2:-1] == ["&"]:
                    return " ".join([short, *run])
        return None

    def full_name(self, surname: str, before: int, strict: bool = False) -> str | None:
        """"Mr. Tanaka" → "Kenji Tanaka", when the draft named him in full before: the one or two
        capitalised words standing right before the surname, titles left out.

        `strict` is for a bare surname that no title marks as a person's ("Feltham said"): the full
        name must stand on the same line, and not inside a run of capitalised words (a Title Case
        headline such as "Regulators Raise Concerns Over Skyline Deal" names no one)."""
        text, lo = self.text, max(0, before - FULL_NAME_WINDOW)
        lex = self.lex
        best = None
        for m in _word_re(surname).finditer(text, lo, before):
            if m.start() > 0 and _is_word_char(text[m.start() - 1]):
                continue  # inside a longer word
            stretch = text[max(lo, m.start() - 60) : m.start()]
            if strict:
                stretch = stretch.rsplit("\n", 1)[-1]
                # (the line's end, looked for no further than a headline can run: a draft on one
                # long line must not be read to its end for every mention of a name)
                limit = min(len(text), m.start() + _HEADLINE_REACH)
                line_end = text.find("\n", m.start(), limit)
                if _title_case_line(stretch + text[m.start() : line_end if line_end >= 0 else limit]):
                    continue  # "… Deal for German Coatings Maker Brenntal": a headline names no one
            words = stretch.split()
            given: list[str] = []
            for w in reversed(words[-3:]):
                low = w.lower().rstrip(".,")
                if len(w) == 2 and w[0].isupper() and w[1] == "." and len(given) < 2:
                    given.insert(0, w)  # a middle initial: "Martin L. Eckhart"
                    continue
                if not w[:1].isupper() or low in TITLES or not w[-1].isalpha() or not w.replace("-", "").isalpha() \
                        or low.endswith(EPITHETS) \
                        or low in lex.determiners or low in lex.np_prepositions or low in lex.np_stop_words \
                        or low in lex.intro_words or low in lex.weekdays or low in lex.months:
                    break  # "On Tuesday Acme …", "At Acme …" name no one
                given.insert(0, w)
            if strict and given and len(words) > len(given):
                before_name = words[-len(given) - 1]
                # ("…in March, Amara Okafor": a comma ends the run, so that is a name)
                if before_name[:1].isupper() and before_name.lower().rstrip(".,") not in TITLES \
                        and not before_name.endswith((",", ";", ":", ".")):
                    continue
            if given and not all(len(w) == 2 and w.endswith(".") for w in given):
                best = " ".join([*given[-3:], surname])
        return best


# The organisation in a speaker's description: "analysts at Carrow & Finch", "a spokesperson for Nvidia".
_ORG_OF_SPEAKER = re.compile(r"\b(?:at|for|from) ((?:[A-Z][\w.'’-]*)(?: (?:&|and|of|[A-Z][\w.'’-]*))*)$")
# Words before "agency" that still describe a news agency: "the state news agency".
OUTLET_MODIFIERS = frozenset({"news", "wire", "state", "state-run", "state-owned", "official", "national", "press"})
# Other words a body's name may use for what a reference calls it.
_JOURNAL_NAMED = re.compile(r"\b[Jj]ournal,? ((?:The )?[A-Z][\w&'’-]*(?: (?:of )?[A-Z][\w&'’-]*){0,4})")
_BODY_NAMES = ("association", "federation", "council", "confederation", "chamber", "institute", "society", "union",
               "board", "forum")
NOUN_ALIASES: dict[str, tuple[str, ...]] = {
    "force": ("police", "constabulary"), "police": ("constabulary",),
    "union": ("workers", "local", "federation", "teamsters", "guild", "brotherhood", "congress", "labour", "labor",
              "mineworkers", "association"),
    # what studios, labels and streamers call themselves: "Meridian Pictures", "Saltmarsh Records"
    "studio": ("pictures", "films", "studios", "entertainment", "animation"),
    "label": ("records", "recordings", "music"), "record label": ("records", "recordings", "music"),
    "streamer": ("streaming", "plus", "tv", "+"),
    # "the central bank" → "Banque de France", "Bundesbank", "Federal Reserve", "Banco Central do Brasil"
    "bank": ("banque", "banco", "bundesbank", "reserve", "riksbank", "copom"),
    "committee": ("copom", "committee", "mpc", "fomc"),
    # "the industry body" → "Scotch Whisky Association"; "the campaign" → "Hollinsford Against Gas Storage"
    "body": _BODY_NAMES, "industry body": _BODY_NAMES, "trade body": _BODY_NAMES, "trade group": _BODY_NAMES,
    "industry group": _BODY_NAMES, "lobby group": _BODY_NAMES,
    "campaign": ("campaign", "against", "coalition", "action", "alliance", "save", "friends", "stop"),
}
FULL_NAME_WINDOW = 8000  # characters back to look for a person's full name
_HEADLINE_REACH = 300  # characters past a name within which a Title Case headline would end
# Public bodies a writer calls "the agency": "Food and Drug Administration", "Geology Agency", "Department"
_AGENCY_NAME = re.compile(
    r"\b(?:Agency|Administration|Commission|Service|Authority|Bureau|Department|Board|Centers?)\b")


def is_adjective_of_place(word: str) -> bool:
    """"Japanese", "British", "Canadian": a capitalised adjective that does not make a name."""
    return word.endswith(("ese", "ish", "ian", "an", "ch", "i", "ic"))


def _an_agency(m: Mention) -> bool:
    """What "the agency" may point to: a news agency, or a public body named as one."""
    return m.kind == "wire agency" \
        or (m.kind == "government body" and _AGENCY_NAME.search(m.name) is not None) \
        or (m.kind in ORG_KINDS | {"government body"} and m.name.isupper() and len(m.name) <= 6) \
        or (m.att is not None and m.att.mention is not None  # "Environmental agency VMM said"
            and "agency" in m.att.mention.text.lower())


def _latest(pool: list[Mention], pred) -> Attribution | None:
    for m in reversed(pool):
        if pred(m):
            return m.att if m.att is not None else _as_reference(m.name, m.kind)
    return None


def _as_reference(name: str, kind: SourceKind) -> Attribution:
    return Attribution(source=name, source_kind=kind, basis="reference")


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


INSTITUTION_WORDS = frozenset({"institute", "ministry", "department", "agency", "authority", "council",
                               "commission", "police", "court", "government", "university", "association",
                               "union", "forum", "parliament", "office", "bureau", "service", "committee",
                               "regulator", "administration", "board", "federation", "chamber", "senate",
                               "house", "congress", "assembly", "army", "navy", "party", "coalition"})


_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
_WORDS = re.compile(r"[a-z]+")


def _gender_in(text: str, mention: str) -> str | None:
    """The pronoun a statement uses for the one person it quotes, if it uses only one kind."""
    title = mention.split()[0].lower().rstrip(".") if mention.split() else ""
    if title == "mr":
        return "he"
    if title in {"ms", "mrs", "miss"}:
        return "she"
    # Someone else named in the statement may be who "him" is ("Arkwright said Pellow had shown
    # indifference to the people who paid him rent"): then the pronouns tell nothing.
    # Then only "he", "his", "she", which most often are the speaker's, tell. What the speaker says inside
    # quotation marks is about others ("“He said, ‘Fill the beds’,” Batty said").
    text = _QUOTED.sub(" ", text)
    named = set(mention.split())
    others = any(w not in named and w.lower() not in _NOT_NAMES for w in _CAPITALISED_WORD.findall(text))
    words = set(_WORDS.findall(text.lower()))
    if others:  # "him" and "her" are as often someone else: "people who paid him rent"
        he, she = bool(words & {"he", "his", "himself"}), bool(words & {"she", "hers", "herself"})
        if (he and "her" in words) or (she and "him" in words):
            return None  # "Lorna Bacsal said her husband and two of his brothers …": whose is whose?
    else:
        he, she = bool(words & _HE), bool(words & _SHE)
    return "he" if he and not she else "she" if she and not he else None


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_CAPITALISED_WORD = re.compile(r"(?<![.!?“\"] )(?<!^)\b[A-Z][a-z'’-]{2,}")
# Capitalised words that are no one: pronouns and words that open a quotation or a sentence
_NOT_NAMES = frozenset({"he", "she", "they", "his", "her", "their", "the", "this", "that", "it", "we", "our",
                        "but", "and", "in", "on", "at", "for", "a", "an", "i"})


def _title_case_line(line: str) -> bool:
    """A Title Case line: every longer word capitalised ("Tamura Nears Deal for German Coatings Maker")."""
    long = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 3 and all(w[:1].isupper() for w in long)


TITLE_WORDS = TITLES | HONORIFICS


def person_name(name: str) -> str:
    """A person's name without the titles before it: "Chief Executive Officer Ana Ruiz" → "Ana Ruiz",
    "Andina Minerals Chief Financial Officer Pedro Gomez" → "Pedro Gomez", "Sen. Tom Harlan" → "Tom Harlan"."""
    words = name.split()
    while len(words) > 2 and words[-1].lower().rstrip(".,") in POSTNOMINALS:
        words = words[:-1]  # "Sarah Whitlow KC"
    last_title = max((i for i, w in enumerate(words) if w.lower().rstrip(".,") in TITLE_WORDS), default=-1)
    rest = words[last_title + 1 :]
    if last_title >= 0 and rest and all(w[:1].isupper() for w in rest) and len(rest) <= 4:
        return " ".join(rest)
    return " ".join(words)


def _people_named(toks: list[Tok], text: str, names: NameIndex, lex: Lexicon) -> list[str]:
    """Full names of people in a statement: two or three capitalised words the registry does not
    know, that read as a person's name ("retired teacher Tom Brandt" → "Tom Brandt")."""
    out = []
    k = body_start(toks)
    while k < len(toks):
        if not (toks[k].cap and toks[k].text.isalpha()) or toks[k].low in lex.determiners \
                or toks[k].low in lex.intro_words or toks[k].low in TITLES or toks[k].low in lex.pronouns:
            k += 1
            continue
        j = k
        while j < len(toks) and j - k < 3 and toks[j].cap and toks[j].text.replace("-", "").isalpha():
            j += 1
        name = text[toks[k].start : toks[j - 1].end]
        after_article = k > 0 and toks[k - 1].low in lex.determiners  # "the Ridgeback Fire" is no one
        if j - k >= 2 and (j >= len(toks) or not toks[j].cap) and not after_article \
                and not names.find(text, toks, k, j) and guess_kind(name) == "person or role":
            out.append(name)
        k = j
    return out


def _plural_head(name: str) -> bool:
    """ "Pilots' unions at both airlines", "former employees": a plural noun heads the name (not
    "Calloway Foods", a company's name in capitals)."""
    words = name.split()
    for k, word in enumerate(words[1:], 1):
        if word in {"at", "of", "for", "from", "with", "in", "on", "who", "that"}:
            words = words[:k]
            break
    head = words[-1].rstrip(".,'’") if words else ""
    return head.endswith("s") and (head[:1].islower() or len(words) == 1
                                   or not all(w[:1].isupper() for w in words))


def without_possessive(name: str) -> str:
    """ "Calloway Foods’" → "Calloway Foods", "Acme's" → "Acme"."""
    for end in ("'s", "’s", "'", "’"):
        if name.endswith(end):
            return name[: -len(end)]
    return name


def _body(m: Mention) -> bool:
    """A public body, association or union: "the company" never points to it."""
    return _institutional(m.name) or any(w.lower() in UNION_SUFFIXES for w in m.name.split())


def _institutional(name: str) -> bool:
    """A public body or association, not a company: "the company" never points to it."""
    return any(w.lower().strip(".,'’s") in INSTITUTION_WORDS for w in name.split())


def _looks_personal(m: Mention) -> bool:
    return m.att is not None and m.kind == "unknown" and _looks_like_a_name(m.name) and len(m.name.split()) == 2


# --- organisations a statement names ----------------------------------------------------------


def body_start(toks: list[Tok]) -> int:
    """Index of the first token after a dateline ("SINGAPORE, Feb. 18 (Reuters) -"), else 0."""
    if toks and toks[0].text in _BULLETS:
        return 1 + body_start(toks[1:])  # "- CEO Maren Kolb said …": a list item's marker is not its subject
    if toks and toks[0].text[:1].isdigit():
        k = _time_stamp(toks)
        if k:
            return k + body_start(toks[k:])  # "18:40 The fire brigade says …": a live update's time
    # Most statements have no dash near their start: one C-level pass rules them out.
    if _DATELINE_END.isdisjoint(map(_TOKEN_TEXT, toks[:20])):
        return 0
    for k, t in enumerate(toks[:20]):
        if t.text in _DATELINE_END and k > 0 and (toks[k - 1].text == ")" or toks[k - 1].text.isupper()
                                                  or (toks[0].text.isupper() and len(toks[0].text) > 1)):
            # "SINGAPORE (Reuters) -", "CARVER FALLS —", "WESTBURY FALLS, Conn. --" (a dash of two hyphens)
            return k + 2 if k + 1 < len(toks) and toks[k + 1].text == "-" else k + 1
    return 0


_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d")
_AM_PM = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})


def _time_stamp(toks: list[Tok]) -> int:
    """How many tokens a live update's opening time takes ("18:40", "9.30am:", "10:05 a.m. ET -"),
    when a capitalised word or a quotation follows it; else 0."""
    if len(toks) >= 3 and toks[1].text in {":", "."} and _CLOCK.fullmatch(toks[0].text + ":" + toks[2].text):
        k = 3
    elif _CLOCK.fullmatch(toks[0].text):
        k = 1
    else:
        return 0
    if k < len(toks) and toks[k].low in _AM_PM:
        k += 1
    if k < len(toks) and toks[k].text.isupper() and 2 <= len(toks[k].text) <= 4 and toks[k].is_word \
            and k + 1 < len(toks) and toks[k + 1].cap:
        k += 1  # "ET", "GMT", "BST"
    if k < len(toks) and toks[k].text in {":", "-", "—", "–", "|"}:
        k += 1
    if k < len(toks) and (toks[k].cap or toks[k].text in OPEN_QUOTES):
        return k
    return 0


def entities_in(st: Statement, text: str, names: NameIndex, lex: Lexicon, toks: list[Tok]) -> list[Mention]:
    """Organisations a statement names: registry entries, names with a company suffix, and the
    capitalised subject it opens with ("Andes Lithium has pushed back …")."""
    # The credit of a dateline ("CEDAR BLUFF, Ore. (AP) —") is the story's own wire, never what
    # "the agency" or "it" points to.
    body = body_start(toks)
    out = [Mention(toks[i].start, src.name, src.kind) for i, _j, src, _sus in names.find(text, toks, body, len(toks))]
    previous_cap = False
    for k, t in enumerate(toks):
        cap = t.text[:1].isupper()
        if not cap:
            previous_cap = False
            if t.low in lex.company_descriptors and k + 1 < len(toks) and toks[k + 1].cap:
                # "Swiss drugmaker Alpentis jumped": the name after a company descriptor.
                b = k + 1
                while b < len(toks) and toks[b].cap and b - k <= 4:
                    b += 1
                out.append(Mention(toks[k + 1].start, text[toks[k + 1].start : toks[b - 1].end], "company"))
            continue
        after_cap, previous_cap = previous_cap, True
        if t.low in _GOVERNMENT_HEADS and k + 2 < len(toks) and toks[k + 1].low in {"of", "for"} and toks[k + 2].cap:
            # "the state Department of Transportation", "Ministry of Finance": a public body, head first
            a = k
            while a > 0 and toks[a - 1].cap and toks[a - 1].is_word and k - a < 3:
                a -= 1
            b = k + 2
            while b < len(toks) and (toks[b].cap or (toks[b].low in {"and", "of"} and b + 1 < len(toks)
                                                     and toks[b + 1].cap)) and toks[b].is_word and b - k < 8:
                b += 1
            out.append(Mention(toks[a].start, without_possessive(text[toks[a].start : toks[b - 1].end]),
                               "government body"))
        if not after_cap:
            continue  # a suffix ends a name of two words or more: "Calloway Foods"
        suffix = t.bare.rstrip(".")  # "Calloway Foods’ largest centre": the possessive is not the name
        if suffix in COMPANY_SUFFIXES or suffix in UNION_SUFFIXES or suffix in PLACE_SUFFIXES:
            a = k - 1
            while a > 0 and toks[a - 1].cap and toks[a - 1].low not in lex.determiners and k - a < 5:
                a -= 1
            b = k + 1
            while b < len(toks) and toks[b].cap and toks[b].is_word and b - k < 4:
                b += 1  # "Senate Energy Committee": the name goes on past the suffix
            if b < len(toks) and toks[b - 1].low == "local" and toks[b].text.isdigit():
                b += 1  # "United Distribution Workers Local 212"
            if a > 0 and toks[a - 1].low in {"a", "an"}:
                continue  # "a Saudi Pro League club", "an Acme Bank spokesman": a name used as a modifier
            name = without_possessive(text[toks[a].start : toks[b - 1].end].rstrip("."))
            # "Senate Energy Committee", "Transport Workers Union": bodies, kept apart from companies
            public = _institutional(name) or suffix in UNION_SUFFIXES
            out.append(Mention(toks[a].start, name, "organisation" if public else "company"))
    if body + 2 < len(toks) and toks[body].low == "shares" and toks[body + 1].low in {"in", "of"} \
            and toks[body + 2].cap:
        # "Shares in Redgum Minerals fell 38% after the lithium explorer said …": a listed company
        b = body + 2
        while b < len(toks) and toks[b].cap and toks[b].is_word and b - body < 7:
            b += 1
        out.append(Mention(toks[body + 2].start, without_possessive(text[toks[body + 2].start : toks[b - 1].end]),
                           "company"))
    subject = _subject_name(toks, lex, text)
    if subject is not None and subject[1] < len(toks) and toks[subject[1]].low in _INSTRUMENTS:
        subject = None  # "U.S. West Texas Intermediate crude rose", "The JKM benchmark fell": a market, no one
    if subject is not None:
        a, b = subject
        name = without_possessive(text[toks[a].start : toks[b - 1].end].rstrip("."))  # "Meridian Pictures’ drama"
        known = names.find(text, toks, a, b)
        if not (known and known[0][2].kind in OUTLET_KINDS):
            kind: SourceKind = known[0][2].kind if known else guess_kind(name)
            titled = any(w.lower().rstrip(".,") in TITLES | HONORIFICS for w in name.split())
            if titled:
                kind = "person or role"  # "Sen. Tom Harlan, a Wyoming Republican, …"
            elif kind in {"person or role", "anonymous group", "document", "unknown"}:
                kind = "organisation"  # it opens a news sentence as its subject: most often an organisation
            out.append(Mention(toks[a].start, name, kind))
    out.sort(key=lambda m: m.pos)
    return out


# A run of capitalised words, with "of", "for", "and" inside: "National Intelligence Service"
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w'’-]*)+")
# Heads of public bodies named head first: "Department of Transportation", "Ministry of Finance"
_GOVERNMENT_HEADS = frozenset({"department", "ministry", "office", "bureau", "agency", "secretariat", "directorate"})
# Words after a name that make it a market or an instrument: "Brent crude", "the Nikkei 225 index"
_INSTRUMENTS = frozenset({"crude", "futures", "benchmark", "index", "contract", "contracts", "yields", "yield",
                          "bonds", "notes", "prices", "price", "spot", "average", "composite"})


# "Tokyo-based", "AIM-listed": where an organisation is based or listed, never part of its name
EPITHETS = ("-based", "-listed", "-headquartered", "-registered")
# Small words inside a name: "Bank of Japan", "Banque de France", "Banco Central do Brasil"
_NAME_JOINERS = frozenset({"of", "and", "&", "for", "de", "do", "du", "des", "da", "di", "del", "della", "von", "van",
                           "der", "den"})


def _subject_name(toks: list[Tok], lex: Lexicon, text: str) -> tuple[int, int] | None:
    """The capitalised name a statement opens with, after any dateline and a leading "The"."""
    a = body_start(toks)
    if a < len(toks) and toks[a].low == "the":
        a += 1
    b = a
    while b < len(toks) and (toks[b].cap or (toks[b].low in _NAME_JOINERS and b + 1 < len(toks)
                                              and toks[b + 1].cap and b > a)):
        if toks[b].low in lex.pronouns or toks[b].low in lex.determiners:
            break
        b += 1
    if b < len(toks) and toks[b - 1].low in _NAME_JOINERS:
        b -= 1
    if b == a:
        return None
    first = toks[a].low
    if first in lex.lowercase_when_initial or first in lex.weekdays or first in lex.intro_words \
            or first in lex.np_prepositions or first in lex.np_stop_words or first in lex.months:
        return None
    described = b + 1 < len(toks) and toks[b].text == "," and toks[b + 1].low in {"which", "who", "whose"}
    if b - a == 1 and not described and (not _capitalised_elsewhere(toks[a].text, text, toks[a].start)
                                         or is_adjective_of_place(first)):
        return None  # "Shares fell": a sentence's first word, not a name ("Halbach, which …" is one)
    return (a, b)


_CAPS_SEEN: dict[tuple[int, str, int], bool] = {}  # keyed by the draft's hash: one draft at a time


def _capitalised_elsewhere(word: str, text: str, at: int) -> bool:
    """Does `word` also stand capitalised inside a sentence nearby? Then it is a name."""
    key = (hash(text), word, at // NEARBY)
    hit = _CAPS_SEEN.get(key)
    if hit is None:
        if len(_CAPS_SEEN) > 4096:
            _CAPS_SEEN.clear()
        lo = max(0, at - NEARBY)
        hit = _CAPS_SEEN[key] = any(
            m.start() > lo and text[m.start() - 1] in _INSIDE_A_SENTENCE
            for m in _word_re(" " + word).finditer(text, lo, at + NEARBY)
        )
    return hit


_INSIDE_A_SENTENCE = frozenset("abcdefghijklmnopqrstuvwxyz,;")  # what stands before " Word" mid-sentence


@lru_cache(maxsize=4096)
def _word_re(literal: str) -> re.Pattern[str]:
    """`literal` ending at a word boundary. The pattern opens with the literal itself, so the regex
    engine skips ahead with a fast substring search (twenty times faster on a long draft than a
    pattern opening with a boundary or a character class); callers check what comes before."""
    return re.compile(re.escape(literal) + r"\b")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


NEARBY = 20_000  # characters either side of a word where the draft may name it again
