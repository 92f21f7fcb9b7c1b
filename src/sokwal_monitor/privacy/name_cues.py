"""People's names found by their context: a relative or neighbour named ("mijn dochter
Noor", "haar man johan"), a title before a lower-case surname in a transcript ("mevrouw
ten have"), someone quoted or met ("zei Kees", "met Fatima"), a speaker introducing
themself ("ik ben gerda hulsbeek"); known first names in lower-case transcripts; and
lists of people (attendee lists of minutes, e-mail headers, speaker labels of chats).

>>> [h.text for h in listed_names("Aanwezig: Annie Oude Vrielink, Gerrit Nijhuis")]
['Annie Oude Vrielink', 'Gerrit Nijhuis']
"""

from __future__ import annotations

import re

from .lists import Hit, Lists, is_organisation
from .name_lists import _NEVER, dutch_words, first_names, is_name_word, person_names
from .places import is_place

__all__ = ["cued_names", "in_lower_case", "listed_names", "lower_case_names"]


def _is_person(name: str, lists: Lists, *, lower_ok: bool = False, place_ok: bool = False) -> bool:
    """A candidate name all of whose words may be a name, and that is no place,
    organisation or allowed phrase."""
    tokens = _TOKEN.findall(name)
    words = [
        (w, i > 0 and bool(_PARTICLE.fullmatch(tokens[i - 1])))
        for i, w in enumerate(tokens)
        if not (_PARTICLE.fullmatch(w) and i + 1 < len(tokens))
    ]
    # a capitalised word after a particle is a surname ("ter Haar", "in 't Groen")
    if not words or not all(
        (after and w[0].isupper())
        or is_name_word(w, lower_ok=lower_ok)
        or (i > 0 and lower_ok and w.casefold() not in dutch_words())  # "gerda hulsbeek"
        for i, (w, after) in enumerate(words)
    ):
        return False
    return not (lists.allowed(name) or (is_place(name) and not place_ok) or is_organisation(name))


_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_PARTICLE = re.compile(
    r"(?:van|de|der|den|ter|ten|te|het|'t|’t|t|in|op|la|le|du|da|di|del|el|al|bin|ben|ibn|"
    r"abu|von|zu)",
    re.IGNORECASE,
)
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|in\s+'t|in\s+’t|'t|op\s+de|el|al)\s+)"
_WORD = r"[^\W\d_][\w'’\-]*"
#: A name after a cue: one word, or more words with particles between ("Wim van Olst").
_CUED = rf"(?P<name>{_WORD}(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+)?)"
_KIN = (
    r"(?:man|vrouw|echtgeno(?:o|t)e?|partner|dochter(?:tje)?|zoon(?:tje)?|broer(?:tje)?|"
    r"zus(?:je)?|zuster|zwager|schoonzus|moeder|vader|opa|oma|kleinzoon|kleindochter|"
    r"kleinkind|schoon(?:moeder|vader|zoon|dochter)|stief(?:vader|moeder|zoon|dochter)|"
    r"nicht(?:je)?|neef(?:je)?|tante|oom|(?:over)?buur(?:man|vrouw|jongen|meisje)|vriend(?:in)?|"
    r"maatje|kind|pleeg(?:zoon|dochter|kind)|mantelzorger|weduwe|weduwnaar|collega)"
)
#: "mijn dochter Noor", "Zoon Kuba", "haar man johan": a relative or neighbour named.
_KIN_CUE = re.compile(
    rf"(?<!\w)(?:(?:mijn|m'n|zijn|z'n|haar|onze|ons|hun|uw|je|jouw|de|een)\s+)?{_KIN}"
    rf"\s+{_CUED}",
    re.IGNORECASE,
)
#: "mevrouw ten have", "meneer hulsbeek": a title before a lower-case surname (deduce
#: finds the capitalised ones).
_TITLE_CUE = re.compile(
    r"(?<!\w)(?:mevrouw|meneer|mijnheer|mevr\.?|mw\.?|dhr\.?|de\s+heer|juffrouw|dokter)\s+"
    rf"(?P<name>{_PARTICLES}*[a-z][\w'’\-]+)",
    re.IGNORECASE,
)
#: "zei Kees", "volgens Tesfay": someone quoted (any name-like word).
_SAID_CUE = re.compile(
    r"(?<!\w)(?:zei|zegt|zeggen|vertelt|vertelde|vroeg|vraagt|antwoordt|antwoordde|riep|"
    rf"meldt|meldde|volgens|aldus)\s+{_CUED}",
    re.IGNORECASE,
)
#: "met Fatima", "via wendy": someone met (a known first name only).
_WITH_CUE = re.compile(
    r"(?<!\w)(?:met|via|samen\s+met|tegen|naast|heet|noemen\s+ze|noemt\s+men)\s+"
    rf"(?P<name>{_WORD})",
    re.IGNORECASE,
)
#: "ik ben gerda hulsbeek", "mijn naam is Ayşe": someone introducing themself.
_SELF_CUE = re.compile(
    rf"(?<!\w)(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is|naam\s*:)\s+{_CUED}",
    re.IGNORECASE,
)


_KIN_WORDS = frozenset(
    "man vrouw echtgenoot echtgenote partner dochter dochtertje zoon zoontje broer broertje "
    "zus zusje zuster zwager schoonzus moeder vader opa oma opoe ome kleinzoon kleindochter "
    "kleinkind schoonmoeder schoonvader schoonzoon schoondochter stiefvader stiefmoeder "
    "stiefzoon stiefdochter nicht nichtje neef neefje tante oom buurman buurvrouw buurjongen "
    "buurmeisje overbuurman overbuurvrouw vriend vriendin maatje kind pleegzoon pleegdochter "
    "pleegkind mantelzorger weduwe weduwnaar collega juf meester".split()
)
#: People named by their role in the project: "de tolk Mehari", "vrijwilliger Anton",
#: "buurtcoach Sanne" (after the role, with or without a comma or a bracket).
_ROLE_WORDS = frozenset(
    "tolk vrijwilliger vrijwilligster buurtcoach wijkcoach ouderenadviseur huisarts dominee "
    "pastor pastoor wijkverpleegkundige verpleegkundige thuiszorgmedewerker chauffeur "
    "bezorger opbouwwerker jongerenwerker welzijnswerker mantelzorgconsulent "
    "dorpsondersteuner praktijkondersteuner casemanager maatje".split()
)
_SAID_WORDS = frozenset(
    "zei zegt zeggen vertelt vertelde vroeg vraagt antwoordt antwoordde riep meldt meldde "
    "volgens aldus".split()
)
_WITH_WORDS = frozenset("met via tegen naast heet".split())
_WITH_PAIRS = frozenset({("samen", "met"), ("noemen", "ze"), ("noemt", "men")})
_SELF_PAIRS = frozenset({("ik", "ben"), ("ik", "heet"), ("naam", "is")})
#: A capitalised word after a space: where a cued name may start in written text.
_CAPITAL_AFTER_SPACE = re.compile(r"(?<=[ \t\n(])[A-ZÀ-ÝĀ-Ž]")
_CUED_AT = re.compile(rf"{_WORD}(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+)?")


def _cues_before_capitals(text: str) -> list[tuple[int, str, bool]]:
    """``(start, words, known_only)`` of each capitalised word right after a cue word: the
    cue is read back from the word (a set lookup), so the text is scanned once."""
    out = []
    for cap in _CAPITAL_AFTER_SPACE.finditer(text):
        start = cap.start()
        context = text[max(0, start - 30) : start]
        if context.endswith("("):  # "mijn vader (Slamet, ...)": the cue before the bracket
            context = context[:-1].rstrip() + ","
        before = context.split()
        if not before:
            continue
        one = before[-1].casefold()
        two = (before[-2].casefold(), one) if len(before) > 1 else ("", one)
        bare = one.rstrip(",(")  # "de tolk, Mehari", "mijn vader (Slamet, geb. ...)"
        role = bare in _ROLE_WORDS
        if role:  # a role is often followed by an employer: a known first name only
            first = _TOKEN.match(text, start)
            word = first.group().casefold() if first else ""
            if word not in first_names() or word in dutch_words():
                continue
        if (
            one in _KIN_WORDS
            or one in _SAID_WORDS
            or two in _SELF_PAIRS
            or one == "naam:"
            or (bare != one and bare in _KIN_WORDS)
            or role
        ):
            known_only = False
        elif one in _WITH_WORDS or two in _WITH_PAIRS:
            known_only = True
        else:
            continue
        m = _CUED_AT.match(text, start)
        if m:
            out.append((start, m.group(), known_only))
    return out


def _cues_in_lower_case(text: str) -> list[tuple[int, str, bool]]:
    """The same for a text without capitals: the cue patterns, names in any case."""
    out = []
    for pattern, known_only in (
        (_KIN_CUE, False),
        (_SAID_CUE, False),
        (_SELF_CUE, False),
        (_WITH_CUE, True),
    ):
        out += [(m.start("name"), m.group("name"), known_only) for m in pattern.finditer(text)]
    return out


def cued_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names after a cue (see the module): relatives, titles, quotes, self-introductions.

    >>> [h.text for h in cued_names("dank u wel mevrouw ten have")]
    ['ten have']
    >>> [h.text for h in cued_names("Ik ben blij met de Roos van Jericho.")]
    []
    """
    lists = lists if lists is not None else Lists.of()
    hits: list[Hit] = []
    lower_ok = in_lower_case(text)
    found = _cues_in_lower_case(text) if lower_ok else _cues_before_capitals(text)
    for start, name, known_only in found:
        name = _first_words_that_are_names(name)
        lower = bool(name) and name[0].islower()
        if not name or (lower and (not lower_ok or _PARTICLE.fullmatch(name.split()[0]))):
            continue  # "ik ben buddy" in written text; "mijn moeder in Groenlo"
        folded = name.casefold()
        if known_only and (folded not in first_names() or folded in dutch_words()):
            continue  # "met Fatima", not "Met Kerst" (deduce knows "met Jan")
        if _is_person(name, lists, lower_ok=True):
            hits.append(Hit(start, start + len(name), "PERSOON", name))
    for m in _TITLE_CUE.finditer(text) if lower_ok else ():
        name = m.group("name")
        last = _TOKEN.findall(name)[-1]
        folded = last.casefold()
        # after a title even a place's name is a person's ("mevrouw hulsbeek")
        if folded not in dutch_words() and folded not in _NEVER and not lists.allowed(name):
            hits.append(Hit(m.start("name"), m.end("name"), "PERSOON", name))
    return hits


#: Lower-case words on deduce's first-name list that are Dutch function words or dialect
#: forms, not names, in a transcript ("u bent", "ik ken", "mar", "mien").
_LOWER_NOT_NAMES = frozenset("bent ken kent mar bin mien di on can ya nam jarig maatje".split())


def lower_case_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """In a transcript without capitals (speech recognition), every known first name
    that is no Dutch word is taken for a name, cue or not: capitals, the usual sign of a
    name, are missing ("groetjes aan anouk", "henk en gerda van hiernaast").

    >>> [h.text for h in lower_case_names("ja en dan heb je nog henk en de bas van hiernaast")]
    ['henk']
    >>> lower_case_names("Dan heb je nog henk.")
    []
    """
    if not in_lower_case(text):
        return []
    lists = lists if lists is not None else Lists.of()
    names, words = first_names(), dutch_words()
    out = []
    for m in _LOWER_TOKEN.finditer(text):
        word = m.group()
        if (
            word in names
            and word not in words
            and word not in _NEVER
            and word not in _LOWER_NOT_NAMES
            and not is_place(word)
            and not lists.allowed(word)
        ):
            out.append(Hit(m.start(), m.end(), "PERSOON", word))
    return out


#: A lower-case word of three letters or more.
_LOWER_TOKEN = re.compile(r"(?<![\w\-@.])[a-zà-ÿ]{3,}(?![\w\-@])")
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def in_lower_case(text: str) -> bool:
    """True for a text written (mostly) without capitals, as speech recognition may give
    it: fewer than one word in fifty capitalised (Dutch prose has about one in eight).

    >>> in_lower_case("ja ik ben gerda en dit is johan"), in_lower_case("Ik ben Gerda.")
    (True, False)
    """
    sample = text[:5_000]
    words = sample.count(" ") + sample.count("\n")
    return words >= 5 and len(_CAPITALISED.findall(sample)) < words / 50


def _first_words_that_are_names(name: str) -> str:
    """The cued words up to the first that cannot be part of a name: "gerda hulsbeek" ->
    itself, "Noor en" -> "Noor"; lower-case words continue a lower-case name only."""
    words = name.split()
    keep: list[str] = []
    for i, word in enumerate(words):
        if _PARTICLE.fullmatch(word) and i + 1 < len(words):
            keep.append(word)
            continue
        if keep and word[0].islower():  # "gerda hulsbeek": a surname after a first name
            folded = word.casefold()
            if keep[-1][0].isupper() or folded in dutch_words() or folded in _NEVER:
                break
        elif not is_name_word(word, lower_ok=True):
            break
        keep.append(word)
    while keep and _PARTICLE.fullmatch(keep[-1]):
        keep.pop()
    return " ".join(keep)


# -- lists of people -----------------------------------------------------------------
#: The head of a line that lists people: minutes, e-mail headers, signatures.
_LIST_HEAD = re.compile(
    r"^[ \t>]*(?:aanwezig|afwezig(?:\s+met\s+(?:kennisgeving|bericht))?|afgemeld|"
    r"met\s+kennisgeving|notulen|notulist|gast(?:en)?|deelnemers|namens\s+[^:\n]{1,40}|"
    r"van|aan|cc|bcc|voorzitter|secretaris|penningmeester|contactpersoon|opgesteld\s+door|"
    r"auteur|verslaglegging|ondertekend)\s*:[ \t]*"
    r"(?P<rest>[^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]|\s\ben\b|&)\s*")
_BRACKETED = re.compile(r"\([^)\n]*\)|<[^>\n]*>|\[[^\]\n]*\]|\S+@\S+")
#: A name in a list: title, initials, particles, capitalised words ("dhr. R.
#: Boerrigter", "B. Kemna-Olthof", "Ria in 't Groen").
_LIST_NAME = re.compile(
    r"(?:(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de\s+heer|dr\.|drs\.|ir\.|mr\.)\s+)?"
    rf"(?P<name>(?:(?:[A-Z]\.){{1,4}}\s*)?{_PARTICLES}*[A-Z][\w'’\-]+"
    rf"(?:\s+{_PARTICLES}*[A-Z][\w'’\-]+){{0,3}})",
    re.IGNORECASE,
)


def listed_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names in lines that list people ("Aanwezig: ...", "Van: ...", "CC: ..."): every
    item that reads as a name (roles in brackets and e-mail addresses left out).

    >>> [h.text for h in listed_names("Aanwezig: G.J. ter Haar (voorzitter), Tesfay Gebremedhin")]
    ['G.J. ter Haar', 'Tesfay Gebremedhin']
    """
    lists = lists if lists is not None else Lists.of()
    hits: list[Hit] = []
    for line in _LIST_HEAD.finditer(text):
        rest, offset = line.group("rest"), line.start("rest")
        blanked = _BRACKETED.sub(lambda m: " " * len(m.group()), rest)
        pos = 0
        for item in _ITEM_SPLIT.split(blanked):
            at = blanked.find(item, pos)
            pos = at + len(item)
            m = _LIST_NAME.fullmatch(item.strip())
            if not item.strip() or m is None:
                continue
            start = offset + at + (len(item) - len(item.lstrip())) + m.start("name")
            name = m.group("name")
            bare = re.sub(r"(?:[A-Z]\.\s*)+", "", name).strip()
            one_word = " " not in bare.strip()
            titled = m.start("name") > 0  # "mw. Jansen-Bos"
            known = all(p in person_names() for p in re.split(r"[-'’]", bare.casefold()) if p)
            if one_word and not (titled or known):
                continue  # "Gast: Samira Bouzid, Avedan": a lone unknown word is no name
            initials = bare != name.strip()  # "G.J. ter Haar": a person, not the place
            if bare and _is_person(bare, lists, place_ok=initials) and name[0].isupper():
                hits.append(Hit(start, start + len(name), "PERSOON", name))
    return hits
