"""Ages in the ways people say them, as classes of construction rather than strings
(fourth round of issue 14; :mod:`.people` holds the earlier rules):

- **a person noun with "van"**: "haar moeder van 88", "zijn zoon van twaalf", "broertje
  Ayoub van negen", "een kind van vier" (not "moeder van 3 kinderen", "een groep van 12");
- **a copula with time words between**: "ik word in mei eenentachtig", "hij was toen
  drieëntachtig", "opoe werd op 2 mei 99!", "ik ben 91 hoor" (a particle may follow);
- **decades**: "van in de tachtig", "begin tachtig", "eind zeventig", "midden in de
  negentig", "tegen de negentig." (not "de jaren tachtig", "in de tachtig procent");
- **an ordinal age**: "op haar 78e", "op zijn tachtigste";
- **a name or pronoun with an age in apposition**: "Pieter, 27, student", "Yasmina El
  Idrissi, zestien, ...", "de heer Oosterhof, zelf 72,", "Dina, (81)", "Hij (88) is
  blind", "hij 86, zij 83";
- **the answer to "hoe oud"**: "Hoe oud bent u? - Eenenzeventig." in the next turn,
  "dus dan bent u nu" - "vijfentachtig ja";
- **an age group said of one person**: "een vijftiger", "een zeventiger uit Heeten" (not
  "de tachtigers", "de jaren zestig");
- **"-jarige"**: "de 94-jarige mevrouw Brinkhuis", "de negenentachtigjarige Bertus" (not
  "het 25-jarig jubileum", "een 10-jarige samenwerking");
- **a capitalised name with an age in brackets**: "Semhar (14)", "Filmon (12)" (not
  "Deelnemers (84)", "Lochem (12)": Dutch words and places);
- **an age restated or said bare in an introduction**: "begin negentig, 91 om precies te
  zijn", "Herman Bos, uit Mariënheem. Zestig, net.", "Ik ben de oudste hier, 89.".

Every pattern is compiled once; the text is scanned a few times with compiled
expressions, and the Python per match is a set lookup or two.

>>> [h.text for h in more_ages("Haar moeder van 88 woont in Goor, met 84 deelnemers.", [])]
['88']
>>> [h.text for h in more_ages("Ik word in mei eenentachtig. Het was in 84 procent.", [])]
['eenentachtig']
"""

from __future__ import annotations

import re
from typing import Any

from .ages_said import (
    AGE_TABLE_HEADER,
    ages_in_context,
    child_ages,
    list_ages,
    plus_ages,
    verb_and_count_ages,
)
from .lists import Hit
from .name_lists import is_word
from .numbers import table_column
from .numwords import AGE_WORD, SMALL_AGE_WORD, age_word_spans, word_number
from .places import is_place

__all__ = ["is_event_age", "more_ages"]

#: Someone an age is said of: relatives, neighbours, people by sex, age or role (singular).
_PERSON = (
    r"(?:man|vrouw|moeder|vader|zoon(?:tje)?|dochter(?:tje)?|broer(?:tje)?|zus(?:je)?|"
    r"kind(?:je)?|kleinzoon|kleindochter|kleinkind|neef(?:je)?|nicht(?:je)?|oma|opa|opoe|"
    r"tante|oom|buurman|buurvrouw|buurjongen|buurmeisje|jongen|meisje|jongeman|jonge\s+vrouw|"
    r"heer|dame|meneer|mevrouw|weduwe|weduwnaar|pati[eë]nte?|cli[eë]nte?|bewoner|bewoonster|"
    r"deelnemer|deelneemster|vrijwilliger|student|studente|puber|tiener|baby|peuter|kleuter|"
    r"iemand|echtgeno(?:o|t)e?|partner|schoon(?:moeder|vader|zoon|dochter)|pleegkind|"
    r"pleeg(?:zoon|dochter)|vriend(?:in)?|maatje|mantelzorger|leerling)"
)
#: An age: digits, or a number word (ten or more; two to nine in the person-noun form).
_AGE = rf"(?:\d{{1,3}}|{AGE_WORD}|{SMALL_AGE_WORD})"
#: What must not follow an age: a unit or a plural noun ("van 3 kinderen", "van 12 weken").
_NOT_AFTER = (
    r"(?!\s*(?:procent|%|euro|€|uur|keer|kilo|kg|km|cm|meter|minuten|jaar\s+geleden|"
    r"jaar\s+lang|jaar\s+(?:bij|in|op|voor|werk)|(?=\w{4,})\w+(?:en|s)\b)|[,.]?\d)"
)
#: "haar moeder van 88", "zijn zoon van twaalf", "broertje Ayoub van negen".
_PERSON_VAN = re.compile(
    rf"(?<![\w\-]){_PERSON}(?:\s+[A-Z][\w'’\-]+){{0,2}}\s+van\s+"
    r"(?:bijna\s+|ruim\s+|pas\s+|net\s+|al\s+|amper\s+|nog\s+maar\s+|maar\s+)?"
    rf"(?P<age>{_AGE})(?:\s*jaar(?:\s+oud)?)?(?![\w\-]){_NOT_AFTER}",
    re.IGNORECASE,
)
#: Words that may stand between "is/werd/word" and the age: time and degree words,
#: a month or a date ("in mei", "op 2 mei", "volgende maand").
_FILLER = (
    r"(?:(?:nu|al|toen|inmiddels|pas|bijna|net|ook|zelf|nog|maar|ruim|intussen|dan|dus|"
    r"jonger,?|ouder,?|ongeveer|circa|zo['’]n|rond|plusminus|pakweg|haast|"
    r"een\s+jaar\s+of|"
    r"volgend\w*|vorig\w*|afgelopen|deze|dit|die|vandaag|gisteren|morgen|straks|binnenkort|"
    r"week|maand|jaar|zomer|winter|voorjaar|najaar|zaterdag|zondag|in|op|de|"
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|\d{1,2}(?=\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)))\s+){0,4}"
)
#: Who is said to be of an age: a pronoun, "mijn moeder", a capitalised name.
_SUBJECT = (
    rf"(?:(?i:ik|hij|zij|ze|u|jij|je|die|meneer|mevrouw|hi'j|zi'j|"
    rf"(?:mijn|m'n|zijn|z'n|haar|onze|ons|hun|uw|d'r)\s+{_PERSON})|"
    r"(?!(?:Het|Dat|Dit|Er|Wat|Alles|Daar|Hier|Dan|Toen|Nu|Deze|Wie|Welke|Totaal|Nummer|"
    r"Groep|Klas|Score|Week|Dag|Jaar|Pagina|Stap|Fase|Tafel|Kamer)\b)"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?,?)"
)
#: What may end the age said: punctuation, "jaar", "en", a particle ("hoor", "he").
_END = (
    r"(?:\s*jaar(?:\s+oud)?)?(?=\s*(?:[,.;:!?)\]\"”“]|$|\n|en\s|geworden\b|geweest\b|hoor\b|"
    r"h[eèé]\b|toch\b|dus\b|al\b|inmiddels\b|geloof\b|denk\b|of\s+zo\b|ofzo\b|"
    r"ongeveer\b|maar\b|nu\b|toen\b|sinds\b|om\s+precies\b|ja\b))"
)
#: "ik word in mei eenentachtig", "Hij was toen drieëntachtig.", "werd op 2 mei 99!".
_COPULA = re.compile(
    rf"(?<![\w\-]){_SUBJECT}\s+(?:ben|bent|is|was|werd|wordt|word|bin|bint|wör)\s+{_FILLER}"
    rf"(?P<age>\d{{1,3}}|{AGE_WORD})(?![.,:]\d){_END}"
    rf"|(?<![\w\-])(?i:ben|is|was|werd|wordt)\s+(?i:ik|hij|zij|ze|u)\s+{_FILLER}"
    rf"(?P<inv>\d{{1,3}}|{AGE_WORD}){_END}"
    rf"|(?<![\w\-])(?i:hij|zij|ze|die|den|zee|hee)\s+is\s+(?:nu\s+|pas\s+|net\s+|bijna\s+)?"
    rf"(?P<small>{SMALL_AGE_WORD})(?=\s*[,.;!?)]|\s+jaar\b)",
)
_DECADE = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
#: "van in de tachtig", "begin tachtig", "eind zeventig", "tegen de negentig.".
_DECADES = re.compile(
    rf"(?:(?<![\w\-])(?:(?:van|ver|diep|hoog|laag|half|ruim|al|ook|is|zijn)\s+in\s+de"
    rf"|(?<!jaren\s)(?:begin|eind|midden|halverwege)(?:\s+in\s+de)?"
    rf"|(?:tegen|rond)\s+de)|[,(]\s*in\s+de)\s+(?P<age>{_DECADE}|(?<=in\sde\s)[2-9]0)"
    r"(?!\s*(?:procent|%|euro|jaren|kilometer|km|mensen|deelnemers|\w+ers\b))(?![\w\-])",
    re.IGNORECASE,
)
#: "op haar 78e", "op zijn tachtigste", "op z'n 16de".
_ORDINAL = re.compile(
    r"(?<![\w\-])(?:op|tot|vanaf|sinds|na|rond|voor|met|tegen)\s+"
    r"(?:mijn|m'n|zijn|z'n|haar|d'r|hun|jouw|je|uw)\s+"
    rf"(?P<age>\d{{1,3}}(?:e|ste|de)|{AGE_WORD}(?:ste))(?![\w\-])",
    re.IGNORECASE,
)
#: After a name: ", 27," ", zelf 72," ", (81)" " uit de Rivierenwijk, 79,".
_AFTER_NAME = re.compile(
    r"(?:\s+uit\s+(?:de\s+|het\s+)?[A-Z][\w\-]+)?\s*,\s*"
    r"(?:(?:zelf|nu|inmiddels|al|ook|pas|bijna|net|toen)\s+)?"
    rf"(?:\((?P<paren>\d{{1,3}})\)|(?P<age>\d{{1,3}}|{AGE_WORD}|{SMALL_AGE_WORD}(?=\s+jaar\b))"
    r"(?:\s*(?:jaar|jr\.?))?(?![.,:]\d)(?=\s*(?:[,.;:!?)]|\ben\b|$)))"
)
#: "Hij (88) is blind", "zij (85)", "hij 86, zij 83".
_PRONOUN_AGE = re.compile(
    rf"(?<![\w\-])(?:hij|zij|meneer|mevrouw|{_PERSON})\s*\((?P<paren>\d{{1,3}})\)"
    r"|(?<![\w\-])(?:hij|zij|meneer|mevrouw)\s+(?P<bare>\d{1,3})"
    r"(?:\s*jaar)?(?=\s*[,;.)]|\s+en\s+(?:hij|zij|meneer|mevrouw)\b)",
    re.IGNORECASE,
)
#: A question about someone's age, answered in the next turn ("hoe oud bent u?", "dus u
#: bent nu...", "leeftijd?").
_AGE_QUESTION = re.compile(
    r"(?=[HhLlbi])(?:"  # every alternative opens with one of these: the engine skips to them
    r"(?:[Hh]oe\s+oud\b|[Ll]eeftijd\b)[^?\n]*(?:\?|\.\.\.|…|$)"
    r"|\b(?:bent|is)\s+nu\b[^?\n.…]*(?:\?|\.\.\.|…)"
    r"|\b(?:bent|is)\s+(?:u|je|hij|zij|ze)\s+nu\b[^?\n.…\[<]{0,20}"
    r"(?:\?|\.\.\.|…|$|(?=\s*(?:\[[^\]\n]{1,40}\]:|<v\s))))",
    re.MULTILINE,
)
#: Lines between a question and its answer that hold no words: cue numbers, timings.
_NO_TURN = re.compile(r"^\s*(?:\d+|WEBVTT.*|.*-->.*)?\s*$")
#: The answer: after a speaker label, a hesitation, an age opening the turn.
_ANSWER = re.compile(
    r"\s*(?P<label>\[[^\]\n]{1,40}\]:?|<v [^>\n]*>|[^:\n?]{1,40}:|[-–—])?\s*"
    r"(?:(?:eh|ja|nou|uh|uhm),?\s+)*"
    r"(?:(?:ik\s+ben|die\s+is|hij\s+is|zij\s+is|ze\s+is)\s+)?"
    rf"(?P<age>\d{{1,3}}|{AGE_WORD})(?:\s*jaar)?(?![\w\-])(?![.,:]\d)"
    r"(?=\s*(?:[,.;:!)]|$|\n|sinds\b|en\b|hoor\b|jaar\b|ja\b|nee\b|geworden\b|"
    r"volgende\b|komende\b|in\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)\b))",
    re.IGNORECASE,
)
#: A question to a group ("Hoe oud zijn jullie allemaal?"): more turns answer it.
_TO_A_GROUP = re.compile(r"\b(?:jullie|allemaal|iedereen|ieder|u\s+allen)\b", re.IGNORECASE)
#: The next speaker's turn: a label in brackets, a WebVTT voice, a name and a colon.
_NEXT_LABEL = re.compile(r"\[[^\]\n?]{1,40}\]:?|<v\s[^>\n]*>|(?<=\n)[^:\n?\[<]{1,40}:")


#: A speaker label right after a question: the answer follows on the same line.
_LABEL_NEXT = re.compile(r"[ \t]*(?:\[[^\]\n]{1,40}\]:?|<v\s[^>\n]*>|[-–—](?=[ \t]*\w))")


def _asks_an_age(text: str) -> bool:
    """Whether ``text`` may hold a question about an age (a cheap test before the scan)."""
    return (
        "oe oud" in text
        or "eeftijd" in text
        or "nu." in text
        or "nu…" in text
        or "nu\n" in text
        or "nu?" in text
        or "nu [" in text
    )


def _answer_line(text: str, start: int) -> int | None:
    """Where the next turn with words begins after ``start`` (within a few lines)."""
    pos = text.find("\n", start)
    for _ in range(4):
        if pos < 0:
            return None
        end = text.find("\n", pos + 1)
        line = text[pos + 1 : end if end >= 0 else len(text)]
        if not _NO_TURN.match(line):
            return pos + 1
        pos = end
    return None


def _more_answers(text: str, pos: int, add: Any) -> None:
    """The answers of the next speakers to a question put to a group: each turn that
    opens with an age, up to three, until a turn asks something again."""
    for _ in range(3):
        label = _NEXT_LABEL.search(text, pos, min(len(text), pos + 240))
        if label is None or "?" in text[pos : label.start()]:
            return
        answer = _ANSWER.match(text, label.start())
        if answer is None or "?" in text[label.end() : answer.start("age")]:
            return
        add(*answer.span("age"))
        pos = answer.end()


#: Digits that may be an age (not in a time "00:01,500" or an amount "12,50").
_DIGITS = re.compile(r"\d{1,3}(?:e|ste|de)?(?![\w:]|[,.]\d)")
#: A small number word after "van" or "is": "een kind van vier", "hij is vijf".
_SMALL_AT = re.compile(rf"(?:van|is)\s+(?:\w+\s+)?(?P<age>{SMALL_AGE_WORD})(?![\w\-])")
_DECADE_WORDS = frozenset("twintig dertig veertig vijftig zestig zeventig tachtig negentig".split())
_VERB_NEAR = re.compile(r"\b(?:ben|bent|is|was|werd|wordt|word|bin|bint)\b")
_PRONOUN_NEAR = re.compile(
    r"(?:\(|\b(?:hij|zij|Hij|Zij|meneer|mevrouw|Meneer|Mevrouw)\s+)$"
    r"|\b\w+\s*\($"
)
_GLUED_BEFORE = frozenset(":,.'’-/")


def _candidates(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers in ``text`` that may be ages, in order."""
    spans = []
    for m in _DIGITS.finditer(text):
        start = m.start()
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before in _GLUED_BEFORE):
            digits = m.group().rstrip("estd")
            if 0 < int(digits) <= 120:
                spans.append(m.span())
    spans += age_word_spans(text, ordinals=True)
    spans += [m.span("age") for m in _SMALL_AT.finditer(text)]
    return sorted(set(spans))


#: An age group said of one person: "een vijftiger", "een kwieke zeventiger" (singular
#: after "een"; "de tachtigers" and "de jaren zestig" are no one's age).
_AGE_GROUP = re.compile(
    r"(?<![\w\-])(?i:een|als)\s+(?:(?:echte|jonge|kwieke|fitte|vitale|krasse|oude|"
    r"late|vroege|eind|begin)[\s\-]+)?"
    r"(?P<age>(?i:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)er)(?![\w\-])"
)
#: "-jarige": "de 94-jarige mevrouw", "de negenentachtigjarige Bertus", "een 12-jarige".
_JARIGE = re.compile(
    rf"(?<![\w\-])(?P<age>(?:\d{{1,3}}-|(?i:{AGE_WORD}|{SMALL_AGE_WORD})-?)jarige?)(?![\w\-])"
    r"(?!\s+(?i:jubileum|bestaan|huwelijk\w*|samenwerking|geschiedenis|traditie|"
    r"lidmaatschap|dienstverband|periode|project|programma|contract|ervaring|looptijd|"
    r"verbintenis|relatie|loopbaan|carri[eè]re|vriendschap|band|termijn|plan|onderzoek|"
    r"ambtsjubileum|feest)\b)"
)
#: Before "-jarig" without "e": an event ("het 25-jarig bestaan") unless "is/werd".
_JARIG_PERSON = re.compile(r"(?i:is|was|werd|wordt|word|ben)\s+$")
#: After a name, an age opening a bracket: "(zestien, maatschappelijke stage)", "(16 jaar)".
_PAREN_AGE = re.compile(rf"[ \t]*\((?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?:[ \t]+jaar)?[ \t]*[,;)]")
#: An age restated right after another: "begin negentig, 91 om precies te zijn", "een
#: vijftiger al, 57 geloof ik".
_RESTATED = re.compile(
    rf"(?:\s+(?:al|hoor|dus|nu))?\s*,\s*"
    r"(?:(?:(?i:en|niet|word|wordt|werd|bijna|straks|binnenkort|volgende?|deze|dit|komende)"
    r"|week|maand|jaar|zomer|winter|januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)\s+){0,3}"
    rf"(?P<age>\d{{1,3}}|{AGE_WORD})(?:\s*jaar)?"
    r"(?=\s*(?:[.;!?\"”]|om\s+precies|precies|geloof|denk|of\s+zo|ongeveer|$"
    r"|op\s+\d{1,2}\s+[a-z]|in\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)\b))"
)
#: "Ik ben de oudste hier, 89.": the oldest or youngest, then the age.
_OLDEST = re.compile(
    rf"\b(?:oudste|jongste)\b[^.?!\n,]{{0,25}},\s*(?P<age>\d{{1,3}}|{AGE_WORD})"
    r"(?:\s*jaar)?(?=\s*[.;!?,]|\s*$)"
)


_EVENT_JARIG = re.compile(
    r"-?jarige?\s+(?i:jubileum|bestaan|huwelijk\w*|samenwerking|geschiedenis|traditie|"
    r"lidmaatschap|dienstverband|periode|project|programma|contract|looptijd|verbintenis|"
    r"loopbaan|carri[eè]re|termijn|plan|onderzoek|ambtsjubileum)\b"
)


def is_event_age(text: str, hit: Hit) -> bool:
    """Whether ``hit`` (an age) is no one's age: the length of an event ("het 25-jarig
    bestaan", "een 10-jarige samenwerking", "hun 60-jarig huwelijk", "dit jaar dus 26
    jaar bestaat") or an age that bounds or sums up a group ("75-plussers", "inwoners van
    75 jaar en ouder", "er waren 84 ouder dan 75 jaar", "de gemiddelde leeftijd was 78").

    >>> is_event_age("de 75-plussers", Hit(3, 5, "LEEFTIJD", "75"))
    True

    >>> is_event_age("het 25-jarig bestaan", Hit(4, 6, "LEEFTIJD", "25"))
    True
    >>> is_event_age("25 jaar lid: Jan", Hit(0, 2, "LEEFTIJD", "25"))
    True
    >>> is_event_age("de 94-jarige mevrouw", Hit(3, 5, "LEEFTIJD", "94"))
    False
    """
    if hit.category != "LEEFTIJD":
        return False
    if _EVENT_JARIG.match(text, hit.end) or _GROUP_AFTER.match(text, hit.end):
        return True
    if (
        _AGE_RANGE.fullmatch(hit.text)
        or _YEARS_OF.match(text, hit.end)
        or _RANGE_AFTER.match(text, hit.end)
    ):
        return True  # "55-64 jaar: 48" (a group's range), "25 jaar lid" (a membership)
    if _GROUP_BEFORE.search(text, max(0, hit.start - 40), hit.start):
        return True
    if _RANGE_BEFORE.search(text, max(0, hit.start - 30), hit.start):
        return True
    return text.startswith(" jaar", hit.end) and bool(
        _EXISTS_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    )


#: After the first bound of a range: "18-25 jaar", "65 - 74".
_RANGE_AFTER = re.compile(r"[ \t]*[\-–][ \t]*\d{1,3}(?!\d)")
#: A range of ages ("55-64", "75 - 84"): the bounds of a group, no one's age.
_AGE_RANGE = re.compile(r"\d{1,3}\s*[\-–]\s*\d{1,3}(?:\s*jaar)?")
#: After a number of years of something: "25 jaar lid", "40 jaar getrouwd", "12 jaar in
#: dienst", "30 jaar vrijwilliger" (a length of time, not an age).
_YEARS_OF = re.compile(
    r"\s*jaar\s+(?:lid|getrouwd|in\s+dienst|vrijwilliger|actief|werkzaam|samen|weduwe|"
    r"weduwnaar|penningmeester|voorzitter|secretaris|bestuurslid)\b"
    # round 9: any role or trade after "jaar" ("30 jaar bakker", "20 jaar huisarts", "12
    # jaar mantelzorger"): a noun of a person's work, not "ouder", "later", "meer"
    r"|\s*jaar\s+(?!(?:ouder|jonger|later|eerder|langer|verder|weer|meer|per|over|onder|"
    r"achter|daar|hier|zeker|maar|ieder|elder|wonder|lekker|super)\b)"
    r"[a-zë]{2,}(?:er|aar|ist|ent|ster|eur|ier|arts|houder|man|vrouw|kracht|lid|kundige|ant|"
    r"ator|aris)\b"
    # the bounds of a range: "van 4 tot 12 jaar" (the first bound)
    r"|\s*(?:jaar\s+)?(?:tot|t/m|tot\s+en\s+met)\s+\d",
    re.IGNORECASE,
)
#: The second bound of a range: "kinderen van 4 tot 12 jaar", "tussen 6 en 12 jaar".
_RANGE_BEFORE = re.compile(
    r"(?:\bvan\s+\d{1,3}\s+(?:jaar\s+)?(?:tot|t/m|tot\s+en\s+met)|\btussen\s+\d{1,3}\s+"
    r"(?:jaar\s+)?en)\s+$",
    re.IGNORECASE,
)
#: After an age that is no one's: "-plussers", "+", "jaar en ouder", "jaar bestaat".
_GROUP_AFTER = re.compile(
    r"(?:-?plus(?:ser|sers)?\b|\+|(?:\s*jaar)?\s+(?:en|of)\s+(?:ouder|jonger|daarboven)\b"
    r"|\s*jaar\s+(?:bestaat|bestaan|bestond|bestaan\s+we)\b)",
    re.IGNORECASE,
)
#: Before it: "gemiddelde leeftijd (was|van) ...", "84 ouder dan", "allen jonger dan".
_GROUP_BEFORE = re.compile(
    r"(?:gemiddelde\s+leeftijd|gemiddeld)\s*(?:is|was|van|lag\s+op|ligt\s+op|:)?\s*"
    r"(?:(?:ruim|bijna|ongeveer|circa|rond)\s+)?$"
    r"|(?:\d+|er|allen|allemaal|velen|meesten|helft|procent|%)\s+(?:ouder|jonger)\s+dan\s+$",
    re.IGNORECASE,
)
#: "bestaat de stichting 39 jaar": how long something exists, no one's age.
_EXISTS_BEFORE = re.compile(
    r"\b(?:bestaat|bestaan|bestond|jubileert|jubileum|viert)\b[^.?!\n]{0,30}$", re.IGNORECASE
)


def _group_ages(
    text: str, hits: list[Hit], candidates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the age classes added in round 6 (see the module docstring). Each scan
    starts from a literal ("tiger", "jarig", "(") or from ``candidates`` (the numbers in
    ``text`` that may be ages), so no pattern is tried at every position of the text."""
    spans: list[tuple[int, int]] = []
    for at in _GROUP_AT.finditer(text) if "iger" in text else ():
        m = _AGE_GROUP.search(text, max(0, at.start() - 45), at.end())
        if m is not None and m.end("age") == at.end():
            spans.append(m.span("age"))
    seen = -1
    for said in _JARIG_AT.finditer(text) if "jarig" in text else ():
        for m in _JARIGE.finditer(text, max(0, seen + 1, said.start() - 32), said.end() + 40):
            if m.end("age") < said.end():
                continue
            seen = m.end()
            if m.group().endswith("e") or _JARIG_PERSON.search(
                text, max(0, m.start() - 8), m.start()
            ):
                spans.append(m.span("age"))
            break
    for paren in _PAREN_NUMBER.finditer(text) if "(" in text else ():
        name = _NAME_BEFORE.search(text, max(0, paren.start() - 40), paren.start())
        if (
            name is not None
            and _AFTER_PAREN.match(text, paren.end())
            and not (is_word(name.group("name")) or is_place(name.group("name")))
        ):
            spans.append(paren.span("age"))
    if "oudste" in text or "jongste" in text:
        spans += [m.span("age") for m in _OLDEST.finditer(text)]
    for start, end in candidates:
        # after the years between two people: "twee joar jonger, vieftachtig dus."
        if (
            text[max(0, start - 4) : start].rstrip().endswith(",")
            and _YEARS_APART.search(text, max(0, start - 24), start)
            and _YEARS_APART_TAIL.match(text, end)
        ):
            spans.append((start, end))
        # before a verb of becoming: "dat opa Gerrit Smit 90 wordt!", "net 80 geworden"
        if not _BECOMES.match(text, end):
            continue
        if _COUNTED.search(text, max(0, start - 40), start):
            continue
        named = any(0 <= start - h.end <= 2 for h in hits if h.category == "PERSOON")
        if named or _CUE_BEFORE.search(text, max(0, start - 40), start):
            spans.append((start, end))
    for at in _PLUS_AT.finditer(text) if "plus)" in text or "+)" in text else ():
        # "haar moeder (tachtig-plus)": one person's age, not "de 75-plussers"
        plus = _PLUS_PAREN.search(text, max(0, at.start() - 60), at.end())
        if plus is not None and plus.end() == at.end():
            spans.append(plus.span("age"))
    people = [h for h in hits if h.category == "PERSOON"]
    for h in people if "van" in text else ():  # "Ahmad van 16 en de kleine Omid"
        van_age = _NAME_VAN.match(text, h.end, min(len(text), h.end + 40))
        if van_age:
            spans.append(van_age.span("age"))
    for h in people if "(" in text else ():  # "Lucas Pinas (zestien, stage)"
        bracket = _PAREN_AGE.match(text, h.end, min(len(text), h.end + 40))
        if bracket:
            spans.append(bracket.span("age"))
    for start, end in candidates if people else ():
        # a bare age as a sentence in an introduction: "... uit Mariënheem. Zestig, net."
        value = text[start:end]
        if (value.isdigit() and len(value) < 2) or value.endswith(("ste", "e", "d")):
            continue
        if not _SENTENCE_BEFORE.search(text, max(0, start - 3), start):
            continue
        if not _BARE_TAIL.match(text, end):
            continue
        line = text.rfind("\n", 0, start) + 1
        introduced = any(line <= h.start < start and start - h.end < 160 for h in people)
        if introduced and not _COUNT_QUESTION.search(text, max(0, line - 200), start):
            spans.append((start, end))
    return spans


_GROUP_AT = re.compile(r"tiger(?![\w\-])")
#: "zee is twee joar jonger, vieftachtig dus.": an age after the years between two people.
_YEARS_APART = re.compile(r"\b(?:jaar|joar|jaor)\s+(?:jonger|ouder)\s*,\s*$")
_YEARS_APART_TAIL = re.compile(r"(?:\s*jaar)?(?=\s*(?:dus|nu|al|hoor)?\s*[.;!?,\"”])")
_PLUS_AT = re.compile(r"(?:plus|\+)\)")
#: An age with "plus" alone in brackets after a person: "(tachtig-plus)", "(80+)".
_PLUS_PAREN = re.compile(
    rf"(?:(?<![\w\-]){_PERSON}|(?<![\w\-])[A-Z][a-zà-ÿ'’\-]+)[ \t]*\("
    rf"(?P<age>(?:\d{{1,3}}|(?i:{AGE_WORD}))[ \t\-]?(?:plus|\+))\)",
    re.IGNORECASE,
)
#: A verb of becoming after an age: "90 wordt", "80 geworden", "70 jaar is geworden".
_BECOMES = re.compile(
    r"(?:\s+jaar)?\s+(?:(?:is|zal|gaat)\s+)?(?:wordt|werd|word|geworden|worden)(?![\w\-])"
)
#: The age right before it, with a cue: a pronoun, "net", "pas", "bijna" (a name is
#: checked against the names found).
_CUE_BEFORE = re.compile(
    r"(?<![\w\-])(?i:hij|zij|ze|ik|u|die|net|pas|bijna|al|ook|nu)\s+"
    r"(?:(?:al|ook|nu|net|pas|bijna|dit\s+jaar|volgend\s+jaar|straks)\s+)*$"
)
#: A count or a total before the number: then it is no one's age ("het aantal
#: deelnemers is net 80 geworden", "het zijn er 12 geworden").
_COUNTED = re.compile(
    r"\b(?i:aantal|totaal|teller|groep|club|vereniging|stichting|er|het)"
    r"\b[^.!?\n]{0,30}$"
)
#: After a name: "van" and an age ("Ahmad van 16 en ..."), not a date, time or count.
_NAME_VAN = re.compile(
    r"\s+van\s+(?:bijna\s+|ruim\s+|pas\s+|net\s+)?"
    rf"(?P<age>\d{{1,3}}|{AGE_WORD}|{SMALL_AGE_WORD})(?:\s*jaar(?:\s+oud)?)?(?![\w\-])"
    r"(?=\s*(?:[,.;!?)\"”]|en\s|$))"
)
_JARIG_AT = re.compile(r"jarig")
_PAREN_NUMBER = re.compile(r"\((?P<age>\d{1,3})\)")
_NAME_BEFORE = re.compile(r"(?<![\w\-])(?P<name>[A-Z][a-zà-ÿ'’\-]+)[ \t]*$")
_AFTER_PAREN = re.compile(r"\s*(?:[,.;:)]|en\b|$)")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:][ \t]+|\n[ \t]*)$")
_BARE_TAIL = re.compile(
    r"(?:\s+jaar)?(?:\s*,?\s*(?i:net|pas|al|bijna|hoor|geworden|sinds\s+\w+(?:\s+\w+)?))?"
    r"\s*[.!](?!\d)"
)


#: A question about a count or a time before a bare number: then it is no age.
_COUNT_QUESTION = re.compile(r"(?i:hoeveel|hoe\s+laat|hoe\s+lang|welk\s+jaar|wanneer)[^?\n]*\?")


def more_ages(text: str, hits: list[Hit]) -> list[Hit]:
    """Ages of the classes in the module docstring; ``hits`` are those found so far
    (names, for the age in apposition after a name).

    >>> [h.text for h in more_ages("Een vrouw van 77, hij 86, zij 83. Op haar 78e.", [])]
    ['77', '86', '83', '78e']
    """
    found: dict[int, Hit] = {}

    def add(start: int, end: int) -> None:
        value = text[start:end]
        number = _value(value)
        if number is not None and 0 < number <= 120:
            found[start] = Hit(start, end, "LEEFTIJD", value)

    # every pattern ends in an age: find the numbers that may be one with scans that
    # start with a digit or a literal (fast in the regex engine), then try only the
    # patterns whose cue stands right before each
    candidates = _candidates(text)
    for start, end in candidates:
        word = text[start:end].casefold()
        tries = []
        if (word[0].isdigit() and word[-1] in "ed") or word.endswith("ste"):
            tries.append((_ORDINAL, start - 30))
        elif word in _DECADE_WORDS:
            tries.append((_DECADES, start - 40))
        if "van" in text[max(0, start - 22) : start]:
            tries.append((_PERSON_VAN, start - 80))
        if _VERB_NEAR.search(text, max(0, start - 60), start):
            tries.append((_COPULA, start - 90))
        if word[0].isdigit() and _PRONOUN_NEAR.search(text, max(0, start - 12), start):
            tries.append((_PRONOUN_AGE, start - 20))
        hi = min(len(text), end + 40)
        for pattern, lo in tries:
            if any(
                m.span(g) == (start, end)
                for m in pattern.finditer(text, max(0, lo), hi)
                for g, v in m.groupdict().items()
                if v
            ):
                add(start, end)
                break
    for hit in hits:
        if hit.category == "PERSOON":
            after = _AFTER_NAME.match(text, hit.end, min(len(text), hit.end + 60))
            if after:
                add(*after.span("paren" if after.group("paren") else "age"))
    for q in _AGE_QUESTION.finditer(text) if _asks_an_age(text) else ():
        # the answer in the next turn: on the next line, or on this one after a speaker
        # label (a subtitle reader joins the cues: "bent u nu [SPREKER 2]: tachtig ja")
        same = _LABEL_NEXT.match(text, q.end())
        line = q.end() if same else _answer_line(text, q.end())
        answer = _ANSWER.match(text, line) if line is not None else None
        numbered = (
            answer and not answer.group("label") and text[answer.end() : answer.end() + 1] == "."
        )
        if answer and not (numbered and answer.group("age")[0].isdigit()):  # "2. Echtpaar"
            add(*answer.span("age"))
            if _TO_A_GROUP.search(q.group()):
                _more_answers(text, answer.end(), add)
    for start, end in _group_ages(text, hits, candidates):
        found.setdefault(start, Hit(start, end, "LEEFTIJD", text[start:end]))
    # round 8 (:mod:`.ages_said`): forms, tables, brackets, verbs of becoming, echoes
    spans = ages_in_context(text, [*hits, *found.values()], candidates)
    spans += plus_ages(text) if "plus" in text or "+" in text else []
    for start, end in table_column(text, AGE_TABLE_HEADER):
        if _value(text[start:end]) is not None:
            spans.append((start, end))
    for start, end in spans:
        if start not in found and (
            _value(text[start:end]) is not None
            or "plus" in text[start:end]
            or "+" in text[start:end]
            or " de " in text[start:end]
        ):
            found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    for hit in ages:
        again = _RESTATED.match(text, hit.end, min(len(text), hit.end + 40))
        if again:
            add(*again.span("age"))
        again = _NEXT_SENTENCE.match(text, hit.end, min(len(text), hit.end + 50))
        if again:
            add(*again.span("age"))
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    # round 9 (:mod:`.ages_said`): milestones, counts, approaches, corrections, children
    for start, end in verb_and_count_ages(text, candidates, ages) + child_ages(text, _may_be_name):
        if start not in found and _value(text[start:end]) is not None:
            found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    for hit in list_ages(text, ages):
        found.setdefault(hit.start, hit)
    return list(found.values())


#: After an age, the next sentence with a time or "bijna" and another: "Zeuvenentachtig.
#: In mei achtentachtig", "Zestien. Bijna zeventien,".
_NEXT_SENTENCE = re.compile(
    r"(?:\s*jaar)?\s*[.!]\s+(?:(?i:nee\s+wacht),?\s+)?"
    r"(?:(?i:in|op|vanaf|per)\s+(?:\d{1,2}\s+)?(?i:januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december)|(?i:bijna|straks|binnenkort|haast)"
    r"|(?i:volgend\w*|komend\w*)\s+(?:week|maand|jaar))\s+"
    rf"(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?![\w\-])(?=\s*(?:[,.;!?]|jaar\b|$|\n|as\s|als\s))"
)


def _may_be_name(word: str) -> bool:
    """A capitalised word that may be a person's name: no Dutch word, no place."""
    return not (is_word(word) or is_place(word))


def _value(text: str) -> int | None:
    """The number of an age as written: "88", "78e", "tachtigste", "eenentachtig"."""
    digits = text.rstrip("estd")
    if digits.isdigit():
        return int(digits)
    return word_number(text.removesuffix("ste") if text.endswith("tigste") else text)
