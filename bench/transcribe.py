"""Benchmark: offline transcription's real-time factor, peak memory on a long recording,
and word error rate on synthetic Dutch speech.

A Dutch interview script is spoken by two espeak-ng voices taking turns (interviewer and
respondent, pauses between turns) into a dialogue of about a minute; the dialogue looped
with pauses makes the long recording (``--minutes``, default 30; ``--quick``: 3), saved as
MP3 as a recorder would. Each transcription runs in a child process of its own, which
reports its wall time and peak memory (``resource.getrusage`` max RSS), so the figures
of the short and the long recording are measured alike, in one run:

- ``rtf``: transcription seconds / audio seconds (below 1: faster than real time);
- ``peak_rss_mb``: the child's peak memory, for the dialogue, for a recording of a sixth
  of the long one (at least 2.5 minutes: full two-minute chunks, like the long one) and
  for the long one; ``memory_ratio_long_to_sixth`` close to 1 shows that a long
  recording streams through rather than being held whole (the dialogue, one short
  chunk, needs less);
- ``wer``: word error rate (jiwer) against the script, on the dialogue and on the long
  recording (the second also shows that no chunk is lost or doubled);
- ``der``: diarization error rate of the dialogue against its script's turns (no
  collar-free figure: a 0.25 s collar around each reference boundary, as is usual).

WER on synthetic speech says little about WER on real interviews: espeak's voices are
not people, and the script is read without hesitations, overlaps or background noise.

    .venv/bin/python bench/transcribe.py --quick             # about 3 minutes of audio
    .venv/bin/python bench/transcribe.py                     # 30 minutes (long on 2 cores)
    .venv/bin/python bench/transcribe.py --model DIR --device cuda   # a larger model, GPU

Without ``--model`` the test model (Whisper base, from the dev group's two packages) is
joined into a temporary folder. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from sokwal_monitor.transcription.audio import stream
from sokwal_monitor.transcription.diarize import (
    SpeakerTurn,
    diarization_error_rate,
    diarize,
)

HERE = Path(__file__).resolve().parent

#: (speaker, line): written for this benchmark, apart from any rule or test.
SCRIPT = [
    (0, "Kunt u vertellen hoe het buurtproject is begonnen?"),
    (1, "Het begon met een paar bewoners die samen wilden koken voor ouderen in de straat."),
    (0, "Wie hielp daarbij in het eerste jaar?"),
    (1, "De gemeente gaf een kleine subsidie en het wijkteam zocht vrijwilligers."),
    (0, "Wat ging er minder goed dan u had gehoopt?"),
    (1, "We hadden te weinig tijd om nieuwe mensen goed in te werken."),
    (0, "Wat zou u een ander project aanraden?"),
    (1, "Begin klein, vraag de buren wat zij nodig hebben en plan elke maand een overleg."),
]
VOICES = {0: ["-v", "nl+m3", "-s", "130"], 1: ["-v", "nl+f2", "-s", "125"]}
PAUSE = 0.8

_CHILD = r"""
import json, resource, sys, time
from sokwal_monitor.transcription import transcribe_file
args = json.loads(sys.argv[1])
started = time.perf_counter()
result = transcribe_file(args["audio"], model=args["model"], out=args["out"],
                         device=args["device"], progress=False, formats=("vtt",), force=True)
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "duration": result.duration,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "text": " ".join(c.text for c in result.cues),
}))
"""


def _run(*cmd: object) -> None:
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True)


def _duration(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def make_dialogue(folder: Path) -> tuple[Path, list[tuple[float, float, int]]]:
    """The script as one 16 kHz WAV, and its turns (start, end, speaker) as spoken."""
    parts, turns, at = [], [], 0.0
    for i, (speaker, line) in enumerate(SCRIPT):
        raw, part = folder / f"raw{i}.wav", folder / f"line{i}.wav"
        _run("espeak-ng", *VOICES[speaker], "-w", raw, line)
        _run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", part, "pad", "0", PAUSE)
        length = _duration(part)
        turns.append((at, at + length - PAUSE, speaker))
        parts.append(part)
        at += length
    out = folder / "dialogue.wav"
    _run("sox", *parts, out)
    return out, turns


def make_long(dialogue: Path, minutes: float, folder: Path, name: str = "long") -> tuple[Path, int]:
    """The dialogue looped (with a pause) to about ``minutes``, as MP3; the repeats."""
    length = _duration(dialogue) + 2.0
    repeats = max(1, round(minutes * 60 / length))
    looped = folder / f"{name}.wav"
    _run("sox", dialogue, looped, "pad", "0", "2", "repeat", repeats - 1)
    mp3 = folder / f"{name}.mp3"
    _run("ffmpeg", "-loglevel", "error", "-y", "-i", looped, "-b:a", "64k", mp3)
    looped.unlink()
    return mp3, repeats


def transcribe_in_child(audio: Path, model: Path, out: Path, device: str) -> dict:
    args = json.dumps({"audio": str(audio), "model": str(model), "out": str(out), "device": device})
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"the transcription failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer

    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())

    return round(float(jiwer.wer(norm(reference), norm(hypothesis))), 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="long recording (default 30)")
    parser.add_argument("--quick", action="store_true", help="a quick run: 3 minutes")
    parser.add_argument("--model", help="a faster-whisper model folder (default: the test model)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = parser.parse_args(argv)
    minutes = 3.0 if args.quick else args.minutes

    with tempfile.TemporaryDirectory(prefix="sokwal-bench-") as tmp:
        work = Path(tmp)
        if args.model:
            model = Path(args.model)
        else:
            sys.path.insert(0, str(HERE.parent / "tests"))
            from whisper_model import whisper_base_folder

            model = whisper_base_folder(work)
        dialogue, turns = make_dialogue(work)
        long, repeats = make_long(dialogue, minutes, work)
        sixth, _ = make_long(dialogue, max(2.5, minutes / 6), work, "sixth")
        script = " ".join(line for _, line in SCRIPT)

        short = transcribe_in_child(dialogue, model, work / "out-short", args.device)
        medium = transcribe_in_child(sixth, model, work / "out-sixth", args.device)
        longer = transcribe_in_child(long, model, work / "out-long", args.device)

        # diarization error rate of the dialogue against its script's turns
        reference = [SpeakerTurn(s, e, k) for s, e, k in turns]
        hypothesis = diarize(stream(dialogue), seed=0)
        der = round(float(diarization_error_rate(reference, hypothesis)), 3)

    result = {
        "model": model.name,
        "device": args.device,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "dialogue_seconds": round(short["duration"], 1),
        "dialogue_rtf": round(short["seconds"] / short["duration"], 3),
        "dialogue_wer": word_error_rate(script, short["text"]),
        "long_minutes": round(longer["duration"] / 60, 1),
        "long_seconds_taken": round(longer["seconds"], 1),
        "long_rtf": round(longer["seconds"] / longer["duration"], 3),
        "long_wer": word_error_rate(" ".join([script] * repeats), longer["text"]),
        "sixth_minutes": round(medium["duration"] / 60, 1),
        "sixth_rtf": round(medium["seconds"] / medium["duration"], 3),
        "peak_rss_mb_dialogue": round(short["peak_rss_mb"], 1),
        "peak_rss_mb_sixth": round(medium["peak_rss_mb"], 1),
        "peak_rss_mb_long": round(longer["peak_rss_mb"], 1),
        "memory_ratio_long_to_sixth": round(longer["peak_rss_mb"] / medium["peak_rss_mb"], 2),
        "der": der,
        "note": "synthetic espeak-ng speech: says little about real interviews",
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
