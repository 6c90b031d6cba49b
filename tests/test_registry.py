"""The source registry: normalisation, exact and fuzzy resolution, look-alikes, kind guesses."""

from __future__ import annotations

import json
import time
from importlib import resources
from itertools import combinations
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.analysis.sources import (
    Registry,
    close_enough,
    fold_lookalikes,
    guess_kind,
    load_seed,
    normalise,
)
from factcheck.models import RegistrySource, SourceKind


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.default()


def resolved_name(registry: Registry, name: str) -> str | None:
    found = registry.lookup(name)
    return found.name if found else None


# --- normalise ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("The Financial Times", "financial times"),
        ("  financial\u00a0 times ", "financial times"),
        ("the FT’s", "ft"),
        ("Reuters'", "reuters"),
        ("Bloomberg's", "bloomberg"),
        ("U.S. Commerce Department", "us commerce department"),
        ("Agence France-Presse", "agence france presse"),
        ("Mail & Guardian", "mail and guardian"),
        ("El País", "el pais"),
        ("El Pai\u0301s", "el pais"),  # NFD input
        ("Ｒｅｕｔｅｒｓ", "reuters"),
        ("Reu\u200bters", "reuters"),
        ("Reu\u00adters", "reuters"),
        ("R\u0435uters", "reuters"),  # Cyrillic е
        ("Folha de S.Paulo", "folha de s paulo"),
        ("新华社", "新华社"),
        ("", ""),
        ("...", ""),
    ],
)
def test_normalise(raw: str, key: str) -> None:
    assert normalise(raw) == key


def test_fold_lookalikes_reports_spoofing_but_not_ordinary_variation() -> None:
    assert fold_lookalikes("Reuters") == ("Reuters", False)
    assert fold_lookalikes("Financial\u00a0Times") == ("Financial Times", False)  # NBSP is ordinary
    assert fold_lookalikes("El Pai\u0301s") == ("El País", False)  # NFD is ordinary
    assert fold_lookalikes("Reuters’") == ("Reuters'", False)
    assert fold_lookalikes("R\u0435uters") == ("Reuters", True)
    assert fold_lookalikes("Reu\u200bters") == ("Reuters", True)
    assert fold_lookalikes("Ｒｅｕｔｅｒｓ") == ("Reuters", True)
    assert fold_lookalikes("\u202eReuters") == ("Reuters", True)
    # A genuine Cyrillic word keeps its script: it is not a spoof of a Latin name.
    assert fold_lookalikes("Ведомости") == ("Ведомости", False)


# --- exact, alias and fuzzy resolution ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Financial Times", "Financial Times"),
        ("Financial Times", "Financial Times"),
        ("the FT", "Financial Times"),
        ("FT", "Financial Times"),
        ("Financial Times report", "Financial Times"),
        ("The Financial Times report", "Financial Times"),
        ("a Reuters report", "Reuters"),
        ("Reuters news agency", "Reuters"),
        ("the AP", "Associated Press"),
        ("Agence France-Presse", "Agence France-Presse (AFP)"),
        ("AFP", "Agence France-Presse (AFP)"),
        ("Bloomberg News", "Bloomberg"),
        ("WSJ", "The Wall Street Journal"),
        ("the Journal", "The Wall Street Journal"),
        ("Wall Street Journal", "The Wall Street Journal"),
        ("NYT", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("the Times", "The Times"),
        ("Times of India", "Times of India (TOI)"),
        ("The Times of India", "Times of India (TOI)"),
        ("The Information", "The Information"),
        ("Nikkei", "Nikkei"),
        ("the Nikkei", "Nikkei"),
        ("Nikkei Asia", "Nikkei Asia"),
        ("SCMP", "South China Morning Post (SCMP)"),
        ("El Pais", "El País"),
        ("Clarin", "Clarín"),
        ("Mail and Guardian", "Mail & Guardian"),
        ("the Commerce Department", "U.S. Commerce Department"),
        ("US Commerce Department", "U.S. Commerce Department"),
        ("Securities and Exchange Commission", "Securities and Exchange Commission"),
        ("SEC", "Securities and Exchange Commission"),
        ("Contemporary Amperex Technology", "CATL"),
        ("Alibaba Group", "Alibaba"),
        ("Huawei Technologies", "Huawei"),
        ("ТАСС", "TASS"),
        ("FinancialTimes", "Financial Times"),
    ],
)
def test_known_names_and_aliases_resolve(registry: Registry, name: str, expected: str) -> None:
    assert resolved_name(registry, name) == expected


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Finacial Times", "Financial Times"),
        ("Financial Tmes", "Financial Times"),
        ("Reuter", "Reuters"),
        ("Reutres", "Reuters"),
        ("Bloomburg", "Bloomberg"),
        ("Blomberg", "Bloomberg"),
        ("Associated Pres", "Associated Press"),
        ("Wall Street Jounral", "The Wall Street Journal"),
        ("Times of Indai", "Times of India (TOI)"),
        ("Nikkei Asai", "Nikkei Asia"),
        ("Xinhau", "Xinhua"),
        ("The Informaton", "The Information"),
        ("South China Morning Psot", "South China Morning Post (SCMP)"),
    ],
)
def test_misspellings_find_the_right_source(registry: Registry, typo: str, expected: str) -> None:
    found = registry.lookup(typo)
    assert found is not None and found.name == expected
    assert found.known and found.score < 100 and not found.suspicious


# Pairs that must never be read as one another, whichever way round.
NEVER_MERGED = [
    ("The Times", "Financial Times"),
    ("The Times", "The New York Times"),
    ("The Times", "Times of India"),
    ("Financial Times", "The New York Times"),
    ("Times of India", "The Times of Israel"),
    ("The Information", "Information"),
    ("Nikkei", "Nikkei Asia"),
    ("CNN", "CNBC"),
    ("AP", "AFP"),
    ("Politico", "Politico Europe"),
    ("Daily Mail", "Daily Nation"),
    ("The Washington Post", "New York Post"),
    ("The Guardian", "Mail & Guardian"),
    ("Reuters", "Thomson Reuters"),
    ("Bloomberg", "Bloomberg Intelligence"),
    ("ABC News", "ABC (Australia)"),
    ("The Economist", "Economic Times"),
]


@pytest.mark.parametrize(("a", "b"), NEVER_MERGED)
def test_different_sources_stay_apart(registry: Registry, a: str, b: str) -> None:
    first, second = resolved_name(registry, a), resolved_name(registry, b)
    assert first is None or second is None or first != second
    # and one is never within fuzzy reach of the other, whichever way round
    if normalise(a) != normalise(b):
        assert not close_enough(normalise(a), normalise(b))
        assert not close_enough(normalise(b), normalise(a))


@pytest.mark.parametrize(
    "word",
    [
        "Times",  # without its article "The Times" is a word, not the London paper
        "Information",
        "Journal",
        "Economist",
        "Guardian",
        "Kyoto",  # a city, one letter from Kyodo
        "Politics",  # one letter from Politico
        "Axis",  # one letter from Axios
        "Insiders",
        "Interface",
        "UPI news agency",  # not AP's, though only a short word differs
        "CNNN",
        "ABC",  # ambiguous: US or Australian
        "Acme Widgets",
        "people familiar with the matter",
    ],
)
def test_ordinary_words_and_unknown_names_match_nothing(registry: Registry, word: str) -> None:
    assert registry.lookup(word) is None


def test_registry_keys_are_further_apart_than_a_typo() -> None:
    """No two sources are within fuzzy reach of each other, so a typo can never be ambiguous."""
    aliases = Registry.default().aliases()
    close = [
        (a, b)
        for a, b in combinations(aliases, 2)
        if aliases[a].name != aliases[b].name and close_enough(a, b)
    ]
    assert close == []


def test_a_tie_between_two_sources_resolves_to_neither() -> None:
    registry = Registry(
        [
            RegistrySource(name="Daily Planet", kind="news outlet"),
            RegistrySource(name="Daily Plinet", kind="news outlet"),
        ]
    )
    assert registry.lookup("Daily Plenet") is None
    assert resolved_name(registry, "Daily Planet") == "Daily Planet"


# --- look-alikes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spoof",
    ["Reu\u200bters", "R\u0435uters", "Ｒｅｕｔｅｒｓ", "Reu\u00adters", "\u202eReuters", "Reuter\u0455"],
)
def test_lookalikes_resolve_to_the_real_source_and_are_flagged(registry: Registry, spoof: str) -> None:
    found = registry.lookup(spoof)
    assert found is not None and found.name == "Reuters"
    assert found.suspicious
    assert found.note and "read as Reuters" in found.note and "U+" in found.note
    assert spoof not in found.note  # the note never echoes hidden characters to a terminal


def test_registered_non_latin_names_are_not_suspicious(registry: Registry) -> None:
    found = registry.lookup("ТАСС")
    assert found is not None and found.name == "TASS" and not found.suspicious
    assert registry.lookup("新华社").name == "Xinhua"  # type: ignore[union-attr]


def test_unknown_lookalike_names_are_flagged_and_merged(registry: Registry) -> None:
    plain = registry.resolve("Acme Widgets")
    spoof = registry.resolve("Acm\u0435 Widgets")
    assert not plain.known and not spoof.known
    assert spoof.name == plain.name == "Acme Widgets"
    assert spoof.suspicious and not plain.suspicious


# --- resolve and guess_kind --------------------------------------------------------------------


def test_resolve_reports_unknown_sources_with_a_guessed_kind(registry: Registry) -> None:
    known = registry.resolve("the FT")
    assert known.known and known.name == "Financial Times" and known.kind == "news outlet"
    unknown = registry.resolve("the Ministry of Commerce of Ruritania")
    assert not unknown.known and unknown.kind == "government body"
    assert unknown.name == "Ministry of Commerce of Ruritania"
    assert registry.resolve("“Acme Corp’s”").name == "Acme Corp"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("people familiar with the matter", "anonymous group"),
        ("a person briefed on the matter", "person or role"),
        ("Singapore based operators", "anonymous group"),
        ("operators in that region", "anonymous group"),
        ("analysts", "anonymous group"),
        ("analysts at Jefferies", "anonymous group"),
        ("U.S. officials", "anonymous group"),
        ("sources close to the company", "anonymous group"),
        ("a CATL spokesperson", "person or role"),
        ("an administration official", "person or role"),
        ("the chief executive", "person or role"),
        ("Mr Huang", "person or role"),
        ("Jensen Huang", "person or role"),
        ("the Commerce Ministry", "government body"),
        ("Ministry of Commerce", "government body"),
        ("Chinese authorities", "government body"),
        ("the central bank", "government body"),
        ("company filings", "document"),
        ("a court filing", "document"),
        ("the report", "document"),
        ("a letter", "document"),
        ("Acme Inc", "company"),
        ("Zhipu Technologies", "company"),
        ("Lumen Holdings", "company"),
        ("World Trade Organization", "organisation"),
        ("the Ruritania Herald", "news outlet"),
        ("Kestrel TV", "news outlet"),
        ("a local newspaper", "news outlet"),
        ("the Ruritanian news agency", "wire agency"),
        ("Ruritania Press Service", "wire agency"),
        ("Greenpeace", "organisation"),
        ("", "unknown"),
    ],
)
def test_guess_kind(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


# --- the seed file -----------------------------------------------------------------------------


def test_seed_file_is_readable_json_with_valid_sources() -> None:
    raw = resources.files("factcheck").joinpath("data", "registry.json").read_text(encoding="utf-8")
    items = json.loads(raw)
    assert isinstance(items, list)
    sources = [RegistrySource.model_validate(item) for item in items]
    kinds = set(get_args(SourceKind))
    assert all(s.kind in kinds for s in sources)
    assert len({s.name for s in sources}) == len(sources)


def test_seed_covers_outlets_and_agencies_from_every_continent() -> None:
    sources = load_seed()
    press = [s for s in sources if s.kind in ("news outlet", "wire agency")]
    assert len(press) >= 90
    continents = {
        "Europe": {"GB", "FR", "DE", "ES", "IT", "RU", "CH", "NL", "SE", "PL"},
        "Asia": {"CN", "JP", "KR", "IN", "SG", "HK", "ID", "MY", "PK", "TW"},
        "Africa": {"NG", "KE", "ZA", "EG", "ET", "GH", "MA", "UG"},
        "North America": {"US", "CA", "MX"},
        "South America": {"BR", "AR", "CL", "CO", "PE"},
        "Oceania": {"AU", "NZ"},
        "Middle East": {"QA", "IL", "AE", "SA", "TR"},
    }
    for continent, countries in continents.items():
        assert sum(s.country in countries for s in press) >= 3, continent
    for kind in ("company", "government body", "wire agency"):
        assert any(s.kind == kind for s in sources), kind


def test_seed_lists_each_spelling_once() -> None:
    """An alias that only differs by case, "the", punctuation or accents is already matched."""
    seen: dict[str, str] = {}
    for source in load_seed():
        for form in (source.name, *source.aliases):
            key = normalise(form)
            assert key, form
            assert key not in seen, f"{form!r} ({source.name}) repeats {seen.get(key)!r}"
            seen[key] = f"{form} ({source.name})"


def test_article_keys_are_the_one_word_names_that_need_their_article() -> None:
    keys = Registry.default().article_keys()
    assert {"times", "information", "journal", "economist", "guardian", "hindu", "age"} <= keys
    assert "financial times" not in keys and "reuters" not in keys and "nikkei" not in keys


def test_ambiguous_short_forms_are_not_aliases() -> None:
    aliases = Registry.default().aliases()
    # "the Times" is The Times of London, never the New York Times; bare "ABC" is ambiguous.
    assert aliases["times"].name == "The Times"
    assert "abc" not in aliases


# --- speed -------------------------------------------------------------------------------------


def test_lookups_are_cached_and_fast(registry: Registry) -> None:
    names = ["Reuters", "the FT", "Finacial Times", "people familiar with the matter", "Acme Corp"] * 2000
    registry.lookup("warm up")
    started = time.perf_counter()
    for name in names:
        registry.lookup(name)
    assert time.perf_counter() - started < 0.05  # 10,000 calls
    fresh = [f"Unheard Of Outlet {i}" for i in range(1000)]
    started = time.perf_counter()
    for name in fresh:
        registry.resolve(name)
    assert time.perf_counter() - started < 1.0


def test_default_registry_is_built_once() -> None:
    assert Registry.default() is Registry.default()


# --- properties ----------------------------------------------------------------------------------

SEED_NAMES = [s.name for s in load_seed()]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_handled(text: str) -> None:
    registry = Registry.default()
    found = registry.lookup(text)
    resolved = registry.resolve(text)
    assert found is None or found.known
    assert resolved.kind in get_args(SourceKind)
    assert isinstance(normalise(text), str) and isinstance(guess_kind(text), str)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SEED_NAMES),
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=60), st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff"])),
        min_size=1,
        max_size=3,
    ),
)
def test_hidden_characters_never_make_a_new_source(name: str, insertions: list[tuple[int, str]]) -> None:
    spoof = name
    for position, char in insertions:
        cut = min(position, len(spoof) - 1)
        spoof = spoof[:cut] + char + spoof[cut:]
    found = Registry.default().lookup(spoof)
    assert found is not None and found.name == name and found.suspicious


LATIN_TO_CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "A": "А", "E": "Е", "O": "О", "T": "Т"}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([n for n in SEED_NAMES if n.isascii() and set(n) & set(LATIN_TO_CYRILLIC)]), st.data())
def test_cyrillic_lookalikes_never_make_a_new_source(name: str, data: st.DataObject) -> None:
    positions = [i for i, c in enumerate(name) if c in LATIN_TO_CYRILLIC]
    i = data.draw(st.sampled_from(positions))
    spoof = name[:i] + LATIN_TO_CYRILLIC[name[i]] + name[i + 1 :]
    found = Registry.default().lookup(spoof)
    assert found is not None and found.name == name and found.suspicious
