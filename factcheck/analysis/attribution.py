"""Find who vouches for each statement: explicit, reference and inherited attributions.

The reading follows `shared/ATTRIBUTION.md`. `factcheck.analysis.reader` finds each statement's
frames (a cue with the noun phrase naming its source); here the step chooses among them: the
statement's own frame, an outer one closing it ("…, Reuters reported"), a frame inside a clause of
cause or time, a participle ("…, saying …"), a document an outlet has seen. Conduits turn an
outlet into the `via` of a primary source: "A told B", "B reported, citing A", "B quoted A as
saying", "in a letter seen by B". A quotation spread over several sentences belongs to the speaker
named where it closes. A claim with no cue continues the attributed claim before it in the same
paragraph (basis "inherited"), unless it hedges without a source ("reportedly").
"""

from __future__ import annotations

import re

from factcheck.analysis.lexicon import ANNOUNCING, FIRST_PERSON, Lexicon, lexicon
from factcheck.analysis.names import OUTLET_KINDS, name_index
from factcheck.analysis.reader import (
    NAME_PARTICLES,
    SUBORDINATORS,
    Frame,
    StatementReader,
    may_speak,
    tidy_source_name,
)
from factcheck.analysis.references import Context
from factcheck.analysis.sources import Registry
from factcheck.analysis.tokens import CLAUSE_PUNCT, OPEN_QUOTES
from factcheck.models import Attribution, Span, Statement

# --- The step --------------------------------------------------------------------------------


def attribute(statements: list[Statement], text: str, registry: Registry) -> list[Statement]:
    """Fill in `attributions` (and `content`) of every claim. Returns the same list."""
    lex = lexicon()
    names = name_index(registry)
    ctx = Context(text, names, lex)
    quote = _QuoteState()
    previous: Statement | None = None
    for st in statements:
        if st.kind == "heading":
            continue
        # "“He said it on television. He said it in this parking lot. …”": inside a quotation opened
        # by an earlier sentence, a cue is the speaker's word, not a frame. So it is in a sentence
        # quoted whole right after its speaker's ("…,” X said. “Today's verdict shows that …”").
        inside = quote.inside(st) or (
            previous is not None and previous.paragraph == st.paragraph and bool(previous.attributions)
            and _quoted_whole(st.text))
        previous = st
        label = _SPEAKER_LABEL.match(st.text) if ":" in st.text[:48] else None
        credit = _QUOTE_CREDIT.search(st.text) if "”" in st.text or '"' in st.text else None
        if credit is not None:
            # '“Eleven months proving something I told them on day one.” — Lena Kovalenko': a pull
            # quote and its credit line
            name = credit.group("name")
            full = ctx.full_name(name.split()[-1], st.start) if len(name.split()) == 1 else None
            s, e = st.start + credit.start("name"), st.start + credit.end("name")
            d = st.start + credit.start("dash")
            st.attributions = [Attribution(source=full or name, source_kind="person or role", basis="explicit",
                                           mention=Span(start=s, end=e, text=text[s:e]),
                                           cue=Span(start=d, end=d + len(credit.group("dash")),
                                                    text=text[d : d + len(credit.group("dash"))]))]
            ctx.remember(st.attributions[0], st)
        elif label is not None and (speaker := _labelled_speaker(label.group(1), st.start, ctx)) is not None:
            # "Feld: Because we have 2,100 empty seats …": an interview's answer, by the one it names
            s, e = st.start + label.start(1), st.start + label.end(1)
            st.attributions = [Attribution(source=speaker, source_kind="person or role", basis="explicit",
                                           mention=Span(start=s, end=e, text=text[s:e]),
                                           cue=Span(start=e, end=e + 1, text=text[e : e + 1]))]
            ctx.remember(st.attributions[0], st)
        elif not inside and lex.trigger_re.search(st.text.lower()) is not None:
            reader = StatementReader(text, st, names, lex, ctx.tokens(st))
            st.attributions, content = _read_statement(reader, ctx)
            if content is not None and content[1] > content[0]:
                s, e = _trim(text, *content)
                if e > s:
                    st.content = Span(start=s, end=e, text=text[s:e])
            for att in st.attributions:
                if att.cue is None or not att.cue.text.startswith("confirming"):
                    # (the earlier report a statement confirms is not who "it" or "the agency" is next)
                    ctx.remember(att, st)
        ctx.passed(st)
    _carry_quotes(statements)
    _inherit(statements, lex, ctx)
    return statements


def _read_statement(r: StatementReader, ctx: Context) -> tuple[list[Attribution], tuple[int, int] | None]:
    frames = r.frames()
    if not frames:
        return _said_by_subject(r, ctx) or (_seen_document(r, ctx), None)
    starts = [f for f in frames if f.kind == "verb" and f.position == "start"]
    others = [f for f in frames if f.kind == "verb" and f.position in {"trailing", "inverted"}]
    anywhere = [f for f in frames if f.kind != "verb"]
    chosen: list[Frame] = []
    outer: Frame | None = None
    if any(f.kind in {"according", "per"} for f in anywhere):
        # "According to the survey, 58 percent of voters said …": the respondents are what the
        # survey found, not a source of their own.
        starts = [f for f in starts if not _counts_people(r, f)]
        others = [f for f in others if not _counts_people(r, f)]
    if starts:
        first = starts[0]
        chosen = [first]
        # A frame closing the statement is the outer one: "Acme said X, Reuters reported." and
        # "Analysts had expected X, according to data compiled by Stratos."
        closing = [f for f in anywhere if f.kind in {"according", "per"} and f.cue[0] > first.cue[0]
                   and _closes_statement(r, f)]
        tail = [f for f in others if f.cue[0] > first.cue[0] and _ends_statement(r, f) and _is_outlet_np(r, f)]
        if closing or tail:
            outer = (closing or tail)[-1]
        # (a report the statement confirms is a source wherever it stands)
        anywhere = [f for f in anywhere if (f.cue[0] < first.cue[0] or f.kind == "confirmed") and f is not outer]
    elif others:
        chosen = [others[-1]]
        # "…, the defense ministry said Sunday, according to Agence France-Presse.": the closing
        # frame carried the trailing one.
        closing = [f for f in anywhere if f.kind in {"according", "per"} and f.cue[0] > chosen[0].cue[0]
                   and _closes_statement(r, f)]
        if closing:
            outer = closing[-1]
            anywhere = [f for f in anywhere if f is not outer]
    elif not anywhere:
        # "Shares fell after the Wall Street Journal reported …", "Veldhuis tumbled 11% after the bank
        # said …": a source inside a clause of cause or time still says where the news came from.
        # Not a time the report only marks: "shares have risen 34% since the FT first reported the approach".
        embedded = [f for f in frames if f.kind == "verb" and f.position == "embedded"
                    and not (f.np[0] > 0 and r.toks[f.np[0] - 1].low in {"since", "until", "before"})
                    and (_is_outlet_np(r, f) or (f.np[0] > 0 and r.toks[f.np[0] - 1].low in SUBORDINATORS
                                                 and may_speak(r, f.np))
                         # "Prices rose and analysts said the trend would last": a clause of its own
                         or (f.np[0] > 0 and r.toks[f.np[0] - 1].low in {"and", "but"}
                             and r.toks[f.np[1] - 1].low in r.lex.group_heads))]
        chosen = embedded[:1]
    atts: list[Attribution] = []
    for f in chosen + anywhere[:2]:
        atts.extend(_attributions_of(r, f, ctx))
    if outer is not None:
        outer_atts = _attributions_of(r, outer, ctx)
        if len(atts) == 1 and len(outer_atts) == 1 and atts[0].via is None \
                and atts[0].source.lower() != outer_atts[0].source.lower():
            # The outer source carried the inner one's words.
            atts = [atts[0].model_copy(update={"via": outer_atts[0].source})]
        else:
            atts.extend(outer_atts)
    atts = _apply_conduits(r, atts, ctx)
    if not atts:
        said = _said_by_subject(r, ctx)
        if said is not None:
            return said
        atts = _seen_document(r, ctx)
    content = next((f.content for f in [*([outer] if outer else []), *chosen, *anywhere] if f.content), None)
    return _dedupe(atts), content


def _attributions_of(r: StatementReader, f: Frame, ctx: Context) -> list[Attribution]:
    out: list[Attribution] = []
    named = r.sources_of(f.also_np, ctx) if f.also_np is not None else []
    for name, kind, basis, mention, sus, via in [*named, *r.sources_of(f.np, ctx)]:
        if f.primary_np is not None:
            # "B quoted A as saying": A is the source, B its conduit.
            for pname, pkind, _pb, pmention, psus, _pv in r.sources_of(f.primary_np, ctx):
                out.append(Attribution(source=pname, source_kind=pkind, basis=basis, mention=pmention,
                                       cue=r.cue_span(f.cue), via=name, suspicious=psus or sus))
            continue
        via_name = via
        if f.via_np is not None:
            for vname, vkind, _vb, _vm, _vs, _vv in r.sources_of(f.via_np, ctx):
                if vkind in OUTLET_KINDS:
                    via_name = vname
        out.append(Attribution(source=name, source_kind=kind, basis=basis, mention=mention,
                               cue=r.cue_span(f.cue), via=via_name, suspicious=sus))
    return out


def _said_by_subject(r: StatementReader, ctx: Context) -> tuple[list[Attribution], tuple[int, int] | None] | None:
    """The reading of a statement whose only frame is a participle ("…, saying …"), if it has one."""
    said = _participle_frame(r)
    atts = _attributions_of(r, said, ctx) if said is not None else []
    return (_dedupe(atts), said.content) if said is not None and atts else None


def _participle_frame(r: StatementReader) -> Frame | None:
    """"Acme cut its forecast, saying demand had weakened", "Judge X granted the injunction,
    ruling that …", "A spokesperson declined to comment, saying only that …": the subject of the
    statement says what follows the participle."""
    toks, lex = r.toks, r.lex
    for k in range(r.body + 2, len(toks) - 2):
        # "…, saying …"; "… missed six shows before announcing on Instagram that …": the same subject
        after_when = toks[k - 1].low in {"before", "after", "while"} and toks[k].low in ANNOUNCING
        # "The Banque de France cut its forecast, citing weaker consumption": its own reasons (not after
        # "declined to comment, citing …")
        reasons = toks[k].low == "citing" and toks[k - 1].text == "," and _cites_reasons(r, k + 1) \
            and lex.non_response_re.search(r.text, r.st.start, toks[k].start) is None
        if not (after_when or reasons) and (toks[k].low not in lex.participle_cues or toks[k - 1].text != ","):
            continue
        nxt = toks[k + 1] if toks[k + 1].low != "only" else toks[k + 2]
        if nxt.low in {"in", "on"}:
            # "…, writing in a note to clients that …": where it was said, then the clause
            that = next((j for j in range(k + 2, min(len(toks) - 1, k + 10)) if toks[j].low == "that"
                         or not (toks[j].is_word or toks[j].text == ".")), None)  # ("on Feb. 3 that")
            if that is not None and toks[that].low == "that":
                nxt = toks[that]
        clause = nxt.low == "that" or nxt.text in OPEN_QUOTES or nxt.text == ":"
        if not (clause or reasons) and (after_when or not (toks[k].low in lex.strong_participles and nxt.is_word)):
            continue
        subject = _opening_subject(r, k)
        if subject is None:
            return None  # no named subject to say it ("Shares fell, saying …" is not a frame)
        return Frame("verb", (k, k + 1), subject, "start", content=(nxt.start, r.st.end))
    return None


def _cites_reasons(r: StatementReader, k: int) -> bool:
    """Whether what follows "citing" is a reason ("weaker household consumption", "the drag from
    trade") rather than a source ("people familiar with …", "a ministry document", "Reuters")."""
    toks, lex = r.toks, r.lex
    end = next((j for j in range(k, len(toks)) if toks[j].text in CLAUSE_PUNCT or toks[j].text in {".", ";"}),
               len(toks))
    words = toks[k:end]
    return bool(words) and not any(
        t.cap or t.low in lex.role_heads or t.low in lex.group_heads or t.bare in lex.document_heads
        or t.low in lex.reference_nouns for t in words)


def _opening_subject(r: StatementReader, limit: int) -> tuple[int, int] | None:
    """The noun phrase a statement opens with, up to its verb: "U.S. District Judge Patricia
    Renwick", "An EFL spokesperson", "Acme"; None unless it names someone (a capital or a role)."""
    toks, lex = r.toks, r.lex
    # "Speaking on BBC Radio 4 on Wednesday, Forsythe went further, saying …", "In a statement, Acme
    # cut its forecast, saying …": the subject comes after the opening phrase
    a = r.after_opening_phrase(limit)
    b = a
    while b < limit and toks[b].is_word:
        if toks[b].low in lex.np_prepositions and b > a and b + 1 < limit and toks[b + 1].low in {"a", "an"}:
            break  # "Forty-one tenants of a Fenwick apartment complex": a description, not the name
        if toks[b].cap or toks[b].low in lex.determiners or toks[b].low in lex.np_prepositions \
                or toks[b].low in lex.role_heads or toks[b].low in lex.group_heads or toks[b].low in NAME_PARTICLES:
            b += 1
            continue
        # "A senior government source": words that describe a role or group named right after
        head = next((h for h in range(b + 1, min(b + 4, limit)) if not toks[h].is_word
                     or toks[h].low in lex.role_heads or toks[h].low in lex.group_heads
                     or lex.reference_nouns.get(toks[h].low) == "person"), None)
        if head is None or not toks[head].is_word:
            break
        b = head + 1
    while b > a and (toks[b - 1].low in lex.determiners or toks[b - 1].low in lex.np_prepositions):
        b -= 1
    if b - a > 2 and (toks[b - 1].low in lex.weekdays or toks[b - 1].low in lex.months) \
            and toks[b - 2].low in {"on", "in", "last", "this"}:
        b -= 2  # "A federal judge on Monday struck down …": the day is not the judge's name
    if b == a or toks[a].low in lex.pronouns or (toks[a].low in lex.intro_words and toks[a].low not in lex.determiners):
        return None
    if not any(t.cap or t.low in lex.role_heads or t.low in lex.group_heads
               or lex.reference_nouns.get(t.low) == "person" for t in toks[a:b]):
        return None
    if b - a == 1 and toks[a].cap and toks[a].low in {"shares", "stocks", "prices", "markets", "investors"}:
        return None
    return (a, b)


def _seen_document(r: StatementReader, ctx: Context) -> list[Attribution]:
    """"A draft of the compromise seen by Reuters also sets aside …": with no cue of its own, a
    document an outlet has seen vouches for the statement, through that outlet; and a document
    named with its issuer ("Results released by the Election Commission gave …"), by the issuer."""
    toks = r.toks
    for k in range(1, len(toks) - 2):
        if toks[k].low in {"seen", "reviewed", "obtained", "viewed"} and toks[k + 1].low == "by":
            right = r.np_right(k + 2)
            j = k - 1
            if j > 1 and toks[j].low == "also" and toks[j - 1].text == ",":
                j -= 2  # "A separate draft declaration on Myanmar, also seen by Reuters, urges …"
            doc = r._np_before(j)
            if right is None or doc is None:
                continue
            outlets = [x for x in r.sources_of(right, ctx) if x[1] in OUTLET_KINDS]
            if outlets and any(t.bare in r.lex.document_heads for t in toks[doc[0] : doc[1]]):
                mention = r.span(*doc)
                return [Attribution(source=tidy_source_name(mention.text, r.lex), source_kind="document",
                                    basis="explicit", mention=mention, cue=r.span(k, k + 2), via=outlets[0][0])]
        if toks[k].low in _ISSUED and toks[k + 1].low == "by" and toks[k - 1].bare in r.lex.document_heads \
                and k - 1 <= r.after_opening_phrase(k) + 2:
            # "Preliminary results released by the General Election Commission gave Bold 50.6 percent":
            # the statement opens with figures and who issued them, which vouches for them
            start = k + 2 + (toks[k + 2].low == "the")
            stop = start
            while stop < len(toks) and toks[stop].is_word and (toks[stop].cap or (
                    toks[stop].low in {"of", "for", "and", "&"} and stop + 1 < len(toks) and toks[stop + 1].cap)):
                stop += 1  # the issuer's name, and no further: "… by the Election Commission gave …"
            if stop > start:
                issuers = r.sources_of((k + 2, stop), ctx)
                if len(issuers) == 1:
                    name, kind, basis, mention, sus, via = issuers[0]
                    return [Attribution(source=name, source_kind=kind, basis=basis, mention=mention,
                                        cue=r.span(k, k + 2), via=via, suspicious=sus)]
    return []


# Participles that say who issued a document: "results released by", "data published by"
_ISSUED = frozenset({"released", "published", "issued", "compiled", "collected"})


def _closes_statement(r: StatementReader, f: Frame) -> bool:
    """True when nothing but punctuation follows the frame's noun phrase."""
    return all(not t.is_word for t in r.toks[f.np[1] :])


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _ends_statement(r: StatementReader, f: Frame) -> bool:
    toks = r.toks
    k = f.np[1] if f.position == "inverted" else f.cue[1]
    rest = [t for t in toks[k:] if t.is_word]
    return len(rest) <= 4 or any(t.low in {"citing", "quoting"} for t in toks[k:])


def _is_outlet_np(r: StatementReader, f: Frame) -> bool:
    return any(src.kind in OUTLET_KINDS for _, _, src, _ in r.known(*f.np))


def _apply_conduits(r: StatementReader, atts: list[Attribution], ctx: Context) -> list[Attribution]:
    """"…, B reported, citing A" and "in a letter seen by B": make B the conduit of A."""
    toks = r.toks
    starts = r.lex.conduit_starts
    for k, t in enumerate(toks):
        if t.low not in starts:
            continue
        if t.low in {"citing", "quoting"}:
            np = r.np_right(k + 1)
            if np is None:
                continue
            primaries = r.sources_of(np, ctx)
            outlet = next((a for a in atts if a.source_kind in OUTLET_KINDS and a.via is None), None)
            if outlet is None or not primaries:
                continue
            new = [Attribution(source=n, source_kind=kind, basis=outlet.basis, mention=m, cue=outlet.cue,
                               via=outlet.source, suspicious=s) for n, kind, _b, m, s, _v in primaries]
            atts = [a for a in atts if a is not outlet] + new
        elif k + 1 < len(toks) and (t.low, toks[k + 1].low) in r.lex.conduit_phrases:
            np = r.np_right(k + 2)
            if np is None:
                continue
            outlets = [s for s in r.sources_of(np, ctx) if s[1] in OUTLET_KINDS]
            if not outlets:
                continue
            vname = outlets[0][0]
            atts = [a.model_copy(update={"via": vname}) if a.via is None and a.source != vname else a for a in atts]
    poll = _outlet_poll(r, ctx)
    if poll is not None:
        # "In a separate Reuters poll, 14 of 22 economists expected …": the outlet asked them
        atts = [a.model_copy(update={"via": poll}) if a.via is None and a.source_kind in {"anonymous group",
                                                                                            "person or role"}
                else a for a in atts]
    return atts


def _outlet_poll(r: StatementReader, ctx: Context) -> str | None:
    """The outlet of a poll the statement opens with: "In a Reuters poll, …", "In the latest Bloomberg
    survey of economists, …"."""
    toks, a = r.toks, r.body
    if a + 3 >= len(toks) or toks[a].low != "in" or toks[a + 1].low not in {"a", "an", "the", "its"}:
        return None
    end = next((k for k in range(a + 2, min(len(toks), a + 8)) if toks[k].bare in {"poll", "survey"}), None)
    if end is None:
        return None
    outlets = [s for s in r.sources_of((a + 2, end), ctx) if s[1] in OUTLET_KINDS]
    return outlets[0][0] if outlets else None


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for a in atts:
        key = (a.source.lower(), (a.via or "").lower() or None)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    # A conduit and the same outlet standing alone say the same thing once.
    vias = {a.via.lower() for a in out if a.via}
    return [a for a in out if not (a.via is None and a.source.lower() in vias)]


def _carry_quotes(statements: list[Statement]) -> None:
    """A quotation spread over several sentences belongs to the speaker named where it closes."""
    i = 0
    while i < len(statements):
        st = statements[i]
        if st.kind != "claim" or st.attributions or not _opens_quote(st.text):
            i += 1
            continue
        j = i + 1
        while j < len(statements) and j - i <= 6 and statements[j].paragraph == st.paragraph:
            if _closes_quote(statements[j].text):
                break
            j += 1
        if j < len(statements) and statements[j].paragraph == st.paragraph and statements[j].attributions:
            for k in range(i, j):
                if not statements[k].attributions:
                    statements[k].attributions = [
                        a.model_copy(update={"mention": None, "cue": None}) for a in statements[j].attributions
                    ]
        i = j if j > i else i + 1


class _QuoteState:
    """Whether a statement stands inside a quotation an earlier sentence of its paragraph opened."""

    __slots__ = ("opened", "paragraph")

    def __init__(self) -> None:
        self.paragraph = -1
        self.opened = -1  # how many statements ago the open quotation began, or -1

    def inside(self, st: Statement) -> bool:
        if st.paragraph != self.paragraph:
            self.paragraph, self.opened = st.paragraph, -1
        text = st.text
        if "“" not in text and "”" not in text and '"' not in text:  # most statements have no marks
            if self.opened < 0:
                return False
            self.opened += 1
            return self.opened <= 6  # a stray mark must not silence a whole paragraph
        was_open = self.opened >= 0
        curly = text.count("“") - text.count("”")
        if curly > 0 or (curly == 0 and text.count('"') % 2 == 1 and not was_open):
            self.opened = 0
        elif curly < 0 or text.count('"') % 2 == 1:
            self.opened = -1  # closed here (a straight mark closes what one opened)
            # "“I can't drive them to school. Nobody's told us what to do.”": the quotation ends with
            # the statement, so all of it is the speaker's words
            return was_open and text.rstrip().endswith(("”", '"'))
        elif was_open:
            self.opened += 1
        return False  # a statement with marks of its own is read as it stands


def _quoted_whole(text: str) -> bool:
    """Is the statement one quotation from its first character to its last?"""
    if text[:1] == "“":
        return text.endswith("”") and text.count("“") == 1 and text.count("”") == 1
    return text[:1] == '"' and text.endswith('"') and text.count('"') == 2


def _opens_quote(s: str) -> bool:
    return s.count("“") > s.count("”") or s.count('"') % 2 == 1


def _closes_quote(s: str) -> bool:
    return s.count("”") > s.count("“") or s.count('"') % 2 == 1


def _names_other_outlet(st: Statement, carried: list[Attribution], ctx: Context) -> bool:
    """A claim about another outlet ("Reuters, which is owned by …") is not that outlet's report."""
    if not ctx.names.may_name_outlet(st.text):
        return False
    toks, text, names = ctx.tokens(st), ctx.text, ctx.names
    carried_names = {a.source for a in carried} | {a.via for a in carried if a.via}
    return any(src.kind in OUTLET_KINDS and src.name not in carried_names
               for _i, _j, src, _s in names.find(text, toks, 0, len(toks)))


def _another_person_acts(st: Statement, carried: list[Attribution], carried_text: str, ctx: Context) -> bool:
    """"Vance rejected both arguments", "Ferrante, a frequent critic of the mayor, is …": a person the
    draft named in full before, by surname, is the subject: the writer tells what that person did,
    not more of what the source said. Not someone the carried statement itself brought in ("Acme
    said Nadia Brennecke would serve as interim CEO. Brennecke, who joined in 2019, has …")."""
    m = _SURNAME_SUBJECT.match(st.text)
    if m is None or m.group(1) in carried_text:
        return False
    low, lex = m.group(1).lower(), ctx.lex
    if low in lex.determiners or low in lex.pronouns or low in lex.intro_words or low in lex.lowercase_when_initial \
            or low in lex.np_prepositions or low in lex.weekdays or low in lex.months:
        return False  # "The company …", "In March …": a sentence's first word (and no look-up for it)
    full = ctx.full_name(m.group(1), st.start, strict=True)
    return full is not None and all(m.group(1) not in a.source for a in carried)


# A statement opening with one capitalised word and then a lower-case word or a comma
_SURNAME_SUBJECT = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:,| [a-z])")


def _inherit(statements: list[Statement], lex: Lexicon, ctx: Context) -> None:
    """A claim with no cue continues the attributed claim before it, within one paragraph."""
    carried: list[Attribution] | None = None
    carried_text = ""
    introduced: list[Attribution] | None = None  # what an attributed "…:" before a list says
    paragraph = -1
    for st in statements:
        if st.paragraph != paragraph:
            carried, introduced, paragraph = None, None, st.paragraph
        if st.kind == "heading":
            carried = introduced = None
            continue
        if st.text[:2] in _LIST_ITEMS:
            # Each item of a list is a point of its own ("- Shares fell 9%."), told by whoever the
            # line introducing the list names ("By IDC's count, the top five vendors were:").
            carried = introduced
        else:
            introduced = st.attributions if st.attributions and st.text.rstrip().endswith(":") else None
        if st.attributions:
            carried, carried_text = st.attributions, st.text
            continue
        if carried is None:
            continue
        low = st.text.lower()
        if ("shares" in low and _SHARE_MOVE.search(low) is not None) or _NOBODY_ANSWERED.search(low) is not None \
                or lex.has_hedge(low) or (lex.has_non_response(low) and FIRST_PERSON.search(low) is None) \
                or ("verif" in low and _UNVERIFIED.search(low)) \
                or _names_other_outlet(st, carried, ctx) \
                or _another_person_acts(st, carried, carried_text, ctx):
            # "reportedly": an unnamed source; "X declined to comment", "Neither report could be
            # independently verified": the writer's own note.
            carried = None
            continue
        st.attributions = [Attribution(source=a.source, source_kind=a.source_kind, basis="inherited", via=a.via,
                                       suspicious=a.suspicious) for a in carried]


# A quotation closed, a dash, and the name it is credited to, ending the statement (a pull quote)
_QUOTE_CREDIT = re.compile(r"[”\"][\s*_]*(?P<dash>—|–|--|-)\s*(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,4})"
                           r"(?:,[^\"“”,]{1,60})?\s*$")  # (", resident": what the credit says of them)
# "Feld: …", "Mr. Okafor: …" at the start of a statement: a transcript's speaker label
_SPEAKER_LABEL = re.compile(r"((?:(?:Mr|Mrs|Ms|Dr)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}):[ \t]")


def _labelled_speaker(label: str, at: int, ctx: Context) -> str | None:
    """The person a transcript label names: someone the draft named in full before ("Feld" →
    "Nadia Feld"), never a heading word ("Q", "Update", "Note")."""
    words = label.split()
    surname = words[-1]
    if len(words) == 1 and len(surname) < 3:
        return None  # "Q:", "A:"
    full = ctx.full_name(surname, at)
    if full is None:
        return None
    return full


# "Tessaly shares rose 12% in premarket trading": market data the writer adds, nobody's word
_SHARE_MOVE = re.compile(r"^(?:[\w'’&.-]+ ){0,4}shares (?:(?:of|in) (?:[\w'’&.-]+ ){1,4}|\w+ )?"
                         r"(?:rose|fell|jumped|slid|dropped|climbed|gained|lost|tumbled|surged|plunged|sank|slumped|"
                         r"soared|rallied|edged|were (?:up|down)|closed)\b")
# "Neither Venkataraman nor Crane responded to requests for comment": the writer's note of a silence
_NOBODY_ANSWERED = re.compile(
    r"^\W*(?:neither|none of|no one|nobody)\b.{0,80}\b(?:replied|responded|commented|answered)\b")
_LIST_ITEMS = frozenset({"- ", "* ", "• ", "· ", "+ ", "– "})
_UNVERIFIED = re.compile(r"(?:\bnot\b|n['’]t\b|\bneither\b|\bunable to\b|\bcannot\b)[^.]{0,40}\bverif")
_SHARES = frozenset({"percent", "per", "%", "majority", "minority", "third", "thirds", "quarter", "half", "most"})


def _counts_people(r: StatementReader, f: Frame) -> bool:
    """Does the frame's subject count respondents ("58 percent of likely voters", "a majority of
    respondents", "two-thirds of those polled")?"""
    words = [t.low for t in r.toks[f.np[0] : f.np[1]]]
    return "of" in words and any(w in _SHARES or w[:1].isdigit() for w in words[: words.index("of")])
