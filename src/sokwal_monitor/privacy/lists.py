"""What is personal data and what stays: a hit (:class:`Hit`), the researcher's allow
and deny lists with the curated phrases (:class:`Lists`), organisation names, and the
policy for dates and places (:class:`Policy`).

>>> Lists.of(allow=["Kulturhus De Brink"]).allowed("Brink")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from .dates import DatePolicy
from .organisations import organisation_spans, with_places
from .places import curated_allow

__all__ = [
    "DEFAULT_ALLOW", "NAMELIKE", "ORGANISATION_HEAD", "Hit", "Lists", "Policy", "is_organisation",
    "reference_year",
]  # fmt: skip

#: Places that are never personal data on their own: provinces and the country.
DEFAULT_ALLOW = (
    "Nederland", "Overijssel", "Gelderland", "Drenthe", "Friesland", "Fryslân", "Groningen",
    "Flevoland", "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant",
    "Limburg", "Twente", "Salland", "Achterhoek", "Randstad", "Vechtdal", "IJsselland",
    "Kop van Overijssel", "Noordwest-Overijssel", "Noordoost-Twente", "Stimuland",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit:
    """A piece of personal data: ``text[start:end]`` of category ``category``."""

    start: int
    end: int
    category: str
    text: str


@dataclass(frozen=True)
class Lists:
    """The researcher's lists: ``allow`` (keep these words) and ``deny`` (always replace
    these names). Comparison ignores case and surrounding punctuation."""

    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()
    #: the curated phrases, kept as whole phrases (:func:`.places.curated_allow`)
    phrases: tuple[str, ...] = ()

    @classmethod
    def of(cls, allow: Iterable[str] = (), deny: Iterable[str] = ()) -> Lists:
        """Build lists from any iterables of strings (blank entries dropped); the
        words of an allowed phrase ("Kulturhus De Brink") are allowed one by one too,
        :data:`DEFAULT_ALLOW` is always included, and so is the curated allow list
        (as whole phrases only: "Machteld Huber" is kept, a Machteld is not).

        >>> Lists.of(allow=["Kulturhus De Brink"]).allowed("Brink")
        True
        """
        phrases = {_fold(a) for a in (*DEFAULT_ALLOW, *allow) if a.strip()}
        words = {w for p in phrases for w in re.split(r"[\s,]+", p) if len(w) > 2}
        curated = curated_allow()
        return cls(
            frozenset(phrases | words | {_fold(c) for c in curated}),
            frozenset(d.strip() for d in deny if d.strip()),
            curated,
        )

    def protected(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` that hold a curated phrase (whole words; acronyms in
        capitals only) or an organisation's, venue's or instrument's name by its shape
        (:func:`.organisations.organisation_spans`).

        Remembered per text while these lists live (at most :data:`_MEMO_TEXTS` texts):
        a run asks for the same document's spans in detection and again in linking.
        """
        return list(self._remembered("_spans_memo", _MEMO_TEXTS, text, self._protected))

    def _remembered(self, name: str, limit: int, text: str, work: Callable[[str], _T]) -> _T:
        """``work(text)``, remembered in the memo ``name`` (at most ``limit`` texts; the
        memo is an attribute, not a field: not compared, hashed or pickled)."""
        memo: dict[str, _T] | None = self.__dict__.get(name)
        if memo is None:
            memo = {}
            object.__setattr__(self, name, memo)
        if text in memo:
            return memo[text]
        if len(memo) >= limit:
            memo.clear()
        answer = memo[text] = work(text)
        return answer

    def __getstate__(self) -> dict[str, object]:
        # what is remembered stays in this process (the lists go to worker processes)
        return {k: v for k, v in self.__dict__.items() if k not in ("_spans_memo", "_allowed_memo")}

    def _protected(self, text: str) -> list[tuple[int, int]]:
        acronyms = _acronyms(self.phrases)
        by_first = _phrases_by_first(self.phrases)
        found, end = [], 0
        # a phrase starts at a word that is some phrase's first word: try only there,
        # and only the phrases that start with that word
        for word in _RUN.finditer(text):
            if word.start() < end:
                continue
            pattern = by_first.get(word.group().casefold())
            if pattern is None:
                continue
            m = pattern.match(text, word.start())
            if m and (m.group().isupper() or m.group().casefold() not in acronyms):
                found.append(m.span())
                end = m.end()
        # by shape ("Dorpshuis De Koppel"); a place after a name is part of it
        return with_places(text, sorted(found + organisation_spans(text)))

    def allowed(self, text: str) -> bool:
        """True when ``text``, or every word of it that could be a name, is allowed
        (short words, tussenvoegsels and numbers do not count: "De Linde 2019").

        Remembered per text while these lists live (the same names and places are
        asked about again and again; at most :data:`_MEMO_VALUES` of them)."""
        return self._remembered("_allowed_memo", _MEMO_VALUES, text, self._allowed)

    def _allowed(self, text: str) -> bool:
        folded = _fold(text)
        if folded in self.allow:
            return True
        words = [w for w in _WORD_GAP.split(folded) if NAMELIKE.match(w)]
        return bool(words) and all(w in self.allow for w in words)

    def trim(self, start: int, text: str) -> tuple[int, str]:
        """Cut allowed words off the end of a name: "Ilse Beltman van Stimuland" ->
        "Ilse Beltman"; and off its start: "Bel Henk" -> "Henk" once "Bel" is allowed
        (a verb opening a sentence that deduce took for a first name)."""
        match = _TRAILING.search(text)
        if (
            match
            and match.start() > 0
            and (
                match.group("word").casefold() != "van"  # "Anneke bij de Jumbo"
                or self.allowed(match.group("tail"))
                or is_organisation(match.group("tail"))
            )
        ):
            text = text[: match.start()]
        while (
            (lead := _LEADING.match(text))
            and (
                self.allowed(lead.group("word")) or lead.group("word").casefold() in _FUNCTION_WORDS
            )
            and not _SURNAME_START.match(text)  # "Van Dijk", "De Vries", "Ter Haar"
        ):
            start, text = start + lead.end(), text[lead.end() :]
        return start, text

    def denied(self, text: str) -> bool:
        """True when ``text`` is on the deny list (ignoring case)."""
        return text.casefold() in {d.casefold() for d in self.deny}


_T = TypeVar("_T")
#: How many texts' protected spans a :class:`Lists` remembers (then it starts again).
_MEMO_TEXTS = 4096
#: How many answers of :meth:`Lists.allowed` a :class:`Lists` remembers (then it starts
#: again).
_MEMO_VALUES = 1 << 16
_WORD_GAP = re.compile(r"[\s,]+")
#: The first word of an organisation's name: "Stichting Welzijn Dalfsen", "Welzijnswerk
#: Borger-Odoorn", "Gemeente Hof van Twente" are no people (a place in them stays).
ORGANISATION_HEAD = re.compile(
    r"^(?:stichting|vereniging|co[öo]peratie|gemeente|provincie|ggd|kbo|pcob|humanitas|"
    r"netwerk|platform|centrum|steunpunt|dorpsraad|dorpshuis|buurthuis|wijkcentrum|"
    r"bibliotheek|rabobank|woonstichting|woningcorporatie|thuiszorg|sociaal|wijkteam|"
    r"buurtteam|zorggroep|vrijwilligers\w*|\w*welzijn\w*|zorg\w*|universiteit|hogeschool|"
    r"huisartsenpraktijk|huisartsen\w*|praktijk|apotheek|ziekenhuis|verpleeghuis|"
    r"woonzorgcentrum|zorgcentrum|kulturhus|koninklijke|kerk|parochie|protestantse|"
    r"katholieke|sv|vv|voetbalvereniging|sportvereniging|fonds|\w*fonds|lectoraat|"
    r"jongerenwerk|ouderenwerk|buurtvereniging|oranjevereniging|dorpsbelang\w*|"
    r"vluchtelingenwerk|voedselbank)$",
    re.IGNORECASE,
)
#: Words that open a sentence and are no part of a name ("Via Anneke Stokkers").
_FUNCTION_WORDS = frozenset(
    "via met en door voor bij naar dan maar ook toen want omdat dus nu daar hier als of "
    "dat die deze wie wat waar hoe samen zoals volgens namens aan op in uit van".split()
)
#: A word that may be part of a name: 3+ word characters, not a number, not a
#: tussenvoegsel.
NAMELIKE = re.compile(r"^(?!\d+$)(?!(?:de|der|den|van|von|het|ter|ten|te)$)\w{3,}")
#: A capitalised tussenvoegsel opening a surname: "Van Dijk", "In 't Veld", "Op de Beek".
_SURNAME_START = re.compile(
    r"(?:Van|De|Den|Der|Ter|Ten|Te|In|Op|Van\s+der|Van\s+den|Van\s+de|In\s+'t|Op\s+de)"
    r"\s+[A-Z][\w'’\-]+$"
)
_LEADING = re.compile(r"(?P<word>\w+)\s+(?=\S)")
#: A preposition in a name hit: no name goes on after "bij", "uit", "voor", ...; after
#: "van" only an allowed or organisation's name is cut off ("Jan van Dijk" stays).
_TRAILING = re.compile(r"\s+(?P<word>van|bij|uit|voor|namens|via)\s+(?P<tail>\S.*)$", re.IGNORECASE)


def is_organisation(text: str) -> bool:
    """True when ``text`` starts with a word that opens an organisation's name.

    >>> is_organisation("Welzijn Hof van Twente"), is_organisation("Anneke Stokkers")
    (True, False)
    """
    first = text.split(maxsplit=1)
    return bool(first) and bool(ORGANISATION_HEAD.match(first[0].strip(".,;:")))


def _fold(text: str) -> str:
    return text.strip(" \t\n.,;:!?()[]\"'").casefold()


@lru_cache(maxsize=1024)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern for all curated phrases, longest first."""
    parts = [
        r"\s+".join(re.escape(w) for w in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    ]
    body = "|".join(parts) or "(?!)"
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", re.IGNORECASE)


#: A run of word characters and hyphens: where a curated phrase may start.
_RUN = re.compile(r"[\w\-]+")


@lru_cache(maxsize=8)
def _phrases_by_first(phrases: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """Per case-folded first word, one pattern for the curated phrases that start with
    it (longest first): a common first word ("de", "het") tries only its own phrases."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        words = phrase.split()
        if words:
            groups.setdefault(words[0].casefold(), []).append(phrase)
    return {first: _phrase_pattern(tuple(group)) for first, group in groups.items()}


@lru_cache(maxsize=8)
def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The first words of the curated phrases, case-folded."""
    return frozenset(p.split()[0].casefold() for p in phrases if p.split())


@lru_cache(maxsize=8)
def _acronyms(phrases: tuple[str, ...]) -> frozenset[str]:
    """The curated phrases written in capitals ("MEE", "KBO"): matched in capitals only."""
    return frozenset(p.casefold() for p in phrases if p.isupper())


@dataclass(frozen=True)
class Policy:
    """What counts as personal data beyond the lists.

    ``dates``: which dates are dates of birth (:class:`.dates.DatePolicy`);
    ``keep_places``: keep municipalities, residences, regions and provinces standing on
    their own (default True; False replaces every place not allowed).

    >>> Policy(dates=DatePolicy(min_years=18)).dates.min_years
    18
    """

    dates: DatePolicy = field(default_factory=DatePolicy)
    keep_places: bool = True


def reference_year(wave: object = None) -> int:
    """The year dates are weighed against: the wave when it is a year, else this year.

    >>> reference_year("2019"), reference_year("t1") >= 2024
    (2019, True)
    """
    text = str(wave or "").strip()
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return int(text)
    import datetime

    return datetime.date.today().year
