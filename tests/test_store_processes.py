"""sources.db under real processes: concurrent writers, kill -9, a full disk, a held lock and a
read-only file. Each scenario runs the store in child Python processes, as reviewers would."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factcheck.models import Draft
from factcheck.store import open_store

TIMEOUT = 120


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return {**os.environ, "XDG_STATE_HOME": str(state), "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def db(tmp_path: Path, env: dict[str, str]) -> tuple[Path, int]:
    """A database holding one registered draft; returns (path, draft id)."""
    path = tmp_path / "shared.db"
    text = "The FT said so. Reuters said otherwise."
    draft = Draft(path="d.txt", text=text, raw=text, encoding="utf-8", sha256=hashlib.sha256(text.encode()).hexdigest())
    with open_store(path) as store:
        draft_id = store.register_draft(draft)
    return path, draft_id


PRELUDE = """
import json, sys
from factcheck.store import open_store
"""


def child(code: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    return out


def test_two_processes_tagging_at_once_lose_nothing(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    code = f"""
        name = sys.argv[1]
        with open_store({str(path)!r}) as store:
            for i in range(200):
                assert store.set_tag({draft_id}, f"{{name}}-{{i}}", "verified", name).saved
                if i % 10 == 0:
                    tag = "verified" if name == "ana" else "disputed"
                    assert store.set_tag({draft_id}, "shared", tag, name).saved
    """
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(code), name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("ana", "ben")
    ]
    for proc in procs:
        finish(proc)
    with open_store(path) as store:
        tags = store.get_tags(draft_id)
        history = store.history(draft_id)
        assert store.check().ok
    assert len(tags) == 401
    assert all(tags[f"{name}-{i}"].tag == "verified" for name in ("ana", "ben") for i in range(200))
    assert len(history) == 440
    shared = [e for e in history if e.statement_key == "shared"]
    assert len(shared) == 40
    # The later change wins: the current tag is the last one in the history.
    assert tags["shared"].tag == shared[-1].tag and tags["shared"].reviewer == shared[-1].reviewer


def test_kill_9_loses_at_most_the_change_in_flight(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    proc = child(
        f"""
        store = open_store({str(path)!r})
        for i in range(100000):
            store.set_tag({draft_id}, f"k{{i}}", "verified", "ana")
            print(i, flush=True)
        """,
        env,
    )
    assert proc.stdout is not None
    last_confirmed = -1
    for line in proc.stdout:
        last_confirmed = int(line)
        if last_confirmed >= 60:
            break
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=TIMEOUT)
    # Everything the child printed before it died was confirmed saved.
    last_confirmed = max([last_confirmed, *(int(x) for x in rest.split())])
    with open_store(path) as store:
        assert store.check().ok
        tags = store.get_tags(draft_id)
        history = store.history(draft_id)
    saved = sorted(int(key[1:]) for key in tags)
    assert saved == list(range(len(saved)))  # no holes: every confirmed change is there
    assert last_confirmed + 1 <= len(saved) <= last_confirmed + 2  # at most the one in flight
    assert len(history) == len(saved)


def test_a_full_disk_keeps_the_tag_in_a_recovery_file(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    proc = child(
        f"""
        import resource
        store = open_store({str(path)!r})
        # From here on no file may grow past 4 KiB: the WAL cannot take a single page.
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        result = store.set_tag({draft_id}, "k1", "disputed", "ana")
        again = store.set_note({draft_id}, "k1", "check the filing", "ana")
        pending = [c.statement_key for c in store.pending()]
        shown = store.get_tags({draft_id})["k1"]
        store.close()
        print(json.dumps([result.status, result.recovery_file, again.status, pending, shown.tag, shown.note]))
        """,
        env,
    )
    status, recovery_file, again, pending, shown_tag, shown_note = json.loads(finish(proc))
    assert status == again == "pending"
    assert pending == ["k1", "k1"]
    assert (shown_tag, shown_note) == ("disputed", "check the filing")  # the reviewer still sees it
    assert recovery_file == str(path.resolve()) + ".recovery.jsonl"
    assert Path(recovery_file).exists()
    with open_store(path) as store:  # the next open writes it
        record = store.get_tags(draft_id)["k1"]
        assert (record.tag, record.note) == ("disputed", "check the filing")
        assert any("recovery file" in notice for notice in store.notices)
        assert [e.action for e in store.history(draft_id, "k1")] == ["tag", "note"]
    assert not Path(recovery_file).exists()
    with open_store(path) as store:  # replaying is done once
        assert len(store.history(draft_id, "k1")) == 2


def hold_lock(path: Path, env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"conn = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "conn.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n"
            "conn.execute('ROLLBACK')\n",
        ],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def release(proc: subprocess.Popen) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=TIMEOUT)


def test_a_lock_held_past_the_timeout_leaves_the_change_pending_then_saved(
    db: tuple[Path, int], env: dict[str, str]
) -> None:
    path, draft_id = db
    holder = hold_lock(path, env)
    try:
        store = open_store(path, busy_timeout_ms=1500)
        started = time.perf_counter()
        result = store.set_tag(draft_id, "k1", "verified", "ana")
        assert 1.4 < time.perf_counter() - started < 10  # it waited for the lock, then gave up
        assert result.status == "pending" and not result.saved
        assert result.message and "locked" in result.message
        assert store.get_tags(draft_id)["k1"].tag == "verified"
        assert store.check().pending_changes == 1
        started = time.perf_counter()
        assert store.set_tag(draft_id, "k2", "disputed", "ana").status == "pending"  # queued behind k1
        assert time.perf_counter() - started < 1  # a quick retry, not another full wait
    finally:
        release(holder)
    assert store.set_tag(draft_id, "k3", "needs-source", "ana").saved
    assert store.pending() == []
    assert not Path(str(path) + ".recovery.jsonl").exists()
    assert [e.statement_key for e in store.history(draft_id)] == ["k1", "k2", "k3"]
    store.close()


def _tag_in_a_child_while_locked(path: Path, draft_id: int, env: dict[str, str]) -> None:
    """A child process tags "k1" disputed while another holds the lock: the tag must be pending."""
    holder = hold_lock(path, env)
    try:
        proc = child(
            f"""
            store = open_store({str(path)!r}, busy_timeout_ms=200)
            print(store.set_tag({draft_id}, "k1", "disputed", "ben").status)
            store.close()
            """,
            env,
        )
        assert finish(proc).strip() == "pending"
    finally:
        release(holder)


def test_a_pending_change_survives_its_process(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    _tag_in_a_child_while_locked(path, draft_id, env)
    with open_store(path) as store:
        assert store.get_tags(draft_id)["k1"].tag == "disputed"


def test_a_replayed_old_change_does_not_undo_a_newer_one(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    _tag_in_a_child_while_locked(path, draft_id, env)
    recovery = Path(str(path.resolve()) + ".recovery.jsonl")
    claimed = recovery.with_name(recovery.name + ".hold")
    recovery.rename(claimed)  # keep it away from the next open for a moment
    with open_store(path) as store:
        store.set_tag(draft_id, "k1", "verified", "ana")  # made after ben's pending change
    claimed.rename(recovery)
    with open_store(path) as store:
        assert store.get_tags(draft_id)["k1"].tag == "verified"
        assert [e.tag for e in store.history(draft_id, "k1")] == ["disputed", "verified"]


def drop_file_powers() -> None:
    """Run as root, a child would write anyway: drop the capabilities that override permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_readonly_file_in_a_readonly_folder_can_be_read(
    db: tuple[Path, int], env: dict[str, str], tmp_path: Path
) -> None:
    path, draft_id = db
    with open_store(path) as store:
        store.set_tag(draft_id, "k1", "verified", "ana")
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "sources.db"
    target.write_bytes(path.read_bytes())
    target.chmod(0o444)
    folder.chmod(0o555)
    preexec = drop_file_powers if os.geteuid() == 0 else None
    before = target.read_bytes()
    try:
        proc = child(
            f"""
            from factcheck.models import DatabaseError
            with open_store({str(target)!r}) as store:
                tags = store.get_tags({draft_id})
                try:
                    store.set_tag({draft_id}, "k2", "disputed", "ana")
                    refused = False
                except DatabaseError:
                    refused = True
                print(json.dumps([store.readonly, tags["k1"].tag, refused, store.notices]))
            """,
            env,
            preexec_fn=preexec,
        )
        readonly, tag, refused, notices = json.loads(finish(proc))
        cli = subprocess.run(
            [sys.executable, "-m", "factcheck", "sources", "list", "--db", str(target), "--kind", "wire agency"],
            env=env,
            capture_output=True,
            text=True,
            preexec_fn=preexec,
            timeout=TIMEOUT,
        )
    finally:
        folder.chmod(0o755)
        target.chmod(0o644)
    assert readonly and refused and tag == "verified"
    assert any("read-only" in n for n in notices)
    assert cli.returncode == 0, cli.stderr
    assert "Reuters" in cli.stdout
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["sources.db"]


def test_a_change_for_an_unknown_draft_does_not_block_the_others(db: tuple[Path, int], env: dict[str, str]) -> None:
    path, draft_id = db
    from factcheck.store import PendingChange

    lines = [
        PendingChange(
            event_id=f"e{i}", db=str(path.resolve()), draft_id=d, statement_key=f"k{i}", action="tag",
            tag="verified", reviewer="ana", at=f"2025-01-01T00:00:0{i}.000000+00:00",
        ).model_dump_json()
        for i, d in enumerate([draft_id, 999, draft_id])
    ]
    recovery = Path(str(path.resolve()) + ".recovery.jsonl")
    recovery.write_text("\n".join(lines) + "\n" + '{"cut short by a cra')
    with open_store(path) as store:
        assert set(store.get_tags(draft_id)) == {"k0", "k2"}
        assert any("lacks" in n for n in store.notices)
    assert not recovery.exists()
    rejected = Path(str(path.resolve()) + ".rejected.jsonl").read_text().splitlines()
    assert [json.loads(line)["draft_id"] for line in rejected] == [999]
