"""Benchmark: speaker diarization on synthetic Dutch interviews (issue 20).

Prints one JSON object:

- ``synthetic``: per dialogue (2 and 3 espeak-ng voices, each of the scripts of
  tests/speech.py) and per mode (``given``: the number of speakers passed; ``estimated``):
  ``der`` (collar 0.25 s), ``der_no_collar``, ``n_speakers`` found, ``audio_s`` and
  ``speed`` (seconds of audio per second of wall time, models already loaded); and the
  means ``der_mean``, ``count_right`` (share of dialogues whose estimated count is
  right, monologues included) and ``speed``.
- ``voices``: how far apart the speaker encoder puts the espeak voices: per dialogue the
  mean cosine similarity of a window to its own speaker's mean voice (``within``) and
  the highest similarity between two speakers' mean voices (``between``).
- ``long``: a ``--minutes`` long 2-speaker file streamed in 1 s chunks in a separate
  process: ``der``, ``speed`` and the peak resident memory (``peak_rss_mb``) against the
  same process on a 1-minute file (``peak_rss_short_mb``); ``audio_mb`` is what the
  whole recording would take as float32.

    .venv/bin/python bench/diarize.py                # 30-minute long file
    .venv/bin/python bench/diarize.py --minutes 5    # a quick look

Synthetic speech says little about real interviews (see docs/diarization.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # tests/speech.py: the dialogue writer

from speech import SCRIPTS, read_chunks, write_dialogue  # noqa: E402

from sokwal_monitor.transcription.diarize import (  # noqa: E402
    Diarizer,
    SpeakerTurn,
    diarization_error_rate,
    speaker_at,
)


def _gold(dialogue) -> list[SpeakerTurn]:
    return [SpeakerTurn(t.start, t.end, t.speaker) for t in dialogue.turns]


def _voices(est: Diarizer, gold: list[SpeakerTurn]) -> dict[str, float]:
    who = [speaker_at(gold, a, b) for a, b in est.windows_]
    keep = [i for i, s in enumerate(who) if s is not None]
    x = est.embeddings_[keep]
    labels = np.array([who[i] for i in keep])
    means = []
    within = []
    for s in np.unique(labels):
        m = x[labels == s].mean(axis=0)
        m /= np.linalg.norm(m)
        means.append(m)
        within.extend((x[labels == s] @ m).tolist())
    sims = np.array(means) @ np.array(means).T
    np.fill_diagonal(sims, -1)
    return {"within": round(float(np.mean(within)), 3), "between": round(float(sims.max()), 3)}


def synthetic(folder: Path, turns: int) -> dict:
    rows, voices = [], []
    # warm the models so that speed is the diarizer's, not the loading
    warm = write_dialogue(folder / "warm.wav", n_speakers=2, n_turns=2)
    Diarizer(n_speakers=2).fit(read_chunks(warm.path))
    for n in (1, 2, 3):
        for script in range(len(SCRIPTS)):
            d = write_dialogue(
                folder / f"d{n}{script}.wav", n_speakers=n, n_turns=turns, script=script, seed=n
            )
            gold = _gold(d)
            for mode in ("given", "estimated"):
                if n == 1 and mode == "given":
                    continue
                t0 = time.perf_counter()
                est = Diarizer(n_speakers=n if mode == "given" else None).fit(read_chunks(d.path))
                wall = time.perf_counter() - t0
                rows.append(
                    {
                        "speakers": n,
                        "script": script,
                        "mode": mode,
                        "audio_s": round(d.duration, 1),
                        "der": round(diarization_error_rate(gold, est.turns_), 4),
                        "der_no_collar": round(
                            diarization_error_rate(gold, est.turns_, collar=0.0), 4
                        ),
                        "n_speakers": est.n_speakers_,
                        "speed": round(d.duration / wall, 1),
                    }
                )
                if mode == "estimated" and n > 1:
                    voices.append({"speakers": n, "script": script, **_voices(est, gold)})
    dialogues = [r for r in rows if r["speakers"] > 1]
    estimated = [r for r in rows if r["mode"] == "estimated"]
    return {
        "dialogues": rows,
        "der_mean": round(float(np.mean([r["der"] for r in dialogues])), 4),
        "der_no_collar_mean": round(float(np.mean([r["der_no_collar"] for r in dialogues])), 4),
        "count_right": round(
            float(np.mean([r["n_speakers"] == r["speakers"] for r in estimated])), 3
        ),
        "speed": round(
            sum(r["audio_s"] for r in rows) / sum(r["audio_s"] / r["speed"] for r in rows), 1
        ),
        "voices": voices,
    }


def child(path: str, gold_path: str) -> None:
    """Diarize one file in 1 s chunks; print DER, wall time and peak RSS as JSON."""
    gold = [SpeakerTurn(*row) for row in json.loads(Path(gold_path).read_text())]
    t0 = time.perf_counter()
    est = Diarizer().fit(read_chunks(path, 1.0))
    wall = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "der": round(diarization_error_rate(gold, est.turns_), 4),
                "n_speakers": est.n_speakers_,
                "windows": len(est.windows_),
                "wall_s": round(wall, 1),
                "peak_rss_mb": round(peak_kb / 1024, 1),
            }
        )
    )


def long_file(folder: Path, minutes: float) -> dict:
    out = {}
    for name, length in (("short", 1.0), ("long", minutes)):
        d = write_dialogue(folder / f"{name}.wav", n_speakers=2, minutes=length, seed=5)
        gold = folder / f"{name}.json"
        gold.write_text(json.dumps([[t.start, t.end, t.speaker] for t in d.turns]))
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(d.path), str(gold)],
            capture_output=True,
            text=True,
            check=True,
        )
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        res["audio_s"] = round(d.duration, 1)
        res["speed"] = round(d.duration / res["wall_s"], 1)
        out[name] = res
    return {
        "minutes": minutes,
        "der": out["long"]["der"],
        "n_speakers": out["long"]["n_speakers"],
        "windows": out["long"]["windows"],
        "speed": out["long"]["speed"],
        "peak_rss_mb": out["long"]["peak_rss_mb"],
        "peak_rss_short_mb": out["short"]["peak_rss_mb"],
        "peak_rss_ratio": round(out["long"]["peak_rss_mb"] / out["short"]["peak_rss_mb"], 2),
        "audio_mb": round(out["long"]["audio_s"] * 16_000 * 4 / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the long file")
    parser.add_argument("--turns", type=int, default=10, help="turns per synthetic dialogue")
    parser.add_argument("--child", nargs=2, metavar=("WAV", "GOLD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = {"synthetic": synthetic(folder, args.turns)}
        if args.minutes > 0:
            result["long"] = long_file(folder, args.minutes)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
