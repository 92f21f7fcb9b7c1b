"""The result of a topic fit, the columns of its tables, and the error of this package."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import SokwalError

#: Columns of the ``topics`` table (the contract's four, then the unit's offsets).
TOPIC_COLUMNS = ["segment_id", "topic", "label", "probability", "start_char", "end_char"]
#: Columns of the topic info table.
INFO_COLUMNS = ["topic", "label", "size", "words", "representative_segment_ids"]


class TopicError(SokwalError):
    """Topics cannot be found: an empty store, an unknown embedding, too few texts."""

    __module__ = "sokwal_monitor.topics"  # its public name, in tracebacks and pickles


@dataclass
class TopicModelResult:
    """A fitted topic model and its tables.

    Attributes
    ----------
    model : bertopic.BERTopic or None
        The fitted model (None when loaded with ``model=False``).
    topics : DataFrame
        One row per unit: :data:`TOPIC_COLUMNS`.
    info : DataFrame
        One row per topic: :data:`INFO_COLUMNS` (``words``: the top-10 lemmas).
    provenance : dict
        ``embedding, unit, seed, clustering, min_topic_size, nr_topics, seeded,
        n_units, n_topics, written_by, created_at``.
    """

    model: Any
    topics: pd.DataFrame
    info: pd.DataFrame
    provenance: dict[str, Any] = field(default_factory=dict)

    def topic_words(self, topic: int, n: int = 10) -> list[str]:
        """The top ``n`` lemmas of ``topic``."""
        return list(_topic_row(self.info, topic)["words"])[:n]


def _topic_row(info: pd.DataFrame, topic: int) -> pd.Series:
    """The row of ``topic`` in an info table; a KeyError naming the topics if there is none."""
    row = info[info["topic"] == topic]
    if row.empty:
        raise KeyError(f"no topic {topic}; the topics are {info['topic'].tolist()}")
    return row.iloc[0]
