"""The cluster bootstrap of a share: documents first, then segments within them, each
row of the table drawing from its own seeded stream."""

from __future__ import annotations

import hashlib

import numpy as np


def _seed_for(seed: int, *names: str) -> list[int]:
    """Seed material for one row: the user's seed plus a stable hash of the row's names,
    so a row's interval does not depend on which other codes or projects are in the run."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).digest()
    return [int(seed), *(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))]


def _bootstrap_share(
    rng: np.random.Generator, n: np.ndarray, k: np.ndarray, n_boot: int, unit: str
) -> np.ndarray:
    """``n_boot`` bootstrap shares of one code in one wave (two-stage for segments).

    Stage 1 draws as many documents as the wave has, with replacement. Stage 2 draws, in
    each drawn document, as many segments as it has, with replacement; the number of them
    that carry the code is then binomial with the document's own share, which is what
    :func:`numpy.random.Generator.binomial` draws directly.
    """
    docs = rng.integers(0, len(n), size=(n_boot, len(n)))
    sizes = n[docs]
    hits = k[docs] if unit == "documents" else rng.binomial(sizes, k[docs] / n[docs])
    result: np.ndarray = hits.sum(axis=1) / sizes.sum(axis=1)
    return result
