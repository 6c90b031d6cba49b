"""The engine reads the seed draft and every fixture exactly as their gold readings say."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factcheck.analysis import analyse
from factcheck.read import read_draft
from tests.conftest import FIXTURES, SEED, SEED_GOLD


def _score(scorer, draft_path: Path, gold_path: Path):
    reading = analyse(read_draft(draft_path)).to_json_dict()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    log = io.StringIO()
    correct, total, (_p, _r, f1) = scorer.score(gold, reading, verbose=True, out=log)
    return correct, total, f1, log.getvalue()


def test_seed_draft_reads_like_its_gold(scorer):
    correct, total, f1, log = _score(scorer, SEED, SEED_GOLD)
    assert (correct, total) == (total, total), log
    assert f1 == 1.0, log


GOLDS = sorted(FIXTURES.glob("*.gold.json"))


def test_there_are_enough_fixtures():
    assert len(GOLDS) >= 12


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_fixture_reads_like_its_gold(scorer, gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    draft_path = gold_path.with_name(gold["document"])
    correct, total, f1, log = _score(scorer, draft_path, gold_path)
    assert correct == total, log
    assert f1 == 1.0, log


# Drafts written blind: by writers who never saw the engine, then kept as a regression set. The
# engine does not read every statement of them right (fixtures/README.md lists the known misses),
# so what is held is the share it reads right: it may only go up.
BLIND_FLOORS = {"blind-1": 0.99, "blind-2": 0.98, "blind-3": 1.0, "blind-4": 0.96, "blind-5": 1.0, "blind-6": 0.96,
                "blind-7": 0.94, "blind-8": 0.97, "blind-9": 0.94, "blind-10": 0.93, "blind-11": 0.95,
                "blind-12": 0.93, "blind-13": 0.95, "blind-14": 0.96, "blind-15": 0.91, "blind-16": 0.88,
                "blind-17": 0.93, "blind-18": 0.99, "blind-19": 0.91, "blind-20": 0.89, "blind-21": 0.92,
                "blind-22": 0.93, "blind-23": 0.89, "blind-24": 0.84, "blind-25": 0.89, "blind-26": 0.94,
                "blind-27": 0.93, "blind-28": 0.86, "blind-29": 0.82, "blind-30": 0.81, "blind-31": 0.81,
                "blind-32": 0.93, "blind-33": 0.94, "blind-34": 0.95, "blind-35": 0.91, "blind-36": 0.93,
                "blind-37": 0.96, "blind-38": 0.91, "blind-39": 0.93, "blind-40": 0.9, "blind-41": 0.91,
                "blind-42": 0.91, "blind-43": 0.84, "blind-44": 0.9}


@pytest.mark.parametrize("folder", sorted(BLIND_FLOORS))
def test_blind_sets_keep_their_accuracy(scorer, folder: str):
    correct = total = 0
    log = []
    for gold_path in sorted((FIXTURES / folder).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        c, t, f1, text = _score(scorer, gold_path.with_name(gold["document"]), gold_path)
        correct, total = correct + c, total + t
        log.append(text)
        assert f1 >= 0.6, text  # non-response entities: one miss in a short ledger costs a third
    assert correct / total >= BLIND_FLOORS[folder], "".join(log)
