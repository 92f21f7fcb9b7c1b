"""WhatsApp chat exports: a ``.txt`` (Android, iOS; Dutch or English) or a ``.zip``.

An export is recognised by its content, not its name: its first line is a message
header and headers make up a good part of its lines. Android writes
``06-12-2024 14:03 - Fatima: tekst`` (also ``6-12-24 14:03``, ``06/12/2024, 14:03``,
``12/6/24, 2:03 PM``), iOS ``[06-12-2024 14:03:12] Fatima: tekst`` with invisible
U+200E marks. Each message becomes one turn: the stored text reads ``Fatima: tekst``
(one message per paragraph, the header's date left out), the block carries the
speaker (a name or a phone number, as the export shows it) and the time in seconds
since the chat's first message; the first message's date and time are in the
document's properties (``chat_started``).

Lines that are not what anyone wrote are left out of the text and counted in the
properties (``chat_left_out``): system lines (encryption notice, "X heeft de groep
gemaakt", "X is toegevoegd", "Messages and calls are end-to-end encrypted"), media
and attachment placeholders (``<Media weggelaten>``, ``<Media omitted>``,
``IMG-….jpg (bestand bijgevoegd)``, ``<bijgevoegd: …>``, "afbeelding weggelaten"),
deleted messages ("Dit bericht is verwijderd", "This message was deleted") and shared
locations. A caption under an attachment is kept. Continuation lines belong to the
message before; a line in the other platform's header style (a forwarded or quoted
message) stays text of the message that quotes it.

A ``.zip`` export is read for its chat text only (``_chat.txt``, or ``WhatsApp
Chat with X.txt`` / ``WhatsApp-chat met X.txt``); the media inside are not read and
one warning says how many there were. Members are never unpacked to disk.

Examples
--------
>>> chat = ("06-12-2024 14:00 - Berichten en oproepen zijn end-to-end versleuteld.\\n"
...         "06-12-2024 14:03 - Fatima: Wie komt zaterdag helpen?\\n"
...         "06-12-2024 14:05 - +31 6 12345678: Ik!\\nMet mijn zoon.\\n"
...         "06-12-2024 14:06 - Fatima: <Media weggelaten>\\n")
>>> looks_like_chat(chat)
True
>>> doc = chat_document(chat)
>>> print(doc.text)
Fatima: Wie komt zaterdag helpen?
<BLANKLINE>
+31 6 12345678: Ik!
Met mijn zoon.
>>> [(b.speaker, b.start_time) for b in doc.blocks]
[('Fatima', 0.0), ('+31 6 12345678', 120.0)]
>>> doc.properties["chat_left_out"]
{'system': 1, 'media': 1}
>>> looks_like_chat("Verslag\\n\\nEen deelnemer schreef:\\n06-12-2024 14:03 - Fatima: Top!\\n"
...                 "Dat zegt veel.\\nVerder ging het goed.")
False
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from ...errors import EncryptedFileError, UnreadableFileError, WrongFormatError
from ...model import RawDocument, TextBuilder
from . import register
from ._sniff import open_zip
from ._text import decode_bytes

__all__ = ["MAX_CHAT_BYTES", "chat_document", "looks_like_chat", "read_chat_zip"]

#: A chat text inside a zip export that unpacks to more than this is refused.
MAX_CHAT_BYTES = 64 << 20

# invisible direction marks WhatsApp adds (iOS before system lines and attachments,
# U+2068/U+2069 around @mentions), and a byte order mark left in a zip's text
_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_MARK_RE = re.compile(f"[{_MARKS}]")
_DATE = r"(?P<d1>\d{1,2})(?P<sep>[-/.])(?P<d2>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
_TIME = (
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
    r"(?:[ \u00a0\u202f]?(?P<ampm>[aApP])\.?[ \u00a0\u202f]?[mM]\.?)?"
)
_HEADERS = {
    "android": re.compile(
        rf"{_DATE},?[ \u00a0\u202f]{_TIME}[ \u00a0\u202f][-–][ \u00a0\u202f](?P<rest>.*)"
    ),
    "ios": re.compile(rf"\[{_DATE},?[ \u00a0\u202f]{_TIME}\][ \u00a0\u202f]?(?P<rest>.*)"),
}
_SENDER = re.compile(r"(?P<name>[^:\n]{1,80}?):(?:[ \t\u00a0\u202f]+(?P<text>.*))?$")
# words that make "X heeft de groep gemaakt: ..." a system line, not a sender
_SYSTEM_WORDS = frozenset(
    "heeft hebt is zijn werd has have was were changed created added removed left joined "
    "gewijzigd gemaakt toegevoegd verwijderd vertrokken".split()
)
_FLAGS = re.IGNORECASE | re.VERBOSE
# a message (its first line) that is no one's words: an attachment, a deletion, ...
_MEDIA = re.compile(
    r"""<?(?:media|afbeelding|foto|video|audio|sticker|gif|document|contactkaart|bestand
         |spraakbericht|image|contact\ card|file|voice\ message|video\ note|videobericht)
         \ (?:weggelaten|omitted)>?
      | <(?:bijgevoegd|attached):\ [^>]*>
      | .{1,300}\ \((?:bestand\ bijgevoegd|file\ attached)\)
      | null""",
    _FLAGS,
)
_DELETED = re.compile(
    r"""(?:dit\ bericht\ is\ verwijderd(?:\ door\ (?:een\ )?beheerder)?
         |je\ hebt\ dit\ bericht\ verwijderd|this\ message\ was\ deleted(?:\ by\ an\ admin)?
         |you\ deleted\ this\ message|wachten\ op\ dit\ bericht.*
         |waiting\ for\ this\ message.*)\.?""",
    _FLAGS,
)
_LOCATION = re.compile(r"(?:live[ -])?(?:locatie|location):\s+\S.*", re.IGNORECASE)
_EDITED = re.compile(r"[ \t]*<(?:dit bericht is bewerkt|this message was edited)>\s*$", re.I)
# the encryption notice, which iOS sends in the group's name
_SYSTEM_TEXT = re.compile(
    r"berichten en oproepen zijn end-to-end|messages and calls are end-to-end", re.IGNORECASE
)
_NON_BLANK = re.compile(r"\S")
_CHAT_MEMBER = re.compile(r"_chat\.txt|whatsapp[ -](?:chat|chatgesprek)\b.*\.txt", re.IGNORECASE)


@dataclass
class _Message:
    stamp: tuple[int, int, int, int, int, int]  # d1, d2, year, hour, minute, second
    sender: str | None  # None: a system line
    lines: list[str] = field(default_factory=list)
    marked: bool = False  # iOS put a U+200E before the text: a system line or attachment


def _header(line: str, platform: str) -> re.Match[str] | None:
    return _HEADERS[platform].match(line.lstrip(_MARKS + " \t"))


def _platform(text: str) -> str | None:
    """The header style of the first non-blank line, or None when it is no header
    (decided without splitting the text: most text files are no chat)."""
    found = _NON_BLANK.search(text)
    if found is None:
        return None
    start = text.rfind("\n", 0, found.start()) + 1
    end = text.find("\n", found.start())
    first = text[start : end if end >= 0 else len(text)]
    for platform in _HEADERS:
        if _header(first, platform):
            return platform
    return None


def looks_like_chat(text: str) -> bool:
    """True when ``text`` is a WhatsApp chat export: its first non-blank line is a
    message header, and there are at least three headers or they make up at least half
    of the non-blank lines (so a report that quotes a chat line is no chat)."""
    platform = _platform(text)
    if platform is None:
        return False
    lines = text.split("\n")
    n_lines = n_headers = 0
    for line in lines:
        if line.strip():
            n_lines += 1
            n_headers += _header(line, platform) is not None
    return n_headers >= 3 or 2 * n_headers >= n_lines


def _stamp(match: re.Match[str]) -> tuple[int, int, int, int, int, int]:
    year = int(match["y"])
    hour = int(match["h"])
    ampm = (match["ampm"] or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return (int(match["d1"]), int(match["d2"]), year + 2000 if year < 100 else year,
            hour, int(match["mi"]), int(match["s"] or 0))  # fmt: skip


def _sender(rest: str) -> tuple[str | None, str, bool]:
    """``(sender, text, marked)`` of a header's rest; sender None for a system line."""
    found = _SENDER.match(rest)
    if found:
        name = _MARK_RE.sub("", found["name"]).strip().lstrip("~").strip()
        words = name.casefold().split()
        if name and len(words) <= 8 and not _SYSTEM_WORDS.intersection(words):
            text = found["text"] or ""
            return name, _MARK_RE.sub("", text), text.lstrip(" ").startswith("\u200e")
    return None, _MARK_RE.sub("", rest), rest.startswith("\u200e")


def _messages(lines: list[str], platform: str) -> list[_Message]:
    messages: list[_Message] = []
    for line in lines:
        match = _header(line, platform)
        if match is None:
            if messages:  # a continuation line; blank lines inside a message are kept
                messages[-1].lines.append(_MARK_RE.sub("", line))
            continue
        sender, text, marked = _sender(match["rest"])
        messages.append(_Message(_stamp(match), sender, [text], marked))
    return messages


def _day_first(messages: list[_Message]) -> bool:
    """Whether dates are day-month (Dutch) rather than month-day (US English)."""
    if any(m.stamp[0] > 12 for m in messages):
        return True
    return not any(m.stamp[1] > 12 for m in messages)


def _when(stamp: tuple[int, int, int, int, int, int], day_first: bool) -> datetime | None:
    d1, d2, year, hour, minute, second = stamp
    day, month = (d1, d2) if day_first else (d2, d1)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:  # an impossible date or time: the message stays, without a time
        return None


def _left_out(message: _Message) -> tuple[str | None, list[str]]:
    """Why a message is left out (``"system"``, ``"media"``, ...), or None and the
    lines that are kept (an attachment's caption, an edit note removed)."""
    if message.sender is None:
        return "system", []
    lines = list(message.lines)
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    first = lines[0].strip()
    if _MEDIA.fullmatch(first) or (message.marked and first.startswith("<")):
        return ("media" if len(lines) == 1 else None), lines[1:]
    if _DELETED.fullmatch(first) and len(lines) == 1:
        return "deleted", []
    if _LOCATION.fullmatch(first) and len(lines) == 1:
        return "location", []
    if message.marked or _SYSTEM_TEXT.match(first):
        return "system", []  # iOS marks its system lines, sent in the group's name
    lines[-1] = _EDITED.sub("", lines[-1])
    return None, lines


def chat_document(text: str, *, fmt: str = "whatsapp", **properties: object) -> RawDocument:
    """Turn the text of a WhatsApp export into a conversation: one block per message.

    Raises
    ------
    WrongFormatError
        When the text is not a chat export (see :func:`looks_like_chat`).
    """
    platform = _platform(text)
    if platform is None or not looks_like_chat(text):
        raise WrongFormatError(
            None,
            "not a WhatsApp chat export (its first line is no message header such as"
            " '06-12-2024 14:03 - Naam: tekst')",
            "export the chat again from WhatsApp (Chat exporteren, zonder media)",
        )
    messages = _messages(text.split("\n"), platform)
    day_first = _day_first(messages)
    builder = TextBuilder()
    left_out: Counter[str] = Counter()
    started: datetime | None = None
    n_kept = 0
    senders: set[str] = set()
    for message in messages:
        why, kept = _left_out(message)
        content = "\n".join(kept).strip()
        if why is not None or not content:
            left_out[why or "empty"] += 1
            continue
        assert message.sender is not None  # a system line always has a reason
        when = _when(message.stamp, day_first)
        if started is None and when is not None:
            started = when
        seconds = (when - started).total_seconds() if when and started else None
        builder.add(
            content,
            label=f"{message.sender}:",
            speaker=message.sender,
            start_time=seconds if seconds is None or seconds >= 0 else None,
        )
        n_kept += 1
        senders.add(message.sender)
    doc = builder.build(format=fmt)
    doc.properties = {
        **properties,
        "chat_platform": platform,
        "chat_messages": n_kept,
        "chat_participants": len(senders),
        "chat_started": started.isoformat(timespec="seconds") if started else None,
        "chat_left_out": dict(sorted(left_out.items(), key=lambda kv: -kv[1])),
    }
    return doc


def zip_without_chat(path: Path) -> bool:
    """Whether ``path`` is a readable zip archive that holds no WhatsApp chat text.

    A folder walk skips such an archive (photos, a backup) instead of failing on it; a
    damaged archive, or one with a chat text, is left to :func:`read_chat_zip`.

    >>> import io, tempfile, zipfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "fotos.zip", "w") as archive:
    ...     archive.writestr("a.jpg", b"")
    >>> zip_without_chat(folder / "fotos.zip")
    True
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return False
    return not any(_CHAT_MEMBER.fullmatch(PurePosixPath(n.replace("\\", "/")).name) for n in names)


@register(".zip")
def read_chat_zip(path: Path) -> RawDocument:
    """Read the chat text of a WhatsApp ``.zip`` export; media inside are not read."""
    path = Path(path)
    with open_zip(path, "zip") as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        chats = [i for i in infos if _CHAT_MEMBER.fullmatch(PurePosixPath(_name(i)).name)]
        if not chats:
            raise WrongFormatError(
                path,
                "a zip archive without a WhatsApp chat in it (no _chat.txt)",
                "unpack it and ingest the files inside",
            )
        if len(chats) > 1:
            names = ", ".join(_name(i) for i in chats[:3])
            raise WrongFormatError(
                path,
                f"a zip archive with {len(chats)} chat texts ({names})",
                "unpack it and ingest each chat text on its own",
            )
        info = chats[0]
        if info.flag_bits & 0x1:
            raise EncryptedFileError(
                path,
                "the zip archive is password-protected",
                "unpack it with the password and ingest the chat text",
            )
        if info.file_size > MAX_CHAT_BYTES:
            raise UnreadableFileError(
                path,
                f"refused: {_name(info)} inside the archive would unpack to"
                f" {info.file_size >> 20} MB (the limit is {MAX_CHAT_BYTES >> 20} MB)",
                "unpack it and ingest the chat text itself",
            )
        with archive.open(info) as member:
            data = member.read(MAX_CHAT_BYTES + 1)  # the header may lie about the size
        if len(data) > MAX_CHAT_BYTES:
            raise UnreadableFileError(
                path,
                f"refused: {_name(info)} inside the archive unpacks to more than"
                f" {MAX_CHAT_BYTES >> 20} MB (possible zip bomb)",
                "unpack it and ingest the chat text itself",
            )
        n_media = len(infos) - 1
    text, encoding = decode_bytes(data)
    if not looks_like_chat(text):
        raise WrongFormatError(
            path,
            f"{_name(info)} inside the archive is not a WhatsApp chat export",
            "unpack it and ingest the files inside",
        )
    doc = chat_document(text, encoding=encoding, chat_member=_name(info))
    if n_media:
        doc.properties["warnings"] = [
            f"{n_media} media file(s) in the archive not read (only the chat text is)"
        ]
    return doc


def _name(info: zipfile.ZipInfo) -> str:
    """A member's name fit for a message: ``/`` separators, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f]", "?", info.filename.replace("\\", "/"))[:200]
