"""Stable identities of statements, so a tag finds its statement again when the draft is reopened.

A key depends on the statement's words, not on its offsets: editing one paragraph leaves the
tags of every other statement in place. Whitespace is collapsed and the text NFC-normalised, so
re-wrapping a paragraph or re-encoding the file does not change a key. `occurrence` tells apart
the same sentence written twice.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable


def _canonical(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def statement_key(text: str, occurrence: int = 0) -> str:
    """The key of the `occurrence`-th (from 0) statement of a draft with this text."""
    digest = hashlib.sha1(_canonical(text).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{digest}:{occurrence}"


def statement_keys(texts: Iterable[str]) -> list[str]:
    """The keys of a draft's statements, in order, counting repeats of the same text."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for text in texts:
        canonical = _canonical(text)
        keys.append(statement_key(canonical, seen[canonical]))
        seen[canonical] += 1
    return keys
