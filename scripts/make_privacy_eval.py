"""Regenerate the pseudonymization evaluation set in ``tests/data/privacy_eval/``.

Every document is written by hand as a UTF-8 source in
``scripts/privacy_eval_src/<part>/<file name>.txt`` (``<part>`` is ``dev`` or
``heldout``). In the sources, personal data is marked ``[[category:text]]`` and what
must stay in the text (places, instruments, scholars, organisations, programmes, event
dates) ``{{category:text}}``. The script writes, per part,

* the document itself without marks to ``tests/data/privacy_eval/<part>/docs/``
  (``.txt``, ``.vtt`` and ``.srt`` as text; ``.docx`` with python-docx, a line starting
  with ``#`` a heading; ``.pdf`` with fpdf2, core fonts);
* its gold file ``tests/data/privacy_eval/<part>/gold/<file name>.yaml``: ``personal``
  and ``keep``, each a list of ``{category, text}``.

Then it reads every written document back with the project's readers and checks that
each gold string occurs in the text the store would hold, and that every gold file and
text document is what its source yields (a gold file edited by hand would be undone by
the next regeneration: mark the change in the source instead). Output is reproducible
(fixed dates in the file properties).

The **dev** part is what detection rules may be built and tuned on; the **heldout**
part is written before tuning and only used for the reported figures
(``bench/pseudonymize.py``, ``tests/test_privacy_eval.py``). Once a held-out part's
misses have been looked at it can no longer serve as held-out: it joins dev, and a new
held-out part is written before the next change of rules. E01-E183 and E208-E213 are dev
(E11-E16, E21-E27, E31-E40 with E50-E53 and E60-E79 were held-out parts once; E41-E49
were written for issue 14's third round in styles the set lacked, each batch measured
before rules were built from it; E80-E89 were written for the fifth round and scored
before rules were built from them; E90-E109, the fifth held-out part, written for
round 6 apart from the rules, joined dev in round 7 once its misses were seen;
E130-E141 and E142-E151, written without example phrasings by engineers who read
neither the rules nor E90-E109, were the held-out part of rounds 6 and 7 and joined
dev in round 8 after their last score; E152-E163 and E164-E175, written the same way,
were the held-out part of rounds 8 and 9 and joined dev in round 10 after their last
score). The held-out part for round 10 is E184-E207 and E214-E237; E176-E178 and
E208-E213 are dev documents written by round 10's rule engineers before they read the
rules, E180-E183 were written for round 9's rules on organisations and venues
(E110-E129 and E179 are reserved for dev documents).
``scripts/privacy_eval_src/README.md`` says who wrote which part when. All people,
addresses, phone numbers, e-mail addresses and other numbers are fictional; places,
instruments, scholars, organisations and programmes are real.

Usage::

    .venv/bin/python scripts/make_privacy_eval.py           # write the set
    .venv/bin/python scripts/make_privacy_eval.py --check   # only verify what is there
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "privacy_eval_src"
TARGET = ROOT / "tests" / "data" / "privacy_eval"
PARTS = ("dev", "heldout")
FIXED_TIME = dt.datetime(2024, 1, 15, 12, 0, 0, tzinfo=dt.UTC)
MARK = re.compile(
    r"\[\[(?P<pcat>[a-z]+):(?P<ptext>.+?)\]\]|\{\{(?P<kcat>[a-z]+):(?P<ktext>.+?)\}\}"
)


def parse(source: str) -> tuple[str, list[dict[str, str]], list[dict[str, str]]]:
    """The text without marks, its personal-data strings and its must-stay strings.

    >>> parse("Ik ben [[naam:Jan Smit]] uit {{dorp:Markelo}}.")
    ('Ik ben Jan Smit uit Markelo.', [{'category': 'naam', 'text': 'Jan Smit'}], \
[{'category': 'dorp', 'text': 'Markelo'}])
    """
    personal: list[dict[str, str]] = []
    keep: list[dict[str, str]] = []

    def unmark(m: re.Match[str]) -> str:
        if m.group("pcat"):
            entry, into = {"category": m.group("pcat"), "text": m.group("ptext")}, personal
        else:
            entry, into = {"category": m.group("kcat"), "text": m.group("ktext")}, keep
        if entry not in into:
            into.append(entry)
        return entry["text"]

    return MARK.sub(unmark, source), personal, keep


def write_docx(text: str, path: Path) -> None:
    """One paragraph per non-empty line; ``# `` and ``## `` lines are headings."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "sokwal-monitor"
    props.title, props.comments, props.revision = "", "", 1
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    for line in text.splitlines():
        if not line.strip():
            continue
        if heading := re.match(r"^(#+)\s+(.*)$", line):
            document.add_heading(heading.group(2), level=len(heading.group(1)))
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    # the same bytes every time: fixed times for the zip members
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 15, 12, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(member, src.read(item.filename))


def write_pdf(text: str, path: Path) -> None:
    """A4 pages with a text layer (core fonts, cp1252), one paragraph per line."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_creator("sokwal-monitor make_privacy_eval.py")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in text.splitlines():
        if not line.strip():
            continue
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 5.6, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.output(str(path))


def write(part: str) -> list[Path]:
    """Write one part's documents and gold files; returns the documents."""
    docs_dir, gold_dir = TARGET / part / "docs", TARGET / part / "gold"
    docs_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted((SOURCES / part).glob("*.txt")):
        name = source.name.removesuffix(".txt")
        text, personal, keep = parse(source.read_text(encoding="utf-8"))
        out = docs_dir / name
        if out.suffix == ".docx":
            write_docx(text, out)
        elif out.suffix == ".pdf":
            write_pdf(text, out)
        else:
            out.write_text(text, encoding="utf-8")
        (gold_dir / f"{name}.yaml").write_text(
            gold_text(name, part, personal, keep), encoding="utf-8"
        )
        written.append(out)
    return written


def gold_text(
    name: str, part: str, personal: list[dict[str, str]], keep: list[dict[str, str]]
) -> str:
    """The YAML of a gold file, as ``write`` writes it."""
    gold = {"document": name, "part": part, "personal": personal, "keep": keep}
    return yaml.safe_dump(gold, allow_unicode=True, sort_keys=False)


def stale(part: str) -> list[str]:
    """Problems: a gold file or text document that differs from what its source yields
    (edited by hand: the next regeneration would silently undo the edit), a source whose
    gold file is missing, and a gold file without a source. Reads no document, so it is
    cheap enough for the test suite.

    >>> stale("no-such-part")
    []
    """
    problems = []
    gold_dir, docs_dir = TARGET / part / "gold", TARGET / part / "docs"
    names = set()
    for source in sorted((SOURCES / part).glob("*.txt")):
        name = source.name.removesuffix(".txt")
        names.add(name)
        text, personal, keep = parse(source.read_text(encoding="utf-8"))
        gold_path = gold_dir / f"{name}.yaml"
        if not gold_path.exists():
            problems.append(f"{source.name}: no gold file {gold_path.name}; regenerate")
        elif gold_path.read_text(encoding="utf-8") != gold_text(name, part, personal, keep):
            problems.append(
                f"{gold_path.name}: differs from its source {source.name} (edited by hand?): "
                "mark the change in the source and regenerate"
            )
        doc = docs_dir / name
        if doc.suffix in {".txt", ".vtt", ".srt"} and (
            not doc.exists() or doc.read_text(encoding="utf-8") != text
        ):
            problems.append(f"{name}: differs from its source {source.name}; regenerate")
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        if gold_path.name.removesuffix(".yaml") not in names:
            problems.append(f"{gold_path.name}: no source in {SOURCES / part}")
    return problems


def check(part: str) -> list[str]:
    """Problems: a gold string that the stored text of its document does not hold as a
    whole word (the bench and the tests count whole-word occurrences: "95" in "haar 95e"
    would never count as missed)."""
    from sokwal_monitor.ingestion import read_document

    problems = []
    for gold_path in sorted((TARGET / part / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        doc = TARGET / part / "docs" / gold["document"]
        text = " ".join(read_document(doc).text.split())
        for entry in gold["personal"] + gold["keep"]:
            needle = re.escape(" ".join(entry["text"].split()))
            if not re.search(rf"(?<!\w){needle}(?!\w)", text):
                problems.append(
                    f"{doc.name}: {entry['text']!r} is not a whole word in the read text"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write (unless ``--check``) and verify both parts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify the written set")
    args = parser.parse_args(argv)
    if not args.check:
        for part in PARTS:
            print(f"{part}: {len(write(part))} documents")
    problems = [p for part in PARTS for p in stale(part) + check(part)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
