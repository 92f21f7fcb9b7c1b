"""Word lists that tell a person's name from a word: deduce's first names and surnames
(its lookup lists) and a Dutch word list (spaCy's Dutch lemma lookup), each loaded once.

>>> is_name_word("Noor"), is_name_word("gast")
(True, False)
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

__all__ = [
    "common_words",
    "deduce_list",
    "dutch_words",
    "first_names",
    "is_name_word",
    "is_word",
    "person_names",
    "surnames",
    "world_names",
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
def common_words() -> frozenset[str]:
    """deduce's common and stop words (about 1,100: "thuis", "wil", "ben"), lower case:
    a word on a name list that is one of these is no name even after a cue.

    >>> "thuis" in common_words(), "bas" in common_words()
    (True, False)
    """
    return deduce_list("whitelist", "lst_common_word") | deduce_list("whitelist", "lst_stop_word")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """deduce's first names and :func:`world_names`, lower case (about 15,000)."""
    return deduce_list("names", "lst_first_name") | world_names()


@lru_cache(maxsize=1)
def world_names() -> frozenset[str]:
    """People's names of the origins deduce's Dutch-heavy lists lack (Eritrean, Somali,
    Arabic, Turkish, Polish, Surinamese, Chinese, Frisian, ...: ``data/person_names_world.txt``),
    lower case, less those that are Dutch words ("Bet", "Mei") or deduce's names already.

    >>> "semhar" in world_names(), "zbigniew" in world_names(), "mei" in world_names()
    (True, True, False)
    """
    source = resources.files("sokwal_monitor.privacy") / "data" / "person_names_world.txt"
    text = source.read_text(encoding="utf-8")
    names = {
        word.casefold()
        for line in text.splitlines()
        if not line.startswith("#")
        for word in line.split()
    }
    known = deduce_list("names", "lst_first_name") | deduce_list("names", "lst_surname")
    return frozenset(names - dutch_words() - known - _NEVER)


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
    return _is_name_word(word, lower_ok)


@lru_cache(maxsize=32_768)
def _is_name_word(word: str, lower_ok: bool) -> bool:
    """:func:`is_name_word`, remembered: the rules ask about the same words again and
    again (the word lists are fixed once loaded)."""
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
