"""Export of a project store as a REFI-QDA project (``.qdpx``): :func:`export_qdpx`."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..store import ProjectStore
from ._store import _PathLike, _using
from ._writer import _ProjectWriter

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def export_qdpx(
    store: ProjectStore | _PathLike,
    path: _PathLike,
    *,
    coders: str | Iterable[str] | None = None,
) -> Path:
    """Write the project store as a REFI-QDA project (``.qdpx``) for other QDA programs.

    The archive holds ``project.qde``, which validates against the standard's
    ``Project.xsd``, and one ``Sources/<guid>.txt`` (UTF-8) per document: every current
    document of the store except survey data. ``project.qde`` holds

    - ``Users``: one per coder and memo author, with a GUID derived from the name;
    - ``CodeBook``: the store's codebook (the one used last, :meth:`ProjectStore.codebook`)
      with its hierarchy, colours and GUIDs, descriptions as :func:`write_qdc` writes
      them, plus, at the top level, the codes that codings or memos use but the codebook
      lacks;
    - ``Sources``: a ``TextSource`` per document (named by its path) with one
      ``PlainTextSelection`` per coding (offsets in code points, end exclusive; the
      coding's memo as its ``Description``) holding a ``Coding`` by its coder, with its
      creation time and a ``CodeRef``; a ``NoteRef`` per document memo; the document's
      fields ``project_id``, ``wave``, ``kind``, ``respondent_role`` and its extra
      metadata as ``VariableValue``\\ s;
    - ``Variables``, and ``Cases``: one per project, named by its ``project_id``, with a
      ``SourceRef`` to each of its documents;
    - ``Notes``: every memo, referred to by its document, code or (project memos) the
      project itself.

    The same store gives a byte-identical file: GUIDs are derived from what they name,
    entries are sorted and carry a fixed time. Parts that would be empty are left out
    (the schema does not allow empty ones).

    Parameters
    ----------
    store : ProjectStore or path
        The store to export (it must exist).
    path : path
        The ``.qdpx`` file to write (replaced when it exists).
    coders : str or list of str, optional
        Export only these coders' codings; by default every coder's (rule and model
        codings included, each under its own coder name).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    StoreError
        There is no store at ``store``.
    ValueError
        A coder in ``coders`` has no codings in the store.
    CodebookError
        The codebook cannot be written as REFI-QDA (see :func:`write_qdc`).

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import add_coding
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "P01_2018_interview.txt").write_text(
    ...     "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n", encoding="utf-8")
    >>> _ = ingest(tmp / "demo.sokwal", tmp)
    >>> store = ProjectStore(tmp / "demo.sokwal")
    >>> doc_id = store.documents()["doc_id"][0]
    >>> _ = add_coding(store, doc_id, 27, 52, "samenwerking", coder="anna")
    >>> out = export_qdpx(store, tmp / "demo.qdpx")
    >>> with zipfile.ZipFile(out) as archive:
    ...     archive.namelist()  # doctest: +ELLIPSIS
    ['Sources/...txt', 'project.qde']
    >>> out.read_bytes() == export_qdpx(store, tmp / "again.qdpx").read_bytes()
    True
    """
    p = Path(path)
    wanted = None if coders is None else [coders] if isinstance(coders, str) else list(coders)
    with _using(store, create=False) as st:
        entries = _ProjectWriter(st, wanted, p).entries()
    _write_zip(p, entries)
    return p


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    """Write a zip with sorted entries and fixed times, replacing ``path`` at the end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # the same on every platform
                info.external_attr = 0o644 << 16
                archive.writestr(info, entries[name], compresslevel=6)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
