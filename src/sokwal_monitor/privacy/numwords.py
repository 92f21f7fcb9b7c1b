"""Dutch number words, for ages and dates of birth said in words ("zevenentachtig",
"dertien mei negentienveertig", "vier juni negentien eenenveertig").

>>> word_number("tweeëntachtig"), word_number("negentien eenenveertig")
(82, 1941)
"""

from __future__ import annotations

import re

__all__ = [
    "AGE_WORD", "DAY_WORD", "DECADE_WORD", "NUMBER_WORD", "SHORT_YEAR_WORD", "SMALL_AGE_WORD",
    "YEAR_WORD",
    "age_word_spans", "ignore_case", "word_number",
]  # fmt: skip

_UNITS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "zeuven": 7, "vief": 5, "veer": 4, "ain": 1, "viev": 5,
}  # fmt: skip
_TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "zeuventien": 17,
    "vieftien": 15, "viftien": 15,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90, "zeuventig": 70, "vieftig": 50, "dartig": 30, "viftig": 50,
}  # fmt: skip
# "zeuven", "zeuventig", "vief", "veer", "vieftig", "dartig": Nedersaksisch (Twents,
# Sallands, Achterhoeks) for 7, 70, 5, 4, 50 and 30; there "en" may fall out between
# the unit and the tens of 80 and 90 ("vieftachtig", 85). Round 8: "ain" (1:
# "ainentachtig"), "viev" (5 before "en": "vieventachtig"), "viftig" (50), "vieftien",
# "viftien" (15): Twents and Dinkellands as a transcript writes it down.
_ORDINALS = {"eerste": 1, "derde": 3, "achtste": 8}
_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_T = "|".join(_TEENS)
_X = "|".join(_TENS)
#: 1-99 in words: "vier", "dertien", "tachtig", "tweeëntachtig", "eenenveertig", also
#: written with hyphens as a number said in pairs ("twee-en-dertig").
_N99 = rf"(?:(?:{_U})(?:en|ën|-en-)(?:{_X})|(?:{_X})|(?:{_T})|(?:{_U}))"
#: An age in words, ten or more (a lone "een" or "twee" is rarely an age).
AGE_WORD = (
    rf"(?:honderd(?:en)?(?:{_U}|{_T})?|(?:{_U})(?:en|ën|-en-)(?:{_X})|(?:{_U})(?:tachtig|negentig)"
    rf"|(?:{_X})|(?:{_T}))"
)
#: 1-99 in words ("een", "twaalf", "vierendertig"), or "honderd": any number said as a word.
NUMBER_WORD = rf"(?:{_N99}|honderd)"
#: 20-99 in words ("zesenveertig", "tachtig"): a year said in two digits ("is van
#: negenenveertig", "twaalf oktober zesenveertig").
DECADE_WORD = rf"(?:(?:{_U})(?:en|ën)(?:{_X})|(?:{_X}))"
#: A year said in two digits in words, the teens too ("vijftien" for 2015): after a
#: month ("zeventien maart vijftien").
SHORT_YEAR_WORD = rf"(?:{DECADE_WORD}|(?:{_T}))"
#: An age in words below ten, read as an age only where a person's age is clearly said
#: ("hij is vijf", "een kind van vier").
SMALL_AGE_WORD = r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|zeuven|vief|veer)"
#: A day of the month in words: "dertien", "vier", "de vierde", "eenentwintigste".
DAY_WORD = rf"(?:eerste|derde|achtste|{_N99}(?:ste|de)?)"
#: A year in words: "negentienveertig", "negentien eenenveertig",
#: "negentienhonderdzesenveertig", "tweeduizend drie".
YEAR_WORD = (
    rf"(?:negentien\s*(?:honderd\s*)?(?:en\s*)?{_N99}|achttien\s*(?:honderd\s*)?{_N99}"
    rf"|tweeduizend\s*(?:en\s*)?{_N99})"
)


#: What every number word of ten or more holds, whatever its first letter's case (a
#: scan for literals, fast in the regex engine): "tig", "tien", "(e)lf", "(h)onderd".
_WORD_PART = re.compile(r"tig|tien|lf|onderd|TIG|TIEN|LF|ONDERD")
_AGE_WORD_AT = re.compile(rf"{AGE_WORD}(?![\w\-])", re.IGNORECASE)
_AGE_ORDINAL_AT = re.compile(rf"{AGE_WORD}(?:ste)?(?![\w\-])", re.IGNORECASE)


def age_word_spans(text: str, *, ordinals: bool = False) -> list[tuple[int, int]]:
    """Spans of the whole words in ``text`` that are ages in words, ten or more
    ("tachtig", "Achttien", "eenentachtig"; with ``ordinals`` also "tachtigste"). The
    text is scanned for the parts every such word holds, and only the word around each
    is matched, not every position of the text.

    >>> text = "Ze is eenentachtig, haar zus tachtig. Zelf? Tientallen."
    >>> [text[s:e] for s, e in age_word_spans(text)]
    ['eenentachtig', 'tachtig']
    """
    spans, seen = [], -1
    pattern = _AGE_ORDINAL_AT if ordinals else _AGE_WORD_AT
    for m in _WORD_PART.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        if text.endswith("-en-", 0, start) and start > 4 and text[start - 5].isalpha():
            start -= 4  # "vier-en-negentig": a number said in parts
            while start > 0 and text[start - 1].isalpha():
                start -= 1
        if start <= seen:
            continue
        word = pattern.match(text, start)
        if word and word.end() >= m.end() and not (start and text[start - 1] == "-"):
            spans.append(word.span())
            seen = start
    return spans


#: The characters outside ASCII that a case-insensitive ``re`` pattern matches to an
#: ASCII letter ("İ", "ı" to "i", "ſ" to "s"; the Kelvin sign lower-cases to "k").
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def ignore_case(text: str) -> str:
    """``text`` lower-cased so that a literal of ASCII letters is ``in`` it wherever a
    case-insensitive ``re`` pattern of that literal matches (for a pre-check before a
    pattern; the positions may differ from ``text``'s).

    >>> "kinderen" in ignore_case("De KİNDEREN zijn 7 en 11.")
    True
    """
    if text.isascii():
        return text.lower()
    return text.translate(_TO_ASCII).lower()


def word_number(text: str) -> int | None:
    """The value of a Dutch number word of at most four digits (day, age or year);
    None when it is none.

    >>> word_number("dertien"), word_number("negentienhonderdveertig"), word_number("vierde")
    (13, 1940, 4)
    """
    words = re.sub(r"\s+(?:en\s+)?", " ", text.casefold()).strip()
    words = re.sub(r"(?:ste|de)$", "", words) if words not in _ORDINALS else words
    if words in _ORDINALS:
        return _ORDINALS[words]
    compact = words.replace(" ", "").replace("-en-", "en")
    if compact.startswith(("negentien", "achttien")) and len(compact) > 9:
        century = 19 if compact.startswith("negentien") else 18
        rest = compact[9:].removeprefix("honderd").removeprefix("en")
        tail = _small(rest)
        return century * 100 + tail if tail is not None else None
    if compact.startswith("tweeduizend"):
        rest = compact[len("tweeduizend") :].removeprefix("en")
        tail = _small(rest) if rest else 0
        return 2000 + tail if tail is not None else None
    return _small(compact)


def _small(compact: str) -> int | None:
    """0-199 written without spaces ("eenenveertig", "honderdtwee")."""
    if not compact:
        return None
    total = 0
    if compact.startswith("honderd"):
        total, compact = 100, compact[7:].removeprefix("en")
        if not compact:
            return total
    value = _COMPOUNDS.get(compact)
    return total + value if value is not None else None


#: Every number word of 1-99 with its value, built once: units, teens, tens and the
#: compounds ("eenentachtig", "tweeëntachtig", "vieftachtig": "en" may fall out before
#: the tens of 80 and 90).
_COMPOUNDS = {
    **{
        units + joint + tens: value + tens_value
        for units, value in _UNITS.items()
        for joint in ("en", "ën", "")
        for tens, tens_value in _TENS.items()
        if joint or tens_value >= 80
    },
    **_UNITS,
    **_TEENS,
    **_TENS,
}
