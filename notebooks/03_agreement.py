# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Agreement between coders
#
# Counts of a code only mean something if another careful reader, with the same
# codebook, would code the same passages. In a designlab session two or more people code
# the same documents **independently**; this notebook compares their codings code by
# code (Krippendorff's alpha, Cohen's kappa, percent agreement) and writes the
# disagreements for the consensus meeting.
#
# Run `01` and `02` first. Put the coders to compare in `coders`, e.g.
# `["anna", "bas"]`. **On the sample** there is no second human coder, so with
# `coders = []` the notebook makes one: a stricter rule coder that uses only the
# codebook's word (lemma) patterns, compared with the full rules of notebook 02.

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"  # the project store made by 01 and coded by 02
coders = []  # the coders to compare, e.g. ["anna", "bas"]; empty: a demonstration with rules
seed = 0  # the same seed gives the same confidence intervals
n_boot = 200  # bootstrap resamples for the confidence intervals (1000 for a report)

# %%
# ruff: noqa: E402, RUF100
import dataclasses
from pathlib import Path

import sokwal_monitor as sm
from sokwal_monitor.coding.rules import rule_coder_name
from sokwal_monitor.reliability import agreement, disagreements, disagreements_html

project_store = sm.ProjectStore(store)
print("Coders in this store:", ", ".join(project_store.codings()["coder"].unique()))

# %% [markdown]
# ## The coders
#
# With `coders = []`, the cell below codes the store a second time with a variant of
# the default codebook that keeps only the `lemma` patterns (no phrases, regular
# expressions or token patterns), under the coder name `rule:alleen_lemmas`. Where the
# two disagree, the phrase and pattern rules made the difference: the same kind of
# question a consensus meeting asks about two people.

# %%
if not coders:
    full = sm.load_codebook()
    lemmas_only = dataclasses.replace(
        full,
        name="sociale_kwaliteit_lemmas",
        codes=[
            dataclasses.replace(c, patterns=[p for p in c.patterns if "lemma" in p])
            for c in full.codes
        ],
    )
    print(sm.code_store(project_store, lemmas_only, coder="rule:alleen_lemmas").summary())
    coders = [rule_coder_name(full), "rule:alleen_lemmas"]
print("Comparing:", " and ".join(coders))

# %% [markdown]
# ## Agreement per code
#
# A unit is a segment (a speaker turn or report paragraph) of the documents every coder
# coded. How to read the table (`docs/agreement.md` has more):
#
# * **`krippendorff_alpha`** is the number to report: 1 is perfect agreement, 0 is
#   chance. Rely on codes with α ≥ 0.800, draw tentative conclusions from
#   0.667 ≤ α < 0.800, and do not use codes below that.
# * **`ci_low`, `ci_high`**: the 95 % interval of alpha. A code with α = 0.82 but
#   `ci_low` = 0.55 has not shown that it reaches 0.800.
# * **`n_coded_by_any`**: in how many segments at least one coder used the code. With
#   only a few, alpha is unstable.
# * An empty (NaN) alpha means nobody used the code: there is no evidence either way.
# * The last row, `(all codes)`, pools everything: judge the codes one by one.

# %%
table = agreement(project_store, coders, level="segment", n_boot=n_boot, seed=seed)
columns = ["code", "n_coded_by_any", "percent_agreement", "cohen_kappa"]
table[[*columns, "krippendorff_alpha", "ci_low", "ci_high"]].round(3)

# %% [markdown]
# The codes below 0.667 (or without a value) are the ones to discuss first:

# %%
table[(table["krippendorff_alpha"] < 0.667) | table["krippendorff_alpha"].isna()][
    ["code", "n_coded_by_any", "krippendorff_alpha"]
].round(3)

# %% [markdown]
# ## The disagreements
#
# One row per segment and code on which the coders differ: who gave the code
# (`coded_by`) and who did not (`not_coded_by`), with the segment's full text.

# %%
differences = disagreements(project_store, coders)
print(f"{len(differences)} disagreements in {differences['segment_id'].nunique()} segments")
differences[["path", "speaker", "code", "coded_by", "not_coded_by", "text"]].head(10)

# %% [markdown]
# ## For the consensus meeting
#
# The cell below writes the disagreements as a printable page next to the store: one
# box per segment, with an empty column *Besluit* for the decision. Go through it
# together, then sharpen the definitions, inclusion and exclusion criteria in the
# codebook, code a fresh sample and compute agreement again.

# %%
store_path = Path(store)
meeting_page = store_path.with_name(f"{store_path.stem}-overleg.html")
meeting_page.write_text(disagreements_html(differences), encoding="utf-8")
print("Open in a browser and print:", meeting_page.resolve())

# %% [markdown]
# **Next:** `04_topics_and_learning.ipynb` finds topics and the learning effects per
# project.
