"""Non-responses: who did not answer a request for comment, and who says so.

"Reuters reported that Alibaba, ByteDance and Huawei did not respond to requests for comment."
names three entities, each reported by Reuters. The subject before the phrase is read as a list
(commas, "and", "or"), stripped of wrappers like "a spokesperson for", and each item is resolved
against the registry or, for "the company"/"he", against what the draft named before.
"""

from __future__ import annotations

import re

from factcheck.analysis.lexicon import FIRST_PERSON, NON_RESPONSE_HINT_RE, Lexicon, lexicon
from factcheck.analysis.names import NameIndex, name_index
from factcheck.analysis.reader import tidy_source_name
from factcheck.analysis.references import TITLES, Context
from factcheck.analysis.sources import Registry
from factcheck.analysis.tokens import Tok
from factcheck.models import Attribution, NonResponse, Statement

MAX_SUBJECT = 30  # tokens in the subject of a non-response: enough for a list of five companies
COMPANY_REFS = frozenset({"company", "firm", "group", "carmaker", "automaker", "chipmaker", "bank", "lender",
                          "retailer", "startup", "insurer", "airline", "fund", "operator", "manufacturer",
                          "ministry", "department", "agency", "regulator", "embassy", "office", "government",
                          "administration", "commission"})


def find_non_responses(statements: list[Statement], text: str, registry: Registry) -> list[Statement]:
    """Fill in `non_responses` of every claim. Returns the same list."""
    lex = lexicon()
    names = name_index(registry)
    ctx = Context(text, names, lex)
    # Non-responses are rare: the timeline of sources they may point back to is built only when
    # one is found, by replaying the statements before it (the same timeline, built lazily).
    replayed = 0
    for i, st in enumerate(statements):
        if st.kind == "heading":
            continue
        low = st.text.lower()
        if NON_RESPONSE_HINT_RE.search(low) is None:
            continue  # no word a non-response is made of: skip the long patterns
        # The lower-cased test is cheap; the case-blind pattern then gives the offsets.
        found = lex.non_response_low_re.search(low) is not None
        matches = (found and list(lex.non_response_re.finditer(st.text))) or list(_negated_answers(st.text))
        if not matches:
            continue
        for earlier in statements[replayed:i]:
            _replay(ctx, earlier)
        replayed = i + 1
        for att in st.attributions:
            if att.basis != "inherited":
                ctx.remember(att, st)
        toks = ctx.tokens(st)
        reported_by = _reporter(st, lex)
        out: list[NonResponse] = []
        floor = st.start
        for m in matches:
            if not _about_comment(m.group(0), st.text[m.end() : m.end() + 80]):
                continue  # "did not respond to the unions' demands" is not a non-response
            phrase_start = st.start + m.start()
            phrase = _phrase(st.text, m.start())
            # A second non-response in the statement has its own subject, after the first's phrase.
            subject = [t for t in _subject(toks, phrase_start, lex) if t.start >= floor]
            floor = phrase_start + len(phrase)
            speaker = next((a for a in st.attributions if a.basis != "inherited" and a.cue is not None
                            and a.cue.end <= phrase_start), None)
            pronoun = bool(subject) and subject[-1].low in {"i", "we", "it", "he", "she", "they", "i'm", "i’m"} \
                and (len(subject) == 1 or not subject[-2].is_word or subject[-2].text != subject[-2].low
                     or subject[-2].low in {"which", "who", "that", "but", "and"})  # "…, which he declined to specify"
            if speaker is not None and (_joined_to_a_cue(toks, phrase_start) or pronoun):
                # "President Varga's office told AFP it would not comment": the speaker's own silence
                # "Brenntal said … but declined to comment on the talks": the speaker declined (the
                # subject is left out, so the words before "but" belong to what was said)
                entities = _speaks_for(speaker, st, toks, text, names, lex, ctx) or [speaker.source]
            else:
                entities = _entities(subject, text, names, lex, ctx, st)
            for entity in entities:
                if all(entity.lower() != n.entity.lower() for n in out):
                    # who declined does not report their own silence
                    by = reported_by if reported_by is None or reported_by.lower() != entity.lower() else None
                    out.append(NonResponse(entity=entity, phrase=phrase, reported_by=by))
        st.non_responses = out
        ctx.passed(st)
    return statements


def _speaks_for(speaker: Attribution, st: Statement, toks: list[Tok], text: str, names: NameIndex, lex: Lexicon,
                ctx: Context) -> list[str]:
    """The body a speaker who declined speaks for, when the draft says: "An FBI spokeswoman confirmed …
    but declined to comment" (the FBI), "A spokeswoman for the department, Alicia Moreno, said … but
    declined" (the department, when a body named before fits it). Empty when it does not."""
    if speaker.mention is None:
        return []
    mentioned = [t for t in toks if speaker.mention.start <= t.start and t.end <= speaker.mention.end]
    if len(mentioned) >= 2 and any(t.bare in _SPOKESPEOPLE for t in mentioned[1:]):
        return _entities(mentioned, text, names, lex, ctx, st)
    # The description in apposition before the name: "A spokeswoman for the department, …"
    lead = [t for t in toks if t.end <= speaker.mention.start]
    while lead and lead[-1].text == ",":
        lead.pop()
    k = len(lead)
    while k > 0 and lead[k - 1].text != ",":
        k -= 1
    described = lead[k:]
    if len(described) < 3 or described[1].bare not in SPEAKS_FOR or described[2].low not in {"for", "of", "at"}:
        return []
    entities = _entities(described, text, names, lex, ctx, st)
    # The body must fit the description and have a name ("the department" → "Department of
    # Transportation"); "the office" with no such body leaves the named speaker as who declined.
    noun = described[-1].low
    if described[-1].cap or all(noun in e.lower() and e != e.lower() for e in entities):
        return entities
    return []


def _replay(ctx: Context, st: Statement) -> None:
    """What reading `st` adds to the timeline: its sources, then the statement itself."""
    if st.kind == "heading":
        return
    for att in st.attributions:
        if att.basis != "inherited":
            ctx.remember(att, st)
    ctx.passed(st)


COMMENT_WORDS = frozenset({"comment", "comments", "request", "requests", "question", "questions", "query",
                           "queries", "inquiry", "inquiries", "enquiry", "enquiries", "call", "calls", "message",
                           "messages", "email", "emails", "e-mail", "e-mails", "voicemail", "voicemails", "phone",
                           "reporters", "reporter", "interview", "outreach", "texts", "letter", "letters"})
_WORD = re.compile(r"[\w'’-]+|[.,;:!?\"“”]")


def _about_comment(phrase: str, after: str) -> bool:
    """Did they not answer a request for comment, rather than something else?"""
    low = phrase.lower()
    if low.endswith("give") and _WORD.findall(after.lower())[:1] in (["up"], ["in"], ["way"], ["back"]):
        return False  # "refused to give up their claim" is a stance, not a silence
    if not any(v in low for v in ("respond", "reply", "return", "answer")) or "not returned" in low \
            or "unanswered" in low or "unreturned" in low:
        return True  # the messages themselves went unanswered: about comment by construction
    words = _WORD.findall(after.lower())[:10]
    if words[:2] in (["when", "asked"], ["when", "contacted"], ["when", "approached"]):
        return True  # "did not respond when asked whether …"
    for w in words:
        if w in COMMENT_WORDS:
            return True
        if w in {".", ";", "!", "?", "\"", "“", "”", ","}:
            # "… did not immediately respond." ends the clause; "He did not return." is a player
            return "return" not in low
        if w not in _FILLER and not w.endswith(("'s", "’s")):  # "TechCrunch’s questions"
            return False
    return False


_FILLER = frozenset({"immediately", "to", "a", "an", "the", "our", "my", "his", "her", "their", "its", "multiple",
                     "repeated", "several", "emailed", "e-mailed", "written", "detailed", "phoned", "telephone",
                     "requests", "for", "on", "by", "from", "reuters", "bloomberg", "ap", "afp", "news",
                     "direct", "text", "voice", "numerous", "two", "three", "further", "follow-up", "specific",
                     "additional", "more", "last", "latest", "first", "second"})


# (also reported: "Le Monde said neither Armorique Naval nor the embassy had responded")
_NEGATED_SUBJECT = re.compile(r"^\W*(?:[^\W\d][\w'’.-]*\s+){0,6}?(?:(?:said|says|reported|added)\s+(?:that\s+)?)?"
                              r"(?:neither|none of|no one|nobody)\b", re.IGNORECASE)
_ANSWER_VERB = re.compile(r"\b(?:replied|responded|commented|answered|returned)\b", re.IGNORECASE)


_NAME = r"[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}"


def _listed_before(text: str, noun: str, before: int) -> list[str]:
    """The names a recent statement listed after `noun`: "online retailers Brightcart and
    Homestead Direct" for "Neither retailer"."""
    window = text[max(0, before - 1500) : before]
    found = None
    for m in re.finditer(rf"\b{re.escape(noun)}s?,? ({_NAME}(?:, {_NAME})*,? and {_NAME})", window):
        found = m.group(1)
    if found is None:
        return []
    return [n.strip() for n in re.split(r",? and |, ", found) if n.strip()]


_NOT_AN_ENTITY = frozenset({"on", "in", "at", "by", "since", "until", "after", "before", "during", "for", "when"})
_MESSAGES = frozenset({"message", "messages", "call", "calls", "email", "emails", "e-mail", "request", "requests",
                       "inquiry", "inquiries", "question", "questions", "voicemail", "text", "texts", "letter"})
_CLAUSE_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should",
                           "can", "may", "might", "must", "did", "does", "do", "not"})


def _joined_to_a_cue(toks: list[Tok], phrase_start: int) -> bool:
    """Does the phrase follow "but" or "and" after a cue ("said … but declined to comment")?"""
    k = next((i for i, t in enumerate(toks) if t.start >= phrase_start), len(toks)) - 1
    while k >= 0 and toks[k].low in {"also", "immediately"}:
        k -= 1
    return k > 0 and toks[k].low in {"but", "and"}


def _negated_answers(text: str) -> list[re.Match[str]]:
    """"Neither Menon nor Sobral replied to direct messages.": a non-response told the other way round."""
    if not _NEGATED_SUBJECT.search(text):
        return []
    m = _ANSWER_VERB.search(text)
    return [m] if m and _about_comment("respond", text[m.end() : m.end() + 80]) else []


# Bodies whose spokesman speaks for them, not for the government named before: "an army spokesman"
# after the country's council spoke is the army's.
_FORCES = frozenset({"army", "military", "navy", "police"})


def _phrase(s: str, start: int) -> str:
    """The non-response phrase up to the end of its clause: "did not respond to requests for comment"."""
    end = len(s)
    for stop in (",", ";", ".", " and ", " but ", "\u201d", '"', " on "):
        k = s.find(stop, start)
        if k != -1:
            end = min(end, k)
    return " ".join(s[start:end].split())


# Who speaks for someone: "an Amazon spokesperson", "Brierley's office" name Amazon and Brierley.
# "The Green Left, seen as a likely kingmaker, did not …": a description between commas.
DESCRIBING_PARTICIPLES = frozenset({"seen", "known", "considered", "regarded", "described", "based", "headquartered",
                                    "owned", "backed", "founded", "led", "run", "viewed", "widely"})
# A lawyer or an aide is a person of their own ("Bale's attorney" stays as written).
_SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
                           "representatives"})
SPEAKS_FOR = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative", "representatives",
                        "spokespeople", "office", "campaign", "camp", "team", "press office", "officials",
                        "executives"})


# How a spokesperson's name says whom they speak for: "a spokesman for the company (Brennard
# Industries spokesman)", "a spokesperson for Nvidia"
_SPOKESPERSON_OF = re.compile(r"\((.+) spokes\w+\)$|^an? spokes\w+ for ([A-Z].*)$")


def _reporter(st: Statement, lex: Lexicon) -> str | None:
    for att in st.attributions:
        if att.cue is not None and att.cue.text.lower() in lex.participle_cues:
            continue  # "X declined to comment, saying only …": X's own words, not a report about X
        if att.basis in {"explicit", "reference"}:
            return att.via or att.source
        if att.basis == "inherited" and FIRST_PERSON.search(st.text.lower()):
            return att.via or att.source  # "… has not answered my last three emails": the speaker tells it
    return None



def _subject(toks: list[Tok], phrase_start: int, lex: Lexicon) -> list[Tok]:
    """The tokens of the subject standing before the phrase, back to the clause boundary."""
    k = next((i for i, t in enumerate(toks) if t.start >= phrase_start), len(toks))
    end = k
    # "Lattice had declined", "the company has also declined": auxiliaries and adverbs before the phrase
    while end > 0 and toks[end - 1].low in {"also", "all", "both", "immediately", "each", "either", "so", "far",
                                            "had", "has", "have", "previously", "again", "repeatedly"}:
        end -= 1
    j = end - 1
    while j >= 0 and end - j <= MAX_SUBJECT:
        t = toks[j]
        if t.text == ",":
            # "Amazon, which owns the site, declined …": skip a relative clause between commas.
            k2 = j - 1
            while k2 >= 0 and toks[k2].text != "," and j - k2 <= 15:
                k2 -= 1
            between = toks[k2 + 1 : j]
            relative = any(x.low in {"which", "who", "whose", "that"} for x in between)
            # "Castlegate Security, the firm hired to …, did not …": a description right before the phrase
            described = j == end - 1 and k2 >= 1 and toks[k2 - 1].cap
            if k2 >= 0 and between and (toks[k2 + 1].low in {"which", "who", "whose"}
                                        or (toks[k2 + 1].low in {"the", "a", "an"} and (relative or described))
                                        or (toks[k2 + 1].low in DESCRIBING_PARTICIPLES and described)):
                # "Amazon, which owns the site, declined …", "Copperline, the contractor that …, did not …":
                # skip the clause between the commas.
                j = k2 - 1
                end = k2
                continue
            j -= 1
            continue
        if t.text in {"“", "\""} and j == end - 1:
            j -= 1  # 'it “does not comment on …”': the quotation opens at the phrase
            end -= 1
            continue
        if not t.is_word and t.text not in {"&", ".", "'", "’"}:
            break
        if t.low in {"that", "said", "reported", "says", "told", "while", "but", "because", "as", "when",
                     "although", "though", "after", "and/or"} or (
                t.low in lex.cues and t.low not in {"and"} and not (j > 0 and toks[j - 1].low in lex.determiners)):
            break  # (a cue after "the" is a noun: "the firms named in the reports could not be reached")
        j -= 1
    return [t for t in toks[j + 1 : end]]


def _entities(subject: list[Tok], text: str, names: NameIndex, lex: Lexicon, ctx: Context,
              st: Statement) -> list[str]:
    """Split a subject into the entities it lists, each cleaned and resolved."""
    items: list[list[Tok]] = [[]]
    joins: list[str] = []  # what stood before each item after the first: "," or "and"
    # "the Bureau of Industry and Security": a known name is never split at its "and"
    inside_names = {k for i, j, _src, _s in names.find(text, subject, 0, len(subject)) for k in range(i, j)} \
        if any(t.low in {"and", "&"} for t in subject) else set()
    for n, t in enumerate(subject):
        if (t.text == "," or t.low in {"and", "or", "nor", "&"}) and n not in inside_names:
            if items[-1]:
                items.append([])
                joins.append("," if t.text == "," else "and")
            elif t.text != "," and joins:
                joins[-1] = "and"  # ", and"
            continue
        items[-1].append(t)
    if not items[-1]:
        items.pop()
    # Appositions are not entities: "A, B and C, the group's parent," (a comma after the "and" that
    # closed the list) and "Pacific Crest's parent, Crest Holdings" (a description beside a name).
    keep: list[list[Tok]] = []
    closed = False
    for n, item in enumerate(items):
        join = joins[n - 1] if n else None
        # "Vindhya Pradesh's Chief Electoral Officer, Sunil Bhargava": a title describes too
        described = not item[-1].cap or item[-1].low in TITLES
        if join == "," and closed:
            if keep and not keep[-1][-1].cap and item[-1].cap:
                # "Daeyang and its largest shareholder, the firm Bukhan Partners, …", "the association
                # and two large exporters, Mekong Harvest and Saigon Agro,": the names, not the description
                keep[-1] = item
            continue
        if join == "," and len(items) == 2 and described and items[0][-1].cap:
            continue
        if n == 0 and len(items) >= 2 and joins[0] == "," and described and items[1][-1].cap \
                and (len(items) == 2 or joins[1] == "and" or all(i[-1].cap for i in items[1:])):
            # "Two of its largest customers, the chains FreshWay and Hollis Market, …", "Acme's
            # parent company, Rhenvald Group, and the port authority …": the description of a name.
            continue
        closed = closed or join == "and"
        keep.append(item)
    items = keep
    out: list[str] = []
    for item in items:
        words = [t.low for t in item]
        held = next((k for k, w in enumerate(words[:3]) if w in _MESSAGES), None)
        if held is not None and "with" in words[held:]:
            # "Messages left with Bale's attorney were not returned": the attorney did not answer
            item = item[held + words[held:].index("with") + 1 :]
            words = [t.low for t in item]
            held = None
        if any(t.low in _CLAUSE_VERBS and not t.cap for t in item) or (words and words[0] in _NOT_AN_ENTITY) \
                or held is not None or not item:
            # "the plan was sound and the council declined": a clause; "on Friday", "a message left
            # at his home (was not returned)": the time, or what went unanswered, not who
            continue
        counted = bool(words) and words[0] in {"neither", "either", "both"}
        while words and words[0] in {"neither", "either", "both"}:
            item, words = item[1:], words[1:]
        if counted and len(words) == 1 and not item[0].cap:
            listed = _listed_before(text, words[0], item[0].start)
            if listed:
                out.extend(listed)  # "… retailers Brightcart and Homestead Direct. Neither retailer responded"
                continue
        for wrap in lex.non_response_wrappers:
            if tuple(words[: len(wrap)]) == wrap:
                item, words = item[len(wrap):], words[len(wrap):]
                break
        if not item:
            continue
        s, e = item[0].start, item[-1].end
        raw = text[s:e]
        known = names.find(text, item, 0, len(item))
        if known and any(t.low in TITLES for t in item[known[-1][1] :]):
            known = []  # "Bank of Japan Governor Hideo Sakamaki declined": the governor, not the bank
        # "The Commerce Department's Bureau of Industry and Security declined": the bureau, not its owner
        known = [k for n, k in enumerate(known) if not (n + 1 < len(known) and known[n + 1][0] == k[1]
                                                        and item[k[1] - 1].low.endswith(("'s", "’s")))]
        if known:
            out.extend(src.name for _i, _j, src, _s in known)
            continue
        bare = [w for w in words if w not in lex.determiners]
        if words and words[0] in {"the", "its", "their"} and bare and len(bare) <= 2 and not item[-1].cap and (
                bare[-1] in COMPANY_REFS or lex.reference_nouns.get(bare[-1]) in {"company", "government"}) \
                and not any(w.endswith(("'s", "’s")) and w[:-2] in TITLES for w in bare):
            ref = lex.reference_nouns.get(bare[-1], "company")
            # "the finance ministry", "the central bank": what the description says must fit
            hit = ctx.resolve("government" if ref == "government" else "company", bare[-1], st, item[0].start,
                              tuple(bare[:-1]))
            # "The fund declined" after "Northgate said": the name in full ("Northgate Ventures")
            out.append(ctx.expand_name(hit.source, item[0].start) if hit else tidy_source_name(raw, lex))
            continue
        if len(words) == 2 and words[0] in {"his", "her", "its", "their"}:
            # "Her spokesman declined to comment": whose spokesman, by the person named before.
            owner = ctx.resolve(lex.pronouns.get(words[0], "person"), {"his": "he", "her": "she", "its": "it",
                                                                       "their": "they"}[words[0]], st, item[0].start)
            if owner is not None:
                out.append(f"{owner.source}'s {item[1].text}")
                continue
        if len(words) == 2 and words[0] == "the" and words[1] in lex.role_heads and not words[1].endswith("s") \
                and words[1] not in SPEAKS_FOR:
            # "A senior State Department official said …. The official, who spoke on condition of
            # anonymity, declined to comment": the one the draft named with that role before
            hit = ctx.resolve("person", words[1], st, item[0].start)
            if hit is not None and words[1] in hit.source.lower():
                out.append(hit.source)
                continue
        if words in (["he"], ["she"], ["they"], ["it"]):
            hit = ctx.resolve(lex.pronouns[words[0]], words[0], st, item[0].start)
            # (not the one telling it: "They have not answered my emails" is not the speaker's silence)
            if hit is not None and all(hit.source != a.source for a in st.attributions):
                out.append(hit.source)
            continue
        speaker = next((k for k, t in enumerate(item) if t.bare in SPEAKS_FOR and k > 0), None)
        if speaker is not None:
            # "An Amazon spokesperson" → Amazon; "a Shirane spokesperson in Tokyo" → Shirane Motors
            # (named in full before); "Brierley's office" → Alan Brierley.
            core = [t for t in item[:speaker] if t.low not in lex.determiners and t.low not in {"press", "media"}]
            if not core and speaker + 2 < len(item) and item[speaker + 1].low in {"for", "of"}:
                core = item[speaker + 2 :]  # "a representative for Feltham"
            if not core and speaker == len(item) - 1 and item[0].low == "the" and item[speaker].bare != "office":
                # "The spokesman declined": whom the spokesman named before speaks for
                hit = ctx.resolve("person", item[speaker].low, st, item[0].start)
                speaks_for = _SPOKESPERSON_OF.search(hit.source) if hit is not None else None
                if speaks_for is not None:
                    out.append(speaks_for.group(1) or speaks_for.group(2))
                    continue
            if not core and speaker == len(item) - 1 and item[0].low in {"a", "an"} \
                    and item[speaker].bare in _SPOKESPEOPLE:
                # "… the Department of Health said. A spokesperson did not respond to questions about …":
                # a spokesperson for the body the story last named
                hit = ctx.resolve("thing", "it", st, item[0].start)
                if hit is not None and hit.source[:1].isupper():
                    out.append(ctx.expand_name(hit.source, item[0].start))
                    continue
            if core and core[0].low in {"the", "its", "their"}:
                core = core[1:]
            if len(core) == 1 and not core[0].cap and (lex.reference_nouns.get(core[0].low) in {"company", "government"}
                                                       or core[0].low == "agency"):
                # "A department spokeswoman", "a spokesman for the commission", "An agency spokesperson":
                # the body named before
                ref = lex.reference_nouns.get(core[0].low, "company")
                ref = "government" if ref == "government" else "outlet" if ref == "outlet" else "company"
                hit = ctx.resolve(ref, core[0].low, st, item[0].start)
                if hit is not None and (core[0].low not in _FORCES or core[0].low in hit.source.lower()):
                    out.append(hit.source)
                    continue
            if core and all(t.cap for t in core):
                written = text[core[0].start : core[-1].end]
                name = written.removesuffix("'s").removesuffix("’s")
                full = ctx.expand_name(name, item[0].start)
                if name != written and full != name:
                    # "Holm's office" → "Mira Holm's office": whose office, by the full name.
                    out.append(full + written[len(name):] + text[core[-1].end : item[-1].end])
                else:
                    out.append(full)
                continue
        if len(item) == 1 and item[0].cap and item[0].is_word and not item[0].text.isupper():
            # "a representative for Crane declined" → "Della Crane", named in full before
            out.append(ctx.expand_name(item[0].text, item[0].start))
            continue
        acronym = [t for t in item if t.low not in lex.determiners]
        if len(acronym) == 1 and acronym[0].text.isupper() and acronym[0].text.isalpha() \
                and (spelt := ctx.spelt_out(acronym[0].text, item[0].start)) is not None:
            out.append(spelt)  # "The NIS declined" after "the National Intelligence Service (NIS)"
            continue
        if len(words) == 2 and words[0] == "the" and not item[1].cap \
                and lex.reference_nouns.get(words[1]) in {None, "person"}:
            # "the singer would not comment" → "The singer Della Crane" named before
            hit = ctx.person_called(words[1], item[0].start)
            if hit is not None:
                out.append(hit.source)
                continue
        if len(item) == 2 and words[0].rstrip(".") in {"mr", "mrs", "ms", "dr"} and item[1].cap:
            # "Mr. Stein did not return calls": the person the draft named in full before
            in_full = ctx.full_name(item[1].text, item[0].start)
            if in_full:
                out.append(in_full)
                continue
        name = tidy_source_name(raw, lex)
        if name:
            out.append(name)
    return out
