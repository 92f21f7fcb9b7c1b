"""Saving a topic model next to its store, the store's ``topics`` table, and loading."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..store import ProjectStore
from .model import import_bertopic
from .result import INFO_COLUMNS, TOPIC_COLUMNS, TopicError, TopicModelResult


def topics_folder(store: ProjectStore | str | Path) -> Path:
    """Where a store's topic model is saved: ``<store>.topics/`` next to the store file.

    >>> topics_folder("out/demo.sokwal").as_posix()
    'out/demo.sokwal.topics'
    """
    path = store.path if isinstance(store, ProjectStore) else Path(store)
    return path.with_name(path.name + ".topics")


def _save(store: ProjectStore, result: TopicModelResult) -> None:
    folder = topics_folder(store)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with _quiet_bertopic():
        result.model.save(
            tmp / "bertopic", serialization="safetensors", save_ctfidf=True,
            save_embedding_model=False,
        )  # fmt: skip
    result.topics.to_parquet(tmp / "topics.parquet", index=False)
    (tmp / "info.json").write_text(
        result.info.to_json(orient="records", force_ascii=False, indent=1), encoding="utf-8"
    )
    (tmp / "provenance.json").write_text(
        json.dumps(result.provenance, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    _write_store(store, result, folder)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


@contextmanager
def _quiet_bertopic() -> Iterator[None]:
    """Silence BERTopic's logged advice about embedding models (we save none on purpose)."""
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _write_store(store: ProjectStore, result: TopicModelResult, folder: Path) -> None:
    """Replace the store's ``topics`` rows by this run's, with a ``topic_models`` row."""
    p = result.provenance
    topics = result.topics
    doc_pos = topics["segment_id"].str.rsplit("-", n=1, expand=True)
    with store.transaction():
        store.delete_topics()
        model_id = store.insert_topic_model(
            created_at=p["created_at"], written_by=p["written_by"], embedding=p["embedding"],
            unit=p["unit"], seed=p["seed"],
            options=json.dumps({k: p[k] for k in ("clustering", "min_topic_size", "nr_topics",
                                                  "seeded")}),
            n_units=p["n_units"], n_topics=p["n_topics"], folder=str(folder),
            info=result.info.to_json(orient="records", force_ascii=False),
        )  # fmt: skip
        store.insert_topics(
            zip(
                [model_id] * len(topics), doc_pos[0], doc_pos[1].astype(int).tolist(),
                topics["start_char"].tolist(), topics["end_char"].tolist(),
                topics["topic"].tolist(), topics["label"].tolist(),
                topics["probability"].astype(float).tolist(), strict=True,
            )
        )  # fmt: skip


def topics_table(store: ProjectStore) -> pd.DataFrame:
    """The ``topics`` table kept in the store (the last run of :func:`fit_topics`), with
    :data:`TOPIC_COLUMNS`; empty when topics were never fitted.

    >>> import tempfile, pathlib
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     topics_table(store).columns.tolist()
    ['segment_id', 'topic', 'label', 'probability', 'start_char', 'end_char']
    """
    frame = store.topic_assignments().reindex(columns=TOPIC_COLUMNS)
    for col in ("topic", "start_char", "end_char"):
        frame[col] = frame[col].astype("int64")
    frame["probability"] = frame["probability"].astype("float64")
    return frame


def load_topics(store: ProjectStore | str | Path, *, model: bool = True) -> TopicModelResult:
    """The topic model saved next to ``store`` by :func:`fit_topics`.

    ``model=False`` reads the tables only (fast: BERTopic and torch are not imported).

    >>> load_topics("nowhere.sokwal", model=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sokwal_monitor.topics.TopicError: nowhere.sokwal.topics: no saved topic model; ...
    """
    folder = topics_folder(store)
    if not (folder / "topics.parquet").exists():
        raise TopicError(folder, "no saved topic model", "fit one first: sokwal topics --store ...")
    info = pd.read_json(folder / "info.json", orient="records", dtype={"label": str})
    info = info.reindex(columns=INFO_COLUMNS)
    for col in ("words", "representative_segment_ids"):
        info[col] = info[col].map(list)
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    fitted = None
    if model:
        BERTopic = import_bertopic().BERTopic
        with _quiet_bertopic():
            fitted = BERTopic.load(str(folder / "bertopic"), embedding_model=None)
    topics = pd.read_parquet(folder / "topics.parquet")
    return TopicModelResult(fitted, topics, info, provenance)
