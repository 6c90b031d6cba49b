"""Exact look-up of registry names inside a run of tokens.

Built once per registry (building costs more than reading a short draft), then a few set
look-ups per token: a token whose lower-case form starts no registry name is passed over
without being normalised.
"""

from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.analysis.sources import Registry, fold_lookalikes, normalise
from factcheck.analysis.tokens import WORD_RE, Tok, tokenize
from factcheck.models import RegistrySource

MAX_ALIAS_WORDS = 6
OUTLET_KINDS: frozenset[str] = frozenset({"news outlet", "wire agency"})


@dataclass
class NameIndex:
    """Exact look-up of registry names inside a run of tokens, longest name first."""

    registry: Registry
    aliases: dict[str, RegistrySource] = field(init=False)
    first_words: frozenset[str] = field(init=False)
    article_keys: frozenset[str] = field(init=False)
    outlet_singles: frozenset[str] = field(init=False)
    acronyms: frozenset[str] = field(init=False)
    outlet_pairs: frozenset[tuple[str, str]] = field(init=False)
    prefixes: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.aliases = self.registry.aliases()
        # Keys of names written in capitals ("WHO", "AP"): "who" and "ap" in lower case are words.
        self.acronyms = frozenset(
            _norm(alias) for src in self.registry.sources() for alias in (src.name, *src.aliases)
            if alias.isupper() and alias.isalpha()
        )
        self.article_keys = self.registry.article_keys()
        self.first_words = frozenset(k.split()[0] for k in self.aliases if k)
        # Every key cut after each of its words: once a stretch's key is none of these, no longer
        # stretch can be a name, so `find` reads forward and stops there.
        self.prefixes = frozenset(" ".join(k.split()[:n]) for k in self.aliases for n in range(1, len(k.split()) + 1))
        # The same first words as raw tokens lower-case them, so most tokens are ruled out by one
        # set look-up, without normalising them.
        raw_first: set[str] = set()
        for src in self.registry.sources():
            for alias in (src.name, *src.aliases):
                for tok in tokenize(alias)[:2]:
                    raw_first.add(tok.low)
                    raw_first.add(tok.bare)
        raw_first |= self.first_words
        raw_first |= {w + "+" for w in raw_first if w.isalpha()}  # "OPEC+", "Disney+": the name with a plus
        # …and as a possessive ("Reuters's", "the FT’s"), so `find` needs no `Tok.bare` for them.
        possessive = {w + end for w in raw_first for end in ("'s", "’s")}
        possessive |= {w + end for w in raw_first if w.endswith("s") for end in ("'", "’")}
        self.raw_first = frozenset(raw_first | possessive)
        # The first word of each outlet's one-word names, and the first two of longer ones: a
        # statement with none of them names no outlet, and is passed over without tokenising.
        singles: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for src in self.registry.sources():
            if src.kind not in OUTLET_KINDS:
                continue
            for alias in (src.name, *src.aliases):
                words = [w for w in WORD_RE.findall(alias.lower()) if w not in {"the", "a"}]
                if len(words) == 1:
                    singles.add(words[0])
                elif words:
                    pairs.add((words[0], words[1]))
        self.outlet_singles = frozenset(singles)
        self.outlet_pairs = frozenset(pairs)

    def may_name_outlet(self, text: str) -> bool:
        """False when `text` surely names no outlet (a cheap test before `find`)."""
        if not text.isascii():
            return True  # look-alike letters and accents: let `find` decide
        words = WORD_RE.findall(text.lower())
        # set tests iterate in C (measured: faster than a generator, and than one trie pattern)
        return not self.outlet_singles.isdisjoint(words) or not self.outlet_pairs.isdisjoint(itertools.pairwise(words))

    def find(self, text: str, toks: list[Tok], a: int, b: int) -> list[tuple[int, int, RegistrySource, bool]]:
        """Known names among toks[a:b] as (first token, end token, source, suspicious)."""
        found: list[tuple[int, int, RegistrySource, bool]] = []
        i = a
        while i < b:
            tok = toks[i]
            if tok.low not in self.raw_first and tok.text.isascii():
                i += 1
                continue
            first = _norm(tok.text).split()
            if not first or first[0] not in self.first_words:
                i += 1
                continue
            # The longest name wins: read forward, keep the last stretch that is a name.
            best: tuple[int, RegistrySource, str] | None = None
            for j in range(i + 1, min(b, i + MAX_ALIAS_WORDS) + 1):
                if not toks[j - 1].is_word and toks[j - 1].text != ".":
                    continue
                span = text[toks[i].start : toks[j - 1].end]
                key = _norm(span)
                src = self.aliases.get(key)
                if src is not None and key in self.article_keys and (i == 0 or toks[i - 1].low != "the"
                                                                     or not toks[i].text[:1].isupper()):
                    src = None  # "times" is The Times only as "the Times"; "three times", "the independent …" are words
                if src is not None and key in self.acronyms and not span.isupper():
                    src = None  # "who" is not the WHO
                if src is not None:
                    best = (j, src, span)
                if key not in self.prefixes:
                    break
            if best is None:
                i += 1
                continue
            j, src, span = best
            found.append((i, j, src, _looks_alike(span)))
            i = j
        return found


_INDEXES: weakref.WeakKeyDictionary[Registry, NameIndex] = weakref.WeakKeyDictionary()


def name_index(registry: Registry) -> NameIndex:
    """One index per registry, built once: building it costs more than reading a short draft."""
    index = _INDEXES.get(registry)
    if index is None:
        index = _INDEXES[registry] = NameIndex(registry)
    return index


@lru_cache(maxsize=65536)
def _norm(s: str) -> str:
    return normalise(s)


@lru_cache(maxsize=8192)
def _looks_alike(s: str) -> bool:
    return not s.isascii() and fold_lookalikes(s)[1]


