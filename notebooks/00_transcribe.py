# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 0. Recordings to transcripts (optional)
#
# If your interviews are **recordings** (`.wav`, `.mp3`, `.m4a` from a recorder or a
# phone, `.mp4`/`.webm` from Teams or Zoom), this notebook turns them into transcripts on
# this computer: Dutch speech recognition (Whisper) with times and speakers
# (`Speaker 1`, `Speaker 2`, ...). **Nothing leaves the machine**: the model is a folder on
# your disk, and nothing is downloaded. The transcripts are then read by notebook 1 like
# any other interview, and pseudonymized there.
#
# You need a Whisper model folder (faster-whisper format); `docs/transcription.md` says
# which model suits Dutch and how your IT department puts one on your laptop. Set the
# folders in the next cell. With the defaults (no recordings given) the notebook only
# says what to do.

# %% tags=["parameters"]
recordings = ""  # the folder with recordings (or one recording); empty: skip this notebook
model = ""  # the Whisper model folder, e.g. "C:/modellen/faster-whisper-large-v3"
transcripts = "../out/notebooks/transcripts"  # where the transcripts go (.vtt and .txt)
speakers = 0  # how many people speak; 0: estimate it from the voices
diarize = True  # False: no speaker labels (one speaker)

# %%
# ruff: noqa: E402, RUF100
from pathlib import Path

import sokwal_monitor as sm
from sokwal_monitor.transcription import find_recordings

todo = bool(recordings) and bool(model)
if not todo:
    print(
        "No recordings given: nothing to transcribe. Set `recordings` (a folder) and"
        " `model` (a Whisper model folder) in the cell above and run the notebook again."
    )
else:
    found = find_recordings(recordings)
    print(f"{len(found)} recording(s) in {recordings}:")
    for path in found[:20]:
        print(" ", Path(path).name)

# %% [markdown]
# ## Transcribe
#
# A long recording takes a while (on a laptop without a GPU, roughly as long as the
# recording with a large model; the progress bar counts audio seconds). An interrupted
# run goes on where it stopped when you run the cell again; recordings already
# transcribed are skipped. A damaged or silent recording is listed with its error and
# the others go on.

# %%
if todo:
    result = sm.transcribe(
        recordings,
        model=model,
        out=transcripts,
        n_speakers=speakers or None,
        diarize=diarize,
        formats=("vtt",),
    )
    display(result[["path", "status", "duration", "seconds", "error"]])  # noqa: F821

# %% [markdown]
# ## Read a transcript
#
# The first turns of the first transcript: check the speakers and the text. Speech
# recognition makes mistakes, most with names, dialect and people talking at once;
# correct the `.vtt` file in a text editor where it matters before you load it.

# %%
if todo:
    done = result[result["status"] != "failed"]
    if done.empty:
        print("No transcript was made: see the errors above.")
    else:
        first = Path(done.iloc[0]["outputs"][0])
        cues = [line for line in first.read_text(encoding="utf-8").splitlines() if "<v " in line]
        print(f"{first.name}: {len(cues)} turns")
        for line in cues[:8]:
            print(" ", line)

# %% [markdown]
# ## Next: load the transcripts
#
# In notebook 1, set `sample` to the transcripts folder (or copy the `.vtt` files into
# your project folder next to your other documents) and run it: the transcripts are read
# with their speakers and times, the speaker who asks most questions becomes the
# interviewer, and everything is pseudonymized. From the command line, `sokwal ingest
# FOLDER --transcribe --model MODEL` does both steps at once and records each
# transcript's recording (its path and SHA-256; never the audio itself) in the store.

# %%
if todo:
    print(f"Transcripts: {Path(transcripts).resolve()}")
