"""The Dutch lesson patterns: sentences, and the rules that say whether a sentence is a
lesson and of which type.

A lesson is one whole sentence (see :func:`sentence_spans`): the pipeline's sentencizer,
also split at blank lines, with leading and trailing white space left out. Each family
of rules looks at the sentence's lower-case text and its lemmas (``nlp.dutch_pipeline``);
the first family that fires gives the type, in this order:

1. ``shared`` — knowledge passed on or taken over: *gedeeld*, *overgenomen*, *naar
   voorbeeld van*, a *draaiboek*, "andere dorpen kunnen het gebruiken";
2. ``do_differently`` — hindsight about one's own acts: *volgende keer*, *anders doen*,
   *had(den) … moeten*, "zou ik … anders/eerder";
3. ``changed_practice`` — "since then we …": *sindsdien*, *inmiddels*, *voortaan*,
   *tegenwoordig*, *dat hebben we overgehouden*, *we doen nu*, "nu" with a change word
   (*beter*, *anders*, *opnieuw*, *vast*), *opnieuw verdeeld*;
4. ``advice`` — tips and advice: *tip*, *advies*, *aanraden*, *begin klein*, and
   imperative sentences (*Verdeel taken …*, *Leg afspraken vast*) in reports and in a
   report's lessons section;
5. ``insight`` — learning and noticing: the lemmas *leren*, *merken*, *ontdekken*,
   *opvallen*, *beseffen*, *realiseren*, *erachter komen*; hindsight (*achteraf*,
   *terugkijkend*); what works (*wat wel werkt*, *werkt beter*, *lopen het best*);
   *bleek moeilijk*; general truths in the second person (*je moet niet …*, *zonder … red
   je het niet*); every other sentence of a report's lessons section.

Each family also has general Dutch constructions beyond these examples (epistemic and
evaluative frames, general truths with a generic subject, "since" with a point in time,
imperatives in interview answers that read as advice; ``docs/learning.md`` lists them).
Round 4 added more general constructions: causes and keys (*het verschil maakte*, *de
sleutel*, *kwam doordat*), general truths with the subject after the verb or
dislocated ("…, daar haken mensen op af"), "not any more" and "now also" with we,
visits both ways, bare-infinitive and separable imperatives; hesitations at a
sentence's start are left out first, and table rows and lead-ins ending in a colon are
no lessons. When no rule fires, the interviewer's question
(:func:`.frames.question_frame`) or a lead-in (:func:`.frames.lead_in_frame`) gives the
type of the first sentences after it. Questions, text that is not Dutch
(:func:`.frames.is_dutch`) and what participants learned are never lessons.

>>> classify("Volgende keer zou ik de huisarts er veel eerder bij halen.")
('do_differently', 'een volgende keer')
>>> classify("Mijn tip aan andere dorpen: begin klein.")
('advice', 'tips')
>>> classify("Hoe gaat het?") is None
True
"""

from __future__ import annotations

import re

from .filters import (
    _HESITATION,
    _NO_LESSON_ANSWER,
    _NOBODY_NOTICED,
    _NOT_A_LESSON,
    _NOT_HAPPENED,
    _PARTICIPANT_SUBJECT,
    _guarded,
    _is_generic_truth,
    _name,
    _spoken_advice,
    _strip_fillers,
)
from .frames import is_dutch, question_frame
from .imperative import is_imperative
from .rules import _ADVICE, _CHANGED, _DIFFERENTLY, _INSIGHT_LEMMAS, _INSIGHT_TEXT, _SHARED

__all__ = [
    "LESSON_TYPES",
    "classify",
    "is_dutch",
    "is_imperative",
    "is_lessons_heading",
    "question_frame",
    "sentence_spans",
]

#: The types of lessons, in the order of the contract.
LESSON_TYPES = ("insight", "do_differently", "changed_practice", "advice", "shared")
#: Headings of the part of a report that lists lessons.
_LESSONS_HEADING = re.compile(
    r"(geleerde\s+)?les(sen)?|leerpunten|aanbevelingen|tips|adviezen|wat\s+(hebben\s+)?"
    r"(we|wij)\s+geleerd|lessons?(\s+learned)?|geleerd",
    re.IGNORECASE,
)


def is_lessons_heading(heading: str) -> bool:
    """Whether a section heading names a part with lessons ("Geleerde lessen",
    "Aanbevelingen", "Tips voor andere dorpen").

    >>> is_lessons_heading("Geleerde lessen"), is_lessons_heading("Knelpunten")
    (True, False)
    >>> is_lessons_heading("Wat hebben we geleerd?")
    True
    """
    words = heading.strip().strip("#=-: \n").split()
    return (bool(words) and any(_LESSONS_HEADING.fullmatch(w) for w in words[:3])) or bool(
        re.search(
            r"geleerde lessen|tips voor|aanbeveling|lessen|wat (hebben |heb )?(we|wij|ik|jullie) "
            r"(\w+ )?geleerd|lessons learned|wat (we|wij) (\w+ )?anders (zouden )?doen",
            heading,
            re.IGNORECASE,
        )
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets: the Dutch pipeline's
    sentences, also split at blank lines, without white space at either end; pieces
    without a letter are left out.

    An opening bracket or quote that the pipeline leaves at the end of a sentence
    ("… geweest. [PERSOON-3] is …") starts the next one, so a quote never begins inside
    a pseudonym.

    >>> text = "Het liep goed. Toen vonden we een vrijwilliger.\\n\\nKop\\n"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Het liep goed.', 'Toen vonden we een vrijwilliger.', 'Kop']
    >>> text = "Dat was goed. [PERSOON-3] is naar een bijeenkomst geweest."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Dat was goed.', '[PERSOON-3] is naar een bijeenkomst geweest.']
    """
    from ..nlp import dutch_pipeline

    if not text.strip():
        return []
    doc = dutch_pipeline()(text)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in re.split(r"(\n[ \t]*\n)", text[sent.start_char : sent.end_char]):
            a = start + len(piece) - len(piece.lstrip())
            b = start + len(piece.rstrip())
            if b > a and re.search(r"[^\W\d_]", text[a:b]):
                out.append((a, b))
            start += len(piece)
    return _openers_forward(text, out)


#: Characters that open what follows: left at a sentence's end, they start the next.
_OPENERS = "[(„“‘«"


def _openers_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move opening brackets and quotes at the end of a sentence (after white space) to
    the start of the sentence after it."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for i, (a, b) in enumerate(spans):
        if carry is not None:
            a, carry = min(a, carry), None
        k = b
        while k > a and text[k - 1] in _OPENERS:
            k -= 1
        if a < k < b and text[k - 1].isspace() and i + 1 < len(spans):
            carry, b = k, len(text[:k].rstrip())
        out.append((a, b))
    return out


def _lemmas(sentence: str) -> list[str]:
    from ..nlp import lemmas

    return lemmas(sentence)


def classify(
    sentence: str,
    *,
    report: bool = False,
    lessons_section: bool = False,
    words: list[str] | None = None,
    lemmas: list[str] | None = None,
    spoken: bool = False,
    question: str | None = None,
) -> tuple[str, str] | None:
    """The type of lesson a sentence is and what fired, or None when it is none.

    ``report``: the sentence is from a report (imperatives count as advice);
    ``lessons_section``: it is under a heading such as "Geleerde lessen" (every
    sentence counts: imperatives as advice, others as insight unless a rule says more);
    ``spoken``: it is a respondent's answer in an interview (imperatives addressed to
    others count as advice: "Neem de tijd."); ``question``: the type of lesson the
    interviewer's question asked for (:func:`question_frame`), when the sentence opens
    the answer to it (a sentence no rule types takes that type).
    ``words`` and ``lemmas`` may be given when known (else computed).

    >>> classify("Sindsdien werken we met vaste koppels.")
    ('changed_practice', 'sindsdien')
    >>> classify("Andere dorpen hebben het overgenomen.")
    ('shared', 'overgenomen')
    >>> classify("Wat ons is opgevallen: mensen komen graag samen eten.")
    ('insight', 'lemma:opvallen')
    >>> classify("Verdeel taken over meer vrijwilligers.", report=True)
    ('advice', 'imperative')
    >>> classify("Eén ochtend per week, niet meteen drie.", question="do_differently")
    ('do_differently', 'question')
    """
    flat = _strip_fillers(" ".join(sentence.split()))
    if not flat or flat.endswith(("?", ":")) or not is_dutch(flat):
        return None  # a question, or a lead-in to what follows ("Wat we merkten:")
    low = flat.lower()
    if "|" in flat:
        return None  # a table row
    if _NOT_A_LESSON.search(low):
        return None  # what participants learned, getting to know each other
    for family, rules in (("shared", _SHARED), ("do_differently", _DIFFERENTLY),
                          ("changed_practice", _CHANGED), ("advice", _ADVICE)):  # fmt: skip
        if family == "shared" and _NOT_HAPPENED.search(low):
            continue  # sharing counts only when it happened
        for rx, name in rules:
            if rx.search(low) and not _guarded(name, low):
                return family, _name(name)
    if words is None:
        words = re.findall(r"\w+|[^\w\s]", flat)
    if (report or lessons_section) and is_imperative(words):
        return "advice", "imperative"
    if spoken and _spoken_advice(words, low, question) and is_imperative(words):
        return "advice", "imperative"
    for rx, name in _INSIGHT_TEXT:
        if rx.search(low) and not _guarded(name, low):
            return "insight", _name(name)
    found = set(lemmas if lemmas is not None else _lemmas(flat)) & _INSIGHT_LEMMAS
    if found and not _NOBODY_NOTICED.search(low):
        return "insight", "lemma:" + sorted(found)[0]
    if _is_generic_truth(low):
        return "insight", "generic"
    if lessons_section and not _PARTICIPANT_SUBJECT.match(low):
        # not what participants did (an outcome); the heading's frame gives the type
        # ("Wat we nu anders doen": changed practice), else insight
        return (question if question in LESSON_TYPES else "insight"), "section"
    n_words = sum(1 for w in words if w.isalpha() and not _HESITATION.fullmatch(w))
    if question in LESSON_TYPES and n_words >= 2 and not _NO_LESSON_ANSWER.search(low):
        return question, "question"
    return None
