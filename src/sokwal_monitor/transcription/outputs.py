"""What a transcription writes: WebVTT with voices, a ``.txt`` and a ``.docx`` transcript.

The layouts are the ones ``ingest`` reads back with speakers, times and roles:

- WebVTT: one cue per stretch of one speaker within a recognised segment, with a
  ``<v Speaker N>`` voice, and a ``NOTE`` block with the provenance (the recording's file
  name — never its folder on this machine —, SHA-256, duration, model folder name,
  language, date).
- ``.txt``: one turn per paragraph, ``[hh:mm:ss] Speaker N: text``.
- ``.docx``: the same turns, the speaker label in bold (written with the standard library).

:func:`transcribed_from` reads back which recording (its SHA-256) a transcript file was
written from, so that ``ingest`` stores one transcript per recording.

Examples
--------
>>> cues = [Cue(0.0, 1.5, "Hoe begon het?", 0), Cue(1.8, 4.0, "Met een eetgroep.", 1),
...         Cue(4.2, 5.0, "Voor ouderen.", 1)]
>>> print(to_txt(merge_turns(cues)))
[00:00:00.000] Speaker 1: Hoe begon het?
<BLANKLINE>
[00:00:01.800] Speaker 2: Met een eetgroep. Voor ouderen.
<BLANKLINE>
>>> print(to_vtt(cues[:1], {"source": "P01.m4a"}))
WEBVTT
<BLANKLINE>
NOTE
source: P01.m4a
<BLANKLINE>
1
00:00:00.000 --> 00:00:01.500
<v Speaker 1>Hoe begon het?</v>
<BLANKLINE>
"""

from __future__ import annotations

import html
import json
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "TOOL",
    "Cue",
    "format_time",
    "merge_turns",
    "partial_file",
    "read_note",
    "speaker_label",
    "to_txt",
    "to_vtt",
    "transcribed_from",
    "write_docx",
]

#: How the ``tool`` line of a WebVTT NOTE written by ``sokwal transcribe`` begins.
TOOL = "sokwal-monitor"


@dataclass(frozen=True)
class Cue:
    """A stretch of text with times (seconds) and a speaker (0-based; None: unknown)."""

    start: float
    end: float
    text: str
    speaker: int | None


def speaker_label(speaker: int | None) -> str | None:
    """``Speaker N``, numbered from 1, as the transcript shows it.

    >>> speaker_label(0), speaker_label(None)
    ('Speaker 1', None)
    """
    return None if speaker is None else f"Speaker {speaker + 1}"


def format_time(seconds: float) -> str:
    """``hh:mm:ss.mmm``, WebVTT's timestamp.

    >>> format_time(3723.5)
    '01:02:03.500'
    """
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def merge_turns(cues: Sequence[Cue]) -> list[Cue]:
    """Consecutive cues of one speaker as one turn (start of the first, end of the last).

    >>> merge_turns([Cue(0, 1, "a", 0), Cue(1, 2, "b", 0), Cue(2, 3, "c", 1)])
    [Cue(start=0, end=2, text='a b', speaker=0), Cue(start=2, end=3, text='c', speaker=1)]
    """
    turns: list[Cue] = []
    for cue in cues:
        if turns and turns[-1].speaker == cue.speaker:
            last = turns[-1]
            turns[-1] = Cue(last.start, cue.end, f"{last.text} {cue.text}".strip(), cue.speaker)
        else:
            turns.append(cue)
    return turns


def _note_value(value: object) -> str:
    """One line of a NOTE block: no line breaks, no ``-->`` (which would end it)."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(value))
    return text.replace("-->", "->")


def to_vtt(cues: Sequence[Cue], note: Mapping[str, object]) -> str:
    """The WebVTT text: the NOTE block with ``note``'s fields, then one cue per cue."""
    lines = ["WEBVTT", "", "NOTE"]
    lines += [f"{_note_value(k)}: {_note_value(v)}" for k, v in note.items()]
    lines.append("")
    for number, cue in enumerate(cues, 1):
        text = html.escape(re.sub(r"\s+", " ", cue.text).strip(), quote=False)
        label = speaker_label(cue.speaker)
        body = f"<v {label}>{text}</v>" if label else text
        lines += [str(number), f"{format_time(cue.start)} --> {format_time(cue.end)}", body, ""]
    return "\n".join(lines)


def read_note(path: str | os.PathLike[str]) -> dict[str, str] | None:
    """The provenance fields of a WebVTT file written by ``sokwal transcribe`` (its first
    ``NOTE`` block with a ``tool: sokwal-monitor ...`` line), or None for any other file
    (a Teams or Zoom transcript, an unreadable file).

    >>> import tempfile, pathlib
    >>> vtt = pathlib.Path(tempfile.mkdtemp()) / "P01.vtt"
    >>> _ = vtt.write_text(to_vtt([], {"sha256": "ab" * 32, "tool": "sokwal-monitor 1.0"}))
    >>> read_note(vtt)["sha256"] == "ab" * 32
    True
    """
    try:
        with open(path, encoding="utf-8-sig") as fh:
            head = fh.read(8192)
    except (OSError, UnicodeDecodeError):
        return None
    lines = head.splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        return None
    fields: dict[str, str] = {}
    in_note = False
    for line in lines[1:]:
        if line.strip() == "NOTE":
            in_note = True
        elif in_note and not line.strip():
            break
        elif in_note:
            key, sep, value = line.partition(": ")
            if sep:
                fields[key.strip()] = value.strip()
        elif "-->" in line:
            break  # the cues began without a NOTE
    return fields if fields.get("tool", "").startswith(TOOL) else None


def partial_file(folder: str | os.PathLike[str], stem: str) -> Path:
    """The hidden file where a transcription keeps its partial state and, once done, the
    recording's SHA-256 and the formats written (next to the outputs ``<stem>.*``).

    >>> partial_file("uit", "P01").as_posix()
    'uit/.P01.transcribe.jsonl'
    """
    return Path(folder) / f".{stem}.transcribe.jsonl"


def transcribed_from(path: str | os.PathLike[str]) -> str | None:
    """The SHA-256 of the recording that ``sokwal transcribe`` wrote this transcript
    from: a ``.vtt``'s NOTE says it; for a ``.txt`` or ``.docx`` (and a ``.vtt``) the
    hidden partial file next to it does, when it is there and lists the format. None for
    a transcript written otherwise, or whose recording is not known.

    >>> import tempfile, pathlib
    >>> txt = pathlib.Path(tempfile.mkdtemp()) / "P01.txt"
    >>> _ = txt.write_text("[00:00:00.000] Speaker 1: Hallo?\\n")
    >>> transcribed_from(txt) is None
    True
    """
    file = Path(path)
    note = read_note(file) if file.suffix.lower() == ".vtt" else None
    if note and re.fullmatch(r"[0-9a-f]{64}", note.get("sha256", "")):
        return note["sha256"]
    try:
        lines = partial_file(file.parent, file.stem).read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    header = records[0].get("header") if records and isinstance(records[0], dict) else None
    done = [r for r in records[1:] if isinstance(r, dict) and r.get("done")]
    if not isinstance(header, dict) or not done:
        return None
    formats = done[-1].get("formats", [])
    sha = header.get("sha256")
    if file.suffix.lower().lstrip(".") in formats and isinstance(sha, str):
        return sha
    return None


def to_txt(turns: Sequence[Cue]) -> str:
    """The plain-text transcript: ``[hh:mm:ss.mmm] Speaker N: text``, a blank line between
    turns (no label when the speaker is unknown)."""
    parts = []
    for turn in turns:
        label = speaker_label(turn.speaker)
        head = f"[{format_time(turn.start)}] " + (f"{label}: " if label else "")
        parts.append(head + re.sub(r"\s+", " ", turn.text).strip() + "\n")
    return "\n".join(parts)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def _run(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def write_docx(turns: Sequence[Cue], path: str | os.PathLike[str]) -> None:
    """Write the turns as a Word document: one paragraph per turn, ``[hh:mm:ss.mmm]``,
    the speaker label in bold, the text."""
    paragraphs = []
    for turn in turns:
        label = speaker_label(turn.speaker)
        text = re.sub(r"\s+", " ", turn.text).strip()
        runs = _run(f"[{format_time(turn.start)}] ")
        runs += (_run(f"{label}:", bold=True) + _run(f" {text}")) if label else _run(text)
        paragraphs.append(f"<w:p>{runs}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    with zipfile.ZipFile(Path(path), "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document)
