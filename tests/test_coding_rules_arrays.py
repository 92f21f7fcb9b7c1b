"""Rule coding's matchers over a group of docs as one array of lexeme numbers
(``coding/rules/arrays.py``) find what spaCy's matchers find doc by doc: the same
matches, spans and order, on generated texts with empty and one-token docs, hostile
characters, overlapping and adjacent matches, phrases at the docs' boundaries and
lemma patterns on inflected forms."""

from __future__ import annotations

import random

import pytest

from sokwal_monitor.codebook import codebook_from_text, load_codebook
from sokwal_monitor.coding.rules import RuleCoder
from sokwal_monitor.coding.rules import coder as coder_module

# phrases that overlap, nest and share a span (two patterns of one code on the same
# words), lemma patterns of several words, a token pattern with a gap
PHRASES_CB = """
name: arrays
codes:
  - name: a
    definition: A.
    patterns:
      - lemma: [leren, kind, "vrijwilliger werven"]
      - phrase: achteraf gezien
      - phrase: gezien hadden
      - phrase: achteraf
      - tokens: [{LEMMA: leren}, {LEMMA: kind}]
      - lemma: [kind]
  - name: b
    definition: B.
    patterns:
      - phrase: de gemeente
      - phrase: de gemeente de
      - phrase: gemeente
      - tokens: [{LEMMA: gemeente}, {IS_PUNCT: false, OP: "{0,2}"}, {LOWER: samen}]
      - tokens: [{LOWER: samen}, {LEMMA: werken}]
"""
WORDS = (
    "achteraf gezien hadden de gemeente samen werken werkte leerden geleerd leert"
    " kinderen kind vrijwilligers werven wierven , . ? ! \x00 \ufffd İ \u212a"
    " 12 ٣ \U0001f600 Gemeente GEMEENTE".split()
)


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["", " ", "gemeente", "kinderen", "achteraf", "\n"]
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randint(0, 12))
        texts.append(rng.choice([" ", "  ", "\n"]).join(words))
    return texts


@pytest.mark.parametrize("cb_text", [PHRASES_CB, None])
@pytest.mark.parametrize("scope", ["match", "segment"])
@pytest.mark.parametrize("group", [1, 3, 64])
def test_the_array_matchers_find_what_spacys_find(
    cb_text: str | None, scope: str, group: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    cb = load_codebook() if cb_text is None else codebook_from_text(cb_text)
    rules = RuleCoder(cb, scope=scope)  # type: ignore[arg-type]
    monkeypatch.setattr(coder_module, "_GROUP", group)
    texts = _texts(400, seed=11)
    off = rules.disabled_pipes()
    batch = list(rules.code_spans_batch(texts, rules.nlp.pipe(texts, disable=off)))
    assert rules._arrays() is not None  # the array path ran
    one = [
        rules.code_spans(doc, text)
        for text, doc in zip(texts, rules.nlp.pipe(texts, disable=off), strict=True)
    ]
    assert batch == one
    assert sum(map(len, batch)) > 100
    if cb_text is not None:
        assert any(" | " in span[3] for spans in batch for span in spans)


def test_the_array_tries_give_spacys_matches_in_its_order() -> None:
    rules = RuleCoder(codebook_from_text(PHRASES_CB))
    chunk = rules._arrays()
    assert chunk is not None
    texts = _texts(300, seed=3)
    lemmatizer = chunk.lemmatizer
    with lemmatizer.taping() as tape:
        docs = list(rules.nlp.pipe(texts))
    found = chunk.match(tape)
    trigger = rules._trigger
    for doc, phrases in zip(docs, found.phrases, strict=True):
        spacy = [(s, e, m) for t in rules._tries for m, s, e in t(doc) if m != trigger]
        assert phrases == spacy
    # the lemmas taped are those set on the tokens
    taped = [lemmatizer.lexeme_lemmas[k] for k in tape.lexemes]
    assert taped == [t.lemma for doc in docs for t in doc]
    assert list(tape.lengths) == [len(doc) for doc in docs]


def test_docs_not_made_while_taping_are_coded_doc_by_doc() -> None:
    rules = RuleCoder(load_codebook())
    texts = ["Overleg met de gemeente.", "", "We hebben veel geleerd."]
    docs = list(rules.nlp.pipe(texts))  # made before: nothing on the tape
    got = list(rules.code_spans_batch(texts, iter(docs)))
    assert got == [rules.code_spans(doc, text) for text, doc in zip(texts, docs, strict=True)]
    with pytest.raises(ValueError, match="fewer docs"):
        list(rules.code_spans_batch(texts, rules.nlp.pipe(texts[:2])))
