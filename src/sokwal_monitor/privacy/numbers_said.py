"""Phone numbers and postcodes said in words, as speech recognition writes them: a run of
Dutch number words read digit by digit or in pairs ("nul zes een twee acht vier zeven
drie negen nul", "zes twaalf vierendertig zesenvijftig achtenzeventig"), a postcode said
after "postcode" ("zeven vier vier twee ka"), and a phone number said in words right
after a phone label, whatever its count of digits ("Terugbelnummer: zes-nul, ...").
Moved out of :mod:`.numbers`, which re-exports :func:`said_numbers` and
:func:`labelled_word_runs`.
"""

from __future__ import annotations

import re

from .lists import Hit
from .numwords import NUMBER_WORD, word_number

__all__ = ["labelled_word_runs", "said_numbers"]

#: A run of Dutch number words (and "nul") that may be a number said digit by digit or in
#: pairs: a phone number or a postcode in a speech-recognition transcript.
_WORD_RUN = re.compile(
    rf"(?<![\w\-])(?:nul|{NUMBER_WORD})(?:[ \t,\-]+(?:nul|{NUMBER_WORD})){{3,11}}(?![\w\-])",
    re.IGNORECASE,
)
#: Where such a run may start: "nul" or "zes" (a mobile number), or after "postcode".
_RUN_START = re.compile(r"nul|zes|[Pp]ostcode\b")
#: The letters of a postcode as said: letter names ("ka", "es", "be") or two letters.
_LETTER_NAMES = frozenset(
    "a be ce e ef ge ha i ie je ka el em o pe ku er es te u ve we iks ij ei zet".split()
)
#: Two-letter words after four digits that are no postcode's letters ("en verder").
_NOT_LETTERS = frozenset("is en de in op of ja nu al zo om te".split())
_POSTCODE_WORDS = re.compile(
    r"[Pp]ostcode[ \t]*(?:is|was|:)?[ \t]*(?:eh[ \t]+)?(?P<run>[a-zë]+(?:[ \t]+[a-zë]+){1,9})"
)


def _run_digits(run: str) -> str | None:
    """The digits said by a run of number words ("nul zes twaalf" -> "0612")."""
    out = []
    for word in re.split(r"[ \t,\-]+", run.strip().casefold().replace("-en-", "en")):
        if word == "nul":
            out.append("0")
            continue
        value = word_number(word)
        if value is None:
            return None
        out.append(str(value))
    return "".join(out)


def said_numbers(text: str) -> list[Hit]:
    """Phone numbers and postcodes said in words (speech recognition writes them so):
    a run of number words that says ten digits starting with 0, or nine starting with 6
    (a mobile number with its "nul" left out), and four digits and one or two letters
    after "postcode".

    >>> [h.text for h in said_numbers("bel nul zes een twee acht vier zeven drie negen nul")]
    ['nul zes een twee acht vier zeven drie negen nul']
    >>> [h.text for h in said_numbers("de postcode is zeven vier vier twee ka geloof ik")]
    ['zeven vier vier twee ka']
    >>> said_numbers("drie keer per week, zes of zeven mensen, tien uur")
    []
    """
    hits: list[Hit] = []
    seen = -1
    for start in _RUN_START.finditer(text):
        if start.start() < seen or (
            start.start() and (text[start.start() - 1].isalnum() or text[start.start() - 1] == "-")
        ):
            continue  # inside a word: "dertignul", "Grotezes"
        if start.group()[0] in "Pp":
            hit = _said_postcode(text, start.start())
            if hit:
                hits.append(hit)
                seen = hit.end
            continue
        m = _WORD_RUN.match(text, start.start())
        if not m:
            continue
        digits = _run_digits(m.group())
        if digits and (
            (len(digits) == 10 and digits[0] == "0") or (len(digits) == 9 and digits[0] == "6")
        ):
            hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
            seen = m.end()
    return hits


def _said_postcode(text: str, start: int) -> Hit | None:
    """A postcode said in words after "postcode" at ``start``: number words for four
    digits, then one or two letters."""
    m = _POSTCODE_WORDS.match(text, start)
    if not m:
        return None
    words = m.group("run").split()
    digits, n = "", 0
    while n < len(words) and len(digits) < 4:
        value = "0" if words[n] == "nul" else word_number(words[n])
        if value is None:
            return None
        digits += str(value)
        n += 1
    n -= 1  # the last word of the digits
    if len(digits) != 4 or digits[0] == "0":
        return None
    letters: list[str] = []
    for word in words[n + 1 : n + 3]:
        if word in _LETTER_NAMES or (len(word) == 2 and not letters and word not in _NOT_LETTERS):
            letters.append(word)
        else:
            break
    if not letters:
        return None
    kept = words[: n + 1 + len(letters)]
    begin = m.start("run")
    end = begin
    for word in kept:
        end = text.index(word, end) + len(word)
    return Hit(begin, end, "POSTCODE", text[begin:end])


#: A label of a phone number right before a run of number words: "Terugbelnummer:",
#: "Heur nummer is", "mijn nummer is", "bel me op".
_PHONE_LABEL = re.compile(
    r"(?i:tele(?:foon)?nummer|terugbelnummer|mobiel(?:e\s+nummer)?|nummer|tel\.?|"
    r"bel\s+(?:me|mij|ons)\s+op|06)[ \t]*(?:is|was|:)?[ \t]*$"
)
#: The same, as a scan: each match opens with a literal ("nummer", "tel", "mobiel", "bel").
_PHONE_LABEL_AT = re.compile(
    r"(?:ummer|UMMER|el\.?|obiel(?:e\s+nummer)?|el\s+(?:me|mij|ons)\s+op)"
    r"[ \t]*(?:is|was|:)?[ \t]*(?=[nNeEtTdDvVzZaA])"
)
_PHONE_LABEL_WORD = re.compile(r"nummer|(?<![a-z])tel\b|(?<![a-z])mobiel|(?<![a-z])bel\s")
_WORD_RUN_LOOSE = re.compile(
    rf"(?<![\w\-])(?:nul|{NUMBER_WORD})(?:[ \t,\-]+(?:nul|{NUMBER_WORD})){{2,11}}(?![\w\-])",
    re.IGNORECASE,
)


def labelled_word_runs(text: str) -> list[Hit]:
    """A phone number said in words right after a phone label, whatever its count of
    digits (a number broken off or said in pairs: "Terugbelnummer: zes-nul,
    vier-en-dertig, twee-en-tachtig", "Heur nummer is nul zes, vieftien, ...").

    >>> text = "Terugbelnummer: zes-nul, vier-en-dertig, twee-en-tachtig..."
    >>> [h.text for h in labelled_word_runs(text)]
    ['zes-nul, vier-en-dertig, twee-en-tachtig']
    >>> labelled_word_runs("Het nummer is drie keer gebeld.")
    []
    """
    hits: list[Hit] = []
    for label in _PHONE_LABEL_AT.finditer(text):
        word = text[max(0, label.start() - 12) : label.start() + 6].casefold()
        if not _PHONE_LABEL_WORD.search(word):
            continue  # "vertellen", "hotel": no label
        m = _WORD_RUN_LOOSE.match(text, label.end())
        if m and _run_digits(m.group()):
            hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
    return hits
