"""Model suggestions for lessons: learn from the researcher's confirmed (a lesson) and
rejected (not a lesson) lessons, propose sentences the rules missed.

The estimator is :class:`~sokwal_monitor.coding.suggestions.CodeSuggester` (lemma TF-IDF,
a calibrated logistic regression) with one label, ``lesson``; a proposed sentence's type
is the rules' when a rule fires on it, else the type the researcher confirmed most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .._version import __version__
from ..store import StoreLike, open_store
from .find import LESSON_CODES, _theme_codings, evidence_sentences, lesson_id, themes_of
from .patterns import classify

__all__ = ["LessonSuggestReport", "suggest_lessons"]


@dataclass
class LessonSuggestReport:
    """What :func:`suggest_lessons` did.

    >>> print(LessonSuggestReport("model:lessons-anna", 12, 5, 7, 3, 0.5).summary())
    ... # doctest: +NORMALIZE_WHITESPACE
    model:lessons-anna: 3 proposed lessons (probability >= 0.5), learned from 5 confirmed
    and 7 rejected
    """

    coder: str
    n_train: int
    n_positive: int
    n_negative: int
    n_proposed: int
    threshold: float

    def summary(self) -> str:
        """One line."""
        return (f"{self.coder}: {self.n_proposed} proposed lessons (probability >="
                f" {self.threshold:g}), learned from {self.n_positive} confirmed and"
                f" {self.n_negative} rejected")  # fmt: skip


def suggest_lessons(
    store: StoreLike,
    reviewer: str | None = None,
    *,
    threshold: float = 0.5,
    min_examples: int = 5,
    project_id: str | None = None,
) -> LessonSuggestReport:
    """Train on the reviewed lessons (``reviewer``'s, or everyone's) and propose, as
    ``origin="model"`` lessons with their probability as ``score``, the evidence
    sentences not yet a lesson whose probability is at least ``threshold``. The same
    model's earlier unreviewed proposals are replaced.

    Raises ``NotEnoughExamplesError`` with fewer than ``min_examples`` confirmed or
    rejected lessons.

    >>> suggest_lessons(store, "anna").summary()  # doctest: +SKIP
    'model:lessons-anna@...: 4 proposed lessons (probability >= 0.5), learned from ...'
    """
    from ..coding.suggestions import CodeSuggester  # scikit-learn: loaded when used

    store = open_store(store)
    reviewed = store.lessons(status=["confirmed", "rejected"])
    if reviewer is not None:
        reviewed = reviewed[reviewed["reviewer"] == reviewer]
    coder = f"model:lessons-{reviewer or 'all'}@{__version__}"
    y = (reviewed["status"] == "confirmed").astype(int).to_numpy()
    model = CodeSuggester(min_examples=min_examples).fit(
        list(reviewed["text"]), pd.DataFrame({"lesson": y})
    )
    confirmed = reviewed[reviewed["status"] == "confirmed"]
    usual = Counter(confirmed["type"]).most_common(1)
    fallback = usual[0][0] if usual else "insight"
    sentences = evidence_sentences(store, project_id)
    with store.transaction():
        store.delete_proposed_lessons("model", coder)
        taken: dict[str, list[tuple[int, int]]] = {}
        for r in store.lesson_records():
            taken.setdefault(r["doc_id"], []).append((r["start_char"], r["end_char"]))
        free = sentences[[
            not any(a < e and b > s for a, b in taken.get(d, []))
            for d, s, e in zip(sentences["doc_id"], sentences["start_char"],
                               sentences["end_char"], strict=True)
        ]]  # fmt: skip
        proba: Any = model.predict_proba(list(free["text"]))[:, 0] if len(free) else []
        codings = _theme_codings(store, None)
        records = []
        for sent, p in zip(free.itertuples(index=False), proba, strict=True):
            if p < threshold:
                continue
            rule = classify(
                sent.text,
                report=bool(sent.report),
                lessons_section=bool(sent.lessons_section),
                spoken=bool(sent.spoken),
                question=str(sent.question) or None,
            )
            records.append({
                "lesson_id": lesson_id(sent.doc_id, sent.start_char, sent.end_char),
                "doc_id": sent.doc_id, "segment_position": int(sent.position),
                "start_char": int(sent.start_char), "end_char": int(sent.end_char),
                "type": rule[0] if rule else fallback, "role": sent.role, "origin": "model",
                "coder": coder, "status": "proposed", "score": float(p), "pattern": "",
                "themes": themes_of(codings, sent.doc_id, sent.start_char, sent.end_char,
                                    sent.segment_id, LESSON_CODES),
            })  # fmt: skip
        n = store.insert_lessons(records)
    return LessonSuggestReport(coder, len(reviewed), int(y.sum()), int(len(y) - y.sum()), n,
                               threshold)  # fmt: skip
