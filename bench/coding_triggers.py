"""Benchmark: could rule coding skip tokenizing the texts (or sentences) where no
pattern of the codebook can match? Issue 15's idea, measured before building it.

Prints one JSON object, on the sample corpus and a bench corpus as ``bench/coding.py``
builds it:

- the ceiling (an oracle: the full coder's own matches): the share of texts, of words
  in texts, and of words in sentences that hold a match of the default codebook;
- what a sound gate finds: the share of texts (and sentences) holding a *surface
  trigger* of a pattern (see below), what building the gate and scanning for them
  costs (CPU seconds), and the number of texts with a match that the gate would have
  skipped (must be 0: the check that the gate is sound on this corpus);
- the floor (tokenizer + lemmatizer alone) and rule coding in one process (CPU s),
  and the ratio to the floor that skipping the gate's untriggered words (or, at
  best, every word outside a matched sentence) would leave.

The surface triggers: every pattern kind can only match in a text that holds certain
text:

- a ``lemma`` pattern (and a ``LEMMA`` token of a ``tokens`` pattern) only on a token
  whose lemma is one of its lemmas. The Dutch pipeline's lemmatizer
  (:class:`~sokwal_monitor.nlp.FormLemmatizer`) is a function of the token's text
  alone (no context, no part of speech), so the tokens that get a lemma *L* are
  known: the forms the lemma table reads as *L*, *L* itself (a word the table does
  not know, or a capitalized one, stays itself, lower-cased), a compound that ends in
  a form of a table lemma *h* where *L* = prefix + *h* (*buurt* + *bewoners* ->
  *buurtbewoner*), a form with an *-e* too many (it holds one of those), and for a
  lemma with a hyphen its part up to the first hyphen. The token's text, lower-cased,
  holds one of these, and so does the lower-cased text;
- a ``phrase`` pattern, and a ``LOWER``, ``ORTH`` or ``TEXT`` token of a ``tokens``
  pattern, only where the text holds that word (lower-cased);
- a ``regex`` only where the case-folded text holds one of its ``required_text``.

One token of each token pattern is needed (a token the pattern requires: no ``OP``,
or ``OP: "+"``): the one whose triggers are longest. When a pattern has nothing to
bound it (a ``tokens`` pattern of only ``IS_PUNCT`` or ``POS``, a regex that may match
without any fixed text), or the pipeline is not the Dutch one, the gate is off:
``TextGate.reason`` says why.

    .venv/bin/python bench/coding_triggers.py --words 1e6
    .venv/bin/python bench/coding_triggers.py --words 1e6 --keep /tmp/coding-check
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sokwal_monitor.coding.rules.patterns import _as_phrases, _lemma_forms, required_text
from sokwal_monitor.coding.rules.prefilter import _folded

if TYPE_CHECKING:
    from sokwal_monitor.coding.rules import RuleCoder

#: More surface triggers than this and the gate is not worth its scan: it stays off.
MAX_TRIGGERS = 200_000
#: A text holding one of these is always tokenized: its lower case depends on context
#: (Python lower-cases a capital sigma at a word's end otherwise than elsewhere).
_CONTEXT_CASE = "\u03a3"
_ATTR = "_sokwal_text_gate"


class TextGate:
    """The surface triggers of a :class:`RuleCoder`'s codebook and a scan for them.

    ``words``: what the lower-cased text must hold for a lemma, phrase or token
    pattern; ``needles``: what the case-folded text must hold for a regex. ``reason``
    is None when the gate works, else why it is off (:meth:`wanted` then says True
    for every text).
    """

    def __init__(self, words: Iterable[str], needles: Iterable[str], reason: str | None) -> None:
        self.reason = reason
        self.words = _minimal(words) if reason is None else []
        self.needles = _minimal(needles) if reason is None else []
        if reason is None and len(self.words) + len(self.needles) > MAX_TRIGGERS:
            self.reason = f"more than {MAX_TRIGGERS} surface triggers"
            self.words, self.needles = [], []
        self._scanner: Any = None
        if self.reason is None:
            self._scanner = _hyperscan_scanner(self.words, self.needles) or _re_scanner(
                self.words, self.needles
            )

    def __repr__(self) -> str:
        state = "off: " + self.reason if self.reason else f"{len(self.words)} words"
        return f"TextGate({state}, {len(self.needles)} needles)"

    @property
    def on(self) -> bool:
        """Whether the gate skips texts (it is not off)."""
        return self.reason is None

    def wanted(self, texts: Sequence[str]) -> list[bool]:
        """For each text, whether a pattern may match in it (False: it gets no
        codings, in any scope, and need not be tokenized)."""
        if self.reason is not None:
            return [True] * len(texts)
        scan = self._scanner
        out = []
        for text in texts:
            low = text.lower()
            if not text.isascii():
                if _CONTEXT_CASE in text:
                    out.append(True)
                    continue
                out.append(scan(low, _folded(text)))
            else:  # ASCII: lower case and case folding are the same
                out.append(scan(low, None))
        return out


def text_gate(rules: RuleCoder) -> TextGate:
    """The :class:`TextGate` of a rule coder, built on first use and kept on it.

    >>> from sokwal_monitor.codebook import load_codebook
    >>> from sokwal_monitor.coding.rules import RuleCoder
    >>> text_gate(RuleCoder(load_codebook())).on
    True
    """
    gate = rules.__dict__.get(_ATTR)
    if gate is None:
        gate = _build(rules)
        setattr(rules, _ATTR, gate)
    return gate


# -- building ---------------------------------------------------------------------------
def _build(rules: RuleCoder) -> TextGate:
    from sokwal_monitor.nlp import FormLemmatizer

    nlp = rules.nlp
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    others = [n for n in nlp.pipe_names if n not in ("sentencizer", "lemmatizer")]
    if not isinstance(lemmatizer, FormLemmatizer) or others:
        return TextGate((), (), "the pipeline's lemmas are not the form lemmatizer's")
    table = lemmatizer.table
    inverse: dict[str, list[str]] = {}
    for form, lemma in table.items():
        inverse.setdefault(lemma, []).append(form)
    lemma_words = _LemmaTriggers(inverse)
    words: set[str] = set()
    needles: set[str] = set()
    for code in rules.codebook:
        for pattern in code.patterns:
            ((kind, value),) = pattern.items()
            where = f"code {code.name!r}"
            if kind == "regex":
                found = required_text(value)
                if not found or "" in found:
                    return TextGate((), (), f"{where}: a regex that needs no fixed text")
                needles.update(found)
            elif kind == "lemma":
                items = [value] if isinstance(value, str) else list(value)
                for item in items:
                    parts = item.lower().split()
                    if not parts:
                        return TextGate((), (), f"{where}: an empty lemma")
                    # every word of the entry is needed: the one with the longest triggers
                    options = [lemma_words.of_any(_lemma_options(w)) for w in parts]
                    words.update(max(options, key=_shortest))
            elif kind == "phrase":
                phrases = [value] if isinstance(value, str) else list(value)
                for phrase in phrases:
                    lowers = [t.lower_ for t in nlp.make_doc(phrase) if not t.is_space]
                    if not lowers:
                        return TextGate((), (), f"{where}: an empty phrase")
                    words.add(max(lowers, key=len))
            elif kind == "tokens":
                found_words = _token_triggers(value, lemma_words)
                if found_words is None:
                    return TextGate(
                        (), (), f"{where}: the tokens pattern names no word a token must be"
                    )
                words.update(found_words)
    if any(_CONTEXT_CASE.lower() in w or "\u03c2" in w for w in words):
        return TextGate((), (), "a trigger with a Greek sigma")
    return TextGate(words, needles, None)


def _lemma_options(word: str) -> set[str]:
    """The lemmas a word of a ``lemma`` pattern stands for (as the coder compiles it)."""
    from sokwal_monitor.nlp import lemma_of

    return {word, lemma_of(word)}


def _shortest(triggers: set[str]) -> tuple[int, int]:
    """Sort key: the longer the shortest trigger (then the fewer), the better."""
    return (min(map(len, triggers), default=0), -len(triggers))


def _token_triggers(value: Any, lemma_words: _LemmaTriggers) -> set[str] | None:
    """The triggers of a ``tokens`` pattern: those of its best required token, or None
    when no required token names its word."""
    if not isinstance(value, list):
        return None
    try:
        tokens = [_lemma_forms(spec) for spec in value]
    except (AttributeError, TypeError):
        return None
    simple = _as_phrases(tokens)
    if simple is not None:  # compiled as word sequences (phrase tries): each sequence
        attr, sequences = simple  # needs all its words, so its longest one
        out: set[str] = set()
        for seq in sequences:
            first = max(seq, key=len)
            out |= lemma_words.of(first) if attr == "LEMMA" else {first}
        return out
    best: set[str] | None = None
    for spec in tokens:
        if not isinstance(spec, dict):
            return None
        keys = {str(k).upper(): v for k, v in spec.items()}
        if keys.get("OP", "1") not in ("1", "+"):
            continue
        for attr in ("LEMMA", "LOWER", "ORTH", "TEXT"):
            values = _plain_values(keys.get(attr))
            if values is None:
                continue
            found = lemma_words.of_any(values) if attr == "LEMMA" else {v.lower() for v in values}
            if "" in found:
                continue
            if best is None or _shortest(found) > _shortest(best):
                best = found
    return best


def _plain_values(value: Any) -> list[str] | None:
    """The words of ``{ATTR: word}`` or ``{ATTR: {IN: [words]}}``, or None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        words = value["IN"]
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            return list(words)
    return None


class _LemmaTriggers:
    """The surface triggers of lemmas: what a token's lower-cased text holds when the
    form lemmatizer gives it that lemma (see the module)."""

    def __init__(self, inverse: dict[str, list[str]]) -> None:
        from sokwal_monitor.nlp.lemma_table import MIN_HEAD

        self.inverse = inverse
        self.min_head = MIN_HEAD
        self._cache: dict[str, frozenset[str]] = {}

    def of_any(self, lemmas: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for lemma in lemmas:
            out |= self.of(lemma)
        return out

    def of(self, lemma: str) -> frozenset[str]:
        found = self._cache.get(lemma)
        if found is None:
            found = self._cache[lemma] = frozenset(_minimal(self._triggers(lemma)))
        return found

    def _triggers(self, lemma: str) -> set[str]:
        if not lemma or lemma != lemma.lower():
            # lemmas are lower case: no token has this one (a trigger that stays sound)
            return {lemma.lower()} if lemma else {""}
        inverse = self.inverse
        out = {lemma, *inverse.get(lemma, ())}
        if "-" in lemma:  # a hyphenated compound keeps its first part
            out.add(lemma[: lemma.index("-") + 1])
        # an unknown compound: prefix + lemma of its (known) ending of MIN_HEAD+ letters
        for cut in range(2, len(lemma)):
            head = inverse.get(lemma[cut:])
            if head:
                prefix = lemma[:cut]
                out.update(prefix + form for form in head if len(form) >= self.min_head)
        return out


def _minimal(triggers: Iterable[str]) -> list[str]:
    """The triggers without those that hold a shorter one (a text that holds the longer
    holds the shorter), sorted."""
    kept: list[str] = []
    for word in sorted(set(triggers), key=lambda w: (len(w), w)):
        if not any(k in word for k in kept):
            kept.append(word)
    return sorted(kept)


# -- scanning ---------------------------------------------------------------------------
def _hyperscan_scanner(words: list[str], needles: list[str]) -> Any:
    """``scan(low, folded)``: whether the lower-cased text holds one of ``words`` or the
    case-folded one (None: the same) one of ``needles``, by a Hyperscan database of
    the literals as UTF-8 bytes; None without the ``hyperscan`` package."""
    try:
        import hyperscan
    except ImportError:
        return None
    if not words and not needles:
        return lambda low, folded: False
    literals = [(w, 0) for w in words] + [(n, 1) for n in needles]
    try:
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(
            expressions=[_escaped(w) for w, _ in literals],
            ids=list(range(len(literals))),
            flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(literals),
        )
        scratch = hyperscan.Scratch(db)
    except Exception:  # hyperscan.error: too big or refused
        return None
    n_words = len(words)
    scan = db.scan

    def stop_any(id_: int, start: int, end: int, flags: int, hit: list[bool]) -> bool:
        hit.append(True)
        return True

    def stop_words(id_: int, start: int, end: int, flags: int, hit: list[bool]) -> bool:
        if id_ < n_words:
            hit.append(True)
            return True
        return False

    def stop_needles(id_: int, start: int, end: int, flags: int, hit: list[bool]) -> bool:
        if id_ >= n_words:
            hit.append(True)
            return True
        return False

    def run(data: str, handler: Any, hit: list[bool]) -> None:
        # the handler stops the scan at the first trigger
        with contextlib.suppress(hyperscan.ScanTerminated):
            scan(data.encode("utf-8", "surrogatepass"), match_event_handler=handler,
                 context=hit, scratch=scratch)  # fmt: skip

    def scanner(low: str, folded: str | None) -> bool:
        hit: list[bool] = []
        if folded is None or folded == low:
            run(low, stop_any, hit)
            return bool(hit)
        run(low, stop_words, hit)
        if not hit:
            run(folded, stop_needles, hit)
        return bool(hit)

    return scanner


def _escaped(literal: str) -> bytes:
    """A literal as a Hyperscan expression matching its UTF-8 bytes."""
    return "".join(f"\\x{b:02x}" for b in literal.encode("utf-8", "surrogatepass")).encode()


def _re_scanner(words: list[str], needles: list[str]) -> Any:
    """The same scan as :func:`_hyperscan_scanner` with Python's ``re``."""
    never = re.compile(r"(?!)")
    by_word = re.compile("|".join(map(re.escape, words))) if words else never
    by_needle = re.compile("|".join(map(re.escape, needles))) if needles else never

    def scanner(low: str, folded: str | None) -> bool:
        if by_word.search(low) is not None:
            return True
        return by_needle.search(low if folded is None else folded) is not None

    return scanner


# -- measuring --------------------------------------------------------------------------
def measure(store_path: Path, rules: RuleCoder, gate: TextGate) -> dict[str, Any]:
    """The shares, the soundness check and the times on one store (see the module)."""
    from sokwal_monitor import ProjectStore
    from sokwal_monitor.coding.rules import code_store

    with ProjectStore(store_path) as store:
        texts = [t for t in store.segments(role=["respondent", ""])["text"] if t]
        cpu = time.process_time()
        wanted = gate.wanted(texts)
        scan_cpu = time.process_time() - cpu
        cpu = time.process_time()
        for _ in rules.nlp.pipe(texts, batch_size=128, disable=rules.disabled_pipes()):
            pass
        floor_cpu = time.process_time() - cpu
        cpu = time.process_time()
        code_store(store, rules.codebook, workers=1, progress=False)
        coding_cpu = time.process_time() - cpu
    n_words = n_matched = n_triggered = sent_matched = sent_triggered = 0
    n_texts_matched = missed = sent_missed = n_sents = 0
    for text, keep, doc in zip(texts, wanted, rules.nlp.pipe(texts, batch_size=128), strict=True):
        words = len(text.split())
        n_words += words
        n_triggered += words if keep else 0
        raw = rules._raw_matches(doc, text)
        sents = [(s.start_char, s.end_char) for s in doc.sents]
        n_sents += len(sents)
        sent_keep = gate.wanted([text[a:b] for a, b in sents])
        for (a, b), skeep in zip(sents, sent_keep, strict=True):
            swords = len(text[a:b].split())
            hit = any(s < b and e > a for s, e, *_ in raw)
            sent_matched += swords if hit else 0
            sent_triggered += swords if skeep else 0
            # a match inside one sentence must be seen in that sentence alone
            sent_missed += any(a <= s and e <= b for s, e, *_ in raw) and not skeep
        if raw:
            n_texts_matched += 1
            n_matched += words
            missed += not keep
    saved = floor_cpu * (1 - n_triggered / n_words)
    best = floor_cpu * (1 - sent_matched / n_words)
    return {
        "texts": len(texts),
        "words": n_words,
        "sentences": n_sents,
        "texts_with_a_match": round(n_texts_matched / len(texts), 3),
        "words_in_texts_with_a_match": round(n_matched / n_words, 3),
        "words_in_sentences_with_a_match": round(sent_matched / n_words, 3),
        "texts_with_a_trigger": round(sum(wanted) / len(texts), 3),
        "words_in_texts_with_a_trigger": round(n_triggered / n_words, 3),
        "words_in_sentences_with_a_trigger": round(sent_triggered / n_words, 3),
        "texts_with_a_match_but_no_trigger": missed,
        "sentences_with_a_match_but_no_trigger": int(sent_missed),
        "gate_scan_cpu_s": round(scan_cpu, 3),
        "floor_cpu_s": round(floor_cpu, 3),
        "coding_cpu_s_one_process": round(coding_cpu, 3),
        "ratio_to_floor_cpu": round(coding_cpu / floor_cpu, 2),
        "ratio_if_untriggered_texts_skipped": round((coding_cpu - saved + scan_cpu) / floor_cpu, 2),
        "ratio_if_all_unmatched_sentences_skipped": round((coding_cpu - best) / floor_cpu, 2),
    }


def main(argv: list[str] | None = None) -> int:
    from coding_check import bench_stores

    from sokwal_monitor.codebook import load_codebook
    from sokwal_monitor.coding.rules import RuleCoder

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=1e6, help="bench corpus size in words")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the ingested stores in this folder")
    args = parser.parse_args(argv)
    stores = bench_stores(args.words, args.seed, args.keep, "sokwal-triggers-")
    rules = RuleCoder(load_codebook(), scope="sentence")  # sentences for the check
    cpu = time.process_time()
    gate = text_gate(rules)
    out: dict[str, Any] = {
        "gate": repr(gate),
        "gate_build_cpu_s": round(time.process_time() - cpu, 3),
        "shortest_triggers": sorted(gate.words, key=lambda w: (len(w), w))[:12],
    }
    for name, path in stores.items():
        out[name] = measure(path, rules, gate)
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
