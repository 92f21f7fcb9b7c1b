"""Social-media handles said after the network's name, a few words on: "TikTok
rayan.ek07, volg me", "Op Discord ben ik DaanK#4471", "zit ook op Snapchat,
bashulst.jw", "Ik stream soms op Twitch, als n0a_xd_twente", "op Insta staat ze nog,
nailsbyanita.hengelo". (A handle with "@", and one right after "Instagram:" or
"Facebook ben ik", are :mod:`.numbers`'s.)

A handle is told from words by its form: one token of letters, digits, dots and
underscores (a Discord tag "#1234" after it) that holds a dot, an underscore or a digit
and a letter, and is no web address ("welzijn.nl"), e-mail address, time, amount or
date. It is looked for in the clause after the network's name only (up to the end of
the sentence or line, 80 characters at most).

>>> [h.text for h in handles("Op TikTok ben ik rayan.ek07, volg me.")]
['rayan.ek07']
>>> handles("Op Instagram zie je de foto's van 2023 en 12.30 uur.")
[]
"""

from __future__ import annotations

import re

from .lists import Hit

__all__ = ["handles"]

#: The networks by name (case-blind; a cheap literal test first: :data:`_NETWORK_PARTS`).
_NETWORK = re.compile(
    r"(?<![\w\-])(?i:facebook|instagram|insta|tiktok|twitter|snapchat|threads|bluesky|"
    r"twitch|discord|youtube|pinterest|telegram|mastodon)(?![\w\-])"
)
_NETWORK_PARTS = ("acebook", "nsta", "ikTok", "iktok", "witter", "witch", "napchat", "hreads",
                  "luesky", "iscord", "ouTube", "outube", "interest", "elegram", "astodon",
                  "ACEBOOK", "NSTA", "IKTOK", "WITTER", "WITCH", "NAPCHAT", "ISCORD",
                  "OUTUBE")  # fmt: skip
#: The clause after the network's name: up to a sentence's end or a line break.
_CLAUSE_END = re.compile(r"[.?!](?:\s|$)|\n")
#: A token that may be a handle (its form is checked after the match).
_TOKEN = re.compile(
    r"(?<![\w@./#:\-])(?P<h>[A-Za-z0-9][A-Za-z0-9_.]{1,29}[A-Za-z0-9_](?:#\d{4})?)"
    r"(?![\w@/#\-]|\.\w)"
)
#: A web address, a time, an amount, a date: no handle.
_NOT_HANDLE = re.compile(
    r".*\.(?:nl|com|org|net|be|eu|de|info|frl|nu|io)|\d+(?:[.,]\d+)*|\d{1,2}\.\d\d(?:u|uur)?"
    r"|\d+e|\d+(?:ste|de)",
    re.IGNORECASE,
)


def _handle_like(token: str) -> bool:
    """A dot, an underscore, a digit or a Discord tag in a token with a letter."""
    return (
        any(c.isalpha() for c in token)
        and any(c in "._#" or c.isdigit() for c in token)
        and not _NOT_HANDLE.fullmatch(token)
    )


def handles(text: str) -> list[Hit]:
    """Handles in the clause after a network's name (see the module), as ``URL`` hits."""
    if not any(part in text for part in _NETWORK_PARTS):
        return []
    hits = []
    for net in _NETWORK.finditer(text):
        end = _CLAUSE_END.search(text, net.end(), min(len(text), net.end() + 80))
        stop = end.start() if end else min(len(text), net.end() + 80)
        for m in _TOKEN.finditer(text, net.end(), stop):
            if _handle_like(m.group("h")):
                hits.append(Hit(m.start("h"), m.end("h"), "URL", m.group("h")))
                break
        else:
            hits += _handle_before(text, net.start())
    return hits


#: Round 10: a handle before "op" and the network's name, a few words before it
#: ("dark_knight_22 heet hij op Discord", "lisa.bakker09 op Insta").
_BEFORE_NETWORK = re.compile(
    r"(?<![\w@./#:\-])(?P<h>[A-Za-z0-9][A-Za-z0-9_.]{1,29}[A-Za-z0-9_](?:#\d{4})?)"
    r"[ \t]*,?[ \t]+(?:(?:heet|heette|is|ben|zit|staat|als)[ \t]+"
    r"(?:hij|ze|zij|ik|je|die|hem|haar)?[ \t]*)?"
    r"(?:op|via|bij)[ \t]+$",
    re.IGNORECASE,
)


def _handle_before(text: str, net: int) -> list[Hit]:
    lo = max(0, net - 70)
    for end in _CLAUSE_END.finditer(text, lo, net):
        lo = end.end()
    m = _BEFORE_NETWORK.search(text, lo, net)
    if m is None or not _handle_like(m.group("h")):
        return []
    return [Hit(m.start("h"), m.end("h"), "URL", m.group("h"))]
