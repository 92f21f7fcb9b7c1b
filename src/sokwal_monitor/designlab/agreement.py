"""What the groups agree on: co-assignment of card pairs between boards.

Boards do not share group names, so they are compared by what they put together: for
every pair of cards, a board says **together** (some group holds both) or **apart**
(both cards lie in groups, never in the same one). A card left on the pile says
nothing, so its pairs are missing for that board. Two boards agree on a pair when they
say the same; Krippendorff's alpha (nominal) over the pairs corrects this for chance
(most pairs are apart on every board, so percent agreement alone flatters).

The researcher's codes take part as one more "board": two cards are together when a
code of the researcher's covers part of both; a card she did not code is apart from
every other.

Examples
--------
>>> boards = {"A": [{"K1", "K2"}, {"K3"}], "B": [{"K1", "K2", "K3"}]}
>>> pairs = pair_table(boards, ["K1", "K2", "K3"])
>>> pairs[["card_a", "card_b", "A", "B"]].to_string(index=False)
'card_a card_b   A   B\\n    K1     K2 1.0 1.0\\n    K1     K3 0.0 1.0\\n    K2     K3 0.0 1.0'
>>> round(float(pairwise_agreement(pairs, ["A", "B"])["percent_agreement"].iloc[0]), 3)
0.333
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..reliability import krippendorff_alpha

__all__ = ["ALL_RATERS", "pair_table", "pairwise_agreement"]

#: The row of :func:`pairwise_agreement` that compares all raters at once.
ALL_RATERS = "(alle borden)"


def pair_table(
    groupings: Mapping[str, Iterable[Iterable[str]]], cards: Sequence[str]
) -> pd.DataFrame:
    """One row per pair of cards, one column per rater: 1 together, 0 apart, NaN when
    the rater left one of the two cards out.

    Parameters
    ----------
    groupings : mapping of str to groups
        Rater (board) -> its groups, each a collection of card ids. A card may be in
        several groups.
    cards : sequence of str
        Every card of the set, in order.

    Returns
    -------
    pandas.DataFrame
        ``card_a, card_b`` then one float column per rater, then ``n_together`` (raters
        that put the pair together) and ``n_placed`` (raters that placed both cards).
    """
    names = list(groupings)
    index = {card: i for i, card in enumerate(cards)}
    n = len(cards)
    columns: dict[str, np.ndarray] = {}
    rows = list(combinations(range(n), 2))
    for name in names:
        groups = [set(g) for g in groupings[name]]
        placed = np.zeros(n, dtype=bool)
        together = np.zeros((n, n), dtype=bool)
        for group in groups:
            members = [index[c] for c in group if c in index]
            placed[members] = True
            for a, b in combinations(sorted(members), 2):
                together[a, b] = True
        values = np.array(
            [
                (1.0 if together[a, b] else 0.0) if placed[a] and placed[b] else math.nan
                for a, b in rows
            ],
            dtype=float,
        )
        columns[name] = values
    frame = pd.DataFrame(
        {"card_a": [cards[a] for a, _ in rows], "card_b": [cards[b] for _, b in rows]}
    )
    for name in names:
        frame[name] = columns[name]
    votes = frame[names] if names else pd.DataFrame(index=frame.index)
    frame["n_together"] = (votes == 1).sum(axis=1).astype(int)
    frame["n_placed"] = votes.notna().sum(axis=1).astype(int)
    return frame


def _alpha(values: np.ndarray) -> float:
    try:
        return float(krippendorff_alpha(values))
    except ValueError:  # no pair rated twice: nothing to compare
        return math.nan


def pairwise_agreement(pairs: pd.DataFrame, raters: Sequence[str]) -> pd.DataFrame:
    """Agreement on the card pairs between every two raters, and of all together.

    Returns
    -------
    pandas.DataFrame
        ``rater_a, rater_b`` (:data:`ALL_RATERS` in the last row), ``n_pairs`` (pairs
        both placed), ``n_together_any`` (of those, pairs someone put together),
        ``percent_agreement`` and ``krippendorff_alpha`` (nominal; NaN when undefined).
    """
    out = []
    for a, b in combinations(raters, 2):
        both = pairs[[a, b]].dropna()
        agree = float((both[a] == both[b]).mean()) if len(both) else math.nan
        out.append(
            (
                a,
                b,
                len(both),
                int((both.max(axis=1) == 1).sum()),
                agree,
                _alpha(both.to_numpy().T) if len(both) else math.nan,
            )
        )
    if len(raters) > 2:
        data = pairs[list(raters)]
        rated = data[data.notna().sum(axis=1) >= 2]
        shares = []
        for _, row in rated.iterrows():
            values = row.dropna().to_numpy()
            k = len(values)
            same = sum(1 for x, y in combinations(values, 2) if x == y)
            shares.append(same / (k * (k - 1) / 2))
        out.append(
            (
                ALL_RATERS,
                "",
                len(rated),
                int((rated.max(axis=1) == 1).sum()),
                float(np.mean(shares)) if shares else math.nan,
                _alpha(rated.to_numpy().T) if len(rated) else math.nan,
            )
        )
    return pd.DataFrame(
        out,
        columns=[
            "rater_a",
            "rater_b",
            "n_pairs",
            "n_together_any",
            "percent_agreement",
            "krippendorff_alpha",
        ],
    )
