"""Names in the turn structure of a transcript or a chat, and the other forms people
give a name they already wrote once (round 10).

- **Speakers.** The label of a turn is who speaks: "HARRIE: Dan open ik ...",
  "Dina Roerdink-Wikkerink: Ja ..." (a WebVTT voice ``<v Dina>`` reads back as such a
  label), and the sender of a chat message: "[12-10-2024 08:02] jw: morgen ...",
  "12-10-2024 08:02 - mieke b: ...". A turn's label is a name when its first word is a
  known first name (any case: labels are often in capitals) and no Dutch word; a chat's
  sender is a person unless a role ("Interviewer", "coördinator") or a phone number.
- **Short forms of a name found.** A name written in full once comes back as a
  diminutive ("Olena" -> "Olenaatje", "Ans" -> "ansje"), a clipped form ("Geesje" ->
  "Gees", "Yasmina" -> "yas", "Hillie" -> "Hil"), or a dialect form with a kinship
  word ("Hendrik" -> "Hendrik-oom"): each is the same person.
- **Not a name.** An agenda item ("Punt twee", "Agendapunt 3"), a form's field label
  ("Noot:", "Land van herkomst:"), and a language after "geen"/"spreekt" ("geen Engels")
  are words, whatever the name lists say.

>>> [h.text for h in turn_names("HARRIE: Dan open ik.\\n\\nMONIQUE: Goed.\\n\\nNoot: later.")]
['HARRIE', 'MONIQUE']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lists import Hit, Lists
from .name_lists import common_words, dutch_words, first_names, person_names, surnames
from .places import is_place

__all__ = [
    "compound_first_names",
    "first_and_surnames",
    "is_not_a_name",
    "lower_cued_names",
    "short_forms",
    "turn_names",
]

#: A turn's label at the start of a line: "HARRIE:", "Hendrik Jan Roerdink:", "R1:".
_TURN = re.compile(r"[ \t]*(?P<label>[^\W\d_][\w'’.\- ]{0,40}?)[ \t]*:[ \t]+(?=\S)")
#: A chat message's time stamp and sender: "[12-10-2024 08:02] jw:", "12-10-24, 08:02 -
#: Ans:", with a role in brackets after the sender ("Gerdien (coördinator):").
_SENDER = re.compile(
    r"[ \t]*(?:\[[0-9][0-9/.\-]{4,9},?[ \t]+[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?\]"
    r"|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4},?[ \t]+[0-9]{1,2}[:.][0-9]{2}[ \t]+-)"
    r"[ \t]*(?P<label>[^\W\d_](?:[^\W\d_]|['’.\- ]){0,38}?)[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?"
    r"(?:[^\w\s:]{1,4}[ \t]*)?:(?=\s|\Z)"
)
#: Labels that name a role, not a person (a speaker's label and a chat's sender).
_ROLES = frozenset(
    "interviewer interviewster interviewer1 interviewer2 i r r1 r2 spreker spreekster "
    "respondent deelnemer deelneemster onderzoeker onderzoekster coördinator coordinator "
    "moderator gespreksleider begeleider begeleidster voorzitter notulist secretaris "
    "penningmeester bewoner bewoonster vrijwilliger vrijwilligster jongerenwerker "
    "buurtcoach tolk vertaler vertaling gast vraag antwoord allen iedereen beheerder admin "
    "systeem system jij u ik wij man vrouw moeder vader dochter zoon opa oma "
    "mantelzorger professional medewerker wijkverpleegkundige huisarts ouderenadviseur "
    "dorpsondersteuner opbouwwerker student stagiair stagiaire meerdere onbekend".split()
)
#: Titles a label may open with ("Mevrouw Jansen:"): the name is what follows.
_TITLE = re.compile(r"(?i:mevrouw|meneer|mijnheer|mevr\.|mw\.|dhr\.|de heer)[ \t]+")


def _label_words(label: str) -> list[str]:
    return [w for w in re.split(r"[ \t]+", label.strip()) if w]


def _named_label(label: str) -> bool:
    """A turn's label that names a person: a known first name that is no Dutch word
    opens it ("HARRIE", "Hendrik Jan Roerdink"), the rest are name-like words."""
    words = _label_words(label)
    if not words or len(words) > 4:
        return False
    first = words[0].casefold().strip(".")
    if (
        first in _ROLES
        or first in _NOT_NAMES
        or first not in first_names()
        or first in dutch_words()
    ):
        return False
    rest = words[1:]
    return all(
        w[0].isupper() or w.casefold() in {"van", "de", "der", "den", "ter", "ten", "te"}
        for w in rest
    )


def _sender(label: str) -> bool:
    """A chat's sender that is a person: not a role, and no more than four words."""
    words = _label_words(label)
    if not words or len(words) > 4:
        return False
    first = words[0].casefold().strip(".")
    if len(words) == 1 and first in dutch_words() and first not in first_names():
        return False  # "Spraakbericht: 0:52", "Systeem:": no sender
    return first not in _ROLES and first not in _NOT_NAMES and not is_place(label.strip())


@lru_cache(maxsize=4)
def _label_lines(text: str) -> tuple[int, ...]:
    """The starts of the lines with a colon in their first 80 characters (found by
    literal scans: a label or a chat's sender ends there)."""
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text.find(":", start, min(end, start + 80)) >= 0:
            out.append(start)
        start = end + 1
    return tuple(out)


def turn_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """The speakers of a transcript's turns and the senders of a chat's messages.

    >>> [h.text for h in turn_names("[12-10-2024 08:02] mieke b: ik kan wel")]
    ['mieke b']
    >>> [h.text for h in turn_names("Interviewer: Wie bent u?\\nDeelnemer 3: Ik ben ...")]
    []
    """
    lists = lists if lists is not None else Lists.of()
    out: list[Hit] = []
    seen: set[int] = set()
    starts = _label_lines(text)
    if "] " in text or " - " in text:
        for m in (m for i in starts if (m := _SENDER.match(text, i))):
            label = m.group("label").rstrip(" .-")
            if _sender(label) and not lists.allowed(label):
                start = m.start("label")
                title = _TITLE.match(label)
                if title is not None:
                    start, label = start + title.end(), label[title.end() :]
                if label:
                    out.append(Hit(start, start + len(label), "PERSOON", label))
                    seen.add(m.start("label"))
    for m in (m for i in starts if (m := _TURN.match(text, i))):
        if m.start("label") in seen:
            continue
        label = m.group("label").rstrip(" .-")
        start = m.start("label")
        title = _TITLE.match(label)
        if title is not None:
            start, label = start + title.end(), label[title.end() :]
            named = bool(label) and label[0].isupper() and label.casefold() not in dutch_words()
        else:
            named = _named_label(label)
        if named and not lists.allowed(label):
            out.append(Hit(start, start + len(label), "PERSOON", label))
    return out


#: A title or a relative before a name written in lower case, in a text that is
#: otherwise capitalised (a chat): "dhr. navis", "mevr. lubbers", "opa gait", "zijn zoon
#: rick", "mevrouw ter horst".
_LOWER_CUED = re.compile(
    r"(?<![\w\-])(?:(?P<title>(?i:mevrouw|meneer|mijnheer|mevr\.|mw\.|dhr\.|de\s+heer))|"
    r"(?i:juf|meester|zuster|opa|oma|opoe|ome|oom|tante|moeder|vader|zoon|dochter|broer|zus|"
    r"neef|nicht|kleinzoon|kleindochter|buurman|buurvrouw))[ \t]+"
    r"(?P<name>(?:(?:van|de|der|den|ter|ten|te|el|al)[ \t]+){0,2}[a-zà-ÿ][\w\-]{2,})(?![\w\-])"
)
#: Abbreviations and words that follow a title in lower case and are no name.
_NOT_AFTER = frozenset("dhr mevr mw mevrouw meneer en of zelf ook nog".split())
#: Words that the name lists hold and a chat or a dialect uses as words: "jarig" (a
#: Frisian name), "meiden", Twents "mie" (me), "mien" (my).
_NOT_NAMES = frozenset(
    "jarig meiden jongens lieverd schat mie mien oe joe wie die hoe zo mooi top "
    "super lief lieve toppie dank bedankt groetjes".split()
)
_LOWER_PARTICLE = re.compile(r"(?:van|de|der|den|ter|ten|te|el|al)[ \t]+")
#: The cue words of :data:`_LOWER_CUED` with the space after them, for literal scans.
_LOWER_CUES = (
    *(
        w + " "
        for w in "mevrouw meneer mijnheer mevr. mw. dhr. juf meester zuster opa oma opoe ome "
        "oom tante moeder vader zoon dochter broer zus neef nicht kleinzoon kleindochter "
        "buurman buurvrouw".split()
    ),
    "de heer ",
)


def _find_all(haystack: str, needle: str) -> list[int]:
    """Every index of ``needle`` in ``haystack`` that opens a word (a literal scan)."""
    out, i = [], haystack.find(needle)
    while i != -1:
        if i == 0 or not (haystack[i - 1].isalnum() or haystack[i - 1] in "-_"):
            out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def lower_cued_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """Names in lower case after a title or a relative ("dhr. navis", "opa gait"): a
    word that is no Dutch word, or a surname after a particle ("mevrouw ter horst").

    >>> [h.text for h in lower_cued_names("Vraag het aan dhr. navis of aan opa gerrit.")]
    ['navis', 'gerrit']
    >>> lower_cued_names("Mevrouw zei dat meneer zelf komt.")
    []
    """
    lists = lists if lists is not None else Lists.of()
    out: list[Hit] = []
    low = text.lower()
    found: Iterable[re.Match[str]]
    if len(low) == len(text):
        starts = sorted({i for cue in _LOWER_CUES for i in _find_all(low, cue)})
        found = [m for i in starts if (m := _LOWER_CUED.match(text, i))]
    else:  # a letter whose lower case is longer ("İ"): no indices to share
        found = _LOWER_CUED.finditer(text)
    for m in found:
        name = m.group("name")
        last = name.rsplit(None, 1)[-1].casefold()
        particle = _LOWER_PARTICLE.match(name) is not None
        if (
            last in common_words()
            or last in _NOT_AFTER
            or last in _NOT_NAMES
            or (last in dutch_words() and not particle)
        ):
            continue
        if particle and last not in surnames():
            continue  # "van mien": a particle and a word, no surname
        if not particle and last not in (surnames() if m.group("title") else first_names()):
            continue  # a known surname after a title, a first name after a relative:
            # "dhr. navis", "opa gerrit"; not "mevrouw ziet", "moeder wilde"
        if (is_place(last) and not particle) or lists.allowed(name):  # "ter horst": a surname
            continue
        out.append(Hit(m.start("name"), m.end("name"), "PERSOON", name))
    return out


#: Two capitalised words: a first name that may be a word too ("Lies", "Roos", "Bas")
#: and a surname that is none ("Eleveld"), with particles between.
_PAIR = re.compile(
    r"(?<![\w\-@.])(?P<first>[A-ZÀ-Ý][a-zà-ÿ]+)[ \t]+"
    r"(?P<last>(?:(?:van|de|der|den|ter|ten|te)[ \t]+)*[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)"
    r"(?![\w\-@])"
)


def first_and_surnames(text: str, lists: Lists | None = None) -> list[Hit]:
    """A known first name followed by a known surname that is no Dutch word is a person,
    also where the first name is a word ("Jacob en Lies Eleveld", "Roos Hadders").

    >>> [h.text for h in first_and_surnames("Jacob en Lies Eleveld doen de tuin.")]
    ['Lies Eleveld']
    >>> first_and_surnames("Lies het boek en Bas Gitaar.")
    []
    """
    lists = lists if lists is not None else Lists.of()
    out: list[Hit] = []
    for m in _PAIR.finditer(text):
        first, last = m.group("first").casefold(), m.group("last")
        surname = last.rsplit(None, 1)[-1].casefold()
        if first not in first_names() or first in common_words():
            continue
        if surname not in surnames() or surname in dutch_words() or surname in first_names():
            continue
        name = m.group()
        if (
            lists.allowed(name)
            or lists.allowed(last)
            or _TO_A_PLACE.search(text, max(0, m.start() - 8), m.start())
        ):
            continue  # a surname may be a hamlet's name too ("Eleveld"): after a first name
            # it is the surname
        out.append(Hit(m.start(), m.end(), "PERSOON", name))
    return out


# -- short forms -----------------------------------------------------------------------
#: Endings of a Dutch diminutive or pet form of a first name: "Olena" -> "Olenaatje",
#: "Ans" -> "Ansje", "Jan" -> "Jantje", "Gerrit" -> "Gerritje", "Bert" -> "Bertje".
_DIMINUTIVE = ("atje", "tje", "je", "ke", "ie", "pje", "etje", "kje", "ske")
#: Kinship words glued to a first name in the east of the country: "Hendrik-oom",
#: "Mina-moei", "Jan-ome".
_KIN_GLUED = ("oom", "ome", "omke", "tante", "moei", "meu", "opa", "oma", "va", "moe")
#: Words and hyphenated pairs, for the set of words a text holds (positions come later).
_TOKENS = re.compile(r"\w+(?:-\w+)?")
_OPENING = re.compile(r"(?:\A|[.!?:;\n\]>\"“‘(]|\s-)\s*\Z")
_MIN_STEM = 3
_TO_A_PLACE = re.compile(r"(?<![\w\-])(?i:in|uit|naar|te|bij|van|rond|om)[ \t]+\Z")


def _first_words(hits: Iterable[Hit]) -> dict[str, bool]:
    """First names among the people found: word -> written in lower case."""
    out: dict[str, bool] = {}
    for hit in hits:
        if hit.category != "PERSOON":
            continue
        for folded, lower in _name_words(hit.text):
            out[folded] = out.get(folded, False) or lower
    return out


@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[tuple[str, bool], ...]:
    """The words of a name found that may come back in another form, lower case, each
    with whether it was written in lower case."""
    return tuple(
        (word.casefold(), word.islower())
        for word in _NAME_WORD.findall(name)
        if len(word) >= _MIN_STEM and (word.casefold() in first_names() or word[0].isupper())
    )


_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*")


def _short_form_set(names: dict[str, bool]) -> set[str]:
    """The diminutives, dialect forms and clipped forms (three letters or more) of the
    first names found, lower case: looked up per word, one set for the whole text."""
    out: set[str] = set()
    for name in names:
        out.update(_forms_of(name))
    return out - set(names)


@lru_cache(maxsize=8192)
def _forms_of(name: str) -> frozenset[str]:
    """:func:`_short_form_set` of one name."""
    out = {name + end for end in _DIMINUTIVE}
    out.update(name + "-" + kin for kin in _KIN_GLUED)
    if name.endswith("a"):
        out.add(name + "atje")  # "Olena" -> "Olenaatje"
    if name in first_names():
        out.update(name[:n] for n in range(_MIN_STEM, len(name)))  # "Gees", "yas"
    return frozenset(out)


#: Lower-case words after a first name written in lower case: its surname ("theo
#: hulsman", "bennie te brake", "yasmina el amrani").
_LOWER_SURNAME = re.compile(
    r"(?P<name>(?:[ \t]+(?:van|de|der|den|ter|ten|te|el|al|op|in|'t))*[ \t]+[a-zà-ÿ][\w\-]{2,})"
    r"(?![\w\-@])"
)
#: Two first names joined by a hyphen: "jan-willem", "Harm-Jan", "dirk-jan".
_COMPOUND = re.compile(r"(?<![\w\-@.])([^\W\d_]{2,})-([^\W\d_]{2,})(?![\w\-@])")


#: A word spelled out letter by letter: "R-O-E-R-D-I-N-K", "j-a-n-s-e-n".
_SPELLED = re.compile(r"(?<![\w\-])(?:[^\W\d_]-){3,}[^\W\d_](?![\w\-])")


def _dashes(text: str) -> list[int]:
    """Every index of "-" in ``text`` between two letters."""
    out, i = [], text.find("-")
    while i != -1:
        if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            out.append(i)
        i = text.find("-", i + 1)
    return out


def compound_first_names(text: str) -> list[Hit]:
    """Two first names joined by a hyphen, cue or not, in any case.

    >>> [h.text for h in compound_first_names("ik doe het wel jan-willem, en Harm-Jan ook")]
    ['jan-willem', 'Harm-Jan']
    """
    out: list[Hit] = []
    if "-" not in text:
        return out
    seen: set[int] = set()
    for i in _dashes(text):
        m = _COMPOUND.search(text, max(0, i - 40), i + 41)
        while m is not None and m.end() <= i:
            m = _COMPOUND.search(text, m.end(), i + 41)
        if m is None or not m.start() < i < m.end() or m.start() in seen:
            continue
        seen.add(m.start())
        a, b = m.group(1).casefold(), m.group(2).casefold()
        if (
            a in first_names()
            and b in first_names()
            and not (a in dutch_words() and b in dutch_words())
            and b not in _KIN_GLUED
        ):
            out.append(Hit(m.start(), m.end(), "PERSOON", m.group()))
    return out


def _skip_blank(text: str, pos: int) -> int:
    """``pos`` moved past spaces and tabs."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _initials(hits: Iterable[Hit]) -> set[str]:
    """The initials of the given names of each person found with two of them or more
    ("Harm-Jan Dekker" -> "hj", "gerrit jan" -> "gj"), lower case."""
    return {key for hit in hits if hit.category == "PERSOON" and (key := _initials_of(hit.text))}


@lru_cache(maxsize=8192)
def _initials_of(name: str) -> str:
    """The initials of a name's given names when it has two or more, else ""."""
    given = []
    for word in re.split(r"[ \t\-]+", name):
        if word.casefold() not in first_names():
            break
        given.append(word[0].casefold())
    return "".join(given) if len(given) >= 2 else ""


def short_forms(text: str, hits: Iterable[Hit], lists: Lists | None = None) -> list[Hit]:
    """Diminutives, clipped forms and dialect forms of the first names found, wherever
    they occur in ``text``: capitalised inside a sentence (a Dutch word that opens a
    sentence is the word), in lower case where the name itself was written so.

    >>> text = "Ik ben Geesje Mulder. Gees komt dinsdag. Ze zei tegen Hendrik-oom: ja."
    >>> [h.text for h in short_forms(text, [Hit(7, 20, "PERSOON", "Geesje Mulder"),
    ...                                     Hit(53, 60, "PERSOON", "Hendrik")])]
    ['Gees', 'Hendrik-oom']
    """
    lists = lists if lists is not None else Lists.of()
    hits = list(hits)
    out: list[Hit] = []
    names = _first_words(hits)
    if not names:
        return out
    chat = "] " in text and any(_SENDER.match(text, i) for i in _label_lines(text))
    lower_ok = chat or any(names.values())
    if chat:  # in a chat every name found comes back in lower case ("mees", "gefeliciteerd")
        names = {name: name in first_names() or low for name, low in names.items()}
    forms = _short_form_set(names)
    for hit in hits:  # "theo" found: "theo hulsman"
        if hit.category != "PERSOON" or not hit.text.islower() or " " in hit.text:
            continue
        sur = _LOWER_SURNAME.match(text, hit.end)
        if sur is None or "\n" in sur.group():
            continue
        last = sur.group().rsplit(None, 1)[-1]
        if last == hit.text or (last not in surnames() and last not in first_names()):
            continue  # "riek riek postma": a repeat; a word that no list knows as a name
        if last in _NOT_NAMES or (last in dutch_words() and " " not in sur.group().strip()):
            continue
        particled = " " in sur.group().strip()  # "truus ter horst": a surname after "ter"
        if last in common_words() or (is_place(last) and not particled) or lists.allowed(last):
            continue
        at = _skip_blank(text, sur.start())  # the surname only: the first name is a hit
        out.append(Hit(at, sur.end(), "PERSOON", text[at : sur.end()]))
    if "-" in text:  # "R-O-E-R-D-I-N-K": a name found, spelled out letter by letter
        spelled = {w for w in names if len(w) >= 4}
        for m in _SPELLED.finditer(text):
            if m.group().replace("-", "").casefold() in spelled:
                out.append(Hit(m.start(), m.end(), "PERSOON", m.group()))
    initials = _initials(hits)
    low = text.lower()
    same_length = len(low) == len(text)
    for key in sorted(initials) if same_length else ():  # "HJ", "g.j.", "R.J.": initials
        for variant in (key, ".".join(key) + "."):
            for at in _whole(low, variant):
                found = text[at : at + len(variant)]
                if found.isupper() or found.islower():
                    out.append(Hit(at, at + len(variant), "PERSOON", found))
    lower_names = {name for name, lower in names.items() if lower}
    wanted = (forms | lower_names) & set(_TOKENS.findall(low)) if same_length else set()
    for form in sorted(wanted):  # the few forms the text holds, found by one scan each
        for at in _whole(low, form):
            form_hit = _short_form_hit(text, at, at + len(form), names, forms, lower_ok, lists)
            if form_hit is not None:
                out.append(form_hit)
    return out


def _whole(low: str, word: str) -> list[int]:
    """Every index of ``word`` in the lower-cased text as a whole word (not inside a
    word, an e-mail address or a hyphenated name), by a literal scan."""
    out, i, n = [], low.find(word), len(word)
    while i != -1:
        before = low[i - 1] if i else " "
        after = low[i + n] if i + n < len(low) else " "
        glued = after == "-" and i + n + 1 < len(low) and low[i + n + 1].isalpha()
        if not (before.isalnum() or before in "_-@.") and not (
            after.isalnum() or after in "_@" or glued
        ):
            out.append(i)
        i = low.find(word, i + 1)
    return out


def _short_form_hit(
    text: str,
    start: int,
    end: int,
    names: dict[str, bool],
    forms: set[str],
    lower_ok: bool,
    lists: Lists,
) -> Hit | None:
    """The hit for one occurrence of a form of a name found, or None."""
    word = text[start:end]
    folded = word.casefold()
    if (
        word.islower()
        and names.get(folded)
        and folded not in _NOT_NAMES
        and folded not in common_words()
        and not _OPENING.search(text, max(0, start - 6), start)
    ):  # a name written in lower case once ("mieke b"), again in lower case
        return Hit(start, end, "PERSOON", word)
    if len(word) < _MIN_STEM or folded not in forms or folded in _NOT_NAMES:
        return None
    if word.islower() and not lower_ok:
        return None
    is_word = folded in dutch_words() or folded in common_words()
    if is_word and (word.islower() or _OPENING.search(text, max(0, start - 6), start)):
        return None  # "lies" the word, "Ben je ...": a verb opening a sentence
    if is_word and folded not in person_names():
        return None
    if lists.allowed(word) or (
        is_place(word) and _TO_A_PLACE.search(text, max(0, start - 8), start)
    ):
        return None  # "naar Gees" is the village; "Gees komt dinsdag" is Geesje
    return Hit(start, end, "PERSOON", word)


# -- not names -------------------------------------------------------------------------
_NUMBER_WORDS = r"(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|[0-9]{1,2}[a-z]?)"
_AGENDA = re.compile(
    rf"(?i:punt|agendapunt|vraag|stap|fase|ronde|week|thema|casus|bijlage|tafel)[ \t]+"
    rf"{_NUMBER_WORDS}(?![\w\-])"
)
_FIELD_AFTER = re.compile(r"(?:[ \t]+[a-z][\w\-]*){0,3}[ \t]*:")
_LINE_START = re.compile(r"(?:\A|\n|\[)[ \t]*\Z")
_LANGUAGE_BEFORE = re.compile(
    r"(?i:geen|spreekt|spreek|spreken|sprak|verstaat|in\s+het|ook|en|of|alleen|beetje|"
    r"wat|goed|les\s+in|cursus|lerares|leraar|docent|docente|juf|meester|tolk)[ \t]+\Z"
)
_LANGUAGES = frozenset(
    "engels frans duits spaans italiaans portugees russisch oekraïens pools turks arabisch "
    "fries twents nederlands vlaams chinees".split()
)


def is_not_a_name(text: str, hit: Hit) -> bool:
    """True for a person's name found where the word is an agenda item ("Punt twee"), a
    form's field label at the start of a line ("Noot:", "Land van herkomst:") or a
    language ("geen Engels").

    >>> t = "Goed. Punt twee, de eenzaamheid. Zij spreekt geen Engels.\\nLand: Eritrea"
    >>> [is_not_a_name(t, Hit(s, s + len(w), "PERSOON", w))
    ...  for w, s in (("Punt", 6), ("Engels", 50), ("Land", 58))]
    [True, True, True]
    """
    if hit.category != "PERSOON" or " " in hit.text.strip():
        return False
    word = hit.text.strip()
    folded = word.casefold()
    if _AGENDA.match(text, hit.start) and folded in dutch_words():
        return True
    if (
        folded in dutch_words()
        and folded not in first_names()
        and _LINE_START.search(text, max(0, hit.start - 4), hit.start)
        and _FIELD_AFTER.match(text, hit.end)
    ):
        return True  # "Noot:", "Land van herkomst:": a form's field
    return folded in _LANGUAGES and bool(
        _LANGUAGE_BEFORE.search(text, max(0, hit.start - 12), hit.start)
    )
