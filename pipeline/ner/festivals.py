"""A festival named by its town: "premiered in competition at X", "won the jury prize in X",
"prizes at X, Y and Z". The model reads X as a place; in a sentence about premieres, competitions
and prizes, a place after 'at', 'in' or 'to' is the festival held there. Countries (the places of
`patterns/demonyms.csv`) never are, nor a town followed by its region ("in X, Italy").

Evidence needed: a cue word of `patterns/festival_cues.txt` or an award earlier in the same
sentence, within `WINDOW` tokens. One label per name in a document (`decide.propagate`) then
gives the festival reading to the town's other mentions ("she could not come to X with us").
A retyping step of `retype.py` (`registry.Step.FESTIVAL_TOWN`): (view, chosen) -> (index, label).
"""
from __future__ import annotations

from ..lexicon import demonyms, word_list
from ..view import DocView
from ..vocab import Label
from .registry import Candidate

WINDOW = 12
_BEFORE = {"at", "in", "to"}


def festival_cues() -> frozenset[str]:
    return word_list("festival_cues.txt")


def festival_towns(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]):
    doc = v.doc
    toks = v.tokens
    cues = festival_cues()
    countries = {p.lower() for p in demonyms().values()}
    awards = [c for c, _ in chosen if c.label == Label.AWARD]
    for k, (c, _) in enumerate(chosen):
        if c.label != Label.PLACE or c.kind == "demonym" or not 1 <= c.end - c.start <= 2 or c.start == 0:
            continue
        if doc[c.start:c.end].text.lower() in countries or not all(t.is_title for t in doc[c.start:c.end]):
            continue
        if c.end + 1 < len(doc) and toks[c.end].text == "," and toks[c.end + 1].ent_type_ in {"GPE", "LOC"}:
            continue  # "in X, Italy": a town
        prev = k - 1  # "prizes at X, Y and Z": through a list of places back to its preposition
        first = c
        while prev >= 0 and chosen[prev][0].label == Label.PLACE and chosen[prev][0].end + 2 >= first.start \
                and all(t.text in {",", "and"} for t in doc[chosen[prev][0].end:first.start]):
            first = chosen[prev][0]
            prev -= 1
        if first.start == 0 or toks[first.start - 1].lower_ not in _BEFORE:
            continue
        # the sentence's first token (a Doc made without a parser is one sentence)
        sent_start = v.sents[v.sent_index(first.start)].start if doc.has_annotation("SENT_START") else 0
        lo = max(sent_start, first.start - WINDOW)
        window = [t.lower_ for t in doc[lo:first.start]]
        pairs = {f"{a} {b}" for a, b in zip(window, window[1:])}
        if any(w in cues for w in window) or pairs & cues or any(lo <= a.start < first.start for a in awards):
            yield k, Label.ORG
