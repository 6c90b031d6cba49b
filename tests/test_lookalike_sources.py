"""An outlet's name spelt with look-alike or invisible characters is the outlet, and says so.

"Reu\u200bters" (a zero-width space), "Rеuters" (a Cyrillic е), "Ｒｅｕｔｅｒｓ" (full-width letters)
and "Bloom\u00adberg" (a soft hyphen) look like the real names on screen. Whether they come from a
careless paste or from someone planting a fake source, the reading must credit the real outlet,
mark the attribution as suspicious, warn, and never list a second "Reuters" beside the first.
The registry's folding is tested in test_registry.py; here it is the engine and the command.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile import LOOKALIKES, build, lookalike_text, run_check

from factcheck.analysis import analyse_text
from factcheck.models import Reading


def _attributions(reading: Reading) -> list:
    return [a for statement in reading.statements for a in statement.attributions]


@pytest.mark.parametrize("spelling", LOOKALIKES)
def test_a_lookalike_resolves_to_the_real_source_with_a_warning(spelling: str) -> None:
    sentence, real = LOOKALIKES[spelling]
    reading = analyse_text(sentence)
    [attribution] = _attributions(reading)
    assert attribution.source == real
    assert attribution.suspicious
    # The mention is the spoofed spelling itself, at its place in the draft: offsets hold.
    assert attribution.mention is not None
    assert sentence[attribution.mention.start : attribution.mention.end] == attribution.mention.text
    assert attribution.mention.text != real
    assert [s.name for s in reading.sources] == [real]
    assert len(reading.warnings) == 1 and real in reading.warnings[0]


# Characters that take no room on screen, inside an outlet's name.
INVISIBLE = {
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
}


@pytest.mark.parametrize("name", INVISIBLE)
def test_every_invisible_character_inside_a_name_is_seen_through(name: str) -> None:
    reading = analyse_text(f"Prices rose 3% in May, Reu{INVISIBLE[name]}ters reported.")
    assert [(a.source, a.suspicious) for a in _attributions(reading)] == [("Reuters", True)]
    assert len(reading.warnings) == 1


def test_a_draft_mixing_real_and_lookalike_names_lists_each_source_once() -> None:
    reading = analyse_text(lookalike_text())
    summary = {s.name: s.statements for s in reading.sources}
    # Three spoofed Reuters and one real; one spoofed Bloomberg and one real.
    assert summary == {"Reuters": 4, "Bloomberg": 2}
    suspicious = [a for a in _attributions(reading) if a.suspicious]
    assert len(suspicious) == len(LOOKALIKES) == len(reading.warnings)
    plain = [a for a in _attributions(reading) if a.mention and a.mention.text in ("Reuters", "Bloomberg")]
    assert len(plain) == 2 and not any(a.suspicious for a in plain)


@pytest.mark.parametrize("spoof", ["Kestr\u0435l Air", "Kestr\u200bel Air"])
def test_a_lookalike_of_a_source_the_registry_does_not_know_is_not_a_second_source(spoof: str) -> None:
    """The registry cannot vouch for "Kestrel Air", but the draft names it twice: once plainly,
    once with a hidden or Cyrillic letter. That must not read as two companies, and never silently."""
    reading = analyse_text(f"Kestrel Air said fares would rise. {spoof} said routes would be cut.")
    assert [a.suspicious for a in _attributions(reading)] == [False, True]
    assert len(reading.warnings) == 1
    # As the registry resolves such a name (test_registry.py): folded, so both are one source.
    assert [s.name for s in reading.sources] == ["Kestrel Air"]


def test_the_report_shows_the_warning_and_one_row_per_source(tmp_path: Path) -> None:
    case = build("lookalike-sources", tmp_path / "drafts")
    run = run_check(case.path, workdir=tmp_path / "text")
    assert run.returncode == 0, run.stderr
    summary, _, statements = run.stdout.partition("\n\n")
    rows = [line for line in summary.splitlines() if re.search(r"\d+ statements? +<?\d+%", line)]
    assert len(rows) == 2, rows
    assert sum("Reuters" in row for row in rows) == 1 and sum("Bloomberg" in row for row in rows) == 1
    assert summary.count("Warning:") == len(LOOKALIKES)
    assert "looks like 'Reuters'" in summary and "looks like 'Bloomberg'" in summary
    assert statements.count("(look-alike characters in the name)") == len(LOOKALIKES)
    # The warnings go to stderr too, for a script that only reads the exit code and stderr.
    assert sum("looks like" in line for line in run.stderr_lines) == len(LOOKALIKES)

    data = json.loads(run_check(case.path, "--format", "json", workdir=tmp_path / "json").stdout)
    assert sorted(s["name"] for s in data["sources"]) == ["Bloomberg", "Reuters"]
