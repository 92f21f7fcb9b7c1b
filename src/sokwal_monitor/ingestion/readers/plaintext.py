"""Plain text (``.txt``): UTF-8 with or without BOM, UTF-16, cp1252 or latin-1; CRLF or LF.

A WhatsApp chat export (recognised by its content) is read as a conversation by
:mod:`.whatsapp`.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "P02.txt"
>>> _ = path.write_bytes("R1: één coöperatie\\r\\n".encode("cp1252"))
>>> doc = read_txt(path)
>>> doc.text, doc.properties["encoding"]
('R1: één coöperatie\\n', 'cp1252')
"""

from __future__ import annotations

from pathlib import Path

from ...model import RawDocument
from . import register
from ._text import decode_bytes, plain_text_document
from .whatsapp import chat_document, looks_like_chat

__all__ = ["read_txt"]


@register(".txt", ".text")
def read_txt(path: Path) -> RawDocument:
    """Read a plain-text file, detecting its encoding (a WhatsApp export as a chat)."""
    text, encoding = decode_bytes(Path(path).read_bytes())
    if looks_like_chat(text):
        return chat_document(text, encoding=encoding)
    return plain_text_document(text, fmt="txt", encoding=encoding)
