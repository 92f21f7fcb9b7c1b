"""One pseudonym per person (or phone number, address, ...) across the whole corpus.

Name variants are linked where the corpus makes it clear: "Jan de Vries", "De Vries"
and "meneer De Vries" are one person when only one De Vries has a full name in the
corpus; "Jan" is that person in documents of the same project when only one Jan has
a full name there; "H. Brouwer" is "Henk Brouwer" when he is the only Brouwer with an
H. Once a person is known, every other mention of their name forms is found in every
document, so a name deduce missed once is still replaced.

>>> from sokwal_monitor.privacy.detect import Hit
>>> docs = [DocHits("d1", "P01", "Jan de Vries belde. De Vries is fijn.",
...                 [Hit(0, 12, "PERSOON", "Jan de Vries"), Hit(20, 28, "PERSOON", "De Vries")])]
>>> table = Pseudonyms()
>>> edits = table.assign(docs)
>>> [(e.start, e.end, e.new) for e in edits["d1"]]
[(0, 12, '[PERSOON-1]'), (20, 28, '[PERSOON-1]')]
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .detect import _TITLE_BEFORE, _TUSSEN_RE, Hit
from .name_lists import is_word
from .offsets import Replacement
from .places import is_place

__all__ = ["DocHits", "Pseudonyms", "entity_key"]

_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")


@dataclass
class DocHits:
    """One document's text and the personal data found in it; ``scope`` (the project)
    limits where a first name alone is linked to a full name."""

    doc_id: str
    scope: str | None
    text: str
    hits: list[Hit]


def _name(text: str) -> tuple[str | None, str | None, str | None]:
    """(first name, surname, initial) of a person's name, lower case; any may be None."""
    tokens = text.replace("\n", " ").split()
    initial = None
    while tokens and _INITIAL.match(tokens[0]):
        initial = initial or tokens[0][0].lower()
        tokens = tokens[1:]
    if not tokens:
        return None, None, initial
    if _TUSSEN_RE.match(tokens[0]) or (initial and tokens):
        return None, " ".join(tokens).lower(), initial
    if len(tokens) == 1:
        return None, None, None  # a single word: decided by the corpus (see _link)
    return tokens[0].lower(), " ".join(tokens[1:]).lower(), tokens[0][0].lower()


def entity_key(category: str, text: str, scope: str | None = None) -> str:
    """The identity of a non-person value: equal keys share a pseudonym.

    >>> entity_key("TELEFOON", "+31 6 1234 5678") == entity_key("TELEFOON", "06-12345678")
    True
    """
    value = " ".join(text.split()).casefold()
    if category in ("TELEFOON", "BSN"):
        digits = re.sub(r"\D", "", value)
        return "0" + digits[2:] if digits.startswith("31") and len(digits) == 11 else digits
    if category == "POSTCODE":
        return value.replace(" ", "")
    if category == "URL":
        return re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
    if category == "LEEFTIJD":  # the same age of two people is not one person
        return f"{scope}:{value}"
    return value


@dataclass
class Pseudonyms:
    """The pseudonym table: ``(category, key) -> number``, kept in the key file between
    runs so that a person keeps their pseudonym when the corpus grows."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    mentions: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _top: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _counted: int = field(default=-1, init=False, repr=False, compare=False)

    def pseudonym(self, category: str, key: str) -> str:
        """The pseudonym of an entity, numbering new ones after the highest so far."""
        number = self.numbers.get((category, key))
        if number is None:
            number = self._highest(category) + 1
            self.numbers[(category, key)] = number
            self._top[category] = number
            self._counted += 1
        return f"[{category}-{number}]"

    def _highest(self, category: str) -> int:
        """The highest number of a category so far (counted once per run, not per entity)."""
        if self._counted != len(self.numbers):  # numbers filled or changed from outside
            self._top.clear()
            for (c, _), n in self.numbers.items():
                self._top[c] = max(n, self._top.get(c, 0))
            self._counted = len(self.numbers)
        return self._top.get(category, 0)

    def assign(
        self,
        docs: list[DocHits],
        protected: Callable[[str], list[tuple[int, int]]] | None = None,
    ) -> dict[str, list[Replacement]]:
        """Link mentions into entities, find further mentions, and return the
        replacements for each document (sorted, non-overlapping).

        ``protected(text)`` gives the spans of a text that must stay whole (the curated
        phrases, :meth:`.lists.Lists.protected`): a further mention of a known person
        is not looked for inside them, so a resident called De Jong does not take the
        *De Jong Gierveld-schaal* apart."""
        people = _People()
        for doc in docs:
            for hit in doc.hits:
                if hit.category == "PERSOON":
                    people.add_full(hit.text, doc.scope)
        keyed: dict[str, list[tuple[Hit, str]]] = {}
        for doc in docs:
            keyed[doc.doc_id] = [
                (hit, people.key(hit.text, doc.scope) if hit.category == "PERSOON"
                 else entity_key(hit.category, hit.text, doc.doc_id))
                for hit in doc.hits
            ]  # fmt: skip
        _propagate(docs, keyed, people, protected)
        edits: dict[str, list[Replacement]] = {}
        for doc in docs:  # number entities in order of first appearance
            out = []
            for hit, key in sorted(keyed[doc.doc_id], key=lambda pair: pair[0].start):
                out.append(Replacement(hit.start, hit.end, self.pseudonym(hit.category, key)))
                self.mentions.setdefault((hit.category, key), set()).add(hit.text)
            edits[doc.doc_id] = out
        return edits


class _People:
    """Full names seen in the corpus, to link partial names to them."""

    def __init__(self) -> None:
        self.full: dict[str, tuple[str, str]] = {}  # key -> (first, surname)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[str]] = defaultdict(set)
        self.scopes: dict[str, set[str | None]] = defaultdict(set)

    def add_full(self, text: str, scope: str | None) -> None:
        first, surname, _ = _name(text)
        if first and surname:
            key = f"{first} {surname}"
            self.full[key] = (first, surname)
            self.by_surname[surname].add(key)
            self.by_first[first].add(key)
            self.scopes[key].add(scope)

    def key(self, text: str, scope: str | None) -> str:
        first, surname, initial = _name(text)
        if first and surname:
            key = f"{first} {surname}"
        elif surname:
            candidates = self.by_surname.get(surname, set())
            if initial:
                candidates = {k for k in candidates if k.startswith(initial)}
            key = next(iter(candidates)) if len(candidates) == 1 else f"~ {surname}"
        else:
            word = " ".join(text.split()).lower()
            as_surname = self.by_surname.get(word, set())
            as_first = {k for k in self.by_first.get(word, set()) if scope in self.scopes[k]}
            if len(as_surname) == 1:
                key = next(iter(as_surname))
            elif len(as_first) == 1 and not as_surname:
                key = next(iter(as_first))
            else:
                key = f"~ {word}"
        self.scopes[key].add(scope)
        return key

    def forms(self, key: str) -> tuple[set[str], set[str]]:
        """Name forms to search for: (anywhere, only in the entity's projects)."""
        if key.startswith("~ ") or key not in self.full:
            return {key[2:] if key.startswith("~ ") else key}, set()
        first, surname = self.full[key]
        return {f"{first} {surname}", surname}, {first}


class _FormRegex:
    """One pattern for many name forms: capitalised, whole words, longest first.

    :meth:`finditer` gives exactly the matches of the single alternation
    ``(?<![\\w\\[-])(?:form|form|...)(?![\\w\\]-])`` (:attr:`regex`), faster: a cheap
    pattern finds the places where a form can start (a word start with one of the forms'
    first letters), and only the forms with that first letter, in the same order, are
    tried there. Trying every form at every character cost a second per 200,000 words.
    """

    def __init__(self, alternatives: list[str]) -> None:
        self._alternatives = alternatives
        #: the forms' patterns by first letter, compiled when a text first needs one
        self.by_first: dict[str, re.Pattern[str]] | None = None
        self._sources: dict[str, str] = {}
        groups: dict[str, list[str]] = defaultdict(list)
        for alternative in alternatives:
            firsts = _first_letters(alternative)
            if firsts is None:  # an unusual form: the single alternation finds them all
                return
            for first in firsts:
                groups[first].append(alternative)
        self._sources = {
            first: r"(?:" + "|".join(alts) + r")(?![\w\]-])" for first, alts in groups.items()
        }
        self.by_first = {}
        letters = "".join(re.escape(c) for c in sorted(groups))
        # the letter first (re scans for a set of first characters quickly), then the
        # look-behind of the whole pattern: the character before the letter is not [\w\[-]
        self.starts = re.compile(rf"[{letters}](?<![\w\[-].)", re.DOTALL)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The single alternation, compiled when first asked for (only where a form is
        unusual: :meth:`finditer` does not need it otherwise)."""
        return re.compile(r"(?<![\w\[-])(?:" + "|".join(self._alternatives) + r")(?![\w\]-])")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`regex` in ``text``, left to right, not overlapping."""
        if self.by_first is None:
            yield from self.regex.finditer(text)
            return
        pos, starts, by_first = 0, self.starts, self.by_first
        while (start := starts.search(text, pos)) is not None:
            at = start.start()
            letter = text[at]
            pattern = by_first.get(letter)
            if pattern is None:  # a letter no text began a word with before
                pattern = by_first[letter] = re.compile(self._sources[letter])
            m = pattern.match(text, at)
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end()


def _first_letters(alternative: str) -> tuple[str, ...] | None:
    """The characters a form's pattern can start with ("[Dd]e\\s+Vries": D and d;
    "['']t\\s+Hooft": the apostrophe; "\\.": the full stop), or None when the pattern
    starts otherwise (it is tried with the single alternation then).

    A form's words are :func:`re.escape` d: a first character that is neither a
    backslash nor a bracket stands for itself.
    """
    pair = re.match(r"\[([^\\\]\^])([^\\\]])\]", alternative)
    if pair:  # "[Dd]", "['']": one or two characters
        return tuple(dict.fromkeys(pair.groups()))
    first = alternative[:1]
    if first == "\\":  # an escaped sign ("\\."), not a class ("\\s", "\\d")
        sign = alternative[1:2]
        return (sign,) if sign and not sign.isalnum() and sign != "_" else None
    if first and first not in "[(.^$*+?{|)":
        return (first,)
    return None


def _form_regex(forms: Iterable[str]) -> _FormRegex | None:
    """One pattern for many name forms: capitalised, whole words, longest first."""
    alternatives = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        words = [re.escape(w[:1].upper() + w[1:]) for w in form.split()]
        if _TUSSEN_RE.match(form.split()[0]):  # "de Vries" and "De Vries" both
            words[0] = f"[{words[0][0]}{words[0][0].lower()}]{words[0][1:]}"
        alternatives.append(r"\s+".join(words))
    if not alternatives:
        return None
    return _FormRegex(alternatives)


#: Before a place, not a person: "in Holten", "uit Holten", "naar Holten", "te Holten".
_TO_A_PLACE = re.compile(r"(?<!\w)(?:in|uit|naar|te)\s+$", re.IGNORECASE)


def _strong_cue(text: str, hit: Hit) -> bool:
    """A person's name found with a strong cue: a name of more than one word ("Jan
    Holten", "De Vries") or a title right before it ("mevrouw Holten")."""
    return len(hit.text.split()) > 1 or bool(
        _TITLE_BEFORE.search(text, max(0, hit.start - 20), hit.start)
    )


def _propagate(
    docs: list[DocHits],
    keyed: dict[str, list[tuple[Hit, str]]],
    people: _People,
    protected: Callable[[str], list[tuple[int, int]]] | None = None,
) -> None:
    """Find further mentions of known people (capitalised, whole words).

    A name form that is also a place ("Holten": a surname, and a village) or a Dutch
    word ("Hoop": a surname, and hope) is looked for only in the documents where that
    person was found with a strong cue
    (:func:`_strong_cue`), and never right after "in", "uit", "naar" or "te": one
    heading or full name does not make the place a person in every other document.
    """
    entities = {key for pairs in keyed.values() for h, key in pairs if h.category == "PERSOON"}
    strong: dict[str, set[str]] = defaultdict(set)  # entity -> documents with a strong cue
    for doc in docs:
        for hit, key in keyed[doc.doc_id]:
            if hit.category == "PERSOON" and _strong_cue(doc.text, hit):
                strong[key].add(doc.doc_id)
    anywhere: dict[str, str] = {}  # folded form -> entity key
    scoped: dict[str | None, dict[str, str]] = defaultdict(dict)
    for key in sorted(entities):
        everywhere, in_projects = people.forms(key)
        for form in everywhere:
            if len(form) >= 3:
                anywhere.setdefault(" ".join(form.split()).casefold(), key)
        for form in in_projects:
            for scope in people.scopes[key]:
                if len(form) >= 3:
                    scoped[scope].setdefault(form.casefold(), key)
    general = _form_regex(anywhere)
    per_scope = {scope: _form_regex(forms) for scope, forms in scoped.items()}
    # a place's name, or a Dutch word ("Hoop" of "mw. Hoop"): only where cued strongly
    places = {
        form
        for table in (anywhere, *scoped.values())
        for form in table
        if is_place(form) or is_word(form)
    }
    for doc in docs:
        taken = sorted((h.start, h.end) for h, _ in keyed[doc.doc_id])
        kept: list[tuple[int, int]] | None = None  # the protected spans, read when needed
        for regex, table in ((general, anywhere), (per_scope.get(doc.scope), scoped[doc.scope])):
            if regex is None:
                continue
            for m in regex.finditer(doc.text):
                i = bisect_right(taken, (m.start(), m.end())) - 1
                if (i >= 0 and taken[i][1] > m.start()) or (
                    i + 1 < len(taken) and taken[i + 1][0] < m.end()
                ):
                    continue  # overlaps a mention already found
                form = " ".join(m.group().split()).casefold()
                entity = table.get(form)
                if form in places and (
                    doc.doc_id not in strong[entity or ""]
                    or _TO_A_PLACE.search(doc.text, max(0, m.start() - 8), m.start())
                ):
                    continue  # a place: no strong cue for this person here, or "in Holten"
                if entity is not None and protected is not None:
                    if kept is None:
                        kept = protected(doc.text)
                    if any(a < m.end() and m.start() < b for a, b in kept):
                        continue  # inside a curated phrase ("De Jong Gierveld-schaal")
                if entity is not None:
                    hit = Hit(m.start(), m.end(), "PERSOON", m.group())
                    keyed[doc.doc_id].append((hit, entity))
                    insort(taken, (m.start(), m.end()))
