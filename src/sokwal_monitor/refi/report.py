"""What an import of a REFI-QDA project says: :class:`ImportReport`, and
:class:`RefiError` when it cannot be done."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SokwalError

_AGAIN = "export the project again from your QDA program as a REFI-QDA project (.qdpx)"
_HOSTILE = "do not open this file with other software either; ask for a new export"


class RefiError(SokwalError):
    """A REFI-QDA project (``.qdpx``) cannot be imported: it is not a zip archive or is
    damaged, was refused as hostile (XML entities or a DTD, entries that
    leave the archive's folder, a zip bomb), or does not hold together (a text source
    without its text, a selection outside its text, two project files)."""


@dataclass
class ImportReport:
    """What :func:`import_qdpx` did.

    Attributes
    ----------
    path : str
        The imported file.
    documents_added : list of str
        The ``doc_id`` of each text source stored as a new document.
    documents_matched : list of str
        The ``doc_id`` of each text source the store already held (the same text): it
        was not stored twice.
    codings : dict of str to int
        Per coder, the codings the file holds on its text sources (exact duplicates
        counted once).
    codings_added : int
        How many of those were new to the store (none when the file was imported before).
    codes_new : list of str
        The file's codes the store's codebook lacked (all, when the store had none and
        the file's codebook was saved).
    codes_changed : list of str
        The file's codes whose definition differs from the store's codebook (which is
        kept as it is).
    codebook_saved : bool
        Whether the file's codebook became the store's codebook.
    memos : int
        Memos added (a memo the store already holds is not added again).
    offsets : str
        How the file counts character offsets (``"code points"``, the standard; or
        ``"UTF-16 code units"``, which NVivo writes).
    sources_skipped : list of str
        The sources not imported: text sources without their text (with
        ``missing_sources="skip"``).
    documents_without_text : list of str
        Picture, audio and video sources (and PDFs without a text representation): kept
        as documents without text, so that their names, variables, notes and sets stay;
        codings on their regions are not imported (a warning counts them).
    notes_on_codings : int
        Notes attached to codings: each became (part of) the memo of its codings.
    warnings : list of str
        Everything else worth knowing, one line each.
    """

    path: str
    documents_added: list[str] = field(default_factory=list)
    documents_matched: list[str] = field(default_factory=list)
    codings: dict[str, int] = field(default_factory=dict)
    codings_added: int = 0
    codes_new: list[str] = field(default_factory=list)
    codes_changed: list[str] = field(default_factory=list)
    codebook_saved: bool = False
    memos: int = 0
    offsets: str = "code points"
    sources_skipped: list[str] = field(default_factory=list)
    documents_without_text: list[str] = field(default_factory=list)
    notes_on_codings: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: documents, codings per coder, codes, memos and warnings.

        >>> ImportReport("p.qdpx", documents_added=["d1"], codings={"anna": 2}).summary()
        'p.qdpx: 1 document added, 0 matched; 2 codings (anna 2), 0 new; 0 codes new, 0 changed; 0 memos added'
        """  # noqa: E501
        n = sum(self.codings.values())
        who = ", ".join(f"{coder} {k}" for coder, k in sorted(self.codings.items()))
        parts = [
            f"{_plural(len(self.documents_added), 'document')} added, "
            f"{len(self.documents_matched)} matched",
            f"{_plural(n, 'coding')}{f' ({who})' if who else ''}, {self.codings_added} new",
            f"{_plural(len(self.codes_new), 'code')} new, {len(self.codes_changed)} changed",
            f"{_plural(self.memos, 'memo')} added",
        ]
        if self.documents_without_text:
            parts.append(f"{len(self.documents_without_text)} without text")
        if self.sources_skipped:
            parts.append(f"{_plural(len(self.sources_skipped), 'source')} skipped")
        if self.warnings:
            parts.append(_plural(len(self.warnings), "warning"))
        return f"{Path(self.path).name}: " + "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"
