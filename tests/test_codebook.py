"""Codebook loading, validation messages, round trips and the default codebook."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from sokwal_monitor.codebook import DEFAULT_CODEBOOK, Code, Codebook, load_codebook
from sokwal_monitor.errors import CodebookError, UnsupportedFormatError

REQUIRED = {
    "uitkomsten": None,
    "leereffecten": None,
    "proces": None,
    "inzicht_opgedaan": "leereffecten",
    "zou_anders_doen": "leereffecten",
    "kennis_gedeeld": "leereffecten",
    "samenwerking_gemeente": "samenwerking",
    "samenwerking_welzijnswerk": "samenwerking",
    "samenwerking_initiatieven": "samenwerking",
    "bereik_deelnemers": "bereik",
    "bereik_vrijwilligers": "bereik",
    "sociale_contacten": "uitkomsten",
    "zelfredzaamheid": "uitkomsten",
    "vrijwilligers_werven": "vrijwilligers",
    "vrijwilligers_behouden": "vrijwilligers",
    "financiering": "proces",
    "continuiteit": "proces",
    "knelpunten": "proces",
    "succesfactoren": "proces",
    "rol_overheid": "proces",
}


def write(tmp_path: Path, text: str, name: str = "cb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    return str(info.value)


# -- the default codebook -------------------------------------------------------------


def test_default_codebook_loads() -> None:
    cb = load_codebook(DEFAULT_CODEBOOK)
    assert (cb.name, cb.version, cb.language) == ("sociale_kwaliteit", 1, "nl")
    assert load_codebook().codes == cb.codes  # the default argument


@pytest.mark.parametrize(("code", "parent"), REQUIRED.items())
def test_default_codebook_has_code_with_parent(code: str, parent: str | None) -> None:
    assert load_codebook()[code].parent == parent


def test_default_codebook_every_code_is_complete() -> None:
    for code in load_codebook():
        assert 1 <= code.definition.count(".") <= 3, code.name
        assert len(code.include) >= 2, code.name
        assert len(code.exclude) >= 1, code.name
        assert len(code.examples) >= 2, code.name
        assert code.patterns, code.name


def test_default_codebook_mixes_pattern_kinds() -> None:
    kinds = {key for code in load_codebook() for p in code.patterns for key in p}
    assert kinds == {"lemma", "phrase", "regex", "tokens"}
    patterns = load_codebook()["zou_anders_doen"].patterns
    assert {"phrase": "achteraf gezien"} in patterns
    assert {"tokens": [{"LEMMA": "anders"}, {"LEMMA": "doen"}]} in patterns
    regex = next(p["regex"] for p in patterns if "regex" in p)
    assert re.search(regex, "dat zouden we nu anders doen")


def test_hierarchy_helpers() -> None:
    cb = load_codebook()
    assert [c.name for c in cb.children(None)] == ["uitkomsten", "leereffecten", "proces"]
    assert [c.name for c in cb.children("leereffecten")] == [
        "inzicht_opgedaan",
        "zou_anders_doen",
        "kennis_gedeeld",
    ]
    depths = dict((c.name, d) for d, c in cb.walk())
    assert depths["proces"] == 0 and depths["samenwerking_gemeente"] == 2
    assert len(depths) == len(cb)
    assert "bereik" in cb and "nope" not in cb
    with pytest.raises(KeyError, match="did you mean 'bereik'"):
        cb["berijk"]


# -- tables, round trips, display -----------------------------------------------------


def test_to_frame_columns() -> None:
    frame = load_codebook().to_frame()
    assert list(frame.columns) == [
        "code",
        "parent",
        "definition",
        "include",
        "exclude",
        "examples",
        "patterns",
    ]
    row = frame.set_index("code").loc["zou_anders_doen"]
    assert row["parent"] == "leereffecten"
    assert isinstance(row["include"], list) and isinstance(row["patterns"][0], dict)


def test_yaml_csv_yaml_round_trip(tmp_path: Path) -> None:
    cb = load_codebook()
    back = load_codebook(cb.to_csv(tmp_path / "sociale_kwaliteit.csv"))
    assert back.codes == cb.codes
    assert back.name == "sociale_kwaliteit"
    again = load_codebook(back.to_yaml(tmp_path / "again.yaml"))
    assert again.codes == cb.codes
    assert load_codebook(cb.to_yaml(tmp_path / "cb.yml")) == cb


def test_csv_cannot_hold_a_bar(tmp_path: Path) -> None:
    cb = Codebook("x", codes=[Code("a", "A.", include=["this | that"])])
    with pytest.raises(CodebookError, match="'include'"):
        cb.to_csv(tmp_path / "x.csv")


def test_csv_errors_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "code,parent,definition,include,exclude,examples,patterns\n"
        'a,,A.,,,,"[{""regex"": ""(""}]"\n'
        "b,zz,B.,,,,\n"
        "c,,,,,,not json\n",
        encoding="utf-8",
    )
    msg = error_of(path)
    assert "line 2, code 'a', field 'patterns.regex': does not compile" in msg
    assert "line 3, code 'b', field 'parent': unknown parent 'zz'" in msg
    assert "line 4, code 'c', field 'patterns': not valid JSON" in msg
    assert "line 4, code 'c', field 'definition'" in msg


def test_repr_html_escapes_and_indents() -> None:
    cb = Codebook(
        "<b>cb</b>",
        codes=[
            Code("top", "Boven <script>alert(1)</script>", include=["a & b"]),
            Code("kind", "Onder.", parent="top", patterns=[{"phrase": "<x>"}]),
        ],
    )
    out = cb._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "a &amp; b" in out and "&lt;b&gt;cb&lt;/b&gt;" in out
    assert "&lt;x&gt;" in out
    assert out.index("top") < out.index("kind")
    assert "padding-left:1.8em" in out  # the child is indented one level
    assert "sociale_kwaliteit" in load_codebook()._repr_html_()


# -- validation messages ----------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert "the codebook is empty" in error_of(write(tmp_path, ""))
    assert "the codebook is empty" in error_of(write(tmp_path, "# only a comment\n"))


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        name: x
        codes:
          - name: a
            definition: "unclosed
          - name: b
        """,
    )
    msg = error_of(path)
    assert "YAML syntax error" in msg and re.search(r"line [56]\b", msg)
    msg = error_of(write(tmp_path, "codes:\n  - name: a\n   definition: x\n"))
    assert "line 3: YAML syntax error" in msg


@pytest.mark.parametrize("text", ["- a\n- b\n", "name: x\n", "codes: hallo\n"])
def test_top_level_must_be_mapping_with_codes(tmp_path: Path, text: str) -> None:
    assert "must be a mapping with a 'codes:' list" in error_of(write(tmp_path, text))


def test_missing_name_and_definition(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: a
            include: [x]
          - definition: Zonder naam.
        """,
    )
    msg = error_of(path)
    assert "line 2, code 'a', field 'definition': required" in msg
    assert "line 4, code '#2', field 'name': required" in msg
    assert "(2 problems)" in msg


def test_unknown_code_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: a
            definition: A.
            exclued: [x]
        """,
    )
    msg = error_of(path)
    assert (
        "line 4, code 'a', field 'exclued': unknown key 'exclued' (did you mean 'exclude'?)" in msg
    )


def test_regex_that_does_not_compile(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: leereffect
            definition: Geleerd.
            patterns:
              - lemma: [leren]
              - regex: "zou(den anders"
        """,
    )
    msg = error_of(path)
    assert "line 6, code 'leereffect', field 'patterns.regex': does not compile" in msg
    assert "missing ), unterminated subpattern" in msg  # the re.error itself


def test_unknown_pattern_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: a
            definition: A.
            patterns:
              - phrase: "achteraf gezien"
              - lemmas: [leren]
        """,
    )
    msg = error_of(path)
    assert "line 6, code 'a', field 'patterns.lemmas': unknown pattern key 'lemmas'" in msg
    assert "did you mean 'lemma'" in msg and "allowed: lemma, phrase, regex, tokens" in msg


@pytest.mark.parametrize(
    ("pattern", "field", "words"),
    [
        ("lemma: 3", "patterns.lemma", "list of lemmas"),
        ("lemma: []", "patterns.lemma", "list of lemmas"),
        ("phrase: [a, b]", "patterns.phrase", "non-empty text"),
        ("regex: 5", "patterns.regex", "regular expression"),
        ("tokens: anders doen", "patterns.tokens", "list of token mappings"),
        ("tokens: [anders]", "patterns.tokens", "list of token mappings"),
        ("{phrase: a, regex: b}", "patterns", "one kind per pattern"),
    ],
)
def test_bad_pattern_values(tmp_path: Path, pattern: str, field: str, words: str) -> None:
    text = f"codes:\n  - name: a\n    definition: A.\n    patterns:\n      - {pattern}\n"
    msg = error_of(write(tmp_path, text))
    assert f"line 5, code 'a', field '{field}'" in msg and words in msg


def test_duplicate_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: a
            definition: A.
          - name: b
            definition: B.
          - name: a
            definition: Weer A.
        """,
    )
    msg = error_of(path)
    assert "line 6, code 'a', field 'name': duplicate code name (first defined on line 2)" in msg


def test_unknown_parent(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: leereffecten
            definition: L.
          - name: inzicht
            definition: I.
            parent: leereffect
        """,
    )
    msg = error_of(path)
    assert "line 6, code 'inzicht', field 'parent': unknown parent 'leereffect'" in msg
    assert "did you mean 'leereffecten'" in msg


def test_cycle_in_hierarchy(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        codes:
          - name: a
            parent: b
            definition: A.
          - name: b
            parent: a
            definition: B.
          - name: c
            parent: c
            definition: C.
        """,
    )
    msg = error_of(path)
    assert "line 3, code 'a', field 'parent': cycle in the hierarchy: a → b → a" in msg
    assert "line 9, code 'c', field 'parent': cycle in the hierarchy: c → c" in msg
    assert msg.count("cycle in the hierarchy") == 2


def test_all_problems_in_one_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        name: x
        colour: blue
        codes:
          - name: a
            definition: A.
            patterns:
              - regex: "("
          - name: a
            definition: B.
          - name: c
            parent: nope
            definition: C.
        """,
    )
    msg = error_of(path)
    assert msg.startswith(str(path))
    assert "(4 problems)" in msg
    assert "line 2, field 'colour': unknown top-level key" in msg
    lines = [line for line in msg.splitlines() if line.startswith("  line")]
    assert len(lines) == 4
    assert msg.rstrip().endswith("fix these and load it again")


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="a REFI-QDA project: import it with"):
        load_codebook(tmp_path / "x.qdpx")
    with pytest.raises(UnsupportedFormatError, match=r"\.yaml, \.yml, \.csv or REFI-QDA \.qdc"):
        load_codebook(tmp_path / "x.json")
