"""Dutch numbers as reports write them: digits, thousands separators and number words.

:func:`parse_number` reads one number; :func:`_tokens` splits a text into words, the
numbers among them carrying their value (``1 200`` joined to one number, ``20-25`` split
into two), which the scan of :mod:`.scan` works on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# -- number words ----------------------------------------------------------------------
_UNITS_BELOW_TEN = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
}  # fmt: skip
_WORDS_BELOW_TWENTY = {
    **_UNITS_BELOW_TEN,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
}  # fmt: skip

# -- patterns (each one linear in its input: no nested or overlapping repetition) --------
_TOKEN = re.compile(r"\w+(?:['’.,:/\-–]\w+)*")
_PLAIN = re.compile(r"[1-9]\d*|0")
_DOTTED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL = re.compile(r"(?:[1-9]\d*|0),\d+")
_DASH_RANGE = re.compile(r"([1-9]\d*)[-–]([1-9]\d*)")
_GROUP = re.compile(r"\d{3}")
_LAST_GROUP = re.compile(r"\d{3},\d+")
_SPACE_SEPARATORS = frozenset(" \u00a0\u202f")
_MAX_DIGITS = 15  # longer digit strings are no counts


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    low: str
    value: float | None = None
    year_like: bool = False  # a plain integer between 1900 and 2100


def _below_hundred(word: str) -> int | None:
    if word in _WORDS_BELOW_TWENTY:
        return _WORDS_BELOW_TWENTY[word]
    if word in _TENS:
        return _TENS[word]
    for unit, value in _UNITS_BELOW_TEN.items():  # "vijfentwintig": unit, "en", tens
        if word.startswith(unit + "en") and word[len(unit) + 2 :] in _TENS:
            return value + _TENS[word[len(unit) + 2 :]]
    return None


def _below_thousand(word: str) -> int | None:
    if "honderd" not in word:
        return _below_hundred(word)
    head, _, rest = word.partition("honderd")
    hundreds = 1 if not head else _below_hundred(head)  # "negentienhonderd" is 1900
    below = 0 if not rest else _below_hundred(rest)
    return None if hundreds is None or below is None else hundreds * 100 + below


def _number_word(word: str) -> int | None:
    """The value of a Dutch number word (lower case), None for other words and ``een``."""
    word = unicodedata.normalize("NFC", word)
    if word in ("één", "eén", "éen"):
        return 1
    if word == "een" or len(word) > 60 or not word.isalpha():
        return None
    word = word.replace("ë", "e")  # "tweeënvijftig"
    if "duizend" not in word:
        return _below_thousand(word)
    head, _, rest = word.partition("duizend")
    thousands = 1 if not head else _below_thousand(head)
    below = 0 if not rest else _below_thousand(rest)
    return None if thousands is None or below is None else thousands * 1000 + below


def _digits_value(token: str) -> float | None:
    """The value of one digit token (``40``, ``1.200``, ``2,5``), None if it is no count."""
    if sum(c.isdigit() for c in token) > _MAX_DIGITS:
        return None
    if _PLAIN.fullmatch(token) or _DOTTED.fullmatch(token) or _DECIMAL.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    return None


def parse_number(text: str) -> float | None:
    """The value of a Dutch number as a report writes it, or None.

    Parameters
    ----------
    text : str
        Digits with ``.`` or a space between thousands and ``,`` before decimals, or one
        number word. Surrounding white space is ignored.

    Returns
    -------
    float or None
        None for anything else: ``een`` (the article), ``tientallen``, ``40%``,
        ``12.00`` (a time), ``06-41873265``.

    Examples
    --------
    >>> [parse_number(t) for t in ["1.200", "1 200", "2,5", "40", "honderdtwintig", "één"]]
    [1200.0, 1200.0, 2.5, 40.0, 120.0, 1.0]
    >>> [parse_number(t) for t in ["een", "tientallen", "40%", "12.00", "1.2.3"]]
    [None, None, None, None, None]
    """
    tokens = _tokens(text.strip())
    if len(tokens) != 1 or tokens[0].value is None:
        return None
    token = tokens[0]
    if token.start != 0 or token.end != len(text.strip()):
        return None
    return token.value


def _tokens(text: str) -> list[_Token]:
    """The words of ``text``; numbers (space-separated thousands joined) carry a value."""
    out: list[_Token] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word[0].isdigit():
            dash = _DASH_RANGE.fullmatch(word) if len(word) <= 2 * _MAX_DIGITS else None
            if dash is not None:  # "20-25": two numbers with a dash between them
                for group in (1, 2):
                    part = dash.group(group)
                    out.append(
                        _Token(
                            start + dash.start(group),
                            start + dash.end(group),
                            part,
                            float(part),
                            len(part) == 4 and 1900 <= float(part) <= 2100,
                        )
                    )
                continue
            value = _digits_value(word)
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.value is not None
                and previous.end + 1 == start
                and text[previous.end] in _SPACE_SEPARATORS
                and (_GROUP.fullmatch(word) or _LAST_GROUP.fullmatch(word))
                and _space_grouped(text[previous.start : previous.end])
            ):  # "1 200": join the group to the number before it
                joined = text[previous.start : end]
                if sum(c.isdigit() for c in joined) <= _MAX_DIGITS:
                    digits = "".join(c for c in joined if c.isdigit() or c == ",")
                    out[-1] = _Token(previous.start, end, joined, float(digits.replace(",", ".")))
                else:  # too long to be a count: neither part is one
                    out[-1] = _Token(previous.start, end, joined)
                continue
            year_like = value is not None and len(word) == 4 and 1900 <= value <= 2100
            out.append(_Token(start, end, word, value, year_like))
        else:
            low = unicodedata.normalize("NFC", word.lower()).replace("’", "'")
            number = _number_word(low)
            out.append(_Token(start, end, low, None if number is None else float(number)))
    return out


def _space_grouped(previous: str) -> bool:
    """Whether the number before a space can take a thousands group: ``1``, ``1 200``."""
    head, *groups = re.split(r"[ \u00a0\u202f]", previous)
    return (
        bool(re.fullmatch(r"[1-9]\d{0,2}", head))
        and all(_GROUP.fullmatch(g) for g in groups)
        and "," not in previous
    )
