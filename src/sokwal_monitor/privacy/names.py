"""People's names that deduce misses, found by general rules rather than by strings:

- **word lists**: deduce's first names and surnames and a Dutch word list (spaCy's
  Dutch lemma lookup) tell a name from a word ("Noor" is a name, "gast" is a word);
- **context cues**: a relative or neighbour named ("mijn dochter Noor", "haar man
  johan", "zoon Kuba"), a title before a lower-case surname in a transcript ("mevrouw
  ten have"), someone quoted or met ("zei Kees", "volgens Tesfay", "met Fatima"), a
  speaker introducing themself ("ik ben gerda hulsbeek");
- **lists of people**: attendee lists of minutes and the header lines of e-mails
  ("Aanwezig: G.J. ter Haar (voorzitter), Annie Oude Vrielink", "Van: ..."), speaker
  labels of chat exports and transcripts ("[04-02-2024 08:47] Marloes:");
- **the rest of the document**: once a name is found, its first name and surname are
  replaced wherever else they occur in the same text ("Tesfay" after "Tesfay
  Gebremedhin").

Lower-case words count as names only when they are on deduce's name lists and are no
Dutch word, so "met bas" (the instrument) stays and "met ans" goes.

>>> [h.text for h in cued_names("Mijn dochter Noor komt op woensdag.")]
['Noor']
>>> [h.text for h in cued_names("Hij speelt met de bas in een band.")]
[]
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .lists import ORGANISATION_HEAD, Hit, Lists, is_organisation
from .places import is_place

__all__ = [
    "cued_names",
    "deduce_list",
    "dutch_words",
    "first_names",
    "in_lower_case",
    "is_name_word",
    "is_word",
    "listed_names",
    "lower_case_names",
    "person_names",
    "same_names",
    "surnames",
    "trim_words",
    "unknown_name_with_place",
]  # fmt: skip


def deduce_list(*parts: str) -> frozenset[str]:
    """One of deduce's lookup lists (``data/lookup/src/<parts>/items.txt``), lower case.

    >>> "jan" in deduce_list("names", "lst_first_name")
    True
    """
    folder = resources.files("deduce") / "data" / "lookup" / "src"
    for part in parts:
        folder = folder / part
    try:
        text = (folder / "items.txt").read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - deduce is a dependency
        return frozenset()
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """deduce's first names, lower case (about 15,000)."""
    return deduce_list("names", "lst_first_name")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """deduce's surnames, lower case (about 10,000)."""
    return deduce_list("names", "lst_surname")


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """First names and surnames deduce knows (lower case)."""
    return first_names() | surnames()


@lru_cache(maxsize=1)
def dutch_words() -> frozenset[str]:
    """Dutch words in lower case: the forms and lemmas of spaCy's Dutch lookup table
    (deduce's common words when that table cannot be read).

    >>> "gemeente" in dutch_words(), "wuppie" in dutch_words()
    (True, False)
    """
    common = deduce_list("whitelist", "lst_common_word") | deduce_list(
        "whitelist", "lst_stop_word"
    )  # the lookup table leaves out some of the most common words ("is", "en", "thuis")
    try:
        source = resources.files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz"
        with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
    except (ModuleNotFoundError, OSError):  # pragma: no cover - a dependency
        return common
    return common | frozenset(w.casefold() for pair in table.items() for w in pair)


#: Words that are never a name here, whatever the lists say (number words, pronouns,
#: speaker roles).
_NEVER = frozenset(
    "ik jij je hij zij ze wij we u hun het de een die dat dit wie wat ja nee eh oh "
    "interviewer spreker respondent deelnemer onderzoeker coördinator coordinator "
    "voorzitter notulist secretaris penningmeester gast boer "
    # feasts and holidays, capitalised in Dutch ("met Kerst"); some are first names too
    "kerst kerstmis pasen pinksteren sinterklaas hemelvaart koningsdag carnaval ramadan "
    "suikerfeest offerfeest".split()
)


def is_name_word(word: str, *, lower_ok: bool = False) -> bool:
    """Whether ``word`` may be (part of) a person's name: capitalised and a known name
    or no Dutch word; in lower case (``lower_ok``, a transcript without capitals) only a
    known name that is no Dutch word.

    >>> is_name_word("Noor"), is_name_word("Gast"), is_name_word("johan", lower_ok=True)
    (True, False, True)
    >>> is_name_word("bas", lower_ok=True), is_name_word("Tesfamariam")
    (False, True)
    """
    folded = word.casefold()
    if len(word) < 2 or folded in _NEVER or not word[0].isalpha():
        return False
    if word[0].isupper():
        if word.isupper() and len(word) > 1:  # an acronym: "GGD", "MEE"
            return False
        parts = [p for p in re.split(r"[-'’]", folded) if p]
        return all(p in person_names() or p not in dutch_words() for p in parts)
    if not lower_ok:
        return False
    return folded in first_names() and folded not in dutch_words()


def is_word(text: str) -> bool:
    """True when ``text`` is one Dutch word that is no first name ("Gast", not "Roos").

    >>> is_word("Gast"), is_word("Roos"), is_word("Jan Smit")
    (True, False, False)
    """
    folded = text.strip().casefold()
    return folded in dutch_words() and folded not in first_names()


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


# -- the rest of the document ---------------------------------------------------------
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


def _mid_sentence(text: str, name: str) -> bool:
    """``name`` occurs at least twice inside a sentence (not opening it): a name, which
    a chat or a quote may write in lower case too (a word at line starts is none:
    "Buddy's (vrijwilligers)")."""
    count, at = 0, text.find(name)
    while at >= 0:
        end = at + len(name)
        whole = (at == 0 or not _glued_char(text[at - 1])) and (
            end == len(text) or not _glued_char(text[end])
        )
        before = text[max(0, at - 3) : at].rstrip(" \t")
        if whole and before and before[-1] not in ".!?:\n":
            count += 1
            if count >= 2:
                return True
        at = text.find(name, end)
    return False


def _glued_char(char: str) -> bool:
    return char.isalnum() or char in "_-"


def same_names(text: str, hits: Iterable[Hit], lists: Lists | None = None) -> list[Hit]:
    """The first names and surnames of the people found, wherever else they occur in
    ``text`` (capitalised; in lower case too when found so, in a transcript without
    capitals, and no Dutch word).

    >>> text = "Aanwezig: Tesfay Gebremedhin. Later zei Tesfay dat het goed ging."
    >>> [h.start for h in same_names(text, [Hit(10, 28, "PERSOON", "Tesfay Gebremedhin")])]
    [10, 17, 40]
    """
    lists = lists if lists is not None else Lists.of()
    words: set[str] = set()
    for hit in hits:
        if hit.category != "PERSOON":
            continue
        for word in _TOKEN.findall(hit.text):
            if (
                len(word) < 3
                or _PARTICLE.fullmatch(word)
                or _INITIALS.match(word)
                or not is_name_word(word, lower_ok=True)
                or lists.allowed(word)
                or is_place(word)
            ):
                continue
            capitalised = word[0].upper() + word[1:]
            words.add(capitalised)
            lower = word.casefold()
            if (
                lower in text
                and lower not in dutch_words()
                and (word.islower() or _mid_sentence(text, capitalised))
            ):
                words.add(lower)  # a transcript in lower case, a chat: "zei truus"
    return _word_hits(text, words)


def _word_hits(text: str, words: set[str]) -> list[Hit]:
    """Every occurrence of the words in ``text`` as a whole word (not inside a word, an
    e-mail address or a hyphenated name), as names."""
    if not words:
        return []
    if all(_WORD_CHARS.fullmatch(w) for w in words):
        # a word of word characters only matches a whole run of them: look the runs up
        return [
            Hit(m.start(), m.end(), "PERSOON", m.group())
            for m in _WORD_RUN.finditer(text)
            if m.group() in words
        ]
    pattern = _alternation(tuple(sorted(words, key=lambda w: (-len(w), w))))
    return [Hit(m.start(), m.end(), "PERSOON", m.group()) for m in pattern.finditer(text)]


#: A name word made of word characters only ("Tesfay", not "D'Souza" or "Gebre-Medhin").
_WORD_CHARS = re.compile(r"\w+")
#: A whole run of word characters, bounded as :func:`_alternation` bounds its words.
_WORD_RUN = re.compile(r"(?<![\w\-@.])\w+(?![\w\-@])")


@lru_cache(maxsize=512)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words (longest first) as one pattern, each only as a whole word."""
    return re.compile(r"(?<![\w\-@.])(?:" + "|".join(map(re.escape, words)) + r")(?![\w\-@])")


_SPACED_WORD = re.compile(r"\S+")
#: The last word of an institution named after a person ("Etty Hillesum Lyceum",
#: "Titus Brandsma Huis", "Prinses Julianaschool").
_INSTITUTION = re.compile(
    r"^(?:\w*(?:school|lyceum|college|ziekenhuis|kliniek|instituut|academie)|kerk|huis|"
    r"centrum|stichting|fonds|universiteit|hogeschool|bibliotheek|museum|praktijk|"
    r"zorgcentrum|verpleeghuis|woonzorgcentrum|kulturhus|dorpshuis|buurthuis|gebouw|zaal|"
    r"prijs|lezing|leerstoel|vereniging|club|plein|park)[.,;:]?$",
    re.IGNORECASE,
)


def unknown_name_with_place(name: str) -> bool:
    """True for a run of capitalised words that holds a place and no known first name or
    surname: a heading or an organisation ("Intakeformulieren Buurtcirkel Holten"), no
    person.

    >>> unknown_name_with_place("Intakeformulieren Buurtcirkel Holten")
    True
    >>> unknown_name_with_place("Jan Holten"), unknown_name_with_place("Dorpskerk Holten")
    (False, True)
    """
    words = _TOKEN.findall(name)
    places = [w for w in words if is_place(w)]
    if len(words) < 2 or not places:
        return False
    return not any(w.casefold() in person_names() for w in words if w not in places)


def trim_words(start: int, name: str) -> tuple[int, str]:
    """A name hit less the Dutch words before it that are no name ("Secretaris",
    "Gast") and cut where an organisation's name starts ("... Dorpsraad Vasse"); ``(start,
    "")`` when nothing of a name is left.

    >>> trim_words(0, "Secretaris Dorpsraad Vasse"), trim_words(5, "Bakker")
    ((26, ''), (5, 'Bakker'))
    """
    words = list(_SPACED_WORD.finditer(name))
    first = 0
    while first < len(words):
        if _INITIALS.match(words[first].group()):
            break  # "H. Brouwer"
        word = words[first].group().strip(".,;:!?()")
        folded = word.casefold()
        if ORGANISATION_HEAD.match(word):
            return start + len(name), ""  # "Secretaris Dorpsraad Vasse"
        if word and word[0].isupper() and folded in dutch_words() and folded not in person_names():
            first += 1
            continue
        break
    if words and _INSTITUTION.search(words[-1].group()):
        return start + len(name), ""  # "Etty Hillesum Lyceum": named after a person
    last = len(words)
    for i in range(first, len(words)):
        if ORGANISATION_HEAD.match(words[i].group().strip(".,;:")):
            last = i
            break
    if first >= last:
        return start + len(name), ""
    begin, end = words[first].start(), words[last - 1].end()
    if (first or last < len(words)) and is_place(name[begin:end]):
        return start + len(name), ""  # "Welzijn Vasse" less its head is a place
    return start + begin, name[begin:end]
