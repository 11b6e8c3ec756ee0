"""Places the world knows (`lexicon.known_place_names`: the countries, continents, US states and
towns of GeoNames, the regions of ISO 3166-2), written exactly as their names.

The model often reads a town it does not know as an organisation ("moved to Lowmoor" -> ORG), a
person or a title, or leaves it unmarked ("parts of north Westshire and Eastshire"). A name of
the gazetteer is evidence, not proof: towns are named like people ("Florence", "Tyler"), like
companies, and a festival or a university goes by its town ("premiered at X", "studied at X"). So:

- `known_places` (a retyping step of `retype.py`, `registry.Step.KNOWN_PLACE`): the model's
  organisation, person or title whose whole text is a known place becomes a place, unless the text
  says otherwise. At any mention of the name: a sentence about a festival (`festivals.cued`), a
  festival word after it ("X short film festival"), a festival of the document named after it, a
  cue of study or work before it (the cues of `educated_at` and `employer`). At the mention: a
  longer name or a possessive after it, 'by' or an honorific before it ("sold by X", "Mr. X"), a
  first name or a word of a longer person's name in the document (a person's), an item of a
  menu, an English word the text also writes in lower case, a name in capitals;
- `unmarked_known_places` (a finder, `registry.KNOWN_PLACE_NAME`): a known place the model left
  unmarked, where the text says it is a place: after a locative preposition ("in", "from",
  "near"), or in a list or a phrase with a place the model found ("X, Y and Z", "X, Ruritania").

Steps that run before it in `registry.CONTEXT_STEPS` (a type cue, a festival's town, a life's
bracket) win: their evidence is the text's own.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import POSSESSIVE_S, honorifics, is_first_name, jsonl, known_place_names, org_kind
from ..view import DocView
from ..vocab import Label, Predicate
from .common import is_cap, skip_space
from .festival_shapes import is_festival_town
from .festivals import cued, festival_marks, festival_town_names
from .registry import KNOWN_PLACE_NAME, MODEL, RULER_KEY, Candidate

_IN = frozenset({"in", "near"})
_LOCATIVE = frozenset({"in", "from", "near", "to", "outside", "across", "around", "via", "between", "towards"})
_LIST_GLUE = frozenset({",", "and", "or", "&"})
_MAX_WORDS = 4
_SCHOOL_WINDOW = 8
_NAV_SEPARATORS = frozenset({"›", "»", "|", ">"})
_MODEL_GPE = frozenset({"GPE", "LOC"})


def is_known_place(v: DocView, start: int, end: int) -> bool:
    """Tokens start..end spell a known place, not in capitals, with no organisation word."""
    text = v.span_text(start, end)
    return text in known_place_names() and not text.isupper() and org_kind(text) is None


def _named_like_person(v: DocView, start: int) -> bool:
    """The name opens with a first name ('Florence', 'Florence Bay'): a person's, as likely."""
    return is_first_name(v.tokens[start].text)


def _festival_town(text: str, festivals: list[str]) -> bool:
    """The town names a festival of the document ('X International Film Festival'): the town's
    name alone is the festival's short name as often as the town's."""
    return any(f.startswith(text + " ") or f.startswith("The " + text + " ") for f in festivals)


def _person_word(v: DocView, chosen, start: int, end: int) -> bool:
    """A word of the span is a word of a longer person's name in the document ('Tyler' after
    'Vera Tyler')."""
    words = {v.lower[i] for i in range(start, end)}
    return any(c.label == Label.PERSON and c.end - c.start > end - start
               and words & set(v.lower[c.start:c.end]) for c, _ in chosen)


def known_places(v: DocView, chosen: list[tuple[Candidate, tuple[str, ...]]]):
    """(index, PLACE) for each of the model's names in `chosen` that is a known place (see above)."""
    toks = v.tokens
    marks = [(c.start, c.end) for c, _ in chosen if c.label == Label.AWARD]
    shape_marks = festival_marks(chosen)
    festivals = [v.span_text(c.start, c.end) for c, _ in chosen
                 if c.label == Label.ORG and org_kind(v.span_text(c.start, c.end)) == "festival"]
    towns = [(k, c) for k, (c, _) in enumerate(chosen)
             if c.rule is MODEL and not c.steps and c.kind != "demonym"
             and c.label in (Label.ORG, Label.PERSON, Label.WORK) and is_known_place(v, c.start, c.end)
             and not _english(v, c.start, c.end, proper=False) and not _navigation(v, c.start, c.end)]
    # "won the jury prize at X", "X short film festival", "the X International Film Festival ... X":
    # the festival, at every mention of the name (one label per name in a document)
    held = {v.span_text(c.start, c.end) for _, c in towns
            if c.start > 0 and cued(v, c.start, marks) or _heads_festival(v, c.end) or _schooled(v, c.start)
            or is_festival_town(v, c.start, c.end, shape_marks)}
    held |= festival_town_names(v, chosen)
    for k, c in towns:
        text = v.span_text(c.start, c.end)
        if text in held or _festival_town(text, festivals):
            continue
        after = skip_space(v, c.end)
        if after < len(toks) and (toks[after].text in POSSESSIVE_S or is_cap(toks[after])):
            continue  # "Lowmoor's council", "Lowmoor Town", "North / Varna" across a line: a longer name
        if c.label == Label.PERSON and _named_like_person(v, c.start) or _person_word(v, chosen, c.start, c.end) \
                or c.start > 0 and (v.lower[c.start - 1].rstrip(".") in honorifics() or v.lower[c.start - 1] == "by"):
            continue  # "Vera Tyler ... Tyler", "Mr. Tyler"; "sold by X": an agent, not a place
        yield k, Label.PLACE


@lru_cache(maxsize=1)
def _school_verbs() -> frozenset[str]:
    """The first words of the cues of `educated_at` and `employer` in `patterns/relation_cues.jsonl`
    ('studied', 'graduated', 'taught', 'joined')."""
    wanted = {Predicate.EDUCATED_AT.value, Predicate.EMPLOYER.value}
    return frozenset(c["cue"].split()[0] for c in jsonl("relation_cues.jsonl") if wanted & set(c["predicates"]))


def _schooled(v: DocView, start: int) -> bool:
    """A cue of study or work before the name in its sentence ('studied at X and at Y', 'prior to
    joining X'): a university or an employer named by its town."""
    sent = v.sents[v.sent_index(start)].start if v.doc.has_annotation("SENT_START") else 0
    return any(w in _school_verbs() for w in v.lower[max(sent, start - _SCHOOL_WINDOW):start])


def _navigation(v: DocView, start: int, end: int) -> bool:
    """An item of a breadcrumb or a menu: 'Reviews › Drama › Title'."""
    toks = v.tokens
    after = skip_space(v, end)
    before = next((j for j in range(start - 1, -1, -1) if not toks[j].is_space), None)
    return after < len(toks) and toks[after].text in _NAV_SEPARATORS \
        or before is not None and toks[before].text in _NAV_SEPARATORS


def _heads_festival(v: DocView, end: int) -> bool:
    """A festival's word in the lower-case words right after the name: 'X short film festival'."""
    words = []
    for t in v.tokens[end:end + 4]:
        if not t.is_lower:
            break
        words.append(t.text)
    return org_kind(" ".join(words)) == "festival"


def unmarked_known_places(v: DocView) -> list[Candidate]:
    """A known place the model left out, after a locative preposition or next to the model's place
    in a list ('from X', 'Y, X and Z', 'X, Ruritania')."""
    doc = v.doc
    toks = v.tokens
    n = len(doc)
    marks = [(s.start, s.end) for s in doc.spans.get(RULER_KEY, []) if s.label_ == Label.AWARD.value]
    out = []
    i = 1
    while i < n:
        if not (toks[i].is_title and not toks[i].ent_type_ and not toks[i].is_sent_start
                and not is_cap(toks[i - 1])):
            i += 1
            continue
        end = i + 1
        while end < n and end - i < _MAX_WORDS and is_cap(toks[end]) and not toks[end].ent_type_:
            end += 1
        if end < n and (is_cap(toks[end]) or toks[end].text in POSSESSIVE_S) or not is_known_place(v, i, end) \
                or _english(v, i, end) or not _placed(v, i, end) or cued(v, i, marks) \
                or is_festival_town(v, i, end, marks):
            i = end
            continue
        out.append(KNOWN_PLACE_NAME.found(i, end))
        i = end
    return out


def _english(v: DocView, start: int, end: int, proper: bool = True) -> bool:
    """One word that is an English word the text also writes in lower case ('Drama', 'Mobile';
    WordNet, which `DocView.common_word` reads, knows many towns), or, where the model did not
    mark it as a name (`proper`), that is not a proper noun."""
    t = v.tokens[start]
    return end - start == 1 and (proper and t.tag_ not in {"NNP", "NNPS"} or t.is_stop
                                 or v.common_word(t) and t.lower_ in v.token_texts)


def _placed(v: DocView, start: int, end: int) -> bool:
    """A locative preposition before the name ('to' and the others not before a first name: 'wrote
    to Florence'), or the model's place next to it across a list's glue."""
    toks = v.tokens
    n = len(toks)
    before = toks[start - 1].lower_
    if before in _IN or before in _LOCATIVE and not _named_like_person(v, start):
        return True
    before = start - 2 if toks[start - 1].lower_ in _LIST_GLUE else None
    after = end + 1 if end + 1 < n and toks[end].lower_ in _LIST_GLUE else None
    return any(j is not None and 0 <= j < n and toks[j].ent_type_ in _MODEL_GPE for j in (before, after))
