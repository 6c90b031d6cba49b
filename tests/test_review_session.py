"""The review logic without any UI: tags, notes, undo, corrections and flags, filters, merging."""

from __future__ import annotations

import pytest

from factcheck.analysis.assess import summarise
from factcheck.models import (
    Attribution,
    DocumentInfo,
    NonResponse,
    Reading,
    RegistrySource,
    Statement,
    TagRecord,
)
from factcheck.review import (
    ReviewError,
    ReviewSession,
    SourceChoice,
    carry_notices,
    corrected_statements,
    is_close_match,
    is_known_name,
    load_session,
    match_sources,
    special_action,
    statement_keys,
)


def _statement(index, text, paragraph, *, kind="claim", sources=(), basis="explicit", via=None, flags=(), nrs=()):
    return Statement(
        index=index,
        start=index * 100,
        end=index * 100 + len(text),
        text=text,
        paragraph=paragraph,
        kind=kind,
        attributions=[Attribution(source=name, source_kind="news outlet", basis=basis, via=via) for name in sources],
        flags=list(flags),
        non_responses=[NonResponse(entity=e, phrase="did not respond", reported_by="Reuters") for e in nrs],
    )


def _reading(statements):
    """A Reading around hand-made statements, with the engine's own summary of them."""
    sources, ledger, summary = summarise(statements)
    return Reading(
        document=DocumentInfo(path="desk/brief.txt", sha256="0" * 64, chars=1000),
        statements=statements,
        sources=sources,
        non_responses=ledger,
        summary=summary,
    )


def brief() -> Reading:
    """A small reading in the engine's shape: two sections, flags as the engine would set them."""
    return _reading(
        [
            _statement(0, "Ferry Fares Rise", 0, kind="heading"),
            _statement(
                1,
                "The Harbour Times said fares will rise by 8% in May.",
                1,
                sources=["Harbour Times"],
                flags=["single-source"],
            ),
            _statement(
                2,
                "The increase follows two years of frozen prices.",
                1,
                sources=["Harbour Times"],
                basis="inherited",
                flags=["single-source", "inherited"],
            ),
            _statement(3, "Fuel costs doubled last winter.", 2, flags=["unattributed"]),
            _statement(4, "Who Decides?", 3, kind="heading"),
            _statement(
                5,
                "Islanders told Radio Skerry that the ferry is their only link.",
                4,
                sources=["Islanders"],
                via="Radio Skerry",
                flags=["single-source"],
            ),
            _statement(
                6,
                "Bluewake Lines did not respond to requests for comment.",
                4,
                flags=["non-response"],
                nrs=["Bluewake Lines"],
            ),
        ]
    )


REGISTRY = [
    RegistrySource(name="Harbour Times", kind="news outlet", aliases=["the Harbour Times"]),
    RegistrySource(name="Reuters", kind="wire agency"),
    RegistrySource(name="Financial Times", kind="news outlet", aliases=["FT", "the FT"]),
    RegistrySource(name="The Times", kind="news outlet"),
]


def session(**options) -> ReviewSession:
    return ReviewSession(brief(), reviewer="ana", draft_id=1, registry=REGISTRY, **options)


def test_tags_and_notes_change_the_session_and_say_what_to_save():
    review = session()
    write = review.set_tag(1, "verified")
    assert write is not None and write.kind == "tag" and write.tag == "verified"
    assert write.key == review.key(1)
    assert review.tag_of(1).tag == "verified" and review.tag_of(1).reviewer == "ana"
    assert review.set_tag(1, "verified") is None  # no change, nothing to save
    note = review.set_note(1, "  check   the May date ")
    assert note is not None and note.note == "check the May date"
    assert review.tag_of(1).tag == "verified"  # a note keeps the tag…
    review.set_tag(1, None)
    assert review.tag_of(1).note == "check the May date"  # …and clearing the tag keeps the note


def test_headings_and_read_only_sessions_refuse_changes():
    review = session()
    with pytest.raises(ReviewError, match="heading"):
        review.set_tag(0, "verified")
    with pytest.raises(ReviewError, match="read-only"):
        session(readonly=True).set_tag(1, "verified")


def test_progress_counts_claims_tagged_and_still_open():
    review = session()
    progress = review.progress()
    assert (progress.claims, progress.tagged) == (5, 0)
    assert (progress.unattributed_open, progress.single_source_open) == (1, 3)
    review.set_tag(3, "needs-source")
    review.set_tag(1, "verified")
    progress = review.progress()
    assert (progress.tagged, progress.verified, progress.needs_source) == (2, 1, 1)
    assert (progress.unattributed_open, progress.single_source_open) == (0, 2)


def test_progress_kept_up_key_by_key_matches_a_full_count():
    review = session()
    review.progress()
    steps = [(1, "verified"), (3, "disputed"), (1, None), (5, "needs-source"), (3, "needs-source"), (2, "verified")]
    for index, tag in steps:
        review.set_tag(index, tag)
        assert review.progress() == review._count_progress()
    review.undo()
    review.correct(3, "add", "Reuters")
    assert review.progress() == review._count_progress()


def test_undo_walks_back_tags_notes_and_corrections_in_order():
    review = session()
    review.set_tag(1, "disputed")
    review.set_tag(1, "verified")
    review.set_note(1, "seen the filing")
    review.correct(3, "add", "Reuters")
    change, write = review.undo()
    assert change.kind == "correction" and review.correction_of(3) is None
    assert "unattributed" in review.statements[3].flags
    assert write.correction is not None and write.correction.sources is None  # saved as "no correction"
    change, _ = review.undo()
    assert change.kind == "note" and review.tag_of(1).note is None
    review.undo()
    assert review.tag_of(1).tag == "disputed"
    review.undo()
    assert review.tag_of(1).tag is None
    with pytest.raises(ReviewError, match="nothing to undo"):
        review.undo()


def test_undo_leaves_alone_a_statement_someone_else_changed_since():
    review = session()
    review.set_tag(1, "verified")
    seq = review.write_seq
    theirs = TagRecord(statement_key=review.key(1), tag="disputed", reviewer="ben", updated_at="2030-01-01T00:00:00")
    review.merge_remote([theirs], None, seq)
    with pytest.raises(ReviewError, match="ben"):
        review.undo()
    assert review.tag_of(1).tag == "disputed"


def test_a_second_independent_source_clears_single_source_and_corroborates():
    review = session()
    assert "single-source" in review.statements[1].flags
    review.correct(1, "add", "Reuters")
    statement = review.statements[1]
    assert [a.source for a in statement.attributions] == ["Harbour Times", "Reuters"]
    assert "corroborated" in statement.flags and "single-source" not in statement.flags
    assert review.correction_of(1).sources == ["Harbour Times", "Reuters"]
    # The engine's own reading is kept as it was, beside the corrected one.
    assert review.engine[1].flags == ["single-source"]
    assert [a.source for a in review.engine[1].attributions] == ["Harbour Times"]


def test_a_conduit_and_its_source_count_once():
    review = session()
    review.correct(5, "add", "Radio Skerry")
    assert "corroborated" not in review.statements[5].flags


def test_replace_unattributed_not_a_claim_and_back_to_the_engine():
    review = session()
    review.correct(3, "replace", "Reuters")
    assert [a.source for a in review.statements[3].attributions] == ["Reuters"]
    assert review.statements[3].attributions[0].source_kind == "wire agency"  # from the registry
    assert review.statements[3].flags == ["single-source"]
    review.correct(1, "unattributed")
    assert review.statements[1].attributions == [] and "unattributed" in review.statements[1].flags
    review.correct(2, "not-claim")
    assert review.is_not_claim(2) and review.statements[2].flags == []
    assert review.progress().claims == 4
    assert review.reading_now().summary.claims == 4
    review.correct(2, "claim")
    assert not review.is_not_claim(2) and review.statements[2].flags
    review.correct(3, "engine")
    assert review.correction_of(3) is None and review.statements[3].flags == ["unattributed"]


def test_a_confirmed_inherited_source_counts_as_explicit():
    review = session()
    review.correct(2, "replace", "Harbour Times")
    assert review.statements[2].attributions[0].basis == "explicit"
    assert "inherited" not in review.statements[2].flags


def test_corrections_never_change_the_statements_they_were_given():
    reading = brief()
    engine = reading.statements
    before = [s.model_copy(deep=True) for s in engine]
    review = ReviewSession(reading, reviewer="ana", registry=REGISTRY)
    keys = review.keys
    review.correct(1, "add", "Reuters")
    corrected_statements(engine, keys, review.corrections, review.kind_of)
    assert engine == before


def test_filters_keep_the_headings_of_sections_with_matches():
    review = session()
    assert review.visible() == list(range(7))
    assert review.visible("unattributed") == [0, 3]
    assert review.visible("single-source") == [0, 1, 2, 4, 5]
    assert review.visible("non-response") == [4, 6]
    review.set_tag(1, "verified")
    assert review.visible("untagged") == [0, 2, 3, 4, 5, 6]
    assert review.visible(source="harbour times") == [0, 1, 2]
    assert review.visible(source="Radio Skerry") == [4, 5]  # a conduit counts as the statement's source
    assert review.visible(query="FERRY") == [4, 5]
    assert review.visible("single-source", query="fares") == [0, 1]


def test_other_reviewers_changes_are_taken_in_but_never_over_a_newer_local_one():
    review = session()
    as_of = review.write_seq
    ben = TagRecord(statement_key=review.key(3), tag="needs-source", reviewer="ben", updated_at="2030-01-01T00:00:01")
    changes = review.merge_remote([ben], None, as_of)
    assert [(c.index, c.what, c.reviewer) for c in changes] == [(3, "needs-source", "ben")]
    assert review.tag_of(3).tag == "needs-source"
    # A read that started before this session's own change must not undo it.
    as_of = review.write_seq
    review.set_tag(1, "verified")
    stale = TagRecord(statement_key=review.key(1), tag=None, reviewer="ana", updated_at="2030-01-01T00:00:02")
    assert review.merge_remote([stale], None, as_of) == []
    assert review.tag_of(1).tag == "verified"
    # Reading back what is already here reports nothing.
    assert review.merge_remote([review.tag_of(1)], None, review.write_seq) == []


def test_corrections_made_elsewhere_are_applied_and_flags_recomputed():
    other = session()
    other.correct(1, "add", "Reuters")
    review = session()
    changes = review.merge_remote([], dict(other.corrections), review.write_seq)
    assert [c.index for c in changes] == [1]
    assert "corroborated" in review.statements[1].flags


def test_sources_panel_counts_sources_and_conduits():
    review = session()
    counts = {c.name: c.statements for c in review.source_counts()}
    assert counts == {"Harbour Times": 2, "Islanders": 1, "Radio Skerry": 1}
    assert [(e.index, e.entity, e.reported_by) for e in review.ledger()] == [(6, "Bluewake Lines", "Reuters")]


def test_the_picker_forgives_misspellings_and_prefers_what_was_typed():
    choices = [SourceChoice(s.name, s.kind, tuple(s.aliases)) for s in REGISTRY]
    assert match_sources("Finacial Times", choices)[0].name == "Financial Times"
    assert match_sources("the FT", choices)[0].name == "Financial Times"
    assert match_sources("reu", choices)[0].name == "Reuters"
    assert [c.name for c in match_sources("", choices)] == [c.name for c in choices]
    assert is_known_name("ft", choices) and not is_known_name("Velmora Gazette", choices)
    # Enter in the picker takes a known source only for a plain misspelling or a prefix.
    assert is_close_match("Finacial Times", choices[2]) and is_close_match("reu", choices[1])
    assert not is_close_match("Times Union Herald", choices[3])


def test_statement_keys_survive_an_edit_elsewhere_and_tell_repeats_apart():
    one = brief().statements
    edited = [s.model_copy() for s in one]
    edited[3] = edited[3].model_copy(update={"text": "Fuel costs tripled last winter."})
    keys, keys_after = statement_keys(one), statement_keys(edited)
    assert [k for i, k in enumerate(keys) if i != 3] == [k for i, k in enumerate(keys_after) if i != 3]
    assert keys[3] != keys_after[3]
    twice = [one[1], one[1].model_copy(update={"index": 9})]
    first, second = statement_keys(twice)
    assert first != second


def test_tags_of_statements_no_longer_in_the_draft_are_ignored_and_counted():
    review = ReviewSession(
        brief(),
        reviewer="ana",
        tags={"gone:0": TagRecord(statement_key="gone:0", tag="verified", reviewer="ben", updated_at="x")},
    )
    assert review.progress().tagged == 0
    assert carry_notices(review) == ["1 tag from the earlier version no longer matches a statement: see the history"]


# --- a corrected source carries on to the statements that inherited it ------------------------


def chain() -> Reading:
    """One source, then two statements inheriting it, then one with a cue; and a new paragraph."""
    return _reading(
        [
            _statement(0, "The Harbour Times said fares will rise by 8% in May.", 0, sources=["Harbour Times"]),
            _statement(
                1, "The increase follows two years of frozen prices.", 0, sources=["Harbour Times"], basis="inherited"
            ),
            _statement(2, "It is the first rise since 2019.", 0, sources=["Harbour Times"], basis="inherited"),
            _statement(3, "Reuters said the operator had debts.", 0, sources=["Reuters"]),
            _statement(4, "Those debts were refinanced in March.", 0, sources=["Reuters"], basis="inherited"),
            _statement(5, "Fuel costs doubled last winter.", 1),
        ]
    )


def test_a_corrected_source_carries_on_to_the_statements_that_inherited_it():
    review = ReviewSession(chain(), reviewer="ana", registry=REGISTRY)
    review.correct(0, "replace", "The Times")
    sources = [[a.source for a in s.attributions] for s in review.statements]
    assert sources == [["The Times"], ["The Times"], ["The Times"], ["Reuters"], ["Reuters"], []]
    # Still inherited, still weak: the flags are recomputed from the corrected reading.
    assert review.statements[1].attributions[0].basis == "inherited"
    assert {"single-source", "inherited"} <= set(review.statements[2].flags)
    # A statement with its own correction keeps it, and passes its own on.
    review.correct(1, "replace", "Financial Times")
    sources = [[a.source for a in s.attributions] for s in review.statements]
    assert sources[:3] == [["The Times"], ["Financial Times"], ["Financial Times"]]
    # No source at all: those that inherited it are unattributed too.
    review.correct(3, "unattributed")
    assert review.statements[4].attributions == [] and "unattributed" in review.statements[4].flags
    # Back to the engine's reading: the inheritance is the engine's again.
    for index in (0, 1, 3):
        review.correct(index, "engine")
    assert review.statements == list(chain().statements)


# --- tags of an edited statement --------------------------------------------------------------


def _tag(key, tag="verified", note=None):
    return TagRecord(statement_key=key, tag=tag, note=note, reviewer="ben", updated_at="2030-01-01T00:00:00")


def test_a_tag_follows_its_statement_through_a_small_edit():
    old = brief().statements
    old_keys = statement_keys(old)
    edited = brief()
    edited.statements[1] = edited.statements[1].model_copy(
        update={"text": "The Harbour Times said fares will rise by 9% in May."}
    )
    # Statement 3 rewritten beyond recognition: its tag cannot be placed.
    edited.statements[3] = edited.statements[3].model_copy(update={"text": "Diesel is cheaper than a year ago."})
    tags = {old_keys[1]: _tag(old_keys[1]), old_keys[3]: _tag(old_keys[3], "disputed"), old_keys[5]: _tag(old_keys[5])}
    review = ReviewSession(
        edited, reviewer="ana", tags=tags, earlier_texts={k: s.text for k, s in zip(old_keys, old, strict=True)}
    )
    assert review.tag_of(1) is not None and review.tag_of(1).tag == "verified"
    assert review.key(1) in review.carried and review.tag_of(1).statement_key == review.key(1)
    assert review.tag_of(5).tag == "verified" and review.key(5) not in review.carried  # unchanged
    assert review.tag_of(3) is None
    assert [r.tag for r in review.unplaced_tags] == ["disputed"]
    assert carry_notices(review) == [
        "1 tag carried over from an earlier version to edited statements: check them",
        "1 tag from the earlier version no longer matches a statement: see the history",
    ]
    # Tagging it again makes it this version's own.
    review.set_tag(1, "disputed")
    assert review.key(1) not in review.carried


def test_an_ambiguous_edit_places_no_tag():
    base = "The ferry company said on Monday that fares would rise by eight percent in May this year."
    statements = [
        _statement(0, base.replace("eight", "nine"), 0),
        _statement(1, base.replace("eight", "ten"), 1),
    ]
    old_key = statement_keys([_statement(0, base, 0)])[0]
    review = ReviewSession(
        _reading(statements), reviewer="ana", tags={old_key: _tag(old_key)}, earlier_texts={old_key: base}
    )
    assert review.tag_of(0) is None and review.tag_of(1) is None
    assert len(review.unplaced_tags) == 1
    # Two old tags wanting the same statement: neither is placed.
    other = base + " "
    keys = statement_keys([_statement(0, base, 0), _statement(1, base.replace("May", "June"), 0)])
    review = ReviewSession(
        _reading([_statement(0, base.replace("May", "April"), 0)]),
        reviewer="ana",
        tags={key: _tag(key) for key in keys},
        earlier_texts={keys[0]: other, keys[1]: base.replace("May", "June")},
    )
    assert review.tag_of(0) is None and len(review.unplaced_tags) == 2


class _TextStore:
    """A store that also keeps statement texts (the hook `load_session` uses when it exists)."""

    def __init__(self, store):
        self._store = store
        self.texts: dict[str, str] = {}

    def __getattr__(self, name):
        return getattr(self._store, name)

    def record_statements(self, draft_id, texts):
        self.texts.update(texts)

    def statement_texts(self, draft_id, include_previous=True):
        return dict(self.texts)


def test_load_session_carries_tags_to_an_edited_draft(tmp_path):
    from factcheck.read import read_draft
    from factcheck.store import open_store

    draft = tmp_path / "story.txt"
    first = "The Harbour Times said fares will rise by 8% in May. Fuel costs doubled last winter.\n"
    draft.write_text(first, encoding="utf-8")
    with open_store(tmp_path / "t.db") as real:
        store = _TextStore(real)
        review = load_session(read_draft(draft), store, "ana")
        for index in range(len(review)):
            write = review.set_tag(index, "verified")
            real.set_tag(review.draft_id, write.key, "verified", "ana")
        draft.write_text(first.replace("8%", "9%").replace("Fuel costs doubled", "Diesel got cheaper"), "utf-8")
        review = load_session(read_draft(draft), store, "ana")
        assert review.tag_of(0) is not None and review.key(0) in review.carried
        assert review.tag_of(1) is None
        assert "1 tag from the earlier version no longer matches a statement: see the history" in review.notices


# --- the picker's other options, typed --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "action"),
    [
        ("not a claim", "not-claim"),
        ("Not a clam", "not-claim"),
        ("unattributed", "unattributed"),
        ("unatributed", "unattributed"),
        ("Unattrib", "unattributed"),
        ("no source", "unattributed"),
        ("engine", "engine"),
        ("Engine's reading", "engine"),
        ("Reuters", None),
        ("Engineering News", None),
        ("Nordic Claims Bureau", None),
    ],
)
def test_typing_an_option_names_the_option_not_a_source(typed, action):
    assert special_action(typed) == action


def test_a_source_named_like_an_option_is_refused():
    review = session()
    with pytest.raises(ReviewError, match="not a source"):
        review.correct(1, "add", "not a claim")
    with pytest.raises(ReviewError, match="not a source"):
        review.correct(1, "replace", "Unattributed")
    assert review.correction_of(1) is None


def test_counts_say_how_many_statements_not_rows():
    review = session()
    rows = review.visible(query="ferry")
    assert rows == [4, 5] and review.statements_in(rows) == 1


def test_a_tag_follows_its_statement_when_the_draft_is_edited(tmp_path):
    # Real store: the edited sentence gets a new key, its tag is placed by the kept old text.
    from factcheck.read import read_draft
    from factcheck.review import apply_write, load_session
    from factcheck.store import open_store

    path = tmp_path / "story.txt"
    path.write_text("The port handled 9.4 million containers, Reuters reported.\n\nFares rose.", encoding="utf-8")
    with open_store(tmp_path / "t.db") as store:
        session = load_session(read_draft(path), store, "ana")
        claim = next(i for i, s in enumerate(session.statements) if s.kind == "claim")
        write = session.set_tag(claim, "verified")
        apply_write(store, session.draft_id, write, "ana")
    path.write_text("The port handled 9.5 million containers, Reuters reported.\n\nFares rose.", encoding="utf-8")
    with open_store(tmp_path / "t.db") as store:
        again = load_session(read_draft(path), store, "ana")
        assert again.tag_of(claim).tag == "verified"
