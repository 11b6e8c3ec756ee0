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
# # What went wrong, and where
#
# Runs the pipeline on the sample corpus `raw/` (into a temporary folder), evaluates it against
# the project's gold annotations `gold/raw.jsonl` with `interview-ie evaluate`, then walks
# through the errors: each false positive and false negative with the stage it is attributed to
# (see `pipeline/evaluation/attribution.py`), shown in its context.
#
# To look at your own run, start Jupyter with `INTERVIEW_IE_OUTPUT=path/to/outputs` and
# `INTERVIEW_IE_GOLD=path/to/gold.jsonl` (relative paths start from the folder you start Jupyter
# in).

# %%
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from spacy import displacy

from pipeline.cli import main as interview_ie
from pipeline.notebook import gold_file, output_folder
from pipeline.vocab import ATTRIBUTION_STAGES, Label

GOLD = gold_file()     # $INTERVIEW_IE_GOLD, else gold/raw.jsonl
OUT = output_folder()  # $INTERVIEW_IE_OUTPUT, else a run on raw/ (summary below)
EVAL = OUT / "eval"  # the command's default place for its tables

# %% [markdown]
# ## Metrics
# The same command a user runs in a shell:
# `interview-ie evaluate --gold GOLD.jsonl --pred OUT_DIR [--out EVAL_DIR]`.

# %%
assert interview_ie(["evaluate", "--gold", str(GOLD), "--pred", str(OUT)]) == 0
metrics = pd.read_parquet(EVAL / "metrics.parquet")
errors = pd.read_parquet(EVAL / "errors.parquet")
documents = pd.read_parquet(OUT / "documents.parquet").set_index("doc_id")
mentions = pd.read_parquet(OUT / "mentions.parquet")
removed = pd.read_parquet(OUT / "removed.parquet")

# %%
metrics[metrics.key == "all"].set_index("scope").round(3)

# %%
metrics[metrics.key != "all"].set_index(["scope", "key"]).round(3)

# %% [markdown]
# ## The errors table
# One row per false positive (`fp`) and false negative (`fn`). `stage` says where the item was
# lost or invented; `detail` says why in words.

# %%
STAGES = [s.value for s in ATTRIBUTION_STAGES]
pd.crosstab(errors.stage, [errors.kind, errors.side]).reindex(STAGES, fill_value=0)

# %%
# choose a stage to look at (any of STAGES); None shows every error
STAGE = None
chosen = errors if STAGE is None else errors[errors.stage == STAGE]
chosen[["doc_id", "kind", "side", "key", "gold", "predicted", "stage", "detail"]]

# %% [markdown]
# ## Each error in its context
# The error's span is marked with its side and stage; around it, the run's mentions (with their
# labels) and the text cleaning removed (`REMOVED`).

# %%
WINDOW = 160
COLORS = {"FN": "#f4a6a6", "FP": "#f9d976", "REMOVED": "#d0d0d0", Label.PERSON.value: "#aee1f9",
          Label.WORK.value: "#c5e8b7", Label.ORG.value: "#d9c8f5", Label.PLACE.value: "#ffd8b1",
          Label.AWARD.value: "#f7c6e0", Label.DATE.value: "#e0e0a0"}


def _name(value) -> str:
    return "—" if pd.isna(value) else repr(value)


def context_html(error) -> str:
    """The error's span and the spans around it, as displaCy markup (spans may not overlap)."""
    text = documents.at[error.doc_id, "text"]
    lo, hi = max(0, int(error.start) - WINDOW), min(len(text), int(error.end) + WINDOW)
    spans = [(int(error.start), int(error.end), f"{error.side.upper()} {error.stage}")]
    around = [(r.start, r.end, "REMOVED") for r in removed[removed.doc_id == error.doc_id].itertuples()]
    around += [(m.start, m.end, m.label) for m in mentions[mentions.doc_id == error.doc_id].itertuples()]
    for start, end, label in sorted(around):
        if lo <= start and end <= hi and all(end <= s or e <= start for s, e, _ in spans):
            spans.append((start, end, label))
    ents = [{"start": s - lo, "end": e - lo, "label": label} for s, e, label in sorted(spans)]
    title = (f"{error.doc_id} · {error.kind} {error.key} · gold {_name(error.gold)} "
             f"· predicted {_name(error.predicted)}")
    colors = {label: COLORS.get(label.split()[0], "#eeeeee") for *_, label in spans}
    return displacy.render({"text": text[lo:hi], "ents": ents, "title": title}, style="ent", manual=True,
                           jupyter=False, options={"colors": colors})


def show(rows: pd.DataFrame, limit: int = 10) -> None:
    for error in rows.head(limit).itertuples():
        why = f"<p><i>{error.stage}</i>: {escape(error.detail)}</p>"
        if pd.isna(error.start):  # nothing in the text to point at (e.g. `unlocated`)
            display(HTML(f"<p><b>{error.doc_id}</b> · {error.kind} {error.key} · gold "
                         f"{escape(_name(error.gold))}</p>" + why))
            continue
        display(HTML(context_html(error) + why))


show(chosen)

# %% [markdown]
# One example of every stage that occurs:

# %%
show(errors.drop_duplicates("stage").sort_values("stage", key=lambda s: s.map(STAGES.index)), limit=len(STAGES))

# %% [markdown]
# ## Errors by stage and type

# %%
fig, (by_kind, by_type) = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
pd.crosstab(errors.stage, errors.kind).reindex(STAGES, fill_value=0).plot.barh(stacked=True, ax=by_kind)
by_kind.set_title("by kind of error")
pd.crosstab(errors.stage, errors.key).reindex(STAGES, fill_value=0).plot.barh(stacked=True, ax=by_type)
by_type.set_title("by entity type or predicate")
by_type.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
by_kind.invert_yaxis()
for ax in (by_kind, by_type):
    ax.set_xlabel("errors")
plt.tight_layout()
plt.show()
