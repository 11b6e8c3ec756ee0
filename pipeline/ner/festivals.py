"""A festival named by its town: "premiered in competition at X", "won the jury prize in X",
"prizes at X, Y and Z", "the Makers' Week in X". The model reads X as a place (or, when it does
not know the town, as a person, or not at all); in a sentence about premieres, competitions and
prizes, a town after 'at', 'in' or 'to' is the festival held there. Countries (the places of
`patterns/demonyms.csv`) never are, nor a town followed by its region ("in X, Italy"); a festival's
section before it ("the Editors' Fortnight in X", pattern `org_festival_section`) is evidence.

Evidence needed: a cue word of `patterns/festival_cues.txt`, an award or a festival's section
earlier in the same sentence, within `WINDOW` tokens; 'in X' right after a festival, the word
'held' or another name is where that is held ("a music festival organised in X", "the Winter
Olympics in X"), not a festival. One label per name in a document
(`decide.propagate`) then gives the festival reading to the town's other mentions ("she could not
come to X with us").
- `festival_towns`: a retyping step of `retype.py` (`registry.Step.FESTIVAL_TOWN`): (view,
  chosen) -> (index, label), over the model's places and its one-word persons that are not first
  names ("won three awards at X");
- `unmarked_festival_towns`: a finder (`registry.FESTIVAL_TOWN_NAME`) for the town the model left
  unmarked ("competed at X"): one or two capitalised proper nouns that are not English words.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..lexicon import countries, demonyms, is_first_name, org_kind, word_list
from ..view import DocView
from ..vocab import Label
from .registry import FESTIVAL_STEPS, FESTIVAL_TOWN_NAME, RULER_KEY, Candidate

WINDOW = 12
_BEFORE = {"at", "in", "to"}
_HELD = {"festival", "festivals", "fest", "organised", "organized", "held", "hosted", "olympics", "games"}
SECTION = "org_festival_section"  # the pattern id of "Makers' Week", "Editors' Fortnight"


def festival_cues() -> frozenset[str]:
    return word_list("festival_cues.txt")


def festival_marks(chosen: list[tuple[Candidate, tuple[str, ...]]]) -> list[tuple[int, int]]:
    """The token spans of the awards and festival sections among the chosen candidates."""
    return [(c.start, c.end) for c, _ in chosen if c.label == Label.AWARD or c.name == SECTION]


def ruler_festival_marks(v: DocView) -> list[tuple[int, int]]:
    """The token spans of the awards and festival sections the patterns found (before deciding)."""
    return [(s.start, s.end) for s in v.doc.spans.get(RULER_KEY, [])
            if s.label_ == Label.AWARD.value or s.id_ == SECTION]


def festival_town_names(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]) -> set[str]:
    """The names that a retyping step read as a town's festival somewhere in the document."""
    return {v.span_text(c.start, c.end) for c, _ in chosen if any(s in c.steps for s in FESTIVAL_STEPS)}


def cued(v: DocView, first: int, marks: Iterable[tuple[int, int]], words: bool = True) -> bool:
    """A festival word (unless not `words`), or an award or a festival's section (`marks`: their
    token spans), in the sentence before token `first`, within WINDOW tokens; not where a festival or another named
    thing is said to be held 'in' the town ("a music festival organised in X", "the Winter
    Olympics in X")."""
    doc = v.doc
    toks = v.tokens
    if toks[first - 1].lower_ == "in":
        held = any(t.lower_ in _HELD for t in doc[max(0, first - 4):first - 1])
        named = toks[first - 2].text[:1].isupper() and not any(s <= first - 2 < e for s, e in marks) \
            if first >= 2 else False
        if held or named:
            return False
    cues = festival_cues()
    # the sentence's first token (a Doc made without a parser is one sentence)
    sent_start = v.sents[v.sent_index(first)].start if doc.has_annotation("SENT_START") else 0
    lo = max(sent_start, first - WINDOW)
    # "100,000 won": a currency, not a prize won
    window = [t.lower_ for t in doc[lo:first] if not (t.lower_ == "won" and t.i > 0 and toks[t.i - 1].like_num)]
    pairs = {f"{a} {b}" for a, b in zip(window, window[1:])}
    return words and (any(w in cues for w in window) or bool(pairs & cues)) or any(lo <= a < first for a, _ in marks)


def town_shape(v: DocView, start: int, end: int) -> bool:
    """Capitalised words that are not a country and not followed by a region ("X, Italy")."""
    doc = v.doc
    toks = v.tokens
    if doc[start:end].text.lower() in countries() or not all(t.is_title for t in doc[start:end]):
        return False
    return not (end + 1 < len(doc) and toks[end].text == "," and toks[end + 1].ent_type_ in {"GPE", "LOC"})


def festival_towns(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]):
    doc = v.doc
    toks = v.tokens
    evidence = festival_marks(chosen)
    for k, (c, _) in enumerate(chosen):
        unknown = c.label == Label.PERSON and c.end - c.start == 1 and not is_first_name(toks[c.start].text)
        demonym = c.kind == "demonym" and v.span_text(c.start, c.end).lower() in demonyms()
        if not (c.label == Label.PLACE or unknown) or demonym or not 1 <= c.end - c.start <= 2:
            continue
        if not town_shape(v, c.start, c.end):
            continue
        prev = k - 1  # "prizes at X, Y and Z": through a list of places back to its preposition
        first = c
        while prev >= 0 and chosen[prev][0].label == c.label and chosen[prev][0].end + 2 >= first.start \
                and all(t.text in {",", "and"} for t in doc[chosen[prev][0].end:first.start]):
            first = chosen[prev][0]
            prev -= 1
        if first.start == 0 or toks[first.start - 1].lower_ not in _BEFORE:
            continue
        if cued(v, first.start, evidence):
            yield k, Label.ORG


def unmarked_festival_towns(v: DocView) -> list[Candidate]:
    """'The film competed at X': a town the model did not mark, after 'at' or 'in', in a sentence
    about a festival (the cues of `festival_towns`, or an award or section the patterns found)."""
    doc = v.doc
    toks = v.tokens
    evidence = ruler_festival_marks(v)
    out = []
    for i in range(1, len(doc)):
        if toks[i - 1].lower_ not in {"at", "in"} or not _unmarked_word(v, i):
            continue
        end = i + 1 if i + 1 < len(doc) and not _unmarked_word(v, i + 1) else i + 2
        if end < len(doc) and toks[end].is_title and not toks[end].is_sent_start:
            continue  # "at Lumen Hall", "in Varnow Park": a longer name
        # an English word (that the text never writes in lower case: 'at Harbour') needs an award or
        # a section before it, or the model's span it ends ('the Night Screenings at Harbour')
        english = any(v.common_word(t) for t in toks[i:end]) and not _glued(v, i)
        if town_shape(v, i, end) and cued(v, i, evidence, words=not english):
            out.append(FESTIVAL_TOWN_NAME.found(i, end, kind="festival"))
    return out


def _glued(v: DocView, i: int) -> bool:
    """Token i ends the model's longer name after 'at' or 'in' ('Fortnight in X', 'the Night
    Screenings at X'), and that name has no organisation word before it (not 'the University
    of Y at X')."""
    toks = v.tokens
    if not (toks[i].ent_iob_ == "I" and toks[i - 1].ent_iob_ == "I" and v.lower[i - 1] in {"at", "in"}):
        return False
    start = i - 1
    while start > 0 and toks[start].ent_iob_ == "I":
        start -= 1
    return org_kind(v.span_text(start, i - 1)) is None


def _unmarked_word(v: DocView, i: int) -> bool:
    """A proper noun the model left out of its names, or glued to the name before it (`_glued`).
    An English word only when the text never writes it in lower case (the word list knows towns:
    'rotterdam')."""
    t = v.tokens[i]
    return (t.is_title and t.is_alpha and t.tag_ in {"NNP", "NNPS"} and (not t.ent_type_ or _glued(v, i))
            and not t.is_sent_start and "\n" not in t.whitespace_
            and not (v.common_word(t) and t.lower_ in v.token_texts) and not is_first_name(t.text))
