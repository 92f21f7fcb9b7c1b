"""Learning effects ("leereffecten"): how the share of a code changes from wave to wave.

The province asks what projects learn over time. A transcript of 2019 that talks more
about *samenwerking* than the one of 2018 is a sign of that, but only a sign: with a
handful of interviews a change can be chance. This module turns the codings of a store
into one tidy table, the ``learning_effects`` table of the design, with per project and
per pair of consecutive waves, per code:

* ``before`` and ``after``: the share of respondent segments (or of documents) that
  carry the code in the earlier and the later wave;
* ``delta``: ``after - before``, with a 95 % bootstrap interval ``ci_low, ci_high``
  that resamples documents and then segments within them (a cluster bootstrap: turns
  of one interview are not independent);
* ``example_segment_ids``: segments to read.

:func:`summarize_learning` writes a short Dutch text from the table and
:func:`plot_learning_effects` draws it. ``docs/learning.md`` explains how to read both.

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> from sokwal_monitor.coding import code_segment
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for wave, answer in (("2018", "We doen het alleen."), ("2019", "Nu samen met de buurt.")):
...     turns = f"I: Hoe gaat het?\\nR: Goed.\\nI: En verder?\\nR: {answer}\\n"
...     _ = (root / f"P01_{wave}_interview.txt").write_text(turns, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> segs = store.segments(with_metadata=True)
>>> later = segs[(segs["wave"] == "2019") & (segs["role"] == "respondent")]
>>> _ = code_segment(store, later["segment_id"].iloc[1], "samenwerking", coder="anna")
>>> table = learning_effects(store, n_boot=0)
>>> table[["from_wave", "to_wave", "label", "before", "after"]].to_dict("records")
[{'from_wave': '2018', 'to_wave': '2019', 'label': 'samenwerking', 'before': 0.0, 'after': 0.5}]
>>> print(summarize_learning(table, project_id="P01", quotes=False))
Leereffecten van project P01
<BLANKLINE>
Van 2018 naar 2019 (2 en 2 fragmenten van respondenten):
- Nieuw: samenwerking (van 0% naar 50%).
>>> store.close()
"""

from __future__ import annotations

import pandas as pd

from ..store import ProjectStore, register_table
from .figures import plot_learning_effects
from .schema import LEARNING_COLUMNS, wave_sort_key
from .summary import summarize_learning
from .table import learning_effects

__all__ = [
    "LEARNING_COLUMNS",
    "learning_effects",
    "plot_learning_effects",
    "summarize_learning",
    "wave_sort_key",
]


def _learning_table(store: ProjectStore, coder: str | None = None) -> pd.DataFrame:
    """``sokwal export learning_effects [--coder NAME]``: the table with its defaults."""
    return learning_effects(store, coder=coder)


register_table(
    "learning_effects",
    _learning_table,
    "per project and pair of waves, how the share of each code changed",
    options=("coder",),
    order=120,
)
