"""The faster ways pseudonymization works give exactly what the plain ways gave.

Speed itself is measured by ``bench/pseudonymize.py`` (never by a timed test); these
tests hold the shortcuts to the results of the straightforward code they replace:
deduce's own processors, one alternation of all name forms, a scan of the pseudonym
table for each new number.
"""

from __future__ import annotations

import gc
import importlib
import random
import re
from pathlib import Path

import pytest
from docdeid.str import LowercaseString

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.privacy.deduce_load import _UNUSED_PROCESSORS
from sokwal_monitor.privacy.detect import deduce_instance, deduce_pipeline, detect
from sokwal_monitor.privacy.entities import DocHits, Pseudonyms, _form_regex, _FormRegex
from sokwal_monitor.privacy.lists import Hit
from sokwal_monitor.privacy.names import _word_hits, same_names

run_module = importlib.import_module("sokwal_monitor.privacy.run")
_Names = run_module._Names

TEXTS = [
    "",
    "   \n\t ",
    "Mevrouw Jansen woont op de Kerkstraat 12 in Rijssen, naast dhr. P. de Vries.",
    "I: Waar woont u?\nR: Aan de Dorpsweg 3a, vlak bij het Marktplein. Bel 06-12345678.\n",
    "Kerkstraat\nDorpsweg Hoofdstraat Stationsstraat Lindelaan Kalverstraat Oudegracht",
    "De heer Bakker (87 jaar) kwam uit Alphen-Chaam; Jan-Willem ter Horst ook.",
    "postbus 1234, 7461 AB Rijssen. jan@example.nl, www.example.nl/jan, 1 februari 1951",
    "Émile Zoë Ångström uit Wrocław sprak met Łukasz Żurek aan de Ölstraat.",
    "\ufeffbinnen\u00a0de\u200bKerkstraat\r\nwoont\x00 Piet\ud800?".encode(
        "utf-8", "surrogatepass"
    ).decode("utf-8", "replace"),
    "straat straatweg STRAAT Straat Kerkstraat-Noord Kerkstraat's Dorpsweg.",
    "Op de oudeKerkstraat 5, de KERKstraat 7 en de Kerkstraat2 9; Laan 3, Dorpsweg 1.",
    "Aan de Qwertystraat 5, de oudeQwertyweg 7 en het Zxcvbplein 2a woont niemand.",
]


def _annotations(doc: object) -> list[tuple[int, int, str, str, int]]:
    return sorted(
        (a.start_char, a.end_char, a.tag, a.text, a.priority)
        for a in doc.annotations  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("text", TEXTS)
def test_the_pipeline_annotates_as_deduce_with_the_unused_steps_switched_off(text: str) -> None:
    plain = deduce_instance().deidentify(text, disabled=set(_UNUSED_PROCESSORS))
    assert _annotations(deduce_pipeline().deidentify(text)) == _annotations(plain)


def test_the_pipeline_finds_street_names_and_leaves_deduce_as_shipped() -> None:
    # streets on no list of deduce's: found by its street-name pattern alone
    text = "Zij woont aan de Qwertystraat 12 en hij op de Zxcvbweg 3."
    doc = deduce_pipeline().deidentify(text)
    assert {a.text for a in doc.annotations} >= {"Qwertystraat 12", "Zxcvbweg 3"}
    # deduce itself still has every step: its own dates, institutions and redactor
    names = deduce_instance().processors.get_names()
    assert {"dates", "institutions", "redactor", "street_pattern"} <= set(names)
    assert deduce_instance().deidentify(text).deidentified_text is not None
    assert getattr(doc, "deidentified_text", None) is None  # no redacted text made


FORMS = [
    "jan de vries", "de vries", "jan", "anja", "bakker", "anja de boer", "de boer",
    "ter horst", "jan-willem ter horst", "émile", "zoë ångström", "van der berg",
    "van den berg", "el amrani", "o'neill", "'t hooft", "piet",
]  # fmt: skip


def _random_text(rng: random.Random, n: int) -> str:
    pieces = [
        "Jan", "de Vries", "De Vries", "Jan de Vries", "Jan  de\nVries", "[Jan]", "-Jan",
        "Jan-", "jan", "Anja de Boer", "De Boer", "Ter Horst", "Jan-Willem ter Horst",
        "Émile", "Zoë Ångström", "Van der Berg", "Van den Berg", "El Amrani", "O'Neill",
        "'T Hooft", "'t Hooft", "Piet", "Pieter", "xJan", "Jan2", "Bakker", "Bakkers",
        " ", " ", "\n", ", ", ". ", "(", ")", "_", "é", "[", "]", "-",
    ]  # fmt: skip
    return "".join(rng.choice(pieces) for _ in range(n))


@pytest.mark.parametrize("seed", range(30))
def test_name_forms_match_as_one_alternation_would(seed: int) -> None:
    rng = random.Random(seed)
    forms = rng.sample(FORMS, rng.randint(1, len(FORMS)))
    regex = _form_regex(forms)
    assert isinstance(regex, _FormRegex)
    for _ in range(5):
        text = _random_text(rng, rng.randint(0, 60))
        fast = [(m.span(), m.group()) for m in regex.finditer(text)]
        plain = [(m.span(), m.group()) for m in regex.regex.finditer(text)]
        assert fast == plain, (forms, text)


@pytest.mark.parametrize(
    "forms", [["'t hooft", "jan"], ["d'ancona", "de vries"], ["'s gravenhage", "o'neill"]]
)
def test_a_form_starting_with_a_sign_is_tried_where_it_can_start(forms: list[str]) -> None:
    """A form opening with an apostrophe ("'t Hooft") no longer sends every document
    through the single alternation (a second per 200,000 words)."""
    regex = _form_regex(forms)
    assert regex is not None and regex.by_first is not None
    text = "Jan en 't Hooft en 'T Hooft, D'Ancona, d'Ancona, de Vries, ''t Hooft, O'Neill"
    text += " 's Gravenhage x't Hooft"
    assert [m.span() for m in regex.finditer(text)] == [
        m.span() for m in regex.regex.finditer(text)
    ]


def test_an_unusual_pattern_falls_back_to_the_single_alternation() -> None:
    regex = _FormRegex([r"(?:Jan)", "Piet"])
    assert regex.by_first is None
    text = "Jan en Piet, xJan"
    assert [m.group() for m in regex.finditer(text)] == ["Jan", "Piet"]


def test_no_forms_no_pattern() -> None:
    assert _form_regex([]) is None


def test_new_numbers_follow_the_highest_of_their_category() -> None:
    table = Pseudonyms()
    table.numbers.update({("PERSOON", "a"): 7, ("PERSOON", "b"): 2, ("TELEFOON", "x"): 3})
    assert table.pseudonym("PERSOON", "a") == "[PERSOON-7]"
    assert table.pseudonym("PERSOON", "c") == "[PERSOON-8]"
    assert table.pseudonym("TELEFOON", "y") == "[TELEFOON-4]"
    assert table.pseudonym("EMAIL", "e") == "[EMAIL-1]"
    table.numbers[("PERSOON", "z")] = 20  # filled from outside (a key file): counted anew
    assert table.pseudonym("PERSOON", "d") == "[PERSOON-21]"
    assert table.pseudonym("PERSOON", "c") == "[PERSOON-8]"


def test_linking_in_many_documents_numbers_in_order_of_appearance() -> None:
    docs = []
    for i in range(40):
        text = f"Jan de Vries {i} en Piet Bakker. De Vries belde Bakker; Jan ook."
        hits = [Hit(0, 12, "PERSOON", "Jan de Vries")]
        at = text.index("Piet Bakker")
        hits.append(Hit(at, at + 11, "PERSOON", "Piet Bakker"))
        docs.append(DocHits(f"d{i:02d}", "P01", text, hits))
    edits = Pseudonyms().assign(docs)
    for doc in docs:
        new = {doc.text[e.start : e.end]: e.new for e in edits[doc.doc_id]}
        assert new == {
            "Jan de Vries": "[PERSOON-1]",
            "Piet Bakker": "[PERSOON-2]",
            "De Vries": "[PERSOON-1]",
            "Bakker": "[PERSOON-2]",
            "Jan": "[PERSOON-1]",
        }


def test_labels_repeated_in_a_document_are_replaced_alike() -> None:
    names = run_module._Names([("Jan de Vries", "[PERSOON-1]"), ("Anja", "[PERSOON-2]")])
    own = names.for_document([("Anja", "[PERSOON-9]")])
    labels = ["Jan de Vries", "Anja", "", "Interviewer", "Jan de Vries", "Anja (zus)"] * 3
    assert [own(v) for v in labels] == [
        "[PERSOON-1]", "[PERSOON-9]", "", "Interviewer", "[PERSOON-1]", "[PERSOON-9] (zus)",
    ] * 3  # fmt: skip
    assert names("Anja") == "[PERSOON-2]"  # another document: its own table
    assert own(None) is None and own(3) is None


@pytest.mark.parametrize("text", TEXTS[2:6])
def test_detection_leaves_no_reference_cycles(text: str) -> None:
    """A deduce document's tokens are cycles; detect() cuts them (the hits are kept)."""
    detect(text)  # lists, patterns and caches made once, outside the count
    gc.collect()
    gc.disable()
    try:
        hits = detect(text)
        assert gc.collect() == 0
        doc = deduce_pipeline().deidentify(text)  # left linked: the collector is needed
        del doc
        assert gc.collect() > 0
    finally:
        gc.enable()
    assert hits == detect(text)


def _token_rows(tokens: object) -> list[tuple[str, int, int, int | None, int | None]]:
    rows = []
    for t in tokens:  # type: ignore[attr-defined]
        before, after = t.previous(), t.next()
        rows.append((t.text, t.start_char, t.end_char, before and before.start_char,
                     after and after.start_char))  # fmt: skip
    return rows


def _random_words(rng: random.Random, n: int) -> str:
    pieces = [
        "van", "der", "Van", "Der", "van der", "van  der", "van\nder", "de", "den", "ter",
        "in 't", "'t", "v.d.", "dhr.", "Mevr.", "Jan", "Kerkstraat", "12", "1.5", "-", ".",
        " ", "    ", "\t", "\n", "\r\n", "é", "e\u0301", "ß", "\u200b", "\x00", "😀", "_",
    ]  # fmt: skip
    return "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(n))


@pytest.mark.parametrize("seed", range(25))
def test_the_fast_tokenizer_gives_deduces_tokens(seed: int) -> None:
    from deduce import Deduce

    from sokwal_monitor.privacy.deduce_cache import _lookup_root
    from sokwal_monitor.privacy.deduce_tokens import FastTokenizer, unlink

    deduces = Deduce._initialize_tokenizer(_lookup_root())
    fast = deduce_pipeline().tokenizers["default"]
    assert isinstance(fast, FastTokenizer)
    rng = random.Random(seed)
    texts = TEXTS if seed == 0 else [_random_words(rng, rng.randint(0, 80)) for _ in range(10)]
    for text in texts:
        ours, theirs = fast.tokenize(text), deduces.tokenize(text)
        assert _token_rows(ours) == _token_rows(theirs), text
        assert [t.text for t in fast._split_text(text)] == [t.text for t in theirs]
        assert list(ours) == list(theirs)  # equal as docdeid compares tokens
        for pipeline in ([], [LowercaseString()]):
            assert ours.get_words(pipeline) == theirs.get_words(pipeline)
            words = set(list(ours.get_words(pipeline))[:3])
            assert ours.token_lookup(words, pipeline) == theirs.token_lookup(words, pipeline)
        unlink(ours)
        assert all(t.next() is None for t in ours)  # no cycles left: freed as dropped
        gc.collect()
        gc.disable()
        try:
            del ours
            assert gc.collect() == 0
        finally:
            gc.enable()


def _random_names(rng: random.Random, n: int) -> str:
    pieces = [
        "dhr.", "mevr.", "Mw.", "dr.", "J.", "A.B.", "Jan", "Anja", "de", "van", "der", "Van",
        "ter", "Vries", "Boer", "Bakker", "Kerkstraat", "Dorpsweg", "12", "3a", "B", "Holten",
        "Zorg", "Parkinson", "ziekte", "van Parkinson", "Gemeente", "ABC", "Piet-Jan", "-",
        ".", ",", "\n", "postbus 12", "7461 AB", "jaar", "85", "van den", "Berg", "Jansen",
    ]  # fmt: skip
    return " ".join(rng.choice(pieces) for _ in range(n))


@pytest.mark.parametrize("seed", range(40))
def test_the_fast_token_patterns_annotate_as_deduce(seed: int) -> None:
    """Names, initials, prefixes, interfixes, streets and numbers in random orders: the
    compiled token patterns and context patterns annotate as deduce's own."""
    rng = random.Random(seed)
    for _ in range(5):
        text = _random_names(rng, rng.randint(1, 40))
        plain = deduce_instance().deidentify(text, disabled=set(_UNUSED_PROCESSORS))
        assert _annotations(deduce_pipeline().deidentify(text)) == _annotations(plain), text


def _pattern_positions(group: object) -> list[tuple[object, dict]]:
    """``(annotator, position)`` for every position of every token and context pattern
    of the pipeline (the ``and`` and ``or`` positions and their parts)."""
    from deduce.annotator import ContextAnnotator, TokenPatternAnnotator
    from docdeid.process import DocProcessorGroup

    out: list[tuple[object, dict]] = []

    def positions(annotator: object, position: object) -> None:
        if isinstance(position, dict):
            out.append((annotator, position))
            for value in position.values():
                if isinstance(value, list):
                    for part in value:
                        positions(annotator, part)

    for processor in group._processors.values():  # type: ignore[attr-defined]
        if isinstance(processor, DocProcessorGroup):
            out += _pattern_positions(processor)
        elif isinstance(processor, ContextAnnotator):
            for context in processor.pattern:
                for position in context["pattern"]:
                    positions(processor, position)
        elif isinstance(processor, TokenPatternAnnotator):
            for position in processor.pattern:
                positions(processor, position)
    return out


@pytest.mark.parametrize("seed", range(8))
def test_each_compiled_pattern_position_judges_a_token_as_deduce_does(seed: int) -> None:
    """Every position of the pipeline's patterns (look-ups with their lower-casing,
    ``like_name``, ``and``, ``or`` ...) compiled by ``_compile`` says of random and odd
    tokens (capitals, digits, superscripts, "ß", a dotted capital I) what deduce says."""
    from deduce.annotator import _PatternPositionMatcher
    from docdeid.tokenizer import Token

    from sokwal_monitor.privacy.deduce_tokens import _compile

    rng = random.Random(seed)
    words = [
        "jan", "Jan", "JAN", "de", "De", "van", "Van", "der", "Vries", "VRIES", "dhr", "Dhr",
        "mevr", "J", "AB", "ABCDE", "Kerkstraat", "12", "3a", "Piet2", "Ab²", "Straße",
        "STRASSE", "İlse", "ilse", "Ölçer", "-", ".", "\n", "van der", "Van Der", "Anja",
        "Bakker", "bakker", "Ali", "Mohamed", "Ziekte", "parkinson", "Twee", "ß",
    ]  # fmt: skip
    positions = _pattern_positions(deduce_pipeline().processors)
    assert any("lookup" in p for _, p in positions) and any("and" in p for _, p in positions)
    compiled = 0
    for annotator, position in positions:
        ds = getattr(annotator, "ds", None)
        judge = _compile(position, ds)
        if judge is None:
            continue
        compiled += 1
        for _ in range(30):
            word = rng.choice(words)
            if rng.random() < 0.3:
                word = word.swapcase() if rng.random() < 0.5 else word + rng.choice(words)
            token = Token(word, 0, len(word))
            expected = _PatternPositionMatcher.match(pattern_position=position, token=token, ds=ds)
            assert bool(judge(token)) == bool(expected), (position, word)
    assert compiled


def _same_names_plain(text: str, words: set[str]) -> list[tuple[int, int, str]]:
    """What ``same_names`` did before: one alternation of the words, compiled anew."""
    pattern = re.compile(
        r"(?<![\w\-@.])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        + r")(?![\w\-@])"
    )  # fmt: skip
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


_PIECES = ["Truus", "truus", "Tesfay", "Ana", "Anabel", "de", "Vries", "Jan", "Jan-Piet",
           "D'Souza", "Ørsted", "Zoë", "ßen", "x", "7", "_", " ", "  ", "\n", "-", "@", ".",
           "'", "’", ",", "é", "Truus2", "Gebre-Medhin", "Medhin"]  # fmt: skip


@pytest.mark.parametrize("seed", range(60))
def test_name_words_are_found_as_one_alternation_of_them_found_them(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 300)))
    names = [n for n in _PIECES if len(n) > 2 and n[0].isalpha()]
    if seed % 2:  # word characters only: the fast way
        names = [n for n in names if re.fullmatch(r"\w+", n)]
    words = set(rng.sample(names, rng.randrange(1, 6)))
    found = [(h.start, h.end, h.text) for h in _word_hits(text, words)]
    assert found == _same_names_plain(text, words), (words, text)
    assert all(h[2] in words for h in found)


def test_same_names_finds_a_name_again_but_not_inside_other_words() -> None:
    text = "Aanwezig: Tesfay Gebremedhin. Later zei Tesfay, niet Tesfay-Jan of tesfay@x.nl."
    found = same_names(text, [Hit(10, 28, "PERSOON", "Tesfay Gebremedhin")])
    assert [(h.start, h.text) for h in found] == [(10, "Tesfay"), (17, "Gebremedhin"),
                                                  (40, "Tesfay")]  # fmt: skip
    assert _word_hits(text, set()) == []


def test_a_segment_whose_text_stayed_keeps_its_lemmas_and_leaves_the_index_once(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(
        "Mevrouw Jansen woont in Rijssen.\n\nWe hebben geleerd: kinderen/ouders!\n", "utf-8"
    )
    store_path = tmp_path / "s.sokwal"
    assert ingest(store_path, tmp_path / "a.txt", progress=False).exit_code == 0
    with ProjectStore(store_path) as store:
        doc = str(store.documents()["doc_id"].iloc[0])
        rows = store._con.execute(
            "SELECT position, lemmas FROM search_segments ORDER BY position"
        ).fetchall()
        spans = store._con.execute(
            "SELECT start_char, end_char, speaker, section, doc_id, position FROM segments"
            " ORDER BY position"
        ).fetchall()
        with store.transaction():
            store.update_pseudonymized_document(doc, store.text(doc), None, {})
            assert doc in store._held_index  # its entries held until its spans are set
            store.update_segment_spans(spans)
            assert store._held_index == {}
        assert store._removed_lemmas == {}
        again = store._con.execute(
            "SELECT position, lemmas FROM search_segments ORDER BY position"
        ).fetchall()
        assert again == rows
        store.check_search_index()
        hits = store._con.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH 'lemmas : kind'"
        ).fetchone()[0]
        assert hits == 1


_SEGMENT_WORDS = "de buurt Jansen kinderen woont geleerd Rijssen koffie Piet ouders zorg".split()


def _index_rows(store: ProjectStore) -> list[list[tuple]]:
    """Every row of the search index's tables and of its content (what a full run of
    ``bench/pseudonymize_hash.py`` hashes of them)."""
    con = store._con
    return [
        con.execute("SELECT * FROM search_segments ORDER BY id").fetchall(),
        con.execute("SELECT * FROM search_documents ORDER BY doc_id").fetchall(),
        con.execute("SELECT rowid, text, lemmas FROM search_index ORDER BY rowid").fetchall(),
        [  # what the index itself finds, word by word (not only its content table)
            con.execute(
                "SELECT group_concat(rowid) FROM search_index WHERE search_index MATCH ?",
                (f'text : "{w}"',),
            ).fetchone()
            for w in [*_SEGMENT_WORDS, "persoon"]
        ],
    ]


def _pseudonymize_by_hand(store: ProjectStore, rng: random.Random, held: bool) -> None:
    """Replace random words of every document as a run does (new text, then new spans);
    ``held=False``: the documents leave the index first, as they did before the entries
    were held (every segment taken out and added back)."""
    from sokwal_monitor.privacy.offsets import OffsetMap, Replacement, apply

    with store.transaction():
        for doc in store.documents()["doc_id"]:
            text = store.text(doc)
            edits = [
                Replacement(m.start(), m.end(), "[PERSOON-1]")
                for m in re.finditer(r"\w+", text)
                if rng.random() < 0.08
            ]
            forward = OffsetMap(edits)
            if not held:
                store.unindex_documents([doc])
            store.update_pseudonymized_document(doc, apply(text, edits), None, {})
            store.update_segment_spans(
                [(*forward.span(s, e), "", section, doc, p)
                 for p, s, e, section in store.segment_sections(doc)]
            )  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
def test_held_index_entries_give_the_index_a_full_reindex_gives(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(rng.randint(1, 5)):
        paragraphs = [
            " ".join(rng.choice(_SEGMENT_WORDS) for _ in range(rng.randint(1, 12)))
            for _ in range(rng.randint(1, 8))
        ]
        if rng.random() < 0.3:
            paragraphs[0] = paragraphs[-1]  # the same text in two segments
        (folder / f"d{rng.randint(0, 99)}_{i}.txt").write_text("\n\n".join(paragraphs), "utf-8")
    base = tmp_path / "base.sokwal"
    assert ingest(base, folder, progress=False).exit_code == 0
    results = []
    for held in (True, False):
        copy = tmp_path / f"{held}.sokwal"
        copy.write_bytes(base.read_bytes())
        with ProjectStore(copy) as store:
            _pseudonymize_by_hand(store, random.Random(seed), held)
            store.check_search_index()
            assert store._held_index == {} or not held
            results.append(_index_rows(store))
    assert results[0] == results[1]


def test_a_document_whose_order_key_would_change_is_indexed_anew(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Piet woont in de buurt.\n\nKoffie met Jansen.", "utf-8")
    store_path = tmp_path / "s.sokwal"
    assert (
        ingest(store_path, [tmp_path / "a.txt", tmp_path / "b.txt"], progress=False).exit_code == 0
    )
    with ProjectStore(store_path) as store:
        docs = list(store.documents()["doc_id"])
        with store.transaction():  # keys no longer evenly spaced: not the key it would get
            store._con.execute("UPDATE search_documents SET sort_key = sort_key + 1")
            store._con.execute("UPDATE search_segments SET id = id + (1 << 24)")
            store._con.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
        _pseudonymize_by_hand(store, random.Random(1), held=True)
        store.check_search_index()
        assert store._held_index == {}
        keys = [k for (k,) in store._con.execute("SELECT sort_key FROM search_documents")]
        assert len(keys) == len(docs) and all(k % (1 << 24) == 0 for k in keys)


def test_held_entries_are_forgotten_when_the_block_is_rolled_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Piet woont in de buurt.\n\nKoffie met Jansen.", "utf-8")
    store_path = tmp_path / "s.sokwal"
    assert ingest(store_path, tmp_path / "a.txt", progress=False).exit_code == 0
    with ProjectStore(store_path) as store:
        doc = str(store.documents()["doc_id"].iloc[0])
        before = _index_rows(store)
        with pytest.raises(RuntimeError), store.transaction():
            store.update_pseudonymized_document(doc, "X" * len(store.text(doc)), None, {})
            assert doc in store._held_index
            raise RuntimeError("cut off")
        assert store._held_index == {}
        assert _index_rows(store) == before
        store.index_documents([doc])  # taken out with the values it has now
        store.check_search_index()
        assert _index_rows(store) == before


def _context_annotators(group: object) -> list[object]:
    from deduce.annotator import ContextAnnotator
    from docdeid.process import DocProcessorGroup

    found: list[object] = []
    for processor in group._processors.values():  # type: ignore[attr-defined]
        if isinstance(processor, DocProcessorGroup):
            found += _context_annotators(processor)
        elif isinstance(processor, ContextAnnotator):
            found.append(processor)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "dhr. J.A. van der Berg en mevr. A.B. de Vries-Bakker, Jan Piet de Boer.",
        "Jan de Vries de Boer van Bakker ter Horst, J. J. J. Jansen. Piet-Jan van",
        "mevr. . , de van der dhr. J. . Vries ter",
        "",
    ],
)
def test_the_context_patterns_run_fast_and_annotate_as_deduce(text: str) -> None:
    """The pipeline's context annotators (names extended left and right, again and
    again) apply their patterns as :func:`fast_apply_context_pattern`: deduce's result."""
    from sokwal_monitor.privacy.deduce_tokens import fast_apply_context_pattern

    annotators = _context_annotators(deduce_pipeline().processors)
    assert annotators
    for annotator in annotators:
        bound = annotator.__dict__["_apply_context_pattern"]
        assert bound.__func__ is fast_apply_context_pattern
    plain = deduce_instance().deidentify(text, disabled=set(_UNUSED_PROCESSORS))
    assert _annotations(deduce_pipeline().deidentify(text)) == _annotations(plain)


@pytest.mark.parametrize("seed", range(30))
def test_overlap_is_resolved_as_docdeid_resolves_it(seed: int) -> None:
    """Random overlapping, nested, empty and repeated annotations, with deduce's two
    sort orders (its post-processing's and its person-name converter's): the same
    annotations as docdeid's ``OverlapResolver``, in the pipeline as well."""
    from docdeid import Annotation, AnnotationSet
    from docdeid.process import OverlapResolver
    from frozendict import frozendict

    from sokwal_monitor.privacy.deduce_tokens import fast_resolve_overlap

    rng = random.Random(seed)
    text = "".join(rng.choice("ab -.") for _ in range(60))
    tags = ["persoon", "voornaam_patient", "pseudo_naam", "locatie", "leeftijd", "url"]
    annotations = AnnotationSet()
    for _ in range(rng.randrange(1, 25)):
        start = rng.randrange(0, 60)
        end = min(60, start + rng.randrange(0, 15))
        annotations.add(
            Annotation(text[start:end], start, end, rng.choice(tags), rng.randrange(0, 3))
        )
    resolvers = [
        OverlapResolver(
            sort_by=("tag", "length"),
            sort_by_callbacks=frozendict(tag=lambda t: "patient" in t, length=lambda x: -x),
        ),
        OverlapResolver(
            sort_by=("priority", "length"),
            sort_by_callbacks=frozendict(priority=lambda x: -x, length=lambda x: -x),
        ),
        OverlapResolver(sort_by=("start_char",)),
    ]
    for resolver in resolvers:
        plain = resolver.process_annotations(AnnotationSet(annotations), text)
        fast = fast_resolve_overlap(resolver, AnnotationSet(annotations), text)
        assert _annotations(type("D", (), {"annotations": fast})()) == _annotations(
            type("D", (), {"annotations": plain})()
        )
    bound = []
    for group in deduce_pipeline().processors._processors.values():
        for processor in getattr(group, "_processors", {"": group}).values():
            for resolver in (processor, getattr(processor, "_overlap_resolver", None)):
                if type(resolver) is OverlapResolver:
                    bound.append(resolver.__dict__["process_annotations"].__func__)
    assert bound and all(f is fast_resolve_overlap for f in bound)


def _lookup_annotators(group: object) -> list[object]:
    from docdeid.process import DocProcessorGroup, MultiTokenLookupAnnotator

    found: list[object] = []
    for processor in group._processors.values():  # type: ignore[attr-defined]
        if isinstance(processor, DocProcessorGroup):
            found += _lookup_annotators(processor)
        elif type(processor) is MultiTokenLookupAnnotator:
            found.append(processor)
    return found


_LOOKUP_PIECES = [
    "Jan", "jan", "Anja", "de", "De", "van", "der", "Vries", "Boer", "Bakker", "Kerkstraat",
    "Dorpsweg", "Van der Helststraat", "Holten", "Rijssen", "Nijverdal", "Den Ham", "Den",
    "Ham", "ziekte", "van Parkinson", "Alzheimer", "Parkinson", "12", "3a", ",", ".", "-",
    "\n", "  ", "Ineke", "Otto", "Zwaan", "Ter", "Horst", "Sint", "Jansteeg", "'t", "é",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_the_lookup_annotators_find_what_docdeids_code_finds(seed: int) -> None:
    """deduce's first names, surnames, places, streets and diseases looked up by index
    in a FastTokenList: the annotations of docdeid's own ``annotate``, given deduce's
    own tokens (and given our tokens, through docdeid's index of tokens)."""
    from deduce import Deduce
    from docdeid import Document
    from docdeid.process import MultiTokenLookupAnnotator

    from sokwal_monitor.privacy.deduce_cache import _lookup_root
    from sokwal_monitor.privacy.deduce_tokens import fast_lookup_annotate

    annotators = _lookup_annotators(deduce_pipeline().processors)
    assert len(annotators) >= 4
    assert all(a.__dict__["annotate"].__func__ is fast_lookup_annotate for a in annotators)
    deduces = Deduce._initialize_tokenizer(_lookup_root())
    fast = deduce_pipeline().tokenizers["default"]
    rng = random.Random(seed)
    for _ in range(4):
        text = " ".join(rng.choice(_LOOKUP_PIECES) for _ in range(rng.randint(0, 50)))
        ours = Document(text, tokenizers={"default": fast})
        theirs = Document(text, tokenizers={"default": deduces})
        for annotator in annotators:
            plain = MultiTokenLookupAnnotator.annotate(annotator, theirs)  # type: ignore[arg-type]
            plain_ours = MultiTokenLookupAnnotator.annotate(annotator, ours)  # type: ignore[arg-type]
            quick = annotator.annotate(ours)  # type: ignore[attr-defined]
            rows = [_annotations(type("D", (), {"annotations": a})()) for a in (plain, quick)]
            assert (
                rows[0] == rows[1] == _annotations(type("D", (), {"annotations": plain_ours})())
            ), text
            assert [(a.start_token, a.end_token) for a in quick] == [
                (a.start_token, a.end_token) for a in plain
            ]  # the same tokens, as docdeid compares them


@pytest.mark.parametrize("seed", range(25))
def test_the_token_lists_indices_are_docdeids_look_ups(seed: int) -> None:
    """A FastTokenList's word indices, token look-ups and token indices, for random
    words (some in the text, some not, in other cases) and both matching pipelines."""
    from deduce import Deduce
    from docdeid.tokenizer import Token

    from sokwal_monitor.privacy.deduce_cache import _lookup_root
    from sokwal_monitor.privacy.deduce_tokens import FastTokenList

    deduces = Deduce._initialize_tokenizer(_lookup_root())
    fast = deduce_pipeline().tokenizers["default"]
    rng = random.Random(seed)
    text = _random_words(rng, rng.randint(0, 120))
    ours, theirs = fast.tokenize(text), deduces.tokenize(text)
    assert isinstance(ours, FastTokenList)
    assert [ours.token_index(t) for t in theirs] == list(range(len(theirs)))
    with pytest.raises(KeyError):  # a token of no list
        ours.token_index(Token("zzz", 10**6, 10**6 + 3))
    if len(theirs):  # a token at a start of the list, but another one
        first = theirs[0]
        with pytest.raises(KeyError):
            ours.token_index(Token(first.text + "x", first.start_char, first.end_char + 1))
    for pipeline in ([], [LowercaseString()], None):
        words = [*sorted(theirs.get_words(pipeline)), "VAN", "Jan", "nergens", ""]
        for _ in range(5):
            chosen = set(rng.sample(words, rng.randint(0, len(words))))
            expected = theirs.token_lookup(chosen, pipeline)
            assert ours.token_lookup(chosen, pipeline) == expected
            assert [ours[i] for i in ours.indices(chosen, pipeline)] == sorted(
                expected, key=lambda t: t.start_char
            )
        assert ours.get_words(pipeline) == theirs.get_words(pipeline)


_LIST_PIECES = ["Kulturhus", "De", "Brink", "de", "brink", "Positieve", "Gezondheid", "MEE",
                "mee", "Jan", "Stimuland", "2019", " ", "  ", ",", ".", "\n", "-schaal",
                "De Jong Gierveld", "Machteld Huber", "van", "Twente", "é"]  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
def test_the_lists_remember_their_answers_and_keep_them_to_themselves(seed: int) -> None:
    """``Lists.allowed`` and ``Lists.protected`` remembered per text give what they
    give when worked out anew; what they remember is not compared, hashed or pickled."""
    import pickle

    from sokwal_monitor.privacy import lists as lists_module
    from sokwal_monitor.privacy.lists import Lists

    rng = random.Random(seed)
    lists = Lists.of(allow=["Kulturhus De Brink", "Jan"], deny=["Piet"])
    fresh = Lists.of(allow=["Kulturhus De Brink", "Jan"], deny=["Piet"])
    texts = ["".join(rng.choice(_LIST_PIECES) for _ in range(rng.randint(0, 12)))
             for _ in range(30)]  # fmt: skip
    for text in texts * 2:  # the second time from memory
        assert lists.allowed(text) == fresh._allowed(text)
        spans = lists.protected(text)
        assert spans == fresh._protected(text)
        spans.append((0, 0))  # the caller's copy: the memory is not changed
        assert lists.protected(text) == fresh._protected(text)
    assert lists == fresh and hash(lists) == hash(fresh)
    copy = pickle.loads(pickle.dumps(lists))
    assert copy == lists and not {"_spans_memo", "_allowed_memo"} & set(copy.__dict__)
    # a full memory starts again
    small = Lists.of()
    old = lists_module._MEMO_VALUES
    lists_module._MEMO_VALUES = 3
    try:
        for text in texts:
            assert small.allowed(text) == small._allowed(text)
        assert len(small.__dict__["_allowed_memo"]) <= 3
    finally:
        lists_module._MEMO_VALUES = old


_REGEX_PIECES = [
    "www", ".", "nl", "com", ".nl", ".com", ".co", ".uk", "https://", "http://", "www.",
    "example", "jan", "@", "info@", "x" * 300, "a-b", "_", "~", "#", "=", "/", "?", "&",
    "85", "100", "1", "7,5", "-", "12-14", " jaar", " JAAR", "-jarige", " jr", "jarig",
    " ", "\n", ",", ":", "%", "é", "ı", "K", "(", ")", "https://www.", "9" * 12,
    # the longest matches: each starts as far before its anchor as it can
    "https://www." + "h" * 256 + ".nl", "e" * 256 + "@x.nl", "100,5-100,5 jaar",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(60))
def test_deduces_urls_emails_and_ages_are_found_near_their_anchors_as_everywhere(
    seed: int,
) -> None:
    """The matches of deduce's URL, e-mail and age patterns searched for near their
    anchors only are the matches of ``finditer``, on random text with long runs,
    hosts, "@" and ages at every distance; and the pipeline's annotators use them."""
    from sokwal_monitor.privacy.deduce_tokens import (
        _ANCHORED,
        anchored_finditer,
        fast_regexp_annotate,
    )

    rng = random.Random(seed)
    patterns = [(re.compile(p), re.compile(a), reach) for p, a, reach in _ANCHORED]
    for _ in range(10):
        text = "".join(rng.choice(_REGEX_PIECES) for _ in range(rng.randint(0, 60)))
        for pattern, anchor, reach in patterns:
            fast = [(m.span(), m.groups()) for m in anchored_finditer(pattern, anchor, reach, text)]
            assert fast == [(m.span(), m.groups()) for m in pattern.finditer(text)], text
    bound = [
        p
        for group in deduce_pipeline().processors._processors.values()
        for p in getattr(group, "_processors", {}).values()
        if getattr(p.__dict__.get("annotate"), "__func__", None) is fast_regexp_annotate
    ]
    assert {p.regexp_pattern.pattern for p in bound} == {p for p, _, _ in _ANCHORED}
    text = "".join(rng.choice(_REGEX_PIECES) for _ in range(40)) + " mail jan@x.nl 85 jaar"
    plain = deduce_instance().deidentify(text, disabled=set(_UNUSED_PROCESSORS))
    assert _annotations(deduce_pipeline().deidentify(text)) == _annotations(plain)


def test_a_run_pauses_the_garbage_collector_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is paused while a run works (it made no cycles to collect) and
    is running again afterwards, after a failed run too; a paused one stays paused."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Mevrouw Jansen woont in Rijssen.\n", "utf-8")
    store_path = tmp_path / "s.sokwal"
    assert ingest(store_path, tmp_path / "docs", progress=False).exit_code == 0
    seen: list[bool] = []
    real_run = run_module._run

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_run(*args, **kwargs)

    monkeypatch.setattr(run_module, "_run", watched)
    assert gc.isenabled()
    run_module.pseudonymize(store_path, tmp_path / "k.sokwal-key", encrypt_key=False)
    assert seen == [False] and gc.isenabled()
    with ProjectStore(store_path) as store:
        assert "Jansen" not in store.text(str(store.documents()["doc_id"].iloc[0]))

    def failing(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        raise RuntimeError("cut off")

    monkeypatch.setattr(run_module, "_run", failing)
    with pytest.raises(RuntimeError):
        run_module.pseudonymize(store_path, tmp_path / "k.sokwal-key", encrypt_key=False)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            run_module.pseudonymize(store_path, tmp_path / "k.sokwal-key", encrypt_key=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _names_by_alternation(
    pairs: list[tuple[str, str]], own: list[tuple[str, str]], value: str
) -> str:
    """What ``_Names`` did before: one alternation of every mention, longest first."""
    table: dict[str, str] = {}
    for mention, pseudonym in pairs:
        if len(mention) > 1:
            table.setdefault(mention, pseudonym)
    ordered = sorted(table, key=lambda m: (-len(m), m))
    if not ordered or not value:
        return value
    alternation = "|".join(re.escape(m) for m in ordered)
    regex = re.compile(rf"(?<![\w\[])(?:{alternation})(?![\w\]])")
    mine = {m: p for m, p in own if len(m) > 1}
    return regex.sub(lambda m: mine.get(m.group(), table[m.group()]), value)


@pytest.mark.parametrize("seed", range(40))
def test_short_strings_are_replaced_as_one_alternation_would(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["Jan", "Jan de", "Jan de Vries", "de Vries", "Vries", "J", "[", "]", " ", "\n",
              "é", "Émile", "_", "a", "x", "-", ".", "Ja", "an", "ß", "İ", "0", "Zoë"]  # fmt: skip
    for _ in range(20):
        mentions = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
                    for _ in range(rng.randint(0, 6))]  # fmt: skip
        pairs = [(m, f"[PERSOON-{i}]") for i, m in enumerate(mentions)]
        own = [(m, f"[PERSOON-{i + 50}]") for i, m in enumerate(mentions[-1:])]
        names = _Names(pairs).for_document(own)
        for _ in range(5):
            value = "".join(rng.choice(pieces + mentions) for _ in range(rng.randint(0, 12)))
            assert names(value) == _names_by_alternation(pairs, own, value), (pairs, value)
    assert _Names([]).for_document([])("Jan") == "Jan"
    assert _Names([("Jan", "[PERSOON-1]")])(5) is None


def test_the_single_alternation_is_compiled_only_when_asked_for() -> None:
    regex = _form_regex(["jan", "de vries", "piet"])
    assert regex is not None and "regex" not in vars(regex)
    assert [m.group() for m in regex.finditer("Jan en De Vries, xPiet")] == ["Jan", "De Vries"]
    assert regex.by_first is not None and set(regex.by_first) == {"J", "D"}  # "P" not needed
    assert [m.group() for m in regex.regex.finditer("Jan en De Vries")] == ["Jan", "De Vries"]


ODD_FORMS = [*FORMS, "de", "'s gravenhage", "d'ancona", "ßmit", "ïris", "jan.", "j-p", "jan  piet"]


@pytest.mark.parametrize("seed", range(60))
def test_odd_forms_match_as_one_alternation_would(seed: int) -> None:
    """The forms tried by patterns per first letter, compiled when first needed, find
    exactly what the single alternation finds: white space of any kind between words,
    a tussenvoegsel in either case, a form that is the start of another, a form at the
    very end of the text."""
    rng = random.Random(1000 + seed)
    forms = rng.sample(ODD_FORMS, rng.randint(1, len(ODD_FORMS)))
    compiled = _form_regex(forms)
    assert compiled is not None and compiled.by_first is not None
    extra = ["\t", "\u00a0", "  ", "De", "de", "Jan.", "SSmit", "Ïris", "J-P", "'S", "D'"]
    for _ in range(8):
        text = _random_text(rng, rng.randint(0, 60))
        text += "".join(rng.choice(extra) for _ in range(rng.randint(0, 4)))
        plain = [(m.span(), m.group()) for m in compiled.regex.finditer(text)]
        assert [(m.span(), m.group()) for m in compiled.finditer(text)] == plain, (forms, text)
