"""Names of organisations, venues and instruments found by their shape, kept in the text.

The curated allow list names the organisations it knows; most a project meets are not on
it ("Dorpshuis De Koppel", "Huisartsenpraktijk Van der Veen", "basisschool De Pieter
Zandt", "Zalencentrum Het Wapen van Vriezenveen"). Such a name has a shape: a legal or
sector head word (Stichting, Vereniging, Coöperatie, zorggroep, huisartsenpraktijk,
basisschool, kindcentrum, woonzorgcentrum, dorpshuis, ...) before capitalised words or a
name in quotes; "Het" before a capitalised name ("in Het Brinkhuis": a person's surname
takes no "Het"); "in", "uit" or "naar" + "De" before one ("in De Baron"); a name before
"-schaal", "-lijst", "-test" (an instrument: "Lubben-schaal"). :func:`organisation_spans`
gives their spans; they are protected like the curated phrases, so that neither deduce's
names nor a person's name linked across the store ("Mrs Hulsbeek" elsewhere) replaces
a word inside them. A person's name outside them is still a name.

>>> text = "Mevrouw Hulsbeek komt naar Zorgboerderij De Hulsbeek."
>>> [text[s:e] for s, e in organisation_spans(text)]
['Zorgboerderij De Hulsbeek']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .name_lists import first_names
from .places import is_place

__all__ = ["organisation_spans", "with_places"]

#: Head words that open an organisation's or venue's name, also in lower case
#: ("basisschool De Pieter Zandt"); after a generic one in lower case ("de stichting")
#: only an article, a quote or "Sint" opens the name (:data:`_GENERIC`).
_HEADS = (
    "stichting", "vereniging", "coöperatie", "cooperatie", "dorpscoöperatie",
    "dorpscooperatie", "zorgcoöperatie", "zorgcooperatie", "zorggroep", "zorgboerderij",
    "huisartsenpraktijk", "huisartsenpost", "fysiotherapiepraktijk", "tandartspraktijk",
    "praktijk", "apotheek", "basisschool", "kindcentrum", "kindcentra", "kinderopvang",
    "peuterspeelzaal", "school", "cbs", "obs", "pcbs", "rkbs", "ikc", "woonzorgcentrum",
    "zorgcentrum", "verzorgingshuis", "verpleeghuis", "hospice", "dorpshuis", "buurthuis",
    "wijkcentrum", "wijkgebouw", "kulturhus", "ontmoetingscentrum", "zalencentrum",
    "partycentrum", "zaal", "dorpsrestaurant", "restaurant", "eetcafé", "café", "cafe", "herberg",
    "hotel", "kerk", "parochie", "dorpsraad", "dorpsbelang", "buurtvereniging",
    "oranjevereniging", "wijkvereniging", "speeltuinvereniging", "seniorenvereniging",
    "ouderenvereniging", "voetbalvereniging", "sportvereniging", "muziekvereniging",
    "zangvereniging", "toneelvereniging", "sv", "vv", "fonds", "welzijn", "wijkteam",
    "buurtteam", "gemeente", "thuiszorg", "jeugdcentrum", "jongerencentrum",
    "bibliotheek", "museum", "sporthal", "gymzaal",
)  # fmt: skip
#: Lower-case heads that also stand for the kind of thing ("de stichting", "een
#: praktijk"): a name after them opens with an article, a quote or "Sint".
_GENERIC = frozenset(
    "stichting vereniging coöperatie cooperatie praktijk school kerk parochie fonds "
    "welzijn gemeente restaurant café cafe hotel museum zaal".split()
)
_HEAD = re.compile(
    r"(?<![\w\-'’])(?i:" + "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)) + r")"
    r"(?=[ \t]+\S)"
)
#: One word of the name: capitalised (letters, digits, hyphens, an abbreviation's
#: dots: "U.A."), or a small word joining capitalised ones ("Oude en Nieuwe Land",
#: "Wapen van Vriezenveen", "Hulp Op Maat").
_CAP = re.compile(r"[ \t]+((?:[A-Z]\.)+(?![\w\-])|(?:[A-ZÀ-Ý]|'t|’t)[\w'’\-]*\w)")
_JOIN = re.compile(r"[ \t]+(?:van|voor|en|op|aan|in|de|den|der|het|'t|’t|bij|onder|over)(?=[ \t])")
_QUOTED = re.compile(r"[ \t]+([\"“”'‘][^\"“”'‘’\n]{2,60}[\"“”'’])")
_ARTICLE = re.compile(r"[ \t]+(?:De|Het|Den|'t|’t|de|het|den)(?=[ \t]+[A-ZÀ-Ý])")
_SAINT = re.compile(r"[ \t]+(?:Sint|St\.|Prins|Prinses|Koning|Koningin)(?=[ \t])")
#: "Het" before a capitalised name, or "in/uit/naar De": a venue ("in Het Brinkhuis",
#: "in De Baron"); "bij De Vries" is a person and stays one.
_VENUE = re.compile(
    r"(?:(?<![\w\-'’])(?P<het>Het)|(?<![\w\-])(?i:in|uit|naar)[ \t]+(?P<de>De|Den))"
    r"(?=[ \t]+[A-ZÀ-Ý])"
)
#: An instrument named after its author: "Lubben-schaal", "De Jong Gierveld-schaal".
_INSTRUMENT = re.compile(
    r"(?<![\w\-])(?:[A-Z][\w'’]+[ \t]+)?[A-Z][\w'’]+-(?i:schaal|lijst|vragenlijst|test|"
    r"matrix|methode|model|index|meter|score)(?![\w\-])"
)
#: A school's name before its kind, a place after it: "Carmel College Salland",
#: "Etty Hillesum Lyceum", "Almere College" (a person's name that opens it stays in it).
_SCHOOL = re.compile(
    r"(?<![\w\-])(?:(?:[A-ZÀ-Ý][\w'’\-]+|[IVXL]{1,5})[ \t]+){1,3}"
    r"(?:College|Lyceum|Gymnasium|Scholengemeenschap|Academie)"
    r"(?:[ \t]+[A-ZÀ-Ý][\w'’\-]+)?(?![\w\-])"
)
_MAX_WORDS = 6
_ARTICLES = frozenset({"de", "het", "den", "der", "'t", "’t"})
#: A farm's or house's name is an address ("woont op Boerderij Het Hoge Erf", "erve Het
#: Lansink"), and so is a name with a house number ("op Het Wooldhuis 6"): not kept.
_FARM_BEFORE = re.compile(r"(?i:erve|erf|boerderij|hoeve|huize|hof)[ \t]+$")
_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,3}[a-zA-Z]?(?![\w\-])")
#: After a practice's name, "& Bosch" or "en Bosch": the owners' names ("Huisartsenpraktijk
#: De Lange & Bosch"), which stay personal data.
_OWNERS_AFTER = re.compile(r"[ \t]*(?:&|en[ \t])[ \t]*[A-Z]")


def _name_after(text: str, pos: int) -> int:
    """The end of the capitalised words (joined by small words) from ``pos``, or
    ``pos`` when none follows."""
    end, words = pos, 0
    while words < _MAX_WORDS:
        m = _CAP.match(text, end)
        if m is not None:
            end, words = m.end(), words + 1
            continue
        join = _JOIN.match(text, end)
        after = _CAP.match(text, join.end()) if join is not None else None
        if join is None or after is None or words == 0:
            break
        word = after.group(1).casefold()
        if word not in _ARTICLES and word in first_names():
            break  # "Stichting Welzijn Ommen en Henk Vechtman", "Het Buurtkompas van Koos
            # Pruim": a person follows
        end = join.end()
    return end


def _all(haystack: str, needle: str) -> Iterator[int]:
    """Every index of ``needle`` in ``haystack`` (a literal scan: fast)."""
    i = haystack.find(needle)
    while i != -1:
        yield i
        i = haystack.find(needle, i + 1)


def _heads(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_HEAD`, left to right, found from literal scans for the
    head words in the lower-cased text (one alternation tried at every character cost
    five times as much)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): no indices
        yield from _HEAD.finditer(text)
        return
    starts = sorted({i for head in _HEADS for i in _all(low, head)})
    end = 0
    for i in starts:
        if i < end:
            continue
        m = _HEAD.match(text, i)
        if m is not None:
            yield m
            end = m.end()


_DE_AT = re.compile(r"Den?(?=[ \t]+[A-ZÀ-Ý])")
_HET_AT = re.compile(r"Het(?=[ \t]+[A-ZÀ-Ý])")
_TO_BEFORE = re.compile(r"(?<![\w\-])(?i:in|uit|naar)[ \t]+$")


def _venues(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of "Het" before a capitalised name and of "De"/"Den" after "in",
    "uit" or "naar" (:data:`_VENUE`), from literal scans for "Het" and "De"."""
    for i in _all(text, "Het"):
        if (i == 0 or not _EDGE.match(text[i - 1])) and (m := _HET_AT.match(text, i)):
            yield i, m.end()
    for i in _all(text, "De"):
        if _TO_BEFORE.search(text, max(0, i - 8), i) and (m := _DE_AT.match(text, i)):
            yield i, m.end()


_EDGE = re.compile(r"[\w\-'’]")
_INSTRUMENT_ENDS = (
    "-schaal", "-lijst", "-vragenlijst", "-test", "-matrix", "-methode", "-model", "-index",
    "-meter", "-score",
)  # fmt: skip
_SCHOOL_WORDS = ("College", "Lyceum", "Gymnasium", "Scholengemeenschap", "Academie")


def _around(
    text: str, scanned: str, needles: Iterable[str], pattern: re.Pattern[str], reach: int
) -> list[tuple[int, int]]:
    """Matches of ``pattern`` that hold one of ``needles`` (found by a literal scan of
    ``scanned``), looked for within ``reach`` characters before it."""
    found: set[tuple[int, int]] = set()
    for needle in needles:
        for i in _all(scanned, needle):
            for m in pattern.finditer(text, max(0, i - reach), i + len(needle) + 40):
                if m.start() <= i < m.end():
                    found.add(m.span())
    return sorted(found)


#: A company named after its owner, by its trade after the name: "Kuiper Transport",
#: "Nijhuis Bouw", "Hulshof Installatietechniek" (the owner elsewhere stays a person).
_TRADES = (
    "Transport", "Transportbedrijf", "Bouw", "Bouwbedrijf", "Installatietechniek",
    "Installaties", "Schilderwerken", "Hoveniers", "Makelaardij", "Accountants",
    "Advocaten", "Logistiek", "Autobedrijf", "Tweewielers", "Reizen", "Metaal",
    "Techniek", "Tuincentrum", "Loonbedrijf", "Holding", "B.V.",
)  # fmt: skip
_TRADE = re.compile(
    r"(?<![\w\-])[A-ZÀ-Ý][\w'’\-]+[ \t]+(?:" + "|".join(map(re.escape, _TRADES)) + r")(?![\w\-])"
)
#: A farm's name that is a care farm or a museum, said so right after it: "Erve
#: Hesselink, da's de zorgboerderij", "Erve Kots (museum)"; it stays wherever the
#: document names it again.
_FARM_NAME = re.compile(r"(?<![\w\-])(?:Erve|Erf|Hoeve|Huize|Landgoed)[ \t]+[A-ZÀ-Ý][\w'’\-]+")
_FARM_KIND = re.compile(
    r"[ \t]*(?:[,(\-–][ \t]*(?:(?:da's|dat[ \t]+is|is|het|de|een)[ \t]+){0,3}"
    r"|(?:is|was)[ \t]+(?:een|de)[ \t]+)"
    r"(?:zorgboerderij|kinderboerderij|dagbesteding|openluchtmuseum|museum|theeschenkerij|"
    r"boerderijwinkel|zorginstelling|ontmoetingsplek|locatie[ \t]+van)"
)
#: Scholars' surnames and a word of the instrument named after them or their work: the
#: bare surname stays next to it ("dat spinnenweb van die dokter Huber").
_SCHOLARS = {
    "Huber": ("positieve gezondheid", "spinnenweb", "spinneweb"),
    "Gobbens": ("tilburg frailty", "tfi"),
    "Steverink": ("groningen frailty", "gfi"),
    "Lubben": ("lubben", "netwerk"),
    "De Jong Gierveld": ("eenzaamheid", "schaal", "lijst"),
    "Antonovsky": ("salutogen", "samenhang"),
}
_ACADEMIC_BEFORE = re.compile(
    r"(?i:dokter|dr\.|prof\.|professor|onderzoeker|onderzoekster|wetenschapper|arts|"
    r"bedenker|grondlegger|methode[ \t]+van|model[ \t]+van)[ \t.…]*\Z"
)
_PERSON_BEFORE = re.compile(
    r"(?:(?i:meneer|mevrouw|mijnheer|mevr\.|mw\.|dhr\.|de[ \t]+heer|juf)|[A-Z][a-z]+)[ \t]+\Z"
)
_TITLE_BEFORE = re.compile(
    r"(?i:meneer|mevrouw|mijnheer|mevr\.|mw\.|dhr\.|heer|juf|dokter)[ \t]+\Z"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


#: A venue's one-word name and the place it is in: "Brinkhuis Diever", "Kulturhus Bornerbroek",
#: "Dorpshoes Lattrop" (a surname before a place stays a name: the place must follow).
_HOUSE_ENDS = ("huis ", "hus ", "hoes ", "centrum ", "zaal ", "kerk ")
_HOUSE_PLACE = re.compile(
    r"(?<![\w\-])[A-ZÀ-Ý][\w'’\-]*(?:huis|hus|hoes|centrum|zaal|kerk)[ \t]+"
    r"(?P<place>[A-ZÀ-Ý][\w'’\-]+)"
)


def _houses_with_places(text: str) -> list[tuple[int, int]]:
    """:data:`_HOUSE_PLACE` where the second word is a place of the Netherlands."""
    return [
        span
        for span in _around(text, text, _HOUSE_ENDS, _HOUSE_PLACE, 40)
        if (m := _HOUSE_PLACE.match(text, span[0]))
        and is_place(m.group("place"))
        and not _TITLE_BEFORE.search(text, max(0, span[0] - 12), span[0])
    ]


def _scholars(text: str) -> list[tuple[int, int]]:
    """A scholar's bare surname where the document speaks of the instrument: after an
    academic's word ("dokter Huber", "prof. Gobbens") or in the sentence that names the
    instrument; never after a title or a first name ("meneer Huber", "Sanne Huber")."""
    low = text.lower()
    out: list[tuple[int, int]] = []
    for name, cues in _SCHOLARS.items():
        if name not in text or not any(cue in low for cue in cues):
            continue
        for at in _all(text, name):
            end = at + len(name)
            if (at and _EDGE.match(text[at - 1])) or (end < len(text) and _EDGE.match(text[end])):
                continue
            if _ACADEMIC_BEFORE.search(text, max(0, at - 24), at):
                out.append((at, end))
                continue
            if _PERSON_BEFORE.search(text, max(0, at - 12), at):
                continue
            begin = max(
                (m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 200), at)), default=0
            )
            stop = _SENTENCE_END.search(text, end)
            sentence = low[begin : stop.start() if stop else len(text)]
            if any(cue in sentence for cue in cues):
                out.append((at, end))
    return out


def _skip_blank(text: str, pos: int) -> int:
    """``pos`` moved past spaces and tabs."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _farms(text: str) -> set[str]:
    """Farms' names said to be a care farm or a museum (:data:`_FARM_KIND`)."""
    if "Erve" not in text and "Erf" not in text and "Hoeve" not in text and "Huize" not in text:
        return set()
    return {m.group() for m in _FARM_NAME.finditer(text) if _FARM_KIND.match(text, m.end())}


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of organisations', venues' and instruments' names in ``text``, by shape
    (head word + capitalised name or a name in quotes; "Het" + name; "in De" + name;
    "Name-schaal"), sorted. In a document that names "basisschool De Pieter Zandt",
    "De Pieter Zandt" elsewhere is that school too (a name of two or more words after
    its article: "De Vries" is no school's name on its own).

    >>> t = "Juf Ellen van basisschool De Pieter Zandt; de kinderen van De Pieter Zandt."
    >>> [t[s:e] for s, e in organisation_spans(t)]
    ['basisschool De Pieter Zandt', 'De Pieter Zandt']
    >>> organisation_spans("Meneer Van der Veen belde de stichting.")
    []
    """
    spans: list[tuple[int, int]] = []
    again: set[str] = set()
    for m in _heads(text):
        head = m.group()
        pos = m.end()
        quoted = _QUOTED.match(text, pos)
        if quoted is not None:
            spans.append((m.start(), quoted.end()))
            continue
        article = _ARTICLE.match(text, pos) or _SAINT.match(text, pos)
        if article is None and head.islower() and head in _GENERIC:
            continue  # "de stichting Henk ...": the kind of thing, not its name
        start_name = article.end() if article is not None else pos
        end = _name_after(text, start_name)
        if end == start_name or _NUMBER_AFTER.match(text, end):
            continue
        if head.casefold().endswith("praktijk") and _OWNERS_AFTER.match(text, end):
            continue  # "Huisartsenpraktijk De Lange & Bosch": its owners
        spans.append((m.start(), end))
        if article is not None and len(text[start_name:end].split()) >= 2:
            again.add(text[article.start() : end].strip())
        elif farm := _FARM_NAME.match(text, _skip_blank(text, start_name), end):
            again.add(farm.group())  # "Zorgboerderij Erve Bosscher": "Erve Bosscher"
    for start, after in _venues(text):
        end = _name_after(text, after)
        if _FARM_BEFORE.search(text, max(0, start - 12), start) or _NUMBER_AFTER.match(text, end):
            continue  # a farm's name or a house: an address
        if end > after:
            spans.append((start, end))
    spans += _around(text, text.lower(), _INSTRUMENT_ENDS, _INSTRUMENT, 60)
    spans += _around(text, text, _SCHOOL_WORDS, _SCHOOL, 80)
    spans += _around(text, text, _TRADES, _TRADE, 40)
    spans += _scholars(text)
    spans += _houses_with_places(text)
    again |= _farms(text)
    for name in again:  # "De Pieter Zandt" again, without its head
        spans += [
            (n.start(), n.end())
            for n in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"(?![\w\-])", text)
        ]
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if out and end <= out[-1][1]:
            continue  # inside a longer one
        out.append((start, end))
    return out


#: "aan de", "op het" before a name with a house number after it: an address.
_STREET_BEFORE = re.compile(r"(?<![\w\-])(?i:aan|op|in)[ \t]+(?i:de|het|den)?[ \t]*\Z")
#: One or two capitalised words right after a span: a place that may close the name.
_PLACE_AFTER = re.compile(r"[ \t]+([A-ZÀ-Ý][\w'’\-]+(?:[ \t]+[A-ZÀ-Ý][\w'’\-]+)?)")


def with_places(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, each with a place right after it taken in: "Wijkracht Hengelo" is one
    organisation's name, not "Wijkracht" and a person called Hengelo.

    >>> t = "Bel Wijkracht Hengelo of Wijkracht Jan."
    >>> spans = [(m.start(), m.end()) for m in re.finditer("Wijkracht", t)]
    >>> [t[s:e] for s, e in with_places(t, spans)]
    ['Wijkracht Hengelo', 'Wijkracht']
    """
    out = []
    for start, end in spans:
        if _NUMBER_AFTER.match(text, end) and _STREET_BEFORE.search(
            text, max(0, start - 12), start
        ):
            continue  # "aan de Stouwe 3": a street and a house number, not the care group
        m = _PLACE_AFTER.match(text, end)
        if m is not None:
            words = m.group(1).split()
            for n in (len(words), 1):
                if is_place(" ".join(words[:n])):
                    end = m.start(1) + len(" ".join(words[:n])) if n == 1 else m.end()
                    break
        out.append((start, end))
    return out
