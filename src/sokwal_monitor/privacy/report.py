"""The privacy report of a pseudonymized store: what was replaced, what was kept, and
what a person should still look at.

:func:`privacy_report` writes ``privacy-report.html`` (Dutch, one self-contained page:
no scripts, no external requests) and three CSV files into a folder:

- ``replaced.csv``: per document (or survey answer, metadata value, memo, path) and
  category, each pseudonym and how often it stands there; with the key file, also the
  originals it replaced (for the researcher only: do not pass that file on);
- ``kept.csv``: what was deliberately left in the text, with counts: places (deduce's
  lists of Dutch municipalities, residences, regions and provinces) and the entries of
  the allow list (the key file's, the built-in one, the projects file's places);
- ``review.csv``: what might still be personal data, one row per occurrence with its
  document, position and context: number patterns (phone-, BSN- and postcode-like
  numbers, dates that stayed) and capitalised words that do not start a sentence and
  are not Dutch words (spaCy's Dutch lookup tables from ``spacy-lookups-data``), known
  first names and surnames (deduce's lists) first. Sorted so that each distinct
  suspect is looked at once: the most likely personal data first.

>>> import tempfile, pathlib
>>> from sokwal_monitor.store import ProjectStore
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with ProjectStore(folder / "p.sokwal") as store:
...     privacy_report(store, folder / "out")
Traceback (most recent call last):
...
sokwal_monitor.errors.SokwalError: ...p.sokwal: the store holds no documents; ingest files first...
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import NamedTuple

from .._version import __version__
from ..errors import SokwalError
from ..store import ProjectStore, open_store
from .detect import DEFAULT_ALLOW
from .keyfile import KeyFile
from .names import deduce_list, dutch_words, person_names
from .run import PSEUDONYM, _project_places

__all__ = ["PrivacyReport", "Suspect", "privacy_report", "suspects"]

_REPORT = "privacy-report.html"


class Suspect(NamedTuple):
    """Something in a text that might still be personal data: its ``kind``, the text
    found, where (``start``, ``end``) and ``priority`` (1 = look first)."""

    priority: int
    kind: str
    text: str
    start: int
    end: int


@dataclass
class PrivacyReport:
    """The files :func:`privacy_report` wrote and the counts on its page."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    n_replaced: int = 0
    n_kept: int = 0
    n_review: int = 0
    n_review_distinct: int = 0

    def summary(self) -> str:
        """One line for people."""
        return (
            f"{self.n_replaced} replacements, {self.n_kept} kept mentions,"
            f" {self.n_review_distinct} things to review ({self.n_review} places)"
            f" -> {self.folder / _REPORT}"
        )


# -- word lists -------------------------------------------------------------------------
# dutch_words, person_names and deduce_list: the lists detection uses (names.py)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Dutch municipalities, residences, regions and provinces (deduce's lists, lower
    case)."""
    kinds = ("lst_municipality", "lst_residence", "lst_region", "lst_province")
    out: set[str] = set()
    for kind in kinds:
        out |= deduce_list("locations", "lst_placename", kind)
    return frozenset(out)


# -- what might still be personal -------------------------------------------------------
_WORD = re.compile(r"(?<![\w\[-])[A-ZÀ-Ý][\w'’]*(?:-[\w'’]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\n])[\s\"'“”‘’«»(\-–—*•]*$")
_PATTERNS = (
    (1, "BSN-achtig", re.compile(r"(?<![\d\w-])\d{9}(?![\d\w-])")),
    (1, "telefoon-achtig",
     re.compile(r"(?<![\d\w])(?:\+31|0031|0)[\s\-.]?\(?\d\)?(?:[\s\-.]?\d){8}(?![\d\w])")),
    (1, "postcode-achtig", re.compile(r"(?<![\w])[1-9]\d{3}\s?[A-Z]{2}(?!\w)")),
    (2, "datum", re.compile(
        r"(?<![\d\w])(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{1,2}\s+(?:jan(?:uari)?|feb(?:ruari)?|"
        r"maart|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|"
        r"okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{4})(?!\d)", re.IGNORECASE)),
)  # fmt: skip


def _at_sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text, max(0, start - 12), start) is not None or start == 0


def _place_at(words: list[re.Match[str]], i: int, text: str) -> int:
    """How many words from ``words[i]`` on form a known place (0: none), longest first."""
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        phrase = text[words[i].start() : words[i + n - 1].end()] if n > 1 else words[i].group()
        if "\n" not in phrase and " ".join(phrase.split()).casefold() in place_names():
            return n
    return 0


def suspects(text: str, kept: frozenset[str] = frozenset()) -> list[Suspect]:
    """What in ``text`` might still be personal data: number patterns and capitalised
    words that are not at a sentence start, not a Dutch word, not a known place, not a
    pseudonym and not in ``kept`` (lower case).

    >>> [(s.kind, s.text) for s in suspects("Ik sprak met Wuppie. Bel 06-12345678.")]
    [('telefoon-achtig', '06-12345678'), ('onbekend woord', 'Wuppie')]
    """
    found: list[Suspect] = []
    taken: list[tuple[int, int]] = []
    for priority, kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append(Suspect(priority, kind, m.group(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    words = list(_WORD.finditer(text))
    skip_until = -1
    for i, m in enumerate(words):
        if i < skip_until:
            continue
        n = _place_at(words, i, text)
        if n:
            skip_until = i + n
            continue
        word = m.group()
        folded = word.casefold().rstrip("'’")
        if _at_sentence_start(text, m.start()) or folded in kept:
            continue
        if word.isupper() and len(word) <= 6:  # an abbreviation: GGD, WMO
            continue
        parts = folded.split("-")
        if all(p in dutch_words() for p in parts if p) and folded not in person_names():
            continue
        if folded in person_names():
            found.append(Suspect(3, "bekende naam", word, m.start(), m.end()))
        elif not all(p in dutch_words() for p in parts if p):
            found.append(Suspect(4, "onbekend woord", word, m.start(), m.end()))
    return sorted(found, key=lambda s: (s.priority, s.start))


# -- where the texts are ----------------------------------------------------------------
class _Text(NamedTuple):
    source: str  # tekst, enquête, project, document, memo, pad
    doc_id: str
    path: str
    where: str  # the field: a survey variable and row, a metadata column, ...
    text: str


def _texts(store: ProjectStore) -> Iterator[_Text]:
    """Every text and short value of the store, labelled by where it is."""
    docs = store.documents(with_text=True, all_versions=True)
    path_of = dict(zip(docs["doc_id"], docs["path"], strict=True))
    for row in docs.itertuples():
        if isinstance(row.text, str) and row.text:
            yield _Text("tekst", row.doc_id, row.path, "", row.text)
    for doc_id, name, n, value, _ in store.survey_strings():
        yield _Text("enquête", doc_id, path_of.get(doc_id, ""), f"{name} rij {n}", value)
    for project_id, attributes in store.project_attributes():
        for column, value in attributes.items():
            if isinstance(value, str) and value.strip():
                yield _Text("project", "", project_id, str(column), value)
    for doc_id, _, attributes in store.document_attributes():
        for column, value in attributes.items():
            if isinstance(value, str) and value.strip():
                yield _Text("metadata", doc_id, path_of.get(doc_id, ""), str(column), value)
    for memo_id, _, author, text in store.memo_rows():
        yield _Text("memo", "", "", f"memo {memo_id}", text)
        yield _Text("memo", "", "", f"auteur van memo {memo_id}", author)
    for doc_id, path, *_ in store.document_paths():
        yield _Text("pad", doc_id, path, "", path)


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def _count_phrase(phrase: str, texts: list[_Text]) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
    return sum(len(pattern.findall(t.text)) for t in texts)


# -- the report -------------------------------------------------------------------------
def privacy_report(
    store: ProjectStore | str | PathLike[str],
    out: str | PathLike[str],
    key: str | PathLike[str] | None = None,
) -> PrivacyReport:
    """Write the privacy report of a pseudonymized store into the folder ``out``.

    Parameters
    ----------
    store : ProjectStore or path
        A pseudonymized project store (it is only read).
    out : path
        The folder for ``privacy-report.html``, ``replaced.csv``, ``kept.csv`` and
        ``review.csv`` (created when missing).
    key : path, optional
        The key file: then the originals of the pseudonyms are listed too (keep such a
        report with the key file, never with the store).

    Returns
    -------
    PrivacyReport

    Raises
    ------
    SokwalError
        The store is empty or was never pseudonymized, the key file is missing or
        not a key file, or the folder cannot be written.
    """
    if not isinstance(store, ProjectStore) and not Path(store).is_file():
        raise SokwalError(store, "no such project store", "check the --store path")
    the_store = open_store(store, create=False)
    try:
        return _report(the_store, Path(out), Path(key) if key is not None else None)
    finally:
        if the_store is not store:
            the_store.close()


def _report(store: ProjectStore, out: Path, key: Path | None) -> PrivacyReport:
    texts = list(_texts(store))
    if not any(t.source in ("tekst", "enquête") for t in texts):
        raise SokwalError(
            store.path,
            "the store holds no documents",
            "ingest files first (sokwal ingest ... --store ...)",
        )
    runs = store.n_pseudonymizations()
    if not runs:
        raise SokwalError(
            store.path,
            "the store has not been pseudonymized, so everything in it may be personal data",
            "run sokwal pseudonymize --store ... first",
        )
    originals: dict[str, list[str]] = {}
    allowed: list[str] = []
    if key is not None:
        if not key.is_file():
            raise SokwalError(
                key,
                "no such key file",
                "give the *.sokwal-key file of this store, or leave --key out",
            )
        with KeyFile(key) as keyfile:
            for pseudonym, _, text in keyfile.mentions():
                originals.setdefault(pseudonym, []).append(text)
            allowed = keyfile.lists()[0]
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".sokwal-write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as err:
        raise SokwalError(
            out,
            f"the report cannot be written there ({err.strerror or err})",
            "give a folder you can write to with --out",
        ) from err
    report = PrivacyReport(out)

    # what was replaced
    replaced: Counter[tuple[str, str, str, str, str]] = Counter()
    for t in texts:
        for m in PSEUDONYM.finditer(t.text):
            replaced[(t.source, t.path, t.where, m.group(1), m.group())] += 1
    replaced_rows = [
        {"bron": s, "document": p, "veld": w, "categorie": c, "pseudoniem": ps, "aantal": n,
         **({"origineel": " | ".join(originals.get(ps, []))} if key is not None else {})}
        for (s, p, w, c, ps), n in sorted(replaced.items(), key=_replaced_order)
    ]  # fmt: skip
    report.n_replaced = sum(replaced.values())

    # what was kept
    allow_phrases = sorted(
        {a.strip() for a in (*DEFAULT_ALLOW, *_project_places(store), *allowed) if a.strip()},
        key=str.casefold,
    )
    kept_rows = []
    place_counts: Counter[str] = Counter()
    for t in texts:
        if t.source == "pad":
            continue
        words = list(_WORD.finditer(t.text))
        i = 0
        while i < len(words):
            n = _place_at(words, i, t.text)
            if n:
                place_counts[
                    " ".join(t.text[words[i].start() : words[i + n - 1].end()].split())
                ] += 1
                i += n
            else:
                i += 1
    for place, n in sorted(place_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        kept_rows.append({"soort": "plaats", "tekst": place, "aantal": n})
    for phrase in allow_phrases:
        n = _count_phrase(phrase, texts)
        if n:
            kept_rows.append({"soort": "toegestaan (allow-lijst)", "tekst": phrase, "aantal": n})
    report.n_kept = sum(r["aantal"] for r in kept_rows)  # type: ignore[misc]

    # what to review
    kept_words = frozenset(
        w for phrase in allow_phrases for w in re.split(r"[\s,]+", phrase.casefold()) if w
    ) | frozenset(p.casefold() for p in allow_phrases)
    occurrences = []
    for t in texts:
        for s in suspects(t.text, kept_words):
            occurrences.append((s, t))
    totals = Counter((s.kind, s.text) for s, _ in occurrences)
    occurrences.sort(
        key=lambda st: (
            st[0].priority,
            -totals[(st[0].kind, st[0].text)],
            st[0].text.casefold(),
            st[1].path,
            st[0].start,
        )
    )
    review_rows = [
        {"prioriteit": s.priority, "soort": s.kind, "tekst": s.text,
         "aantal_in_corpus": totals[(s.kind, s.text)], "bron": t.source, "document": t.path,
         "doc_id": t.doc_id, "veld": t.where, "positie": s.start,
         "context": _context(t.text, s.start, s.end)}
        for s, t in occurrences
    ]  # fmt: skip
    report.n_review = len(review_rows)
    report.n_review_distinct = len(totals)

    replaced_columns = ["bron", "document", "veld", "categorie", "pseudoniem", "aantal"]
    review_columns = [
        "prioriteit", "soort", "tekst", "aantal_in_corpus", "bron", "document", "doc_id",
        "veld", "positie", "context",
    ]  # fmt: skip
    for name, rows, columns in (
        ("replaced.csv", replaced_rows, replaced_columns + (["origineel"] if key else [])),
        ("kept.csv", kept_rows, ["soort", "tekst", "aantal"]),
        ("review.csv", review_rows, review_columns),
    ):
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        report.files.append(path)
    page = out / _REPORT
    page.write_text(
        _html(store, runs, replaced, kept_rows, review_rows, totals, key is not None),
        encoding="utf-8",
    )
    report.files.insert(0, page)
    return report


def _replaced_order(item: tuple[tuple[str, str, str, str, str], int]) -> tuple:
    (source, path, where, category, pseudonym), _ = item
    return (path, source, where, category, _number(pseudonym))


def _number(pseudonym: str) -> int:
    m = PSEUDONYM.match(pseudonym)
    return int(m.group(2)) if m else 0


# -- the page ---------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;
margin:2rem auto;padding:0 1rem;color:#1d2430;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:2px solid #d5dbe5;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}
th,td{border:1px solid #d5dbe5;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#5a6577}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d5dbe5;border-radius:6px;padding:.6rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.5rem}.p1{background:#fde8e8}.p2{background:#fff4dc}
.p3{background:#eef6ff}mark{background:#ffe08a;padding:0 .1rem}
.warn{border-left:4px solid #c0392b;background:#fdf0ef;padding:.5rem 1rem}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(header: list[str], rows: Iterable[list[str]], numeric: Iterable[int] = ()) -> str:
    nums = set(numeric)
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{cell}</td>' if i in nums else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )  # fmt: skip
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(
    store: ProjectStore,
    runs: int,
    replaced: Counter[tuple[str, str, str, str, str]],
    kept_rows: list[dict],
    review_rows: list[dict],
    totals: Counter[tuple[str, str]],
    with_key: bool,
) -> str:
    per_doc: dict[tuple[str, str], Counter[str]] = {}
    categories: Counter[str] = Counter()
    for (source, path, _, category, _), n in replaced.items():
        per_doc.setdefault((source, path), Counter())[category] += n
        categories[category] += n
    cats = sorted(categories)
    doc_rows = [
        [_e(source), _e(path), *[str(c.get(k, 0) or "") for k in cats], str(sum(c.values()))]
        for (source, path), c in sorted(per_doc.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    ]
    first: dict[tuple[str, str], dict] = {}
    for row in review_rows:
        first.setdefault((row["soort"], row["tekst"]), row)
    review_table = [
        [
            f'<span class="p{min(row["prioriteit"], 3)}">{row["prioriteit"]}</span>',
            _e(row["soort"]), f"<b>{_e(row['tekst'])}</b>", str(row["aantal_in_corpus"]),
            _e(row["document"] or row["bron"]), _e(row["veld"]), str(row["positie"]),
            _highlight(row["context"], row["tekst"]),
        ]
        for row in first.values()
    ]  # fmt: skip
    now = datetime.now().strftime("%d-%m-%Y %H:%M")
    key_note = (
        '<p class="warn">Dit rapport is gemaakt <b>met het sleutelbestand</b>: de kolom'
        " <i>origineel</i> in <code>replaced.csv</code> bevat de oorspronkelijke namen."
        " Bewaar het rapport bij het sleutelbestand en deel het niet.</p>"
        if with_key
        else "<p>Zonder sleutelbestand gemaakt: er staan geen oorspronkelijke namen in.</p>"
    )
    n_review = len(first)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Privacyrapport – {_e(store.path.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Privacyrapport</h1>",
        f'<p class="meta">Projectbestand <code>{_e(store.path.name)}</code> · {runs}'
        f" pseudonimiseringsronde(s) · gemaakt op {now} door sokwal-monitor {_e(__version__)}</p>",
        key_note,
        '<div class="cards">',
        f'<div class="card"><b>{sum(categories.values())}</b>vervangen</div>',
        f'<div class="card"><b>{sum(r["aantal"] for r in kept_rows)}</b>bewust behouden</div>',
        f'<div class="card"><b>{n_review}</b>te controleren</div>',
        "</div>",
        "<h2>Te controleren</h2>",
        "<p>Wat mogelijk nog persoonsgegevens zijn: nummers die op een telefoonnummer, BSN"
        " of postcode lijken, datums die zijn blijven staan, en woorden met een hoofdletter"
        " midden in een zin die geen Nederlands woord of bekende plaats zijn (bekende voor-"
        " en achternamen eerst). Elk geval staat hier één keer, met het aantal keren in het"
        " corpus en de eerste vindplaats; alle vindplaatsen staan in <code>review.csv</code>."
        " Is iets een naam, zet het op de deny-lijst (<code>--deny</code>); is het dat niet,"
        " dan op de allow-lijst (<code>--allow</code>), en pseudonimiseer opnieuw.</p>",
        _table(
            ["prio", "soort", "tekst", "aantal", "document", "veld", "positie", "context"],
            review_table,
            numeric=(3, 6),
        )
        if review_table
        else "<p>Niets gevonden om te controleren.</p>",
        "<h2>Vervangen per categorie en document</h2>",
        _table(["bron", "document", *cats, "totaal"], doc_rows, numeric=range(2, len(cats) + 3))
        if doc_rows
        else "<p>Er is niets vervangen.</p>",
        "<h2>Bewust behouden</h2>",
        "<p>Plaatsen (gemeenten, woonplaatsen, regio's en provincies) zijn geen"
        " persoonsgegevens zolang ze geen adres zijn; woorden op de allow-lijst ook niet.</p>",
        _table(
            ["soort", "tekst", "aantal"],
            ([_e(r["soort"]), _e(r["tekst"]), str(r["aantal"])] for r in kept_rows),
            numeric=(2,),
        )
        if kept_rows
        else "<p>Niets.</p>",
        "<h2>Bestanden</h2><ul>",
        "<li><code>replaced.csv</code>: vervangingen per document, categorie en pseudoniem</li>",
        "<li><code>kept.csv</code>: behouden plaatsen en allow-lijst, met aantallen</li>",
        "<li><code>review.csv</code>: alle vindplaatsen van wat te controleren is</li>",
        "</ul></body></html>",
    ]
    return "\n".join(parts)


def _highlight(context: str, text: str) -> str:
    """The context, escaped, with the suspect marked."""
    escaped, target = _e(context), _e(text)
    return escaped.replace(target, f"<mark>{target}</mark>", 1)
