"""Ages in the constructions that round 9's rules missed on text they were not built
from (round 10 of issue 14, E152-E175 and E208-E210), as classes; :mod:`.ages` calls
:func:`round10_ages` last:

- **a verb with the subject after it**: "in mei word ik zesenzeventig", "toen was ze
  negen", "morgen wordt mijn vrouw 84" (not "wordt het 50 jaar", "is de vereniging 75");
- **a later age after an age**: "nu 66, over een paar maanden 67" (the later one the same
  or at most two more);
- **a filler or repair between the verb and the age**: "bent u nu... vijfenzeventig",
  "ik ben eh, even denken, 86";
- **a plural subject** with a quantifier or a list: "die zijn allemaal zeventien,
  achttien", "de kleinkinderen zijn 14 en 17" (not "de groepen zijn 5 en 6");
- **a second person's age**: "hij is 84, ik bijna 80";
- **a capitalised pronoun or title with a bare age in a list**: "Hij 88, zij ...";
- **a person noun opening a clause in apposition**: "Student, 22, ...";
- **a birthday**: "was jarig: 93 alweer", "jarig geweest, negentig,", "jarig is en dan 88
  wordt" (not "het dorpshuis is jarig: 25 jaar");
- **"zou ... zijn geworden"**: "zou Jentje 80 zijn geworden" (not "de club zou 75 ...");
- **a field of a register line that opens with a name**: "Gerrie Mulder, Sportlaan 17,
  79." (not "groep 7", "kamer 12", "12:30");
- **a name, a comma and the verb**: "de kleine, Jana, is drie";
- **"met haar 93"**: a possessive with the age ("met zijn 84 jaar fietst hij nog", "met
  haar 93 de oudste"; not "met zijn 12 kleinkinderen");
- **a repair**: "zesentachtig. Nee wacht, ..., dus zevenentachtig" (one more or less than
  the age said just before, after "dus", "nee", "eigenlijk" in the same turn);
- **a slashed form label**: "Geb.datum / lft: 14-08-1949 / 75" (the value in the
  position of "lft" or "leeftijd");
- **a person noun with "van" and a place after**: "een meisje van negentien van de
  Molenweg" (not "een groep van 16 uit Raalte").

Two vetoes apply to every age the rules of :mod:`.ages` find (:func:`no_age`): a length
of service ("45 jaar als timmerman gewerkt", "40 jaar getrouwd"), a difference ("1 jaar
ouder dan ik") and an average
("gemiddelde leeftijd van onze gasten 81 jaar").

Every check runs at a number that may be an age (the candidates :mod:`.ages` found,
and the small number words scanned once here), with compiled patterns matched right
before or right after it.

>>> text = "Ik ben nu 66, over een paar maanden 67. In mei word ik zesenzeventig."
>>> said, at = [Hit(10, 12, "LEEFTIJD", "66")], text.index("zes")
>>> [text[s:e] for s, e in round10_ages(text, said, [(36, 38), (at, at + 13)])]
['67', 'zesenzeventig']
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .ages_said_patterns import _PEOPLE, _PERSON_VAN_BEFORE
from .lists import Hit
from .numwords import AGE_WORD, SMALL_AGE_WORD, word_number

__all__ = ["drop_no_ages", "no_age", "round10_ages"]

_AGE = rf"(?:\d{{1,3}}|(?i:{AGE_WORD}|{SMALL_AGE_WORD}|elf|twaalf))"
#: After an age: the end of a clause, a particle, a verb at the end.
_TAIL = re.compile(
    r"(?:[ \t]*(?:jaar|jr\.?)(?:[ \t]+(?:oud|jong))?)?(?=[ \t]*(?:[,.;:!?)\]\"”'’…]|$|\n|"
    r"(?i:en|of|inmiddels|alweer|al|hoor|geloof|denk|toch|dus|zoals|als|as|nu|geworden|"
    r"zijn[ \t]+geworden|wordt|werd|is[ \t]+geworden)\b|\())"
)
_SMALL = re.compile(r"(?i:twee|drie|vier|vijf|zes|zeven|acht|negen|elf|twaalf)\b")
_SUBJECT_WORD = r"(?i:ik|hij|zij|ze|u|je|jij|die|zie|hee)"
#: Kin words of speech and dialect that the shared list lacks: "ons pa", "ons moeder".
_KIN = r"(?:pa|ma|moe|heit|mem|pake|beppe|opoe|vadder|mudder)"
_OWNER = r"(?i:mijn|m'n|zijn|z'n|haar|onze|ons|uw|de)"
_TITLE = r"(?i:opa|oma|opoe|tante|oom|meneer|mevrouw|mevr\.|dhr\.|vader|moeder)"
_SUBJECT = (
    rf"(?:{_SUBJECT_WORD}|{_OWNER}[ \t]+(?i:{_PEOPLE}|{_KIN})(?:[ \t]+[A-Z][\w'’\-]+)?"
    rf"|{_TITLE}[ \t]+[A-Z][\w'’\-]+)"
)
_MODS = r"(?:(?i:nu|al|pas|net|zelf|inmiddels|dan|toch|bijna|ook|nog|straks|ruim|krap)[ \t]+)*"
_VERB = r"(?i:word|wordt|werd|ben|bent|is|was|bin|bint|wör)"

#: "in mei word ik", "toen was ze", "morgen wordt mijn vrouw", "met kerst is opa Gerrit".
_INVERTED_BEFORE = re.compile(rf"(?<![\w\-]){_VERB}[ \t]+{_SUBJECT}[ \t]+{_MODS}$")
#: A plain copula before an age with a bracket after it: "Mevrouw is 90 (in juni 91)".
_COPULA_BEFORE = re.compile(
    rf"(?<![\w\-])(?:(?i:ik|hij|zij|ze|u)|{_TITLE}|{_OWNER}[ \t]+(?i:{_PEOPLE}|{_KIN}))[ \t]+"
    rf"{_VERB}[ \t]+{_MODS}$"
)
_BRACKET_NEXT = re.compile(r"[ \t]*(?:jaar[ \t]*)?\(")
#: "bent u nu...", "ik ben eh,", "hij is, even denken,".
_FILLER_BEFORE = re.compile(
    rf"(?<![\w\-])(?:(?:{_SUBJECT_WORD}|(?i:{_PEOPLE}))[ \t]+{_VERB}|(?i:ben|bent|is)[ \t]+"
    rf"{_SUBJECT_WORD})(?:[ \t]+(?i:nu|al|pas|net|zelf|inmiddels|dan|toch))*[ \t]*"
    r"(?:\.\.\.|…|(?i:eh+m?|uh+m?|ehm)\b[.,…]*|,[ \t]*(?i:even[ \t]+denken|eens[ \t]+kijken|"
    r"wacht[ \t]+even|"
    r"even[ \t]+kijken|laat[ \t]+me[ \t]+denken)[ \t]*,)(?:[ \t]*(?:\.\.\.|…|(?i:eh+)\b|,))*[ \t]*$"
)
#: "die zijn allemaal", "de kleinkinderen zijn", "ze zijn alle twee".
_PLURAL_BEFORE = re.compile(
    rf"(?<![\w\-])(?:(?i:die|ze|zij|wij|we|jullie)|(?i:{_PEOPLE})"
    r"|(?i:zoons|kleinzoons|kleindochters|neven|nichten|ouders|jongens|meiden)"
    r"|(?i:en|&)[ \t]+(?i:ik|hij|zij|ze))[ \t]+"
    r"(?i:zijn|waren|worden|werden)[ \t]+"
    r"(?P<all>(?:(?i:allemaal|allebei|beiden|alle[ \t]+twee|alle[ \t]+drie|alle[ \t]+vier)[ \t]+)?)"
    r"(?:(?i:nu|al|pas|net|ook)[ \t]+)*$"
)
_NEXT_AGE = re.compile(rf"[ \t]*(?:,|/|&|[ \t]+en[ \t]+|[ \t]+of[ \t]+)[ \t]*{_AGE}(?![\w\-])")
#: After an age: a second person's ("hij is 84, ik bijna 80") or a later one of the
#: same person ("nu 66, over een paar maanden 67").
_PAIR_AFTER = re.compile(
    r"(?:[ \t]*jaar)?[ \t]*(?:,|;|[ \t]+en)[ \t]+(?:en[ \t]+)?"
    r"(?:(?i:ik|hij|zij|ze|(?:mijn|m'n|zijn|z'n|haar)[ \t]+\w+)[ \t]+"
    r"(?:(?i:is|ben|wordt|word)[ \t]+)?"
    r"(?P<who>)|(?P<later>(?i:over|na|tegen|rond|vanaf|in|op|met)[ \t]+[^,.;:!?\n\d]{1,30}?[ \t]+"
    r"|(?i:volgend\w*|komend\w*)[ \t]+\w+[ \t]+|(?i:straks|binnenkort)[ \t]+))"
    rf"{_MODS}(?P<age>{_AGE})(?![\w\-])"
)
#: "Hij 88, zij ...", "Meneer 91, woont ...": at a clause's start, a comma after.
_PRONOUN_BARE_BEFORE = re.compile(
    r"(?:\A|[\n.;:!?][ \t]*|,[ \t]*)(?:Hij|Zij|Ze|hij|zij|ze|Meneer|Mevrouw|meneer|mevrouw|"
    r"Mevr\.|Dhr\.|mevr\.|dhr\.)[ \t]+$"
)
_COMMA_AFTER = re.compile(r"(?:[ \t]*(?:jaar|jr\.?))?[ \t]*[,;]")
#: "Student, 22, ...": a person noun opening a clause, the age in commas.
_ROLE = (
    r"(?:student|studente|scholier|weduwe|weduwnaar|man|vrouw|moeder|vader|vrijwilliger|"
    r"mantelzorger|bewoner|bewoonster|deelnemer|deelneemster|cli[eë]nt|jongen|meisje|buurman|"
    r"buurvrouw|oma|opa|boer|boerin|zoon|dochter|nieuwkomer|statushouder|gepensioneerde?|"
    r"alleenstaande|chauffeur|gastvrouw|gastheer|huisvrouw|zzp'er)"
)
_ROLE_BEFORE = re.compile(
    rf"(?:\A|[\n.;:!?][ \t]*)(?:(?i:alleenstaande|gepensioneerde|jonge|oudere|oud-)[ \t]*)?"
    rf"(?i:{_ROLE})[ \t]*,[ \t]*$"
)
#: "Zijn vrouw, inmiddels 79, is ziek": a person noun, a modifier, the age in commas.
_NOUN_MOD_BEFORE = re.compile(
    rf"(?<![\w\-])(?:{_OWNER}|(?i:een|die))[ \t]+(?i:{_PEOPLE}|{_KIN})[ \t]*,[ \t]*"
    r"(?i:inmiddels|nu|al|bijna|pas|net|ruim|zelf|ook|toen)[ \t]+$"
)
_APPOSITION_END = re.compile(r"(?:[ \t]*jaar)?[ \t]*[,.]")
#: A birthday: "jarig: 93", "verjaardag, 86 jaar", "jarig geweest, negentig", "jarig en
#: dan wordt hij 77", "jarig is en dan 88 wordt".
_BIRTHDAY_BEFORE = re.compile(
    r"(?<![\w\-])(?i:jarig|verjaardag|verjaard)\b(?:[ \t]+(?i:geweest|gehad|is|was))?"
    r"(?:[ \t]*[:,][ \t]*|[ \t]+(?i:en)[ \t]+(?i:dan[ \t]+)?"
    rf"(?:(?i:wordt|werd|is|was)[ \t]+(?:{_SUBJECT_WORD}[ \t]+)?)?)"
    r"(?:(?i:al|alweer|pas|net|nu|dan)[ \t]+)*$"
)
#: What says the birthday is a thing's: a jubilee, an association, a building.
_THING_BIRTHDAY = re.compile(
    r"(?i:jubileum|bestaa?n|vereniging|club|stichting|koor|dorpshuis|buurthuis|school|kerk|"
    r"fanfare|harmonie|bond|KBO|winkel|bedrijf|project|\bhet[ \t]+\w+[ \t]+(?:is|was|viert|werd))"
)
#: "zou Jentje 80 zijn geworden", "is vorig jaar 95 geworden".
_BECAME_AFTER = re.compile(r"(?:[ \t]*jaar)?[ \t]+(?:(?i:zijn|is|was)[ \t]+)?(?i:geworden)\b")
_BECAME_BEFORE = re.compile(
    rf"(?<![\w\-])(?:(?i:zou|zouden|is|was|werd|ben|bent)[ \t]+{_SUBJECT}|{_SUBJECT}[ \t]+"
    r"(?i:zou|is|was|werd|ben|bent))[ \t]+"
    r"(?:(?i:dit|vorige?|volgende?|afgelopen|deze)[ \t]+(?:jaar|maand|week)[ \t]+"
    r"|(?i:al|pas|net|toen|nu|"
    r"gisteren|vandaag|eindelijk|ook)[ \t]+)*$"
)
_VERB_THEN_NAME = re.compile(r"(?i:zou|zouden|is|was|werd)[ \t]+\S+(?:[ \t]+\S+){0,3}$")
_BECAME_NAME = re.compile(
    r"[ \t]+(?:(?i:dit|vorige?|volgende?|afgelopen|deze)[ \t]+(?:jaar|maand|week)[ \t]+"
    r"|(?i:al|pas|net|toen|nu|"
    r"gisteren|vandaag|eindelijk|ook)[ \t]+)*"
)
#: A register line's field: the age alone between commas ("..., 79." "..., 86 (!),").
_FIELD_BEFORE = re.compile(r",[ \t]*$")
_FIELD_AFTER = re.compile(
    r"(?:[ \t]*(?:jr\.?|jaar))?[ \t]*(?:\([ \t]*!+[ \t]*\))?[ \t]*(?:[,;.]|$|\n)"
)
_NAME_FIELD_END = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[,–\-|]")
_LINE_OPEN = re.compile(r"[ \t]*(?:\d{1,3}[.)][ \t]*|[\-*•][ \t]*)?(?:(?i:dhr|mevr|mw)\.?[ \t]+)?")
#: "Jana, is drie": a name, a comma and the verb.
_NAME_COMMA_VERB = re.compile(
    rf"[ \t]*,[ \t]*(?i:is|was|wordt|werd)[ \t]+(?:(?i:nu|pas|net|al|bijna|ook)[ \t]+)*"
    rf"(?P<age>{_AGE})(?![\w\-])"
)
#: After "een meisje van negentien": where the person lives or comes from.
_PLACE_AFTER = re.compile(
    r"(?:[ \t]*jaar)?[ \t]+(?i:uit|van|bij|aan|op)[ \t]+(?:(?i:de|het|'t)[ \t]+)?[A-Za-z]"
)


#: "met haar 93", "met zijn 84 jaar": a possessive and the age.
_WITH_POSSESSIVE_BEFORE = re.compile(
    r"(?<![\w\-])(?i:met)[ \t]+(?i:zijn|haar|z'n|d'r|mijn|m'n)[ \t]+$"
)
_WITH_POSSESSIVE_AFTER = re.compile(
    r"(?:[ \t]*(?:jaar|jaren))?(?=[ \t]*(?:[,.;!?]|(?i:de[ \t]+(?:oudste|jongste)|nog|al|is|was|"
    r"fietst|rijdt|loopt|doet|woont|werkt)\b))"
)
#: A repair before the corrected age: "dus", "nee", "eigenlijk", "of eigenlijk".
_REPAIR_BEFORE = re.compile(
    r"(?<![\w\-])(?i:dus|nee|ja|eigenlijk|sorry|pardon|of)[ \t,]+(?:(?i:al|alweer|nu|ik[ \t]+ben|"
    r"eigenlijk|toch)[ \t,]+)*$"
)
_EVEN_AFTER = re.compile(r"[ \t]+(?i:zelfs|al|alweer|hoor)\b")
#: "81 (bijna 82)", "79 (in mei 80)": the next age in brackets.
_BRACKET_LATER = re.compile(
    r"(?:[ \t]*(?:jaar|jr\.?))?[ \t]*\([ \t]*(?:(?i:bijna|straks|binnenkort|al[ \t]+bijna|"
    r"volgende[ \t]+\w+|in[ \t]+\w+|op[ \t]+\d{1,2}[ \t]+\w+)[ \t]+)"
    rf"(?P<age>{_AGE})(?![\w\-])[ \t]*(?:jaar)?[ \t]*!*\)"
)
#: A form label of several fields split by "/" and the values in the same order.
_SLASH_LABEL = re.compile(r"(?P<label>[^\n:]{1,40}/[^\n:]{1,40}):[ \t]*(?P<values>[^\n]{1,80})")
_AGE_FIELD = re.compile(r"(?i:lft\.?|lftd\.?|leeftijd|age|jr\.?)")


def round10_ages(
    text: str, hits: list[Hit], candidates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the ages of the module docstring's classes; ``hits`` are the personal
    data found so far (names and ages), ``candidates`` the numbers that may be ages.

    >>> text = "Hij 88, zij een paar jaar jonger. Die zijn allemaal zeventien, achttien."
    >>> at = text.index("zeventien")
    >>> [text[s:e] for s, e in round10_ages(text, [], [(4, 6), (at, at + 9)])]
    ['88', 'zeventien']
    """
    spans: list[tuple[int, int]] = []
    small = _small_words(text)
    names = [h for h in hits if h.category == "PERSOON"]
    name_starts: dict[int, int] = {}
    for h in names:  # the longest name at each start
        name_starts[h.start] = max(h.end, name_starts.get(h.start, h.end))
    name_ends = {h.end for h in names}
    for start, end in sorted({*candidates, *small}):
        value = _value(text[start:end])
        if value is None or not 0 < value <= 110:
            continue
        lo = max(0, start - 80)
        # every pattern is tried only where a plain test of the characters before the
        # number finds its literal (a verb, a comma, "jarig", "met"): most numbers cost
        # a slice and a few "in" tests
        near = text[lo:start].casefold()
        comma = "," in near[-40:]
        tail = _TAIL.match(text, end) is not None
        verb = tail and any(v in near for v in _VERB_LITERALS)
        if (
            (verb and _INVERTED_BEFORE.search(text, lo, start))
            or (verb and _FILLER_LITERALS.search(near) and _FILLER_BEFORE.search(text, lo, start))
            or (tail and _PLURAL_LITERALS.search(near) and _plural(text, start, end, lo))
            or (
                _COMMA_AFTER.match(text, end)
                and _PRONOUN_BARE_BEFORE.search(text, max(0, start - 14), start)
            )
            or (
                comma
                and _APPOSITION_END.match(text, end)
                and (
                    _ROLE_BEFORE.search(text, max(0, start - 40), start)
                    or _NOUN_MOD_BEFORE.search(text, max(0, start - 50), start)
                )
            )
            or (
                _BRACKET_NEXT.match(text, end)
                and _COPULA_BEFORE.search(text, max(0, start - 40), start)
            )
            or (tail and ("jarig" in near or "verjaard" in near) and _birthday(text, start, lo))
            or (_BECAME_AFTER.match(text, end) and _became(text, start, lo, name_ends))
            or (
                value >= 10
                and near.rstrip().endswith(",")
                and _register_field(text, start, end, name_starts)
            )
            or (
                "met" in near[-14:]
                and _WITH_POSSESSIVE_BEFORE.search(text, max(0, start - 14), start)
                and _WITH_POSSESSIVE_AFTER.match(text, end)
            )
            or (
                _PLACE_AFTER.match(text, end)
                and "van" in text[max(0, start - 20) : start]
                and _PERSON_VAN_BEFORE.search(text, max(0, start - 90), start)
            )
        ):
            spans.append((start, end))
    for h in names:
        m = _NAME_COMMA_VERB.match(text, h.end, min(len(text), h.end + 40))
        if m and _TAIL.match(text, m.end("age")):
            spans.append(m.span("age"))
    if "/" in text and ("lft" in text or "eeftijd" in text or "LFT" in text):
        spans += _slashed_fields(text)
    ages = [(h.start, h.end) for h in hits if h.category == "LEEFTIJD"] + spans
    for start, end in ages:
        spans += _pair(text, start, end)
    spans += _repairs(text, ages, sorted({*candidates, *small}))
    for start, end in ages:
        later = _BRACKET_LATER.match(text, end, min(len(text), end + 40))
        first, value = _value(text[start:end]), _value(later.group("age")) if later else None
        if later and first is not None and value is not None and 0 <= value - first <= 2:
            spans.append(later.span("age"))
    return sorted(set(spans))


#: The literals the patterns before an age hold (in the case-folded text before it).
_VERB_LITERALS = ("word", "werd", "ben", "is", "was", "bin", "wör")
_FILLER_LITERALS = re.compile(r"\.\.\.|…|eh|uh|denk|kijk|wacht")
_PLURAL_LITERALS = re.compile(r"zijn|waren|worden|werden")
_SMALL_WORDS = ("twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "elf", "twaalf")


def _small_words(text: str) -> list[tuple[int, int]]:
    """Spans of the whole small number words ("drie", "Negen"), found with ``str.find``
    in the case-folded text (no regex tried at every position)."""
    folded = text.lower()
    spans = []
    if len(folded) != len(text):
        return [m.span() for m in _SMALL.finditer(text) if _free(text, m.start(), m.end())]
    for word in _SMALL_WORDS:
        at = folded.find(word)
        while at >= 0:
            if _free(text, at, at + len(word)):
                spans.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    return spans


def _repairs(
    text: str, ages: list[tuple[int, int]], candidates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A corrected age in the same turn: one more or less than an age said just before,
    after "dus", "nee", "eigenlijk"."""
    out = []
    for start, end in ages:
        first = _value(text[start:end])
        line_end = text.find("\n", end)
        if line_end >= 0 and text[end:line_end].rstrip().endswith("?"):
            line_end = text.find("\n", line_end + 1)  # "Bent u al tachtig?" - "Ja, 81 zelfs."
        hi = min(end + 120, len(text) if line_end < 0 else line_end)
        for c_start, c_end in candidates[bisect_right(candidates, (end, len(text))) :]:
            if c_start >= hi:
                break
            value = _value(text[c_start:c_end])
            if (
                first is not None
                and value is not None
                and abs(value - first) == 1
                and _REPAIR_BEFORE.search(text, max(0, c_start - 30), c_start)
                and (_TAIL.match(text, c_end) or _EVEN_AFTER.match(text, c_end))
            ):
                out.append((c_start, c_end))
    return out


def _slashed_fields(text: str) -> list[tuple[int, int]]:
    """ "Geb.datum / lft: 14-08-1949 / 75": the value in the age field's position."""
    out = []
    for m in _SLASH_LABEL.finditer(text):
        labels = [part.strip() for part in m.group("label").split("/")]
        where = [n for n, label in enumerate(labels) if _AGE_FIELD.fullmatch(label)]
        if not where:
            continue
        values = m.group("values").split(" / ") if " / " in m.group("values") else []
        if len(values) != len(labels):
            continue
        offset = m.start("values")
        for n, value in enumerate(values):
            core = value.strip().rstrip(".,;")
            if n in where and core.isdigit() and 0 < int(core) <= 110:
                at = text.index(core, offset)
                out.append((at, at + len(core)))
            offset += len(value) + 3
    return out


def _free(text: str, start: int, end: int) -> bool:
    """A whole word: no letter, digit or hyphen right before or after."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-'’" or after.isalnum() or after == "-")


def _plural(text: str, start: int, end: int, lo: int) -> bool:
    """ "die zijn allemaal 17", "de kleinkinderen zijn 14 en 17": a quantifier or a list."""
    m = _PLURAL_BEFORE.search(text, lo, start)
    return m is not None and (bool(m.group("all")) or _NEXT_AGE.match(text, end) is not None)


def _birthday(text: str, start: int, lo: int) -> bool:
    """An age after a birthday said of a person, not of a thing."""
    m = _BIRTHDAY_BEFORE.search(text, lo, start)
    if m is None:
        return False
    sentence = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    return not _THING_BIRTHDAY.search(text, sentence, start)


def _became(text: str, start: int, lo: int, name_ends: set[int]) -> bool:
    """ "zou mijn vader 100 zijn geworden", "zou Jentje 80 zijn geworden"."""
    if _BECAME_BEFORE.search(text, lo, start):
        return True
    for end in name_ends:
        if lo <= end < start and _BECAME_NAME.fullmatch(text, end, start):
            return _VERB_THEN_NAME.search(text, max(0, end - 60), end) is not None
    return False


def _register_field(text: str, start: int, end: int, name_starts: dict[int, int]) -> bool:
    """A bare age as a field of a line that opens with a name and a comma ("3. Geert
    Pots, Dorpsstraat 5, 84."; not a speaker's turn: "Gerda: Ja, achttien, soms ...")."""
    if not (_FIELD_BEFORE.search(text, max(0, start - 4), start) and _FIELD_AFTER.match(text, end)):
        return False
    line = text.rfind("\n", 0, start) + 1
    opening = _LINE_OPEN.match(text, line)
    if opening is None or opening.end() not in name_starts:
        return False
    return _NAME_FIELD_END.match(text, name_starts[opening.end()]) is not None


def _pair(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The age after an age: a second person's, or a later one of the same person (the
    same or at most two more)."""
    m = _PAIR_AFTER.match(text, end, min(len(text), end + 60))
    if m is None or not _TAIL.match(text, m.end("age")):
        return []
    value, first = _value(m.group("age")), _value(text[start:end])
    if value is None or not 0 < value <= 110:
        return []
    if m.group("later") is not None and (first is None or not 0 <= value - first <= 2):
        return []
    return [m.span("age")]


def _value(word: str) -> int | None:
    """The number an age is written as: "88", "zevenentachtig", "drie"."""
    if word.isdigit():
        return int(word)
    return word_number(word)


#: After a number: a length of service, of marriage, of living somewhere.
_SERVICE_AFTER = re.compile(
    r"[ \t]*jaar[ \t]+(?:(?i:lang)[ \t]+)?(?:(?i:als|bij|in|op|aan|voor)\b[^.,;!?\n]{0,40}?"
    r"\b(?i:gewerkt|gewoond|gezeten|gestaan|gereden|gediend|gezongen|gespeeld|getrouwd)\b"
    r"|(?i:getrouwd|samen|lid|actief|vrijwilliger|in[ \t]+dienst|werkzaam|gewerkt|gewoond|"
    r"ouder|jonger|verschil)\b)"
)
#: Before a number: an average.
_AVERAGE_BEFORE = re.compile(r"(?i:gemiddeld\w*)\b[^.;!?\n]{0,40}$")


def no_age(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is a length of service or an average, no
    one's age.

    >>> text = "Heeft 45 jaar als timmerman gewerkt. Gemiddelde leeftijd van de gasten 81 jaar."
    >>> no_age(text, 6, 8), no_age(text, 72, 74)
    (True, True)
    >>> no_age("Hij is 45 jaar en werkt.", 7, 9)
    False
    """
    return bool(
        _SERVICE_AFTER.match(text, end) or _AVERAGE_BEFORE.search(text, max(0, start - 60), start)
    )


def drop_no_ages(text: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` without the ages that :func:`no_age` rejects, whichever rule (or deduce)
    found them.

    >>> text = "Heeft 45 jaar als timmerman gewerkt."
    >>> drop_no_ages(text, [Hit(6, 8, "LEEFTIJD", "45"), Hit(0, 5, "PERSOON", "Heeft")])
    [Hit(start=0, end=5, category='PERSOON', text='Heeft')]
    """
    return [h for h in hits if h.category != "LEEFTIJD" or not no_age(text, h.start, h.end)]
