"""Write ``src/sokwal_monitor/nlp/data/nl_lemmas_ud.tsv``: each word form's most
frequent lemma in the learning half of the UD Dutch development sets (the documents
that :func:`sokwal_monitor.nlp.ud.split_by_document` does not hold out), kept only
where the other tables give another lemma.

    .venv/bin/python scripts/build_ud_lemmas.py [--ud ../shared/ud-dutch]

The held-out half is never read for this table: ``bench/lemmas.py`` and
``tests/test_nlp.py`` measure accuracy on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sokwal_monitor.nlp.lemma_table import UD_FILE, build_lemma_table, lemmatize_form
from sokwal_monitor.nlp.ud import learn_lemmas, read_conllu, split_by_document

ROOT = Path(__file__).resolve().parents[1]
TREEBANKS = ("nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu")
HEADER = """\
# Word forms and their most frequent lemma in the learning half (documents split by
# sokwal_monitor.nlp.ud.split_by_document) of the Universal Dependencies Dutch
# development sets UD_Dutch-Alpino and UD_Dutch-LassySmall, where spaCy's tables give
# another lemma. Licence: CC BY-SA 4.0 (see LICENSE-UD.txt beside this file).
# Bouma, G. & van Noord, G. (2017), Increasing return on annotation investment: the
# automatic construction of a Universal Dependency treebank for Dutch, UD workshop;
# van Noord et al. (2013), Large Scale Syntactic Annotation of Written Dutch: Lassy.
# Built by scripts/build_ud_lemmas.py; one form (lower case) TAB its lemma a line.
"""


def learned_table(ud: Path) -> dict[str, str]:
    """The learned forms that the table without them lemmatizes otherwise."""
    learn = [s for name in TREEBANKS for s in split_by_document(read_conllu(ud / name))[0]]
    learned = learn_lemmas(learn)
    base = build_lemma_table(learned={})
    return {f: lemma for f, lemma in learned.items() if lemmatize_form(base, f) != lemma}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "ud-dutch")
    args = parser.parse_args(argv)
    table = learned_table(args.ud)
    out = ROOT / "src" / "sokwal_monitor" / "nlp" / "data" / UD_FILE
    out.write_text(HEADER + "".join(f"{f}\t{lemma}\n" for f, lemma in table.items()), "utf-8")
    print(f"{len(table)} forms -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
