"""The compiled patterns of :mod:`.ages_said` (round 8 of issue 14): the time words and
fillers that may stand between a verb or a subject and an age, what may follow an age
said, and the patterns matched right before or right after a number for each class of
construction (form fields, brackets, verbs, decades, people with "van", ordinals, ages
after a date of birth, echoes and "en ik 63"); :mod:`.ages_said` applies them.
"""

from __future__ import annotations

import re

from .numwords import AGE_WORD

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
_SEX_BEFORE = re.compile(
    r"\([ \t]*(?:(?i:m/v|v/m|geslacht|sekse)[ \t]*:[ \t]*)?(?:[mvMV]|man|vrouw|jongen|meisje)"
    r"[ \t]*[,/][ \t]*$"
)
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
