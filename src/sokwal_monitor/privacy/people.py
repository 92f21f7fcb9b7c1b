"""Personal data that deduce misses and the project's own rules find, around people:
ages said of someone ("ze is 79", "iemand van 85", "Smit (87)", "Meneer is 88, mevrouw
84"), family names ("de familie Smit"), and nicknames and years of birth written right
after a name ("Jan Smit (Cor)", "(geb. 1942)").

>>> [h.text for h in said_ages("Mijn moeder is 79 en woont alleen.")]
['79']
"""

from __future__ import annotations

import re

from .lists import ORGANISATION_HEAD, Hit, Lists
from .name_lists import common_words, first_names, surnames
from .name_words import in_lower_case
from .numwords import AGE_WORD, age_word_spans, word_number
from .places import is_place

__all__ = [
    "after_names", "ages_after_names", "family_names", "labelled_ages", "next_ages", "said_ages",
    "word_ages",
]  # fmt: skip

#: An age right after a person's name: "Smit (87)", "Smit, die is 87", "Smit is 87 jaar",
#: "Mevrouw K. (84)".
_AGE_AFTER_NAME = re.compile(
    r"\.?\s*(?:\((?P<paren>\d{1,3})\)|,?\s*(?:die\s+|en\s+)?(?:is|was|wordt|werd)\s+"
    r"(?:nu\s+|al\s+|inmiddels\s+|pas\s+|bijna\s+|net\s+)?(?P<said>\d{1,3})"
    r"(?=\s*(?:jaar\b|[,.;:!?)]|$|en\s|geworden\b)))"
)
#: What ends an age said of someone: "jaar", punctuation, "en ...", "geworden".
_AGE_END = r"(?:\s*jaar(?:\s+oud)?)?(?=\s*(?:[,.;:!?)]|$|en\s|geworden\b|geweest\b))"
#: Words that make the number after them something else than an age ("groep 8").
_NOT_AGE_WORD = (
    r"(?:groep|klas|week|nummer|nr|pagina|blz|hoofdstuk|stap|fase|niveau|plaats|score|"
    r"om|rond|tegen|vanaf|tot|sinds|van|op|voor|na|uur|kamer|bus|lijn|tafel|punt|cijfer)"
)

#: "Ze is 79", "ik ben 82 jaar.": an age said of a person, without a name before it.
_AGE_SAID = re.compile(
    r"(?<!\w)(?:(?:ik|hij|zij|ze|die|u|meneer|mevrouw|(?:mijn|zijn|haar|onze|hun)\s+[a-z]+)"
    r"\s+(?:ben|bent|is|was|werd|wordt|word)"
    r"|(?:ben|is|was|werd|wordt)\s+(?:ik|hij|zij|ze|u)|en\s+(?:wordt|werd))"
    r"\s+(?P<between>(?:[a-z]+\s+){0,3}?)(?P<age>\d{1,3})" + _AGE_END,
    re.IGNORECASE,
)
#: "iemand van 79", "een vrouw van 85": an age of someone in particular.
_AGE_OF_SOMEONE = re.compile(
    r"(?<!\w)(?:iemand|een\s+(?:man|vrouw|meneer|mevrouw|dame|heer|weduwe|weduwnaar|jongen|"
    r"meisje))\s+van\s+(?:bijna\s+|ruim\s+|al\s+|pas\s+)?(?P<age>\d{1,3})"
    r"(?:\s*jaar(?:\s+oud)?)?(?!\w)(?![,.]?\d)"
    r"(?!\s*(?:procent|%|euro|kilo|kg|km|kilometer|meter|cm|minuten|uur|mensen|personen)\b)",
    re.IGNORECASE,
)
#: The next age in a list: "Meneer is 88, mevrouw 84", "Jan is 80 en Marie 78".
_AGE_NEXT = re.compile(
    r"(?:\s*jaar)?\s*(?:,|\ben\b)\s*(?:en\s+)?(?:meneer|mevrouw|zij|hij|ze|[A-Z][a-z]+)\s+"
    r"(?P<age>\d{1,3})(?=\s*(?:jaar\b|[,.;:!?)]|$))"
)

#: "de familie Tiesing", "fam. Ter Horst", "het gezin Ghebremariam", "echtpaar Nijkamp":
#: the surname after it.
_FAMILY = re.compile(
    r"(?<!\w)(?:familie|fam\.|gezin|echtpaar|huishouden)\s+(?P<name>(?:(?:van\s+der|van\s+den|van\s+de|van|"
    r"de|der|den|ter|ten|'t)\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)",
    re.IGNORECASE,
)
#: After a name: a nickname "(Cor)", "roepnaam Henk"; a year of birth "(1942)",
#: "(geb. 1942)", "(°1942)".
_AFTER_NAME = re.compile(
    r"\s*(?:\((?P<nick>[A-Z][a-z]+)\)|,?\s*\(?roepnaam\s+(?P<called>[A-Z][a-z]+)"
    r"|\((?P<cue>geb\.?\s*|°\s*|\*\s*|van\s+)?(?P<year>(?:19|20)\d\d|['’]\d\d)\)"
    # a bare year after a name in a list: "(Roelof 1936, Aaltje 1939)"
    r"|[ \t]+(?P<bare>(?:18|19|20)\d\d)(?=[ \t]*(?:[,;)]|en\s|$))"
    # an address in apposition: "Emine Kaya, Keizerslanden 118."
    r"|,[ \t]+(?P<addr>(?!(?:Groep|Klas|Kamer|Tafel|Team|Bus|Lijn|Week|Fase|Stap|Hoofdstuk|"
    r"Pagina|Blok|Afdeling|Route|Ronde|Dag|Jaar|Zaal|Unit|Sectie)\b)[A-Z][a-z][\w'’\-]*"
    r"(?:[ \t]+[A-Z][\w'’\-]*)?[ \t]+(?!(?:19|20)\d\d\b)\d{1,4}[a-zA-Z]?)(?=[ \t]*(?:[,.;)]|$)))",
    re.MULTILINE,
)
#: Years this many or more before the interview's are years of birth after a name; a
#: more recent one in brackets is a date of the report ("Jan Smit (2024)").
_MIN_BIRTH_AGE = 16


#: A number that may be an age; the age patterns are tried only around these.
_SMALL_NUMBER = re.compile(r"\d{1,3}(?![\w:]|[,.]\d)")  # not in "00:01,500": see below
#: A verb of :data:`_AGE_SAID` before a number (a cheap test before the pattern).
_VERB_BEFORE = re.compile(r"(?i:ben|bent|is|was|werd|wordt|word)\b")


def said_ages(text: str) -> list[Hit]:
    """Ages said of someone (:data:`_AGE_SAID`, :data:`_AGE_OF_SOMEONE`), looked for
    only in a window around each small number (the patterns are slow on a whole text)."""
    found: dict[tuple[int, int], Hit] = {}
    for number in _SMALL_NUMBER.finditer(text):
        start = number.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in ":,._"):
            continue  # part of a time, an amount, a code
        lo, hi = max(0, start - 80), min(len(text), number.end() + 80)
        patterns = []
        if _VERB_BEFORE.search(text, max(0, start - 60), start):
            patterns.append(_AGE_SAID)
        if "van" in text[max(0, start - 20) : start]:
            patterns.append(_AGE_OF_SOMEONE)
        for pattern in patterns:
            for m in pattern.finditer(text, lo, hi):
                if m.span("age") == number.span() and _an_age(m, text):
                    found[number.span()] = Hit(*number.span(), "LEEFTIJD", number.group())
    return list(found.values())


def _an_age(m: re.Match[str], text: str) -> bool:
    """An age: at most 120, and not a number of something ("in groep 8", "om 12"),
    unless it is said to be an age ("vorige week 84 geworden")."""
    if int(m.group("age")) > 120:
        return False
    between = m.groupdict().get("between") or ""
    if _NOT_AGE_BEFORE.search(between):
        return bool(_SAID_AGE_AFTER.match(text, m.end("age")))
    return True


_NOT_AGE_BEFORE = re.compile(rf"(?:^|\s){_NOT_AGE_WORD}\s+$", re.IGNORECASE)
_SAID_AGE_AFTER = re.compile(r"\s*(?:jaar\b|geworden\b)", re.IGNORECASE)


#: A first name and the trade or shop someone is known by: "Toon van de slager", "Riek
#: van de bakkerij", "Jan van de groenteboer".
_BY_TRADE = re.compile(
    r"(?<=\s)van\s+(?:de|het|'t)\s+"
    r"(?:slager\w*|bakker\w*|smid|smederij|kapper\w*|kruidenier\w*|molen(?:aar)?|"
    r"melkboer|visboer|groenteboer|boer(?:derij)?|garage|pomp|snackbar|friettent|"
    r"supermarkt|winkel|kroeg|café|post|dokter|apotheek|schoenmaker\w*|timmerman|"
    r"schilder\w*|loonwerker|loonbedrijf|transportbedrijf|zaak|[a-z]+(?:winkel|zaak|bedrijf))"
    r"(?![\w\-])"
)
#: A family by its surname in the plural: "van de Nijlands van de kruidenierszaak", "bij de
#: Olthofs"; the surname lists must hold the name without the "s".
_FAMILY_PLURAL = re.compile(r"(?<=\s)de\s+(?P<name>[A-Z][a-z]+s)(?![\w\-])")
_NAME_BEFORE_VAN = re.compile(r"(?<![\w\-])[A-Z][a-zé]+\s+$")
_PREPOSITION_BEFORE = re.compile(r"(?<![\w\-])(?i:van|bij|naar|met|voor|aan)\s+$")


#: People of a region or country, whose singular is a surname too ("met de Hollanders").
_DEMONYMS = frozenset(
    "hollander brabander limburger groninger fries friese zeeuw drent tukker sallander "
    "achterhoeker amsterdammer rotterdammer utrechter duitser belg engelsman schot "
    "fransman pool turk marokkaan surinamer antilliaan molukker indonesiër amerikaan".split()
)


def trade_and_family_names(text: str, lists: Lists) -> list[Hit]:
    """First names with the trade someone is known by ("Toon van de slager", a known
    first name only) and families by their surname in the plural ("van de Nijlands").

    >>> [h.text for h in trade_and_family_names("Toon van de slager gaf het vlees.", Lists.of())]
    ['Toon']
    >>> trade_and_family_names("De toon van de slager was fel. Bij de Gebroeders.", Lists.of())
    []
    """
    out = []
    if " van " in text:
        for m in _BY_TRADE.finditer(text):
            before = _NAME_BEFORE_VAN.search(text, max(0, m.start() - 25), m.start())
            if before is None:
                continue
            name = before.group().rstrip()
            if name.casefold() in first_names() and not (lists.allowed(name) or is_place(name)):
                out.append(Hit(before.start(), before.start() + len(name), "PERSOON", name))
    if " de " in text:
        for m in _FAMILY_PLURAL.finditer(text):
            if not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue
            name = m.group("name")
            stem = name[:-1].casefold()
            if (
                stem in surnames()
                and stem not in common_words()
                and name.casefold() not in common_words()
                and stem not in _DEMONYMS
                and not (lists.allowed(name) or is_place(name))
            ):
                out.append(Hit(m.start("name"), m.end("name"), "PERSOON", name))
    return out


def family_names(text: str, lists: Lists) -> list[Hit]:
    """Surnames after "familie", "fam.", "gezin", "echtpaar", "huishouden"; in a
    transcript without capitals a lower-case surname too ("familie brink"), when the
    surname lists hold it and it is no common word.

    >>> [h.text for h in family_names("Het gezin Ghebremariam woont er.", Lists.of())]
    ['Ghebremariam']
    """
    folded = text.casefold()
    if not any(cue in folded for cue in _FAMILY_CUES):
        return []
    lower_ok: bool | None = None
    out = []
    for m in _FAMILY.finditer(text):
        name = m.group("name")
        if name[0].islower():
            lower_ok = in_lower_case(text) if lower_ok is None else lower_ok
            last = name.split()[-1].casefold()
            if not lower_ok or last not in surnames() or last in common_words():
                continue  # "familie brink", not "de familie thuis", "gezin srt" (a file name)
        elif ORGANISATION_HEAD.match(name):
            continue  # "Familie Gemeente ..."
        if not lists.allowed(name) and not is_place(name):
            out.append(Hit(m.start("name"), m.end("name"), "PERSOON", name))
    return out


_FAMILY_CUES = ("familie", "fam.", "gezin", "echtpaar", "huishouden")


def after_names(text: str, hits: list[Hit], year: int | None = None) -> list[Hit]:
    """Nicknames and years of birth written right after a person's name: "(Jaap)",
    "(geb. 1938)", "(van '51)", "(1938)", a bare year in a list ("Roelof 1936,
    Aaltje 1939"). A four-digit year without a cue is a year of birth only when it lies
    16 years or more before ``year`` (the interview's; default: no check for a year in
    brackets, none found bare): "Jan Smit (2024)" is the date of a report.

    >>> text = "Jan Smit (2024) en Roelof 1936, Aaltje (1939)."
    >>> found = [Hit(0, 8, "PERSOON", "Jan Smit"), Hit(19, 25, "PERSOON", "Roelof"),
    ...          Hit(32, 38, "PERSOON", "Aaltje")]
    >>> [h.text for h in after_names(text, found, 2024)]
    ['1936', '1939']
    """
    out = []
    for hit in hits:
        if hit.category != "PERSOON":
            continue
        m = _AFTER_NAME.match(text, hit.end, min(len(text), hit.end + 40))
        if m is None:
            continue
        for group, category in (
            ("nick", "PERSOON"),
            ("called", "PERSOON"),
            ("year", "GEBOORTEDATUM"),
            ("bare", "GEBOORTEDATUM"),
            ("addr", "ADRES"),
        ):
            value = m.group(group)
            if value and group in ("year", "bare") and value.isdigit() and not m.group("cue"):
                if year is None and group == "bare":
                    continue
                if year is not None and year - int(value) < _MIN_BIRTH_AGE:
                    continue  # "Jan Smit (2024)": the report's date, not a birth
            if group == "addr" and value and is_place(value.rsplit(None, 1)[0]):
                continue  # "Jan, Deventer 3": a place and a count
            if value and not (group == "nick" and is_place(value)):  # "Boerrigter (Dinkelland)"
                out.append(Hit(m.start(group), m.end(group), category, value))
    return out


def next_ages(text: str, hits: list[Hit]) -> list[Hit]:
    """The ages that follow an age in a list: "Meneer is 88, mevrouw 84"."""
    out = []
    for hit in hits:
        if hit.category != "LEEFTIJD":
            continue
        m = _AGE_NEXT.match(text, hit.end, min(len(text), hit.end + 40))
        if m and int(m.group("age")) <= 120:
            out.append(Hit(m.start("age"), m.end("age"), "LEEFTIJD", m.group("age")))
    return out


def ages_after_names(text: str, hits: list[Hit]) -> list[Hit]:
    """Ages tied to a person that deduce misses without "jaar": "Smit (87)", "Smit, die is
    87"."""
    out = []
    for hit in hits:
        if hit.category != "PERSOON":
            continue
        m = _AGE_AFTER_NAME.match(text, hit.end, min(len(text), hit.end + 40))
        group = m and ("paren" if m.group("paren") else "said")
        if m and group and int(m.group(group)) <= 120:
            out.append(Hit(m.start(group), m.end(group), "LEEFTIJD", m.group(group)))
    return out


#: "Ik ben zevenentachtig", "johan is tweeëntachtig en", "iemand van tachtig",
#: "(negentig)": an age in words said of someone.
_AGE_WORD_SAID = re.compile(
    r"(?<!\w)(?:ik\s+ben|ben\s+ik|is\s+(?:hij|zij|ze)|"
    r"(?!(?:het|dat|dit|er|wat|alles|totaal|bedrag|prijs|score|aantal|groep|klas|nummer|"
    r"tijd|uur|dag|week)\s)\w+\s+(?:is|was|werd|wordt|bent|word)|"
    r"(?:is|was|werd|wordt)\s+(?!(?:het|dat|dit|er|dan|toen|nu|al|bijna|pas)\s)[A-Z]\w+|"
    r"(?:iemand|een\s+(?:man|vrouw|meneer|mevrouw|dame|heer|weduwe|weduwnaar))\s+van)"
    r"\s+(?:(?:nu|al|bijna|inmiddels|pas|net|ruim|ook|gewoon|nog|zelf|maar)\s+){0,2}"
    rf"(?P<age>{AGE_WORD})(?:\s+jaar(?:\s+oud)?)?"
    r"(?=\s*(?:[,.;:!?)\[<]|$|en\s|geworden\b|geweest\b|oud\b|\n))"
    rf"|\((?P<paren>{AGE_WORD})\)",
    re.IGNORECASE,
)


def word_ages(text: str) -> list[Hit]:
    """Ages said in words ("ze is zevenentachtig"), looked for only around number words.

    >>> [h.text for h in word_ages("Kees is tachtig en weduwnaar.")]
    ['tachtig']
    >>> word_ages("Het is twintig minuten lopen.")
    []
    """
    found: dict[int, Hit] = {}
    for start, end in age_word_spans(text):
        lo = max(0, start - 40)
        for m in _AGE_WORD_SAID.finditer(text, lo, min(len(text), end + 30)):
            group = "age" if m.group("age") else "paren"
            value = word_number(m.group(group))
            if m.span(group) == (start, end) and value is not None and value <= 120:
                found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
    return list(found.values())


#: An age in a form or a list: "Leeftijd: 63", "R1 (Sem, 16)", "(dus 73)", "(73 jaar)".
_LABELLED_AGE = re.compile(
    r"(?<!\w)(?:leeftijd|lft\.?)\s*:?\s*(?P<a>\d{1,3})(?![\w,.]\d|\d)"
    r"|\(\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?,\s*(?P<b>\d{1,3})(?:\s*jaar)?\s*\)"
    r"|\(\s*(?:dus|nu|inmiddels|thans)\s+(?P<c>\d{1,3})(?:\s*jaar)?\s*\)",
    re.IGNORECASE,
)


def labelled_ages(text: str) -> list[Hit]:
    """Ages in forms and lists of people: "Leeftijd: 63", "R1 (Sem, 16)", "(dus 73)".

    >>> [h.text for h in labelled_ages("Leeftijd: 63. Deelnemers: R1 (Sem, 16), groep (8)")]
    ['63', '16']
    """
    if "eeftijd" not in text and "(" not in text and "EEFTIJD" not in text:
        return []
    out = []
    for m in _LABELLED_AGE.finditer(text):
        group = next(g for g in "abc" if m.group(g))
        if int(m.group(group)) <= 120:
            out.append(Hit(m.start(group), m.end(group), "LEEFTIJD", m.group(group)))
    return out
