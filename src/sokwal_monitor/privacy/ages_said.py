"""Ages in forms, lists and conversation (round 8 of issue 14), as classes of
construction; :mod:`.ages` and :mod:`.people` hold the earlier rules and call these:

- **a form field**: "Leeftijd / geslacht: 68 / v", "Leeftijden: 86 en 84", "Lft.: 77",
  "op haar leeftijd... zesennegentig" (not "gemiddelde leeftijd 79": a group);
- **a list of ages**: an age, then "en", ",", "/" or "en niet" and another ("Sem en Jesse,
  15 en 17,", "hij is dus 85 en niet 90", "hij in de viftig, zij zesenveertig"), also
  one crossed out in a typed-out form ("79 [doorgestreept: 78]");
- **brackets with sex or more**: "Nijboer (v, 91)", "Jochem (82, Hanzestraat 9)", "mijn
  moeder (96!!)", "de jongens (7 en 11)", "mijn kinderen (4 en 6)";
- **a verb of becoming, without a subject before it**: "(wordt in januari 82)", "werd op
  8 september negentig!", "ik word er vier-en-negentig in juni", and at the end of a
  clause: "dat ze volgende week 92 wordt", "dat haar man Johan vorige maand
  eenennegentig is geworden", "u zei dat u 88 bent" (not "het aantal werd 80");
- **an age opening its clause, the subject after**: "88 is die.";
- **more subjects and fillers of "is"**: "mevr. is vierentachtig", "Dee is
  ainentachtig", "de oudste is 81" (not "de jongste deelnemer was 23": a group's range),
  "Gerard, de oudste, is
  eenenzestig", "Dirk Jan is toch 74?", "ik ben zelf net zeventig-plus";
- **decades said otherwise**: "boven de tachtig", "Volgend jaar de tachtig", "ze is ien de
  zeuventig" (dialect "ien" and the dialect decades: "viftig", "zeuventig");
- **people with "van" and more between**: "een neef, Harm Pluimers, van een jaar of
  vijfenvijftig", "een tweeling van veertien", "twee kinder van elf en dertien", "mijn
  moeder nog, die van 97";
- **ordinals with dialect possessives**: "op zien zeuventigste";
- **an age after a date of birth**: "negen april negenendertig, dus vieventachtig", "Dus
  reken maar uit: vierentachtig.";
- **an age echoed in the next turn**: "Honderd!", "Vierennegentig! Woont u nog
  zelfstandig?", "Oeps ja 74 dan" (the same value as an age said just before);
- **"en ik 63,"**: a pronoun and a bare age in a chat; **a person noun with the age in
  commas** ("Mijn moeder, 88, woont nog thuis"); **"wij zijn allebei 80"**.

Every check is a compiled pattern matched right before (anchored at the number) or right
after a number that may be an age, so nothing is tried at every position of the text.

>>> from .lists import Hit
>>> text = "Leeftijden: 86 en 84. Het aantal werd 80."
>>> spans = ages_in_context(text, [], [(12, 14), (18, 20), (38, 40)])
>>> [text[s:e] for s, e in spans]  # "84": :func:`list_ages`, after the first
['86']
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .lists import Hit
from .numwords import AGE_WORD, word_number

__all__ = [
    "AGE_TABLE_HEADER",
    "ages_in_context",
    "child_ages",
    "list_ages",
    "plus_ages",
    "verb_and_count_ages",
]

_MONTH = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december)"
)
#: Time words that may stand between a verb or a subject and the age ("volgende week",
#: "op 8 september", "in mei", "vorige maand", "dit jaar").
_TIME = (
    rf"(?:(?:op\s+)?\d{{1,2}}\s+{_MONTH}|(?:in|begin|eind|half)\s+{_MONTH}|{_MONTH}|"
    r"(?:volgend|vorig|komend|afgelopen)e?\s+(?:week|maand|jaar|zomer|winter)|"
    r"(?:dit|deze)\s+(?:week|maand|jaar|zomer|winter|najaar|voorjaar)|"
    r"(?:vandaag|morgen|gisteren|straks|binnenkort|eindelijk|al|nu|net|pas|bijna|toen|"
    r"inmiddels|dus|ook|toch|zelf|zölf|nog|zeker|er))"
)
_FILLER = rf"(?:{_TIME}\s+){{0,4}}"
#: What may follow an age said: punctuation, the end, a particle, a time phrase.
_TAIL = re.compile(
    r"(?:\s*jaar(?:\s+(?:oud|jong))?)?(?=\s*(?:[,.;:!?)\]\"”'’]|$|\n|en\s|of\s+zo\b|ofzo\b|"
    r"geloof\b|denk\b|hoor\b|haha\b|h[eè]\b|toch\b|dus\b|zoals\b|as\s|als\s|"
    rf"(?:in|op|begin|eind)\s+(?:\d{{1,2}}\s+)?{_MONTH}\b|"
    r"(?:volgend|komend)e?\s+(?:week|maand|jaar)\b|dit\s+jaar\b|deze\s+(?:week|maand)\b))",
    re.IGNORECASE,
)
#: After a number that is no age: a unit, a count's noun, a range or a decimal.
_NOT_AGE_AFTER = re.compile(
    r"[ \t]*(?:procent|%|euro|€|uur|keer|kilo|kg|km|cm|meter|minuten|weken|dagen|maanden|"
    r"jaren|personen|mensen|deelnemers|leden|kinderen|kleinkinderen|huizen|stuks|"
    r"(?!zoals\b)(?=\w{4,})\w+(?:en|s)\b)|[\-–][ \t]?\d|[.,:]\d",
    re.IGNORECASE,
)

# -- form fields -----------------------------------------------------------------------
_LABEL_BEFORE = re.compile(
    r"(?<![\w\-])(?i:leeftijd(?:en)?|lft|lftd)\.?(?:[ \t]*/[ \t]*\w+)*"
    r"(?:[ \t]+(?!(?i:doelgroep|groep|gemiddeld\w*|range|categorie|grens|minimum|maximum|"
    r"van|tot|vanaf)\b)[a-zà-ÿ]\w*(?:[ \t]+\d)?[ \t]*(?=:))?[ \t]*"
    r"(?:[:=]|\.\.\.|…)?[ \t]*$"
)
#: Before it, a group's age: "gemiddelde leeftijd", "minimum leeftijd".
_GROUP_LABEL = re.compile(
    r"(?i:gemiddeld\w*|minimum|maximum|minimale|maximale|vanaf\s+de|doel|de)\s+$"
)

# -- brackets ----------------------------------------------------------------------------
#: "(v, 91)", "(m/82)", "(man, 78)": sex, then the age.
_SEX_BEFORE = re.compile(r"\([ \t]*(?:[mvMV]|man|vrouw|jongen|meisje)[ \t]*[,/][ \t]*$")
_PAREN_CLOSE = re.compile(r"[ \t]*[!?]*[ \t]*\)")
#: "(82, Hanzestraat 9)", "(96!!)": an age opening a bracket after a person.
_PAREN_OPEN = re.compile(r"[ \t]*\([ \t]*$")
_PAREN_REST = re.compile(
    r"[ \t]*(?:[!?]*[ \t]*\)|,[^()\n]{1,50}\)|(?:en|,|/)[ \t]*\S{1,16}[ \t]*\))"
)
#: Singular and plural nouns of people an age may be said of.
_PEOPLE = (
    r"(?:man|vrouw|moeder|vader|zoon(?:tje)?|dochter(?:tje)?|broer(?:tje)?|zus(?:je)?|"
    r"kind(?:je)?|kinderen|kinder|kids|jongens|meiden|meisjes|zonen|dochters|broers|zussen|"
    r"kleinzoon|kleindochter|kleinkind(?:eren)?|kleinzeune|neef(?:je)?|nicht(?:je)?|oma|opa|"
    r"opoe|tante|oom|buurman|buurvrouw|jongen|meisje|heer|dame|meneer|mevrouw|weduwe|"
    r"weduwnaar|tweeling|puber|tiener|baby|partner|echtgeno(?:o|t)e?|schoon(?:moeder|vader)|"
    r"mam|pap|moder|vaar|moo|buurvrouw|buurjongen|buurmeisje|vriend(?:in)?|maatje|leerling|"
    r"stiefzoon|stiefdochter|pleegkind(?:eren)?|deelnemer|vrijwilliger|bewoner|bewoonster)"
)
_PERSON_PAREN_BEFORE = re.compile(
    rf"(?<![\w\-])(?i:{_PEOPLE})(?:[ \t]+[A-Z][\w'’\-]+){{0,2}}[ \t]*\([ \t]*$"
)

# -- verbs -------------------------------------------------------------------------------
#: "wordt in januari", "werd op 8 september", "word er": a verb of becoming before it.
_BECOMING_BEFORE = re.compile(
    rf"(?<![\w\-])(?i:wordt|werd|word|wor|wör|woar|worden)\s+{_FILLER}$", re.IGNORECASE
)
#: A count or a measure before the verb: then it is no one's age.
_COUNT_BEFORE = re.compile(
    r"(?i:aantal|totaal|teller|score|cijfer|stand|temperatuur|prijs|bedrag|getal|uitslag|"
    r"percentage|groep|klas|opkomst|omzet|budget|rente|tarief)\b[^.!?\n]{0,40}$"
)
#: "het wordt 12", "dat werd 3": a thing's number, no one's age.
_IT_BEFORE = re.compile(r"(?<![\w\-])(?i:het|dat|dit|wat|alles)\s+$")
#: A verb at the end of the clause, after the age: "92 wordt", "88 bent", "eenennegentig
#: is geworden".
_VERB_AFTER = re.compile(
    r"(?:\s+jaar)?\s+(?:(?:(?:is|zal|gaat|was)\s+)?(?:wordt|werd|word|geworden|worden|bent|ben)"
    r"(?![\w\-])|(?:is|was)(?![\w\-])(?=\s*[,.;:!?)]|\s+(?:en|maar|dus|toch|hoor)\b|$))"
)
#: Before a verb at the clause's end: a pronoun and time words ("dat ze volgende week").
_PRONOUN_FILLED = re.compile(
    rf"(?<![\w\-])(?i:ik|u|hij|zij|ze|je|jij|die|dee|zee|hee)\s+{_FILLER}$"
)
_FILLED = re.compile(rf"\s*,?\s*{_FILLER}")
#: The subject after the age: "88 is die.", "tachtig is hij nu".
_SUBJECT_AFTER = re.compile(
    r"(?:\s+jaar)?\s+(?:is|was|wordt|werd|bin)\s+(?:die|hij|zij|ze|ie|dee|zee|hee)"
    r"(?:\s+(?:nu|al|inmiddels|dus|toch|ook|geworden))?\s*(?:[.!?,;]|$)"
)
_CLAUSE_START = re.compile(r"(?:^|[.!?:;,]\s*|\n\s*|(?:\w+:|\]|>)[ \t]*)$")
#: More subjects of "is": abbreviated titles, dialect pronouns, "de oudste (deelnemer)", a
#: name with "de oudste" in apposition; more fillers: "toch", "zelf", "er".
_SUBJECT_VERB_BEFORE = re.compile(
    r"(?:(?<![\w\-])(?:[Mm]evr|[Mm]w|[Dd]hr|[Hh]r)\.?|(?<![\w\-])(?i:dee|zee|hee|den|ik|hij|"
    r"zij|ze|u|die|meneer|mevrouw)"
    r"|(?<![\w\-])(?i:de|onze|hun|deze|die)\s+(?:oudste|jongste))"
    rf"\s+(?i:is|was|wordt|werd|word|ben|bent|bin|bint|wör)\s+{_FILLER}$"
)
#: After a name found: "is" with fillers, or "de oudste" in apposition first ("Gerard,
#: de oudste, is", "Dirk Jan is toch").
_NAME_VERB = re.compile(
    r"(?:,\s+(?:de|het|onze|mijn)\s+\w+(?:\s+\w+)?,)?"
    rf"\s+(?i:is|was|wordt|werd|word|bin|wör)\s+{_FILLER}"
)
#: "De club wordt", "het aantal werd": a thing as the subject of a verb of becoming.
_THING_BEFORE = re.compile(r"(?<![\w\-])(?i:de|het|een|onze|deze|die|dit)\s+(?P<noun>\w+)\s+$")

# -- decades, people with "van", ordinals ------------------------------------------------
_DECADES = frozenset(
    "twintig dertig veertig vijftig zestig zeventig tachtig negentig zeuventig vieftig "
    "viftig dartig".split()
)
_DECADE_BEFORE = re.compile(
    r"(?<![\w\-])(?:(?i:van|is|was|ben|bent|bin|zelf|al|nu|inmiddels|ook)\s+"
    r"(?i:ruim\s+)?(?i:boven|over|voorbij|richting|ien)\s+de"
    r"|(?i:volgend\w*\s+jaar|straks|bijna|binnenkort|haast)\s+de"
    r"|(?i:is|zijn|was|bin|bint|ook|al)\s+(?i:in|ien)\s+de)\s+$"
)
_DECADE_NOT_AFTER = re.compile(
    r"[ \t]*(?:procent|%|euro|jaren|kilometer|km|mensen|deelnemers|\w+ers\b|"
    r"(?=\w{4,})\w+(?:en|s)\b)",
    re.IGNORECASE,
)
_PERSON_VAN_BEFORE = re.compile(
    rf"(?<![\w\-]){_PEOPLE}(?:,?\s+[A-Z][\w'’\-]+){{0,3}},?\s+van\s+"
    r"(?:(?i:een\s+jaar\s+of|ongeveer|rond\s+de|circa|bijna|ruim|pas|net|al)\s+)?$",
    re.IGNORECASE,
)
_DIE_VAN_BEFORE = re.compile(r"(?<![\w\-])(?i:die|dee)\s+van\s+$")
_PEOPLE_WORD = re.compile(rf"{_PEOPLE}|oudste|jongste", re.IGNORECASE)
_PEOPLE_NEAR = re.compile(rf"(?<![\w\-]){_PEOPLE}(?![\w\-])", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(
    r"(?<![\w\-])(?i:op|tot|vanaf|sinds|na|rond|voor|met|tegen|bij)\s+"
    r"(?i:zien|heur|mien|eur|ziejn|hun)\s+$"
)

# -- after a date of birth, echoes, "en ik 63" -------------------------------------------
_SO_BEFORE = re.compile(
    r"(?:(?<![\w\-])(?i:dus|dan\s+ben\s+ik|dat\s+maakt)|(?i:reken\s+(?:maar\s+)?uit)\s*:?)"
    r"\s+(?:(?i:nu|al|inmiddels)\s+)?$"
)
_ECHO_BEFORE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|(?:\w+:|\]|>)[ \t]*|(?<![\w\-])(?i:ja|nee|dus|toch|oeps\s+ja|o)\s+)$"
)
_ECHO_AFTER = re.compile(r"\s*(?:[!?]|\.(?!\d)|,?\s*(?i:dan|toch|hè|he|hoor|ja)\b)")
#: "Mijn moeder, 88, woont nog thuis": a person noun, then the age in commas.
_NOUN_APPOSITION = re.compile(
    rf"(?<![\w\-])(?i:mijn|m'n|zijn|z'n|haar|onze|ons|hun|uw|de|een|die)\s+(?i:{_PEOPLE})"
    r"[ \t]*,[ \t]*$"
)
_APPOSITION_END = re.compile(r"(?:[ \t]*jaar)?[ \t]*,")
#: "Wij zijn allebei 80", "ze zijn beiden in de tachtig".
_BOTH_BEFORE = re.compile(
    r"(?<![\w\-])(?i:wij|we|zij|ze|jullie)\s+(?i:zijn|waren|worden|werden)\s+"
    r"(?i:allebei|beiden|beide|allebeide|allebei\s+al|beiden\s+al)\s+$"
)
_I_BEFORE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|(?:\w+:|\]|>)[ \t]*|(?<![\w\-])(?i:en))\s*(?i:ik|u)\s+$"
)
_I_AFTER = re.compile(r"(?:\s+jaar)?\s*[,.;!?]")
_AFTER_NAME_LOOSE = re.compile(
    rf",\s*(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))\s+(?i:of\s+zo|ofzo|geloof\s+ik|denk\s+ik|"
    r"ongeveer|schat\s+ik)\b"
    r"|,\s*[\"“'‘]?(?i:een\s+jaar\s+of|ongeveer|rond\s+de|in\s+de|begin|eind)\s+"
    rf"(?P<about>\d{{1,3}}|(?i:{AGE_WORD}))[\"”'’]?(?=\s*[,);.]|\s+(?:jaar|en)\b)"
)


def ages_in_context(
    text: str, hits: list[Hit], candidates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the ages of the module docstring's classes among ``candidates`` (the
    numbers of ``text`` that may be ages: digits up to 120, age words); ``hits`` are the
    personal data found so far (names and dates of birth give context).

    >>> text = "Dirk Jan is toch 74? Hij werd op 8 september negentig!"
    >>> at = text.index("negentig")
    >>> name = Hit(0, 8, "PERSOON", "Dirk Jan")
    >>> [text[s:e] for s, e in ages_in_context(text, [name], [(17, 19), (at, at + 8)])]
    ['74', 'negentig']
    """
    spans: list[tuple[int, int]] = []
    ages = [h for h in hits if h.category == "LEEFTIJD"]
    births = sorted(h.end for h in hits if h.category == "GEBOORTEDATUM")
    names = sorted((h for h in hits if h.category == "PERSOON"), key=lambda h: h.end)
    name_ends = [h.end for h in names]
    # every check is gated by a plain test of the few characters around the number, so
    # most numbers (counts, times, amounts) cost a slice and a few "in" tests
    for start, end in candidates:
        word = text[start:end]
        if word.isdigit() and len(word) == 1 and not _small_ok(text, start):
            continue
        lo40, lo80 = max(0, start - 40), max(0, start - 80)
        near = text[lo40:start]
        if _ordinal(word):
            if _ORDINAL_BEFORE.search(text, lo40, start):
                spans.append((start, end))
            continue
        if _NOT_AGE_AFTER.match(text, end):
            continue
        tail = _TAIL.match(text, end)
        if "eeftijd" in near or "EEFTIJD" in near or "ft" in near or "FT" in near:
            label = _LABEL_BEFORE.search(text, lo40, start)
            if label is not None and not _GROUP_LABEL.search(text, lo40, label.start()):
                spans.append((start, end))
                continue
        if "(" in near[-12:] and _paren_age(text, start, end, near, names, name_ends):
            spans.append((start, end))
            continue
        if tail and _BECOMING_NEAR.search(text, lo80, start):
            verb = _BECOMING_BEFORE.search(text, lo80, start)
            if verb is not None and not _thing_becomes(text, verb.start()):
                spans.append((start, end))
                continue
        verb_end = _VERB_AFTER.match(text, end)
        if verb_end is not None:
            is_you = verb_end.group().rstrip().endswith(("bent", "ben"))
            cue = _PRONOUN_FILLED.search(text, lo80, start)
            named = not is_you and any(
                _FILLED.fullmatch(text, h.end, start)
                for h in _ending(names, name_ends, lo80, start)
            )
            if (cue or named) and not _COUNT_BEFORE.search(text, lo40, start):
                spans.append((start, end))
                continue
        if _SUBJECT_AFTER.match(text, end) and _CLAUSE_START.search(text, lo40, start):
            spans.append((start, end))
            continue
        if (
            tail
            and _VERB_WORD.search(text, lo80, start)
            and (
                _SUBJECT_VERB_BEFORE.search(text, lo80, start)
                or any(
                    _NAME_VERB.fullmatch(text, h.end, start)
                    for h in _ending(names, name_ends, start - 60, start)
                )
            )
        ):
            spans.append((start, end))
            continue
        if (
            word.casefold() in _DECADES
            and " de " in near
            and _DECADE_BEFORE.search(text, lo40, start)
            and not _DECADE_NOT_AFTER.match(text, end)
        ):
            spans.append((start, end))
            continue
        if tail and "van" in near and _person_van(text, start):
            spans.append((start, end))
            continue
        if (
            tail
            and births
            and _ending_within(births, start - 250, start)
            and _SO_BEFORE.search(text, lo40, start)
        ):
            spans.append((start, end))
            continue
        if (
            near.rstrip().endswith(",")
            and _NOUN_APPOSITION.search(text, lo40, start)
            and _APPOSITION_END.match(text, end)
        ):
            spans.append((start, end))
            continue
        if (
            tail
            and ("beid" in near or "allebei" in near)
            and _BOTH_BEFORE.search(text, lo40, start)
        ):
            spans.append((start, end))
            continue
        if _I_AFTER.match(text, end) and _I_BEFORE.search(text, max(0, start - 12), start):
            spans.append((start, end))
            continue
        if _ECHO_AFTER.match(text, end) and _ECHO_BEFORE.search(text, max(0, start - 20), start):
            value = _value(word)
            said = [(a.end, a.text) for a in ages] + [(e, text[s:e]) for s, e in spans]
            if any(0 < start - e <= 500 and _value(t) == value for e, t in said):
                spans.append((start, end))
                continue
    for h in names:
        loose = _AFTER_NAME_LOOSE.match(text, h.end, min(len(text), h.end + 40))
        if loose:
            spans.append(loose.span("age" if loose.group("age") else "about"))
    return spans


_VERB_WORD = re.compile(r"\b(?:is|was|wordt|werd|word|ben|bent|bin|bint|wör)\b", re.IGNORECASE)
_BECOMING_NEAR = re.compile(r"wor|wer|wör|woar|WOR|WER|Wor|Wer")


def _ending(names: list[Hit], ends: list[int], lo: int, hi: int) -> list[Hit]:
    """The names in ``names`` (sorted by end) that end in ``[lo, hi)``."""
    return names[bisect_left(ends, lo) : bisect_left(ends, hi)]


def _ending_within(ends: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted ``ends`` holds a value in ``[lo, hi]``."""
    i = bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


def _paren_age(
    text: str, start: int, end: int, near: str, names: list[Hit], ends: list[int]
) -> bool:
    """An age in brackets: with sex ("(v, 91)"), or opening a bracket after a person
    ("Jochem (82, Hanzestraat 9)", "mijn moeder (96!!)", "dochter Fenna (5)")."""
    lo = max(0, start - 40)
    if _SEX_BEFORE.search(text, max(0, start - 12), start) and _PAREN_CLOSE.match(text, end):
        return True
    if not (_PAREN_OPEN.search(text, max(0, start - 4), start) and _PAREN_REST.match(text, end)):
        return False
    bracket = text.rfind("(", lo, start)
    return bool(_PERSON_PAREN_BEFORE.search(text, lo, start)) or bool(
        _ending(names, ends, bracket - 2, bracket + 1)
    )


def _thing_becomes(text: str, verb: int) -> bool:
    """Whether the subject before a verb of becoming at ``verb`` is a count or a thing
    ("het aantal werd", "de club wordt", "het wordt")."""
    thing = _THING_BEFORE.search(text, max(0, verb - 30), verb)
    return bool(
        _COUNT_BEFORE.search(text, max(0, verb - 50), verb)
        or _IT_BEFORE.search(text, max(0, verb - 8), verb)
        or (thing and not _PEOPLE_WORD.fullmatch(thing.group("noun")))
    )


def _person_van(text: str, start: int) -> bool:
    """A person noun with "van" before the age ("een tweeling van veertien"), or "die
    van" after a person noun ("mijn moeder nog, die van 97")."""
    if _PERSON_VAN_BEFORE.search(text, max(0, start - 90), start):
        return True
    return bool(_DIE_VAN_BEFORE.search(text, max(0, start - 12), start)) and bool(
        _PEOPLE_NEAR.search(text, max(0, start - 70), max(0, start - 8))
    )


def _ordinal(word: str) -> bool:
    """ "78e", "16de", "tachtigste": an ordinal number."""
    folded = word.casefold()
    return folded.endswith("ste") or (
        folded.rstrip("de").isdigit() and folded[-1] in "de" and not folded.isdigit()
    )


def plus_ages(text: str) -> list[tuple[int, int]]:
    """ "ik ben zelf net zeventig-plus", "hij is 80+": an age with "plus" said of one
    person (not "de 75-plussers").

    >>> text = "Ik ben zelf net zeventig-plus, haha. De 75-plussers komen."
    >>> [text[s:e] for s, e in plus_ages(text)]
    ['zeventig-plus']
    """
    spans = []
    for at in _PLUS_AT.finditer(text):
        m = _PLUS_SAID.search(text, max(0, at.start() - 70), at.end())
        if m is not None and m.end("age") == at.end() and _TAIL.match(text, at.end()):
            spans.append(m.span("age"))
    return spans


_PLUS_AT = re.compile(r"(?<=[\w\- ])(?:plus|\+)(?![\w\-])")
_PLUS_SAID = re.compile(
    r"(?<![\w\-])(?i:ik\s+ben|ik\s+bin|hij\s+is|zij\s+is|ze\s+is|die\s+is|u\s+bent|"
    r"meneer\s+is|mevrouw\s+is)\s+"
    rf"{_FILLER}(?P<age>(?:\d{{1,3}}|(?i:{AGE_WORD}))[\- ]?(?:plus|\+))"
)


def _small_ok(text: str, start: int) -> bool:
    """A one-digit number may be an age only in a bracket or a list of ages."""
    return text[max(0, start - 3) : start].rstrip().endswith(("(", ",", "en", "/"))


#: After an age: another one in a list ("15 en 17", "85 en niet 90", ", zij zesenveertig").
_NEXT_IN_LIST = re.compile(
    r"(?:\s*jaar)?(?:\s*(?:,|/|&)\s*(?:en\s+)?|\s+(?:en|of)\s+(?:niet\s+)?"
    r"|\s*\[(?i:doorgestreept|doorgehaald|verbeterd)\s*:\s*)"
    r"(?:(?i:hij|zij|ze|meneer|mevrouw)\s+)?"
    rf"(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?![\w\-])"
    r"(?![ \t]*(?:procent|%|euro|uur|keer|kilo|km|jaar\s+geleden|"
    r"(?!zoals\b)(?=\w{4,})\w+(?:en|s)\b)"
    r"|[.,:]\d|[\-–]\d)"
    r"(?=\s*(?:jaar\b|[,.;:!?)\]]|$|\n|zoals\b|en\b|of\s+zo\b|met\b|wonen\b))"
)


def list_ages(text: str, ages: list[Hit]) -> list[Hit]:
    """The ages that follow an age in a list, repeated until none is added: "Sem en
    Jesse Nijhof, 15 en 17,", "Leeftijden: 86 en 84", "(7 en 11)".

    >>> from .lists import Hit
    >>> text = "Leeftijden: 86 en 84, hij is dus 85 en niet 90 zoals hij zegt."
    >>> said = [Hit(12, 14, "LEEFTIJD", "86"), Hit(33, 35, "LEEFTIJD", "85")]
    >>> [h.text for h in list_ages(text, said)]
    ['84', '90']
    """
    out: list[Hit] = []
    todo = list(ages)
    seen = {h.start for h in ages}
    while todo:
        hit = todo.pop()
        m = _NEXT_IN_LIST.match(text, hit.end, min(len(text), hit.end + 30))
        if m is None or m.start("age") in seen:
            continue
        value = _value(m.group("age"))
        if value is None or not 0 < value <= 120:
            continue
        new = Hit(m.start("age"), m.end("age"), "LEEFTIJD", m.group("age"))
        seen.add(new.start)
        out.append(new)
        todo.append(new)
    return sorted(out, key=lambda h: h.start)


def _value(text: str) -> int | None:
    """The number an age is written as: "88", "78e", "tachtigste", "vier-en-negentig"."""
    digits = text.rstrip("estd")
    if digits.isdigit():
        return int(digits)
    return word_number(text.removesuffix("ste") if text.endswith("tigste") else text)


#: A table's header cell that names an age column ("Lft.", "Leeftijd", "Age", "Jr").
AGE_TABLE_HEADER = re.compile(r"(?i:lft\.?|lftd\.?|leeftijd|age|jr\.?|jaar)")


# -- round 9: ages by the verb, the count, the approach, the possessive and the child ---

#: A milestone reached or passed after "de": "hij heeft de 84 gehaald", "ik ben de
#: tachtig al gepasseerd" (not "de 84 punten gehaald": the verb right after the number).
_MILESTONE_AFTER = re.compile(
    r"(?:\s+jaar)?\s+(?:(?:al|ook|nog|niet|net|bijna|toch|mooi)\s+){0,2}"
    r"(?:gehaald|halen|haalt|haal|haalde|gepasseerd|passeert|voorbij|aangetikt|bereikt)\b",
    re.IGNORECASE,
)
_DE_BEFORE = re.compile(r"(?<![\w\-])(?i:de)\s+$")
#: An age counted in springs or years: "ze telt 84 lentes", "hij telt tachtig jaren".
_SEASONS_AFTER = re.compile(r"\s+(?:lentes|zomers|levensjaren)\b", re.IGNORECASE)
_COUNTS_BEFORE = re.compile(
    r"(?<![\w\-])(?i:telt|telde|tel|tellen)\s+(?:(?i:al|nu|ruim|bijna|inmiddels)\s+)?$"
)
_YEARS_AFTER = re.compile(r"\s+(?:jaren|jaar)(?=\s*(?:[,.;!?]|$|oud\b|jong\b))", re.IGNORECASE)
#: Approaching an age: "ik loop tegen de 84", "Gerrit gaat richting de negentig"; the
#: subject a pronoun or a name ("het aantal loopt tegen de 80" stays).
_TOWARD_BEFORE = re.compile(
    r"(?<![\w\-])(?P<who>[\w'’]+)\s+(?i:loop|loopt|liep|ga|gaat|ging|zit|zat|is|ben|bent|was)\s+"
    r"(?:(?i:al|nu|inmiddels|hard|flink|aardig|ook)\s+){0,2}(?i:tegen|richting)\s+de\s+$"
)
_PRONOUNS = frozenset("ik hij zij ze u jij je die we wij oma opa".split())
#: With one's own age: "met mijn vierentachtig jaar ben ik de oudste", "op zijn 84 jaar".
_OWN_BEFORE = re.compile(r"(?<![\w\-])(?i:met|op)\s+(?i:mijn|m'n|zijn|z'n|haar|d'r|je|jouw|uw)\s+$")
_OWN_AFTER = re.compile(
    r"\s+(?:jaar|jaren|jaartjes)\b(?!\s+(?:ervaring|werkervaring|dienst|lid))", re.IGNORECASE
)
#: "de leeftijd van vierentachtig jaar bereikt" (not a group's "gemiddelde leeftijd van
#: 78", nor a range "leeftijd van 18 tot 25").
_AGE_OF_BEFORE = re.compile(r"(?<![\w\-])(?i:leeftijd)\s+van\s+(?:(?i:bijna|ruim|pas|net|al)\s+)?$")
_RANGE_AFTER = re.compile(r"\s*(?:jaar\s*)?(?:-|–|tot\b|t/m\b|en\s+ouder|en\s+jonger)", re.I)
#: An age corrected right after it: "ik ben 84, nee 86", "zesentachtig... sorry, zevenentachtig".
_CORRECTED = re.compile(
    r"(?:\s*jaar)?[\s,.…!]*(?i:nee|sorry|of\s+nee|nee\s+wacht|ik\s+bedoel)[\s,.…!]+"
    r"(?:(?i:ik\s+bedoel|al|toch)\s+)?"
    rf"(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?![\w\-])(?!\s*(?:procent|%|euro|keer|uur|kilo|km))"
)


def verb_and_count_ages(
    text: str, candidates: list[tuple[int, int]], ages: list[Hit]
) -> list[tuple[int, int]]:
    """Spans of ages said with a milestone verb, counted in years or springs, approached
    ("tegen de"), with a possessive ("met mijn ... jaar"), after "leeftijd van", or
    corrected right after another age (round 9; gated by plain tests around each number).

    >>> text = "Hij heeft de 84 gehaald. Het aantal loopt tegen de 80."
    >>> [text[s:e] for s, e in verb_and_count_ages(text, [(13, 15), (51, 53)], [])]
    ['84']
    """
    spans: list[tuple[int, int]] = []
    for start, end in candidates:
        near = text[max(0, start - 40) : start]
        tail = text[end : end + 30]
        milestone = near.endswith(("de ", "De ")) and _MILESTONE_AFTER.match(text, end)
        counted = _SEASONS_AFTER.match(text, end) or (
            "tel" in near and _COUNTS_BEFORE.search(near) and _YEARS_AFTER.match(text, end)
        )
        if milestone or counted:
            spans.append((start, end))
        elif "de " in near[-4:] and ("tegen" in near or "richting" in near):
            toward = _TOWARD_BEFORE.search(near)
            if toward and toward.group("who").casefold() in _PRONOUNS:
                spans.append((start, end))
        elif ("met" in near[-16:].lower() or "op" in near[-16:].lower()) and _OWN_BEFORE.search(
            near
        ):
            if _OWN_AFTER.match(text, end) or tail[:1] in (",", "."):
                spans.append((start, end))
        elif (
            "eeftijd" in near
            and _AGE_OF_BEFORE.search(near)
            and "gemiddeld" not in near
            and not _RANGE_AFTER.match(text, end)
        ):
            spans.append((start, end))
    for hit in ages:
        again = _CORRECTED.match(text, hit.end, min(len(text), hit.end + 40))
        if again:
            spans.append(again.span("age"))
    return spans


#: A child's age in a small number word, where a child's age is clearly said: a child
#: noun or a pronoun with "is/wordt" at the end of the sentence ("mijn kleinzoon is
#: zeven.", "hij wordt in juni zeven."), a name with the age in brackets or between
#: commas ("Daan (zeven)", "Daan, zeven, zit op voetbal").
_SMALL_WORD = re.compile(r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen)(?![\w\-])")
_CHILD_COPULA_BEFORE = re.compile(
    r"(?<![\w\-])(?i:kleinzoon|kleindochter|kleinkind|zoon|zoontje|dochter|dochtertje|jongste|"
    r"oudste|broertje|zusje|neefje|nichtje|kind|kindje|jongen|meisje|ze|zij|hij)\s+"
    r"(?i:is|was|wordt|werd)\s+(?:(?i:nu|pas|net|al|bijna|in|op|volgende?|deze|dit|"
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|week|maand|zomer|winter)\s+){0,3}$"
)
_CLAUSE_END = re.compile(r"(?:\s+jaar(?:\s+oud)?)?\s*(?:[.!?;]|,\s|$)")
_NAME_OPEN = re.compile(r"(?<![\w\-])(?P<name>(?-i:[A-Z])[\w'’\-]+)\s*(?P<open>\(|,)\s*$")
_CLOSE = re.compile(r"(?:\s+jaar)?\s*(?:\)|,)")
#: Plural children with two ages: "de kinderen zijn 7 en 11", "de jongens zijn zes en negen".
_CHILDREN_TWO = re.compile(
    r"(?<![\w\-])(?i:kinderen|kleinkinderen|jongens|meiden|meisjes|tweeling|zonen|dochters|"
    r"kids|kinders|kinder)\s+(?i:zijn|waren|worden|werden)\s+(?:(?i:nu|pas|al)\s+)?"
    r"(?P<a>\d{1,2}|(?i:[a-zë\-]+))\s*(?:,\s*|\s+(?i:en)\s+)(?P<b>\d{1,2}|(?i:[a-zë\-]+))"
    r"(?=(?:\s+jaar(?:\s+oud)?)?\s*(?:[.!?;,]|$))"
)


def child_ages(text: str, is_name: object = None) -> list[tuple[int, int]]:
    """Spans of children's ages said as small number words (see :data:`_SMALL_WORD`)
    and of two ages after plural children; ``is_name(word)`` says whether a capitalised
    word may be a name (default: any).

    >>> text = "Mijn kleinzoon is zeven. Het is zeven uur. De kinderen zijn 7 en 11."
    >>> [text[s:e] for s, e in child_ages(text)]
    ['zeven', '7', '11']
    """
    spans: list[tuple[int, int]] = []
    check = is_name if callable(is_name) else (lambda word: True)
    for m in _SMALL_WORD.finditer(text):  # lower case: said mid-sentence, a literal scan
        start, end = m.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "-"):
            continue  # "vierentwintig", "achtste": part of a longer word
        if text[end : end + 1] not in (".", "!", "?", ";", ",", ")", " ", "\n", ""):
            continue
        near = text[max(0, start - 60) : start]
        if _CHILD_COPULA_BEFORE.search(near) and _CLAUSE_END.match(text, end):
            spans.append((start, end))
            continue
        name = _NAME_OPEN.search(near[-30:])
        if name and _CLOSE.match(text, end) and check(name.group("name")):
            closing = _CLOSE.match(text, end)
            if (name.group("open") == "(") == (closing is not None and ")" in closing.group()):
                spans.append((start, end))
    if "zijn" in text or "waren" in text or "worden" in text or "werden" in text:
        for m in _CHILDREN_TWO.finditer(text):
            for group in ("a", "b"):
                value = m.group(group)
                number = int(value) if value.isdigit() else word_number(value)
                if number is not None and 0 < number <= 25:
                    spans.append(m.span(group))
    return spans
