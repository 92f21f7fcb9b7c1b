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
# # 08 · Designlab: cards, boards, and what the groups agree on
#
# Prepare a card set for a designlab session, print it, open the sorting board, take the
# boards the groups exported back into the store, and read the session report: the
# groups of each board, what every board put together, agreement between the boards and
# with your codes, the top-voted groups and proposed codebook changes.
#
# Parameters: `store` (a pseudonymized project store), `out` (a folder for the session's
# files), `session` (the session's name), `researcher` (your coder name: the boards are
# compared with your codes, and accepted codes are recorded with it), `boards` (the
# board files the groups exported; empty: two example boards are made from the sample).

# %% tags=["parameters"]
store = "../out/notebooks/sample.sokwal"
out = "../out/notebooks"
session = "voorbeeldsessie"
researcher = "onderzoeker"
boards: list[str] = []
n_cards = 12
seed = 1

# %%
import hashlib
import json
import random
from pathlib import Path

from IPython.display import display

from sokwal_monitor import ProjectStore
from sokwal_monitor.designlab import (
    accept_candidates,
    card_set_id,
    designlab_report,
    import_board,
    session_summary,
)

project = ProjectStore(store, create=False)
folder = Path(out) / "designlab"
folder.mkdir(parents=True, exist_ok=True)

# %% [markdown] tags=["explain"]
# ## The card set
# A reproducible (seeded) choice of quotes from the pseudonymized store, balanced over
# projects and waves; each card has a short id, its project, wave and role, never a
# name. `write_cards` writes the printable cards (`cards.pdf`, 8 per A4 page), the
# sorting board (`board.html`) and the card set (`cardset.json`).

# %%
try:
    from sokwal_monitor.designlab import card_set, write_cards
except ImportError:  # the card set and the board come with the other part of issue 18
    card_set = write_cards = None
cards: list[dict] = []
if card_set is not None:
    chosen = card_set(project, sample=n_cards, seed=seed)
    write_cards(chosen, folder)
    if (folder / "cardset.json").exists():
        cards = json.loads((folder / "cardset.json").read_text(encoding="utf-8"))["cards"]
if not cards:
    print(
        "The card set, the printed cards and the sorting board (card_set, write_cards) are"
        " not in this version; the cards below are respondent turns chosen here instead."
    )
    turns = project.segments(with_metadata=True)
    turns = turns[(turns["role"] == "respondent") & (turns["end_char"] - turns["start_char"] > 80)]
    picked = sorted(random.Random(seed).sample(range(len(turns)), min(n_cards, len(turns))))
    for i, turn in enumerate(turns.iloc[picked].itertuples(), start=1):
        cards.append(
            {
                "card_id": f"K{i:02d}",
                "doc_id": turn.doc_id,
                "start_char": int(turn.start_char),
                "end_char": int(turn.end_char),
                "sha256": hashlib.sha256(turn.text.encode("utf-8")).hexdigest(),
                "project_id": turn.project_id,
                "wave": turn.wave,
            }
        )
set_id = card_set_id(cards)
print(f"card set {set_id}: {len(cards)} cards")

# %% [markdown] tags=["explain"]
# ## Print the cards, open the board
# Print `cards.pdf` and cut along the marks, or open `board.html` in a browser on a
# laptop, a big screen or a touch table: it needs no network. Each group sorts the cards
# on its own board, names and colours its groups, votes, and exports the board as JSON.

# %%
for name in ("cards.pdf", "board.html"):
    target = folder / name
    print(f"{name}: {target.resolve()}" if target.exists() else f"{name}: not made (see above)")

# %% [markdown] tags=["explain"]
# ## The boards back into the store
# Each group becomes a coding of its cards by `designlab:<session>:<board>`; a group
# named after a code (case, accents and spaces ignored) is coded with that code, other
# names are kept apart as candidate codes. Votes and notes become memos. Importing a
# board twice changes nothing; a board for another card set, or a card whose text
# changed, is refused. Without board files, two example boards are made here: one
# groups the cards by your codes, the other joins two of those groups.

# %%
if not boards:
    coded = project.codings(coder=researcher) if researcher in project.coders() else None
    by_code: dict[str, list[str]] = {}
    for card in cards:
        code = "overig"
        if coded is not None:
            hits = coded[
                (coded["doc_id"] == card["doc_id"])
                & (coded["start_char"] < card["end_char"])
                & (coded["end_char"] > card["start_char"])
            ]
            code = hits["code"].value_counts().index[0] if len(hits) else "overig"
        by_code.setdefault(code, []).append(card["card_id"])
    names = sorted(by_code, key=lambda c: -len(by_code[c]))
    first = [{"name": n.replace("_", " ").capitalize(), "cards": by_code[n]} for n in names]
    second = [{"name": "Wat er speelt", "cards": [c for n in names[:2] for c in by_code[n]]}]
    second += [{"name": n.replace("_", " "), "cards": by_code[n]} for n in names[2:]]
    for i, (board_name, groups) in enumerate((("tafel 1", first), ("tafel 2", second))):
        for j, group in enumerate(groups):
            group.update(group_id=f"g{j + 1}", colour="#f6c85f", votes=(j + i) % 3, note="")
        doc = {
            "format": "sokwal-board",
            "version": 1,
            "set_id": set_id,
            "board": board_name,
            "cards": [
                {k: c[k] for k in ("card_id", "doc_id", "start_char", "end_char", "sha256")}
                for c in cards
            ],
            "groups": groups,
            "pile": [],
        }
        path = folder / f"bord-{board_name.replace(' ', '-')}-{set_id}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        boards.append(str(path))
for path in boards:
    print(import_board(project, path, session=session).summary())

# %% [markdown] tags=["explain"]
# ## What the groups agree on
# For every pair of cards a board says *together* or *apart*. Agreement is the share of
# pairs two boards (or a board and your codes) judge alike; Krippendorff's α corrects
# it for chance (≥ .800 reliable, .667–.800 tentative). The page `designlab-….html` has
# the groups with their cards, the pairs every board put together and those split.

# %%
summary = session_summary(
    project, session, researcher=researcher if researcher in project.coders() else None
)
display(summary.agreement)
display(summary.top_groups[["board", "name", "votes", "note"]])
page = designlab_report(project, session, folder, researcher=summary.researcher)
print("session report:", page.resolve())

# %% [markdown] tags=["explain"]
# ## Into the codebook
# The proposals: new codes (group names that match no code) and merges (groups of
# different boards with mostly the same cards). Accepting writes a new codebook version
# with your name and the time; the codebook YAML is written next to the report.

# %%
display(summary.new_codes)
display(summary.merges)
if len(summary.new_codes):
    accepted = accept_candidates(
        project,
        [summary.new_codes["code"].iloc[0]],
        author=researcher,
        note=f"designlab-sessie {session}",
        path=folder / "codeboek-designlab.yaml",
    )
    print(accepted.summary())
