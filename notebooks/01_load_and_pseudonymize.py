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
# # 1. Load and pseudonymize
#
# This notebook reads a folder of interviews, reports and surveys into a **project
# store** (one file), and then **pseudonymizes** it: names, phone numbers, addresses and
# other personal data become pseudonyms such as `[PERSOON-12]`. Everything after this
# notebook (coding, agreement, topics, learning effects) works on the pseudonymized
# text only.
#
# Run it with *Run → Run All Cells*. The settings are in the next cell; the defaults
# use the synthetic sample in `data/sample/` (every name in it is fictional).

# %% tags=["parameters"]
sample = "../data/sample"  # the folder with the material (interviews, reports, surveys)
store = "../out/notebooks/sample.sokwal"  # the project store that notebooks 01-06 share
key = ""  # the key file; empty: next to the store (<store>-key). Better: an encrypted drive
fresh = True  # True: start from an empty store. This DELETES the store and its key file!
ask_passphrase = True  # ask for the key file's passphrase when SOKWAL_KEY_PASSPHRASE is unset

# %%
# ruff: noqa: E402, RUF100
import os
import shutil
import sys
from getpass import getpass
from pathlib import Path

import sokwal_monitor as sm
from sokwal_monitor.ingestion.surveys import survey_variables
from sokwal_monitor.privacy import PASSPHRASE_ENV, default_key_path, pseudonymize, review
from sokwal_monitor.topics import topics_folder

print(f"sokwal-monitor {sm.__version__}, Python {sys.executable}")

# %% [markdown]
# The line above says which Python runs this notebook: it should be the `.venv` of
# sokwal-monitor. If an import fails, pick the kernel *Python 3 (ipykernel)* of that
# environment (*Kernel → Change Kernel*).
#
# ## Start from an empty store
#
# With `fresh = True` the cell below deletes the store, its key file and SQLite's side
# files, so that running this notebook again gives the same result. That is what you
# want for the sample. **For your own project set `fresh = False`**: then new files are
# added to the existing store, unchanged files are left alone, and your codings stay.

# %%
store_path = Path(store)
key_path = Path(key) if key else default_key_path(store_path)
store_path.parent.mkdir(parents=True, exist_ok=True)
if fresh:
    for old in [store_path, key_path]:
        for suffix in ["", "-wal", "-shm", "-journal"]:
            Path(f"{old}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(topics_folder(store_path), ignore_errors=True)  # topics of an earlier run
print("Project store:", store_path.resolve())

# %% [markdown]
# ## Load the material
#
# `ingest` reads every file in the folder and its subfolders: Word, PDF, ODT, RTF,
# text, Markdown, HTML, Teams/Zoom subtitles and SPSS surveys. Interviews are split into
# speaker turns, reports into paragraphs. Project and document details (project, wave,
# kind) come from `projects.csv` and `documents.csv` in the folder, or from the file
# names (`P01_2018_interview_initiatiefnemer.docx`).
#
# Look at the `status` column: a file that could not be read says why, and the rest is
# loaded anyway.

# %%
report = sm.ingest(store_path, sample)
print(report.summary())
report.to_frame()[["path", "status", "message"]]

# %% [markdown]
# ## Pseudonymize
#
# Personal data is replaced by stable pseudonyms: the same person is `[PERSOON-12]` in
# every document and every wave. The originals go to a separate **key file**. Whoever
# has the key file can undo the pseudonymization, so keep it apart from the store
# (never send it along) and back it up. The first run takes a few seconds.
#
#
# The key file is **encrypted with a passphrase**. It comes from the environment
# variable `SOKWAL_KEY_PASSPHRASE` (set it before you start JupyterLab), or you type it
# in the box below (twice for a new key file). Never write it in this notebook or in a
# file beside the store. Without a passphrase the key file is not encrypted, and the run
# warns about it. Whoever loses the passphrase loses the originals (`docs/privacy.md`).

# %%
passphrase = os.environ.get(PASSPHRASE_ENV) or None
if passphrase is None and ask_passphrase:
    from IPython.core.error import StdinNotImplementedError

    try:
        passphrase = getpass("Passphrase of the key file (empty: not encrypted): ") or None
        if passphrase and not key_path.exists() and getpass("The same again: ") != passphrase:
            raise ValueError("the two passphrases differ: run this cell again")
    except StdinNotImplementedError:  # run without a person to ask (papermill, nbconvert)
        passphrase = None

# %%
pseudonymization = pseudonymize(store_path, key=key_path, passphrase=passphrase)
print(pseudonymization.summary())
for warning in pseudonymization.warnings:
    print("warning:", warning)
print("Key file (keep it apart):", key_path.resolve())

# %% [markdown]
# ## Check what was replaced
#
# The review table lists every pseudonym per document with a bit of context, the
# pseudonym in place. It does not show the originals, so it is safe to discuss. Look for
# two kinds of mistakes:
#
# * a name that is still in the text (a miss): add it with `pseudonymize(..., deny=["Name"])`;
# * a village or organisation that was replaced (a false hit): `allow=["Markeveen"]`.
#
# See `docs/privacy.md`. Corrections are remembered in the key file.

# %%
project_store = sm.ProjectStore(store_path)
pseudonyms = review(project_store)
print(f"{len(pseudonyms)} pseudonyms in {pseudonyms['path'].nunique()} documents")
pseudonyms[["pseudonym", "category", "path", "count", "context"]].head(10)

# %% [markdown]
# ## What is in the store
#
# Documents and segments (speaker turns, paragraphs) per project, wave, kind and file
# format. A survey has no segments: its answers are in a table of their own.

# %%
project_store.info()

# %% [markdown]
# The projects (from `projects.csv`):

# %%
project_store.projects()

# %% [markdown]
# Speaker turns per project and wave: `respondent` turns are what coding and topics use,
# `interviewer` turns (the questions) are left out there. Report paragraphs, and lines
# such as an interview's date and place, have no role.

# %%
segments = project_store.segments(with_metadata=True)
segments.pivot_table(
    index=["project_id", "wave"],
    columns=segments["role"].replace("", "(no role)"),
    values="segment_id",
    aggfunc="count",
    fill_value=0,
)

# %% [markdown]
# A few longer respondent turns, as the next notebooks see them: pseudonymized.

# %%
respondents = segments[(segments["role"] == "respondent") & (segments["text"].str.len() > 200)]
respondents[["project_id", "wave", "speaker", "text"]].head(3)

# %% [markdown]
# The survey variables (their answers are not shown here; open text answers in surveys
# are not pseudonymized yet, see `docs/privacy.md`):

# %%
survey_variables(project_store)[["path", "name", "label", "type", "measure"]]

# %% [markdown]
# **Next:** `02_code.ipynb` codes this store with the codebook.
