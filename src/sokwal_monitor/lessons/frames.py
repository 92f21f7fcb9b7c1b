"""The context of a sentence that says whether it can be a lesson: the language it is
in (:func:`is_dutch`), and the interviewer's question it answers (:func:`question_frame`:
"Wat zou je anders doen?" asks for ``do_differently``).

>>> question_frame("Heb je nog tips voor andere dorpen?")
'advice'
"""

from __future__ import annotations

import re

__all__ = ["is_dutch", "lead_in_frame", "question_frame"]

#: Function words of English: a sentence made of them is no Dutch lesson (a README, a
#: quoted English source).
_ENGLISH = frozenset("the and of to is are was were with what which when this that it they "
                     "be by for from not on or as an at have has would".split())  # fmt: skip
_DUTCH = frozenset("de het een en van is zijn was dat die niet met op voor aan er we ik je "
                   "ze als maar ook om naar bij nog wat".split())  # fmt: skip


def is_dutch(sentence: str) -> bool:
    """Whether a sentence is Dutch enough to hold a Dutch lesson: not more English
    function words than Dutch ones.

    >>> is_dutch("Het werkt niet."), is_dutch("The rules were changed and they work.")
    (True, False)
    """
    words = re.findall(r"[a-z']+", sentence.lower())
    english = sum(w in _ENGLISH for w in words)
    return english <= 1 or english <= sum(w in _DUTCH for w in words)


#: What a question asks for, by type: the first that matches gives the frame.
_QUESTION_FRAMES = (
    (
        "shared",
        re.compile(
            r"(aan )?(andere|anderen)\b.*(doorgegeven|verteld|gedeeld|laten zien"
            r"|belangstelling|interesse|overgenomen)|doorgegeven|elders|"
            r"(andere|anderen) (\w+ )?(belangstelling|interesse)|"
            r"contact met andere|(bij|naar) jullie (\w+ ){0,3}(aankloppen|kijken|komen)|"
            r"\bdoorgeven\b|\bgeven (we|wij|jullie) (\w+ )?door\b"
        ),
    ),
    (
        "advice",
        re.compile(
            r"advie[sz]|tips?\b|meegeven|aanraden|aanbevelen|"
            r"(tegen|aan) (een |iemand |andere |anderen|nieuwe |jongeren ).*"
            r"(zeggen|vertellen)|wat zou(den)? (je|u|jullie) .*(andere|nieuwe)|"
            r"(ander|andere) (dorp|dorpen|initiatief|wijk|gemeente|project|kern|club)\b.*"
            r"\b(zeg|zegt|zeggen|vertel|vertelt|adviseer|raad)\b"
        ),
    ),
    (
        # what we do differently *now* (present, no conditional): "Wat we nu anders doen"
        "changed_practice",
        re.compile(
            r"^(?!.*\b(zou|zouden|zoudt|opnieuw|volgende keer|over zou|als je)\b).*"
            r"\b(wat|hoe) (we|wij|jullie|u|je) (nu |inmiddels |tegenwoordig )?anders "
            r"(doen|aanpakken|werken)\b"
        ),
    ),
    (
        "do_differently",
        re.compile(
            r"anders (doen|aanpakken|gedaan)|zou(den)? (je|u|jullie) .*"
            r"anders|opnieuw (begon|begint|beginnen|zou)|"
            r"volgende keer|(als|wanneer) (je|u|jullie) (\w+ ){0,3}"
            r"(beginnen|begon|begint|starten|startte|start)\b|over(nieuw)? (zou|kon|mocht)"
        ),
    ),
    (
        "changed_practice",
        re.compile(
            r"veranderd|verander|anders in|nu anders|aangepast|"
            r"inmiddels|manier van werken|sindsdien"
        ),
    ),
    (
        "insight",
        re.compile(
            r"geleerd|leren\b|leerden?\b|opgevallen|valt (je|u|jullie) op|inzicht|"
            r"ontdekt|gemerkt|wat werkt|ervaren"
        ),
    ),
)


def question_frame(question: str) -> str | None:
    """The type of lesson an interviewer's question asks for, or None: "Wat zou je
    anders doen?" asks for ``do_differently``, "Wat heb je geleerd?" for ``insight``.
    Only a question (a turn with a question mark) frames its answer.

    >>> question_frame("Wat zou je anders doen als je opnieuw begon?")
    'do_differently'
    >>> question_frame("Heb je tips voor andere dorpen?"), question_frame("Hoe begon het?")
    ('advice', None)
    """
    if "?" not in question:
        return None
    low = " ".join(question.lower().split())
    low = low[low.rfind(".", 0, low.rfind("?")) + 1 :]  # the question itself, not the lead-in
    if re.search(r"\b(deelnemers|bezoekers|kinderen|leerlingen)\b", low):
        return None  # what the participants learned is not the initiators' lesson
    for kind, rx in _QUESTION_FRAMES:
        if rx.search(low):
            return kind
    return None


def lead_in_frame(sentence: str) -> str | None:
    """The type of lesson a lead-in announces, or None: a sentence that ends in a colon
    and says what follows ("Een paar dingen die we hebben gemerkt:" announces
    ``insight``, "Onze tips voor andere dorpen:" ``advice``), read like a question.

    >>> lead_in_frame("Een paar dingen die we de afgelopen maanden hebben gemerkt:")
    'insight'
    >>> lead_in_frame("Wat we hebben gemerkt."), lead_in_frame("Aanwezig:")
    (None, None)
    """
    text = sentence.strip()
    if not text.endswith(":"):
        return None
    return question_frame(text[:-1] + "?")
