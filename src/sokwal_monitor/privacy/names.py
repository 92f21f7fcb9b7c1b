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

The word lists are :mod:`.name_lists`, the word tests name finding shares
:mod:`.name_words`, the context cues and the lists of people :mod:`.name_cues`, titles,
initials, greetings and nicknames :mod:`.name_titles`, names known by their form
:mod:`.name_shapes`; this module links a found name to the rest of its document and
re-exports their public names.

Lower-case words count as names only when they are on deduce's name lists and are no
Dutch word, so "met bas" (the instrument) stays and "met ans" goes.

>>> [h.text for h in cued_names("Mijn dochter Noor komt op woensdag.")]
['Noor']
>>> [h.text for h in cued_names("Hij speelt met de bas in een band.")]
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lists import ORGANISATION_HEAD, Hit, Lists
from .name_cues import cued_names, listed_names
from .name_lists import (
    _NEVER,
    deduce_list,
    dutch_words,
    first_names,
    is_name_word,
    is_word,
    person_names,
    surnames,
)
from .name_shapes import lower_case_names, world_name_hits
from .name_titles import titled_names
from .name_turns import is_not_a_name, short_forms
from .name_words import _PARTICLE, _TOKEN, in_lower_case
from .places import is_place

__all__ = [
    "cued_names",
    "deduce_list",
    "dutch_words",
    "first_names",
    "in_lower_case",
    "is_name_word",
    "is_venue",
    "is_word",
    "listed_names",
    "lower_case_names",
    "person_names",
    "same_names",
    "surnames",
    "titled_names",
    "trim_words",
    "unknown_name_with_place",
    "world_name_hits",
]  # fmt: skip


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
    hits = list(hits)
    found = _same_names(text, hits, lists) + short_forms(text, hits, lists)
    return [h for h in found if not is_not_a_name(text, h)]


def _same_names(text: str, hits: list[Hit], lists: Lists) -> list[Hit]:
    words: set[str] = set()
    worded: set[str] = set()  # names that are Dutch words too: "Mehari", "Hoop"
    names: set[str] = set()  # each name and word once: what they add depends on them only
    seen: set[str] = set()
    for hit in hits:
        if hit.category != "PERSOON" or hit.text in names:
            continue
        names.add(hit.text)
        for word in _TOKEN.findall(hit.text):
            if word in seen:
                continue
            seen.add(word)
            if (
                len(word) < 3
                or _PARTICLE.fullmatch(word)
                or _INITIALS.match(word)
                or lists.allowed(word)
                or is_place(word)
            ):
                continue
            if not (
                is_name_word(word, lower_ok=True)
                or (word.islower() and word not in dutch_words())  # "zeg gait"
            ):
                if word[0].isupper() and not word.isupper() and word.casefold() not in _NEVER:
                    worded.add(word)
                continue
            capitalised = word[0].upper() + word[1:]
            words.add(capitalised)
            if word[-1] not in "sxzSXZ" and (word + "s").casefold() not in dutch_words():
                words.add(capitalised + "s")  # the possessive: "Daans moeder", "Gerrits fiets"
            lower = word.casefold()
            if (
                lower in text
                and lower not in dutch_words()
                and (word.islower() or _mid_sentence(text, capitalised))
            ):
                words.add(lower)  # a transcript in lower case, a chat: "zei truus"
        words |= _particle_surnames(hit.text)
    worded -= words
    if not worded:
        return _word_hits(text, words)
    # a name that is a word too only where it cannot be the word: inside a sentence
    return [
        h
        for h in _word_hits(text, words | worded)
        if h.text not in worded or not _OPENS.search(text, max(0, h.start - 6), h.start)
    ]


#: Before a word that opens a sentence, a line or a turn (capitalised for that reason).
_OPENS = re.compile(r"(?:\A|[.!?:;\n\]>\"“‘(]|\s-)\s*\Z")


#: A surname with its particles inside a name: "van der Linde" in "Gerda van der Linde".
_PARTICLE_SURNAME = re.compile(
    r"(?<!\w)(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n\s+['’]t|['’]t|[Oo]p)\s+)+"
    r"(?!(?:van|de|der|den|ter|ten|het|in|op)(?!\w))[^\W\d_][\w'’\-]*\w"
)


def _particle_surnames(name: str) -> set[str]:
    """The surnames with particles in ``name``, as written and with a capital particle
    ("van der linde", "Van der Linde"): they stand for the person without the first
    name too ("mevrouw van der linde"), even when the last word alone is a Dutch word."""
    out = set()
    for m in _PARTICLE_SURNAME.finditer(name):
        if m.end() != len(name.rstrip()):
            continue  # "Dijk van de Berg": no surname at the end
        surname = m.group()
        out |= {surname, surname[0].upper() + surname[1:]}
    return out


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
    return _whole_words(text, words)


#: A name word made of word characters only ("Tesfay", not "D'Souza" or "Gebre-Medhin").
_WORD_CHARS = re.compile(r"\w+")
#: A whole run of word characters, bounded as :func:`_whole_words` bounds its words.
_WORD_RUN = re.compile(r"(?<![\w\-@.])\w+(?![\w\-@])")
#: What may not come right before a whole word found, and right after it.
_GLUED_BEFORE = re.compile(r"[\w\-@.]")
_GLUED_AFTER = re.compile(r"[\w\-@]")


def _whole_words(text: str, words: set[str]) -> list[Hit]:
    r"""Every occurrence of the words (as written) that is not glued to a word character,
    a hyphen, an "@" or (before it) a dot; from left to right, never overlapping, the
    longest word first where several start at one place (what one alternation of the
    words, longest first, finds: ``(?<![\w\-@.])(?:w1|w2|...)(?![\w\-@])``; that
    pattern was compiled anew for every text, which cost more than the search).

    >>> text = "Van der Linde en van der Linde-Smit"
    >>> [h.text for h in _whole_words(text, {"Van der Linde", "Linde"})]
    ['Van der Linde']
    """
    order = sorted(words, key=lambda w: (-len(w), w))
    at: dict[int, list[str]] = {}
    for word in order:  # each place's words in the alternation's order
        i = text.find(word)
        while i >= 0:
            at.setdefault(i, []).append(word)
            i = text.find(word, i + 1)
    hits: list[Hit] = []
    end = 0
    for start in sorted(at):
        if start < end or (start and _GLUED_BEFORE.match(text, start - 1)):
            continue
        for word in at[start]:
            if not _GLUED_AFTER.match(text, start + len(word)):
                hits.append(Hit(start, start + len(word), "PERSOON", word))
                end = start + len(word)
                break
    return hits


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


#: Greetings that open a letter or a turn before a name ("Goedemiddag Geert-Jan,"):
#: never part of it.
_GREETINGS = frozenset(
    "goedemorgen goedemiddag goedenavond goedenacht goeiemorgen goeiemiddag goeienavond "
    "hoi hallo hai hey hee hej dag beste lieve geachte welkom".split()
)


def trim_words(start: int, name: str) -> tuple[int, str]:
    """A name hit less the Dutch words before it that are no name ("Secretaris",
    "Gast") and cut where an organisation's name starts ("... Dorpsraad Vasse"); ``(start,
    "")`` when nothing of a name is left.

    >>> trim_words(0, "Secretaris Dorpsraad Vasse"), trim_words(5, "Bakker")
    ((26, ''), (5, 'Bakker'))
    """
    cut, rest = _trimmed(name)
    return start + cut, rest


@lru_cache(maxsize=4096)
def _trimmed(name: str) -> tuple[int, str]:
    """:func:`trim_words` at offset 0, remembered: the same names come back in every
    document (the word lists it reads are fixed once loaded)."""
    start = 0
    words = list(_SPACED_WORD.finditer(name))
    first = 0
    while first < len(words):
        if _INITIALS.match(words[first].group()):
            break  # "H. Brouwer"
        word = words[first].group().strip(".,;:!?()")
        folded = word.casefold()
        if ORGANISATION_HEAD.match(word):
            return start + len(name), ""  # "Secretaris Dorpsraad Vasse"
        if (
            word
            and word[0].isupper()
            and ((folded in dutch_words() and folded not in person_names()) or folded in _GREETINGS)
        ):
            first += 1  # "Goedemiddag Geert-Jan,": a greeting before the name
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


#: "Het" right before a name, or "in De", "uit De": a venue's or an organisation's name
#: ("koffie in Het Brinkhuis", "hij zit in De Meulenbelt"); a person's surname takes no
#: "Het", and one says "bij De Vries", not "in De Vries".
_VENUE_BEFORE = re.compile(r"(?:(?<![\w\-])Het|(?<![\w\-])(?i:in|uit)[ \t]+De)[ \t]+$")
#: How the words of :data:`_INSTITUTION` end (a cheap test before the pattern).
_INSTITUTION_ENDS = (
    "school", "lyceum", "college", "ziekenhuis", "kliniek", "instituut", "academie", "kerk",
    "huis", "centrum", "stichting", "fonds", "universiteit", "bibliotheek", "museum",
    "praktijk", "kulturhus", "gebouw", "zaal", "prijs", "lezing", "leerstoel", "vereniging",
    "club", "plein", "park",
)  # fmt: skip
_VENUE_START = re.compile(r"(?i:van|in|uit|naar|bij|op)[ \t]+(?:De|Het)[ \t]")


def is_venue(text: str, hit: Hit) -> bool:
    """Whether a name found is a venue's, a home's or a school's rather than a person's:
    after "Het" or "in De" ("in Het Brinkhuis", "zit in De Meulenbelt"), or ending in an
    institution's word ("de Sint Willibrordusschool").

    >>> text = "Koffie in Het Brinkhuis, daarna naar De Vries."
    >>> venue, person = Hit(14, 23, "PERSOON", "Brinkhuis"), Hit(38, 46, "PERSOON", "De Vries")
    >>> is_venue(text, venue), is_venue(text, person)
    (True, False)
    """
    if hit.category != "PERSOON":
        return False
    if is_not_a_name(text, hit):  # "Punt twee", "Noot:", "geen Engels": words
        return True
    before = text[max(0, hit.start - 10) : hit.start]
    if ("Het" in before or "De" in before) and _VENUE_BEFORE.search(before):
        return True
    if (" De " in hit.text or " Het " in hit.text) and _VENUE_START.match(hit.text):
        return True
    last = hit.text.rsplit(None, 1)[-1].casefold().rstrip(".,;:")
    return last.endswith(_INSTITUTION_ENDS) and bool(_INSTITUTION.search(last))
