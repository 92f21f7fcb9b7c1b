"""Several processes coding one project store at the same time (two researchers'
notebooks and a script, say) while another one reads: no coding is lost, nobody gets
"database is locked", every action is one logged coding run, and a reader always sees
the codings and the run log agree.

Each process opens its own :class:`ProjectStore` on the shared file (WAL, a 30 s busy
timeout, ``BEGIN IMMEDIATE`` for writes). The processes are started with "spawn", so
they share nothing but the file.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
from pathlib import Path
from typing import Any

from sokwal_monitor import ingest
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding import add_coding, code_segment, coding_id, remove_coding
from sokwal_monitor.coding.session import CodingSession
from sokwal_monitor.store import ProjectStore

N_ACTIONS = 100
CODES = ["bereik", "proces", "knelpunten", "succesfactoren", "financiering"]


def _segments(store: ProjectStore) -> list[tuple[str, str, int, int]]:
    frame = store.segments()
    frame = frame[frame["end_char"] > frame["start_char"]]
    return list(
        zip(
            frame["segment_id"],
            frame["doc_id"],
            frame["start_char"],
            frame["end_char"],
            strict=True,
        )
    )


def _functions_writer(path: str, coder: str, barrier: Any, results: Any) -> None:
    """add_coding, code_segment and remove_coding in turn, as a script would."""
    expected: set[str] = set()
    actions, errors = 0, []
    try:
        store = ProjectStore(path)
        segments = _segments(store)
        barrier.wait(timeout=60)
        added: list[str] = []
        for i in range(N_ACTIONS):
            sid, doc, start, end = segments[i % len(segments)]
            if i % 3 == 0:
                cid = add_coding(
                    store, doc, start, min(end, start + 1 + i % 7), f"c{i}", coder=coder
                )
            elif i % 3 == 1:
                cid = code_segment(store, sid, f"s{i}", coder=coder)
            else:
                cid = added.pop(0)
                remove_coding(store, cid)
                expected.discard(cid)
                actions += 1
                continue
            added.append(cid)
            expected.add(cid)
            actions += 1
        store.close()
    except BaseException as err:  # reported to the test, which fails on it
        errors.append(f"{type(err).__name__}: {err}")
    results.put((coder, sorted(expected), actions, errors))


def _session_writer(path: str, coder: str, barrier: Any, results: Any) -> None:
    """A researcher in the coding widget: toggles, moves on, sometimes undoes."""
    expected: set[str] = set()
    actions, errors = 0, []
    try:
        store = ProjectStore(path)
        session = CodingSession(store, load_codebook(), coder)
        spans = {sid: (doc, start, end) for sid, doc, start, end in _segments(store)}
        history: list[tuple[str, str, bool]] = []
        on: set[tuple[str, str]] = set()
        barrier.wait(timeout=60)
        for i in range(N_ACTIONS):
            if i % 4 == 3:
                session.undo()
                sid, code, now_on = history.pop()
                (on.discard if now_on else on.add)((sid, code))
            else:
                seg = session.segment
                assert seg is not None
                code = CODES[i % len(CODES)]
                now_on = session.toggle(code)
                history.append((seg.segment_id, code, now_on))
                (on.add if now_on else on.discard)((seg.segment_id, code))
                if i % 2 == 0 and not session.next():
                    session.goto(session.segment_ids[0])
            actions += 1
        for sid, code in on:
            doc, start, end = spans[sid]
            expected.add(coding_id(doc, start, end, code, coder))
        store.close()
    except BaseException as err:
        errors.append(f"{type(err).__name__}: {err}")
    results.put((coder, sorted(expected), actions, errors))


def _reader(path: str, barrier: Any, stop: Any, results: Any) -> None:
    """Reads while the others write; each snapshot's codings must agree with its run log."""
    reads, errors = 0, []
    try:
        store = ProjectStore(path)
        barrier.wait(timeout=60)
        while not stop.is_set() or reads < 5:
            store.execute("BEGIN")  # one snapshot for both queries
            try:
                held = dict(
                    store.execute("SELECT coder, count(*) FROM codings GROUP BY coder").fetchall()
                )
                logged = dict(
                    store.execute(
                        "SELECT coder, sum(n_added) - sum(n_removed) FROM coding_runs"
                        " WHERE finished_at IS NOT NULL GROUP BY coder"
                    ).fetchall()
                )
            finally:
                store.execute("COMMIT")
            if {k: v for k, v in logged.items() if v} != held:
                errors.append(f"codings {held} but the run log says {logged}")
            store.codings()  # the public reader, as a notebook calls it
            reads += 1
        store.close()
    except BaseException as err:
        errors.append(f"{type(err).__name__}: {err}")
    results.put(("reader", [], reads, errors))


def test_parallel_coders_lose_nothing_and_never_see_a_locked_store(
    tmp_path: Path, corpus: Path
) -> None:
    path = tmp_path / "shared.sokwal"
    with ProjectStore(path) as store:
        assert not ingest(store, corpus).failed
    ctx = mp.get_context("spawn")
    writers = [
        (_functions_writer, "anna"),
        (_functions_writer, "bas"),
        (_session_writer, "carla"),
    ]
    barrier = ctx.Barrier(len(writers) + 1)
    stop = ctx.Event()
    results = ctx.Queue()
    procs = [
        ctx.Process(target=target, args=(str(path), coder, barrier, results))
        for target, coder in writers
    ]
    reader = ctx.Process(target=_reader, args=(str(path), barrier, stop, results))
    for proc in [*procs, reader]:
        proc.start()
    outcome: dict[str, tuple[list[str], int, list[str]]] = {}
    try:
        for _ in writers:
            name, expected, actions, errors = results.get(timeout=120)
            outcome[name] = (expected, actions, errors)
        stop.set()
        name, _, reads, errors = results.get(timeout=60)
        outcome[name] = ([], reads, errors)
    except queue.Empty:
        raise AssertionError(f"a process did not report back; got {sorted(outcome)}") from None
    finally:
        stop.set()
        for proc in [*procs, reader]:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    for name, (_, _, errors) in outcome.items():
        assert errors == [], f"{name}: {errors}"
    assert all(proc.exitcode == 0 for proc in [*procs, reader])
    assert outcome["reader"][1] >= 5

    with ProjectStore(path) as store:
        codings = store.codings()
        runs = store.coding_runs()
        for coder in ("anna", "bas", "carla"):
            expected, actions, _ = outcome[coder]
            assert actions == N_ACTIONS
            assert sorted(codings.loc[codings["coder"] == coder, "coding_id"]) == expected
            mine = runs[runs["coder"] == coder]
            assert len(mine) == N_ACTIONS  # one logged run per action, undo included
            assert mine["finished_at"].notna().all()
        assert len(runs) == 3 * N_ACTIONS
        assert len(outcome["anna"][0]) == len(outcome["bas"][0]) == 34
