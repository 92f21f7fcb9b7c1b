"""Import of a REFI-QDA project (``.qdpx``) into a project store: :func:`import_qdpx`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Literal

from ..codebook.refi_sections import NO_DEFINITION
from ..coding import Coding, CodingRun, save_codebook
from ..store import ProjectStore
from ._documents import _import_documents
from ._plan import _Plan
from ._reader import _ProjectReader
from ._store import _PathLike, _using
from .archive import _Archive
from .report import ImportReport, _plural


def import_qdpx(
    store: ProjectStore | _PathLike,
    path: _PathLike,
    *,
    coder: str | None = None,
    missing_sources: Literal["error", "skip"] = "error",
) -> ImportReport:
    """Import a REFI-QDA project (``.qdpx``) into a project store, in one transaction.

    The whole file is read and checked before anything is written; then documents,
    segments, the codebook, codings and memos are written together, or, on any error,
    nothing is.

    - Each text source becomes a document (``format`` ``qdpx``, ``title`` the source's
      name, ``path`` ``qdpx/<file name>/<source name>``; ``doc_id`` from the SHA-256 of
      its text), segmented into speaker turns when it reads as an interview and into
      paragraphs otherwise. A source whose text the store already holds is matched, not
      stored twice (the document imported from the same GUID first); two sources of one
      file with the same text stay two documents. A relative ``plainTextPath`` is looked
      up in ``Sources/`` (without case; a path that leaves it is refused), a source with
      only a ``richTextPath`` (``.docx``) is read as on ingest, and a ``PDFSource`` by
      its plain-text ``Representation``. Line ends become ``\\n`` before offsets are applied (ATLAS.ti counts
      ``\\r\\n`` as one character); files from NVivo count in UTF-16 code units with
      ``\\r\\n`` as two, and are read so.
    - Each ``Coding`` on a text selection (or on a whole text source) becomes a coding
      with origin ``import``, by the user who made it (or ``coder``), created when the
      file says; the selection's description becomes the coding's memo.
    - The code hierarchy becomes the store's codebook when the store has none (codes
      without a description get the definition :data:`NO_DEFINITION`); a codebook the
      store already has is never changed: the report lists the file's new codes and
      the codes whose definition differs.
    - Variables (on a source, or on a ``Case`` that refers to it) become document fields
      (``project_id``, ``wave``, ``kind``, ``respondent_role`` when so named) or extra
      document metadata.
    - Notes become memos on the document, code or project that refers to them
      (notes nobody refers to: on the project); a note on a coding becomes its memo.
    - Sets of sources become document groups (``properties.refi_sets``).

    Picture, audio and video sources (and PDFs without text) are kept as documents
    without text (``report.documents_without_text``; their codings are counted in a
    warning); links, graphs, and sets of codes are skipped with a warning.

    Parameters
    ----------
    store : ProjectStore or path
        The store to import into (created when missing).
    path : path
        The ``.qdpx`` file: a zip with one ``*.qde`` project file and the sources in
        ``Sources/`` (or ``sources/``).
    coder : str, optional
        Write every coding and memo under this name instead of the file's user names.
    missing_sources : {"error", "skip"}, default "error"
        What to do with a text source whose text is not in the archive: refuse the file,
        or skip the source and its codings with a warning (and import the rest).

    Returns
    -------
    ImportReport

    Raises
    ------
    RefiError
        The file is not a zip, is damaged or empty, holds no or two ``*.qde`` files, was
        refused as hostile (XML entities or a DTD, entries leaving the archive's folder,
        members over the size limits), misses the text of a source, or has a selection
        outside its text. Nothing is written then.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> from sokwal_monitor.coding import add_coding
    >>> from sokwal_monitor.refi._xml import _guid
    >>> tmp = Path(tempfile.mkdtemp())
    >>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n"
    >>> project = f'''<?xml version="1.0" encoding="utf-8"?>
    ... <Project xmlns="urn:QDA-XML:project:1.0" name="demo">
    ...   <Users><User guid="{_guid('u')}" name="anna"/></Users>
    ...   <CodeBook><Codes>
    ...     <Code guid="{_guid('c')}" name="samenwerking" isCodable="true"/>
    ...   </Codes></CodeBook>
    ...   <Sources>
    ...     <TextSource guid="{_guid('s')}" name="P01" plainTextPath="internal://p01.txt">
    ...       <PlainTextSelection guid="{_guid('p')}" startPosition="27" endPosition="52">
    ...         <Coding guid="{_guid('g')}" creatingUser="{_guid('u')}">
    ...           <CodeRef targetGUID="{_guid('c')}"/>
    ...         </Coding>
    ...       </PlainTextSelection>
    ...     </TextSource>
    ...   </Sources>
    ... </Project>'''
    >>> with zipfile.ZipFile(tmp / "demo.qdpx", "w") as archive:
    ...     archive.writestr("project.qde", project)
    ...     archive.writestr("Sources/p01.txt", text)
    >>> report = import_qdpx(tmp / "demo.sokwal", tmp / "demo.qdpx")
    >>> print(report.summary())
    demo.qdpx: 1 document added, 0 matched; 1 coding (anna 1), 1 new; 1 code new, 0 changed; 0 memos added
    >>> store = ProjectStore(tmp / "demo.sokwal")
    >>> store.codings()[["code", "coder", "origin", "text"]].to_dict("records")
    [{'code': 'samenwerking', 'coder': 'anna', 'origin': 'import', 'text': 'Dat samenwerken tijd kost'}]
    >>> store.codebook()["samenwerking"].definition
    '(no definition in the REFI-QDA file)'
    """  # noqa: E501
    p = Path(path)
    if coder is not None and (not isinstance(coder, str) or not coder.strip()):
        raise ValueError(f"coder must be a name, not {coder!r}")
    if missing_sources not in ("error", "skip"):
        raise ValueError(f"missing_sources must be 'error' or 'skip', not {missing_sources!r}")
    with _Archive(p) as archive:
        plan = _ProjectReader(p, archive, coder, missing_sources).read()
    with _using(store, create=True) as st:
        return _write_import(plan, st)


def _write_import(plan: _Plan, store: ProjectStore) -> ImportReport:
    """Write what :class:`_ProjectReader` read, in one transaction."""
    with store.transaction():
        saved = _import_codebook(plan, store)
        doc_of = _import_documents(plan, store)
        for note in plan.notes:
            kind, target = note.kind, note.target
            if kind == "document":
                target = doc_of[target]
            if store.insert_memo_once(
                kind, target, note.author, note.text, note.created, note.updated
            ):  # else imported before
                plan.report.memos += 1
        by_coder: dict[str, list[tuple[Coding, str]]] = defaultdict(list)
        for index, source in enumerate(plan.sources):
            for start, end, code, coder, memo, created in source.codings:
                coding = Coding(doc_of[index], start, end, code, coder, origin="import", memo=memo)
                by_coder[coder].append((coding, created))
        options = {"file": plan.path.name, "origin": plan.origin}
        for coder in sorted(by_coder):
            items = by_coder[coder]
            codebook = plan.codebook if saved else None
            with CodingRun(
                store, coder=coder, origin="import", codebook=codebook, options=options
            ) as run:
                ids = run.add(coding for coding, _ in items)
                store.set_coding_times(
                    run.run_id,
                    [(cid, created) for cid, (_, created) in zip(ids, items, strict=True)],
                )
            plan.report.codings_added += run.n_added
    return plan.report


def _import_codebook(plan: _Plan, store: ProjectStore) -> bool:
    """Save the file's codebook when the store has none (True), else compare them
    (inside the import's transaction).
    """
    report, codebook = plan.report, plan.codebook
    if codebook is None:
        return False
    if not store.has_codebook():
        save_codebook(store, codebook)
        report.codebook_saved = True
        report.codes_new = [code.name for code in codebook]
        return True
    existing = store.codebook()
    for code in codebook:
        if code.name not in existing:
            report.codes_new.append(code.name)
            continue
        mine = existing[code.name].definition
        if code.definition != NO_DEFINITION and code.definition != (
            "" if mine == NO_DEFINITION else mine
        ):
            report.codes_changed.append(code.name)
    if report.codes_new or report.codes_changed:
        report.warnings.append(
            f"the store's codebook is kept as it is: {_plural(len(report.codes_new), 'code')} "
            f"of the file are not in it, {len(report.codes_changed)} have another definition "
            "there (see codes_new and codes_changed)"
        )
    return False
