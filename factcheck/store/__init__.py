"""`sources.db`: the source registry and the fact-checkers' review (tags, notes, corrections).

Everything the CLI and the UI need is importable from here; importing this package is light
(sqlite3 and the models; sqlite-utils only when tables are created or migrated).
"""

from factcheck.store.keys import statement_key, statement_keys
from factcheck.store.records import DbReport, DraftRecord, PendingChange, SaveResult, StoredSource
from factcheck.store.schema import APPLICATION_ID, SCHEMA_VERSION
from factcheck.store.store import (
    BUSY_TIMEOUT_MS,
    DEFAULT_DB,
    ENV_VAR,
    UNSAVED_DRAFT_ID,
    Store,
    now,
    open_store,
    resolve_db_path,
)

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "DEFAULT_DB",
    "ENV_VAR",
    "SCHEMA_VERSION",
    "UNSAVED_DRAFT_ID",
    "DbReport",
    "DraftRecord",
    "PendingChange",
    "SaveResult",
    "Store",
    "StoredSource",
    "now",
    "open_store",
    "resolve_db_path",
    "statement_key",
    "statement_keys",
]
