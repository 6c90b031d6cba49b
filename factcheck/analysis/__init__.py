"""The headless engine: draft in, reading out. No UI and no database in here.

    read → segment → attribute (explicit, reference, inherited) → non-responses → assess → summarise

Each step is a plain function over the pydantic models in `factcheck.models`, so it can be tested
and timed on its own; `analyse` runs them in order.
"""

from __future__ import annotations

import hashlib

from factcheck.analysis.assess import assess, summarise
from factcheck.analysis.attribution import attribute
from factcheck.analysis.nonresponse import find_non_responses
from factcheck.analysis.segment import segment
from factcheck.analysis.sources import Registry
from factcheck.models import DocumentInfo, Draft, Reading

__all__ = ["analyse", "analyse_text", "assess"]


def analyse(draft: Draft, registry: Registry | None = None) -> Reading:
    """Read one draft: every statement with its attributions, flags and non-responses."""
    registry = registry if registry is not None else Registry.default()
    text = draft.text
    statements = segment(text)
    statements = attribute(statements, text, registry)
    statements = find_non_responses(statements, text, registry)
    statements = assess(statements)
    sources, ledger, summary = summarise(statements)
    warnings = list(draft.warnings)
    for st in statements:
        for att in st.attributions:
            if att.suspicious and att.mention is not None:
                warnings.append(
                    f"statement #{st.index}: {att.mention.text!r} looks like {att.source!r} but uses "
                    "look-alike or invisible characters"
                )
    return Reading(
        document=DocumentInfo(path=draft.path, sha256=draft.sha256, chars=len(text), encoding=draft.encoding,
                              format=draft.format),
        statements=statements,
        sources=sources,
        non_responses=ledger,
        summary=summary,
        warnings=warnings,
    )


def analyse_text(text: str, path: str = "-", registry: Registry | None = None) -> Reading:
    """`analyse` for a string already in memory (tests, benchmarks, the UI's re-reads)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    draft = Draft(path=path, text=text, raw=text, encoding="utf-8", sha256=sha)
    return analyse(draft, registry)
