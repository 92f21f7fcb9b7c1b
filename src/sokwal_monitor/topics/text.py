"""Dutch representations: content lemmas (no stop words, fillers of spoken Dutch or
pseudonym placeholders) and the labels made of them."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Words of spoken Dutch that carry no topic (besides spaCy's Dutch stop words).
FILLERS = frozenset(
    """eh ehm uh uhm hm hmm mm ja jawel nee neen nou dus gewoon eigenlijk echt heel wel zo
    even hè he hoor oké oke ok okay zeg natuurlijk toch gewoon inderdaad precies zeker
    soort beetje best allemaal iets ding dingen zoiets enzo enzovoort zeggen weten denken
    vinden gaan komen doen krijgen zitten staan liggen moeten kunnen willen zullen mogen
    hebben zijn worden maken laten jaar keer mens mensen persoon heer mevrouw meneer
    ongeveer misschien wellicht altijd nooit vaak soms nu dan toen daar hier eens nog
    al ook maar erg vrij wat waar""".split()
)
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-[A-Z]+)*-\d+\]")
_OUTLIER_LABEL = "overig"


def _excluded() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | FILLERS


def _lemma_units(
    texts: Sequence[str], *, sentences: bool
) -> list[list[tuple[int, int, list[str]]]]:
    """Per text its units as ``(start, end, content lemmas)``: the whole text, or each of
    its sentences. Placeholders are blanked (same length) before the pipeline runs."""
    from ..nlp import dutch_pipeline

    nlp = dutch_pipeline()
    skip = _excluded()
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
                words = [
                    t.lemma_
                    for t in span
                    if t.is_alpha
                    and len(t.text) > 1
                    and t.lower_ not in skip
                    and t.lemma_ not in skip
                ]
                units.append((span.start_char, span.end_char, words))
            out.append(units)
    return out


def content_lemmas(text: str) -> list[str]:
    """The content lemmas of ``text``: no stop words, fillers, numbers or placeholders.

    >>> content_lemmas("Nou ja, de gemeenten hebben eigenlijk echt subsidie toegezegd.")
    ['gemeente', 'subsidie', 'toezeggen']
    """
    return _lemma_units([text], sentences=False)[0][0][2] if text.strip() else []


def topic_label(words: Sequence[str], n: int = 3) -> str:
    """A topic's label: its first ``n`` words joined by ``", "``.

    >>> topic_label(["eetgroep", "dorpshuis", "koken", "ouderen"])
    'eetgroep, dorpshuis, koken'
    >>> topic_label([])
    'overig'
    """
    words = [w for w in words if w]
    return ", ".join(words[:n]) if words else _OUTLIER_LABEL
