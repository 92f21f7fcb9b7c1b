"""Reading and checking a REFI-QDA project (``project.qde`` and its texts) for import;
nothing is written here (see :func:`~sokwal_monitor.refi.import_qdpx`)."""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml

from ..codebook import Codebook, codebook_from_text, codebook_to_text
from ..codebook.refi_codes import codes_from_xml
from ..codebook.refi_sections import NO_DEFINITION
from ..codebook.refi_xml import (
    ORIGIN,
    PROJECT_NAMESPACE,
    derived_guid,
    parse_error_position,
    parse_lines,
)
from ..errors import CodebookError, SokwalError
from ..ingestion.readers import read_document, supported_suffixes
from ..store import now
from ._offsets import _Offsets
from ._plan import _Note, _Plan, _Source
from ._xml import _key, _local, _store_time
from .archive import _Archive
from .report import _AGAIN, _HOSTILE, ImportReport, RefiError, _plural

_VALUE_TAGS = (
    "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"
)  # fmt: skip
_MEDIA = {
    "PDFSource": "a PDF",
    "PictureSource": "a picture",
    "AudioSource": "an audio",
    "VideoSource": "a video",
}


class _ProjectReader:
    """Reads and checks a project (see :func:`import_qdpx`); writes nothing."""

    def __init__(self, path: Path, archive: _Archive, coder: str | None, missing: str) -> None:
        self.path = path
        self.archive = archive
        self.coder = coder
        self.missing = missing
        self.report = ImportReport(str(path))
        self.stamp = now()
        self.unknown_users: set[str] = set()
        self.extra_notes: list[_Note] = []  # source descriptions, commented quotations
        # note GUID -> the codings that refer to it (source, index in its codings)
        self.coding_notes: dict[str, list[tuple[_Source, int]]] = {}

    # -- parsing -------------------------------------------------------------------
    def parse(self) -> tuple[ET.Element, dict[ET.Element, int]]:
        member = self.archive.qde.filename
        data = self.archive.read(self.archive.qde)
        try:
            root, lines = parse_lines(data, forbid_dtd=True)
        except ET.ParseError as exc:
            line, column, reason = parse_error_position(exc)
            raise RefiError(
                self.path,
                f"{member}, line {line}, column {column}: the project file is not "
                f"well-formed XML ({reason})",
                _AGAIN,
            ) from exc
        except defusedxml.DTDForbidden as exc:
            raise RefiError(
                self.path,
                f"refused: {member} declares a document type (<!DOCTYPE ...>); that is where "
                "hostile XML hides entities that fill the memory or read other files, and a "
                "REFI-QDA project never needs one",
                _HOSTILE,
            ) from exc
        except defusedxml.DefusedXmlException as exc:
            raise RefiError(
                self.path,
                f"refused: {member} uses XML entities or external references ({exc}), the "
                "means of attacks that fill the memory or read other files; a REFI-QDA "
                "project never needs them",
                _HOSTILE,
            ) from exc
        namespace, _, local = root.tag.rpartition("}")
        namespace = namespace.lstrip("{")
        if local != "Project" or namespace not in (PROJECT_NAMESPACE, ""):
            where = f" in the namespace {namespace!r}" if namespace else ""
            raise RefiError(
                self.path,
                f"{member} is XML, but its root is <{local}>{where}, not a REFI-QDA <Project>",
                _AGAIN,
            )
        return root, lines

    def read(self) -> _Plan:
        root, self.lines = self.parse()
        ns = self.ns = root.tag.rpartition("}")[0] + "}" if "}" in root.tag else ""
        self.origin = (root.get("origin") or "").strip()
        self.project_name = (root.get("name") or "").strip() or self.path.stem
        self.utf16 = self.origin.lower().startswith("nvivo")
        self.report.offsets = "UTF-16 code units" if self.utf16 else "code points"
        self.default_user = root.get("creatingUserGUID")
        self.users = {
            _key(u.get("guid")): (u.get("name") or "").strip()
            for u in root.findall(f"{ns}Users/{ns}User")
        }
        self.variables = {
            _key(v.get("guid")): (v.get("name") or "").strip()
            for v in root.findall(f"{ns}Variables/{ns}Variable")
        }
        self.refs: dict[str, tuple[str, Any]] = {}  # note GUID -> (kind, target)
        codebook, code_of = self.codebook(root)
        sources = self.sources(root, code_of)
        self.cases(root, sources)
        self.sets(root, sources)
        notes = self.notes(root, sources)
        for el in root:
            part = _local(el.tag)
            if part in ("Links", "Graphs"):
                self.report.warnings.append(
                    f"{_plural(len(el), part.lower()[:-1])} not imported: sokwal-monitor has no "
                    f"place for REFI-QDA {part.lower()}"
                )
        return _Plan(
            self.path, self.origin, self.project_name, codebook, sources, notes, self.report
        )

    # -- parts ---------------------------------------------------------------------
    def user(self, *elements: ET.Element | None, attribute: str = "creatingUser") -> str:
        """The name of the user who made the first of ``elements`` that names one (else
        the project's creator); ``coder`` when given."""
        if self.coder is not None:
            return self.coder
        for el in elements:
            guid = el.get(attribute) if el is not None else None
            if guid:
                return self.user_name(guid)
        return self.user_name(self.default_user) if self.default_user else "unknown"

    def user_name(self, guid: str) -> str:
        name = self.users.get(_key(guid))
        if name:
            return name
        if name == "":  # a <User> without a name: named by its GUID
            if _key(guid) not in self.unknown_users:
                self.unknown_users.add(_key(guid))
                self.report.warnings.append(
                    f"user {guid} has no name; their work is stored under the name "
                    f"'user {_key(guid)[:8]}'"
                )
            return f"user {_key(guid)[:8]}"
        if _key(guid) not in self.unknown_users:
            self.unknown_users.add(_key(guid))
            self.report.warnings.append(
                f"user {guid} is not among the project's users; their work is stored under "
                f"the name 'user {_key(guid)}'"
            )
        return f"user {_key(guid)}"

    def codebook(self, root: ET.Element) -> tuple[Codebook | None, dict[str, str]]:
        ns = self.ns
        codes_el = root.find(f"{ns}CodeBook/{ns}Codes")
        if codes_el is None:
            return None, {}
        codes, problems = codes_from_xml(codes_el, ns, self.lines, self.project_name)
        if problems:
            raise RefiError(
                self.path,
                f"the codebook in {self.archive.qde.filename} does not validate "
                f"({_plural(len(problems), 'problem')}):\n  " + "\n  ".join(problems),
                "fix these in the program that made the file and export it again",
            )
        code_of: dict[str, str] = {}
        for el, code in zip(codes_el.iter(f"{ns}Code"), codes, strict=True):
            code.definition = code.definition.strip() or NO_DEFINITION
            guid = code.guid or derived_guid(self.project_name, code.name)
            code_of[_key(guid)] = code.name
            for ref in el.findall(f"{ns}NoteRef"):
                self.refs.setdefault(_key(ref.get("targetGUID")), ("code", code.name))
        if not codes:
            return None, code_of
        draft = Codebook(name=self.project_name, codes=codes)
        try:  # what the store will read back
            codebook = codebook_from_text(codebook_to_text(draft), source=str(self.path))
        except CodebookError as exc:  # pragma: no cover - codes_from_xml checks the same
            raise RefiError(self.path, f"the codebook cannot be kept: {exc.cause}") from exc
        return codebook, code_of

    def sources(self, root: ET.Element, code_of: dict[str, str]) -> list[_Source]:
        ns = self.ns
        sources: list[_Source] = []
        missing: list[str] = []
        self.source_index: dict[str, int] = {}
        unknown_codes: Counter[str] = Counter()
        sources_el = root.find(f"{ns}Sources")
        for el in list(sources_el) if sources_el is not None else []:
            tag = _local(el.tag)
            name = (el.get("name") or "").strip() or el.get("guid") or "(unnamed)"
            text_el = el
            if tag == "PDFSource" and (rep := el.find(f"{ns}Representation")) is not None:
                text_el = rep
            index = len(sources)
            if tag not in ("TextSource", "PDFSource") or (text_el is el and tag == "PDFSource"):
                sources.append(self.without_text(el, tag, name, index))
                continue
            raw, why = self.text_of(text_el, name)
            if raw is None and tag == "PDFSource":
                self.report.warnings.append(
                    f"source {name!r}: its plain-text representation: {why}"
                )
                sources.append(self.without_text(el, tag, name, index))
                continue
            if raw is None:
                missing.append(f"{name!r} ({why})")
                n = sum(1 for _ in el.iter(f"{ns}Coding"))
                with_codings = f", with its {_plural(n, 'coding')}" if n else ""
                self.report.sources_skipped.append(name)
                self.report.warnings.append(f"source {name!r} skipped{with_codings}: {why}")
                continue
            if "\x00" in raw:
                raw = raw.replace("\x00", "\ufffd")
                self.report.warnings.append(
                    f"source {name!r}: NUL characters in its text were replaced by \ufffd"
                )
            if regions := el.findall(f"{ns}PDFSelection"):
                n = sum(1 for sel in regions for _ in sel.iter(f"{ns}Coding"))
                self.report.warnings.append(
                    f"source {name!r}: {_plural(len(regions), 'PDF region')}, with its "
                    f"{_plural(n, 'coding')}, not imported: sokwal-monitor codes the PDF's "
                    "text, not regions of its pages"
                )
            offsets = _Offsets(raw, utf16=self.utf16)
            source = _Source(el.get("guid") or "", name, offsets.text, origin_tag=tag)
            self.source_index.setdefault(_key(source.guid), index)
            for sel in text_el.findall(f"{ns}PlainTextSelection"):
                start, end = self.span(sel, offsets, name)
                memo = self.description(sel)
                codings = sel.findall(f"{ns}Coding")
                if memo and not codings:
                    self.note_on_selection(sel, index, start, end, memo)
                for coding in codings:
                    self.coding(coding, (sel, el), source, start, end, memo, code_of, unknown_codes)
                for ref in sel.findall(f"{ns}NoteRef"):
                    self.refs.setdefault(_key(ref.get("targetGUID")), ("document", index))
            for owner in [el] if text_el is el else [el, text_el]:
                for coding in owner.findall(f"{ns}Coding"):  # the whole source
                    self.coding(
                        coding, (owner,), source, 0, len(source.text), "", code_of, unknown_codes
                    )
            self.source_parts(el, index, name, source)
            sources.append(source)
        if missing and self.missing == "error":
            shown = "; ".join(missing[:5]) + (
                f"; and {len(missing) - 5} more" if missing[5:] else ""
            )
            empty = (
                "" if self.archive.has_sources else " (the archive holds no source files at all)"
            )
            raise RefiError(
                self.path,
                f"the text of {_plural(len(missing), 'text source')} is missing{empty}: {shown}",
                "export the project again with its sources included; or import it with "
                "missing_sources='skip' (sokwal import --skip-missing-sources) to take"
                " the codebook, the memos and the other sources",
            )
        if unknown_codes:
            n = sum(unknown_codes.values())
            self.report.warnings.append(
                f"{_plural(n, 'coding')} skipped: they refer to codes that are not in the "
                f"codebook ({', '.join(sorted(unknown_codes))})"
            )
        self.count_codings(sources)
        return sources

    def without_text(self, el: ET.Element, tag: str, name: str, index: int) -> _Source:
        """A picture, audio or video source (or a PDF without its text): kept as a
        document without text, reported; codings on its regions cannot be kept."""
        ns = self.ns
        n = sum(1 for _ in el.iter(f"{ns}Coding"))
        what = f"{_MEDIA[tag]} source" if tag in _MEDIA else f"a <{tag}>"
        with_codings = (
            f", with its {_plural(n, 'coding')}, which are not imported (they mark regions "
            "or time spans)"
            if n
            else ""
        )
        self.report.documents_without_text.append(name)
        self.report.warnings.append(
            f"source {name!r} kept as a document without text: it is {what}, and "
            f"sokwal-monitor reads text only (the file itself is not imported){with_codings}"
        )
        if el.find(f"{ns}Transcript") is not None:
            self.report.warnings.append(
                f"source {name!r}: its transcripts are not imported (import them as text)"
            )
        source = _Source(
            el.get("guid") or "", name, "", media=tag, media_path=(el.get("path") or "").strip()
        )
        self.source_index.setdefault(_key(source.guid), index)
        self.source_parts(el, index, name, source)
        return source

    def source_parts(self, el: ET.Element, index: int, name: str, source: _Source) -> None:
        """What every kind of source may carry: notes, a description and variables."""
        for ref in el.findall(f"{self.ns}NoteRef"):
            self.refs.setdefault(_key(ref.get("targetGUID")), ("document", index))
        if description := self.description(el):
            self.extra_notes.append(
                _Note("document", index, self.user(el), description, *self.times(el))
            )
        source.variables = self.values(el, name)
        source.created = _store_time(el.get("creationDateTime")) or ""

    def text_of(self, el: ET.Element, owner: str = "") -> tuple[str | None, str]:
        """A text source's text (or None) and, when missing, why: from ``plainTextPath``
        (``internal://`` in Sources/; a relative path or ``relative://`` looked up in
        Sources/ too), inline ``PlainTextContent``, or else the ``.docx`` (or other
        document) that ``richTextPath`` names, read as on ingest."""
        owner = owner or (el.get("name") or el.get("guid") or "").strip()
        content = el.find(f"{self.ns}PlainTextContent")
        reference = (el.get("plainTextPath") or "").strip()
        why = ""
        if reference:
            info, why = self.member(reference, owner)
            if info is not None:
                return self.decode(self.archive.read(info), info.filename), ""
        if content is not None:
            return content.text or "", ""
        rich = (el.get("richTextPath") or "").strip()
        if rich:
            info, rich_why = self.member(rich, owner)
            if info is not None:
                text, rich_why = self.rich_text(info, owner)
                if text is not None:
                    return text, ""
            why = f"{why}; " if why else ""
            return None, why + rich_why
        if why:
            return None, why
        return None, "it has neither a text file (plainTextPath) nor its text (PlainTextContent)"

    def member(self, reference: str, owner: str) -> tuple[Any, str]:
        """The archive member a source's path names (or None) and, when none, why."""
        scheme, sep, rest = reference.partition("://")
        scheme = scheme.lower() if sep else ""
        if scheme == "internal":
            info = self.archive.source(rest)
            where = "its text file" if "." not in rest else f"its file {rest!r}"
            if info is None:
                return None, f"{where} is not in the archive's Sources folder"
            return info, ""
        if scheme in ("", "relative"):
            if scheme == "relative" and rest.startswith("/") and not rest.startswith("//"):
                rest = rest[1:]  # relative:///name, as ATLAS.ti writes it
            info = self.archive.relative(rest if scheme else reference, owner, reference)
            if info is None:
                return None, (
                    f"its text ({reference}) is not in the archive's Sources folder, and "
                    "texts outside the archive are not read"
                )
            return info, ""
        return None, f"its text is outside the archive ({reference}), and is not read from there"

    def rich_text(self, info: Any, owner: str) -> tuple[str | None, str]:
        """The text of a source's rich-text file (a ``.docx``, ``.odt``, ...), read with
        the document readers; selections count in the text the reader gives."""
        suffix = PurePosixPath(info.filename).suffix.lower()
        if suffix not in supported_suffixes():
            return None, f"its rich text {info.filename} is not a format sokwal-monitor reads"
        data = self.archive.read(info)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"source{suffix}"
            path.write_bytes(data)
            try:
                text = read_document(path).text
            except SokwalError as exc:
                return None, f"its rich text {info.filename} cannot be read ({exc.cause})"
        self.report.warnings.append(
            f"source {owner!r}: no plain text in the file; its text is read from "
            f"{info.filename} as sokwal ingest reads it, and the selections are applied to it"
        )
        return text, ""

    def decode(self, data: bytes, name: str) -> str:
        """The text of a source file: UTF-8 (the standard), UTF-16 with a BOM, else cp1252."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.report.warnings.append(
                f"{name} is not UTF-8, as the standard wants; read as Windows-1252"
            )
            return data.decode("cp1252", errors="replace")

    def span(self, sel: ET.Element, offsets: _Offsets, source: str) -> tuple[int, int]:
        """A selection's start and end in the source's (normalised) text; checked."""
        where = f"line {self.lines.get(sel, '?')}: the selection {sel.get('guid') or ''}".rstrip()
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError as exc:
            raise RefiError(
                self.path,
                f"{where} of source {source!r} has no whole-number startPosition and "
                f"endPosition ({sel.get('startPosition')!r}, {sel.get('endPosition')!r})",
                _AGAIN,
            ) from exc
        if not 0 <= start <= end <= offsets.length:
            raise RefiError(
                self.path,
                f"{where} of source {source!r} runs from {start} to {end}, outside its text "
                f"(0 to {offsets.length}) or backwards",
                "the project is damaged or its texts do not belong to it; " + _AGAIN,
            )
        return offsets.char(start, end=False), offsets.char(end, end=True)

    def description(self, el: ET.Element) -> str:
        found = el.find(f"{self.ns}Description")
        return "".join(found.itertext()).strip() if found is not None else ""

    def times(self, el: ET.Element) -> tuple[str, str]:
        created = _store_time(el.get("creationDateTime")) or self.stamp
        return created, _store_time(el.get("modifiedDateTime")) or created

    def coding(
        self,
        el: ET.Element,
        owners: tuple[ET.Element, ...],
        source: _Source,
        start: int,
        end: int,
        memo: str,
        code_of: dict[str, str],
        unknown: Counter[str],
    ) -> None:
        ref = el.find(f"{self.ns}CodeRef")
        target = _key(ref.get("targetGUID")) if ref is not None else ""
        if target not in code_of:
            unknown[target or "none"] += 1
            return
        created = _store_time(el.get("creationDateTime")) or self.times(owners[0])[0]
        coder = self.user(el, *owners)
        source.codings.append((start, end, code_of[target], coder, memo, created))
        for ref in el.findall(f"{self.ns}NoteRef"):  # a note on the coding: its memo
            self.refs.setdefault(_key(ref.get("targetGUID")), ("coding", (source, -1)))
            self.coding_notes.setdefault(_key(ref.get("targetGUID")), []).append(
                (source, len(source.codings) - 1)
            )

    def note_on_selection(
        self, sel: ET.Element, index: int, start: int, end: int, memo: str
    ) -> None:
        """A selection with a description but no coding (a commented quotation)."""
        text = f"[characters {start}–{end}] {memo}"
        self.extra_notes.append(_Note("document", index, self.user(sel), text, *self.times(sel)))

    def count_codings(self, sources: list[_Source]) -> None:
        per_coder: Counter[str] = Counter()
        for source in sources:
            unique = {(s, e, code, coder) for s, e, code, coder, _, _ in source.codings}
            per_coder.update(coder for *_, coder in unique)
            duplicates = len(source.codings) - len(unique)
            if duplicates:
                self.report.warnings.append(
                    f"source {source.name!r}: {_plural(duplicates, 'coding')} repeat another "
                    "(same passage, code and coder) and are stored once"
                )
        self.report.codings = dict(sorted(per_coder.items()))

    def sets(self, root: ET.Element, sources: list[_Source]) -> None:
        """``<Sets>`` of sources become document groups (``sources[i].sets``); sets of
        codes or notes are reported, not kept."""
        ns = self.ns
        for el in root.findall(f"{ns}Sets/{ns}Set"):
            name = (el.get("name") or "").strip() or el.get("guid") or "(unnamed set)"
            for ref in el.findall(f"{ns}MemberSource"):
                index = self.source_index.get(_key(ref.get("targetGUID")))
                if index is not None and name not in sources[index].sets:
                    sources[index].sets.append(name)
            others = len(el.findall(f"{ns}MemberCode")) + len(el.findall(f"{ns}MemberNote"))
            if others:
                self.report.warnings.append(
                    f"set {name!r}: its {_plural(others, 'code or note member')} are not "
                    "kept (sokwal-monitor groups documents only)"
                )
            if description := self.description(el):
                self.extra_notes.append(
                    _Note("project", self.project_name, self.user(el), f"Set {name}: "
                          f"{description}", *self.times(el))
                )  # fmt: skip

    def values(self, el: ET.Element, owner: str) -> dict[str, Any]:
        """The variable values on a source or case, by variable name."""
        ns = self.ns
        out: dict[str, Any] = {}
        for vv in el.findall(f"{ns}VariableValue"):
            ref = vv.find(f"{ns}VariableRef")
            name = self.variables.get(_key(ref.get("targetGUID"))) if ref is not None else None
            if not name:
                self.report.warnings.append(
                    f"{owner}: a variable value refers to no known variable; left out"
                )
                continue
            for tag in _VALUE_TAGS:
                value_el = vv.find(f"{ns}{tag}")
                if value_el is not None:
                    out[name] = _typed(tag, "".join(value_el.itertext()).strip())
                    break
        return out

    def cases(self, root: ET.Element, sources: list[_Source]) -> None:
        """Variable values on cases go to the sources the cases refer to."""
        ns = self.ns
        for case in root.findall(f"{ns}Cases/{ns}Case"):
            label = f"case {case.get('name') or case.get('guid') or ''}".strip()
            values = self.values(case, label)
            for ref in case.findall(f"{ns}SourceRef"):
                index = self.source_index.get(_key(ref.get("targetGUID")))
                if index is None:
                    continue
                source = sources[index]
                for name, value in values.items():
                    kept = source.variables.setdefault(name, value)
                    if kept != value:
                        self.report.warnings.append(
                            f"source {source.name!r}: variable {name!r} is {kept!r} there and "
                            f"{value!r} in {label}; kept {kept!r}"
                        )

    def notes(self, root: ET.Element, sources: list[_Source]) -> list[_Note]:
        ns = self.ns
        ours = self.origin.startswith(ORIGIN)
        for ref in root.findall(f"{ns}NoteRef"):
            self.refs.setdefault(_key(ref.get("targetGUID")), ("project", None))
        notes = list(self.extra_notes)
        if text := self.description(root):
            notes.append(
                _Note(
                    "project",
                    self.project_name,
                    self.user(root, attribute="creatingUserGUID"),
                    text,
                    *self.times(root),
                )
            )
        for note in root.findall(f"{ns}Notes/{ns}Note"):
            name = (note.get("name") or "").strip()
            content, why = self.text_of(note)
            if content is None:
                self.report.warnings.append(f"note {name or note.get('guid')!r} left out: {why}")
                continue
            content = content.replace("\r\n", "\n").strip()
            kind, target = self.refs.get(_key(note.get("guid")), ("project", None))
            if kind == "coding":  # the note becomes the memo of each coding referring to it
                parts = [name] if name and not content.startswith(name.rstrip("…")) else []
                text = "\n\n".join(p for p in [*parts, self.description(note), content] if p)
                for source, i in self.coding_notes[_key(note.get("guid"))]:
                    s, e, code, coder, memo, created = source.codings[i]
                    memo = "\n\n".join(part for part in (memo, text) if part)
                    source.codings[i] = (s, e, code, coder, memo, created)
                self.report.notes_on_codings += 1
                continue
            if kind == "document" and target >= len(sources):  # pragma: no cover - defensive
                kind, target = "project", None
            if kind == "project":
                target = self.project_name
                if ours and (m := re.fullmatch(r"Project (.+)", name)):
                    target, name = m[1], ""
            parts = [name] if name and not content.startswith(name.rstrip("…")) else []
            parts += [self.description(note), content]
            text = "\n\n".join(part for part in parts if part)
            if text:
                notes.append(_Note(kind, target, self.user(note), text, *self.times(note)))
        return notes


def _typed(tag: str, text: str) -> Any:
    """A variable value as Python: bool, int, float or text.

    >>> _typed("IntegerValue", "3"), _typed("BooleanValue", "true"), _typed("TextValue", "P01")
    (3, True, 'P01')
    """
    try:
        if tag == "BooleanValue":
            return text.lower() in ("true", "1")
        if tag == "IntegerValue":
            return int(text)
        if tag == "FloatValue":
            return float(text)
    except ValueError:
        return text
    return text
