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

This package gathers the public names; the code lives in :mod:`.patterns` (pattern
helpers), :mod:`.coder` (compiling and matching) and :mod:`.run` (coding a store).

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

from .coder import SCOPES, RuleCoder, RuleMatch, rule_coder_name
from .patterns import describe_pattern, required_text
from .run import RuleCodingReport, code_store

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
