"""The phrases an age is said in, as compiled patterns: a person noun with "van", a
copula with time words between, decades, ordinals, an age in apposition after a name or
pronoun, and the answer to "hoe oud" in the next turn (with the helpers that find that
turn). :mod:`.ages` tries these patterns on the numbers that may be ages.
"""

from __future__ import annotations

import re
from typing import Any

from .numwords import AGE_WORD, SMALL_AGE_WORD

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
