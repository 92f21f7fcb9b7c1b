"""Model suggestions for lessons: learn from the researcher's reviews, propose sentences
the rules missed.

The unit is the evidence sentence (:func:`~.find.evidence_sentences`). A sentence of a
document the reviewer has reviewed is a lesson (1) when it lies in a lesson the reviewer
confirmed or added, and not a lesson (0) when it lies in a lesson the reviewer rejected
or, with ``implicit_negatives`` (the default), in no lesson at all: a researcher who
reviews a document's lessons and adds the ones the rules missed says, by leaving the
rest alone, that the rest are no lessons (as :func:`~..coding.suggestions.training_data`
reads a coder's uncoded segments). Sentences of unreviewed proposals stay out.

:class:`LessonSuggester` (a scikit-learn estimator) reads a sentence as its lemmas and
lemma pairs *with* the function words (modal verbs, pronouns, time adverbs: "zou",
"we", "nu", "je", "volgende keer" carry lessons and are stop words elsewhere) and its
context (the kind of lesson the question or lead-in before it asks for, a lessons
section, a report or a spoken answer, the speaker's role), weighted by TF-IDF; a
calibrated logistic regression gives the probability of a lesson, and a second logistic
regression on the confirmed sentences gives its type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .._version import __version__
from ..store import ProjectStore, StoreLike, open_store
from .find import LESSON_CODES, _theme_codings, evidence_sentences, lesson_id, themes_of
from .patterns import classify

__all__ = [
    "DEFAULT_THRESHOLD",
    "LessonSuggestReport",
    "LessonSuggester",
    "lesson_training_data",
    "suggest_lessons",
    "train_lesson_model",
]

#: The probability from which :func:`suggest_lessons` proposes a sentence; chosen on the
#: dev sets by leave-one-set-out cross-validation (``bench/lessons.py --review-loop``).
DEFAULT_THRESHOLD = 0.8

#: Context columns of :func:`~.find.evidence_sentences` the model reads.
CONTEXT_COLUMNS = ("question", "lessons_section", "report", "spoken", "role", "kind")


@dataclass
class LessonSuggestReport:
    """What :func:`suggest_lessons` did.

    >>> print(LessonSuggestReport("model:lessons-anna", 12, 5, 7, 3, 0.5).summary())
    ... # doctest: +NORMALIZE_WHITESPACE
    model:lessons-anna: 3 proposed lessons (probability >= 0.5), learned from 5 lesson
    sentences and 7 others
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
                f" {self.threshold:g}), learned from {self.n_positive} lesson sentences and"
                f" {self.n_negative} others")  # fmt: skip


#: Tokens already computed in this process, by text (cross-validation reads the same
#: sentences again and again).
_TOKEN_CACHE: dict[str, list[str]] = {}


def _words(texts: Sequence[str]) -> list[list[str]]:
    """Per text its lower-case lemmas, function words kept, and adjacent lemma pairs."""
    missing = list(dict.fromkeys(t for t in texts if t not in _TOKEN_CACHE))
    if missing:
        from ..nlp import dutch_pipeline

        nlp = dutch_pipeline()
        with nlp.select_pipes(disable=["sentencizer"]):
            for text, doc in zip(missing, nlp.pipe(missing, batch_size=256), strict=True):
                words = [t.lemma_.lower() for t in doc if t.is_alpha]
                _TOKEN_CACHE[text] = words + [f"{a} {b}" for a, b in pairwise(words)]
    return [_TOKEN_CACHE[t] for t in texts]


def _context(frame: pd.DataFrame) -> list[list[str]]:
    """Per row its context tokens (``__question=advice``, ``__report``, ...)."""
    out: list[list[str]] = [[] for _ in range(len(frame))]
    for col in CONTEXT_COLUMNS:
        if col not in frame.columns:
            continue
        for i, value in enumerate(frame[col].tolist()):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if isinstance(value, bool | np.bool_):
                if value:
                    out[i].append(f"__{col}")
            elif str(value):
                out[i].append(f"__{col}={value}")
    return out


def _before(frame: pd.DataFrame) -> list[list[str]]:
    """Per row the lemmas (no pairs) of the sentence before it in the same segment."""
    if "segment_id" not in frame.columns:
        return [[] for _ in range(len(frame))]
    texts = [str(t) for t in frame["text"]]
    segs = frame["segment_id"].tolist()
    out: list[list[str]] = []
    for i, seg in enumerate(segs):
        if i and segs[i - 1] == seg:
            out.append([w for w in _words([texts[i - 1]])[0] if " " not in w])
        else:
            out.append([])
    return out


def _as_is(tokens: list[str]) -> list[str]:
    """The analyzer of the TF-IDF vectorizer: texts are tokens already."""
    return tokens


def _as_frame(X: Any) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise ValueError("the sentences need a 'text' column")
        return X
    return pd.DataFrame({"text": [str(t) for t in X]})


class LessonSuggester(ClassifierMixin, BaseEstimator):
    """Is a sentence a lesson, and of which type: lemma (and lemma-pair) TF-IDF with the
    function words kept, plus context tokens; a calibrated logistic regression for the
    probability, a multinomial one for the type.

    ``X`` is a DataFrame with ``text`` and, when ``context``, the columns of
    :data:`CONTEXT_COLUMNS` (as :func:`~.find.evidence_sentences` gives them), or a list
    of texts; ``y`` is 0/1; ``types`` (for the lessons) the lesson types.

    >>> X = ["Volgende keer zou ik eerder beginnen.", "De koffie was op."] * 6
    >>> model = LessonSuggester().fit(X, [1, 0] * 6, types=["do_differently", ""] * 6)
    >>> bool(model.predict_proba(["Volgende keer zou ik het anders doen."])[0, 1] > 0.5)
    True
    >>> model.predict_type(["Volgende keer zou ik het anders doen."]).tolist()
    ['do_differently']
    """

    def __init__(
        self,
        *,
        C: float = 4.0,
        context: bool = True,
        before: bool = False,
        cv: int = 3,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.context = context
        self.before = before
        self.cv = cv
        self.random_state = random_state

    def _tokens(self, X: Any) -> list[list[str]]:
        frame = _as_frame(X)
        texts = [str(t) for t in frame["text"]]
        words = _words(texts)
        if self.context:
            words = [w + c for w, c in zip(words, _context(frame), strict=True)]
        if self.before:
            words = [w + [f"<{t}" for t in b] for w, b in zip(words, _before(frame), strict=True)]
        return words

    def fit(self, X: Any, y: Any, types: Sequence[str] | None = None) -> LessonSuggester:
        """Learn from sentences ``X``, labels ``y`` (1: a lesson) and, optionally, the
        lessons' ``types`` (one per row; ignored for the rows that are no lesson)."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        labels = (np.asarray(y) != 0).astype(int)
        tokens = self._tokens(X)
        if len(tokens) != len(labels):
            raise ValueError(f"{len(tokens)} sentences but {len(labels)} labels")
        n_pos = int(labels.sum())
        if min(n_pos, len(labels) - n_pos) < 2:
            raise ValueError("need at least two lessons and two other sentences")
        self.vectorizer_ = TfidfVectorizer(analyzer=_as_is, sublinear_tf=True)
        matrix = self.vectorizer_.fit_transform(tokens)
        folds = max(2, min(self.cv, n_pos, len(labels) - n_pos))
        base = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear",
                                  random_state=self.random_state)  # fmt: skip
        split = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
        self.estimator_ = CalibratedClassifierCV(base, method="sigmoid", cv=split)
        self.estimator_.fit(matrix, labels)
        kinds = [str(t) for t, lab in zip(types or [], labels, strict=False) if lab and t]
        rows = [i for i, lab in enumerate(labels) if lab and types is not None and types[i]]
        self.type_counts_ = Counter(kinds)
        self.type_estimator_: Any = None
        if len(self.type_counts_) >= 2:
            self.type_estimator_ = LogisticRegression(
                C=self.C, class_weight="balanced", max_iter=2000, random_state=self.random_state
            ).fit(matrix[rows], kinds)
        self.classes_ = np.array([0, 1])
        self.n_positive_, self.n_negative_ = n_pos, int(len(labels) - n_pos)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Per sentence the probabilities of (no lesson, lesson)."""
        check_is_fitted(self, "estimator_")
        tokens = self._tokens(X)
        if not tokens:
            return np.zeros((0, 2))
        return np.asarray(self.estimator_.predict_proba(self.vectorizer_.transform(tokens)))

    def predict(self, X: Any, threshold: float = DEFAULT_THRESHOLD) -> np.ndarray:
        """1 where the probability of a lesson is at least ``threshold``."""
        return (self.predict_proba(X)[:, 1] >= threshold).astype(int)

    def predict_type(self, X: Any) -> np.ndarray:
        """The most probable lesson type per sentence (the type confirmed most when the
        reviews had one type only; ``insight`` when they had none)."""
        check_is_fitted(self, "estimator_")
        tokens = self._tokens(X)
        if self.type_estimator_ is None or not tokens:
            usual = self.type_counts_.most_common(1)
            return np.array([usual[0][0] if usual else "insight"] * len(tokens), dtype=object)
        matrix = self.vectorizer_.transform(tokens)
        return np.asarray(self.type_estimator_.predict(matrix), dtype=object)


def _spans(records: Iterable[dict[str, Any]]) -> dict[str, list[tuple[int, int, dict]]]:
    out: dict[str, list[tuple[int, int, dict]]] = {}
    for r in records:
        out.setdefault(r["doc_id"], []).append((r["start_char"], r["end_char"], r))
    return out


def lesson_training_data(
    store: StoreLike, reviewer: str | None = None, *, implicit_negatives: bool = True
) -> pd.DataFrame:
    """The evidence sentences of the documents ``reviewer`` (or anyone) has reviewed,
    with ``label`` (1: in a confirmed or hand-added lesson; 0: in a rejected one, or,
    with ``implicit_negatives``, in no lesson) and ``lesson_type`` (the confirmed
    lesson's type, else ``""``); the columns of :func:`~.find.evidence_sentences`
    besides. Sentences in unreviewed proposals are left out.

    >>> import tempfile, pathlib
    >>> lesson_training_data(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").empty
    True
    """
    store = open_store(store)
    records = store.lesson_records()
    reviewed = [r for r in records if r["status"] in ("confirmed", "rejected")
                and (reviewer is None or r["reviewer"] == reviewer)]  # fmt: skip
    sentences = evidence_sentences(store)
    columns = [*sentences.columns, "label", "lesson_type"]
    if not reviewed or sentences.empty:
        return pd.DataFrame(columns=columns)
    docs = {r["doc_id"] for r in reviewed}
    by_doc = _spans(reviewed)
    open_by_doc = _spans(r for r in records if r["status"] == "proposed")
    keep, labels, kinds = [], [], []
    for i, (doc, s, e) in enumerate(zip(sentences["doc_id"], sentences["start_char"],
                                        sentences["end_char"], strict=True)):  # fmt: skip
        if doc not in docs:
            continue
        hits = [r for a, b, r in by_doc.get(doc, []) if a < e and b > s]
        confirmed = [r for r in hits if r["status"] == "confirmed"]
        if confirmed:
            keep.append(i)
            labels.append(1)
            kinds.append(str(confirmed[0]["type"]))
        elif hits or (
            implicit_negatives and not any(a < e and b > s for a, b, _ in open_by_doc.get(doc, []))
        ):
            keep.append(i)
            labels.append(0)
            kinds.append("")
    out = sentences.iloc[keep].reset_index(drop=True)
    out["label"], out["lesson_type"] = labels, kinds
    return out[columns]


def train_lesson_model(
    stores: StoreLike | Sequence[StoreLike],
    reviewer: str | None = None,
    *,
    implicit_negatives: bool = True,
    min_examples: int = 5,
    random_state: int = 0,
    C: float = 4.0,
    context: bool = True,
    before: bool = False,
) -> LessonSuggester:
    """Train a :class:`LessonSuggester` on the reviews in one store or several (last
    year's store for this year's documents). Raises ``NotEnoughExamplesError`` with
    fewer than ``min_examples`` lesson sentences or other sentences.

    >>> model = train_lesson_model("monitor.sokwal", "anna")  # doctest: +SKIP
    >>> suggest_lessons("nieuw.sokwal", "anna", model=model)  # doctest: +SKIP
    """
    from ..coding.suggestions import NotEnoughExamplesError  # scikit-learn: when used

    many: list[Any] = list(stores) if isinstance(stores, list | tuple) else [stores]
    frames = [lesson_training_data(s, reviewer, implicit_negatives=implicit_negatives)
              for s in many]  # fmt: skip
    data = pd.concat([f for f in frames if not f.empty] or frames, ignore_index=True)
    n_pos = int(data["label"].sum()) if len(data) else 0
    if min(n_pos, len(data) - n_pos) < max(2, min_examples):
        raise NotEnoughExamplesError(
            None,
            f"too few reviewed sentences to learn lessons from ({n_pos} in a lesson,"
            f" {len(data) - n_pos} not)",
            f"confirm, reject or add at least {max(2, min_examples)} lessons and review the"
            " documents they are in",
        )
    model = LessonSuggester(C=C, context=context, before=before, random_state=random_state)
    return model.fit(data, data["label"].to_numpy(), types=list(data["lesson_type"]))


def suggest_lessons(
    store: StoreLike,
    reviewer: str | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_examples: int = 5,
    project_id: str | None = None,
    model: LessonSuggester | None = None,
    implicit_negatives: bool = True,
) -> LessonSuggestReport:
    """Propose, as ``origin="model"`` lessons with their probability as ``score``, the
    evidence sentences not yet in a lesson whose probability is at least ``threshold``;
    the model is ``model`` (from :func:`train_lesson_model`, e.g. on another store) or
    one trained here on ``reviewer``'s (or everyone's) reviews. A proposal's type is
    the rules' when a rule fires on it, else the model's. The same model's earlier
    unreviewed proposals are replaced (with ``project_id``, those of that project only);
    the model trained here does not see them.

    Raises ``NotEnoughExamplesError`` with fewer than ``min_examples`` lesson sentences
    or other sentences to learn from.

    >>> suggest_lessons(store, "anna").summary()  # doctest: +SKIP
    'model:lessons-anna@...: 4 proposed lessons (probability >= 0.5), learned from ...'
    """
    store = open_store(store)
    coder = f"model:lessons-{reviewer or 'all'}@{__version__}"
    sentences = evidence_sentences(store, project_id)
    # with a project, only that project's earlier proposals are replaced
    docs = None if project_id is None else set(sentences["doc_id"])
    with store.transaction():  # too few examples: the store stays as it was
        # this model's earlier unreviewed proposals go before it learns: left in, they
        # would hide from it the sentences of reviewed documents that are no lessons
        own = [r for r in store.lesson_records()
               if (r["origin"], r["coder"], r["status"], r["reviewer"])
               == ("model", coder, "proposed", "")]  # fmt: skip
        store.delete_proposed_lessons("model", coder)
        if model is None:
            model = train_lesson_model(store, reviewer, implicit_negatives=implicit_negatives,
                                       min_examples=min_examples)  # fmt: skip
        store.insert_lessons(r for r in own if docs is not None and r["doc_id"] not in docs)
        n = store.insert_lessons(_proposals(store, model, sentences, coder, threshold))
    n_pos, n_neg = model.n_positive_, model.n_negative_
    return LessonSuggestReport(coder, n_pos + n_neg, n_pos, n_neg, n, threshold)


def _proposals(
    store: ProjectStore,
    model: LessonSuggester,
    sentences: pd.DataFrame,
    coder: str,
    threshold: float,
) -> list[dict[str, Any]]:
    taken = _spans(store.lesson_records())
    free = sentences[[
        not any(a < e and b > s for a, b, _ in taken.get(d, []))
        for d, s, e in zip(sentences["doc_id"], sentences["start_char"],
                           sentences["end_char"], strict=True)
    ]].reset_index(drop=True)  # fmt: skip
    if free.empty:
        return []
    proba = model.predict_proba(free)[:, 1]
    chosen = free[proba >= threshold].reset_index(drop=True)
    scores = proba[proba >= threshold]
    kinds: Any = model.predict_type(chosen) if len(chosen) else []
    codings = _theme_codings(store, None)
    records = []
    for sent, p, kind in zip(chosen.itertuples(index=False), scores, kinds, strict=True):
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
            "type": rule[0] if rule else str(kind), "role": sent.role, "origin": "model",
            "coder": coder, "status": "proposed", "score": float(p), "pattern": "",
            "themes": themes_of(codings, sent.doc_id, sent.start_char, sent.end_char,
                                sent.segment_id, LESSON_CODES),
        })  # fmt: skip
    return records
