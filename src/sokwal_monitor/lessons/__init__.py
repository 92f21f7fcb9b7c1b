"""Lessons: what initiators, professionals and reports say they learned, would do
differently, changed, advise or passed on — found, reviewed and compared.

A *lesson* is a span of whole sentences of a document with a **type** (``insight``,
``do_differently``, ``changed_practice``, ``advice``, ``shared``), **themes** (the
codebook's codes it is coded with or co-occurs with), the **role** of who voices it
(``initiator``, ``volunteer``, ``municipality``, ``professional``, ``report``), its
provenance (``origin`` ``rule``/``model``/``manual`` and ``coder``) and its review
``status`` (``proposed``, ``confirmed``, ``rejected``). The table ``lessons`` is kept in
the store and exported like the others (``sokwal export lessons``).

- :func:`find_lessons` — the Dutch lesson rules (:mod:`.patterns`) over every sentence
  of the respondents' turns and the reports (:func:`evidence_sentences`);
- :func:`suggest_lessons` — a model (:class:`LessonSuggester`) trained on the
  researcher's reviews (:func:`lesson_training_data`: confirmed, added and rejected
  lessons and the other sentences of the reviewed documents) proposes more; train it on
  one store or several with :func:`train_lesson_model` and suggest in another;
- review (:mod:`.review`): :func:`confirm_lesson`, :func:`reject_lesson`,
  :func:`edit_lesson`, :func:`add_lesson`, :func:`undo_lesson_review`, and the review
  table round trip :func:`review_table` / :func:`apply_review_table`;
- across waves and projects (:mod:`.across`): :func:`learning_trajectory` per project,
  :func:`lessons_by_theme` over the programme.

Examples
--------
>>> import tempfile, pathlib
>>> store = pathlib.Path(tempfile.mkdtemp()) / "s.sokwal"
>>> find_lessons(store).n_found, len(lessons(store))
(0, 0)
"""

from __future__ import annotations

from ..store import register_table
from .across import learning_trajectory, lessons_by_theme
from .find import (
    LESSON_CODES,
    RULE_CODER,
    FindReport,
    evidence_sentences,
    find_lessons,
    lesson_id,
    lessons,
    speaker_role,
    themes_of,
)
from .model import (
    LessonSuggester,
    LessonSuggestReport,
    lesson_training_data,
    suggest_lessons,
    train_lesson_model,
)
from .patterns import LESSON_TYPES, classify, question_frame, sentence_spans
from .review import (
    REVIEW_COLUMNS,
    add_lesson,
    apply_review_table,
    confirm_lesson,
    edit_lesson,
    reject_lesson,
    review_table,
    undo_lesson_review,
)

__all__ = [
    "LESSON_CODES",
    "LESSON_TYPES",
    "REVIEW_COLUMNS",
    "RULE_CODER",
    "FindReport",
    "LessonSuggestReport",
    "LessonSuggester",
    "add_lesson",
    "apply_review_table",
    "classify",
    "confirm_lesson",
    "edit_lesson",
    "evidence_sentences",
    "find_lessons",
    "learning_trajectory",
    "lesson_id",
    "lesson_training_data",
    "lessons",
    "lessons_by_theme",
    "question_frame",
    "reject_lesson",
    "review_table",
    "sentence_spans",
    "speaker_role",
    "suggest_lessons",
    "themes_of",
    "train_lesson_model",
    "undo_lesson_review",
]

register_table(
    "lessons",
    lessons,
    "one row per lesson: what was learned, by whom, of which type and theme",
    options=("all_versions",),
    order=300,
)
