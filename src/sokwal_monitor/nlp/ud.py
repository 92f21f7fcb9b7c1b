"""Universal Dependencies (CoNLL-U) gold lemmas: read them, split them by document into
a part to learn from and a part held out, learn a form -> lemma table from the first
and score a lemmatizer on the second.

The UD Dutch treebanks write compounds and separable verbs with ``_`` in the lemma
(``basis_niveau``, ``aan_sporen``). Lemmas are compared lower-cased with the ``_``
taken out (*basisniveau*); a verb whose particle stands apart (*spoorde ... aan*,
lemma ``aan_sporen``) is right with either *aansporen* or *sporen*, since a lemmatizer
of single tokens cannot see the particle. Punctuation, symbols and numbers are not
scored.

Examples
--------
>>> text = (
...     "# sent_id = doc-1.p.1.s.1\\n"
...     "1\\tKinderen\\tkind\\tNOUN\\t_\\t_\\t2\\tnsubj\\t_\\t_\\n"
...     "2\\tspeelden\\tspelen\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_\\n"
...     "3\\t.\\t.\\tPUNCT\\t_\\t_\\t2\\tpunct\\t_\\t_\\n"
... )
>>> (sentence,) = parse_conllu(text)
>>> sentence.doc_id, sentence.words, sentence.lemmas
('doc-1', ('Kinderen', 'speelden', '.'), ('kind', 'spelen', '.'))
>>> score([sentence], [["kind", "spelen", "."]])["all"]
{'n': 2, 'correct': 2, 'accuracy': 1.0}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CONTENT_POS",
    "UNSCORED_POS",
    "GoldSentence",
    "gold_lemma",
    "is_right",
    "learn_lemmas",
    "parse_conllu",
    "read_conllu",
    "score",
    "split_by_document",
]

#: Parts of speech counted as content words.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
#: Parts of speech left out of the score (punctuation, symbols, numbers).
UNSCORED_POS = frozenset({"PUNCT", "SYM", "NUM"})


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One sentence of a treebank: its document, words, gold lemmas and UPOS tags."""

    doc_id: str
    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    upos: tuple[str, ...]


def _document_id(sent_id: str) -> str:
    """The document of a sentence id: ``wiki-1181.p.10.s.1`` -> ``wiki-1181``,
    ``WR-P-P-H-0000000105\\WR-P-P-H-0000000105.p.5.s.4`` -> ``WR-P-P-H-0000000105``."""
    return re.split(r"[\\.]", sent_id, maxsplit=1)[0]


def parse_conllu(text: str) -> list[GoldSentence]:
    """The sentences of a CoNLL-U text (multi-word token lines and empty nodes skipped).

    >>> parse_conllu("# sent_id = a.p.1.s.1\\n1\\tis\\tzijn\\tAUX\\t_\\t_\\t0\\troot\\t_\\t_\\n")
    [GoldSentence(doc_id='a', words=('is',), lemmas=('zijn',), upos=('AUX',))]
    """
    sentences: list[GoldSentence] = []
    sent_id, rows = "", []
    for line in [*text.splitlines(), ""]:
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append((cols[1], cols[2], cols[3]))
        elif not line and rows:
            words, lemmas, upos = zip(*rows, strict=True)
            sentences.append(GoldSentence(_document_id(sent_id), words, lemmas, upos))
            sent_id, rows = "", []
    return sentences


def read_conllu(path: str | Path) -> list[GoldSentence]:
    """The sentences of a CoNLL-U file (UTF-8); see :func:`parse_conllu`.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "x.conllu")
    ...     _ = path.write_text("1\\twas\\tzijn\\tAUX\\t_\\t_\\t0\\troot\\t_\\t_\\n", "utf-8")
    ...     [s.lemmas for s in read_conllu(path)]
    [('zijn',)]
    """
    return parse_conllu(Path(path).read_text(encoding="utf-8"))


def split_by_document(
    sentences: Sequence[GoldSentence],
) -> tuple[list[GoldSentence], list[GoldSentence]]:
    """``(learn, held_out)``: the documents in order of their ids, every second one
    held out (the 2nd, 4th, ...), so no document is in both parts.

    >>> s = [GoldSentence(d, ("x",), ("x",), ("X",)) for d in ["b", "a", "c", "a"]]
    >>> [[x.doc_id for x in part] for part in split_by_document(s)]
    [['a', 'c', 'a'], ['b']]
    """
    order = {doc: i for i, doc in enumerate(sorted({s.doc_id for s in sentences}))}
    learn = [s for s in sentences if order[s.doc_id] % 2 == 0]
    held_out = [s for s in sentences if order[s.doc_id] % 2 == 1]
    return learn, held_out


def gold_lemma(lemma: str) -> str:
    """A gold lemma as compared: lower case, ``_`` taken out.

    >>> gold_lemma("basis_niveau"), gold_lemma("NK")
    ('basisniveau', 'nk')
    """
    return lemma.replace("_", "").lower()


def is_right(word: str, gold: str, predicted: str, *, compounds: bool = True) -> bool:
    """Whether ``predicted`` (lower case) is right for ``word`` with UD lemma ``gold``:
    equal to :func:`gold_lemma`; for a separable verb whose particle stands apart
    (the word does not start with it), equal to the lemma without the particle; for a
    compound, its parts joined as Dutch writes them, with a linking sound or a hyphen
    (*ontwikkelingsland* for ``ontwikkeling_land``, *farc-rebel* for ``FARC_rebel``),
    unless ``compounds`` is false.

    >>> is_right("spoorde", "aan_sporen", "sporen"), is_right("aanspoorde", "aan_sporen", "sporen")
    (True, False)
    >>> is_right("ontwikkelingslanden", "ontwikkeling_land", "ontwikkelingsland")
    True
    >>> is_right("afgelopen", "af_lopen", "afgelopen")
    False
    """
    if predicted == gold_lemma(gold):
        return True
    if "_" in gold:
        particle, rest = gold.lower().split("_", 1)
        if not word.lower().startswith(particle):
            return predicted == rest.replace("_", "")
        return compounds and _joins(gold.lower(), predicted)
    return False


#: The linking sounds between the parts of a Dutch compound (*ontwikkeling-s-land*,
#: *vrouw-en-wijding*, *kind-er-opvang*), or a hyphen.
_LINK = "(?:s|e|en|n|er|es|-)?"


def _joins(gold: str, predicted: str) -> bool:
    """Whether ``predicted`` is the compound ``gold`` (parts split by ``_``) as Dutch
    writes it: its parts joined with or without a linking sound."""
    pattern = _LINK.join(re.escape(part) for part in gold.split("_"))
    return re.fullmatch(pattern, predicted) is not None


def score(
    sentences: Iterable[GoldSentence],
    predicted: Iterable[Sequence[str]],
    *,
    compounds: bool = True,
) -> dict[str, dict[str, Any]]:
    """Lemma accuracy of ``predicted`` (one list of lemmas per sentence) against the
    gold: ``all`` scored tokens, ``content`` words (:data:`CONTENT_POS`) and one entry
    per UPOS tag, each ``{"n", "correct", "accuracy"}``; ``compounds`` as in
    :func:`is_right`.

    >>> s = GoldSentence("d", ("Zorg", "is", "3"), ("zorg", "zijn", "3"), ("NOUN", "AUX", "NUM"))
    >>> r = score([s], [["zorgen", "zijn", "3"]])
    >>> r["all"]["accuracy"], r["content"]["accuracy"], r["AUX"]["correct"]
    (0.5, 0.0, 1)
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for sentence, lemmas in zip(sentences, predicted, strict=True):
        for word, gold, pos, lemma in zip(
            sentence.words, sentence.lemmas, sentence.upos, lemmas, strict=True
        ):
            if pos in UNSCORED_POS:
                continue
            right = int(is_right(word, gold, lemma.lower(), compounds=compounds))
            groups = ["all", pos, "content"] if pos in CONTENT_POS else ["all", pos]
            for group in groups:
                counts[group][0] += 1
                counts[group][1] += right
    order = ["all", "content", *sorted(k for k in counts if k not in ("all", "content"))]
    return {
        key: {"n": n, "correct": c, "accuracy": round(c / n, 4) if n else 0.0}
        for key in order
        for n, c in [counts[key]]
    }


def learn_lemmas(sentences: Iterable[GoldSentence]) -> dict[str, str]:
    """Form (lower case) -> its most frequent gold lemma (as :func:`gold_lemma` writes
    it; ties go to the lemma first in alphabetical order), from scored tokens only.
    Split separable verbs (*spoorde ... aan*) teach the verb without its particle.

    >>> s = GoldSentence("d", ("Is", "is", "Was"), ("zijn", "zijn", "zijn"), ("AUX",) * 3)
    >>> learn_lemmas([s])
    {'is': 'zijn', 'was': 'zijn'}
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for word, gold, pos in zip(sentence.words, sentence.lemmas, sentence.upos, strict=True):
            if pos in UNSCORED_POS or gold == "_":
                continue
            lemma = gold_lemma(gold)
            if "_" in gold:
                particle, rest = gold.lower().split("_", 1)
                if not word.lower().startswith(particle):
                    lemma = rest.replace("_", "")
            seen[word.lower()][lemma] += 1
    return {
        form: min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for form, counter in sorted(seen.items())
    }
