"""One transcript per recording in a folder walk.

``sokwal transcribe`` writes a ``.vtt`` and a ``.txt`` (and maybe a ``.docx``) for each
recording, all with the same stem; a folder holding them would otherwise store one
interview two or three times. In a folder walk (never for a file named itself):

- among the files with one stem in one folder that are in the layout ``sokwal
  transcribe`` writes (a ``.vtt`` with its ``NOTE`` ``tool: sokwal-monitor``; a ``.txt``
  or ``.docx`` whose every paragraph starts with ``[hh:mm:ss.mmm]``), those with the same
  words as one kept before are skipped, the ``.vtt`` kept first (it keeps cue times and
  speakers), then the ``.txt``, then the ``.docx``;
- a file in that layout but with other words (edited since) is stored too, with a
  warning; a file in any other layout (notes ``P01.txt`` next to a Teams ``P01.vtt``)
  is none of this module's business and is read as usual;
- with ``--transcribe``, a recording whose transcript ``sokwal transcribe`` already
  wrote is among the files ingested (its NOTE, or the hidden partial file next to it,
  names the recording's SHA-256) is not transcribed again: that transcript is ingested
  as the recording's, with its path and SHA-256.
"""

from __future__ import annotations

import re

from ..errors import SokwalError
from ..transcription.outputs import read_note, transcribed_from
from .outcomes import FileOutcome, IngestReport
from .readers import read_document
from .sources import _absolute, _sha256, _Source

#: The formats ``sokwal transcribe`` writes, in the order one is kept.
_FORMATS = (".vtt", ".txt", ".docx")
#: How each paragraph of its ``.txt`` and ``.docx`` begins.
_TIME = re.compile(r"\[\d{2}:\d{2}:\d{2}\.\d{3}\] ")


def _words(src: _Source) -> tuple[str, ...] | None:
    """The words of a transcript in ``sokwal transcribe``'s layout (times left out), or
    None for a file in another layout or one that cannot be read (ingest reports it)."""
    if src.path.suffix.lower() == ".vtt" and read_note(src.path) is None:
        return None
    try:
        text = read_document(src.path).text
    except (SokwalError, OSError):
        return None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        return None
    if src.path.suffix.lower() != ".vtt" and not all(_TIME.match(p) for p in paragraphs):
        return None
    return tuple(re.findall(r"\w+", " ".join(_TIME.sub("", p, 1) for p in paragraphs).casefold()))


def _one_of_each(members: list[_Source], report: IngestReport) -> set[int]:
    """Of one stem's transcript files, the ids of those to skip (outcomes reported)."""
    members = sorted(members, key=lambda s: (_FORMATS.index(s.path.suffix.lower()), s.key))
    kept: list[tuple[_Source, tuple[str, ...]]] = []
    skipped: set[int] = set()
    for src in members:
        words = _words(src)
        if words is None:
            continue
        same = next((k for k, w in kept if w == words), None)
        if same is not None:
            why = f"the same transcript as {same.display}, which is ingested"
            if same.path.suffix.lower() == ".vtt":
                why += " (its .vtt keeps cue times and speakers)"
            why += "; both written by `sokwal transcribe`; name this file itself to ingest it"
            report.outcomes.append(FileOutcome(src.display, "skipped", None, why))
            skipped.add(id(src))
            continue
        if kept:
            report.warnings.append(
                f"{src.display}: a `sokwal transcribe` transcript of the same name as"
                f" {kept[0][0].display} but with other words (edited since?); both are"
                " stored: if they are one interview, ingest only the one you mean to keep"
            )
        kept.append((src, words))
    return skipped


def one_per_recording(
    sources: list[_Source], recordings: list[_Source] | None, report: IngestReport
) -> tuple[list[_Source], list[_Source] | None]:
    """The sources without the other outputs of a transcription already among them, and
    the recordings (to transcribe) without those a walked transcript already is of.

    >>> import tempfile, pathlib
    >>> from sokwal_monitor.transcription.outputs import Cue, to_txt, to_vtt
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> cues = [Cue(0.0, 1.5, "Hoe begon het?", 0), Cue(1.8, 4.0, "Met koffie.", 1)]
    >>> note = {"sha256": "ab" * 32, "tool": "sokwal-monitor 1.0"}
    >>> _ = (folder / "P01.vtt").write_text(to_vtt(cues, note), encoding="utf-8")
    >>> _ = (folder / "P01.txt").write_text(to_txt(cues), encoding="utf-8")
    >>> found = [_Source(folder / n, n, n, n) for n in ("P01.txt", "P01.vtt")]
    >>> report = IngestReport()
    >>> kept, _ = one_per_recording(found, None, report)
    >>> [s.key for s in kept], [(o.path, o.status) for o in report.outcomes]
    (['P01.vtt'], [('P01.txt', 'skipped')])
    """
    walked = [s for s in sources if not s.named and s.path.suffix.lower() in _FORMATS]
    groups: dict[tuple[str, str], list[_Source]] = {}
    for src in walked:
        groups.setdefault((str(_absolute(src.path.parent)), src.path.stem), []).append(src)
    skipped: set[int] = set()
    for members in groups.values():
        if len(members) > 1:
            skipped |= _one_of_each(members, report)
    kept = [s for s in sources if id(s) not in skipped]
    if not recordings:
        return kept, recordings
    # a transcript named itself stands in for its recording too
    candidates = [s for s in kept if s.path.suffix.lower() in _FORMATS]
    made = {id(s): sha for s in candidates if (sha := transcribed_from(s.path))}
    if not made:
        return kept, recordings
    to_transcribe = []
    for rec in recordings:
        try:
            sha = _sha256(rec.path)
        except OSError:  # the transcription will say what is wrong with it
            to_transcribe.append(rec)
            continue
        found = next((s for s in candidates if made.get(id(s)) == sha and s.audio is None), None)
        if found is None:
            to_transcribe.append(rec)
            continue
        found.audio = (rec.key, sha)
        why = (
            f"not transcribed again: {found.display} is its transcript (written by `sokwal"
            " transcribe` from this recording) and is ingested as such; move that file away"
            " to transcribe the recording anew"
        )
        report.outcomes.append(FileOutcome(rec.display, "skipped", None, why))
    return kept, to_transcribe
