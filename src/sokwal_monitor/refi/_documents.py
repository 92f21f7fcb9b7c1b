"""The text sources of an imported project stored as documents (or matched with the
documents the store holds)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..ingestion.metadata import normalize_kind
from ..ingestion.readers import plain_text_document
from ..ingestion.transcripts import is_dialogue, segment_paragraphs, segment_transcript
from ..store import ProjectStore
from ._plan import _Plan, _Source
from .report import ImportReport

# variable names (lower case, spaces and hyphens as _) that fill a document field
_FIELD_OF_VARIABLE = {
    "project_id": "project_id", "project": "project_id", "projectid": "project_id",
    "wave": "wave", "golf": "wave",
    "kind": "kind", "soort": "kind",
    "respondent_role": "respondent_role", "role": "respondent_role", "rol": "respondent_role",
}  # fmt: skip


def _import_documents(plan: _Plan, store: ProjectStore) -> dict[int, str]:
    """Store the text sources (or match them); each source's doc_id by its index."""
    report = plan.report
    doc_of: dict[int, str] = {}
    claimed: set[str] = set()  # documents a source of this file was matched with or stored as
    paths: set[str] = set()
    for index, source in enumerate(plan.sources):
        text = source.text
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        found = _match(store, source, sha, claimed)
        if found is not None:
            doc_of[index] = found
            claimed.add(found)
            report.documents_matched.append(found)
            continue
        doc_id = sha[:16]
        if source.media or store.documents_with_text(sha, text) or doc_id in claimed:
            # a second source with the same text (or a source without text): its own
            # document, named by the source's GUID (or its place in the file)
            key = source.guid.strip("{}").lower() or f"{plan.path.name}#{index}"
            doc_id = hashlib.sha256(f"{sha}\x1f{key}".encode()).hexdigest()[:16]
            if not source.media:
                first = next(
                    (plan.sources[i].name for i in doc_of if plan.sources[i].text == text), None
                )
                report.warnings.append(
                    f"source {source.name!r} has the same text as "
                    f"{repr(first) if first else 'a document the store holds'}: kept as a "
                    "document of its own"
                )
        doc_of[index] = doc_id
        claimed.add(doc_id)
        base = path = f"qdpx/{plan.path.name}/{source.name}"
        k = 2
        while path in paths:
            path, k = f"{base} ({k})", k + 1
        paths.add(path)
        version = store.next_document_version(path)
        previous = store.current_version(path)
        if previous is not None:
            store.set_current(previous[0], False)
            report.warnings.append(
                f"source {source.name!r}: its text changed since an earlier import; stored as "
                f"version {version} of {path} (the codings on version {version - 1} stay there)"
            )
        fields, attributes = _document_fields(source, report)
        kind = fields.get("kind")
        doc = plain_text_document(text, fmt="qdpx")
        if not text:
            segments = []
            kind = kind or "other"
        elif kind in (None, "interview"):
            segments = segment_transcript(doc)
            kind = kind or ("interview" if is_dialogue(segments) else "other")
            if kind == "other" and any(s.speaker for s in segments):
                segments = segment_paragraphs(doc)  # one lone label does not make a dialogue
        else:
            segments = segment_paragraphs(doc)
        if fields.get("project_id") and not store.has_project(fields["project_id"]):
            store.insert_unlisted_project(fields["project_id"])
        properties: dict[str, Any] = {
            "refi_guid": source.guid,
            "refi_file": plan.path.name,
            "refi_origin": plan.origin,
        }
        if source.media:
            properties["refi_source"] = source.media
            if source.media_path:
                properties["refi_path"] = source.media_path
        elif source.origin_tag != "TextSource":
            properties["refi_source"] = source.origin_tag
        if source.sets:
            properties["refi_sets"] = list(source.sets)
        if source.created:
            properties["refi_created"] = source.created
        store.insert_document(
            doc_id,
            path=path,
            version=version,
            format="qdpx",
            ingest_id=None,
            project_id=fields.get("project_id"),
            wave=fields.get("wave"),
            kind=kind,
            title=source.name,
            respondent_role=fields.get("respondent_role"),
            sha256=sha,
            text=text,
            attributes=attributes,
            properties=properties,
        )
        store.insert_segments(
            doc_id,
            [
                (s.position, s.speaker, s.role, s.start_char, s.end_char, s.start_time,
                 s.end_time, s.section, s.page)
                for s in segments
            ],
        )  # fmt: skip
        report.documents_added.append(doc_id)
    return doc_of


def _match(store: ProjectStore, source: _Source, sha: str, claimed: set[str]) -> str | None:
    """The document the store holds for ``source``: the one imported from the same
    REFI-QDA source (same GUID) with the same text, else one with the same text that no
    other source of this file was matched with; None when there is none."""
    guid = source.guid.strip("{}").lower()
    if source.media:
        found = store.document_with_refi_guid(guid) if guid else None
        return found if found not in claimed else None
    candidates = [
        (d, g) for d, g in store.documents_with_text(sha, source.text) if d not in claimed
    ]
    for doc_id, their in candidates:
        if guid and their.strip("{}").lower() == guid:
            return doc_id
    return candidates[0][0] if candidates else None


def _document_fields(
    source: _Source, report: ImportReport
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A source's variables as document fields (by name) and extra metadata."""
    fields: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    for name, value in source.variables.items():
        target = _FIELD_OF_VARIABLE.get(re.sub(r"[\s\-]+", "_", name.strip().lower()))
        if target is None or target in fields or value in (None, ""):
            attributes[name] = value
        elif target == "kind":
            kind = normalize_kind(str(value))
            if kind in (None, "survey"):
                attributes[name] = value
                report.warnings.append(
                    f"source {source.name!r}: variable {name!r} is {value!r}, not a document "
                    "kind (interview, report or other); kept as metadata"
                )
            else:
                fields["kind"] = kind
        else:
            fields[target] = str(value)
    return fields, attributes
