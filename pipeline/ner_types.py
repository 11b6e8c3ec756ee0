"""Types from context: the model's label of a name, overruled where the text around it says
otherwise. Pure: (Doc, chosen candidates) -> chosen candidates, some relabelled.

- a cue before the name: "directed by X" (a person), "the island of X" (a place), "published by
  X" (an organisation) - `patterns/type_cues.csv`;
- a list: "A, B, C and D", most of whose members have one label, gives it to the others;
- roles in works: "Verna Dalton in X, Lacey Pindar in Y": after a character, "in" names a work;
- a role: "Howard Flint as X" (a character is named like a person);
- a place before its region: "in San Antonio, Texas", "to X, Peru".

Only the model's labels are overruled (a rule's label already comes from context), and only to a
label the name's shape allows: a person's name is a few capitalised words with no organisation word.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from .lexicon import demonyms, is_first_name, org_kind, type_cues, type_heads
from .ner_caps import caps_word_titles
from .ner_festivals import festival_towns
from .ner_rules import Candidate, is_cap, text_of, tokens
from .vocab import Label

Chosen = list[tuple[Candidate, tuple[str, ...]]]
_NAMES = (Label.PERSON, Label.ORG, Label.PLACE, Label.WORK)
_LIST_GLUE = {",", "and", "&", "or"}
_ROLE_CUES = {"as", "playing", "played", "plays", "character", "characters", "role", "roles"}
_LOCATIVE = {"in", "to", "from", "at", "near"}
_ORG_BEFORE = {"at", "by", "for", "with", "from", "joined", "join"}
_WORD = re.compile(r"[\w'-]+")
CONTEXT_SCORE = 0.65  # above the model's 0.6: in a document's vote on a name, context outweighs the model


def retype(doc: Doc, chosen: Chosen) -> Chosen:
    out = list(chosen)
    done: set[int] = set()  # relabelled by a stronger rule: the weaker ones leave it
    # `_titles_named_as_orgs` is not listed: on the dev sets 40 of its retypings were right and 470
    # wrong (benchmarks/rule_ledger.py); a capitalised name without an organisation word is an
    # organisation at least as often as a title, so the model's label stands.
    for rule in (_by_cue, _by_head, _place_before_region, festival_towns, _characters, _roles_in_works, _translations,
                 caps_word_titles, _by_list):
        for k, label, why in list(rule(doc, out)):
            c, roles = out[k]
            if k not in done and _overrulable(c) and _fits(doc, c, label):
                done.add(k)  # relabelled or confirmed
                kind = c.kind if label == c.label else org_kind(doc[c.start:c.end].text) if label == Label.ORG else None
                out[k] = (c._replace(label=label, kind=kind, score=max(c.score, CONTEXT_SCORE),
                                     source=f"{c.source}+{why}"), roles)
    return out


def _overrulable(c: Candidate) -> bool:
    return c.source.startswith("model") and c.label in _NAMES and c.kind != "demonym"


def _reliable(doc: Doc, c: Candidate) -> bool:
    """A label that comes from context, or a first name and a surname the model calls a person."""
    toks = tokens(doc)
    return c.kind != "demonym" and c.label in _NAMES and (
        c.source != "model" or c.label == Label.PERSON and c.end - c.start >= 2 and is_first_name(toks[c.start].text))


def _fits(doc: Doc, c: Candidate, label: Label) -> bool:
    """Whether the span can be a name of `label`: 'Ovix Tone' cannot be a person's, nor 'CT'."""
    span = doc[c.start:c.end]
    if label == Label.PERSON:
        words = [t for t in span if t.text not in {"-", "'"}]
        return 1 <= len(words) <= 4 and org_kind(span.text) is None and all(
            t.is_title and t.is_alpha or len(t.text) == 2 and t.text[1] == "." for t in words)
    if label == Label.PLACE:
        return org_kind(span.text) is None
    return True


def _by_cue(doc: Doc, chosen: Chosen):
    toks = tokens(doc)
    cues = type_cues()
    text = text_of(doc)
    for k, (c, _) in enumerate(chosen):
        if not _overrulable(c) or c.start == 0:
            continue
        before = _WORD.findall(text[max(0, toks[c.start].idx - 24):toks[c.start].idx].lower())[-3:]
        for n in (3, 2, 1):
            cue = " ".join(before[-n:])
            if len(before) >= n and cue in cues:
                owner = c.end < len(doc) and toks[c.end].text in {"'s", "’s"}
                if not (cues[cue] == Label.WORK and owner):  # "a role in Kim's new film": Kim owns the work
                    yield k, Label(cues[cue]), "type_cue"
                break


def _by_head(doc: Doc, chosen: Chosen):
    """'the Iron Willed program', 'Comanche descent': a noun right after the name. A one-word name
    before a work noun is left alone unless written in camel case: 'a Streamly series' names the
    network, 'the SlamTown brand' the show."""
    toks = tokens(doc)
    heads = type_heads()
    for k, (c, _) in enumerate(chosen):
        if c.end >= len(doc) or toks[c.end].lower_ not in heads or not toks[c.end].is_lower:
            continue
        label = Label(heads[toks[c.end].lower_])
        words = [t for t in doc[c.start:c.end] if t.is_alpha]
        camel = len(words) == 1 and any(ch.isupper() for ch in words[0].text[1:]) and not words[0].is_upper
        owner = c.end + 1 < len(doc) and is_cap(toks[c.end + 1])  # "the X Television show I Am a Singer"
        if label != Label.WORK or (len(words) >= 2 or camel) and not owner:
            yield k, label, "type_head"


def _runs(doc: Doc, chosen: Chosen) -> list[list[int]]:
    """Indices of the chosen names that form lists: 'A, B and C' (names joined by commas,
    'and', '&', 'or' and nothing else on one line)."""
    toks = tokens(doc)
    runs, run = [], [0] if chosen else []
    for k in range(1, len(chosen)):
        prev, c = chosen[k - 1][0], chosen[k][0]
        gap = doc[prev.end:c.start]
        if 1 <= len(gap) <= 2 and all(t.lower_ in _LIST_GLUE for t in gap) and "\n" not in gap.text_with_ws \
                and "\n" not in toks[prev.end - 1].whitespace_:
            run.append(k)
        else:
            runs.append(run)
            run = [k]
    runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _by_list(doc: Doc, chosen: Chosen):
    """The label most members of a list get from context (or, for people, from a first name)."""
    toks = tokens(doc)
    for run in _runs(doc, chosen):
        for k in run:
            c = chosen[k][0]
            if _reliable(doc, c):
                continue
            votes = Counter(chosen[j][0].label for j in run if j != k and _reliable(doc, chosen[j][0]))
            if not votes and c.end - c.start == 1 and is_first_name(toks[c.start].text):  # "Amara and Rohan"
                votes = Counter(chosen[j][0].label for j in run if j != k and chosen[j][0].label == Label.PERSON)
            if votes:
                (label, n), *rest = votes.most_common()
                if not rest or rest[0][1] < n:
                    yield k, label, "list"


def _adjacent(doc: Doc, chosen: Chosen, between: str):
    """(index of the second, first, second) for two chosen names with one token `between` them."""
    toks = tokens(doc)
    for k in range(1, len(chosen)):
        first, second = chosen[k - 1][0], chosen[k][0]
        if second.start == first.end + 1 and toks[first.end].lower_ == between:
            yield k, first, second


def _roles_in_works(doc: Doc, chosen: Chosen):
    """'such as Rose-Ellen in X', 'Verna Dalton in X, Lacey Pindar in Y': a role, then its work."""
    pairs = {k: p for k, p, _ in _adjacent(doc, chosen, "in") if p.label == Label.PERSON}
    for k, p in pairs.items():
        cued = any(t.lower_ in _ROLE_CUES for t in doc[max(0, p.start - 3):p.start])
        listed = k - 2 in pairs or k + 2 in pairs  # the next or previous name is another pair
        if cued or listed:
            yield k, Label.WORK, "role_in_work"


def _characters(doc: Doc, chosen: Chosen):
    """'Howard Flint as Thersander', 'the film Elegy as Sayuri': a role is named like a person."""
    for k, p, _ in _adjacent(doc, chosen, "as"):
        if p.label == Label.PERSON or p.label == Label.WORK and p.source != "model":
            yield k, Label.PERSON, "character"


def _translations(doc: Doc, chosen: Chosen):
    """'Zehri Talwar (Poison Sword) is a 1930 film': a title's translation in brackets is a title."""
    toks = tokens(doc)
    for k, w, c in _adjacent(doc, chosen, "("):
        if w.label == Label.WORK and _reliable(doc, w) and c.end < len(doc) and toks[c.end].text == ")":
            yield k, Label.WORK, "translation"


def _titles_named_as_orgs(doc: Doc, chosen: Chosen):
    """'Dare Zone', 'Pot de Fleurs': several capitalised words that the model calls an
    organisation but that hold no organisation word ('Films', 'Festival', 'University', ...),
    no acronym and no ampersand, and follow no preposition of a place of work ('at', 'by', 'for'),
    are a title more often than not in texts about films; unless a word of it names a place
    ('American Southwest', 'Dunmore Airport') or it starts with a first name."""
    toks = tokens(doc)
    places = {t.lower_ for c, _ in chosen if c.label == Label.PLACE for t in doc[c.start:c.end]
              if is_cap(t) and not t.is_stop} | demonyms().keys()
    for k, (c, _) in enumerate(chosen):
        span = doc[c.start:c.end]
        words = [t for t in span if t.is_alpha]
        if c.source == "model" and c.label == Label.ORG and len(words) >= 2 and org_kind(span.text) is None \
                and not any(t.is_upper and len(t) > 1 or t.text == "&" or t.like_num for t in span) \
                and not (c.start and toks[c.start - 1].lower_ in _ORG_BEFORE) \
                and not (is_first_name(span[0].text) and not span[0].is_stop) and not any(t.lower_ in places for t in span):
            yield k, Label.WORK, "title_shape"


def _place_before_region(doc: Doc, chosen: Chosen):
    toks = tokens(doc)
    for k, c, region in _adjacent(doc, chosen, ","):
        if c.start > 0 and toks[c.start - 1].lower_ in _LOCATIVE and region.label == Label.PLACE:
            yield k - 1, Label.PLACE, "place_region"
