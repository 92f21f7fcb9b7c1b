"""Ingest: walk folders, read every file, segment it, attach metadata, store it.

One call is one transaction: if anything unexpected interrupts it (a crash, Ctrl-C),
the store is left exactly as it was. A file that cannot be read is not unexpected: it
is recorded with its cause, and the rest goes on. Re-ingesting an unchanged file
changes nothing; a changed file at the same path becomes a new version.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "P01_2018_interview.txt").write_text(
...     "I: Hoe begon het?\\nR: Met een eetgroep.\\n", encoding="utf-8")
>>> _ = (folder / "kapot.pdf").write_bytes(b"")
>>> report = ingest(folder / "p.sokwal", folder)
>>> [(pathlib.Path(o.path).name, o.status) for o in report.outcomes]
[('kapot.pdf', 'failed'), ('P01_2018_interview.txt', 'added')]
>>> report.exit_code
1
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import TranscriptionError
from ..privacy.values import path_matches
from ..store import ProjectStore, open_store
from ..transcription.models import DOCS, check_model_folder
from .metadata import (
    DocumentMetadata,
    compile_pattern,
    load_documents_file,
    load_projects_file,
    meta_from_name,
    normalize_kind,
)
from .outcomes import FileOutcome, IngestReport
from .outcomes import Status as Status  # re-exported: the old home of the name
from .prepare import Job, Prepared, prepare_all
from .siblings import one_per_recording
from .sources import _absolute, _collect, _sha256, _Source
from .surveys import store_survey
from .transcribing import _cause, _transcribe_all, default_transcripts_folder
from .transcripts import RoleMap

__all__ = ["FileOutcome", "IngestReport", "default_transcripts_folder", "ingest"]


@dataclass
class _Plan:
    """What to do with one file: an outcome already known, or a job to read it."""

    src: _Source
    sha: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    job: Job | None = None
    outcome: FileOutcome | None = None


class _Ingester:
    def __init__(
        self,
        store: ProjectStore,
        *,
        documents: list[DocumentMetadata],
        pattern: Any,
        roles: RoleMap | None,
        report: IngestReport,
    ) -> None:
        self.store = store
        self.documents = documents
        self.pattern = pattern
        self.roles = roles
        self.report = report
        self.known_projects = store.listed_project_ids()
        self.warned_projects: set[str] = set()
        self.planned: dict[str, str] = {}  # sha256 -> path, for duplicates within one run

    def upsert_projects(self, frame: pd.DataFrame) -> None:
        before = dict(self.store.project_attributes())
        changed = 0
        for record in frame.to_dict("records"):
            pid = record.pop("project_id")
            attrs = {k: (None if pd.isna(v) else v) for k, v in record.items()}
            changed += pid in before and before[pid] != attrs
            self.store.set_project_metadata(pid, attrs)
            self.known_projects.add(pid)
        if changed and self.store.n_pseudonymizations():
            self.report.warnings.append(
                f"{self.store.path}: the projects file changed the metadata of {changed}"
                " project(s) of this pseudonymized store; run `sokwal pseudonymize` again so"
                " that names in its free-text columns are replaced"
            )

    def metadata_for(self, src: _Source) -> dict[str, Any]:
        meta = meta_from_name(src.rel, self.pattern)
        for sidecar in self.documents:
            found = sidecar.lookup(src.rel)
            if found:
                meta.update(found)
        return meta

    def ensure_project(self, project_id: str, src: _Source) -> None:
        if project_id in self.known_projects:
            return
        if not self.store.has_project(project_id):
            self.store.insert_unlisted_project(project_id)
        if project_id not in self.warned_projects:
            self.warned_projects.add(project_id)
            if self.known_projects:
                cause = f"project {project_id!r} is not in the projects file"
                todo = "add it to projects.csv"
            else:  # no projects file was ever given: say so, not that one lacks it
                cause = f"project {project_id!r} has no metadata: no projects file was given"
                todo = "add a projects.csv with project_id and its columns to the folder"
            self.report.warnings.append(
                f"{src.display}: {cause}; stored without project metadata ({todo})"
            )

    def restore(self, src: _Source, doc_id: str, stored: str) -> FileOutcome:
        """Make an earlier version of ``src`` (stored at ``stored``) current again."""
        previous = self.store.current_version(stored)
        if previous:
            self.store.set_current(previous[0], False)
        self.store.set_current(doc_id)
        version = self.store.document_version(doc_id)
        replaces = f"; replaces {previous[0]}" if previous else ""
        return FileOutcome(
            src.display,
            "new version",
            doc_id,
            f"back to version {version}{replaces}",
            stored_path=stored if stored != src.key else None,
        )

    def plan(self, src: _Source) -> _Plan:
        """Hash the file and decide: unchanged, duplicate, restored, or to be read."""
        sha = _sha256(src.path)
        if sha in self.planned:
            why = f"same content as {self.planned[sha]}"
            return _Plan(src, sha, outcome=FileOutcome(src.display, "duplicate", sha[:16], why))
        known = self.store.document_by_sha256(sha)
        if known is not None:
            # the store may show the file by a pseudonymized display path
            same = known.path == src.key or path_matches(known.path, src.key)
            shown = known.path if known.path != src.key else None
            if same and known.is_current:
                outcome = FileOutcome(src.display, "unchanged", known.doc_id, stored_path=shown)
                return _Plan(src, sha, outcome=outcome)
            if same:  # the file went back to an earlier version's content
                return _Plan(src, sha, outcome=self.restore(src, known.doc_id, known.path))
            why = f"same content as {known.path}"
            outcome = FileOutcome(src.display, "duplicate", known.doc_id, why)
            return _Plan(src, sha, outcome=outcome)
        self.planned[sha] = src.key
        meta = self.metadata_for(src)
        raw_kind = meta.pop("kind", None)
        kind = normalize_kind(raw_kind)
        if raw_kind and kind is None:
            self.report.warnings.append(
                f"{src.display}: unknown document kind {raw_kind!r}; use interview, report,"
                " survey or other"
            )
        return _Plan(src, sha, meta, job=Job(src.path, kind=kind, roles=self.roles))

    def write(self, plan: _Plan, prepared: Prepared, ingest_id: int) -> FileOutcome:
        """Store a prepared document with its segments (and survey)."""
        src, meta, doc = plan.src, dict(plan.meta), prepared
        for warning in prepared.warnings:
            self.report.warnings.append(f"{src.display}: {warning}")
        project_id = meta.pop("project_id", None)
        if project_id:
            self.ensure_project(project_id, src)
        elif prepared.kind != "survey":
            self.report.warnings.append(
                f"{src.display}: no project_id (the file name does not match the pattern and"
                " no documents file lists it); stored without a project"
            )
        previous = self.store.current_version(src.key)
        version = 1
        if previous:
            self.store.set_current(previous[0], False)
            version = previous[1] + 1
        doc_id = plan.sha[:16]
        wave, role = meta.pop("wave", None), meta.pop("role", None)
        self.store.insert_document(
            doc_id,
            path=src.key,
            version=version,
            project_id=project_id,
            wave=wave,
            kind=prepared.kind,
            format=doc.format,
            title=doc.title,
            respondent_role=role,
            text=doc.text,
            sha256=plan.sha,
            attributes=meta,
            properties=doc.properties,
            ingest_id=ingest_id,
        )
        self.store.insert_segments(doc_id, prepared.rows)
        if src.audio is not None:
            self.store.set_source_audio(doc_id, *src.audio)
        if prepared.survey is not None:
            store_survey(self.store, doc_id, prepared.survey)
        if previous:
            return FileOutcome(
                src.display, "new version", doc_id, f"version {version}; replaces {previous[0]}"
            )
        return FileOutcome(src.display, "added", doc_id)


def ingest(
    store: ProjectStore | str | PathLike[str],
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    projects: str | PathLike[str] | None = None,
    documents: str | PathLike[str] | None = None,
    pattern: str | None = None,
    roles: RoleMap | None = None,
    progress: bool | None = None,
    workers: int | None = None,
    pseudonymize: bool = False,
    key: str | PathLike[str] | None = None,
    passphrase: str | None = None,
    transcribe: bool = False,
    model: str | PathLike[str] | None = None,
    transcripts: str | PathLike[str] | None = None,
    language: str | None = "nl",
    n_speakers: int | None = None,
    diarize: bool = True,
    device: str = "auto",
) -> IngestReport:
    """Read files and folders into a project store, in one transaction.

    Parameters
    ----------
    store : ProjectStore or path
        The store to write to (created when missing).
    paths : path or list of paths
        Files and folders; folders are walked recursively (hidden entries skipped).
        A ``projects.csv``/``.xlsx`` and ``documents.csv``/``.xlsx`` at a folder's root
        are used as metadata without being named.
    projects, documents : path, optional
        Metadata files (see :mod:`sokwal_monitor.ingestion.metadata`).
    pattern : str, optional
        A regex with named groups for metadata in file names; default
        :data:`~sokwal_monitor.ingestion.metadata.DEFAULT_PATTERN`.
    roles : mapping or callable, optional
        Speaker label → ``"interviewer"``/``"respondent"``, overriding the default.
    progress : bool, optional
        Show a progress bar; by default only when standard output is a terminal.
    pseudonymize : bool, default False
        Pseudonymize the store after ingesting (see :mod:`sokwal_monitor.privacy`); the
        result is in ``report.pseudonymization``.
    key : path, optional
        The key file for ``pseudonymize`` (default: ``<store>.sokwal-key``).
    passphrase : str, optional
        The key file's passphrase (default: ``SOKWAL_KEY_PASSPHRASE``, or a prompt on a
        terminal). The key file is opened before anything is read or written, so a
        wrong passphrase stops the run with the store unchanged.
    workers : int, optional
        Processes that read and segment files in parallel. By default one per core (at
        most 4) when there are several megabytes to read, else 1. The stored rows are
        the same whatever the number.
    transcribe : bool, default False
        Transcribe the recordings found (``.wav .mp3 .m4a .ogg .webm .mp4`` ...) with
        :func:`sokwal_monitor.transcription.transcribe_file` into WebVTT files in
        ``transcripts`` and ingest those with the documents; each transcript records its
        recording's path and SHA-256 (``store.source_audio()``), never the audio. A
        recording that cannot be transcribed is a failed file; the rest goes on. Without
        ``transcribe``, recordings are skipped with a hint.
    model : path, optional
        The local faster-whisper model folder (required with ``transcribe``).
    transcripts : path, optional
        Where the transcripts go (default :func:`default_transcripts_folder`: a folder
        next to the store). A rerun reuses the transcripts of unchanged recordings.
    language, n_speakers, diarize, device
        As for :func:`~sokwal_monitor.transcription.transcribe_file`.

    Returns
    -------
    IngestReport
        One outcome per file and the warnings; unreadable files are in it, not raised.

    Raises
    ------
    MetadataError
        A metadata file or the pattern cannot be used (nothing is written).
    TranscriptionError
        ``transcribe`` without a usable model folder (nothing is done).
    StoreError
        The store cannot be opened, or (``KeyFileError``) the key file for
        ``pseudonymize`` cannot: nothing is written.
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    roots = [Path(p) for p in paths]
    regex = compile_pattern(pattern)
    report = IngestReport()
    recordings: list[_Source] | None = None
    transcripts_folder: Path | None = None
    if transcribe:
        if model is None:
            raise TranscriptionError(
                None,
                "transcribing recordings needs a speech-recognition model folder",
                f"give --model DIR (see {DOCS})",
            )
        check_model_folder(model)
        store_path = store.path if isinstance(store, ProjectStore) else Path(store)
        transcripts_folder = _absolute(
            Path(transcripts) if transcripts else default_transcripts_folder(store_path)
        )
        recordings = []
    sources, projects_files, documents_files = _collect(
        roots, report, recordings=recordings, exclude=transcripts_folder
    )
    # one transcript per recording: not also the .txt/.docx written with a .vtt, nor a
    # new transcription of a recording whose transcript is among the files
    sources, recordings = one_per_recording(sources, recordings, report)
    project_frames = [load_projects_file(p) for p in ([projects] if projects else projects_files)]
    sidecars = [load_documents_file(p) for p in documents_files]
    if documents:
        sidecars.append(load_documents_file(documents))
    if recordings and transcripts_folder is not None and model is not None:
        show_bars = sys.stdout.isatty() if progress is None else progress
        sources += _transcribe_all(
            recordings,
            report,
            model=model,
            folder=transcripts_folder,
            options={
                "language": language,
                "n_speakers": n_speakers,
                "diarize": diarize,
                "device": device,
                "progress": show_bars,
            },
        )
    if not sources and not project_frames:  # nothing to do: do not even create a store
        report.store_path = str(store.path if isinstance(store, ProjectStore) else store)
        return report
    keyfile = None
    if pseudonymize:  # the key file first: a wrong passphrase stops before any write
        from ..privacy import KeyFile, default_key_path

        store_path = store.path if isinstance(store, ProjectStore) else Path(store)
        keyfile = KeyFile(key or default_key_path(store_path), passphrase)
    try:
        the_store = open_store(store)
    except BaseException:
        if keyfile is not None:
            keyfile.close()
        raise
    report.store_path = str(the_store.path)
    show = sys.stdout.isatty() if progress is None else progress
    try:
        with the_store.transaction(), ExitStack() as stack:
            ingest_id = the_store.insert_ingest([str(r) for r in roots])
            worker = _Ingester(
                the_store,
                documents=sidecars,
                pattern=regex,
                roles=roles,
                report=report,
            )
            for frame in project_frames:
                worker.upsert_projects(frame)
            plans = []
            for src in sources:
                try:
                    with the_store.transaction():  # restoring a version writes: a savepoint
                        plans.append(worker.plan(src))
                except OSError as err:
                    why = f"could not be read from disk ({err.strerror or err})"
                    plans.append(_Plan(src, outcome=FileOutcome(src.display, "failed", None, why)))
            jobs = [plan.job for plan in plans if plan.job is not None]
            results = stack.enter_context(closing(prepare_all(jobs, workers=workers)))
            for plan in _progress(plans, show):
                if plan.outcome is None:
                    prepared = next(results)
                    if prepared.error is not None:
                        why = _cause(prepared.error)
                        plan.outcome = FileOutcome(plan.src.display, "failed", None, why)
                    else:
                        with the_store.transaction():  # a savepoint per file
                            plan.outcome = worker.write(plan, prepared, ingest_id)
                report.outcomes.append(plan.outcome)
            for sidecar in sidecars:
                for missing in sidecar.unused({s.rel for s in sources}):
                    report.warnings.append(
                        f"{sidecar.source}: lists {missing!r}, which is not among the files"
                    )
            added = [o for o in report.outcomes if o.status in ("added", "new version")]
            pseudonymized = the_store.n_pseudonymizations()
            if added and pseudonymized and not pseudonymize:
                report.warnings.append(
                    f"{the_store.path}: this store was pseudonymized before, but the"
                    f" {len(added)} new document(s) are not yet; run `sokwal pseudonymize`"
                    " (or ingest with --pseudonymize) before anyone reads them"
                )
            _log(the_store, ingest_id, report)
            report.ingest_id = ingest_id
        if pseudonymize and report.exit_code < 2:
            from ..privacy import pseudonymize as run_pseudonymize

            report.pseudonymization = run_pseudonymize(the_store, keyfile, progress=progress)
    finally:
        if keyfile is not None:
            keyfile.close()
        if the_store is not store:
            the_store.close()
    return report


def _progress(items: list[_Plan], show: bool) -> Iterable[_Plan]:
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="ingest", unit="file", file=sys.stderr)


def _log(store: ProjectStore, ingest_id: int, report: IngestReport) -> None:
    counts = report.counts()
    store.update_ingest_counts(
        ingest_id,
        n_added=counts.get("added", 0),
        n_new_version=counts.get("new version", 0),
        n_unchanged=counts.get("unchanged", 0) + counts.get("duplicate", 0),
        n_failed=counts.get("failed", 0),
        n_skipped=counts.get("skipped", 0),
    )
    store.insert_ingest_files(
        ingest_id,
        [(o.stored_path or o.path, o.status, o.doc_id, o.message) for o in report.outcomes],
    )
