"""The sample's gold list of personal data, for tests that check what a reader sees.

A gold string may also be an ordinary label of the survey file: "85 jaar" is a
respondent's age in an interview, and part of the answer category "85 jaar of ouder" of
the questionnaire. Such labels are no personal data; :func:`leaked` removes the
survey's variable and value labels from a text before looking for gold strings.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sokwal_monitor import ProjectStore
from sokwal_monitor.ingestion.surveys import survey_variables

GOLD = Path(__file__).resolve().parent.parent / "data" / "sample_gold" / "personal_data.csv"


def gold_strings(min_length: int = 4) -> list[str]:
    """Every gold string of at least ``min_length`` characters (shorter ones, such as
    initials, occur in ordinary words)."""
    with GOLD.open(encoding="utf-8", newline="") as f:
        return sorted({row["text"] for row in csv.DictReader(f) if len(row["text"]) >= min_length})


def survey_labels(store: ProjectStore) -> list[str]:
    """The variable and value labels of the store's surveys, longest first."""
    variables = survey_variables(store)
    labels = {str(v) for v in variables["label"].dropna()}
    for value_labels in variables["value_labels"]:
        labels |= {str(v) for v in value_labels.values()}
    return sorted(labels, key=len, reverse=True)


def leaked(text: str, store: ProjectStore | None = None) -> list[str]:
    """The gold strings in ``text`` (after removing the survey's labels when ``store``)."""
    if store is not None:
        for label in survey_labels(store):
            text = text.replace(label, " ")
    return [gold for gold in gold_strings() if gold in text]
