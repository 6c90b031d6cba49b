"""Benchmark the review UI on a long generated draft: time to an interactive screen, and tag latency.

    python scripts/bench_tui.py                      # 5,000 statements, 40 tags
    python scripts/bench_tui.py --statements 20000 --tags 100

The draft is made of wire-style drafts from `gen_corpus.py` until it holds the asked number of
statements. The app runs headless (Textual's test driver) on a fresh database in a temporary
folder. Figures printed:

- open: from starting the app to the statement list filled and the cursor on a claim (the engine
  runs in a worker: `analysis` is its share, `fill` the UI thread's);
- tag: from pressing a tag key to the row redrawn (`redraw`) and to the tag committed in the
  database (`saved`), median and worst over `--tags` presses. Targets: open < 2 s, tag < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def long_draft(statements: int, seed: int = 11) -> str:
    """Generated drafts joined into one, until the engine's splitter finds `statements` statements."""
    spec = importlib.util.spec_from_file_location("gen_corpus", HERE / "gen_corpus.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    from factcheck.analysis.segment import segment

    parts: list[str] = []
    count = 0
    for draft in gen.iter_drafts(seed):
        parts.append(draft)
        count += len(segment(draft))
        if count >= statements:
            break
    return "\n\n".join(parts)


async def run(path: Path, db: Path, tags: int) -> dict[str, float | list[float]]:
    from factcheck.read import read_draft
    from factcheck.tui.app import FactcheckApp

    draft = read_draft(path)
    app = FactcheckApp(draft, db_path=db, reviewer="bench", poll_interval=60)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:  # when a frame leaves the compositor
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    filled: list[float] = []
    started = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.review_screen
        rebuild = screen.rebuild

        def timed_rebuild(*args, **kwargs) -> None:
            rebuild(*args, **kwargs)
            filled.append(time.perf_counter())

        screen.rebuild = timed_rebuild  # type: ignore[method-assign]
        while not filled:
            await asyncio.sleep(0.005)
        await pilot.pause()
        # Interactive: the first frame drawn once the list is filled.
        opened = min((t for t in frames if t >= filled[0]), default=filled[0]) - started

        while not screen.table.filled:
            await pilot.pause(0.05)
        rows = len(screen.table.rows_shown)

        handled: list[float] = []
        handling: list[float] = []
        action_tag = screen.action_tag

        def timed_tag(tag) -> None:
            began = time.perf_counter()
            action_tag(tag)
            handled.append(time.perf_counter())
            handling.append(handled[-1] - began)

        screen.action_tag = timed_tag  # type: ignore[method-assign]
        assert app.db is not None
        saved_at: list[float] = []
        submit = app.db.submit

        def timed_submit(fn):
            future = submit(fn)
            future.add_done_callback(lambda _: saved_at.append(time.perf_counter()))
            return future

        app.db.submit = timed_submit  # type: ignore[method-assign]

        redraws: list[float] = []
        saves: list[float] = []
        for number in range(tags):
            await pilot.press("j")
            while screen.session is not None and not screen.session.is_claim(screen.table.current or 0):
                await pilot.press("j")
            key = ("x", "n", "v")[number % 3]
            handled.clear()
            saved_at.clear()
            before = time.perf_counter()
            await pilot.press(key)
            app.flush()
            await pilot.pause()
            if not handled:
                continue
            frame = min((t for t in frames if t >= handled[0]), default=None)
            if frame is not None:
                redraws.append(frame - before)
            if saved_at:
                saves.append(saved_at[0] - before)
        assert screen.session is not None
        tagged = screen.session.progress().tagged
        await pilot.press("q")
    return {
        "open": opened,
        "analysis": app.loaded_in or 0.0,
        "rows": rows,
        "tagged": tagged,
        "handling": handling,
        "redraws": redraws,
        "saves": saves,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--tags", type=int, default=40)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long-draft.txt"
        path.write_text(long_draft(args.statements), encoding="utf-8")
        size = path.stat().st_size
        db = Path(folder) / "bench.db"
        figures = asyncio.run(run(path, db, args.tags))

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.1f} ms, worst {max(values) * 1000:.1f} ms"

    print(f"draft: {figures['rows']} statements ({size / 1024:.0f} KiB)")
    print(
        f"open: {figures['open']:.2f} s to an interactive screen "
        f"(analysis and database {figures['analysis']:.2f} s in a worker)"
    )
    print(f"tag key handled (UI thread busy): {ms(figures['handling'])}")  # type: ignore[arg-type]
    print(f"tag key → next frame drawn: {ms(figures['redraws'])}")  # type: ignore[arg-type]
    print(f"tag key → saved in the database: {ms(figures['saves'])}")  # type: ignore[arg-type]
    print(f"tags in the database after the run: {figures['tagged']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
