"""The words and text patterns the scan looks for around a number, and its limits.

Which words end the search for a noun (units, function words), make a number a year, a
target, money or a negation, join two numbers to a range, hedge a number (``ruim``,
``zo'n``) or end a clause or a sentence.
"""

from __future__ import annotations

import re

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
_CONTEXT = 200  # characters searched on each side for the sentence of a match
