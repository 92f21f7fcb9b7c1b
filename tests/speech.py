"""Synthetic Dutch interviews for the speech tests and benchmarks (issue 20).

Two or three espeak-ng voices take turns reading a known script (an interview about a
local social project: the interviewer asks, ending in ``?``; one or two respondents
answer), with pauses of known length between the turns. The result is a 16 kHz mono
16-bit wav and its gold: per turn the text, the speaker (0-based, in order of first
appearance, the interviewer is 0) and the start and end in seconds, measured on the
synthesized audio (espeak's own leading and trailing silence trimmed).

Needs Debian's ``espeak-ng`` and ``sox`` on the PATH (tests skip without them). Used by
``tests/test_diarize.py`` and by ``bench/diarize.py`` (which puts ``tests/`` on
``sys.path``); nothing in ``src/`` imports it.

    from speech import write_dialogue
    gold = write_dialogue(tmp_path / "a.wav", n_speakers=2, n_turns=8, seed=1)
    gold.turns[0]  # Turn(speaker=0, start=0.3, end=2.6, text='...?')

Synthetic speech says little about real interviews: espeak voices differ mainly in
pitch, speed and formant settings, there is no overlap, no room, no telephone line.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16_000

# espeak-ng voice, pitch (-p, 0..99) and speed (-s, words per minute) of each speaker.
# Speaker 0 is the interviewer. Chosen to sound different, not tuned on the diarizer.
VOICES: tuple[tuple[str, int, int], ...] = (
    ("nl+m3", 35, 150),
    ("nl+f3", 70, 165),
    ("nl+m7", 55, 135),
    ("nl+f2", 85, 175),
)

# Scripts: (question, answer, answer of a second respondent). Written for these tests,
# apart from any rule or threshold of the diarizer.
SCRIPTS: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (  # a neighbourhood centre
        (
            "Hoe lang bent u al betrokken bij het buurthuis?",
            "Sinds drie jaar, ik kwam eerst voor de koffieochtend en nu help ik bij de "
            "inloop op dinsdag.",
            "Ik ben er pas een half jaar, via mijn buurvrouw.",
        ),
        (
            "Wat levert het u persoonlijk op?",
            "Ik ken nu mensen in mijn straat. Vroeger groette ik niemand, nu drinken we "
            "samen koffie.",
            "Vooral rust. Thuis zit ik alleen, hier praat ik met mensen.",
        ),
        (
            "Waar loopt u tegenaan?",
            "De openingstijden. Na vijf uur is alles dicht, terwijl werkende mensen dan "
            "pas kunnen komen.",
            "Het gebouw is oud en de lift doet het vaak niet.",
        ),
        (
            "Wat zou de gemeente anders moeten doen?",
            "Luisteren naar de vrijwilligers, en niet elk jaar een nieuw plan bedenken.",
            "Meer geld voor de activiteiten zelf, minder voor rapporten.",
        ),
        (
            "Heeft u nog iets toe te voegen?",
            "Nee, ik denk dat ik alles gezegd heb. Dank u wel.",
            "Alleen dat de vrijwilligers het verdienen om gezien te worden.",
        ),
    ),
    (  # a debt-counselling project
        (
            "Hoe bent u bij het schuldhulpproject terechtgekomen?",
            "Mijn huisarts gaf mij een folder. Ik schaamde me eerst heel erg om te bellen.",
            "Via de voedselbank, daar zeiden ze dat ik moest gaan.",
        ),
        (
            "Hoe was het eerste gesprek?",
            "Beter dan ik dacht. De vrijwilliger oordeelde niet en nam de tijd voor mijn papieren.",
            "Spannend, maar ze legden alles rustig uit.",
        ),
        (
            "Wat is er sindsdien veranderd?",
            "Ik open mijn post weer. Dat klinkt klein, maar dat deed ik twee jaar niet.",
            "Ik heb een overzicht van mijn schulden en een plan om ze af te lossen.",
        ),
        (
            "Wat vond u moeilijk aan het traject?",
            "Het wachten op de bewindvoerder. Drie maanden hoorde ik niets.",
            "Alle formulieren, het zijn er ontzettend veel.",
        ),
        (
            "Zou u het project aanraden aan anderen?",
            "Zeker, ik heb het mijn zus al verteld.",
            "Ja, maar dan moeten ze wel sneller kunnen beginnen.",
        ),
    ),
    (  # a youth sports programme
        (
            "Wat doet u precies bij het sportproject in de wijk?",
            "Ik geef twee keer per week voetbaltraining aan jongens en meisjes tussen tien "
            "en veertien jaar.",
            "Ik regel de zaal en de materialen, en ik breng soms kinderen naar huis.",
        ),
        (
            "Merkt u verschil bij de jongeren?",
            "Ja, ze komen op tijd en ze helpen elkaar. Er is minder ruzie op het plein.",
            "Sommige ouders komen nu ook kijken, dat gebeurde eerst nooit.",
        ),
        (
            "Wat kan er beter?",
            "We hebben te weinig trainers. Als ik ziek ben, valt de training uit.",
            "Het veld is 's winters te nat, we hebben een overdekte plek nodig.",
        ),
        (
            "Hoe ziet u de toekomst van het project?",
            "Als de subsidie doorgaat, willen we ook een meidenteam beginnen.",
            "Ik hoop dat de oudere jongens later zelf trainer worden.",
        ),
    ),
)


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a synthetic dialogue (times in seconds)."""

    speaker: int
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Dialogue:
    """A written dialogue: its wav file, duration and gold turns."""

    path: Path
    duration: float
    turns: tuple[Turn, ...]
    n_speakers: int


def have_tools() -> bool:
    """Whether espeak-ng and sox are on the PATH."""
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def _synthesize(text: str, voice: tuple[str, int, int], work: Path) -> np.ndarray:
    """espeak-ng → sox (16 kHz mono 16-bit) → float32 samples, silence trimmed."""
    name, pitch, speed = voice
    raw, out = work / "raw.wav", work / "out.wav"
    subprocess.run(
        ["espeak-ng", "-v", name, "-p", str(pitch), "-s", str(speed), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out), "rb") as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    audio = samples.astype(np.float32) / 32768.0
    loud = np.flatnonzero(np.abs(audio) > 1e-3)
    return audio[loud[0] : loud[-1] + 1] if len(loud) else audio[:0]


def _script_lines(script: int, n_speakers: int, n_turns: int) -> Iterator[tuple[int, str]]:
    """(speaker, text) of the turns: question, answer(s), next question, ... cycling."""
    rows = SCRIPTS[script % len(SCRIPTS)]
    k = 0
    while True:
        for question, answer, second in rows:
            for speaker, text in ((0, question), (1, answer), (2, second)):
                if speaker >= n_speakers:
                    continue
                if k == n_turns:
                    return
                yield speaker, text
                k += 1


def write_dialogue(
    path: str | Path,
    *,
    n_speakers: int = 2,
    n_turns: int = 8,
    script: int = 0,
    seed: int = 0,
    minutes: float | None = None,
    pause: tuple[float, float] = (0.6, 1.2),
    voices: tuple[tuple[str, int, int], ...] = VOICES,
) -> Dialogue:
    """Write a synthetic interview to ``path`` (16 kHz mono wav) and return its gold.

    ``n_speakers``: 1 (a monologue: the answers read by one voice), 2 (interviewer and a
    respondent) or 3 (two respondents answer in turn). ``pause``: the range (seconds) of
    the random pause between turns, drawn with ``seed``; a 0.3 s lead-in starts the file.
    ``minutes``: instead of ``n_turns``, loop the script until the file is that long (for
    memory benchmarks); the audio is streamed to disk, never held whole.
    """
    if not 1 <= n_speakers <= min(3, len(voices)):
        raise ValueError(f"n_speakers must be 1, 2 or 3, got {n_speakers}")
    path = Path(path)
    rng = random.Random(seed)
    turns: list[Turn] = []
    cache: dict[tuple[int, str], np.ndarray] = {}
    limit = None if minutes is None else minutes * 60.0
    endless = limit is not None or n_speakers == 1
    lines = _script_lines(script, max(n_speakers, 2), 10**9 if endless else n_turns)
    written = 0
    with tempfile.TemporaryDirectory() as tmp, wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)

        def emit(audio: np.ndarray) -> None:
            nonlocal written
            out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
            written += len(audio)

        emit(np.zeros(int(0.3 * RATE), dtype=np.float32))
        for speaker, text in lines:
            if n_speakers == 1:
                if speaker == 0:
                    continue  # a monologue: the answers only
                speaker = 0
            key = (speaker, text)
            if key not in cache:
                cache[key] = _synthesize(text, voices[speaker], Path(tmp))
            audio = cache[key]
            start = written / RATE
            emit(audio)
            turns.append(Turn(speaker, start, written / RATE, text))
            emit(np.zeros(int(rng.uniform(*pause) * RATE), dtype=np.float32))
            if n_speakers == 1 and limit is None and len(turns) == n_turns:
                break
            if limit is not None and written / RATE >= limit:
                break
    return Dialogue(path, written / RATE, tuple(turns), n_speakers)


def read_chunks(path: str | Path, seconds: float = 1.0) -> Iterator[tuple[float, np.ndarray]]:
    """Stream a 16-bit mono wav as ``(start seconds, float32 samples)`` chunks."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        step = max(1, int(seconds * rate))
        done = 0
        while True:
            data = w.readframes(step)
            if not data:
                return
            samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
            yield done / rate, samples
            done += len(samples)
