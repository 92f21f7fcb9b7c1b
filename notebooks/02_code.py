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
# # 2. Code
#
# This notebook codes the pseudonymized store of `01_load_and_pseudonymize.ipynb`:
# first with the **rules** of a codebook (fast, the same every time, but blunt), then
# **by hand**, a quote at a time, under your own name. Then it counts the codes per
# project and wave and shows coded passages in their context.
#
# Run `01_load_and_pseudonymize.ipynb` first; the settings are in the next cell.

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"  # the project store made by 01
coder = "onderzoeker"  # your name as a coder: it goes with every coding and memo you make
codebook = ""  # empty: the default codebook sociale_kwaliteit; or the path of your own .yaml

# %%
# ruff: noqa: E402, RUF100
import re

import matplotlib.pyplot as plt

import sokwal_monitor as sm
from sokwal_monitor.analysis import code_frequencies, plot_frequencies, quotes
from sokwal_monitor.codebook import DEFAULT_CODEBOOK
from sokwal_monitor.coding import add_memo, code_quote

project_store = sm.ProjectStore(store)

# %% [markdown]
# ## The codebook
#
# A codebook lists the codes with their definitions, what to include and exclude, and
# the patterns (words, phrases) the rules look for. The default Dutch codebook covers
# outcomes (*uitkomsten*), process, cooperation, volunteers and learning effects
# (*leereffecten*). To adapt it, copy the file below, edit the copy and put its path in
# `codebook` in the settings (see `docs/codebook.md`).

# %%
cb = sm.load_codebook(codebook) if codebook else sm.load_codebook()
print("Codebook:", codebook or DEFAULT_CODEBOOK, f"({len(cb)} codes)")
cb.to_frame()[["code", "parent", "definition"]]

# %% [markdown]
# ## Rule coding
#
# The rules code every respondent turn and report paragraph (interviewer questions are
# left out). Running this again replaces the earlier rule codings of this codebook;
# codings you made by hand are never touched. The rule codings get a coder name of their
# own (`rule:<codebook>@<version>`), printed below: notebooks 03 and 04 use it.

# %%
rule_report = sm.code_store(project_store, cb)
rule_coder = rule_report.coder
print(rule_report.summary())
print("Rule coder:", rule_coder)

# %% [markdown]
# ## How often each code occurs
#
# Counted as **segments** (speaker turns and paragraphs) with the code, per project and
# wave, so that a respondent who says the same thing three times in one answer counts
# once. A zero means the code does not occur there.

# %%
per_wave = code_frequencies(
    project_store, by=["project_id", "wave"], coder=rule_coder, unit="segments"
)
per_wave.pivot_table(
    index="code", columns=["project_id", "wave"], values="n", aggfunc="sum", fill_value=0
)

# %%
per_project = code_frequencies(project_store, by=["project_id"], coder=rule_coder, unit="segments")
plot_frequencies(per_project, top=15)
plt.show()

# %% [markdown]
# ## Quotes in context
#
# Counts only mean something when the coded passages are right. Read some: the coded
# words between » and «, with the text before and after them. Change `code` to read
# another code's quotes; the table `in_context` has them all.

# %%
code = "zou_anders_doen"
in_context = quotes(project_store, code, coder=rule_coder, context=60)
print(f"{len(in_context)} quotes of {code}\n")
for q in in_context.head(5).itertuples():
    line = f"...{q.before} »{q.quote}« {q.after}..."
    print(f"{q.project_id} {q.wave} {q.speaker}:", " ".join(line.split()), "\n")

# %% [markdown]
# ## Coding by hand
#
# You code a passage by quoting it: `code_quote(store, document, quote, code, coder=...)`
# finds the quote in the document (also when spacing or quotation marks differ) and
# stores a coding under your name. Quote the **pseudonymized** text, as shown here: the
# original names are no longer in the store.
#
# As an example, the cell below picks the first respondent sentence about volunteers
# (*vrijwilligers*) and codes it as `vrijwilligers_werven`. In your own work you would
# copy the sentence from a table like the ones above.

# %%
segments = project_store.segments(with_metadata=True)
respondents = segments[segments["role"] == "respondent"]
turn = respondents[respondents["text"].str.contains("vrijwilligers")].iloc[0]
sentence = re.search(r"[^.?!]*\bvrijwilligers\b[^.?!]*[.?!]?", turn["text"]).group().strip()
print(turn["path"], "|", turn["speaker"])
print(sentence)

# %%
coding_id = code_quote(
    project_store,
    turn["path"],
    sentence,
    "vrijwilligers_werven",
    coder=coder,
    memo="Voorbeeld: een codering op citaat.",
)
project_store.codings(coder=coder)[["code", "coder", "origin", "text", "memo"]]

# %% [markdown]
# ## Memos
#
# A memo keeps a thought about a code, a document or a project, under your name. Keep
# personal data out of memos: they are not pseudonymized.

# %%
add_memo(
    project_store,
    "vrijwilligers_werven",
    "Ook meetellen: zorgen dat vrijwilligers het werk kunnen verdelen.",
    author=coder,
)
project_store.memos()[["target_kind", "target", "author", "text"]]

# %% [markdown]
# ## The coding pane
#
# To code many passages by hand, use the coding pane below: the document turn by turn,
# your codings as coloured highlights, the rule codings as dashed underlines
# (suggestions you can accept or reject). **Select a passage with the mouse and click a
# code** (or press its number key, or type a few letters in the filter box and press
# Enter). Every action is saved in the store at once, under your name; `Ctrl+Z` undoes
# it. Press `?` in the pane for all keys (`docs/widget.md`).

# %%
from sokwal_monitor.pane import CodingPane

pane = CodingPane(project_store, cb, coder)
pane

# %% [markdown]
# After a few dozen codings, the model can learn your codes and suggest them for the
# rest (`docs/suggest.md`).
#
# **Next:** `03_agreement.ipynb` compares two coders.
