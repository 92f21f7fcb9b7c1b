"""The age classes added in round 6, found from a literal or a candidate number rather
than at every position: an age group said of one person ("een vijftiger"), "-jarige",
a capitalised name with an age in brackets, "de oudste hier, 89", the years between two
people, a verb of becoming, "(tachtig-plus)", "Ahmad van 16" and a bare age in an
introduction. :func:`_group_ages` returns their spans to :mod:`.ages`.
"""

from __future__ import annotations

import re

from .ages_phrases import _PERSON
from .lists import Hit
from .name_lists import is_word
from .numwords import AGE_WORD, SMALL_AGE_WORD
from .places import is_place

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
#: "Ik ben de oudste hier, 89.": the oldest or youngest, then the age.
_OLDEST = re.compile(
    rf"\b(?:oudste|jongste)\b[^.?!\n,]{{0,25}},\s*(?P<age>\d{{1,3}}|{AGE_WORD})"
    r"(?:\s*jaar)?(?=\s*[.;!?,]|\s*$)"
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
