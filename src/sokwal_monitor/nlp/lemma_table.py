"""The Dutch lemma table: one word form (lower case) -> one lemma, built from tables in
order of trust; the first that knows a form wins.

1. ``data/nl_lemmas_extra.tsv``: irregular and auxiliary verbs and frequent words that
   the other tables get wrong, written by hand (*is* -> *zijn*, *zorg* -> *zorg*);
2. ``data/nl_lemmas_ud.tsv``: each form's most frequent lemma in the *learning* half of
   the UD Dutch development sets (:func:`~sokwal_monitor.nlp.ud.split_by_document`;
   the other half is held out to measure accuracy on);
3. spaCy's ``nl`` lookup table (spacy-lookups-data);
4. adjective readings of spaCy's exception table (*grote* -> *groot*);
5. a form that is itself a noun, verb or adjective lemma of spaCy's lemma index stays
   as it is (*werk*, *land*, *spelen*) — the exception table otherwise reads many
   nouns as verb forms (*werk* -> *werken*, *kerk* -> *kerken*);
6. the other readings of the exception table, nouns before verbs
   (*maanden* -> *maand*, not *manen*);
7. for a word none of these know, its longest known ending of at least four letters
   (*buurtbewoners* -> *buurt* + *bewoner*, *opgebeld* -> *op* + *bellen*);
8. else the form itself.

Only the hand-written table and the UD table ship with the package; the spaCy tables
come from spacy-lookups-data at load time.

>>> lemma_table()["maanden"], lemma_table()["is"], lemma_table().get("sokwalvrijwilligers")
('maand', 'zijn', None)
>>> lemmatize_form(lemma_table(), "sokwalvrijwilligers")
'sokwalvrijwilliger'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = [
    "EXTRA_FILE",
    "PARTICLES",
    "UD_FILE",
    "LemmaTable",
    "build_lemma_table",
    "lemma_table",
    "lemmatize_form",
    "read_tsv",
    "regular_stem",
    "spacy_tables",
]

#: The hand-written table (form, lemma) in ``sokwal_monitor/nlp/data``.
EXTRA_FILE = "nl_lemmas_extra.tsv"
#: The table learned from the learning half of the UD Dutch development sets.
UD_FILE = "nl_lemmas_ud.tsv"
#: Parts of speech of spaCy's exception table after the adjectives, in order.
_EXCEPTION_ORDER = ("noun", "verb", "adv", "pron", "det", "adp")
#: Shortest ending (in letters) that lemmatizes an unknown compound.
MIN_HEAD = 4


def read_tsv(name: str) -> dict[str, str]:
    """A shipped table of ``form<TAB>lemma`` lines (``#`` starts a comment line).

    >>> read_tsv(EXTRA_FILE)["heeft"]
    'hebben'
    """
    text = files("sokwal_monitor.nlp").joinpath("data", name).read_text(encoding="utf-8")
    rows = csv.reader(
        (ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"
    )
    return {form: lemma for form, lemma in rows}


def spacy_tables() -> dict[str, Any]:
    """spaCy's Dutch lemma tables as strings, read from spacy-lookups-data (no
    download): ``lookup`` (form -> lemma), ``exc`` (part of speech -> form -> lemmas)
    and ``index`` (part of speech -> list of lemmas).

    >>> tables = spacy_tables()
    >>> "kind" in tables["index"]["noun"], tables["exc"]["adj"]["grote"]
    (True, ['groot'])
    """
    import gzip
    import json

    data = files("spacy_lookups_data").joinpath("data")
    return {
        name: json.loads(gzip.decompress(data.joinpath(f"nl_lemma_{name}.json.gz").read_bytes()))
        for name in ("lookup", "exc", "index")
    }


def build_lemma_table(
    extra: Mapping[str, str] | None = None, learned: Mapping[str, str] | None = None
) -> LemmaTable:
    """The lemma table from the tables in order of trust (see the module); ``extra``
    and ``learned`` default to the shipped tables.

    >>> table = build_lemma_table(extra={}, learned={"kan": "kunnen"})
    >>> table["kan"], table["werk"], table["grote"], table["kinderen"]
    ('kunnen', 'werk', 'groot', 'kind')
    """
    STOP_WORDS = dutch_stop_words()
    extra = read_tsv(EXTRA_FILE) if extra is None else extra
    learned = read_tsv(UD_FILE) if learned is None else learned
    spacy = spacy_tables()
    exceptions: dict[str, dict[str, list[str]]] = spacy["exc"]
    table: dict[str, str] = {}

    def fill(pairs: Iterable[tuple[str, str]]) -> None:
        for form, lemma in pairs:
            key = form.lower()
            if key not in table and lemma:
                table[key] = lemma.lower()

    def readings(pos: str) -> Iterator[tuple[str, str]]:
        for form, lemmas in exceptions.get(pos, {}).items():
            if lemmas and form.lower() not in STOP_WORDS:
                yield form, lemmas[0]

    fill(extra.items())
    fill(learned.items())
    fill(spacy["lookup"].items())
    fill(readings("adj"))
    index = {pos: spacy["index"].get(pos, []) for pos in ("noun", "adp", "det", "verb", "adj")}
    verbs = exceptions.get("verb", {})
    fill((lemma, lemma) for pos in ("noun", "adp", "det") for lemma in index[pos])
    # an adjective stays one unless it is an irregular verb form (*begon*, not *warm*)
    fill(
        (lemma, lemma)
        for lemma in index["adj"]
        if not verbs.get(lemma) or regular_stem(verbs[lemma][0]) == lemma
    )
    # a participle is a verb form before it is a plural noun (*genomen*: *nemen*)
    fill((f, ls[0]) for f, ls in verbs.items() if f.startswith("ge") and ls)
    for pos in _EXCEPTION_ORDER:
        fill(readings(pos))
    fill((lemma, lemma) for pos in ("verb", "adj") for lemma in index[pos])
    return LemmaTable(table, frozenset(index["noun"]), frozenset(index["verb"]))


def regular_stem(verb: str) -> str:
    """The first-person present of a regular Dutch verb (its stem, spelled as Dutch
    spells a word's end): *zorgen* -> *zorg*, *delen* -> *deel*, *zetten* -> *zet*,
    *geloven* -> *geloof*, *reizen* -> *reis*; a word not ending in *-en* unchanged.

    The vowel of an open last syllable is written double only when that syllable is
    stressed (*verdelen* -> *verdeel*, *repareren* -> *repareer*), never in the
    unstressed syllables *-el-*, *-en-*, *-er-*, *-em-* and *-ig-* (*wandelen* ->
    *wandel*, *tekenen* -> *teken*, *ademen* -> *adem*, *uitnodigen* -> *uitnodig*).

    >>> [regular_stem(v) for v in ["zorgen", "delen", "zetten", "geloven", "reizen", "doen"]]
    ['zorg', 'deel', 'zet', 'geloof', 'reis', 'doen']
    >>> [regular_stem(v) for v in ["nodigen", "openen", "verzamelen", "verdelen", "eten"]]
    ['nodig', 'open', 'verzamel', 'verdeel', 'eet']
    """
    vowels = "aeiou"
    if len(verb) < 4 or not verb.endswith("en") or verb[-3] in vowels:
        return verb
    stem = verb[:-2]
    if stem[-1] == "v":
        stem = stem[:-1] + "f"
    elif stem[-1] == "z":
        stem = stem[:-1] + "s"
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        return stem[:-1]
    # an open syllable: one vowel after a consonant (or at the word's start: eten -> eet)
    single = stem[-2] in vowels and (len(stem) == 2 or stem[-3] not in vowels)
    if single and stem[-1] not in vowels and _stressed_end(stem):
        return stem[:-1] + stem[-2] + stem[-1]
    return stem


#: Unstressed prefixes and separable particles a verb's stressed syllable may follow
#: (*ver*-*delen*, *mee*-*delen*), longest first; not *na*, which begins *nader*.
_STEM_PREFIXES = tuple(
    sorted(
        "be ge ver her ont aan af bij door in mee om onder op over samen tegen terug toe"
        " uit voor weer weg".split(),
        key=len,
        reverse=True,
    )
)


def _syllables(word: str) -> int:
    """The number of vowel groups (*uitnodig*: 3)."""
    return sum(
        1 for i, c in enumerate(word) if c in "aeiou" and (i == 0 or word[i - 1] not in "aeiou")
    )


def _without_prefix(stem: str, *, before_vowel: bool) -> str:
    """``stem`` without one unstressed prefix or particle, when a syllable is left (and,
    unless ``before_vowel``, the rest starts with a consonant: *op*-*en* is no prefix)."""
    for prefix in _STEM_PREFIXES:
        rest = stem[len(prefix) :]
        if (
            stem.startswith(prefix)
            and _syllables(rest)
            and (before_vowel or rest[0] not in "aeiou")
        ):
            return rest
    return stem


def _stressed_end(stem: str) -> bool:
    """Whether the last syllable of a stem ending in consonant, vowel, consonant is
    stressed, so that its vowel is written double (Dutch spelling)."""
    vowel = stem[-2]
    if vowel == "i":  # -ig (nodig, bevestig): an i is never written double
        return False
    if vowel != "e":  # a, o, u are full vowels: herhaal, geloof, huur
        return True
    if _syllables(_without_prefix(stem, before_vowel=False)) == 1:
        return True  # deel, verdeel, meedeel, vergeet, beleef
    root = stem
    while (shorter := _without_prefix(root, before_vowel=True)) != root:
        root = shorter
    # loan verbs in -eren are stressed on it (repareer, presenteer, organiseer); a native
    # -er, -el, -en, -em is a schwa (luister, verander, herinner, wandel, teken, adem)
    return stem.endswith("er") and _syllables(root) >= 3


#: Separable particles: *op* + *gebeld* is a form of *opbellen*.
PARTICLES = frozenset(
    "aan af bij binnen buiten door in los mee na neer om onder op over rond samen tegen"
    " terug thuis toe uit vast voor voorbij weg".split()
)


class LemmaTable(dict[str, str]):
    """Form (lower case) -> lemma, with the noun and verb lemmas of spaCy's index
    that :func:`lemmatize_form` uses for words it does not know.

    >>> LemmaTable({"kinderen": "kind"}, frozenset({"kind"}), frozenset())["kinderen"]
    'kind'
    """

    def __init__(
        self, forms: Mapping[str, str], nouns: frozenset[str], verbs: frozenset[str]
    ) -> None:
        super().__init__(forms)
        self.nouns = nouns
        self.verbs = verbs


def lemmatize_form(table: LemmaTable, form: str) -> str:
    """The lemma of one word (lower case): the table's; else, for a word in lower case,
    that of its longest ending of at least :data:`MIN_HEAD` letters that the table
    reads as a noun (*buurt* + *bewoners*) or, after a separable particle, as a verb
    (*op* + *gebeld*); else an inflected adjective or participle without its *-e*
    (*oostendse* -> *oostends*); else the word itself.

    >>> table = LemmaTable({"bewoners": "bewoner", "gebeld": "bellen"},
    ...                    frozenset({"bewoner"}), frozenset({"bellen"}))
    >>> lemmatize_form(table, "buurtbewoners"), lemmatize_form(table, "opgebelde")
    ('buurtbewoner', 'opbellen')
    >>> lemmatize_form(table, "Sokwalstad"), lemmatize_form(table, "Engebeld")
    ('sokwalstad', 'engebeld')
    """
    key = form.lower()
    lemma = table.get(key)
    if lemma is not None:
        return lemma
    if key != form:
        return key  # a capitalized word the table does not know is a name
    if "-" in key.strip("-"):  # a hyphenated compound: its last part's lemma
        first, _, last = key.rpartition("-")
        return f"{first}-{lemmatize_form(table, last)}" if last.isalpha() else key
    if not key.isalpha():
        return key
    found = _compound(table, key)
    if found is None and len(key) > 4 and key.endswith(("se", "de", "te", "ige")):
        found = table.get(key[:-1]) or _compound(table, key[:-1]) or key[:-1]
    return key if found is None else found


def _compound(table: LemmaTable, key: str) -> str | None:
    """The lemma of an unknown compound by its longest known ending, or None."""
    for cut in range(2, len(key) - MIN_HEAD + 1):
        head = table.get(key[cut:])
        if head is None:
            continue
        if head in table.nouns and head[0] == key[cut]:
            return key[:cut] + head
        if head in table.verbs and key[:cut] in PARTICLES:
            return key[:cut] + head
    return None


def dutch_stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words, read from the text of ``spacy/lang/nl/stop_words.py``
    without importing spaCy (an import of 2 s that the search index's lemmas at ingest
    do not need); by importing it where that file does not have its usual form.

    >>> {"de", "het", "zulke"} <= dutch_stop_words()
    True
    """
    import ast
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("spacy")  # finds the package without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "lang" / "nl" / "stop_words.py"
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            continue
        texts = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        if len(texts) == 1 and len(texts[0].split()) > 100:
            return frozenset(texts[0].split())
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """The shipped lemma table, built once per process (about a second).

    >>> lemma_table() is lemma_table()
    True
    """
    return build_lemma_table()
