"""Rule coding: every pattern kind on Dutch sentences, scopes, offsets, provenance, and
re-runs against a real store."""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor.codebook import Codebook, codebook_from_text, load_codebook
from sokwal_monitor.coding import add_coding, code_quote
from sokwal_monitor.coding.rules import RuleCoder, code_store, describe_pattern, rule_coder_name
from sokwal_monitor.errors import CodebookError
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.store import ProjectStore

rule_run_module = importlib.import_module("sokwal_monitor.coding.rules.run")


def codebook(patterns: str, name: str = "test") -> Codebook:
    """A one-code codebook (code ``x``) with the given YAML flow list of patterns."""
    return codebook_from_text(
        f"name: {name}\ncodes:\n  - name: x\n    definition: Test.\n    patterns: {patterns}\n"
    )


def coded(cb: Codebook, text: str, scope: str = "match") -> list[str]:
    return [text[m.start : m.end] for m in RuleCoder(cb, scope=scope).code_text(text)]  # type: ignore[arg-type]


# -- pattern kinds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wij hebben veel geleerd.",
        "Toen leerden we dat.",
        "Zij leert snel.",
        "Leren kost tijd.",
        "Wat we LEERDEN was nieuw.",
    ],
)
def test_lemma_pattern_matches_inflected_forms(text: str) -> None:
    found = coded(codebook("[{lemma: leren}]"), text)
    assert len(found) == 1
    assert found[0].lower().startswith("le") or found[0] == "geleerd"


def test_lemma_pattern_does_not_match_other_words() -> None:
    cb = codebook("[{lemma: leren}]")
    assert coded(cb, "De leraar gaf een lezing over leder.") == []


def test_lemma_pattern_entry_given_inflected_is_read_as_its_lemma() -> None:
    # 'geleerd' in the codebook means the lemma 'leren'
    assert coded(codebook("[{lemma: [geleerd]}]"), "Wij leerden veel.") == ["leerden"]


def test_lemma_pattern_of_several_words_matches_them_in_a_row() -> None:
    cb = codebook('[{lemma: ["vrijwilliger werven"]}]')
    assert coded(cb, "We wierven geen vrijwilligers, maar vrijwilligers werven lukt nu.") == [
        "vrijwilligers werven"
    ]


def test_lemma_pattern_with_several_lemmas() -> None:
    cb = codebook("[{lemma: [gemeente, wethouder]}]")
    assert coded(cb, "De wethouder en twee gemeenten kwamen.") == ["wethouder", "gemeenten"]


def test_phrase_pattern_ignores_case_and_matches_whole_tokens_only() -> None:
    cb = codebook('[{phrase: "achteraf gezien"}]')
    assert coded(cb, "ACHTERAF GEZIEN was het goed. Achteraf gezien, ja.") == [
        "ACHTERAF GEZIEN",
        "Achteraf gezien",
    ]
    assert coded(codebook("[{phrase: leer}]"), "We hebben geleerd.") == []


def test_regex_pattern_ignores_case_and_may_cut_words() -> None:
    cb = codebook('[{regex: "zou(den)? (het )?anders doen"}]')
    assert coded(cb, "Wij ZOUDEN HET anders doen. Ik zou anders doen.") == [
        "ZOUDEN HET anders doen",
        "zou anders doen",
    ]
    assert coded(codebook('[{regex: "vrijwillig"}]'), "de vrijwilligers") == ["vrijwillig"]


def test_regex_pattern_can_ask_for_case() -> None:
    cb = codebook('[{regex: "(?-i:WMO)"}]')
    assert coded(cb, "De Wmo en de WMO.") == ["WMO"]


@pytest.mark.parametrize(
    "digits", ["30", "٣٠", "३०", "３０"]
)  # ASCII, Arabic-Indic, Devanagari, full width
def test_a_digit_regex_matches_every_decimal_digit(digits: str) -> None:
    # the required-text shortcut must not skip a text whose only digits are not 0-9:
    # the regex's \d matches them, so the coding must be there
    text = f"Er kwamen {digits} deelnemers, café vol."
    assert coded(codebook('[{regex: "\\\\b\\\\d{2}\\\\b"}]'), text) == [digits]
    within = codebook('[{regex: "\\\\d{2}[^.?!]{0,5}"}]')  # searched per sentence
    assert coded(within, text) == [f"{digits} deel"]


def test_regex_matching_empty_text_codes_nothing() -> None:
    assert coded(codebook('[{regex: "x*"}]'), "geen iks hier") == []


def test_tokens_pattern_is_a_spacy_matcher_pattern() -> None:
    cb = codebook('[{tokens: [{LEMMA: anders}, {OP: "?"}, {LEMMA: doen}]}]')
    text = "We zouden het anders doen. Nu anders gedaan? Anders iets doen."
    assert coded(cb, text) == ["anders doen", "anders gedaan", "Anders iets doen"]


def test_a_tokens_pattern_spacy_refuses_names_the_code() -> None:
    cb = codebook("[{tokens: [{NOT_AN_ATTRIBUTE: anders}]}]")
    with pytest.raises(CodebookError, match=r"code 'x', field 'patterns.tokens'"):
        RuleCoder(cb)


def test_codes_without_patterns_never_match() -> None:
    cb = codebook_from_text("codes: [{name: leeg, definition: Geen patronen.}]")
    assert RuleCoder(cb).code_text("Alles en niets.") == []


# -- offsets, scopes, merging -------------------------------------------------------------


def test_offsets_are_exact_with_diacritics_and_emoji() -> None:
    text = "Één coöperatie 🙂 heeft geleerd van de gemeente."
    cb = codebook("[{lemma: [leren, gemeente]}]")
    matches = RuleCoder(cb).code_text(text)
    where = [(text.index(w), text.index(w) + len(w)) for w in ("geleerd", "gemeente")]
    assert [(m.start, m.end) for m in matches] == where
    assert [text[m.start : m.end] for m in matches] == ["geleerd", "gemeente"]


def test_sentence_scope_codes_the_sentence_and_merges_matches_in_it() -> None:
    cb = codebook("[{lemma: leren}, {lemma: gemeente}]")
    text = "Eerst was het lastig. We leerden veel van de gemeente. Daarna ging het goed."
    (match,) = RuleCoder(cb, scope="sentence").code_text(text)
    assert text[match.start : match.end] == "We leerden veel van de gemeente."
    assert match.score == 2
    assert match.pattern == "lemma: leren | lemma: gemeente"


def test_a_match_across_two_sentences_codes_both() -> None:
    cb = codebook('[{regex: "lastig\\\\. We"}]')
    text = "Het was lastig. We gingen door. Klaar."
    (match,) = RuleCoder(cb, scope="sentence").code_text(text)
    assert text[match.start : match.end] == "Het was lastig. We gingen door."


def test_segment_scope_codes_the_whole_text() -> None:
    text = "Het was lastig. We leerden veel."
    (match,) = RuleCoder(codebook("[{lemma: leren}]"), scope="segment").code_text(text)
    assert (match.start, match.end, match.score) == (0, len(text), 1)


def test_overlapping_matches_of_one_code_merge_and_of_two_codes_do_not() -> None:
    cb = codebook_from_text(
        "codes:\n"
        "  - {name: a, definition: A., patterns: [{phrase: anders doen}, {lemma: doen}]}\n"
        "  - {name: b, definition: B., patterns: [{lemma: doen}]}\n"
    )
    found = RuleCoder(cb).code_text("We zouden het anders doen.")
    assert [(m.code, m.start, m.end, m.score) for m in found] == [
        ("a", 14, 25, 2),
        ("b", 21, 25, 1),
    ]
    assert found[0].pattern == "phrase: anders doen | lemma: doen"


def test_unknown_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="scope must be one of match, sentence, segment"):
        RuleCoder(codebook("[{lemma: leren}]"), scope="paragraph")  # type: ignore[arg-type]


def test_as_a_spacy_component_it_sets_doc_spans() -> None:
    rules = RuleCoder(codebook('[{regex: "eerd"}]'))
    doc = rules(rules.nlp("Wij leerden veel."))
    (span,) = doc.spans["sokwal_codes"]
    assert (span.text, span.label_) == ("leerden", "x")  # widened to the whole token


def test_coder_name_follows_the_codebook_content() -> None:
    a, b = codebook("[{lemma: leren}]"), codebook("[{lemma: leren}]")
    c = codebook("[{lemma: doen}]")
    assert rule_coder_name(a) == rule_coder_name(b)
    assert rule_coder_name(a) != rule_coder_name(c)
    assert rule_coder_name(a).startswith("rule:test@") and len(rule_coder_name(a)) == 18


def test_describe_pattern() -> None:
    assert describe_pattern({"phrase": "achteraf gezien"}) == "phrase: achteraf gezien"
    assert describe_pattern({"regex": "a|b"}) == "regex: a|b"


def test_the_default_codebook_codes_its_own_examples() -> None:
    """Every code with patterns finds something in at least one of its own examples."""
    cb = load_codebook()
    rules = RuleCoder(cb)
    missed = []
    for code in cb:
        if code.patterns and code.examples:
            hits = {m.code for ex in code.examples for m in rules.code_text(ex)}
            if code.name not in hits:
                missed.append(code.name)
    assert missed == []


# -- coding a store -------------------------------------------------------------------------

INTERVIEW = (
    "Interviewer: Wat heeft u geleerd van de gemeente?\n"
    "Respondent: We hebben geleerd dat de gemeente traag is.\n"
    "Interviewer: En de vrijwilligers?\n"
    "Respondent: Die leren snel.\n"
)
REPORT = "# Verslag\n\nWe leerden veel.\n\nDe gemeente betaalde.\n"
CB = "[{lemma: leren}, {lemma: gemeente}]"


@pytest.fixture
def coded_store(tmp_path: Path) -> ProjectStore:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2024_interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (root / "P01_2024_verslag.md").write_text(REPORT, encoding="utf-8")
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, root)
    return store


def test_store_codings_have_exact_offsets_and_provenance(coded_store: ProjectStore) -> None:
    cb = codebook(CB)
    report = code_store(coded_store, cb)
    codings = coded_store.codings(with_metadata=True)
    assert len(codings) == report.n_added == 5
    for row in codings.itertuples():
        text = coded_store.text(row.doc_id)
        assert text[row.start_char : row.end_char] == row.text
    assert set(codings["origin"]) == {"rule"}
    assert set(codings["coder"]) == {rule_coder_name(cb)}
    assert set(codings["pattern"]) == {"lemma: leren", "lemma: gemeente"}
    runs = coded_store.coding_runs()
    assert runs["codebook_sha256"].iloc[-1].startswith(rule_coder_name(cb).split("@")[1])
    assert coded_store.codebook() == cb  # the codebook is kept in the store


def test_interviewer_turns_are_left_out_unless_asked(coded_store: ProjectStore) -> None:
    code_store(coded_store, codebook(CB))
    codings = coded_store.codings(with_metadata=True)
    assert set(codings["role"]) == {"respondent", ""}  # '' = report paragraphs
    assert sorted(codings["text"]) == ["geleerd", "gemeente", "gemeente", "leerden", "leren"]
    code_store(coded_store, codebook(CB), interviewer=True)
    codings = coded_store.codings(with_metadata=True)
    assert (codings["role"] == "interviewer").sum() == 2  # 'geleerd', 'gemeente' in question 1


def test_segment_ids_are_those_of_the_segments(coded_store: ProjectStore) -> None:
    code_store(coded_store, codebook(CB), scope="segment")
    segments = coded_store.segments().set_index("segment_id")
    for row in coded_store.codings().itertuples():
        seg = segments.loc[row.segment_id]
        assert (row.start_char, row.end_char) == (seg.start_char, seg.end_char)


def test_rerun_replaces_rule_codings_and_keeps_manual_ones(coded_store: ProjectStore) -> None:
    manual = code_quote(
        coded_store, "P01_2024_interview.txt", "de gemeente traag is", "traag", coder="anna"
    )
    first = code_store(coded_store, codebook(CB))
    before = coded_store.codings()
    second = code_store(coded_store, codebook(CB))
    after = coded_store.codings()
    assert second.n_removed == first.n_added and second.n_added == first.n_added
    cols = ["coding_id", "doc_id", "start_char", "end_char", "code", "coder", "pattern"]
    pd.testing.assert_frame_equal(before[cols], after[cols])  # same inputs, same table
    assert manual in set(after["coding_id"])


def test_an_edited_codebook_replaces_the_earlier_version(coded_store: ProjectStore) -> None:
    code_store(coded_store, codebook(CB))
    code_store(coded_store, codebook("[{lemma: leren}]"))  # gemeente dropped
    codings = coded_store.codings()
    assert set(codings["coder"]) == {rule_coder_name(codebook("[{lemma: leren}]"))}
    assert set(codings["text"]) == {"geleerd", "leerden", "leren"}


def test_an_explicit_coder_keeps_other_versions_side_by_side(coded_store: ProjectStore) -> None:
    code_store(coded_store, codebook(CB), coder="rules-v1")
    code_store(coded_store, codebook("[{lemma: leren}]"), coder="rules-v2")
    code_store(coded_store, codebook("[{lemma: leren}]"), coder="rules-v2")
    counts = coded_store.codings()["coder"].value_counts().to_dict()
    assert counts == {"rules-v1": 5, "rules-v2": 3}


def test_a_manual_coding_by_a_coder_named_like_rules_is_never_replaced(
    coded_store: ProjectStore,
) -> None:
    cb = codebook(CB)
    doc = coded_store.documents()["doc_id"].iloc[0]
    add_coding(coded_store, doc, 0, 5, "x", coder=rule_coder_name(cb))
    code_store(coded_store, cb)
    code_store(coded_store, cb)
    assert (coded_store.codings()["origin"] == "manual").sum() == 1


def test_coding_only_some_documents_replaces_only_theirs(coded_store: ProjectStore) -> None:
    docs = coded_store.documents().set_index("path")["doc_id"]
    code_store(coded_store, codebook(CB))
    report = code_store(coded_store, codebook(CB), documents=[docs["P01_2024_verslag.md"]])
    assert report.n_documents == 1 and report.n_removed == report.n_added == 2
    assert len(coded_store.codings()) == 5
    with pytest.raises(KeyError, match="no \\(text\\) document 'nope'"):
        code_store(coded_store, codebook(CB), documents=["nope"])


def test_an_interrupted_run_leaves_the_codings_as_they_were(
    coded_store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    code_store(coded_store, codebook(CB))
    before = coded_store.codings()
    runs = len(coded_store.coding_runs())
    calls = {"n": 0}
    real = RuleCoder._spans  # what each text's codings go through, one text at a time

    def flaky(self: RuleCoder, doc, text, raw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, doc, text, raw)

    monkeypatch.setattr(RuleCoder, "_spans", flaky)
    with pytest.raises(KeyboardInterrupt):
        code_store(coded_store, codebook("[{lemma: leren}]"))
    pd.testing.assert_frame_equal(coded_store.codings(), before)
    assert len(coded_store.coding_runs()) == runs


def test_codings_are_written_in_batches(
    coded_store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_run_module, "_CHUNK_CHARS", 1)  # a chunk per document
    report = code_store(coded_store, codebook(CB))
    assert report.n_added == 5 == len(coded_store.codings())


def test_report_counts_every_code(coded_store: ProjectStore) -> None:
    cb = codebook_from_text(
        "name: t\ncodes:\n"
        "  - {name: leer, definition: L., patterns: [{lemma: leren}]}\n"
        "  - {name: niets, definition: N., patterns: [{lemma: olifant}]}\n"
    )
    report = code_store(coded_store, cb)
    assert report.to_frame().to_dict("records") == [
        {"code": "leer", "n_codings": 3},
        {"code": "niets", "n_codings": 0},
    ]
    assert report.n_segments == 4  # two respondent turns, two report paragraphs
    assert "3 codings (match) in 4 segments of 2 documents" in report.summary()


def test_worker_processes_give_the_same_codings(
    coded_store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_run_module, "_CHUNK_CHARS", 10)  # a chunk per document
    cols = ["coding_id", "doc_id", "segment_id", "start_char", "end_char", "code", "pattern"]
    one = code_store(coded_store, codebook(CB), workers=1)
    serial = coded_store.codings()[cols]
    two = code_store(coded_store, codebook(CB), workers=2)
    assert (one.workers, two.workers) == (1, 2)
    assert two.n_tokens == one.n_tokens and two.n_segments == one.n_segments
    pd.testing.assert_frame_equal(coded_store.codings()[cols], serial)


def test_skipping_regexes_by_their_required_text_changes_no_coding() -> None:
    """The shortcut must only skip regexes that cannot match: compare with and without
    it on every segment of the sample corpus."""
    from sokwal_monitor import read_document
    from sokwal_monitor.ingestion.transcripts import segment_transcript

    fast = RuleCoder(load_codebook())
    slow = RuleCoder(load_codebook())
    slow._regexes = [(c, label, p, None, False) for c, label, p, *_ in slow._regexes]
    slow._index_regexes()
    assert all(needles for *_, needles, _ in fast._regexes)  # the shortcut is in use
    assert any(within for *_, within in fast._regexes)  # and the one by sentence
    sample = Path(__file__).resolve().parent.parent / "data" / "sample"
    texts = [
        doc.text[s.start_char : s.end_char]
        for path in sorted(sample.rglob("*.txt"))
        for doc in [read_document(path)]
        for s in segment_transcript(doc)
    ]
    assert len(texts) > 50
    extra = ["Er kwamen 40 deelnemers en € 300.", "WIJ HEBBEN GELEERD", "kwam er op af"]
    for text in texts + extra:
        assert fast.code_text(text) == slow.code_text(text), text


@pytest.mark.parametrize("scope", ["match", "sentence", "segment"])
def test_store_codings_are_those_of_code_doc_and_coding_id(tmp_path: Path, scope: str) -> None:
    """The store path (tuples, ids made inline, batched writes) writes exactly what the
    public pieces give, coding by coding and in the same order, on the sample corpus."""
    from sokwal_monitor.coding import coding_id

    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, Path(__file__).resolve().parent.parent / "data" / "sample")
    cb = load_codebook()
    report = code_store(store, cb, scope=scope, workers=1)  # type: ignore[arg-type]
    rules = RuleCoder(cb, scope=scope)  # type: ignore[arg-type]
    expected = []
    for doc_id in store.text_document_ids():
        text = store.text(doc_id)
        for position, start, end, role in store.segments_to_code(doc_id):
            if end <= start or role == "interviewer":
                continue
            for m in rules.code_text(text[start:end]):
                s, e = start + m.start, start + m.end
                cid = coding_id(doc_id, s, e, m.code, rules.coder)
                expected.append((cid, doc_id, position, s, e, m.code, m.pattern, float(m.score)))
    written = store.query(
        "SELECT coding_id, doc_id, segment_position, start_char, end_char, code, pattern,"
        " score FROM codings ORDER BY rowid"
    )
    assert len(expected) == report.n_added > 200  # the default codebook on the sample
    assert list(written.itertuples(index=False, name=None)) == expected
