"""Ages said in round 9 of issue 14: a milestone reached ("hij heeft de 84 gehaald"), an
age counted in years or springs ("ze telt 84 lentes"), approached ("ik loop tegen de 84"),
said with a possessive ("met mijn vierentachtig jaar"), after "leeftijd van", corrected
right after another age ("84, nee 86"), and children's ages in small number words or
two ages after plural children; :mod:`.ages_said` re-exports them.
"""

from __future__ import annotations

import re

from .lists import Hit
from .numwords import AGE_WORD, ignore_case, word_number

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

#: The literals one of which every match of :data:`_CHILDREN_TWO` holds (in
#: :func:`ignore_case`'s text): the pattern, tried at every position, costs more than
#: these ``in`` tests on the texts that hold none of them.
_CHILDREN_NOUNS = (
    "kinder",
    "jongens",
    "meiden",
    "meisjes",
    "tweeling",
    "zonen",
    "dochters",
    "kids",
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
    plural = "zijn" in text or "waren" in text or "worden" in text or "werden" in text
    folded = ignore_case(text) if plural else ""
    if plural and any(noun in folded for noun in _CHILDREN_NOUNS):
        for m in _CHILDREN_TWO.finditer(text):
            for group in ("a", "b"):
                value = m.group(group)
                number = int(value) if value.isdigit() else word_number(value)
                if number is not None and 0 < number <= 25:
                    spans.append(m.span(group))
    return spans
