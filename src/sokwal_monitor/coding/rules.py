"""Rule coding: a codebook's patterns as spaCy matchers and regular expressions.

Each code's ``patterns`` (see ``docs/codebook.md``) compile once into a
:class:`RuleCoder`:

- ``lemma`` — any of the lemmas, on the lemmas of the Dutch pipeline
  (:mod:`sokwal_monitor.nlp`), so ``leren`` finds *geleerd*, *leerden* and *leert*;
  an entry of several words (``"vrijwilliger werven"``) matches those lemmas in a
  row, and an inflected entry (``geleerd``) is read as its lemma too;
- ``phrase`` — the words in a row, ignoring case (spaCy ``PhraseMatcher`` on ``LOWER``),
  whole tokens only: ``leer`` does not match inside *geleerd*;
- ``regex`` — a Python regular expression on the text, ignoring case unless it says
  otherwise (``(?-i:...)``); it may start and end inside words;
- ``tokens`` — a spaCy ``Matcher`` pattern (``[{LEMMA: anders}, {LEMMA: doen}]``).

The ``scope`` says what a match codes: the ``match`` itself, the ``sentence`` it is
in, or the whole ``segment`` (speaker turn or paragraph). Matches of one code that
overlap merge into one coding whose ``score`` is the number of matches and whose
``pattern`` lists the patterns that fired.

:func:`code_store` codes a project store: respondent turns and report paragraphs, not
the interviewer's questions (those are not evidence) unless asked. Its codings have
``origin="rule"`` and ``coder="rule:<codebook name>@<first 8 of its SHA-256>"``; a
re-run replaces the rule codings of the same codebook and never touches manual ones.

Examples
--------
>>> from sokwal_monitor.codebook import codebook_from_text
>>> cb = codebook_from_text('''
... name: mini
... codes:
...   - name: leereffect
...     definition: Wat geleerd is.
...     patterns: [{lemma: leren}, {phrase: achteraf gezien}]
... ''')
>>> rules = RuleCoder(cb)
>>> for m in rules.code_text("Achteraf gezien leerden we veel."):
...     print(m.code, m.start, m.end, m.pattern)
leereffect 0 15 phrase: achteraf gezien
leereffect 16 23 lemma: leren
>>> [(m.start, m.end, m.score) for m in RuleCoder(cb, scope="sentence").code_text(
...     "Achteraf gezien leerden we veel. Het was druk.")]
[(0, 32, 2)]
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any, Literal

import regex

from ..codebook import Codebook, codebook_sha256, load_codebook
from ..errors import CodebookError
from ..nlp import dutch_pipeline, lemma_of
from ..store import ProjectStore
from .base import CodingRun, coding_id

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "SCOPES",
    "RuleCoder",
    "RuleCodingReport",
    "RuleMatch",
    "code_store",
    "describe_pattern",
    "required_text",
    "rule_coder_name",
]

Scope = Literal["match", "sentence", "segment"]
#: What a rule coding covers: the match, its sentence, or its whole segment.
SCOPES: tuple[Scope, ...] = ("match", "sentence", "segment")
_FLUSH = 20_000  # codings written per batch
_TRIGGER = "\x1esokwal-matcher-trigger"  # a phrase-matcher label, not a code


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A span of a text coded by a rule: offsets into that text, the code, the
    pattern(s) that fired and how many matches the span merges (``score``)."""

    code: str
    start: int
    end: int
    pattern: str
    score: int = 1


def rule_coder_name(codebook: Codebook) -> str:
    """The coder name of a codebook's rules: ``rule:<name>@<first 8 of its SHA-256>``.

    >>> from sokwal_monitor.codebook import codebook_from_text
    >>> rule_coder_name(codebook_from_text("name: mini\\ncodes: [{name: a, definition: A.}]"))
    'rule:mini@ad4f683c'
    """
    return f"rule:{codebook.name or 'codebook'}@{codebook_sha256(codebook)[:8]}"


def describe_pattern(pattern: dict[str, Any]) -> str:
    """A pattern as one line of text, as the ``pattern`` column of codings shows it.

    >>> describe_pattern({"lemma": ["leren", "ontdekken"]})
    'lemma: leren, ontdekken'
    >>> describe_pattern({"tokens": [{"LEMMA": "anders"}, {"LEMMA": "doen"}]})
    'tokens: [{"LEMMA": "anders"}, {"LEMMA": "doen"}]'
    """
    ((kind, value),) = pattern.items()
    if kind == "tokens":
        return f"{kind}: {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, list):
        return f"{kind}: {', '.join(map(str, value))}"
    return f"{kind}: {value}"


class RuleCoder:
    """A codebook's patterns compiled for one Dutch pipeline.

    Parameters
    ----------
    codebook : Codebook
        The codes and their ``patterns``; codes without patterns never match.
    scope : {"match", "sentence", "segment"}, default "match"
        What a match codes: the matched words, the sentence(s) they are in, or the
        whole text given (a segment).
    nlp : spacy.Language, optional
        The pipeline (default :func:`~sokwal_monitor.nlp.dutch_pipeline`); it needs
        lemmas, and a sentencizer for ``scope="sentence"``.

    Raises
    ------
    CodebookError
        A ``tokens`` pattern spaCy's Matcher refuses; the message names the code.

    Examples
    --------
    >>> from sokwal_monitor.codebook import load_codebook
    >>> rules = RuleCoder(load_codebook())
    >>> sorted({m.code for m in rules.code_text("We zijn bij de gemeente geweest.")})
    ['samenwerking_gemeente']
    >>> doc = rules(rules.nlp("Achteraf gezien hadden we eerder vrijwilligers moeten werven."))
    >>> sorted({span.label_ for span in doc.spans["sokwal_codes"]})
    ['bereik_vrijwilligers', 'vrijwilligers', 'vrijwilligers_werven', 'zou_anders_doen']
    """

    def __init__(
        self, codebook: Codebook, *, scope: Scope = "match", nlp: Language | None = None
    ) -> None:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        self.codebook = codebook
        self.scope: Scope = scope
        self.nlp = nlp if nlp is not None else dutch_pipeline()
        self.coder = rule_coder_name(codebook)
        self._labels: dict[int, tuple[str, str]] = {}
        self._regexes: list[tuple[str, str, regex.Pattern[str], tuple[str, ...] | None]] = []
        self._compile()

    def __repr__(self) -> str:
        return f"RuleCoder({self.coder!r}, scope={self.scope!r}, patterns={self.n_patterns})"

    @property
    def n_patterns(self) -> int:
        """How many patterns the codebook holds (regexes included)."""
        return len(self._labels) + len(self._regexes)

    # -- compiling ----------------------------------------------------------------------
    def _compile(self) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        vocab = self.nlp.vocab
        self._matcher = Matcher(vocab, validate=True)
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        # lemma patterns as phrases of lemmas: spaCy's PhraseMatcher is a trie in Cython,
        # many times faster than Matcher patterns with {"LEMMA": {"IN": [...]}}
        self._lemmas = PhraseMatcher(vocab, attr="LEMMA")
        self._trigger = vocab.strings.add(_TRIGGER)
        self._always_match = False
        for code in self.codebook:
            for i, pattern in enumerate(code.patterns):
                ((kind, value),) = pattern.items()
                label, text = f"{code.name}\x1f{i}", describe_pattern(pattern)
                if kind == "regex":  # the regex module: same syntax, about 3x faster here
                    compiled = regex.compile(value, regex.I)
                    self._regexes.append((code.name, text, compiled, required_text(value)))
                    continue
                self._labels[vocab.strings.add(label)] = (code.name, text)
                if kind == "lemma":
                    self._lemmas.add(label, self._lemma_docs(value))
                elif kind == "phrase":
                    phrases = [value] if isinstance(value, str) else list(value)
                    self._phrases.add(label, [self.nlp.make_doc(p) for p in phrases])
                elif kind == "tokens":
                    try:
                        tokens = [_lemma_forms(spec) for spec in value]
                        simple = _as_phrases(tokens)
                        if simple is not None:  # a sequence of words: the fast tries
                            attr, sequences = simple
                            lemma = attr == "LEMMA"
                            docs = [self._words_doc(seq, lemma=lemma) for seq in sequences]
                            (self._lemmas if lemma else self._phrases).add(label, docs)
                        else:
                            self._matcher.add(label, [tokens])
                            self._add_trigger(tokens)
                    except (ValueError, TypeError, KeyError, AttributeError) as err:
                        first = str(err).strip().splitlines()[0]
                        raise CodebookError(
                            None,
                            f"code {code.name!r}, field 'patterns.tokens': spaCy's Matcher"
                            f" refuses the pattern {text[8:]} ({first})",
                            "write token mappings like {LEMMA: doen} or {LOWER: anders}",
                        ) from err

    def _add_trigger(self, tokens: list[dict[str, Any]]) -> None:
        """Run the (slow, token-by-token) Matcher only on texts where one of its
        patterns can match: each pattern's first required LEMMA or LOWER token becomes a
        trigger in the fast phrase matchers. A pattern without one always runs."""
        for spec in tokens:
            keys = {k.upper(): v for k, v in spec.items()}
            if keys.get("OP", "1") not in ("1", "+"):
                continue
            for attr, matcher in (("LEMMA", self._lemmas), ("LOWER", self._phrases)):
                value = keys.get(attr)
                forms = value.get("IN") if isinstance(value, dict) else [value]
                if isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms):
                    docs = [self._words_doc([f], lemma=attr == "LEMMA") for f in forms]
                    matcher.add(_TRIGGER, docs)
                    return
        self._always_match = True

    def _words_doc(self, words: Sequence[str], *, lemma: bool) -> Doc:
        """A pattern doc of these words (as lemmas when ``lemma``)."""
        from spacy.tokens import Doc

        doc = Doc(self.nlp.vocab, words=list(words))
        if lemma:
            for token, word in zip(doc, words, strict=True):
                token.lemma_ = word
        return doc

    def _lemma_docs(self, value: str | Sequence[str]) -> list[Doc]:
        """Pattern docs of a ``lemma`` entry: each word stands for itself as a lemma and
        for the lemma the lookup table gives it (*geleerd* -> *leren*; the table also
        reads *vrijwilliger* as *vrijwillig*, so both are needed), in every combination
        for an entry of several words."""
        from itertools import product

        docs: list[Doc] = []
        items = [value] if isinstance(value, str) else list(value)
        for item in items:
            options = [sorted({w, lemma_of(w)}) for w in item.lower().split()]
            docs += [self._words_doc(words, lemma=True) for words in product(*options)]
        return docs

    # -- matching -----------------------------------------------------------------------
    def matches(self, doc: Doc, text: str | None = None) -> list[RuleMatch]:
        """Every match in ``doc`` as it is, before scope and merging (offsets into
        ``doc.text``, which ``text`` may pass to save rebuilding it), in text order."""
        raw = self._raw_matches(doc, doc.text if text is None else text)
        raw.sort(key=lambda r: (r[0], r[1], r[2]))
        return [RuleMatch(code, start, end, label) for start, end, code, label in raw]

    def _raw_matches(self, doc: Doc, text: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, code, pattern)`` of every match, matchers first, then regexes."""
        found: list[tuple[int, int, str, str]] = []
        triggered = self._always_match
        for matcher in (self._lemmas, self._phrases, self._matcher):
            if not len(matcher):  # spaCy warns about an empty matcher
                continue
            if matcher is self._matcher and not triggered:
                continue
            for match_id, start, end in matcher(doc):
                if match_id == self._trigger:
                    triggered = True
                    continue
                code, label = self._labels[match_id]
                last = doc[end - 1]
                found.append((doc[start].idx, last.idx + len(last), code, label))
        if self._regexes:
            folded = text.casefold()
            for code, label, pattern, needles in self._regexes:
                if needles is not None:  # it cannot match without one of these pieces
                    for needle in needles:
                        if needle in folded:
                            break
                    else:
                        continue
                for m in pattern.finditer(text):
                    if m.end() > m.start():  # a regex that matches empty text codes nothing
                        found.append((m.start(), m.end(), code, label))
        return found

    def code_doc(self, doc: Doc, text: str | None = None) -> list[RuleMatch]:
        """The codings of one processed text: matches widened to the scope and merged
        per code where they overlap (``score`` = how many, ``pattern`` = which, in
        order); sorted by position, then code."""
        text = doc.text if text is None else text
        raw = self._raw_matches(doc, text)
        if not raw:
            return []
        if self.scope == "segment":
            raw = [(0, len(text), code, label) for _, _, code, label in raw]
        elif self.scope == "sentence":
            raw = _sentence_spans(doc, raw)
        raw.sort(key=lambda r: (r[2], r[0], r[1]))  # stable: equal spans keep their order
        out: list[RuleMatch] = []
        start, end, code, label = raw[0]
        patterns, count = [label], 1
        for s, e, c, lab in raw[1:]:
            if c == code and s < end:
                end = max(end, e)
                count += 1
                if lab not in patterns:
                    patterns.append(lab)
                continue
            out.append(RuleMatch(code, start, end, " | ".join(patterns), count))
            start, end, code, patterns, count = s, e, c, [lab], 1
        out.append(RuleMatch(code, start, end, " | ".join(patterns), count))
        out.sort(key=lambda m: (m.start, m.end, m.code))
        return out

    def code_text(self, text: str) -> list[RuleMatch]:
        """Code one text (a segment): see :meth:`code_doc`."""
        return self.code_doc(self._pipe_one(text), text)

    def code_texts(
        self, texts: Iterable[str], *, batch_size: int = 128
    ) -> Iterator[list[RuleMatch]]:
        """Code many texts, streaming: one list of :class:`RuleMatch` per text."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, disable=self.disabled_pipes()):
            yield self.code_doc(doc, doc.text)

    def __call__(self, doc: Doc) -> Doc:
        """As a spaCy component: put the codings in ``doc.spans["sokwal_codes"]`` (spans
        widened to whole tokens), each labelled with its code."""
        spans = []
        for m in self.code_doc(doc):
            span = doc.char_span(m.start, m.end, label=m.code, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["sokwal_codes"] = spans
        return doc

    def disabled_pipes(self) -> list[str]:
        """The pipes this coder does not need: the sentencizer unless it codes sentences.

        >>> from sokwal_monitor.codebook import load_codebook
        >>> RuleCoder(load_codebook()).disabled_pipes()
        ['sentencizer']
        """
        wanted = self.scope == "sentence"
        return [] if wanted else [n for n in self.nlp.pipe_names if n == "sentencizer"]

    def _pipe_one(self, text: str) -> Doc:
        with self.nlp.select_pipes(disable=self.disabled_pipes()):
            return self.nlp(text)


def _lemma_forms(spec: dict[str, Any]) -> dict[str, Any]:
    """A token spec whose LEMMA values stand for themselves and for their lookup lemma,
    as in ``lemma`` patterns: ``{LEMMA: vrijwilliger}`` also matches the singular,
    which the lookup table reads as *vrijwillig*."""
    out = dict(spec)
    for key, value in spec.items():
        if key.upper() != "LEMMA":
            continue
        if isinstance(value, str):
            forms = sorted({value.lower(), lemma_of(value)})
            out[key] = forms[0] if len(forms) == 1 else {"IN": forms}
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            words = [w for w in value["IN"] if isinstance(w, str)]
            out[key] = {**value, "IN": sorted({f for w in words for f in (w.lower(), lemma_of(w))})}
    return out


def required_text(pattern: str) -> tuple[str, ...] | None:
    """Pieces of text of which every match of ``pattern`` contains at least one,
    case-folded, or None when there are none to be found. Rule coding skips a regex on
    a text that holds none of them: ``in`` on a string is far cheaper than running the
    regex. Alternatives (``a|b``) give one piece each, and ``\\d`` the ten digits.

    >>> required_text(r"\\b(ik|we) (heb|hebben) (ge)?leerd\\b")
    ('leerd',)
    >>> required_text(r"zou(den)? (het )?anders doen")
    ('anders doen',)
    >>> required_text(r"\\b\\d+ (deelnemers|bezoekers)")
    ('deelnemers', 'bezoekers')
    >>> required_text(r"€\\s?\\d+|\\b\\d+ euro")
    ('€', ' euro')
    >>> len(required_text(r"\\b\\d+\\b"))  # any digit
    10
    >>> required_text(r"(?-i:WMO)|.*") is None
    True
    """
    from re import _parser  # type: ignore[attr-defined]  # the stdlib's regex parser

    try:
        parsed = _parser.parse(pattern)
    except Exception:  # syntax only the regex module knows: no shortcut
        return None
    needles = _needles(parsed)
    return tuple(n.casefold() for n in needles) if needles else None


def _needles(items: Any) -> list[str] | None:
    """The best requirement of a parsed sequence: the alternatives (any of which every
    match contains) whose shortest piece is longest."""
    from re import _constants as c  # type: ignore[attr-defined]

    candidates: list[list[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(["".join(run)])
            run = []
        found: list[str] | None = None
        if op is c.SUBPATTERN:
            found = _needles(av[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _needles(av[2])
        elif op is c.BRANCH:
            branches = [_needles(branch) for branch in av[1]]
            if all(branches):
                found = [n for branch in branches if branch for n in branch]
        elif op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            found = list("0123456789")
        if found:
            candidates.append(found)
    if run:
        candidates.append(["".join(run)])
    if not candidates:
        return None
    return max(candidates, key=lambda alts: (min(map(len, alts)), -len(alts)))


_MAX_VARIANTS = 256  # word sequences one token pattern may expand to


def _as_phrases(tokens: list[dict[str, Any]]) -> tuple[str, list[list[str]]] | None:
    """A token pattern that is only words in a row (each ``{LEMMA: ...}`` or each
    ``{LOWER: ...}``, a word or an ``IN`` list, optionally ``OP: "?"``) as the word
    sequences it matches, for a phrase matcher; None for any other pattern.

    >>> _as_phrases([{"LEMMA": "anders"}, {"LEMMA": {"IN": ["doen", "aanpakken"]}}])
    ('LEMMA', [['anders', 'doen'], ['anders', 'aanpakken']])
    >>> _as_phrases([{"LEMMA": "gemeente"}, {"LEMMA": "samenwerken", "OP": "?"}])
    ('LEMMA', [['gemeente', 'samenwerken'], ['gemeente']])
    >>> _as_phrases([{"LOWER": "anders"}, {"IS_PUNCT": True}]) is None
    True
    """
    attrs: set[str] = set()
    sequences: list[list[str]] = [[]]
    for spec in tokens:
        keys = {k.upper(): v for k, v in spec.items()}
        op = keys.pop("OP", "1")
        if len(keys) != 1 or op not in ("1", "?"):
            return None
        ((attr, value),) = keys.items()
        if attr not in ("LEMMA", "LOWER"):
            return None
        attrs.add(attr)
        words = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            return None
        words = [w.lower() for w in words]
        grown = [[*seq, w] for seq in sequences for w in words]
        sequences = grown + (sequences if op == "?" else [])
        if len(attrs) > 1 or len(sequences) > _MAX_VARIANTS:
            return None
    sequences = [seq for seq in sequences if seq]
    return (attrs.pop(), sequences) if sequences and attrs else None


def _sentence_spans(
    doc: Doc, raw: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Each match widened from the start of its first sentence to the end of its last."""
    import bisect

    sents = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [s for s, _ in sents]
    out = []
    for start, end, code, label in raw:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
        out.append((sents[first][0], max(sents[last][1], end), code, label))
    return out


# -- coding a project store ------------------------------------------------------------


@dataclass
class RuleCodingReport:
    """What :func:`code_store` did."""

    coder: str
    scope: str
    run_id: int
    n_documents: int = 0
    n_segments: int = 0
    n_tokens: int = 0
    n_added: int = 0
    n_removed: int = 0
    workers: int = 1
    per_code: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.coder}: {self.n_added} codings ({self.scope}) in {self.n_segments} segments"
            f" of {self.n_documents} documents; {self.n_removed} earlier rule codings replaced"
        )

    def to_frame(self) -> pd.DataFrame:
        """Codings per code (every code of the codebook, also those with none)."""
        import pandas as pd

        return pd.DataFrame(
            {"code": list(self.per_code), "n_codings": list(self.per_code.values())}
        )


def code_store(
    store: ProjectStore,
    codebook: Codebook | str | PathLike[str] | None = None,
    *,
    coder: str | None = None,
    scope: Scope = "match",
    interviewer: bool = False,
    documents: Iterable[str] | None = None,
    batch_size: int = 128,
    workers: int | None = None,
    progress: bool | None = None,
) -> RuleCodingReport:
    """Rule-code the documents of a store with a codebook's patterns.

    Parameters
    ----------
    store : ProjectStore
    codebook : Codebook or path, optional
        Default: the bundled ``sociale_kwaliteit`` codebook.
    coder : str, optional
        The coder name; default :func:`rule_coder_name`. A re-run replaces the rule
        codings of that coder, and with the default name those of every earlier
        version of the same codebook (so edits of patterns do not pile up).
    scope : {"match", "sentence", "segment"}
    interviewer : bool, default False
        Also code the interviewer's turns (left out by default: questions are not
        evidence). Report paragraphs and turns with no known role are always coded.
    documents : iterable of doc_id, optional
        Code only these (default: every current document that is not a survey); only
        their earlier rule codings are replaced.
    workers : int, optional
        Processes that tokenize and match (default: one per core, at most 4, when
        there are more than 4 MB of text, on Linux). The codings do not depend on it.
    progress : bool, optional
        A progress bar on standard error; by default only on a terminal.

    Everything happens in one transaction: an interrupted run leaves the codings as
    they were.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_w1.txt").write_text("Interviewer: Wat heb je geleerd?\\n"
    ...     "Respondent: We hebben geleerd dat de gemeente meedenkt.\\n", encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> report = code_store(store)
    >>> print(report.summary())  # doctest: +ELLIPSIS
    rule:sociale_kwaliteit@...: 3 codings (match) in 1 segments of 1 documents; ...
    >>> for row in store.codings().itertuples():
    ...     print(row.code, "|", row.text, "|", row.origin)
    inzicht_opgedaan | We hebben geleerd | rule
    leereffecten | geleerd | rule
    samenwerking_gemeente | gemeente | rule
    """
    if codebook is None:
        codebook = load_codebook()
    elif not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    rules = RuleCoder(codebook, scope=scope)
    name = coder or rules.coder
    if documents is None:
        doc_ids = [
            r[0]
            for r in store.execute(
                "SELECT doc_id FROM documents WHERE is_current = 1 AND kind <> 'survey'"
                " ORDER BY path"
            )
        ]
    else:
        doc_ids = list(dict.fromkeys(documents))
        known = {r[0] for r in store.execute("SELECT doc_id FROM documents WHERE kind <> 'survey'")}
        unknown = [d for d in doc_ids if d not in known]
        if unknown:
            raise KeyError(f"no (text) document {unknown[0]!r} in {store.path}")
    options = {"scope": scope, "interviewer": interviewer, "codebook": codebook.name}
    show = sys.stderr.isatty() if progress is None else progress
    n_workers = _worker_count(store, doc_ids, workers)
    with CodingRun(store, coder=name, origin="rule", codebook=codebook, options=options) as run:
        report = RuleCodingReport(name, scope, run.run_id or 0, workers=n_workers)
        report.per_code = {code.name: 0 for code in codebook}
        _remove_previous(run, name, coder is None, codebook, doc_ids)
        chunks = _chunks(store, doc_ids, interviewer, report)
        bar = _progress_bar(store, doc_ids) if show else None
        coded = _code_chunks(rules, chunks, n_workers, batch_size, name)
        for rows, counts, n_tokens, n_chars in coded:
            report.n_tokens += n_tokens
            for code, n in counts.items():
                report.per_code[code] = report.per_code.get(code, 0) + n
            run.add_rows(rows)
            if bar is not None:
                bar.update(n_chars)
        if bar is not None:
            bar.close()
        report.n_documents = len(doc_ids)
    report.n_added, report.n_removed = run.n_added, run.n_removed
    return report


# a chunk: segments to code as (doc_id, position, start_char, text), ~_CHUNK_CHARS long
_Chunk = list[tuple[str, int, int, str]]
# what coding a chunk gives: rows for CodingRun.add_rows, codings per code, tokens, chars
_Coded = tuple[list[tuple[Any, ...]], dict[str, int], int, int]
_CHUNK_CHARS = 200_000
_WORKER_RULES: list[tuple[RuleCoder, int, str]] = []  # set before forking workers


def _chunks(
    store: ProjectStore, doc_ids: list[str], interviewer: bool, report: RuleCodingReport
) -> Iterator[_Chunk]:
    """The segments to code, document by document, in chunks of about 200 000 chars."""
    chunk: _Chunk = []
    size = 0
    for doc_id in doc_ids:
        text = store.text(doc_id)
        rows = store.execute(
            "SELECT position, start_char, end_char, role FROM segments WHERE doc_id = ?"
            " ORDER BY position",
            (doc_id,),
        ).fetchall()
        for position, start, end, role in rows:
            if end > start and (interviewer or role != "interviewer"):
                report.n_segments += 1
                chunk.append((doc_id, position, start, text[start:end]))
                size += end - start
        if size >= _CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _code_chunk(rules: RuleCoder, chunk: _Chunk, batch_size: int, coder: str) -> _Coded:
    """Code one chunk: the codings as ready rows (ids made here, so in the workers when
    there are some), the codings per code, the number of tokens and of characters."""
    rows: list[tuple[Any, ...]] = []
    counts: dict[str, int] = {}
    n_tokens = 0
    texts = (text for *_, text in chunk)
    docs = rules.nlp.pipe(texts, batch_size=batch_size, disable=rules.disabled_pipes())
    for (doc_id, position, offset, text), doc in zip(chunk, docs, strict=True):
        n_tokens += len(doc)
        for m in rules.code_doc(doc, text):
            start, end = offset + m.start, offset + m.end
            cid = coding_id(doc_id, start, end, m.code, coder)
            rows.append(
                (cid, doc_id, position, start, end, m.code, coder, "rule", float(m.score),
                 "", m.pattern)
            )  # fmt: skip
            counts[m.code] = counts.get(m.code, 0) + 1
    return rows, counts, n_tokens, sum(len(text) for *_, text in chunk)


def _code_chunk_in_worker(chunk: _Chunk) -> _Coded:
    rules, batch_size, coder = _WORKER_RULES[0]
    return _code_chunk(rules, chunk, batch_size, coder)


def _code_chunks(
    rules: RuleCoder, chunks: Iterator[_Chunk], workers: int, batch_size: int, coder: str
) -> Iterator[_Coded]:
    """Code the chunks in order, in this process or in ``workers`` forked processes
    (which inherit the compiled rules); at most two chunks per worker in flight."""
    if workers <= 1:
        for chunk in chunks:
            yield _code_chunk(rules, chunk, batch_size, coder)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    from .._prepare import _context

    _WORKER_RULES[:] = [(rules, batch_size, coder)]
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        pending: deque[Future[_Coded]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_code_chunk_in_worker, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_RULES.clear()


def _worker_count(store: ProjectStore, doc_ids: list[str], requested: int | None) -> int:
    """``requested``, or one process per core (at most 4) for more than 4 MB of text on
    Linux (forked workers inherit the compiled rules), else 1."""
    import os

    from .._prepare import PARALLEL_MIN_BYTES, _context

    if requested is not None:
        return max(1, requested)
    if _context().get_start_method() != "fork":
        return 1
    chars = store.execute(
        "SELECT coalesce(sum(n_chars), 0) FROM documents WHERE is_current = 1"
    ).fetchone()[0]
    if len(doc_ids) < 2 or chars < PARALLEL_MIN_BYTES:
        return 1
    return min(os.cpu_count() or 1, 4)


def _progress_bar(store: ProjectStore, doc_ids: list[str]) -> Any:
    from tqdm import tqdm

    total = sum(
        r[0]
        for d in doc_ids
        for r in store.execute("SELECT n_chars FROM documents WHERE doc_id = ?", (d,))
    )
    return tqdm(total=total, desc="code", unit="char", unit_scale=True, file=sys.stderr)


def _remove_previous(
    run: CodingRun, name: str, default_name: bool, codebook: Codebook, doc_ids: list[str]
) -> None:
    """Delete the earlier rule codings this run replaces, in the documents it codes."""
    where = "origin = 'rule' AND (coder = ?"
    params: list[Any] = [name]
    if default_name:  # every version of the same codebook
        prefix = f"rule:{codebook.name or 'codebook'}@"
        where += " OR substr(coder, 1, ?) = ?"
        params += [len(prefix), prefix]
    where += ")"
    run.con.execute("CREATE TEMP TABLE IF NOT EXISTS _coded_docs (doc_id TEXT PRIMARY KEY)")
    run.con.execute("DELETE FROM _coded_docs")
    run.con.executemany("INSERT OR IGNORE INTO _coded_docs VALUES (?)", [(d,) for d in doc_ids])
    run.remove(where + " AND doc_id IN (SELECT doc_id FROM _coded_docs)", params)
