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
  deelnemers`` give a row for each number. A Word or HTML table whose cells became
  paragraphs of their own is read row by row (:mod:`.cells`).
* Not counted: years (1900-2100 unless a lower-case noun follows right away and no
  ``in``, ``sinds``, ... precedes), percentages (``40%``, ``40 procent``), money (``€
  18.500``, ``zes euro``), times (``12.00 uur``), dates, phone numbers, ages and
  durations (``87 jaar``, ``twee keer per week``), opening hours (``vijf ochtenden per
  week``), targets and hopes (a number in a clause with ``doel``, ``verwachting``,
  ``hopen``, ``willen``, ...), negated numbers (``niet met twee mensen``) and, outside
  tables, the value 1 (``één deelnemer vertelde``, ``één of twee mensen``: not reach).
* Not found: numbers of a table a PDF gives column by column (all labels, then all
  numbers), a noun that only the question names (``Hoeveel deelnemers? Achttien.``) and
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

from .numbers import parse_number
from .scan import HEDGED, IndicatorMatch, indicators_in_text
from .table import INDICATOR_COLUMNS, OVERVIEW_COLUMNS, find_indicators, indicator_overview
from .vocabulary import INDICATORS

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
