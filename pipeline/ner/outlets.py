"""Organisations named by what they do to a work: a distributor, broadcaster or streamer that
releases, airs or streams it. 'X released it in July', 'X acquired the film', 'broadcast live on X',
'released it in theaters and on X'. Reviews, interviews and ceremony reports name companies this
way without an organisation word, and the model reads such a name as a place, a title or nothing.
The words are data (`patterns/outlet_cues.csv`: a verb with its subject, a verb before 'on', the
work it takes, and the carriers that are no company: 'released on DVD').

- the subject: one to four capitalised words, none a stop word (nor a first name the model did not
  read as another kind of name), right before a 'subject' verb and its work ('it', 'the film');
- after 'on': a 'on' verb, at most `GAP` words of its clause before 'on' (no punctuation, no
  other preposition 'on'), then one to four capitalised words, not a date nor a carrier, the first
  not a stop word.
The model's person is left alone ('Mara Voss released it').

Pure: a `DocView` -> `Candidate`s in token offsets.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import csv_rows, is_first_name
from ..view import DocView
from .registry import OUTLET_ORG, Candidate

CUES = "outlet_cues.csv"  # in pipeline/patterns/: cue,shape
SHAPES = ("subject", "object", "on", "carrier")
MAX_WORDS = 4
GAP = 4
_NAME_GLUE = {"+", "&"}  # 'Lumen TV+', 'Harbour & Crane'
_NOT_PERSON = {"GPE", "LOC", "ORG", "FAC", "WORK_OF_ART", "PRODUCT"}  # the model's names of other kinds


@lru_cache(maxsize=1)
def outlet_cues() -> dict[str, frozenset[tuple[str, ...]]]:
    """shape -> its cues, each a tuple of lower-case words."""
    out: dict[str, set[tuple[str, ...]]] = {s: set() for s in SHAPES}
    for cue, shape in csv_rows(CUES, lambda row: (row[0].strip().lower(), row[1].strip())):
        if shape not in out:
            raise ValueError(f"patterns/{CUES}: shape {shape!r} of {cue!r} is not one of {', '.join(SHAPES)}")
        out[shape].add(tuple(cue.split()))
    return {s: frozenset(c) for s, c in out.items()}


@lru_cache(maxsize=None)
def _lengths(phrases: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """The lengths of the phrases, longest first."""
    return tuple(sorted({len(p) for p in phrases}, reverse=True))


def _at(v: DocView, i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """The end of the longest phrase of `phrases` that starts at token i, or i."""
    for n in _lengths(phrases):
        if tuple(v.lower[i:i + n]) in phrases:
            return i + n
    return i


def _word(v: DocView, i: int, first: bool = True) -> bool:
    """A word of a company's name: capitalised, not a date; a stop word only after its first word
    ('Channel Seven'); a first name only where the model read another kind of name ('Juniper' as a
    company or a place)."""
    t = v.tokens[i]
    return (t.text[:1].isupper() and not (first and t.is_stop) and t.ent_type_ != "DATE"
            and (not is_first_name(t.text) or t.ent_type_ in _NOT_PERSON)
            or t.text in _NAME_GLUE and i > 0 and not v.tokens[i - 1].whitespace_)


def outlet_orgs(v: DocView) -> Iterator[Candidate]:
    doc = v.doc
    toks = v.tokens
    cues = outlet_cues()
    n = len(doc)
    for i in range(n):
        verb_end = _at(v, i, cues["subject"])
        if verb_end > i and verb_end < n and _at(v, verb_end, cues["object"]) > verb_end:
            start = i
            while start > 0 and i - start < MAX_WORDS and _word(v, start - 1) and "\n" not in toks[start - 1].whitespace_:
                start -= 1
            if start < i and not any(t.ent_type_ == "PERSON" for t in toks[start:i]):
                yield OUTLET_ORG.found(start, i)
        on_verb = _at(v, i, cues["on"])
        if on_verb == i:
            continue
        k = on_verb
        while k < min(n, on_verb + GAP) and v.lower[k] != "on" and toks[k].is_alpha and "\n" not in toks[k - 1].whitespace_:
            k += 1
        if k + 1 >= n or v.lower[k] != "on":
            continue
        start = k + 1 + (v.lower[k + 1] == "the")
        end = start
        while end < n and end - start < MAX_WORDS and _word(v, end, first=end == start) \
                and (end == start or "\n" not in toks[end - 1].whitespace_):
            end += 1
        if end > start and _at(v, start, cues["carrier"]) == start \
                and not any(t.ent_type_ == "PERSON" for t in toks[start:end]):
            yield OUTLET_ORG.found(start, end)
