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
# # 4. Topics and learning effects
#
# Codes answer the questions the codebook asks. **Topics** show what else respondents
# talk about: groups of answers that use the same words, found by a model (BERTopic).
# **Learning effects** (*leereffecten*) show, per project, how codes and topics grow,
# appear or disappear from one wave to the next, with a short Dutch summary for the
# project's report.
#
# Run `01` and `02` first. Loading the topic model takes about ten seconds.

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"  # the project store made by 01 and coded by 02
coder = ""  # whose codings count; empty: the rules of the default codebook (notebook 02)
project = ""  # the project to summarize; empty: the first project with two or more waves
seed = 0  # the same seed gives the same topics and intervals
n_boot = 200  # bootstrap resamples for the intervals (1000 for a report)

# %%
# ruff: noqa: E402, RUF100
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

import sokwal_monitor as sm
from sokwal_monitor.coding.rules import rule_coder_name
from sokwal_monitor.learning import learning_effects, plot_learning_effects, summarize_learning
from sokwal_monitor.topics import (
    fit_topics,
    plot_topic_sizes,
    plot_topics_per_project,
    representative_quotes,
    topics_per_project,
    topics_per_wave,
)

project_store = sm.ProjectStore(store)
coder = coder or rule_coder_name(sm.load_codebook())
print("Codes of:", coder)

# %% [markdown]
# ## Topics
#
# The model reads the respondent turns and report paragraphs (not the questions) and
# groups them into topics. A topic's **label** is its three most typical words (Dutch
# lemmas). Topic `-1` (*overig*) holds the answers too short to place ("Ja hoor,
# prima."). The same store and seed give the same topics; another seed gives other,
# equally valid ones. The result is saved in the store, next to the codes.

# %%
result = fit_topics(project_store, seed=seed)
result.info[["topic", "label", "size", "words"]]

# %%
plot_topic_sizes(result)
plt.show()

# %% [markdown]
# ### Read before you name a topic
#
# Topics are found, not defined: read the most typical answers of a topic before you
# decide what it is about. Change `topic` to read another one.

# %%
topic = int(result.info.loc[result.info["topic"] >= 0, "topic"].iloc[0])
print("Topic", topic, "-", result.info.set_index("topic").loc[topic, "label"])
for quote in representative_quotes(result, project_store, topic=topic, n=3).itertuples():
    print(f"\n{quote.project_id} {quote.wave}: {quote.text}")

# %% [markdown]
# ### Topics per project and per wave
#
# The share of a project's (or wave's) answers in each topic; the shares of a project
# add up to 1.

# %%
per_project = topics_per_project(result, project_store)
plot_topics_per_project(per_project, top=8)
plt.show()

# %%
per_wave = topics_per_wave(result, project_store)
per_wave.pivot_table(index="label", columns="wave", values="share", fill_value=0).round(2)

# %% [markdown]
# ## Learning effects
#
# For each project and each pair of consecutive waves: the share of respondent answers
# with a code or topic `before` and `after`, the change (`delta`, 0.23 = 23 percentage
# points more) and its 95 % interval (`ci_low`, `ci_high`). An interval that contains 0
# means "no clear change": with a few interviews per wave that is the usual outcome, not
# a finding that nothing changed. Read the examples before you conclude anything.

# %%
effects = learning_effects(
    project_store, coder=coder, kinds=("code", "topic"), n_boot=n_boot, seed=seed
)
columns = ["project_id", "from_wave", "to_wave", "kind", "label", "before", "after", "delta"]
effects[[*columns, "ci_low", "ci_high"]].round(2).head(10)

# %%
project = project or str(effects["project_id"].iloc[0])
print("Project:", project)
plot_learning_effects(effects, project_id=project)
plt.show()

# %% [markdown]
# ## The Dutch summary for the report
#
# Generated from the table: what is new, grew, shrank or disappeared, each with a
# quote. It describes; the interpretation is yours to write.

# %%
display(Markdown(summarize_learning(effects, project_store, project_id=project)))

# %% [markdown]
# **Next:** `05_project_summary.ipynb` puts one project's results in a report.
