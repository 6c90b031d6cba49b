"""Recovery files: where a change goes when the database cannot take it right now.

A tag is hours of a fact-checker's work. When a save fails because another program held the
lock past the timeout, the disk is full or the file cannot be written, the change is appended as
one JSON line to `<db>.recovery.jsonl` next to the database, or, when that fails too, to
`$XDG_STATE_HOME/factcheck/<hash of the db path>.recovery.jsonl`. The next successful save or the
next open writes the lines into the database and removes the file.

Replaying is safe to repeat: every change carries an `event_id` that the history table keeps
unique, so a line written twice is applied once. A process claims a file by renaming it before
reading it, so two processes never replay the same file at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from factcheck.store.records import PendingChange

SUFFIX = ".recovery.jsonl"
_CLAIM = ".claimed-"


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "factcheck"


def locations(db_path: Path) -> list[Path]:
    """Where recovery files for this database live, in order of preference."""
    absolute = db_path.resolve()
    digest = hashlib.sha1(str(absolute).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return [absolute.with_name(absolute.name + SUFFIX), state_dir() / f"{absolute.stem}-{digest}{SUFFIX}"]


def append(db_path: Path, change: PendingChange) -> Path | None:
    """Appends `change` to the first recovery file that can be written; None if none can."""
    line = change.model_dump_json() + "\n"
    for path in locations(db_path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One write of one line with O_APPEND: concurrent appenders do not interleave lines.
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                written = os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            if written == len(line.encode("utf-8")):
                return path
        except OSError:
            continue
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _claimable(db_path: Path) -> list[Path]:
    found: list[Path] = []
    for path in locations(db_path):
        if path.exists():
            found.append(path)
        # Claims left by a process that died before it finished replaying them.
        if path.parent.is_dir():
            for stale in path.parent.glob(path.name + _CLAIM + "*"):
                pid = stale.name.rsplit("-", 1)[-1]
                if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                    found.append(stale)
    return found


def claim(db_path: Path) -> list[tuple[Path, list[PendingChange]]]:
    """Takes every recovery file of this database for replay: (claimed file, its changes)."""
    claimed: list[tuple[Path, list[PendingChange]]] = []
    for path in _claimable(db_path):
        base = path.name.split(_CLAIM, 1)[0]
        target = path.with_name(f"{base}{_CLAIM}{os.getpid()}")
        try:
            os.replace(path, target)
            text = target.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        changes: list[PendingChange] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                changes.append(PendingChange.model_validate_json(line))
            except ValidationError:
                continue  # a line cut short by a crash: the change it held was never confirmed
        claimed.append((target, changes))
    return claimed


def release(claimed: list[tuple[Path, list[PendingChange]]]) -> None:
    """The claimed changes are in the database: their files can go."""
    for path, _ in claimed:
        with contextlib.suppress(OSError):
            path.unlink()


def give_back(db_path: Path, claimed: list[tuple[Path, list[PendingChange]]]) -> None:
    """Replay failed: put the claimed changes back where the next attempt will find them."""
    for path, changes in claimed:
        if all(append(db_path, change) is not None for change in changes):
            with contextlib.suppress(OSError):
                path.unlink()
        # else the claimed file stays; it is picked up as a stale claim once this process ends


def count(db_path: Path) -> tuple[int, list[str]]:
    """How many changes wait in recovery files, and which files hold them (for `db check`)."""
    total, files = 0, []
    for path in _claimable(db_path):
        try:
            lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        except OSError:
            continue
        total += len(lines)
        files.append(str(path))
    return total, files
