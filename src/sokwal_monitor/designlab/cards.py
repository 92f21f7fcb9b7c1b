"""Card sets for a designlab session: a reproducible, balanced selection of quotes.

A card is a span of a document's stored (pseudonymized) text, cut to whole sentences:
``document_text[start_char:end_char] == text``, and ``sha256`` is the SHA-256 of that
text, so an import of the group's board can check that the store still holds what the
group read. The set's id (``set_id``) is a hash of the cards' ids, spans and texts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..errors import SokwalError
from ..lessons.patterns import sentence_spans
from ..model import evidence_mask
from ..store import ProjectStore, StoreLike, open_store

__all__ = [
    "CARD_COLUMNS",
    "CardSet",
    "DesignlabError",
    "card_set",
    "card_set_id",
    "cut_sentences",
    "text_sha256",
]

#: The columns of a card set's ``cards`` table (and of ``cards.csv``), in this order.
CARD_COLUMNS = [
    "card_id",
    "kind",
    "project_id",
    "wave",
    "role",
    "doc_id",
    "segment_id",
    "start_char",
    "end_char",
    "text",
    "sha256",
    "source",
    "cut",
]

#: What ``balanced_by`` may name, and the column it means.
_BALANCE_COLUMNS = {"project": "project_id", "project_id": "project_id", "wave": "wave",
                    "role": "role", "kind": "kind"}  # fmt: skip
#: A segment drawn by ``sample`` alone has at least this many words.
MIN_WORDS = 8


class DesignlabError(SokwalError):
    """A card set or board cannot be made (nothing to show, bad options, a store that is
    not pseudonymized)."""

    default_cause = "the designlab material cannot be made"


@dataclass
class CardSet:
    """A card set: ``cards`` (one row per card, :data:`CARD_COLUMNS`), its ``set_id``
    (see :func:`card_set_id`), the ``seed`` and ``selection`` that chose it, whether the
    store was ``pseudonymized``, and ``warnings`` (plain sentences)."""

    cards: pd.DataFrame
    set_id: str
    seed: int
    selection: dict[str, Any]
    pseudonymized: bool = True
    created_at: str = ""
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.cards)

    def to_json(self) -> dict[str, Any]:
        """The card set as ``cardset.json`` holds it (``docs/designlab.md``)."""
        cards = [{c: _plain(row[c]) for c in CARD_COLUMNS} for row in self.cards.to_dict("records")]
        return {
            "format": "sokwal-cardset",
            "version": 1,
            "set_id": self.set_id,
            "seed": self.seed,
            "selection": self.selection,
            "created_at": self.created_at,
            "sokwal_version": __version__,
            "pseudonymized": self.pseudonymized,
            "cards": cards,
        }

    @classmethod
    def read(cls, path: str | PathLike[str]) -> CardSet:
        """Read a ``cardset.json``; its ``set_id`` must match its cards.

        >>> import tempfile, pathlib
        >>> cards = pd.DataFrame([{"card_id": "K01", "kind": "segment", "project_id": "P01",
        ...     "wave": "2018", "role": "respondent", "doc_id": "d1", "segment_id": "d1-00000",
        ...     "start_char": 0, "end_char": 4, "text": "Goed", "sha256": text_sha256("Goed"),
        ...     "source": "", "cut": False}])
        >>> made = CardSet(cards, card_set_id(cards), 0, {})
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "cardset.json"
        >>> _ = path.write_text(json.dumps(made.to_json()), encoding="utf-8")
        >>> CardSet.read(path).set_id == made.set_id
        True
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise DesignlabError(path, f"not a card set file ({err})") from None
        if not isinstance(data, dict) or data.get("format") != "sokwal-cardset":
            raise DesignlabError(path, "not a card set file (format is not sokwal-cardset)")
        cards = pd.DataFrame(data.get("cards") or [], columns=CARD_COLUMNS)
        if card_set_id(cards) != data.get("set_id"):
            raise DesignlabError(path, "the card set's id does not match its cards")
        return cls(
            cards=cards,
            set_id=str(data["set_id"]),
            seed=int(data.get("seed", 0)),
            selection=dict(data.get("selection") or {}),
            pseudonymized=bool(data.get("pseudonymized", False)),
            created_at=str(data.get("created_at", "")),
        )


def _plain(value: Any) -> Any:
    """A JSON-able Python value of a DataFrame cell."""
    if isinstance(value, np.generic):
        return value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return value


def text_sha256(text: str) -> str:
    """The SHA-256 (hex) of ``text`` as UTF-8: a card's check on its text.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def card_set_id(cards: pd.DataFrame | Sequence[dict[str, Any]]) -> str:
    """The id of a card set: ``ks-`` and 12 hex digits of the SHA-256 of the canonical
    JSON of ``[card_id, doc_id, start_char, end_char, sha256]`` per card, in order.

    >>> card_set_id([{"card_id": "K01", "doc_id": "d", "start_char": 0, "end_char": 4,
    ...               "sha256": "ab"}])
    'ks-b6c6899604a0'
    """
    rows = cards.to_dict("records") if isinstance(cards, pd.DataFrame) else list(cards)
    key = [
        [str(r["card_id"]), str(r["doc_id"]), int(r["start_char"]), int(r["end_char"]),
         str(r["sha256"])]
        for r in rows
    ]  # fmt: skip
    canonical = json.dumps(key, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return "ks-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def cut_sentences(
    sentences: Sequence[tuple[int, int]], text: str, start: int, end: int, max_chars: int
) -> tuple[int, int, bool]:
    """The span of whole sentences of ``text`` from the one at ``start`` on, at most
    ``max_chars`` long, covering ``[start, end)`` as far as that allows: ``(start, end,
    cut)``. A first sentence longer than ``max_chars`` is cut at a word (``cut`` True).

    >>> text = "Eerst dit. Dan dat. En nog meer tekst hier."
    >>> spans = [(0, 10), (11, 19), (20, 43)]
    >>> a, b, cut = cut_sentences(spans, text, 12, 15, 30)
    >>> text[a:b], cut
    ('Dan dat.', False)
    >>> a, b, cut = cut_sentences(spans, text, 0, 43, 20)
    >>> text[a:b], cut
    ('Eerst dit. Dan dat.', False)
    >>> a, b, cut = cut_sentences(spans, text, 20, 43, 12)
    >>> text[a:b], cut
    ('En nog meer', True)
    """
    inside = [(a, b) for a, b in sentences if b > start and a < max(end, start + 1)]
    if not inside:
        inside = [(a, b) for a, b in sentences if b > start][:1] or [(start, end)]
    first_a, first_b = inside[0]
    if first_b - first_a > max_chars:
        piece = text[first_a : first_a + max_chars]
        words = list(re.finditer(r"\S+", piece))
        stop = first_a + (words[-1].end() if words else max_chars)
        after = text[first_a + max_chars : first_a + max_chars + 1]
        if len(words) > 1 and piece[-1:].strip() and after.strip():
            stop = first_a + words[-2].end()  # the last word would be cut: leave it out
        stop = first_a + len(text[first_a:stop].rstrip(" ,;:-–"))
        return first_a, stop, True
    last_b = first_b
    for _a, b in inside[1:]:
        if b - first_a > max_chars:
            break
        last_b = b
    return first_a, last_b, False


_OPENING = "[({“‘«"


def _sentences(text: str) -> list[tuple[int, int]]:
    """:func:`sentence_spans`, with an opening bracket or quote that the sentencizer left
    at a sentence's end (``… ouder. [`` before ``PERSOON-25] daarna``) moved to the next.

    >>> text = "Ze worden ouder. [PERSOON-2] daarna niet."
    >>> [text[a:b] for a, b in _sentences(text)]
    ['Ze worden ouder.', '[PERSOON-2] daarna niet.']
    """
    spans = [list(span) for span in sentence_spans(text)]
    for i, span in enumerate(spans[:-1]):
        while span[1] > span[0] and text[span[1] - 1] in _OPENING:
            span[1] -= 1
            spans[i + 1][0] = min(spans[i + 1][0], span[1])
        span[1] = span[0] + len(text[span[0] : span[1]].rstrip())
    return [(a, b) for a, b in spans if b > a]


def _pseudonymized(store: ProjectStore) -> bool:
    docs = store.documents()
    texts = docs[docs["kind"] != "survey"]
    return bool(len(texts)) and bool(texts["pseudonymized_at"].notna().all())


def _candidates(
    store: ProjectStore, code: str | None, topic: int | None, lessons: bool
) -> pd.DataFrame:
    """The spans cards may show: ``kind, project_id, wave, role, doc_id, segment_id,
    start_char, end_char, source``, one per span, in document order."""
    cols = ["kind", "project_id", "wave", "role", "doc_id", "segment_id", "start_char",
            "end_char", "source"]  # fmt: skip
    if code is not None:
        frame = store.codings(code=code, with_metadata=True)
        frame = frame.assign(kind="coding", source=code)
    elif lessons:
        frame = store.lessons()
        frame = frame[frame["status"] != "rejected"].assign(kind="lesson", source=frame["type"])
    else:
        segments = store.segments(with_metadata=True)
        segments = segments[segments["kind"] != "survey"]
        if topic is not None:
            assigned = store.topic_assignments()
            assigned = assigned[assigned["topic"].astype(int) == int(topic)]
            labels = dict(zip(assigned["segment_id"], assigned["label"], strict=False))
            frame = segments[segments["segment_id"].isin(set(assigned["segment_id"]))]
            frame = frame.assign(kind="topic", source=frame["segment_id"].map(labels))
        else:
            frame = segments[evidence_mask(segments).to_numpy()]
            words = frame["text"].str.count(r"\w+")
            frame = frame[words >= MIN_WORDS].assign(kind="segment", source="")
    if frame.empty:
        return pd.DataFrame(columns=cols)
    frame = frame.assign(
        project_id=frame["project_id"].fillna("").astype(str),
        wave=frame["wave"].fillna("").astype(str),
        role=frame["role"].fillna("").astype(str),
        source=frame["source"].fillna("").astype(str),
        segment_id=frame["segment_id"].fillna("").astype(str),
    )
    frame = frame.drop_duplicates(["doc_id", "start_char", "end_char"])
    return frame.sort_values(["doc_id", "start_char", "end_char"])[cols].reset_index(drop=True)


def _order(candidates: pd.DataFrame, balanced_by: Sequence[str], seed: int) -> list[int]:
    """Row positions in drawing order: the groups of ``balanced_by`` in turn (round
    robin), each group shuffled with ``seed``."""
    rng = np.random.default_rng(seed)
    if not balanced_by:
        return [int(i) for i in rng.permutation(len(candidates))]
    keys = [_BALANCE_COLUMNS[b] for b in balanced_by]
    groups = [
        [int(i) for i in rng.permutation(np.asarray(index))]
        for _, index in sorted(candidates.groupby(keys, sort=True).indices.items())
    ]
    order: list[int] = []
    while any(groups):
        for group in groups:
            if group:
                order.append(group.pop(0))
    return order


def _coded_codes_hint(store: ProjectStore, code: str) -> str:
    """A hint naming the codes that have codings, the closest to ``code`` first."""
    import difflib

    coded = sorted({str(c) for c in store.codings()["code"]})
    if not coded:
        return "this store has no codings yet: run sokwal code (or code by hand) first"
    close = difflib.get_close_matches(code, coded, n=1, cutoff=0.6)
    shown = ", ".join(coded[:12]) + (f" and {len(coded) - 12} more" if len(coded) > 12 else "")
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f"{guess}the codes with codings in this store: {shown}"


def card_set(
    store: StoreLike,
    *,
    code: str | None = None,
    topic: int | None = None,
    lessons: bool = False,
    sample: int | None = None,
    balanced_by: Sequence[str] | str | None = ("project", "wave"),
    seed: int = 0,
    max_chars: int = 350,
    allow_original_text: bool = False,
) -> CardSet:
    """A reproducible card set of quotes, topic segments or lessons.

    Parameters
    ----------
    store : ProjectStore or path
        A pseudonymized project store.
    code, topic, lessons :
        What the cards show (at most one): the codings of a code, the segments of a
        topic of the last topic model, the lessons (not rejected). None of them: the
        respondents' turns and report paragraphs of at least ``MIN_WORDS`` words.
    sample : int, optional
        Draw this many cards, balanced over ``balanced_by`` (in turn from each group);
        without it, every candidate becomes a card (in the same balanced order).
    balanced_by : names of ``project``, ``wave``, ``role``, ``kind``, or a
        comma-separated string of them; empty for a plain random draw.
    seed : int
        The same store, options and seed give the same cards and ``set_id``.
    max_chars : int
        A card's text is at most this long, cut at sentence boundaries.
    allow_original_text : bool
        Make cards from a store that is not pseudonymized (a warning on every card);
        otherwise such a store is refused.

    Returns
    -------
    CardSet

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "P01_2018_interview.txt").write_text(
    ...     "I: Wat heeft u geleerd?\\nR: Dat samenwerken met de buren veel tijd kost. "
    ...     "Maar het loont wel, zeker op de lange termijn.\\n", encoding="utf-8")
    >>> with ProjectStore(folder / "s.sokwal") as store:
    ...     _ = ingest(store, folder)
    ...     cards = card_set(store, sample=5, allow_original_text=True)
    >>> cards.cards[["card_id", "project_id", "wave", "role"]].to_dict("records")
    [{'card_id': 'K01', 'project_id': 'P01', 'wave': '2018', 'role': 'respondent'}]
    >>> cards.cards.loc[0, "text"]
    'Dat samenwerken met de buren veel tijd kost. Maar het loont wel, zeker op de lange termijn.'
    >>> cards.warnings[0][:40]
    'the store is not pseudonymized: the card'
    """
    chosen = [x for x in (code is not None, topic is not None, lessons) if x]
    if len(chosen) > 1:
        raise DesignlabError(None, "choose one of code, topic and lessons, not several")
    if sample is not None and sample < 1:
        raise DesignlabError(None, f"sample must be 1 or more, not {sample}")
    if max_chars < 40:
        raise DesignlabError(None, f"max_chars must be 40 or more, not {max_chars}")
    if isinstance(balanced_by, str):
        balanced_by = [b.strip() for b in balanced_by.split(",") if b.strip()]
    balanced = list(balanced_by or [])
    unknown = [b for b in balanced if b not in _BALANCE_COLUMNS]
    if unknown:
        raise DesignlabError(
            None, f"cannot balance by {', '.join(unknown)}", "use project, wave, role or kind"
        )
    if not isinstance(store, ProjectStore):
        if not Path(store).exists():
            raise DesignlabError(store, "no such project store", "check the path")
        with open_store(store, create=False) as opened:
            return card_set(
                opened, code=code, topic=topic, lessons=lessons, sample=sample,
                balanced_by=balanced, seed=seed, max_chars=max_chars,
                allow_original_text=allow_original_text,
            )  # fmt: skip

    warnings: list[str] = []
    pseudonymized = _pseudonymized(store)
    if not pseudonymized:
        if not allow_original_text:
            raise DesignlabError(
                store.path,
                "not pseudonymized: the cards would show names and other personal data",
                "run sokwal pseudonymize first (or allow the original text for a private try)",
            )
        warnings.append(
            "the store is not pseudonymized: the cards show the original text; do not use"
            " them in a session"
        )
    candidates = _candidates(store, code, topic, lessons)
    if candidates.empty:
        what = (
            f"no codings of code {code!r}" if code is not None
            else f"no segments of topic {topic}" if topic is not None
            else "no lessons" if lessons
            else "no segments with text"
        )  # fmt: skip
        hint = _coded_codes_hint(store, code) if code is not None else None
        raise DesignlabError(store.path, f"nothing to put on cards: {what}", hint)

    texts: dict[str, str] = {}
    sentences: dict[str, list[tuple[int, int]]] = {}
    segments: pd.DataFrame | None = None
    taken: dict[str, list[tuple[int, int]]] = {}
    rows: list[dict[str, Any]] = []
    want = sample if sample is not None else len(candidates)
    for i in _order(candidates, balanced, seed):
        if len(rows) >= want:
            break
        cand = candidates.iloc[i]
        doc_id = str(cand["doc_id"])
        if doc_id not in texts:
            texts[doc_id] = store.text(doc_id)
        text = texts[doc_id]
        # sentences within the segment(s) the span lies in
        if segments is None:
            segments = store.segments(doc_id=list(candidates["doc_id"].unique()))
        lo, hi = _segment_bounds(segments, doc_id, int(cand["start_char"]), int(cand["end_char"]))
        key = f"{doc_id}:{lo}:{hi}"
        if key not in sentences:
            sentences[key] = [(lo + a, lo + b) for a, b in _sentences(text[lo:hi])]
        start, end, cut = cut_sentences(
            sentences[key], text, int(cand["start_char"]), int(cand["end_char"]), max_chars
        )
        if end <= start or any(a < end and start < b for a, b in taken.get(doc_id, [])):
            continue  # empty, or overlaps a card already drawn
        taken.setdefault(doc_id, []).append((start, end))
        card_text = text[start:end]
        rows.append(
            {
                "kind": cand["kind"],
                "project_id": cand["project_id"],
                "wave": cand["wave"],
                "role": cand["role"],
                "doc_id": doc_id,
                "segment_id": cand["segment_id"],
                "start_char": start,
                "end_char": end,
                "text": card_text,
                "sha256": text_sha256(card_text),
                "source": cand["source"],
                "cut": cut,
            }
        )
    if sample is not None and len(rows) < sample:
        warnings.append(f"only {len(rows)} cards could be drawn, not {sample}")
    width = 2 if len(rows) < 100 else 3
    cards = pd.DataFrame(rows)
    cards.insert(0, "card_id", [f"K{n:0{width}d}" for n in range(1, len(rows) + 1)])
    cards = cards[CARD_COLUMNS]
    for col in ("start_char", "end_char"):
        cards[col] = cards[col].astype("int64")
    cards["cut"] = cards["cut"].astype(bool)
    selection = {
        "code": code,
        "topic": None if topic is None else int(topic),
        "lessons": bool(lessons),
        "sample": sample,
        "balanced_by": balanced,
        "max_chars": max_chars,
    }
    return CardSet(
        cards=cards,
        set_id=card_set_id(cards),
        seed=seed,
        selection=selection,
        pseudonymized=pseudonymized,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        warnings=warnings,
    )


def _segment_bounds(segments: pd.DataFrame, doc_id: str, start: int, end: int) -> tuple[int, int]:
    """The extent of the segment holding ``start`` (through the one holding ``end``);
    the span itself when no segment holds it."""
    mine = segments[segments["doc_id"] == doc_id]
    holding = mine[(mine["start_char"] <= start) & (mine["end_char"] > start)]
    if holding.empty:
        return start, end
    lo = int(holding["start_char"].iloc[0])
    last = mine[(mine["start_char"] < max(end, start + 1)) & (mine["end_char"] >= end)]
    hi = int(last["end_char"].iloc[0]) if len(last) else int(holding["end_char"].iloc[0])
    return lo, max(hi, int(holding["end_char"].iloc[0]))
