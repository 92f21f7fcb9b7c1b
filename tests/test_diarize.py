"""Speaker diarization (issue 20): turns, counts and DER on synthetic Dutch interviews.

The interviews are espeak-ng voices reading known scripts (tests/speech.py), so the
gold turns are exact. Figures measured on this machine (December 2026, collar 0.25 s):
DER 0.000 on the 2- and 3-speaker dialogues below with the count given or estimated;
the bound asserted is 0.10. Synthetic voices differ more than two real people on one
phone line: these figures say little about real interviews (docs/diarization.md).
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from speech import Dialogue, have_tools, read_chunks, write_dialogue

from sokwal_monitor.transcription.diarize import (
    SAMPLE_RATE,
    Diarizer,
    SpeakerTurn,
    diarization_error_rate,
    diarize,
    speaker_at,
)

needs_models = pytest.mark.skipif(
    importlib.util.find_spec("resemblyzer") is None
    or importlib.util.find_spec("faster_whisper") is None
    or not have_tools(),
    reason="needs the transcribe extra (resemblyzer, faster-whisper) and espeak-ng + sox",
)

DER_BOUND = 0.10  # measured 0.000 on every dialogue below; margin for other CPUs/BLAS
CHANGE_TOLERANCE = 0.5  # seconds


def gold(d: Dialogue) -> list[SpeakerTurn]:
    return [SpeakerTurn(t.start, t.end, t.speaker) for t in d.turns]


def audio(d: Dialogue) -> np.ndarray:
    return np.concatenate([x for _, x in read_chunks(d.path, 60.0)])


# ------------------------------------------------------------------ the test set

SETS = {
    # name: (speakers, turns, script, seed); scripts differ so tests don't share one text
    "two": (2, 9, 1, 11),
    "three": (3, 10, 2, 12),
    "mono": (1, 6, 0, 13),
}


@pytest.fixture(scope="module")
def dialogues(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Dialogue]:
    if not have_tools():
        pytest.skip("espeak-ng and sox are needed to make the test speech")
    folder = tmp_path_factory.mktemp("speech")
    return {
        name: write_dialogue(folder / f"{name}.wav", n_speakers=n, n_turns=t, script=s, seed=seed)
        for name, (n, t, s, seed) in SETS.items()
    }


@pytest.fixture(scope="module")
def results(dialogues: dict[str, Dialogue]) -> dict[tuple[str, str], Diarizer]:
    """Each dialogue diarized once with the count given and once estimated (1 s chunks)."""
    if importlib.util.find_spec("resemblyzer") is None:
        pytest.skip("needs the transcribe extra")
    out = {}
    for name, d in dialogues.items():
        out[name, "given"] = Diarizer(n_speakers=d.n_speakers).fit(read_chunks(d.path, 1.0))
        out[name, "estimated"] = Diarizer().fit(read_chunks(d.path, 1.0))
    return out


# ------------------------------------------------------------------ the generator


@pytest.mark.skipif(not have_tools(), reason="needs espeak-ng and sox")
def test_the_synthetic_dialogue_matches_its_gold(dialogues: dict[str, Dialogue]) -> None:
    d = dialogues["three"]
    samples = audio(d)
    assert len(samples) / SAMPLE_RATE == pytest.approx(d.duration, abs=1e-3)
    assert [t.speaker for t in d.turns[:4]] == [0, 1, 2, 0]
    assert all(t.text.endswith("?") for t in d.turns if t.speaker == 0)
    assert not any(t.text.endswith("?") for t in d.turns if t.speaker != 0)
    for a, b in zip(d.turns, d.turns[1:], strict=False):
        assert a.start < a.end <= b.start - 0.59  # a pause of at least 0.6 s
    for t in d.turns:  # speech inside each turn, silence between them
        inside = samples[int(t.start * SAMPLE_RATE) : int(t.end * SAMPLE_RATE)]
        assert np.abs(inside).max() > 0.05
    between = samples[int(d.turns[0].end * SAMPLE_RATE) + 1 : int(d.turns[1].start * SAMPLE_RATE)]
    assert np.abs(between).max() == 0
    texts = {name: {t.text for t in x.turns} for name, x in dialogues.items()}
    assert not texts["two"] & texts["three"]  # different scripts


# ------------------------------------------------------------------ accuracy


@needs_models
@pytest.mark.slow
@pytest.mark.parametrize("name", ["two", "three"])
@pytest.mark.parametrize("count", ["given", "estimated"])
def test_der_is_low_on_synthetic_dialogues(
    dialogues: dict[str, Dialogue], results: dict, name: str, count: str
) -> None:
    est = results[name, count]
    der = diarization_error_rate(gold(dialogues[name]), est.turns_)
    assert der <= DER_BOUND, (name, count, der)


@needs_models
@pytest.mark.slow
@pytest.mark.parametrize(("name", "expected"), [("two", 2), ("three", 3), ("mono", 1)])
def test_the_estimated_count_is_right(results: dict, name: str, expected: int) -> None:
    est = results[name, "estimated"]
    assert est.n_speakers_ == expected
    assert len({t.speaker for t in est.turns_}) == expected


def _changes(turns: list[SpeakerTurn]) -> list[tuple[float, float]]:
    """(end of one speaker, start of the next) at every change of speaker."""
    return [(a.end, b.start) for a, b in itertools.pairwise(turns) if a.speaker != b.speaker]


@needs_models
@pytest.mark.slow
@pytest.mark.parametrize("name", ["two", "three"])
def test_speaker_changes_land_near_the_scripts(
    dialogues: dict[str, Dialogue], results: dict, name: str
) -> None:
    want = _changes(gold(dialogues[name]))
    got = _changes(results[name, "estimated"].turns_)
    assert len(got) == len(want)
    for (end, start), (g_end, g_start) in zip(want, got, strict=True):
        assert abs(g_end - end) <= CHANGE_TOLERANCE
        assert abs(g_start - start) <= CHANGE_TOLERANCE


@needs_models
@pytest.mark.slow
def test_turns_are_sorted_apart_and_numbered_by_first_appearance(results: dict) -> None:
    for est in results.values():
        turns = est.turns_
        assert turns
        for a, b in itertools.pairwise(turns):
            assert a.start < a.end <= b.start
        first: list[int] = []
        for t in turns:
            if t.speaker not in first:
                first.append(t.speaker)
        assert first == list(range(len(first)))
        assert turns[-1].end <= est.duration_ + 1e-6


@needs_models
@pytest.mark.slow
def test_a_monologue_is_one_speaker(dialogues: dict[str, Dialogue], results: dict) -> None:
    turns = results["mono", "estimated"].turns_
    assert {t.speaker for t in turns} == {0}
    assert diarization_error_rate(gold(dialogues["mono"]), turns) <= DER_BOUND


# ------------------------------------------------------------------ streaming and determinism


@needs_models
@pytest.mark.slow
def test_chunk_size_does_not_change_the_turns(
    dialogues: dict[str, Dialogue], results: dict
) -> None:
    d = dialogues["two"]
    one_second = results["two", "given"].turns_
    for seconds in (30.0, 0.37):
        other = diarize(read_chunks(d.path, seconds), n_speakers=2)
        assert len(other) == len(one_second)
        assert diarization_error_rate(one_second, other, collar=0.0) <= 0.02


@needs_models
@pytest.mark.slow
def test_same_seed_same_turns_also_when_a_long_recording_is_sampled(
    dialogues: dict[str, Dialogue],
) -> None:
    d = dialogues["two"]
    # max_points below the number of windows: the sampled path of a long recording
    runs = [Diarizer(max_points=20, seed=3).fit(read_chunks(d.path)).turns_ for _ in range(2)]
    assert runs[0] == runs[1]
    assert diarization_error_rate(gold(d), runs[0]) <= DER_BOUND
    assert diarize(read_chunks(d.path)) == diarize(read_chunks(d.path))


@needs_models
@pytest.mark.slow
def test_a_gap_between_chunks_shifts_the_later_turns(dialogues: dict[str, Dialogue]) -> None:
    d = dialogues["two"]
    samples = audio(d)
    cut = int((d.turns[2].end + 0.3) * SAMPLE_RATE)  # inside the pause after turn 3
    chunks = [(0.0, samples[:cut]), (cut / SAMPLE_RATE + 100.0, samples[cut:])]
    turns = diarize(chunks, n_speakers=2)
    shifted = [
        SpeakerTurn(
            t.start + 100 * (t.start > cut / SAMPLE_RATE),
            t.end + 100 * (t.start > cut / SAMPLE_RATE),
            t.speaker,
        )
        for t in gold(d)
    ]
    assert diarization_error_rate(shifted, turns) <= DER_BOUND


# ------------------------------------------------------------------ odd and hostile input


@needs_models
def test_silence_and_nothing_give_no_turns() -> None:
    assert diarize([]) == []
    assert diarize(iter(())) == []
    assert diarize([(0.0, np.zeros(0, dtype=np.float32))]) == []
    silence = [(float(s), np.zeros(SAMPLE_RATE, dtype=np.float32)) for s in range(20)]
    est = Diarizer().fit(silence)
    assert est.turns_ == [] and est.n_speakers_ == 0 and est.duration_ == 20.0
    hum = np.random.default_rng(0).normal(0, 1e-4, 5 * SAMPLE_RATE).astype(np.float32)
    assert diarize([(0.0, hum)]) == []


@needs_models
def test_audio_shorter_than_one_window_is_one_speaker(dialogues: dict[str, Dialogue]) -> None:
    d = dialogues["two"]
    t = d.turns[1]
    start = int((t.start + 0.5) * SAMPLE_RATE)
    snippet = audio(d)[start : start + int(1.0 * SAMPLE_RATE)]
    turns = diarize([(5.0, snippet)])
    assert len(turns) == 1 and turns[0].speaker == 0
    assert 5.0 <= turns[0].start < turns[0].end <= 6.0 + 1e-6
    assert diarize([(0.0, snippet[:1000])]) == []  # 60 ms: no speech segment


@needs_models
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_samples_are_refused_with_their_time(bad: float) -> None:
    samples = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)
    samples[SAMPLE_RATE + 8000] = bad
    chunks = [(0.0, np.zeros(SAMPLE_RATE, dtype=np.float32)), (1.0, samples)]
    with pytest.raises(ValueError, match=r"chunk 1: sample 24000 \(at 2\.50 s\) is not a finite"):
        diarize(chunks)


@needs_models
@pytest.mark.parametrize(
    ("samples", "error", "match"),
    [
        (np.zeros(100, dtype=np.int16), TypeError, "divide by 32768"),
        (np.zeros((100, 2), dtype=np.float32), ValueError, "mono"),
        (np.zeros((2, 3, 4), dtype=np.float32), ValueError, "mono"),
        ([0.0, 0.1], TypeError, "numpy array"),
        ("audio.wav", TypeError, "numpy array"),
    ],
)
def test_wrong_samples_are_refused(samples: object, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        diarize([(0.0, samples)])  # type: ignore[list-item]


@needs_models
def test_column_and_row_vectors_and_float64_are_read(dialogues: dict[str, Dialogue]) -> None:
    d = dialogues["two"]
    x = audio(d)[: int(d.turns[1].end * SAMPLE_RATE)].astype(np.float64)
    want = diarize([(0.0, x.astype(np.float32))])
    assert want
    assert diarize([(0.0, x)]) == want
    assert diarize([(0.0, x[:, None])]) == want
    assert diarize([(0.0, x[None, :])]) == want


@needs_models
def test_bad_streams_are_refused() -> None:
    x = np.zeros(SAMPLE_RATE, dtype=np.float32)
    with pytest.raises(TypeError, match="not one array"):
        diarize(x)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pair"):
        diarize([x])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="time order"):
        diarize([(0.0, x), (0.5, x)])
    with pytest.raises(TypeError, match="start time"):
        diarize([("soon", x)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="start time"):
        diarize([(-1.0, x)])


@pytest.mark.parametrize(
    "options",
    [{"n_speakers": 0}, {"n_speakers": 2.5}, {"n_speakers": True}, {"max_speakers": 0}],
)
def test_bad_options_are_refused(options: dict) -> None:
    with pytest.raises(ValueError, match="whole number"):
        diarize([], **options)


def test_importing_loads_no_model() -> None:
    code = (
        "import sys, sokwal_monitor.transcription.diarize; "
        "print(sorted(m for m in ('torch', 'resemblyzer', 'librosa', 'onnxruntime') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ DER and speaker_at

REF = [SpeakerTurn(0.0, 10.0, 0), SpeakerTurn(10.0, 20.0, 1), SpeakerTurn(25.0, 30.0, 0)]


def test_der_of_the_reference_itself_is_zero() -> None:
    assert diarization_error_rate(REF, REF) == 0.0
    assert diarization_error_rate(REF, REF, collar=0.0) == 0.0


def test_der_ignores_how_speakers_are_named() -> None:
    swapped = [SpeakerTurn(t.start, t.end, {0: 7, 1: 3}[t.speaker]) for t in REF]
    assert diarization_error_rate(REF, swapped, collar=0.0) == 0.0


def test_der_is_one_when_everything_is_missed() -> None:
    assert diarization_error_rate(REF, [], collar=0.0) == 1.0
    assert diarization_error_rate(REF, []) == 1.0


def test_der_counts_a_known_confusion_and_false_alarm() -> None:
    # 0-15 one speaker: 10-15 confused (5 s); 20-25 false alarm (5 s); of 25 s speech
    hyp = [SpeakerTurn(0.0, 15.0, 4), SpeakerTurn(15.0, 25.0, 5), SpeakerTurn(25.0, 30.0, 4)]
    assert diarization_error_rate(REF, hyp, collar=0.0) == pytest.approx(10 / 25)
    # with a 0.25 s collar around the reference boundaries (0, 10, 20, 25, 30): scored
    # reference speech 9.5 + 9.5 + 4.5 = 23.5 s; confused 10.25-15 (4.75 s); false
    # alarm 20.25-24.75 (4.5 s)
    assert diarization_error_rate(REF, hyp) == pytest.approx((4.75 + 4.5) / 23.5)


def test_der_on_missed_half_and_overlapping_reference() -> None:
    assert diarization_error_rate(REF, REF[:1], collar=0.0) == pytest.approx(15 / 25)
    overlap = [SpeakerTurn(0.0, 10.0, 0), SpeakerTurn(5.0, 10.0, 1)]
    assert diarization_error_rate(overlap, [SpeakerTurn(0.0, 10.0, 0)], collar=0.0) == (
        pytest.approx(5 / 15)
    )


def test_der_edge_cases() -> None:
    assert diarization_error_rate([], []) == 0.0
    with pytest.raises(ValueError, match="no speech to score"):
        diarization_error_rate([], [SpeakerTurn(0.0, 1.0, 0)])
    with pytest.raises(ValueError, match="ends before it starts"):
        diarization_error_rate([SpeakerTurn(2.0, 1.0, 0)], [])
    with pytest.raises(ValueError, match="collar"):
        diarization_error_rate(REF, REF, collar=-1)


def test_speaker_at() -> None:
    assert speaker_at(REF, 8.0, 14.0) == 1
    assert speaker_at(REF, 8.0, 12.0) == 0  # a tie goes to the lower number
    assert speaker_at(REF, 20.0, 25.0) is None
    assert speaker_at([], 0.0, 1.0) is None
    assert speaker_at(REF, 21.0, 26.0) == 0


def test_the_speech_module_is_not_part_of_the_package() -> None:
    assert not (Path(__file__).parents[1] / "src" / "sokwal_monitor" / "speech.py").exists()
