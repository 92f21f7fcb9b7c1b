"""Reach and outcome indicators found in reports: the numbers projects state about reach.

Project reports (and respondents) state numbers about reach and output: "Er kwamen 40
mensen op de eerste avond", "we hebben nu 23 vrijwilligers", "ruim 1.200 bezoekers per
jaar", "het aantal leden groeide van 80 naar 140". :func:`find_indicators` finds them in
the current documents of a store, one row per number, and :func:`indicator_overview`
makes the table a per-project summary shows: the largest number per indicator.

What counts as an indicator
---------------------------
* A number: digits, with Dutch thousands separators (``1.200``, ``1 200``) or a decimal
  comma (``2,5``), or a Dutch number word (``twaalf``, ``vijfentwintig``,
  ``tweeënvijftig``, ``honderdtwintig``, ``negentienhonderd``). ``een`` is the article,
  only ``één`` is one; ``tientallen`` and ``honderden`` are no numbers.
* followed within three words by a noun of :data:`INDICATORS` (``35 jonge
  mantelzorgers``, ``elf Even Jij!-middagen``); or ``aantal`` + noun followed by a number
  in the same sentence (``het aantal leden is nu 212``); or a table row (``Leden | 140 |
  212``) or a ``label: number`` line (``Vrijwilligers: 23``) whose label starts with
  such a noun. ``van 80 naar 140 leden`` and ``15 à 20
  deelnemers`` give a row for each number.
* Not counted: years (1900-2100 unless a lower-case noun follows right away and no
  ``in``, ``sinds``, ... precedes), percentages (``40%``, ``40 procent``), money (``€
  18.500``, ``zes euro``), times (``12.00 uur``), dates, phone numbers, ages and
  durations (``87 jaar``, ``twee keer per week``), opening hours (``vijf ochtenden per
  week``), targets and hopes (a number in a clause with ``doel``, ``verwachting``,
  ``hopen``, ``willen``, ...), negated numbers (``niet met twee mensen``) and, outside
  tables, the value 1 (``één deelnemer vertelde``, ``één of twee mensen``: not reach).
* Not found: numbers in tables whose cells are paragraphs of their own (Word and PDF
  tables), a noun that only the question names (``Hoeveel deelnemers? Achttien.``) and
  nouns not in the vocabulary (``een man of vijftien``, ``zestig ouders``).
* ``qualifier`` is ``"ongeveer"`` after a hedge (``ruim``, ``zo'n``, ``circa``, ``ca.``,
  ``ongeveer``, ``bijna``, ``meer dan``, ``rond de``, ``een stuk of``, ...) and for the
  numbers of a range like ``15 à 20``; else ``""``.

Examples
--------
>>> text = "We hebben nu ruim 1.200 bezoekers per jaar en 23 vrijwilligers, in 2019 40% meer."
>>> for m in indicators_in_text(text):
...     print(m.indicator, m.value, repr(m.qualifier), repr(text[m.start : m.end]))
bezoekers 1200.0 'ongeveer' '1.200 bezoekers'
vrijwilligers 23.0 '' '23 vrijwilligers'
>>> parse_number("tweeënvijftig"), parse_number("1 200"), parse_number("tientallen")
(52.0, 1200.0, None)
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..model import DOCUMENT_KINDS, EVIDENCE_ROLES
from ..store import ProjectStore

__all__ = [
    "HEDGED",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "OVERVIEW_COLUMNS",
    "IndicatorMatch",
    "find_indicators",
    "indicator_overview",
    "indicators_in_text",
    "parse_number",
]

#: Columns of :func:`find_indicators`, in this order.
INDICATOR_COLUMNS = (
    "project_id",
    "wave",
    "doc_id",
    "kind",
    "segment_id",
    "indicator",
    "value",
    "qualifier",
    "text",
    "start_char",
    "end_char",
)
#: Columns of :func:`indicator_overview`, in this order.
OVERVIEW_COLUMNS = ("project_id", "wave", "indicator", "value", "n_mentions", "example")
#: The ``qualifier`` of a hedged number (``ruim 40``, ``zo'n twintig``, ``15 à 20``).
HEDGED = "ongeveer"

#: Indicator label (Dutch, as a report shows it) → the nouns that name what is counted,
#: lower case, singular and plural. A noun written ``*avond`` also matches the compounds
#: that end in it (``dorpsavond``, ``ledenavond``); the others match the whole word only
#: (``leden``, not ``bestuursleden``). A word two labels claim goes to the label of the
#: whole-word noun, else of the longest compound head.
INDICATORS: dict[str, tuple[str, ...]] = {
    "deelnemers": (
        "*deelnemer",
        "*deelnemers",
        "*deelneemster",
        "*deelneemsters",
        "cursist",
        "cursisten",
    ),
    "bezoekers": ("*bezoeker", "*bezoekers", "gasten"),
    "personen": (
        "mensen",
        "man",
        "persoon",
        "personen",
        "*inwoner",
        "*inwoners",
        "*bewoner",
        "*bewoners",
        "*jongeren",
        "ouderen",
        "senioren",
        "kind",
        "kinderen",
        "dorpsgenoten",
        "buurtgenoten",
        "cliënt",
        "cliënten",
    ),
    "vrijwilligers": (
        "*vrijwilliger",
        "*vrijwilligers",
        "vrijwilligster",
        "vrijwilligsters",
        "buddy",
        "buddy's",
        "buddies",
        "maatje",
        "maatjes",
        "chauffeur",
        "chauffeurs",
        "kok",
        "koks",
        "gastvrouw",
        "gastvrouwen",
        "gastheer",
        "gastheren",
    ),
    "leden": ("lid", "leden"),
    "mantelzorgers": ("*mantelzorger", "*mantelzorgers"),
    "huishoudens": ("*huishouden", "*huishoudens", "gezin", "gezinnen"),
    "bijeenkomsten/activiteiten": (
        "*bijeenkomst",
        "*bijeenkomsten",
        "*activiteit",
        "*activiteiten",
        "*avond",
        "*avonden",
        "*middag",
        "*middagen",
        "*ochtend",
        "*ochtenden",
        "*maaltijd",
        "*maaltijden",
        "*workshop",
        "*workshops",
        "*cursus",
        "*cursussen",
        "*training",
        "*trainingen",
        "*lessen",
        "*uitje",
        "*uitjes",
        "*excursie",
        "*excursies",
        "*voorstelling",
        "*voorstellingen",
        "*evenement",
        "*evenementen",
    ),
    "hulpvragen": ("*hulpvraag", "*hulpvragen", "*huisbezoek", "*huisbezoeken"),
    "ritten": ("rit", "*ritten"),
    "klussen": ("*klus", "*klussen"),
    "partners/organisaties": (
        "*partner",
        "*partners",
        "*organisatie",
        "*organisaties",
        "school",
        "*scholen",
        "vereniging",
        "*verenigingen",
        "gemeenten",
        "instantie",
        "instanties",
        "bedrijf",
        "bedrijven",
        "coöperatie",
        "*coöperaties",
        "stichting",
        "stichtingen",
        "fondsen",
    ),
}

# -- words ------------------------------------------------------------------------------
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
#: Words that end the search for a noun after a number: what the number measures is time,
#: money or a share, or the words around it are a clause of their own.
_UNIT_WORDS = frozenset(
    "keer maal per uur uren uurtjes minuut minuten seconde seconden dag dagen dagdelen week"
    " weken maand maanden jaar jaren jaartje eeuw procent pct percent procentpunt"
    " procentpunten euro eur cent dollar km kilometer kilometers meter meters kilo kg gram"
    " liter stuks nummer huisnummer"
    " januari februari maart april mei juni juli augustus september oktober november"
    " december jan feb mrt apr jun jul aug sep sept okt nov dec".split()
)
_FUNCTION_WORDS = frozenset(
    "de het een der des van op in aan bij met voor naar uit door om over tot zonder tegen na"
    " onder tussen sinds vanaf binnen buiten achter via en of maar want dan dat die dit deze"
    " er is zijn was waren wordt worden werd werden heeft hebben had hadden komen kwamen komt"
    " kwam kan kunnen zal zullen moet moeten we wij ze zij hij ik je jij u men niet geen nog"
    " ook al wel nu toen daar hier als zo te ons onze hun mijn haar jullie uw wie wat waar"
    " waarvan waarin waarmee hoe zich zelf elkaar meer minder".split()
)
_STOP_WORDS = _UNIT_WORDS | _FUNCTION_WORDS
#: The word before a number that makes a number between 1900 and 2100 a year.
_YEAR_CONTEXT = frozenset(
    "in sinds vanaf tot van voor na eind einde begin medio jaar per om rond t/m tm en of"
    " januari februari maart april mei juni juli augustus september oktober november"
    " december voorjaar najaar zomer winter herfst lente".split()
)
#: Words in the clause before a number that make it a target or a hope, not reach.
_TARGET_WORDS = frozenset(
    "doel doelen doelstelling doelstellingen streven streeft streefcijfer streefcijfers"
    " beoogd beoogde ambitie ambities hoop hopen hoopt hopelijk verwacht verwachten"
    " verwachting verwachtingen verwachte willen wil wilden wilde prognose begroot gepland"
    " geplande target".split()
)
#: Words in a table row's label that make the row about money.
_MONEY_WORDS = frozenset(
    "contributie contributies bijdrage bijdragen kosten bedrag bedragen budget begroting"
    " subsidie inkomsten uitgaven euro eur totaal saldo tekort lasten baten".split()
)
#: Words that a full stop follows without ending the sentence.
_ABBREVIATIONS = frozenset("ca ong resp bijv bv o.a dhr mevr mw mr dr drs ir prof nr st jl".split())
#: Words just before a number that deny it (``niet met twee mensen``).
_NEGATIONS = frozenset("niet geen nooit".split())
#: Words between two numbers that make them a range (``van 80 naar 140``, ``15 à 20``).
_CONNECTORS = frozenset("naar tot à a á of en".split())
_DASHES = frozenset("-–—")
#: Words after "aantal <noun> ... <number>" that make the number something else.
_AANTAL_UNITS = _UNIT_WORDS - {"per"}
#: Nouns of a time of day: "vijf ochtenden per week" is when a place is open.
_TIMES_OF_DAY = ("ochtend", "ochtenden", "middag", "middagen", "avond", "avonden")
_SCHEDULE_PERIODS = frozenset("week dag werkdag maand".split())

# -- patterns (each one linear in its input: no nested or overlapping repetition) --------
_TOKEN = re.compile(r"\w+(?:['’.,:/\-–]\w+)*")
_PLAIN = re.compile(r"[1-9]\d*|0")
_DOTTED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL = re.compile(r"(?:[1-9]\d*|0),\d+")
_DASH_RANGE = re.compile(r"([1-9]\d*)[-–]([1-9]\d*)")
_GROUP = re.compile(r"\d{3}")
_LAST_GROUP = re.compile(r"\d{3},\d+")
_SPACE_SEPARATORS = frozenset(" \u00a0\u202f")
#: What may stand between a number, the words after it and its noun.
_CLEAN_GAP = re.compile(r"(?:[ \t\r\n\-–'’\"“”‘*_]|!(?=\S))*")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
#: What ends a sentence between ``aantal`` + noun and its number.
_SENTENCE_GAP = re.compile(r"[.!?;](?:\s|$)|\n[ \t\r]*\n|\|")
_CLAUSE_END = re.compile(r"[.!?;:,](?=\s)|\n[ \t\r]*\n|\|")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t\r]*\n")
_HEDGE = re.compile(
    r"(?:^|[^\w'’])(?:ruim|zo['’]n|circa|ca\.?|ong\.?|ongeveer|bijna|meer\s+dan|minder\s+dan"
    r"|rond(?:om)?(?:\s+de)?|een\s+stuk\s+of|pakweg|naar\s+schatting|om\s+en\s+nabij"
    r"|plusminus|zowat|nagenoeg|bij\s+benadering|tegen\s+de|ten\s+minste|tenminste"
    r"|minstens|minimaal|maximaal|hooguit|tot\s+wel|zeker|een\s+(?:kleine|dikke|ruime|goede))"
    r"\s*$|(?:±|\+/-|~|≈|>|<)\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"[\w.]+$")
_SPACE = re.compile(r"\s")
_PIPE = re.compile(r"\|")
_MONEY_BEFORE = re.compile(r"(?:€|\$|£|\beur|\beuro)\s*$", re.IGNORECASE)
_MAX_GAP_WORDS = 3  # words between a number and its noun
_MAX_AANTAL_WORDS = 8  # words between "aantal <noun>" and its number
_MAX_TABLE_CELLS = 12  # a longer "row" is no table row
_MAX_LABEL_CHARS = 60  # the label of a "label: number" line
_MAX_DIGITS = 15  # longer digit strings are no counts
_CONTEXT = 200  # characters searched on each side for the sentence of a match


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """One number with what it counts, found by :func:`indicators_in_text`.

    ``text[start:end]`` of the scanned text is the matched phrase (number to noun, or
    ``aantal`` to number, or table label to number); ``sentence`` is the sentence it is
    in, with its white space collapsed.
    """

    indicator: str
    value: float
    qualifier: str
    start: int
    end: int
    sentence: str


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


class _Lexicon:
    """The nouns of an indicator vocabulary: whole words and compound heads."""

    def __init__(self, indicators: Mapping[str, Iterable[str] | str]) -> None:
        if not isinstance(indicators, Mapping) or not indicators:
            raise ValueError("indicators must be a non-empty dict: label -> nouns, like INDICATORS")
        self.words: dict[str, str] = {}
        heads: dict[str, str] = {}
        for label, nouns in indicators.items():
            if not isinstance(label, str) or not label.strip():
                raise ValueError(f"an indicator label must be a non-empty text, not {label!r}")
            items = [nouns] if isinstance(nouns, str) else list(nouns)
            if not items:
                raise ValueError(f"indicator {label!r} has no nouns")
            for noun in items:
                if not isinstance(noun, str):
                    raise ValueError(f"indicator {label!r}: a noun must be a text, not {noun!r}")
                word = unicodedata.normalize("NFC", noun.strip().lower()).replace("’", "'")
                compound = word.startswith("*")
                word = word.lstrip("*")
                if not word or _TOKEN.fullmatch(word) is None:
                    raise ValueError(
                        f"indicator {label!r}: {noun!r} is not one word (write one noun per"
                        " entry, '*' in front for compounds: '*avond')"
                    )
                self.words.setdefault(word, label)
                if compound:
                    heads.setdefault(word, label)
        self.heads = sorted(heads.items(), key=lambda item: (-len(item[0]), item[0]))
        self.suffixes = tuple(heads)

    def label(self, word: str) -> str | None:
        """The indicator a (lower case) word names, or None."""
        found = self.words.get(word)
        if found is not None or not self.suffixes or not word.endswith(self.suffixes):
            return found
        return next(label for head, label in self.heads if word.endswith(head))


@functools.cache
def _default_lexicon() -> _Lexicon:
    return _Lexicon(INDICATORS)


def _lexicon(indicators: Mapping[str, Iterable[str] | str] | None) -> _Lexicon:
    return _default_lexicon() if indicators is None else _Lexicon(indicators)


class _Scanner:
    """Finds the indicators of one text (see :func:`indicators_in_text`)."""

    def __init__(self, text: str, lexicon: _Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.tokens = _tokens(text)
        self.found: dict[int, IndicatorMatch] = {}  # start of the number -> match

    def scan(self) -> list[IndicatorMatch]:
        if self.tokens:
            self.table()
            self.forward()
            self.aantal()
        return sorted(self.found.values(), key=lambda m: (m.start, m.end, m.value))

    # -- small checks ---------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """The text between token ``i - 1`` and token ``i`` (``i >= 1``)."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def clean(self, i: int) -> bool:
        """Whether only white space, hyphens and quotes separate token ``i`` from the one
        before it (no punctuation, no blank line)."""
        gap = self.gap(i)
        return _CLEAN_GAP.fullmatch(gap) is not None and _BLANK_LINE.search(gap) is None

    def noun(self, i: int) -> str | None:
        token = self.tokens[i]
        return None if token.value is not None else self.lexicon.label(token.low)

    def stop(self, i: int) -> bool:
        """Whether token ``i`` ends the words between a number and its noun (a name like
        "Even Jij!" does not, even where it is a function word)."""
        token = self.tokens[i]
        return token.low in _STOP_WORDS and not self.text[token.start].isupper()

    def money(self, i: int) -> bool:
        start = self.tokens[i].start
        return _MONEY_BEFORE.search(self.text[max(0, start - 8) : start]) is not None

    def hedged(self, i: int) -> bool:
        start = self.tokens[i].start
        return _HEDGE.search(self.text[max(0, start - 30) : start]) is not None

    def target(self, i: int) -> bool:
        """Whether the clause before token ``i`` makes it a target or a hope."""
        start = self.tokens[i].start
        lo = max(0, start - _CONTEXT)
        begin = lo
        for m in _CLAUSE_END.finditer(self.text, lo, start):
            begin = m.end()
        words = _WORD.findall(self.text, begin, start)
        return any(w.lower() in _TARGET_WORDS for w in words)

    def year(self, i: int, j: int) -> bool:
        """Whether number ``i`` (with its noun at ``j``) is a year: 1900-2100 and not
        right before a lower-case noun, or after a word like ``in`` or ``sinds``."""
        if not self.tokens[i].year_like:
            return False
        after_year_word = i > 0 and self.tokens[i - 1].low in _YEAR_CONTEXT and self.clean(i)
        noun_next = j == i + 1 and not self.text[self.tokens[j].start].isupper()
        return not noun_next or after_year_word

    def negated(self, i: int) -> bool:
        """Whether ``niet``, ``geen`` or ``nooit`` is one of the two words before number
        ``i`` (``niet met twee mensen``)."""
        before = self.tokens[max(0, i - 2) : i]
        return any(t.low in _NEGATIONS for t in before)

    def schedule(self, j: int) -> bool:
        """Whether noun ``j`` is a time of day followed by ``per week`` (an opening
        schedule: ``vijf ochtenden per week open``), not a number of activities."""
        tokens = self.tokens
        return (
            tokens[j].low.endswith(_TIMES_OF_DAY)
            and j + 2 < len(tokens)
            and tokens[j + 1].low == "per"
            and tokens[j + 2].low in _SCHEDULE_PERIODS
        )

    def partner(self, i: int) -> int | None:
        """The index of the second number of a range that starts at number ``i``."""
        tokens = self.tokens
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].value is not None
            and self.gap(i + 1).strip() in _DASHES
        ):
            return i + 1
        if (
            i + 2 < len(tokens)
            and tokens[i + 2].value is not None
            and tokens[i + 1].low in _CONNECTORS
            and not self.gap(i + 1).strip()
            and not self.gap(i + 2).strip()
        ):
            return i + 2
        return None

    def noun_after(self, i: int) -> int | None:
        """The index of the indicator noun within a few words after number ``i``."""
        tokens = self.tokens
        for j in range(i + 1, min(len(tokens), i + 2 + _MAX_GAP_WORDS)):
            if not self.clean(j) or tokens[j].value is not None:
                return None
            if self.noun(j) is not None:
                return None if self.schedule(j) else j
            if self.stop(j):
                return None
        return None

    def abbreviation(self, at: int) -> bool:
        """Whether the full stop at ``at`` ends an abbreviation (``ca.``, ``dhr.``)."""
        if self.text[at] != ".":
            return False
        word = _LAST_WORD.search(self.text, max(0, at - 8), at)
        return word is not None and word.group().lower() in _ABBREVIATIONS

    def sentence(self, start: int, end: int) -> str:
        """The sentence around ``text[start:end]`` (at most about 200 characters to each
        side, cut at a space), its white space collapsed."""
        text = self.text
        start = max(start, end - _CONTEXT)  # a long phrase: the sentence around its end
        lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
        begin = lo
        for m in _SENTENCE_END.finditer(text, lo, start):
            if not self.abbreviation(m.start()):
                begin = m.end()
        if begin == lo > 0:  # no sentence start near: begin after a space
            space = _SPACE.search(text, lo, start)
            begin = space.end() if space else lo
        stop = hi
        for m in _SENTENCE_END.finditer(text, end, hi):
            if not self.abbreviation(m.start()):
                stop = m.end() if m.group() in ".!?" else m.start()
                break
        else:
            if hi < len(text):  # no sentence end near: stop before a space
                spaces = [m.start() for m in _SPACE.finditer(text, end, hi)]
                stop = spaces[-1] if spaces else hi
        return " ".join(text[begin:stop].split())

    def add(self, i: int, first: int, last: int, label: str, qualifier: str) -> None:
        """Record number ``i`` as ``label``, the phrase running from token ``first`` to
        token ``last`` (a number is recorded once)."""
        token = self.tokens[i]
        if token.start in self.found or token.value is None:
            return
        start, end = self.tokens[first].start, self.tokens[last].end
        self.found[token.start] = IndicatorMatch(
            label, token.value, qualifier, start, end, self.sentence(start, end)
        )

    # -- the three rules --------------------------------------------------------------------
    def forward(self) -> None:
        """Numbers followed by a noun: ``23 vrijwilligers``, ``van 80 naar 140 leden``."""
        tokens = self.tokens
        partners: set[int] = set()  # second numbers of ranges: never counted on their own
        for i, token in enumerate(tokens):
            if token.value is None or i in partners or self.money(i):
                continue
            other = self.partner(i)
            if other is not None:
                partners.add(other)
                j = self.noun_after(other)
                if j is None or token.year_like or tokens[other].year_like or token.value == 1:
                    continue  # "één of twee mensen": a few, not a count
                if self.target(i) or self.negated(i):
                    continue
                label = self.lexicon.label(tokens[j].low) or ""
                change = other == i + 2 and tokens[i + 1].low == "naar"
                first = (HEDGED if self.hedged(i) else "") if change else HEDGED
                self.add(i, i, j, label, first)
                self.add(other, other, j, label, "" if change else HEDGED)
                continue
            j = self.noun_after(i)
            if j is None or token.value == 1 or self.year(i, j):
                continue
            if not self.target(i) and not self.negated(i):
                label = self.lexicon.label(tokens[j].low) or ""
                self.add(i, i, j, label, HEDGED if self.hedged(i) else "")

    def aantal(self) -> None:
        """``het aantal deelnemers is 40``, ``aantal leden: van 80 naar 140``."""
        tokens = self.tokens
        for k, token in enumerate(tokens):
            if token.low != "aantal":
                continue
            noun_at = None
            for j in range(k + 1, min(len(tokens), k + 4)):
                if not self.clean(j) or tokens[j].value is not None:
                    break
                if self.noun(j) is not None:
                    noun_at = j
                    break
                if self.stop(j):
                    break
            if noun_at is None or self.target(k):
                continue
            label = self.lexicon.label(tokens[noun_at].low) or ""
            for i in range(noun_at + 1, min(len(tokens), noun_at + 1 + _MAX_AANTAL_WORDS)):
                previous = tokens[i - 1]
                if _SENTENCE_GAP.search(self.gap(i)) and previous.low not in _ABBREVIATIONS:
                    break
                candidate = tokens[i]
                if candidate.value is None:
                    continue
                if candidate.start in self.found:
                    break  # the number has a noun of its own
                following = tokens[i + 1].low if i + 1 < len(tokens) else ""
                percent = self.text[candidate.end : candidate.end + 2].lstrip().startswith("%")
                if (
                    candidate.year_like
                    or following in _AANTAL_UNITS
                    or percent
                    or self.money(i)
                    or previous.low == "met"  # "met 30 gegroeid": a change, not a level
                    or candidate.value == 1
                ):
                    continue
                other = self.partner(i)
                if other is not None and tokens[other].year_like:
                    other = None
                change = other == i + 2 and tokens[i + 1].low == "naar"
                hedge = self.hedged(i) or (other is not None and not change)
                self.add(i, k, i, label, HEDGED if hedge else "")
                if other is not None:
                    self.add(other, k, other, label, "" if change else HEDGED)
                break

    def table(self) -> None:
        """A table row or a "label: number" line whose label names what the numbers
        count: ``Leden | 140 | 212``, ``Vrijwilligers: 23``."""
        text = self.text
        if "€" in text:
            return
        if "|" in text:
            starts = [0] + [m.end() for m in _PIPE.finditer(text)]
        else:
            colon = text.find(":")
            if not 0 < colon <= _MAX_LABEL_CHARS:
                return
            starts = [0, colon + 1]
        cells: list[list[int]] = [[] for _ in starts]  # the tokens of each cell
        for i, token in enumerate(self.tokens):
            cells[bisect.bisect_right(starts, token.start) - 1].append(i)
        filled = [c for c in cells if c]
        if not 2 <= len(filled) <= _MAX_TABLE_CELLS:
            return
        label_tokens = filled[0]
        if any(self.tokens[i].low in _MONEY_WORDS for i in label_tokens):
            return
        noun_at = next((i for i in label_tokens[:2] if self.noun(i) is not None), None)
        if noun_at is None:
            return
        label = self.lexicon.label(self.tokens[noun_at].low) or ""
        for cell in filled[1:]:
            i = cell[-1]
            token = self.tokens[i]
            cell_start = starts[bisect.bisect_right(starts, token.start) - 1]
            cell_end = text.find("|", token.end)
            prefix = text[cell_start : token.start].strip()
            rest = text[token.end : len(text) if cell_end < 0 else cell_end].strip(" \t\r\n.")
            if token.value is None or rest or token.year_like:
                continue
            if prefix and (len(prefix) > 20 or _HEDGE.search(prefix) is None):
                continue
            self.add(i, label_tokens[0], i, label, HEDGED if prefix else "")


def indicators_in_text(
    text: str, *, indicators: Mapping[str, Iterable[str] | str] | None = None
) -> list[IndicatorMatch]:
    """The reach and output numbers in one text, in the order of the text.

    Parameters
    ----------
    text : str
        A paragraph or a turn (any text; the search is linear in its length).
    indicators : dict, optional
        Label → nouns, like :data:`INDICATORS` (the default).

    Returns
    -------
    list of IndicatorMatch
        ``text[m.start:m.end]`` is the matched phrase of each.

    Raises
    ------
    ValueError
        ``indicators`` is empty or has a label without nouns or a noun of several words.

    Examples
    --------
    >>> text = "Het aantal leden groeide van 80 naar 140; er waren zo'n twintig bijeenkomsten."
    >>> for m in indicators_in_text(text):
    ...     print(m.indicator, m.value, repr(m.qualifier), repr(text[m.start : m.end]))
    leden 80.0 '' 'aantal leden groeide van 80'
    leden 140.0 '' 'aantal leden groeide van 80 naar 140'
    bijeenkomsten/activiteiten 20.0 'ongeveer' 'twintig bijeenkomsten'
    >>> [m.value for m in indicators_in_text("Tien koks.", indicators={"koks": ("kok", "koks")})]
    [10.0]
    """
    return _Scanner(text, _lexicon(indicators)).scan()


def _names(value: str | Iterable[str] | None, what: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError as err:
        raise TypeError(f"{what} must be a text or a list of texts, not {value!r}") from err


def _empty(columns: Iterable[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in columns})


_INDICATOR_DTYPES = {"value": "float64", "start_char": "int64", "end_char": "int64"}
_OVERVIEW_DTYPES = {"value": "float64", "n_mentions": "int64"}


def find_indicators(
    store: ProjectStore,
    *,
    project_id: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] = ("report", "interview"),
    indicators: Mapping[str, Iterable[str] | str] | None = None,
) -> pd.DataFrame:
    """Reach and outcome indicators in the current documents: one row per number found.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    project_id : str or list of str, optional
        Only documents of these projects (all documents when None).
    kinds : str or list of str, default ("report", "interview")
        Only documents of these kinds (:data:`~sokwal_monitor.model.DOCUMENT_KINDS`).
        Interviews are searched in the respondents' turns only; other documents in every
        segment whose role is evidence (:data:`~sokwal_monitor.model.EVIDENCE_ROLES`).
    indicators : dict, optional
        Indicator label → nouns, like :data:`INDICATORS` (the default); ``"*avond"``
        also matches compounds ending in ``avond``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATOR_COLUMNS`: ``project_id, wave, doc_id, kind, segment_id,
        indicator, value`` (float), ``qualifier`` (``"ongeveer"`` or ``""``), ``text``
        (the sentence, white space collapsed), ``start_char, end_char`` (the matched
        phrase in the document's stored text: ``store.text(doc_id)[start_char:end_char]``).
        Rows are ordered by project, wave, document and position. No numbers found (or an
        empty store) gives an empty table with these columns.

    Raises
    ------
    ValueError
        An unknown kind, or an unusable ``indicators``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoeveel mensen komen er?\\nR: Elke week zo'n twintig deelnemers.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> row = find_indicators(store).iloc[0].to_dict()
    >>> row["indicator"], row["value"], row["qualifier"], row["text"]
    ('deelnemers', 20.0, 'ongeveer', "Elke week zo'n twintig deelnemers.")
    >>> store.text(row["doc_id"])[row["start_char"] : row["end_char"]]
    'twintig deelnemers'
    >>> store.close()
    """
    kind_list = _names(kinds, "kinds") or []
    unknown = [k for k in kind_list if k not in DOCUMENT_KINDS]
    if unknown:
        raise ValueError(
            f"unknown document kind(s) {', '.join(map(repr, unknown))};"
            f" choose from {', '.join(DOCUMENT_KINDS)}"
        )
    lexicon = _lexicon(indicators)
    projects = _names(project_id, "project_id")
    segments = store.segments(with_metadata=True)
    if segments.empty or not kind_list:
        return _empty(INDICATOR_COLUMNS, _INDICATOR_DTYPES)
    interview = segments["kind"] == "interview"
    keep = segments["kind"].isin(kind_list) & (
        (interview & (segments["role"] == "respondent"))
        | (~interview & segments["role"].isin(EVIDENCE_ROLES))
    )
    if projects is not None:
        keep &= segments["project_id"].isin(projects)
    rows: list[dict[str, Any]] = []
    for seg in segments[keep].itertuples(index=False):
        offset = int(seg.start_char)
        for m in _Scanner(str(seg.text), lexicon).scan():
            rows.append(
                {
                    "project_id": _none(seg.project_id),
                    "wave": _none(seg.wave),
                    "doc_id": seg.doc_id,
                    "kind": seg.kind,
                    "segment_id": seg.segment_id,
                    "indicator": m.indicator,
                    "value": m.value,
                    "qualifier": m.qualifier,
                    "text": m.sentence,
                    "start_char": offset + m.start,
                    "end_char": offset + m.end,
                }
            )
    if not rows:
        return _empty(INDICATOR_COLUMNS, _INDICATOR_DTYPES)
    frame = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in rows], dtype=_INDICATOR_DTYPES.get(c, "str"))
            for c in INDICATOR_COLUMNS
        }
    )
    frame = frame.sort_values(
        ["project_id", "wave", "doc_id", "start_char", "end_char"],
        kind="stable",
        na_position="last",
    )
    return frame.reset_index(drop=True)


def _none(value: Any) -> Any:
    """None for a missing value (NaN, None), else the value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def indicator_overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The table a summary shows: per project, wave and indicator the largest number.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`find_indicators` returns (or a part of it).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OVERVIEW_COLUMNS`: ``project_id, wave, indicator, value`` (the
        largest value reported), ``n_mentions`` (how many numbers were found for it) and
        ``example`` (the sentence of the first row with that value), ordered by project,
        wave and indicator.

    Raises
    ------
    ValueError
        ``frame`` lacks a column it needs.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "project_id": ["P01", "P01", "P01"], "wave": ["2019"] * 3,
    ...     "indicator": ["leden", "leden", "vrijwilligers"], "value": [80.0, 140.0, 23.0],
    ...     "text": ["Van 80 naar 140 leden."] * 2 + ["Nu 23 vrijwilligers."]})
    >>> overview = indicator_overview(rows)
    >>> overview[["indicator", "value", "n_mentions"]].values.tolist()
    [['leden', 140.0, 2], ['vrijwilligers', 23.0, 1]]
    >>> overview["example"].tolist()
    ['Van 80 naar 140 leden.', 'Nu 23 vrijwilligers.']
    """
    needed = ("project_id", "wave", "indicator", "value", "text")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)};"
            " pass what find_indicators() returns"
        )
    if frame.empty:
        return _empty(OVERVIEW_COLUMNS, _OVERVIEW_DTYPES)
    order = [c for c in ("project_id", "wave", "doc_id", "start_char", "end_char") if c in frame]
    ordered = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    rows = []
    groups = ordered.groupby(["project_id", "wave", "indicator"], dropna=False, sort=False)
    for (project, wave, indicator), group in groups:
        values = group["value"].astype("float64")
        best = values.idxmax() if values.notna().any() else group.index[0]
        rows.append(
            {
                "project_id": _none(project),
                "wave": _none(wave),
                "indicator": indicator,
                "value": float(values.max()),
                "n_mentions": len(group),
                "example": ordered.at[best, "text"],
            }
        )
    out = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in rows], dtype=_OVERVIEW_DTYPES.get(c, "str"))
            for c in OVERVIEW_COLUMNS
        }
    )
    out = out.sort_values(
        ["project_id", "wave", "indicator"], kind="stable", na_position="last"
    ).reset_index(drop=True)
    return out
