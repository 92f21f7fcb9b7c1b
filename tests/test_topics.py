"""Topics (BERTopic) on the sample corpus: reproducible, Dutch labels, tidy tables, the
store's ``topics`` table, saving and loading, import cost, errors, figures, CLI.

BERTopic is fitted once per module (importing it takes about 10 s, once)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from spacy.lang.nl.stop_words import STOP_WORDS

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.topics import (
    FILLERS,
    FUNCTION_WORDS,
    INFO_COLUMNS,
    TOPIC_COLUMNS,
    TopicError,
    TopicModelResult,
    content_lemmas,
    fit_topics,
    is_quotable,
    load_topics,
    plot_topic_sizes,
    plot_topics_per_project,
    plot_topics_per_wave,
    representative_quotes,
    topics_folder,
    topics_per_project,
    topics_per_wave,
)

matplotlib.use("Agg")
import matplotlib.pyplot as plt

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
BENCH = Path(__file__).resolve().parent.parent / "bench"
NOT_TOPIC_WORDS = STOP_WORDS | FILLERS | FUNCTION_WORDS


def _planted():
    """bench/planted.py: answers with planted themes."""
    spec = importlib.util.spec_from_file_location("planted", BENCH / "planted.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def planted_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """1,000 planted answers (8 themes, 125 each) and a report with a table in it whose
    rows are made of one theme's words; the themes by segment id."""
    folder = tmp_path_factory.mktemp("planted")
    themes = _planted().write_planted(folder, 1000, seed=1)
    table = [
        "Maaltijd eetgroep kok keuken soep recept",
        "Gemiddeld aantal maaltijden per",
        "Kok keuken boodschappen soep 12 14 18",
        "Eetgroep | maaltijd | kok | 40",
    ]
    (folder / "P99999_2019_tabel.txt").write_text(
        "".join(f"I: En verder?\nR: {row}\n" for row in table), encoding="utf-8"
    )
    path = folder / "planted.sokwal"
    with ProjectStore(path) as store:
        ingest(store, folder)
        seg = store.segments(with_metadata=True)
    seg = seg[(seg["role"] == "respondent") & ~seg["path"].str.contains("tabel")]
    seg = seg.sort_values(["path", "position"])
    return path, dict(zip(seg["segment_id"], themes, strict=True))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("topics") / "sample.sokwal"
    with ProjectStore(path) as store:
        ingest(store, SAMPLE)
    return path


@pytest.fixture(scope="module")
def fitted(sample_store: Path) -> TopicModelResult:
    """The saved fit (tfidf, seed 0)."""
    return fit_topics(sample_store, seed=0)


@pytest.fixture
def store(sample_store: Path) -> ProjectStore:
    with ProjectStore(sample_store) as the_store:
        yield the_store


def _in_scope(store: ProjectStore) -> pd.DataFrame:
    seg = store.segments(with_metadata=True)
    # respondent turns; lines without a speaker only where a document has no respondent
    # turns (a report, an unlabelled transcript), not an interview's header
    with_turns = set(seg.loc[seg["role"] == "respondent", "doc_id"])
    header = (seg["kind"] == "interview") & seg["doc_id"].isin(with_turns)
    keep = (seg["role"] == "respondent") | ((seg["role"] == "") & ~header)
    seg = seg[(seg["kind"] != "survey") & keep]
    return seg[seg["text"].str.strip() != ""]


def test_same_seed_same_topics(sample_store: Path, fitted: TopicModelResult) -> None:
    again = fit_topics(sample_store, seed=0, save=False)
    pd.testing.assert_frame_equal(again.topics, fitted.topics)
    assert again.info["label"].tolist() == fitted.info["label"].tolist()
    assert fitted.provenance["n_topics"] >= 2


def test_labels_are_dutch_content_words(fitted: TopicModelResult, store: ProjectStore) -> None:
    """Topic words and labels: no stop words, function words, fillers, numbers or
    placeholders; each label word is a word as written in the texts (its display form,
    not a lemmatizer artefact) and never a name (written with a capital inside a
    sentence more often than without)."""
    topics = fitted.info[fitted.info["topic"] >= 0]
    assert not topics.empty
    texts = " ".join(_in_scope(store)["text"])
    written = set(re.findall(r"\w+", texts.lower()))
    inside = re.findall(r"(?<=[a-z,] )\w+", texts)  # words not at a sentence's start
    capital = {w.lower() for w in inside if w[0].isupper()}
    lower = {w for w in inside if w[0].islower()}
    for label, words in zip(topics["label"], topics["words"], strict=True):
        assert 3 <= len(words) <= 10
        for word in words:
            assert word.isalpha() and word == word.lower(), word
            assert word not in NOT_TOPIC_WORDS, word
            assert word not in {"persoon", "adres", "locatie"}, word
        shown = label.split(", ")
        assert 1 <= len(shown) <= 3 and len(set(shown)) == len(shown), label
        for word in shown:
            assert word.isalpha() and word.lower() not in NOT_TOPIC_WORDS, label
            assert word.lower() in written, (label, word)
            assert word.lower() not in capital or word.lower() in lower, (label, word)


def test_placeholders_fillers_and_stop_words_are_dropped() -> None:
    text = "Eh, [PERSOON-12] zei nou eigenlijk dat de vrijwilligers in [LOCATIE-3] geleerd hebben."
    assert content_lemmas(text) == ["vrijwilliger", "leren"]
    words = ["erop", "daarvan", "per", "twee", "juni", "samen", "meteen", "1200", "eh"]
    assert content_lemmas(" ".join(words).capitalize() + " koken.") == ["koken"]


def test_function_word_lists_hold_what_they_name() -> None:
    for word in ("erop", "ervoor", "daarvan", "hiermee", "waarmee", "per", "twintig", "juni"):
        assert word in FUNCTION_WORDS, word
    assert not {"vrijwilliger", "gemeente", "koken", "eetgroep", "subsidie"} & NOT_TOPIC_WORDS


@pytest.mark.parametrize(
    ("text", "quotable"),
    [
        ("We hebben geleerd dat je het niet met twee mensen kan doen.", True),
        ("Jongeren herkennen zich daar eigenlijk niet in, zeggen ze.\u201d", True),
        ("Gemiddeld aantal deelnemers per", False),
        ("Gemiddeld aantal deelnemers per maaltijd.", False),  # under six words
        ("Bijdrage provincie Overijssel (2017-2019) | 30.000", False),
        ("Leden 140 212 250 300 310 420 512 618 719 820.", False),
        ("De belangrijkste knelpunten in de projectperiode waren:", False),
    ],
)
def test_is_quotable(text: str, quotable: bool) -> None:
    assert is_quotable(text) is quotable


def test_k_from_the_data_recovers_planted_themes(planted_store) -> None:
    """No number of topics given: the chosen k and the clusters recover 8 planted themes
    (seeded); the same seed gives the same assignments."""
    from sklearn.metrics import adjusted_rand_score

    path, themes = planted_store
    result = fit_topics(path, seed=0, save=False)
    topic = result.topics.set_index("segment_id")["topic"]
    ids = list(themes)
    assert adjusted_rand_score([themes[i] for i in ids], topic.loc[ids]) >= 0.9
    # the 8 themes are 8 topics; the report's four table rows may make a ninth of their own
    per_theme = pd.DataFrame({"theme": [themes[i] for i in ids], "topic": topic.loc[ids].values})
    assert per_theme.groupby("theme")["topic"].agg(lambda t: t.mode()[0]).nunique() == 8
    k = result.provenance["n_topics"]
    assert k in (8, 9)
    scores = result.provenance["k_silhouette"]
    assert max(scores, key=scores.get) == str(k) and set(scores) == {str(k) for k in range(2, 23)}
    again = fit_topics(path, seed=0, save=False)
    pd.testing.assert_frame_equal(again.topics, result.topics)


def test_representative_quotes_are_sentences_not_table_rows(planted_store) -> None:
    path, _ = planted_store
    result = fit_topics(path, seed=0, save=False)
    with ProjectStore(path) as store:
        seg = store.segments(with_metadata=True).set_index("segment_id")
        table = seg.index[seg["path"].str.contains("tabel") & (seg["role"] == "respondent")]
        rows = result.topics[result.topics["segment_id"].isin(table)]
        fitted_rows = rows[rows["topic"] >= 0]
        assert len(fitted_rows) >= 2  # the table rows are in topics: they could be chosen
        for topic in result.info.loc[result.info["topic"] >= 0, "topic"]:
            reps = result.info.set_index("topic").at[topic, "representative_segment_ids"]
            assert not set(reps) & set(table)
            quotes = representative_quotes(result, store, int(topic), n=3)
            assert len(quotes) == 3 and quotes["text"].map(is_quotable).all()


def test_topics_table_contract_and_scope(fitted: TopicModelResult, store: ProjectStore) -> None:
    table = store.table("topics")
    assert table.columns.tolist()[:4] == ["segment_id", "topic", "label", "probability"]
    assert table.columns.tolist() == TOPIC_COLUMNS
    scope = _in_scope(store)
    assert set(table["segment_id"]) == set(scope["segment_id"])
    interviewer = store.segments().query("role == 'interviewer'")["segment_id"]
    assert not set(table["segment_id"]) & set(interviewer)
    assert table["topic"].min() >= -1
    assert table["probability"].between(0, 1).all()
    assert (table.loc[table["topic"] >= 0, "probability"] > 0).all()
    assert (table.loc[table["topic"] == -1, "label"] == "overig").all()
    assert len(store.query("SELECT * FROM topic_models")) >= 1


def test_info_table(fitted: TopicModelResult) -> None:
    info = fitted.info
    assert info.columns.tolist() == INFO_COLUMNS
    assert info["size"].sum() == len(fitted.topics)
    ids = set(fitted.topics["segment_id"])
    for topic, reps in zip(info["topic"], info["representative_segment_ids"], strict=True):
        if topic >= 0:
            assert reps and set(reps) <= ids
            mine = fitted.topics.loc[fitted.topics["topic"] == topic, "segment_id"]
            assert set(reps) <= set(mine)


@pytest.mark.parametrize(
    ("func", "by"), [(topics_per_project, "project_id"), (topics_per_wave, "wave")]
)
def test_per_project_and_wave(fitted: TopicModelResult, store: ProjectStore, func, by: str) -> None:
    table = func(fitted, store)
    assert table.columns.tolist() == [by, "topic", "label", "n", "share"]
    assert table["share"].groupby(table[by]).sum().round(9).eq(1).all()
    assert table["n"].sum() == len(fitted.topics)
    if by == "wave":
        assert table["wave"].drop_duplicates().tolist() == ["2018", "2019"]
    else:
        assert {"P01", "P02", "P03", "P04", "P05"} <= set(table["project_id"])


def test_representative_quotes(fitted: TopicModelResult, store: ProjectStore) -> None:
    topic = int(fitted.info.loc[fitted.info["topic"] >= 0, "topic"].iloc[0])
    quotes = representative_quotes(fitted, store, topic, n=2)
    assert quotes.columns.tolist() == ["segment_id", "path", "project_id", "wave", "text"]
    assert len(quotes) == 2
    segs = store.segments().set_index("segment_id")["text"]
    for sid, text in zip(quotes["segment_id"], quotes["text"], strict=True):
        assert text and text in segs[sid]
    with pytest.raises(KeyError, match="no topic 999"):
        representative_quotes(fitted, store, 999)


def test_save_and_load(fitted: TopicModelResult, sample_store: Path) -> None:
    assert (topics_folder(sample_store) / "bertopic").is_dir()
    tables = load_topics(sample_store, model=False)
    assert tables.model is None
    pd.testing.assert_frame_equal(tables.topics, fitted.topics)
    pd.testing.assert_frame_equal(tables.info, fitted.info)
    assert tables.provenance["embedding"] == "tfidf" and tables.provenance["seed"] == 0
    loaded = load_topics(sample_store)
    assert loaded.model.get_topic(0)[0][0] == fitted.info.set_index("topic").at[0, "words"][0]


def test_sentences_unit(sample_store: Path, store: ProjectStore) -> None:
    result = fit_topics(sample_store, unit="sentences", save=False, nr_topics=4)
    table = result.topics
    assert (table.groupby("segment_id").size() > 1).any()
    seg = store.segments().set_index("segment_id")
    joined = table.merge(
        seg[["start_char", "end_char"]],
        left_on="segment_id",
        right_index=True,
        suffixes=("", "_seg"),
    )
    assert (joined["start_char"] >= joined["start_char_seg"]).all()
    assert (joined["end_char"] <= joined["end_char_seg"]).all()
    assert result.provenance["n_topics"] == 4


def test_seeded_topics_use_codebook_lemmas(sample_store: Path) -> None:
    book = load_codebook()
    seed_words = {
        str(lemma)
        for code in book
        for pattern in code.patterns
        if "lemma" in pattern
        for lemma in ([pattern["lemma"]] if isinstance(pattern["lemma"], str) else pattern["lemma"])
    }
    result = fit_topics(sample_store, seeded=True, save=False)
    seeds = result.model.seed_topic_list
    assert len(seeds) >= 10 and {w for topic in seeds for w in topic} <= seed_words
    assert not {w for topic in seeds for w in topic} & (STOP_WORDS | FILLERS)
    words = {w for ws in result.info["words"] for w in ws}
    assert words & seed_words
    assert result.provenance["seeded"] is True


def test_hdbscan_leaves_outliers_reproducibly(sample_store: Path) -> None:
    one = fit_topics(sample_store, clustering="hdbscan", save=False)
    two = fit_topics(sample_store, clustering="hdbscan", save=False)
    pd.testing.assert_frame_equal(one.topics, two.topics)
    assert (one.topics["topic"] == -1).any()


def test_figures(fitted: TopicModelResult, store: ProjectStore) -> None:
    ax = plot_topic_sizes(fitted)
    assert len(ax.patches) == len(fitted.info)
    ax = plot_topics_per_wave(topics_per_wave(fitted, store), top=3)
    assert len(ax.get_lines()) == 3
    ax = plot_topics_per_project(topics_per_project(fitted, store), top=4)
    assert len(ax.get_xticklabels()) == 4
    plt.close("all")


def test_empty_store_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "leeg.sokwal"
    ProjectStore(path).close()
    with pytest.raises(TopicError, match=r"leeg\.sokwal: no respondent segments"):
        fit_topics(path)


def test_unknown_embedding_path_is_refused(sample_store: Path, tmp_path: Path) -> None:
    with pytest.raises(TopicError, match=r"geen-model: no sentence-transformers model"):
        fit_topics(sample_store, embedding=str(tmp_path / "geen-model"), save=False)


def test_import_does_not_load_bertopic_or_torch() -> None:
    code = (
        "import sys, sokwal_monitor, sokwal_monitor.topics, sokwal_monitor.cli\n"
        "print(sorted(m for m in ('bertopic', 'torch', 'hdbscan', 'umap') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_cli_topics_and_export(sample_store: Path, tmp_path: Path, sokwal) -> None:
    copy = tmp_path / "copy.sokwal"
    shutil.copy(sample_store, copy)
    done = sokwal("topics", "--store", copy, "--seed", "3", "--nr-topics", "5", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "topic" in done.stdout and "5 topics in" in done.stdout
    export = sokwal("export", "topics", "--store", copy)
    assert export.returncode == 0, export.stderr
    assert export.stdout.splitlines()[0].startswith("segment_id,topic,label,probability")
    missing = sokwal("topics", "--store", tmp_path / "nope.sokwal")
    assert missing.returncode == 2 and "nope.sokwal" in missing.stderr


def test_sentence_transformers_model_from_a_local_folder(
    sample_store: Path, tmp_path: Path
) -> None:
    """A tiny model made here (random static word vectors): nothing is downloaded."""
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    words = ["[UNK]", "[PAD]", *"vrijwilliger gemeente subsidie koken eten dorp".split()]
    tokenizer = Tokenizer(WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Whitespace()
    model = SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_dim=8)], device="cpu")
    model.save(str(tmp_path / "tiny"))
    result = fit_topics(sample_store, embedding=str(tmp_path / "tiny"), nr_topics=3, save=False)
    assert result.provenance["embedding"] == str(tmp_path / "tiny")
    assert result.provenance["n_topics"] == 3


def test_learning_effects_of_topics(tmp_path: Path) -> None:
    """Rows of kind 'topic': each segment carries its assigned topic; shares per project
    and wave are those of the assignment table, counted by hand here."""
    from sokwal_monitor.learning import LEARNING_COLUMNS, learning_effects

    path = tmp_path / "s.sokwal"
    with ProjectStore(path) as store:
        ingest(store, SAMPLE)
    result = fit_topics(path, seed=0)
    with ProjectStore(path) as store:
        table = learning_effects(store, kinds=("topic",), n_boot=50)
        assert list(table.columns) == LEARNING_COLUMNS and set(table["kind"]) == {"topic"}
        assigned = result.topics.merge(store.segments(with_metadata=True), on="segment_id")
        row = table.iloc[0]
        p = assigned[assigned["project_id"] == row["project_id"]]
        before = p[p["wave"] == row["from_wave"]]
        after = p[p["wave"] == row["to_wave"]]
        assert row["n_before"] == len(before) and row["n_after"] == len(after)
        assert row["before"] == pytest.approx((before["label"] == row["label"]).mean())
        assert row["after"] == pytest.approx((after["label"] == row["label"]).mean())
        assert "overig" not in set(table["label"])  # outliers are not a topic
        from sokwal_monitor.learning import summarize_learning

        text = summarize_learning(table, project_id=row["project_id"], quotes=False)
        assert "onderwerp (" in text  # a topic is named as one, not as if it were a code
        both = learning_effects(store, coder="*", kinds=("code", "topic"), n_boot=0)
        assert set(both["kind"]) <= {"code", "topic"}
    empty = tmp_path / "leeg.sokwal"
    with ProjectStore(empty) as store:
        ingest(store, SAMPLE)
        with pytest.raises(ValueError, match="no topics in .*sokwal topics"):
            learning_effects(store, kinds=("topic",))
