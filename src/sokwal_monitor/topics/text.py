"""Dutch representations: content lemmas (no stop words, function words, fillers of
spoken Dutch, numbers, proper nouns or pseudonym placeholders), the display form of a
lemma (its most frequent surface form in the corpus), the labels made of them, and
which texts are fit to quote."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

#: Words of spoken Dutch that carry no topic (besides spaCy's Dutch stop words).
FILLERS = frozenset(
    """eh ehm uh uhm hm hmm mm ja jawel nee neen nou dus gewoon eigenlijk echt heel wel zo
    even hè he hoor oké oke ok okay zeg natuurlijk toch gewoon inderdaad precies zeker
    soort beetje best allemaal iets ding dingen zoiets enzo enzovoort zeggen weten denken
    vinden gaan komen doen krijgen zitten staan liggen moeten kunnen willen zullen mogen
    hebben zijn worden maken laten jaar keer mens mensen persoon heer mevrouw meneer
    ongeveer misschien wellicht altijd nooit vaak soms nu dan toen daar hier eens nog
    al ook maar erg vrij wat waar haha hahaha doei dag hallo joh kijk kijken tja ach
    trouwens overigens sowieso alvast ineens opeens uiteindelijk waarschijnlijk helemaal
    graag straks intussen inmiddels ruim vast dergelijk bepaald vraag vragen goed zien""".split()
)

_PREPOSITIONS = """aan achter af bij binnen boven buiten door heen in langs mee na naar naast
    om onder op over tegen toe tussen uit van vandaan voor zonder rond omheen""".split()

#: Function words spaCy's Dutch stop list lacks: prepositions and conjunctions, the
#: pronominal adverbs (*erop, daarvan, hiermee, waarvoor*, ...), pronouns, adverbs,
#: numerals, months, days of the week and units of time.
FUNCTION_WORDS = frozenset(
    [f"{head}{p}" for head in ("er", "daar", "hier", "waar") for p in _PREPOSITIONS]
    + """per via tegenover namens dankzij ondanks doordat zodat mits zowel plus min
    elkaar iedereen niemand iemand niets alles allen elk elke ieder iedere sommige
    diverse meerdere verschillende zelf zelfs samen meteen gelijk direct weer steeds
    alleen vooral verder bijna echter daardoor daarna daarom daarbij vervolgens tevens
    bovendien namelijk ofwel hetzij eerst laatst net pas nogal vrijwel enigszins
    tamelijk redelijk behoorlijk ontzettend hartstikke super zeer vandaag gisteren
    morgen vanavond vanochtend vanmiddag nadien voorheen destijds tegenwoordig nog
    ooit zowat haast ergens nergens overal anders evenals zoals hoe hoeveel waarom
    één eén een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien
    veertien vijftien zestien zeventien achttien negentien twintig dertig veertig
    vijftig zestig zeventig tachtig negentig honderd duizend miljoen miljard eerste
    tweede derde vierde vijfde tiende helft half kwart paar januari februari maart
    april mei juni juli augustus september oktober november december maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag dag week maand uur minuut kwartier
    seconde eeuw""".split()
)
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-[A-Z]+)*-\d+\]")
_OUTLIER_LABEL = "overig"
_SENTENCE_END = frozenset(".!?:;…")
_OPENERS = frozenset("\"'‘“(-–—•*")


@lru_cache(maxsize=1)
def _excluded() -> frozenset[str]:
    """Every word that is never a topic word: spaCy's Dutch stop words, the fillers and
    the function words (lower case)."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | FILLERS | FUNCTION_WORDS


@dataclass
class _Forms:
    """Per lemma: its surface forms (lower case, acronyms as written) and how often it
    was written with a capital inside a sentence, and in lower case."""

    surface: dict[str, Counter[str]] = field(default_factory=dict)
    capital: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)

    def proper(self) -> set[str]:
        """Lemmas written with a capital inside a sentence more often than without: names
        of people, places and projects (*Jan*, *Lindeloo*, *Samen aan Tafel*)."""
        return {lemma for lemma, n in self.capital.items() if n > self.lower[lemma]}

    def display(self) -> dict[str, str]:
        """Per lemma its most frequent surface form (ties: the first seen)."""
        return {lemma: forms.most_common(1)[0][0] for lemma, forms in self.surface.items()}


def _lemma_corpus(
    texts: Sequence[str], *, sentences: bool
) -> tuple[list[list[tuple[int, int, list[str]]]], dict[str, str]]:
    """Per text its units as ``(start, end, content lemmas)`` (the whole text, or each of
    its sentences), and the display form of each lemma.

    Placeholders are blanked (same length) before the pipeline runs. A content lemma is
    alphabetic, longer than one letter and neither it nor its word is in
    :func:`_excluded`; lemmas that are mostly written with a capital inside a sentence
    (proper nouns) are dropped from every unit.
    """
    from ..nlp import dutch_pipeline

    nlp = dutch_pipeline()
    skip = _excluded()
    forms = _Forms()
    out: list[list[tuple[int, int, list[str]]]] = []
    disabled = [] if sentences else ["sentencizer"]
    blanked = (_PLACEHOLDER.sub(lambda m: " " * len(m.group()), str(t)) for t in texts)
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(blanked, batch_size=256):
            spans = list(doc.sents) if sentences else [doc[:]]
            units = []
            for span in spans:
                if not span.text.strip():
                    continue
                words = []
                starts = True  # the next word begins a sentence
                for t in span:
                    text = t.text
                    if t.is_space or text in _OPENERS:
                        starts = starts or t.is_space
                        continue
                    if not t.is_alpha:
                        starts = text in _SENTENCE_END
                        continue
                    first, starts = starts, False
                    lower = t.lower_
                    lemma = t.lemma_
                    if len(text) < 2 or lower in skip or lemma in skip:
                        continue
                    words.append(lemma)
                    acronym = text.isupper()
                    surface = forms.surface.get(lemma)
                    if surface is None:
                        surface = forms.surface[lemma] = Counter()
                    surface[text if acronym else lower] += 1
                    if not first and not acronym:
                        if text[0].isupper():
                            forms.capital[lemma] += 1
                        else:
                            forms.lower[lemma] += 1
                units.append((span.start_char, span.end_char, words))
            out.append(units)
    proper = forms.proper()
    if proper:
        out = [[(s, e, [w for w in ws if w not in proper]) for s, e, ws in u] for u in out]
    return out, forms.display()


def _lemma_units(
    texts: Sequence[str], *, sentences: bool
) -> list[list[tuple[int, int, list[str]]]]:
    """Per text its units as ``(start, end, content lemmas)``; see :func:`_lemma_corpus`."""
    return _lemma_corpus(texts, sentences=sentences)[0]


def content_lemmas(text: str) -> list[str]:
    """The content lemmas of ``text``: no stop words, function words, fillers, numbers,
    proper nouns or placeholders.

    >>> content_lemmas("Nou ja, de gemeenten hebben eigenlijk echt subsidie toegezegd.")
    ['gemeente', 'subsidie', 'toezeggen']
    >>> content_lemmas("Daarvan rijden er twee per dag, met Jan, [PERSOON-3] en de vrijwilligers.")
    ['rijden', 'vrijwilliger']
    """
    return _lemma_units([text], sentences=False)[0][0][2] if text.strip() else []


def topic_label(words: Sequence[str], n: int = 3, display: Mapping[str, str] | None = None) -> str:
    """A topic's label: the display forms of its first ``n`` words (lemmas) joined by
    ``", "``; two lemmas with the same display form count once.

    >>> topic_label(["eetgroep", "dorpshuis", "koken", "ouderen"])
    'eetgroep, dorpshuis, koken'
    >>> topic_label(["moederen", "school", "kind"], display={"moederen": "moeders"})
    'moeders, school, kind'
    >>> topic_label([])
    'overig'
    """
    shown: list[str] = []
    for word in words:
        form = (display or {}).get(word, word) if word else ""
        if form and form not in shown:
            shown.append(form)
    return ", ".join(shown[:n]) if shown else _OUTLIER_LABEL


_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def is_quotable(text: str, min_words: int = 6) -> bool:
    """Whether ``text`` reads as a quote: at least ``min_words`` words, ending in
    sentence punctuation (a closing quote or bracket after it is fine), and mostly
    words: not a table row or a heading.

    >>> is_quotable("We hebben geleerd dat je het niet met twee mensen kan doen.")
    True
    >>> is_quotable("Gemiddeld aantal deelnemers per")
    False
    >>> is_quotable("Leden (huishoudens) | 140 | 212 | 250 | 300 | 310.")
    False
    """
    body = text.strip().rstrip("\"'’”)»]").rstrip()
    if not body or body[-1] not in ".!?…":
        return False
    words = _WORD.findall(body)
    if len(words) < min_words or "|" in body or "\t" in body:
        return False
    letters = sum(len(w) for w in words)
    digits = sum(c.isdigit() for c in body)
    return digits <= letters / 4
