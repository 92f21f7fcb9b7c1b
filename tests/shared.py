"""Expensive, read-only test inputs built once per test run and shared by its workers.

``make test`` runs pytest on two processes (pytest-xdist, ``-n 2``): a session-scoped
fixture runs once in *each* worker. For inputs that take many seconds to make (the
sample ingested and pseudonymized through the ``sokwal`` command), :func:`built_once`
builds a folder once per run under the run's temporary folder (the parent of the
workers' base temporary folders, as in the pytest-xdist documentation), behind a file
lock, and every later caller, in any worker, gets the same folder. Tests never change
it: they work on a copy (:func:`copy_of`), so a test still sees exactly what it saw when
it built its own input, and tests stay independent of each other and of their order.

Without xdist (a plain ``pytest tests/test_x.py``) the folder lives under the session's
own base temporary folder: the same code path, one process.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

#: Seconds a worker waits for another worker's build before it fails (the build itself
#: runs CLI commands with their own time limits).
LOCK_TIMEOUT = 900


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder shared by all processes of this test run.

    With xdist each worker's base temporary folder is ``.../pytest-N/popen-gwK``: the
    shared one is its parent, ``.../pytest-N``, unique to the run. Without xdist it is
    the session's base temporary folder itself (never ``pytest-of-USER``, which other
    runs share).
    """
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` once per test run, for reading.

    A build that raised leaves no mark of success: the next caller builds again (and
    fails for the same reason, in its own test), so a broken build is never reused.
    """
    root = run_folder(factory) / "shared"
    root.mkdir(exist_ok=True)
    folder = root / name
    done = root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock"), timeout=LOCK_TIMEOUT):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def copy_of(folder: Path, dest: Path) -> Path:
    """A private copy of a shared ``folder`` at ``dest`` (which must not exist yet)."""
    shutil.copytree(folder, dest)
    return dest
