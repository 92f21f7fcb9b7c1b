"""Benchmark: pseudonymization recall, must-stay kept and precision on data/sample and
on both parts of the evaluation set, and throughput next to plain deduce.

Prints one JSON object with a block per corpus (``sample``, ``eval_dev``,
``eval_heldout``):

- ``recall``: the share of gold personal-data strings that no longer occur in their
  document after pseudonymization (whitespace normalised, so a name broken over two
  lines counts; whole words in the evaluation set); target >= 0.99;
- ``recall_by_occurrence`` (evaluation set): the same, counting a gold string that also
  occurs where it is no personal data (an age "84" and a house number 84) as missed only
  as often as it is left beyond those other occurrences (which are assumed to stay): the
  gold files hold strings, not positions, so this is an estimate, never below ``recall``;
- ``kept`` (evaluation set): the share of gold must-stay strings (places, instruments,
  scholars, organisations, programmes, event dates) that occur as often after as
  before; target >= 0.95;
- ``precision``: the share of replacements whose original text overlaps a gold
  personal-data string of that document;
- ``missed`` / ``lost``: the gold strings still in the text / must-stay strings gone;
  ``personal_by_category``, ``keep_by_category``, ``missed_by_category`` and
  ``lost_by_category``: the gold strings and the misses counted per category. For the
  held-out part (E184-E207 and E214-E237, written for round 10 apart from the rules
  without example phrasings; E01-E183 and E208-E213 are dev: E90-E109 retired in round
  7, E130-E151 in round 8, E152-E175 in round 10) only
  counts are printed, never the missed, lost or falsely replaced strings
  themselves, unless ``--show-heldout``: a held-out part whose misses have been seen
  retires to dev;
- ``gold_strings_in_raw_store_files``: gold strings (ages and other bare numbers of
  under five characters left out: they occur as bytes anywhere) found in the bytes of
  the store file, its ``-wal`` and ``-shm``; target: none (the key file holds them);
- the privacy report's review list as the researcher's safety net, computed from the
  pseudonymized store with ``privacy_report`` (its ``review.csv``: the list ``sokwal
  privacy-report`` shows, made by ``suspects``): ``review_caught``, of the missed gold
  strings (as ``missed`` counts them), those with at least one remaining occurrence
  (whole word, never inside a pseudonym) that overlaps an item of the list;
  ``recall_after_review``: (found + caught) / personal; ``review_items``: the list's
  length (one row per occurrence, in every source the report reads: texts, survey
  answers, metadata, memos, paths), ``review_items_distinct`` (kind and text, as the
  report's page shows each once) and ``review_items_per_1000_words`` (words of the
  original texts); ``review_precision``: the share of items that overlap a remaining
  occurrence of a gold personal string of their document (an estimate: a gold "84" also
  matches a house number 84); ``review_not_caught`` and
  ``review_not_caught_by_category``: the missed strings the list does not show, the
  strings themselves only where ``missed`` is shown (dev, or ``--show-heldout``; the
  ``sample`` block has the figures without these two);

and a ``throughput`` block: ``words_per_s`` of a whole ``pseudonymize`` run
(detection, linking, offsets, store and key-file writes, the encrypted key file's
Argon2id key derivation, rewriting the store file) and of plain
``Deduce().deidentify`` over exactly the same texts, and their ratio (target >= 1.0).
The corpus is large enough for the fixed per-run costs to weigh as they do in a project
(``--words``, default 200,000): variants of the sample's and the evaluation set's texts,
each copy with other names and other digits (seeded, so every run builds the same
corpus and every copy has its own content hash), ingested into one store. Each round
copies that store, pseudonymizes the copy (a new encrypted key file) and runs plain
deduce over the texts, the two alternating, ``--repeat`` rounds; the best time of each
counts. Both run in this process after deduce is loaded, each from a heap without the
other's garbage and each until its own garbage is freed (``timed``): deduce's tokens
are reference cycles that only Python's cyclic collector frees, a second or more per
full collection, and timed as they were, one side paid for the garbage of the other
(``closing_garbage_collection_s``: how much of each best time was that last freeing).
Besides wall-clock seconds it reports each side's CPU seconds and their ratio
(``cpu_throughput_ratio``; only when the run stays in one process, below
``PARALLEL_MIN_CHARS``): on a machine shared with other work, the wall-clock times of
one run of this bench can differ threefold from the next, its CPU times hardly.

    .venv/bin/python bench/pseudonymize.py [--part dev|heldout|sample ...] [--words N]
    .venv/bin/python bench/pseudonymize.py --part heldout --show-heldout  # retires it
    .venv/bin/python bench/pseudonymize.py --profile prof.out   # cProfile one run
    .venv/bin/python bench/pseudonymize.py --docs E01-E06,E4*  # a subset, counts only

``--docs`` reports on a subset of the evaluation set's documents instead (no sample, no
throughput): comma-separated items, each a range of ids (``E130-E141``, both ends
included), an id prefix (``E13*``: E13 and E130-E139) or one id (``E05``, also written
``E5``), over both parts (or those named with ``--part``). Only the selected documents
are ingested and pseudonymized, in one store, as a project holding just them would be,
and one block ``eval_docs`` is printed: the ids, how many came from each part, recall,
kept, precision and the per-category counts and misses, as counts only (even for dev
documents) unless ``--show-heldout``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.privacy import PASSPHRASE_ENV, KeyFile, privacy_report, pseudonymize
from sokwal_monitor.privacy.detect import PARALLEL_MIN_CHARS, deduce_instance

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "data" / "sample_gold" / "personal_data.csv"
EVAL = ROOT / "tests" / "data" / "privacy_eval"
#: The bench's own stores get an encrypted key file, as a project's would.
PASSPHRASE = "bench passphrase, not a secret"
_FIRST = (
    "Aaltje Berend Cato Dirk Eefje Frits Grietje Hendrik Ineke Jacob Klaasje Lambert "
    "Marten Nynke Otto Pietje Reinder Sientje Teun Wubbe Yvonne Zwaan Hillegonda Evert"
).split()
_LAST = (
    "Ebbens Nijhof Wolbers Hesselink Klein Gunnewiek Oosterveld Spekschoor Tuinstra "
    "Wiegman Brinkhuis Lansink Meijerink Pasman Rouwenhorst Scholten Veldkamp Wanrooij "
    "Zweers Dekker Hamstra Koopman"
).split()


_PSEUDONYM = re.compile(r"\[[A-Z]+-\d+\]")


def norm(text: str) -> str:
    return " ".join(text.split())


def occurrences(needle: str, text: str) -> int:
    """Whole-word occurrences of ``needle`` in ``text`` (both whitespace-normalised)."""
    return len(re.findall(rf"(?<!\w){re.escape(norm(needle))}(?!\w)", text))


def missed_occurrences(personal: list[dict[str, str]], before: str, after: str) -> int:
    """Gold personal strings of one document still in its text, counted by occurrence:
    a string marked ``g`` times that occurs ``b`` times before and ``a`` times after
    pseudonymization has ``b - g`` occurrences that are no personal data (a house number
    "84" beside an age "84"), which are assumed to stay; so at most ``a - (b - g)`` of its
    marks are missed. ``recall`` counts every mark as missed while the string occurs at
    all, the stricter figure.

    >>> gold = [{"text": "84", "category": "leeftijd"}]
    >>> before, after = "ze is 84, huisnummer 84", "ze is [LEEFTIJD-1], huisnummer 84"
    >>> missed_occurrences(gold, before, after), missed_occurrences(gold, before, before)
    (0, 1)
    >>> missed_occurrences(gold * 2, "84 84 84", "84 84 84")
    2
    """
    marks: dict[str, int] = defaultdict(int)
    for entry in personal:
        marks[norm(entry["text"])] += 1
    missed = 0
    for text, g in marks.items():
        a, b = occurrences(text, after), occurrences(text, before)
        missed += min(g, max(0, a - max(0, b - g)))
    return missed


def raw_store_bytes(store_path: Path) -> bytes:
    files = [store_path.with_name(store_path.name + end) for end in ("", "-wal", "-shm")]
    return b"".join(p.read_bytes() for p in files if p.exists())


def in_bytes(needle: str, raw: bytes) -> bool:
    """``needle`` in the bytes; one of under four characters ("Jo") only as a whole word
    (it occurs inside other words: "De Jong Gierveld")."""
    if len(needle) >= 4:
        # a number is not part of a longer one: "11 mei" is not in "persoon 911 meid"
        before = rb"(?<![0-9])" if needle[0].isdigit() else b""
        after = rb"(?![0-9])" if needle[-1].isdigit() else b""
        return re.search(before + re.escape(needle.encode()) + after, raw) is not None
    edge = rb"A-Za-z0-9\x80-\xff"
    pattern = rb"(?<![" + edge + rb"])" + re.escape(needle.encode()) + rb"(?![" + edge + rb"])"
    return re.search(pattern, raw) is not None


def leaks(strings: list[dict[str, str]], raw: bytes) -> list[str]:
    """Gold strings in the store's bytes (short bare numbers left out)."""
    return sorted(
        {
            g["text"]
            for g in strings
            if not (len(g["text"]) < 5 and re.fullmatch(r"[\d' ]+", g["text"]))
            and in_bytes(g["text"], raw)
        }
    )


def evaluate_sample(store_path: Path, key_path: Path) -> dict:
    with GOLD.open(encoding="utf-8") as fh:
        gold = list(csv.DictReader(fh))
    by_path: dict[str, list[str]] = defaultdict(list)
    for row in gold:
        by_path[row["path"]].append(norm(row["text"]))
    missed = []
    missed_rows: dict[str, list[str]] = defaultdict(list)
    with ProjectStore(store_path) as store, KeyFile(key_path) as key:
        docs = store.documents().set_index("path")
        for row in gold:
            text = norm(store.text(docs.loc[row["path"], "doc_id"]))
            if row["text"] and norm(row["text"]) in text:
                missed.append(f"{row['path']}: {row['text']} ({row['category']})")
                missed_rows[row["path"]].append(row["text"])
        items, n_items, n_distinct = review_items(
            store, store_path.with_name(store_path.name + "-privacy-report")
        )
        n_caught = n_items_on_gold = n_words = 0
        for path, doc in docs.iterrows():
            stored = store.text(doc["doc_id"])
            original_row = key.original(doc["doc_id"])
            n_words += len((original_row[0] if original_row else stored).split())
            caught, on_gold = review_overlap(
                stored, by_path.get(path, []), missed_rows.get(path, []),
                items.get(doc["doc_id"], []),
            )  # fmt: skip
            n_items_on_gold += on_gold
            n_caught += sum(norm(m) in caught for m in missed_rows.get(path, []))
        correct = total = 0
        for path, doc in docs.iterrows():
            original = key.original(doc["doc_id"])
            if original is None:
                continue
            for edit in key.replacements(doc["doc_id"]):
                span = norm(original[0][edit.start : edit.end])
                total += 1
                correct += any(span in g or g in span for g in by_path.get(path, []))
    raw = raw_store_bytes(store_path)
    # ages ("85 jaar") also occur as survey value labels; every other category is unique
    leaked = sorted(
        {r["text"] for r in gold if r["category"] != "leeftijd" and r["text"].encode() in raw}
    )
    return {
        "gold_strings": len(gold),
        "recall": round(1 - len(missed) / len(gold), 4),
        "replacements": total,
        "precision": round(correct / total, 4) if total else None,
        "missed": missed,
        "gold_strings_in_raw_store_files": leaked,
        "review_caught": n_caught,
        "recall_after_review": round(1 - (len(missed) - n_caught) / len(gold), 4),
        "review_items": n_items,
        "review_items_distinct": n_distinct,
        "review_items_per_1000_words": round(1000 * n_items / n_words, 2) if n_words else None,
        "review_precision": round(n_items_on_gold / n_items, 4) if n_items else None,
    }


def load_eval_gold(part: str) -> dict[str, dict[str, Any]]:
    """File name -> its gold file (``personal``, ``keep``) for one part of the set."""
    out = {}
    for path in sorted((EVAL / part / "gold").glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[gold["document"]] = gold
    return out


def evaluate_eval(part: str, store_path: Path, key_path: Path, show_strings: bool = False) -> dict:
    """Recall, must-stay kept, precision and leaks of one pseudonymized part; for the
    held-out part only counts, unless ``show_strings``."""
    return evaluate_golds(
        load_eval_gold(part), store_path, key_path, part != "heldout" or show_strings
    )


def evaluate_golds(
    golds: dict[str, dict[str, Any]], store_path: Path, key_path: Path, show_strings: bool
) -> dict:
    """Recall, must-stay kept, precision, leaks and per-category counts of a pseudonymized
    store holding exactly the documents of ``golds`` (file name -> gold file); the lists
    of strings become counts unless ``show_strings``."""
    missed, lost = [], []
    n_personal = n_keep = correct = total = n_missed_occurrences = n_words = 0
    false_hits: list[str] = []
    not_caught: list[str] = []
    n_caught = n_items_on_gold = 0
    with ProjectStore(store_path) as store, KeyFile(key_path) as key:
        docs = store.documents()
        # the review list exactly as `sokwal privacy-report` writes it (review.csv)
        items, n_items, n_distinct = review_items(
            store, store_path.with_name(store_path.name + "-privacy-report")
        )
        for row in docs.itertuples():
            gold = golds[Path(row.path).name]
            original_row = key.original(row.doc_id)
            original = original_row[0] if original_row else store.text(row.doc_id)
            n_words += len(original.split())
            # pseudonyms out: "[PERSOON-71]" holds no gold "71"
            after = norm(_PSEUDONYM.sub(" ", store.text(row.doc_id)))
            before = norm(original)
            doc_missed = []
            for entry in gold["personal"]:
                n_personal += 1
                if occurrences(entry["text"], after):
                    missed.append(f"{row.path}: {entry['text']} ({entry['category']})")
                    doc_missed.append(entry)
            caught, on_gold = review_overlap(
                store.text(row.doc_id),
                [e["text"] for e in gold["personal"]],
                [e["text"] for e in doc_missed],
                items.get(row.doc_id, []),
            )
            n_items_on_gold += on_gold
            for entry in doc_missed:
                if norm(entry["text"]) in caught:
                    n_caught += 1
                else:
                    not_caught.append(f"{row.path}: {entry['text']} ({entry['category']})")
            n_missed_occurrences += missed_occurrences(gold["personal"], before, after)
            for entry in gold["keep"]:
                n_keep += 1
                if occurrences(entry["text"], after) < occurrences(entry["text"], before):
                    lost.append(f"{row.path}: {entry['text']} ({entry['category']})")
            personal = [norm(g["text"]) for g in gold["personal"]]
            for edit in key.replacements(row.doc_id) if original_row else []:
                span = norm(original[edit.start : edit.end])
                total += 1
                if any(span in g or g in span for g in personal):
                    correct += 1
                else:
                    false_hits.append(f"{row.path}: {span} -> {edit.new}")
    raw = raw_store_bytes(store_path)
    leaked = leaks([g for gold in golds.values() for g in gold["personal"]], raw)
    figures = {
        "documents": len(golds),
        "personal_strings": n_personal,
        "recall": round(1 - len(missed) / n_personal, 4) if n_personal else None,
        "recall_by_occurrence": (
            round(1 - n_missed_occurrences / n_personal, 4) if n_personal else None
        ),
        "keep_strings": n_keep,
        "kept": round(1 - len(lost) / n_keep, 4) if n_keep else None,
        "replacements": total,
        "precision": round(correct / total, 4) if total else None,
        "missed": missed,
        "lost": lost,
        "false_hits": false_hits,
        "gold_strings_in_raw_store_files": leaked,
        "personal_by_category": by_category(g for gold in golds.values() for g in gold["personal"]),
        "keep_by_category": by_category(g for gold in golds.values() for g in gold["keep"]),
        "missed_by_category": by_category(m.rsplit(" (", 1)[1].rstrip(")") for m in missed),
        "lost_by_category": by_category(m.rsplit(" (", 1)[1].rstrip(")") for m in lost),
        # the privacy report's review list as the safety net for what the rules missed
        "review_caught": n_caught,
        "recall_after_review": (
            round((n_personal - len(missed) + n_caught) / n_personal, 4) if n_personal else None
        ),
        "review_items": n_items,
        "review_items_distinct": n_distinct,
        "review_items_per_1000_words": round(1000 * n_items / n_words, 2) if n_words else None,
        "review_precision": round(n_items_on_gold / n_items, 4) if n_items else None,
        "review_not_caught": not_caught,
        "review_not_caught_by_category": by_category(
            m.rsplit(" (", 1)[1].rstrip(")") for m in not_caught
        ),
    }
    if not show_strings:
        # a held-out part stays held-out only while nobody has seen what the rules miss
        for name in (
            "missed", "lost", "false_hits", "gold_strings_in_raw_store_files",
            "review_not_caught",
        ):  # fmt: skip
            figures[name] = len(figures[name])  # type: ignore[arg-type]
    return figures


def review_items(
    store: ProjectStore, out: Path
) -> tuple[dict[str, list[tuple[int, int]]], int, int]:
    """The review list of ``privacy_report`` (its ``review.csv``, written into ``out``):
    doc_id -> the ``(start, end)`` of each item in that document's stored text, the
    number of items (rows: every source, texts, survey answers, metadata, paths) and of
    distinct items (kind and text, as the report's page shows them)."""
    privacy_report(store, out)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with (out / "review.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for item in rows:
        if item["bron"] == "tekst":
            start = int(item["positie"])
            spans[item["doc_id"]].append((start, start + len(item["tekst"])))
    distinct = {(item["soort"], item["tekst"]) for item in rows}
    return dict(spans), len(rows), len(distinct)


def review_overlap(
    text: str, personal: list[str], missed: list[str], items: list[tuple[int, int]]
) -> tuple[set[str], int]:
    """Of a document's stored (pseudonymized) ``text``: the ``missed`` gold strings
    (whitespace-normalised) with at least one remaining occurrence that overlaps a review
    item, and how many of the ``items`` overlap an occurrence of any gold ``personal``
    string. Occurrences are whole-word, whitespace-flexible and never inside a
    pseudonym, as ``occurrences`` counts them.

    >>> text = "Ik sprak met Wuppie en zijn buurman jantje. [PERSOON-7] belde."
    >>> review_overlap(text, ["Wuppie", "jantje", "7"], ["Wuppie", "jantje"], [(13, 19)])
    ({'Wuppie'}, 1)
    """
    # pseudonyms blanked, positions kept: "[PERSOON-7]" holds no gold "7"
    blank = _PSEUDONYM.sub(lambda m: " " * len(m.group()), text)

    def spans(needle: str) -> list[tuple[int, int]]:
        words = norm(needle).split()
        if not words:
            return []
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
        return [(m.start(), m.end()) for m in re.finditer(pattern, blank)]

    def overlaps(span: tuple[int, int]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in items)

    caught = {norm(g) for g in missed if any(map(overlaps, spans(g)))}
    gold_spans = [span for g in set(personal) for span in spans(g)]
    on_gold = sum(any(s < e2 and s2 < e for s2, e2 in gold_spans) for s, e in items)
    return caught, on_gold


_ID = re.compile(r"([A-Za-z]+)(\d+)")


def document_id(name: str) -> tuple[str, int] | None:
    """The id a document's file name starts with, as letters and number.

    >>> document_id("E130_2024_groepsgesprek.srt"), document_id("notes.txt")
    (('E', 130), None)
    """
    found = _ID.match(name)
    return (found.group(1).upper(), int(found.group(2))) if found else None


def selection(spec: str) -> Any:
    """A test on file names from a ``--docs`` value: comma-separated ranges
    (``E130-E141``), id prefixes (``E13*``, matched against the id as the file name
    writes it: ``E0*`` is E01-E09) and ids (``E05`` or ``E5``); ``ValueError`` on an
    item that is none of these.

    >>> picks = selection("E01-E03,E13*")
    >>> [picks(n) for n in ("E02_a.txt", "E04_b.txt", "E13_c.srt", "E137_d.txt")]
    [True, False, True, True]
    """
    ranges: list[tuple[str, int, int]] = []  # letters, first, last (ids are single ranges)
    prefixes: list[str] = []
    for item in (part.strip() for part in spec.split(",")):
        if ranged := re.fullmatch(r"([A-Za-z]+)(\d+)\s*-\s*([A-Za-z]+)?(\d+)", item):
            letters, low, end_letters, high = ranged.groups()
            if end_letters and end_letters.upper() != letters.upper():
                raise ValueError(f"{item!r}: a range runs within one letter (E130-E141)")
            if int(low) > int(high):
                raise ValueError(f"{item!r}: the range runs backwards")
            ranges.append((letters.upper(), int(low), int(high)))
        elif prefix := re.fullmatch(r"([A-Za-z]+\d*)\*", item):
            prefixes.append(prefix.group(1).upper())
        elif one := re.fullmatch(r"([A-Za-z]+)(\d+)", item):
            ranges.append((one.group(1).upper(), int(one.group(2)), int(one.group(2))))
        else:
            raise ValueError(
                f"{item!r} is not a range (E130-E141), an id prefix (E13*) or an id (E05)"
            )

    def picks(name: str) -> bool:
        found = _ID.match(name)
        if found is None:
            return False
        letters, number = found.group(1).upper(), int(found.group(2))
        return any(a == letters and lo <= number <= hi for a, lo, hi in ranges) or any(
            found.group(0).upper().startswith(p) for p in prefixes
        )

    return picks


def select_documents(spec: str, parts: list[str]) -> dict[str, list[Path]]:
    """Part -> the documents of that part of the evaluation set that ``spec`` selects
    (parts without any left out)."""
    picks = selection(spec)
    chosen = {
        part: [p for p in sorted((EVAL / part / "docs").iterdir()) if picks(p.name)]
        for part in parts
    }
    return {part: docs for part, docs in chosen.items() if docs}


def evaluate_selection(
    workdir: Path, spec: str, parts: list[str], show_strings: bool
) -> dict[str, Any]:
    """The ``eval_docs`` block: the selected documents ingested and pseudonymized in one
    store and scored, counts only unless ``show_strings``."""
    chosen = select_documents(spec, parts)
    if not chosen:
        raise ValueError(f"--docs {spec}: no document of {', '.join(parts)} matches")
    golds = {}
    for part, docs in chosen.items():
        part_golds = load_eval_gold(part)
        golds.update({doc.name: part_golds[doc.name] for doc in docs})
    paths = [doc for docs in chosen.values() for doc in docs]
    store, key, _, _ = pseudonymized(workdir, "selection", paths)
    ids = sorted(
        {found.group(0) for p in paths if (found := _ID.match(p.name))},
        key=lambda x: document_id(x) or ("", 0),
    )
    block: dict[str, Any] = {
        "selection": spec,
        "document_ids": ids,
        "documents_by_part": {part: len(docs) for part, docs in chosen.items()},
    }
    block.update(evaluate_golds(golds, store, key, show_strings))
    return block


def by_category(entries: Any) -> dict[str, int]:
    """Category -> count, of gold entries (``{category, text}``) or of category names."""
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[entry["category"] if isinstance(entry, dict) else entry] += 1
    return dict(sorted(counts.items()))


def pseudonymized(
    workdir: Path, name: str, source: Path | list[Path]
) -> tuple[Path, Path, float, list[str]]:
    """Ingest ``source`` into a fresh store, pseudonymize it; (store, key, seconds, texts)."""
    store = workdir / f"{name}.sokwal"
    key = workdir / f"{name}.sokwal-key"
    report = ingest(store, source, progress=False)
    if report.exit_code:
        raise SystemExit(f"ingest of {source} failed: {report.outcomes}")
    with ProjectStore(store) as s:
        texts = [t for d in s.documents()["doc_id"] if (t := s.text(d))]
    start = time.perf_counter()
    pseudonymize(store, key, progress=False)
    return store, key, time.perf_counter() - start, texts


def _gold_names() -> list[str]:
    """Every person's name of the sample's and the evaluation set's gold, longest first."""
    with GOLD.open(encoding="utf-8") as fh:
        names = {r["text"] for r in csv.DictReader(fh) if r["category"] == "naam"}
    for part in ("dev", "heldout"):
        for gold in load_eval_gold(part).values():
            names |= {g["text"] for g in gold["personal"] if g["category"] == "naam"}
    return sorted((n for n in names if len(n) > 2), key=lambda n: (-len(n), n))


def variant(text: str, copy: int, names: list[str]) -> str:
    """A copy of ``text`` with other names (one new name per name and copy) and other
    digits, drawn from a generator seeded with ``copy``."""
    rng = random.Random(copy)
    new = {n: f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if " " in n else rng.choice(_FIRST)
           for n in names}  # fmt: skip
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    text = pattern.sub(lambda m: new[m.group()], text)
    return re.sub(r"\d", lambda m: str(rng.randrange(10)), text)


def large_corpus(workdir: Path, texts: list[str], words: int) -> Path:
    """Variants of ``texts`` as text files in a folder, ``words`` words or a little more."""
    folder = workdir / "large"
    folder.mkdir()
    names, total, copy = _gold_names(), 0, 0
    while total < words:
        copy += 1
        for j, text in enumerate(texts):
            body = variant(text, copy, names)
            (folder / f"V{copy:03d}_2023_document_{j:02d}.txt").write_text(body, encoding="utf-8")
            total += len(body.split())
    return folder


def throughput(workdir: Path, folder: Path, repeat: int, deduce: Any) -> dict[str, Any]:
    """Best-of-``repeat`` seconds of pseudonymize and of plain deduce on the same texts."""
    base = workdir / "large.sokwal"
    report = ingest(base, folder, progress=False)
    if report.exit_code:
        raise SystemExit(f"ingest of {folder} failed: {report.outcomes}")
    with ProjectStore(base) as s:
        texts = [t for d in s.documents()["doc_id"] if (t := s.text(d))]
    best: dict[str, tuple[float, float, float]] = {}  # the best wall-clock time's
    cpu: dict[str, float] = {}  # the best CPU time
    runs = {
        "pseudonymize": lambda i: pseudonymize(
            workdir / f"round{i}.sokwal", workdir / f"round{i}.sokwal-key", progress=False
        ),
        "plain": lambda i: [deduce.deidentify(text) for text in texts],
    }
    for i in range(repeat):
        shutil.copy(base, workdir / f"round{i}.sokwal")
        for name, run in runs.items():
            seconds = timed(lambda: run(i))  # noqa: B023 (called at once)
            best[name] = min(best.get(name, seconds), seconds)
            cpu[name] = min(cpu.get(name, seconds[1]), seconds[1])
        for path in workdir.glob(f"round{i}.sokwal*"):
            path.unlink()
    words = sum(len(t.split()) for t in texts)
    ours, plain = best["pseudonymize"], best["plain"]
    figures = {
        "documents": len(texts),
        "words": words,
        "pseudonymize_s": round(ours[0], 3),
        "pseudonymize_words_per_s": round(words / ours[0]),
        "plain_deduce_s": round(plain[0], 3),
        "plain_deduce_words_per_s": round(words / plain[0]),
        "throughput_ratio": round(plain[0] / ours[0], 2),
        # of the seconds above: freeing the garbage left at the end (see timed())
        "closing_garbage_collection_s": {"pseudonymize": round(ours[2], 3),
                                         "plain": round(plain[2], 3)},
        "key_file_encrypted": True,
    }  # fmt: skip
    if sum(map(len, texts)) < PARALLEL_MIN_CHARS:  # one process: its CPU time is all
        figures["pseudonymize_cpu_s"] = round(cpu["pseudonymize"], 3)
        figures["plain_deduce_cpu_s"] = round(cpu["plain"], 3)
        figures["cpu_throughput_ratio"] = round(cpu["plain"] / cpu["pseudonymize"], 2)
    return figures


def timed(work: Any) -> tuple[float, float, float]:
    """``(seconds, cpu_seconds, closing_seconds)`` of ``work()`` and of freeing the
    garbage it left; ``closing_seconds``: the latter alone. Garbage of the run before is
    freed first, outside the timing: each side pays for its own garbage, wherever
    Python's collector happens to run. CPU seconds are this process's (other programs
    on a shared machine leave them nearly alone)."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    middle = time.perf_counter()
    gc.collect()
    end = time.perf_counter()
    return end - start, time.process_time() - cpu, end - middle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--words", type=int, default=200_000, help="size of the timed corpus")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one run here")
    parser.add_argument(
        "--part",
        action="append",
        choices=["sample", "dev", "heldout"],
        help="corpora to report on (default: all three)",
    )
    parser.add_argument(
        "--show-heldout",
        action="store_true",
        help="print the held-out part's missed, lost and falsely replaced strings too "
        "(once seen, the part can no longer serve as held-out: move it to dev); with "
        "--docs, the selected documents' strings",
    )
    parser.add_argument(
        "--docs",
        metavar="IDS",
        help="report only on these documents of the evaluation set, counts only: ranges "
        "(E130-E141), id prefixes (E13*) and ids (E05), comma-separated; no throughput",
    )
    args = parser.parse_args(argv)
    if args.docs is not None:
        try:
            selection(args.docs)
        except ValueError as err:
            parser.error(f"--docs: {err}")
    parts = args.part or ["sample", "dev", "heldout"]
    sources = {"sample": SAMPLE, "dev": EVAL / "dev" / "docs", "heldout": EVAL / "heldout" / "docs"}
    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    os.environ[PASSPHRASE_ENV] = PASSPHRASE  # this process's own stores only
    try:
        if args.docs is not None:
            eval_parts = [p for p in parts if p != "sample"] or ["dev", "heldout"]
            if not select_documents(args.docs, eval_parts):
                parser.error(f"--docs {args.docs}: no document of {', '.join(eval_parts)} matches")
            block = evaluate_selection(workdir, args.docs, eval_parts, args.show_heldout)
            print(json.dumps({"eval_docs": block}, indent=1, ensure_ascii=False))
            return 0
        deduce = deduce_instance()  # loading deduce is not part of either timing
        figures: dict[str, Any] = {}
        for part in parts:
            store, key, _, _ = pseudonymized(workdir, part, sources[part])
            if part == "sample":
                figures["sample"] = evaluate_sample(store, key)
            else:
                figures[f"eval_{part}"] = evaluate_eval(part, store, key, args.show_heldout)
        # throughput: variants of every corpus in one store (one run, as a project would)
        _, _, _, texts = pseudonymized(workdir, "all", [sources[p] for p in parts])
        folder = large_corpus(workdir, texts, args.words)
        if args.profile:
            store = workdir / "profiled.sokwal"
            if ingest(store, folder, progress=False).exit_code:
                raise SystemExit(f"ingest of {folder} failed")
            cProfile.runctx(
                "pseudonymize(store, workdir / 'profiled.sokwal-key', progress=False)",
                globals(),
                {"store": store, "workdir": workdir},
                str(args.profile),
            )
        else:
            figures["throughput"] = throughput(workdir, folder, args.repeat, deduce)
        print(json.dumps(figures, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
