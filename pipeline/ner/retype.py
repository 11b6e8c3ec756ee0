"""Types from context: the model's label of a name, overruled where the text around it says
otherwise. Pure: (Doc, chosen candidates) -> chosen candidates, some relabelled.

- a cue before the name: "directed by X" (a person), "the island of X" (a place), "published by
  X" (an organisation) - `patterns/type_cues.csv`;
- a list: "A, B, C and D", most of whose members have one label, gives it to the others;
- roles in works: "Verna Dalton in X, Lacey Pindar in Y": after a character, "in" names a work;
- a role: "Howard Flint as X" (a character is named like a person);
- Romance particles: the model's organisation "Copa de las Lunas", with no organisation word, is a title;
- a place before its region: "in San Antonio, Texas", "to X, Peru";
- a life in brackets: "A (1744 – 1829)", "A (born 21 May 1955)": A is a person; a one-word person
  inside, after 'in' or after a date and a comma ("(born 1979 in X)", "(3 May 1934, X – ...)"), a place;
- a place after 'in': "they shot it in X", "born in X" (the model's one-word person that is not a
  first name, nor a word of a person's longer name in the document, nor before a possessive or
  another capitalised word; not after a role or a work's cue: "starred in X" names a work); the
  model's own place after 'in' is kept at a context's strength, so that a list or
  the model's person elsewhere ("X has ever had") does not turn it into a person.
A country (`patterns/demonyms.csv`) is never retyped to a person, nor the owner of a name after a
person's cue ("directed by X's Lumen Kora").

Only the model's labels are overruled (a rule's label already comes from context), and only to a
label the name's shape allows: a person's name is a few capitalised words with no organisation word.
"""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import (POSSESSIVE_S, countries, demonyms, is_first_name, name_heads, org_kind, title_particles, work_cues,
                       type_cues, type_heads)
from .caps import caps_word_titles
from .common import LIFETIME, YEAR_NUMBER, is_cap
from .festival_shapes import festival_shape_towns
from .festivals import festival_town_names, festival_towns
from .places import known_places
from .registry import CONTEXT_STEPS, CONTEXT_STRENGTH, FESTIVAL_STEPS, MODEL, Candidate, Step
from ..view import DocView
from ..vocab import Label

Chosen = list[tuple[Candidate, tuple[str, ...]]]
_NAMES = (Label.PERSON, Label.ORG, Label.PLACE, Label.WORK)
_LIST_GLUE = {",", "and", "&", "or"}
_CONJUNCTIONS = {"and", "&", "or"}
_ROLE_CUES = {"as", "playing", "played", "plays", "character", "characters", "role", "roles"}
_LOCATIVE = {"in", "to", "from", "at", "near"}
_TITLE_ARTICLES = frozenset({"The", "A", "An"})  # a capitalised article opening a title
_WORD = re.compile(r"[\w'-]+")
_PLACE_BEFORE = {"in"}  # "to" and "from" name people too: "descent from X", "a letter to X"
_BORN = {"born", "b."}
_DASHES = {"–", "—", "-"}
_NOT_PLACE_BEFORE = _ROLE_CUES | {"starred", "starring", "stars", "appeared", "appears", "cast", "featured",
                                  "scene", "scenes", "interest", "believe", "believed", "involved"}


def retype(v: DocView, chosen: Chosen) -> Chosen:
    doc = v.doc
    out = list(chosen)
    done: set[int] = set()  # relabelled by a stronger rule: the weaker ones leave it
    for step in CONTEXT_STEPS:  # in order of precedence
        for k, label in list(_RULES[step](v, out)):
            c, roles = out[k]
            if k not in done and (_overrulable(c) or step in FESTIVAL_STEPS and _odd_demonym(v, c)) \
                    and _fits(v, c, label):
                done.add(k)  # relabelled or confirmed
                kind = c.kind if label == c.label else org_kind(doc[c.start:c.end].text) if label == Label.ORG else None
                out[k] = (c.step(step, label=label, kind=kind, score=max(c.score, CONTEXT_STRENGTH)), roles)
    return out


def _odd_demonym(v: DocView, c: Candidate) -> bool:
    """The model's nationality that no demonym of `patterns/demonyms.csv` spells: 'at X' (a
    festival's town the model took for a people)."""
    text = v.span_text(c.start, c.end).lower()
    return c.rule is MODEL and c.kind == "demonym" and text not in demonyms() and text not in countries()


def _overrulable(c: Candidate) -> bool:
    return c.rule is MODEL and c.label in _NAMES and c.kind != "demonym"


def _reliable(v: DocView, c: Candidate) -> bool:
    """A label that comes from context, or a first name and a surname the model calls a person."""
    toks = v.tokens
    return c.kind != "demonym" and c.label in _NAMES and (
        not c.model_label or c.label == Label.PERSON and c.end - c.start >= 2 and is_first_name(toks[c.start].text))


def _country(v: DocView, c: Candidate) -> bool:
    """A country (`patterns/demonyms.csv`) the model calls a place."""
    return c.label == Label.PLACE and c.kind != "demonym" and v.span_text(c.start, c.end).lower() in countries()


def _fits(v: DocView, c: Candidate, label: Label) -> bool:
    """Whether the span can be a name of `label`: 'Ovix Tone' cannot be a person's, nor 'CT'."""
    doc = v.doc
    span = doc[c.start:c.end]
    if label == Label.PERSON:
        if span.text.lower() in countries():
            return False  # a well-known place stays a place
        words = [t for t in span if t.text not in {"-", "'"}]
        return 1 <= len(words) <= 4 and org_kind(span.text) is None and all(
            t.is_title and t.is_alpha or len(t.text) == 2 and t.text[1] == "."
            or t.is_alpha and t.i > c.start and doc[t.i - 1].text == "-" for t in words)  # 'Tae-min'
    if label == Label.PLACE:
        return org_kind(span.text) is None
    return True


def _by_cue(v: DocView, chosen: Chosen):
    doc = v.doc
    toks = v.tokens
    cues = type_cues()
    text = v.text
    for k, (c, _) in enumerate(chosen):
        if not _overrulable(c) or c.start == 0:
            continue
        before = _WORD.findall(text[max(0, toks[c.start].idx - 24):toks[c.start].idx].lower())[-3:]
        for n in (3, 2, 1):
            cue = " ".join(before[-n:])
            if len(before) >= n and cue in cues:
                owner = c.end < len(doc) and toks[c.end].text in POSSESSIVE_S
                owns_name = owner and c.end + 1 < len(doc) and is_cap(toks[c.end + 1])
                if not (cues[cue] == Label.WORK and owner) and not (cues[cue] == Label.PERSON and owns_name):
                    # "a role in Kim's new film": Kim owns the work; "directed by X's Lumen Kora": X is not the director
                    yield k, Label(cues[cue])
                break


def _by_head(v: DocView, chosen: Chosen):
    """'the Iron Willed program', 'Comanche descent': a noun right after the name. A one-word name
    before a work noun is left alone unless written in camel case: 'a Streamly series' names the
    network, 'the SlamTown brand' the show."""
    doc = v.doc
    toks = v.tokens
    heads = type_heads()
    for k, (c, _) in enumerate(chosen):
        if c.end >= len(doc) or toks[c.end].lower_ not in heads or not toks[c.end].is_lower:
            continue
        label = Label(heads[toks[c.end].lower_])
        words = [t for t in doc[c.start:c.end] if t.is_alpha]
        camel = len(words) == 1 and any(ch.isupper() for ch in words[0].text[1:]) and not words[0].is_upper
        owner = c.end + 1 < len(doc) and is_cap(toks[c.end + 1])  # "the X Television show I Am a Singer"
        if label != Label.WORK or (len(words) >= 2 or camel) and not owner:
            yield k, label


def _by_name_head(v: DocView, chosen: Chosen):
    """'Sacramento Valley', 'Lake Tana', 'the Bobsleigh Masters Cup': a name of two or more capitalised
    words whose first or last word is a head noun of a kind of name (`patterns/name_heads.csv`);
    each head overrules only the model's labels its row lists."""
    doc = v.doc
    heads = name_heads()
    for k, (c, _) in enumerate(chosen):
        if not c.model_label:
            continue
        words = [t for t in doc[c.start:c.end] if t.is_alpha]
        if len(words) < 2:
            continue
        # the last word is the head where both are ("Battle Creek" is a town, not a battle); a head
        # before 'of' first, where the name's own words end ("the District Court of X County": a court)
        of = next((j for j, t in enumerate(words) if t.lower_ == "of"), 0)
        last = next((t for t in (words[of - 1], words[-1]) if (t.lower_, "last") in heads), words[-1])
        word = last if (last.lower_, "last") in heads else words[0]
        head = heads.get((word.lower_, "last" if word is last else "first"))
        if head is None or not word.text[0].isupper() or c.label.value not in head[1]:
            continue
        if c.label == Label.WORK and words[0].text in _TITLE_ARTICLES:
            continue  # "The Blue Lake" the model read as a title: a place is named without its article
        yield k, Label(head[0])


def _foreign_titles(v: DocView, chosen: Chosen):
    """'Copa de la Luna', 'Ponte di Notte': the model's organisation whose first word is capitalised and
    whose words are joined by a lower-case Romance particle (`patterns/title_particles.txt`), with no
    organisation word (`patterns/org_kinds.csv`: 'Universidad de X' stays an organisation), not
    starting with a particle, nor a first name before a capitalised surname. Only on a page that
    names works (two work cues or more, `patterns/work_cues.csv`: 'film', 'telenovela'): elsewhere
    such names are streets, mountains, nobles and parties ('Piton des X', 'Madame de X')."""
    doc = v.doc
    particles = title_particles()
    cues = work_cues()
    if sum(w in cues for w in v.lower) < 2:
        return
    for k, (c, _) in enumerate(chosen):
        if not c.model_label or c.label != Label.ORG:
            continue
        words = [t for t in doc[c.start:c.end] if t.is_alpha]
        if len(words) < 3 or not words[0].is_title or words[0].lower_ in particles or words[-1].lower_ in particles \
                or is_first_name(words[0].text) and words[-1].is_title \
                or org_kind(v.span_text(c.start, c.end)) is not None:
            continue  # "La Banda de X" names a band as often as a title; "Henri de Valcourt" is a person
        if any(t.text in particles for t in words[1:-1]):
            yield k, Label.WORK


def _runs(v: DocView, chosen: Chosen) -> list[list[int]]:
    """Indices of the chosen names that form lists: 'A, B and C' (names joined by commas,
    'and', '&', 'or' and nothing else on one line)."""
    doc = v.doc
    toks = v.tokens
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


def _address(v: DocView, chosen: Chosen, run: list[int]) -> set[int]:
    """'at Harwick Sound Studios, Tellby, Norvia', 'Kestland Institute, Lumenport': an organisation,
    then, joined by commas alone to the run's end, the names the model calls places are its
    address, not members of a list of organisations: they stay places."""
    doc = v.doc
    for i, k in enumerate(run[:-1]):
        if chosen[k][0].label != Label.ORG:
            continue
        rest = run[i + 1:]
        if all(chosen[j][0].model_label and chosen[j][0].label == Label.PLACE for j in rest) \
                and all(t.text == "," for j in rest for t in doc[chosen[j - 1][0].end:chosen[j][0].start]):
            return set(rest)
    return set()


def _by_list(v: DocView, chosen: Chosen):
    """The label most members of a list get from context (or, for people, from a first name)."""
    toks = v.tokens
    for run in _runs(v, chosen):
        # a country votes in a list of three or more closed by a conjunction: "Samoa, Tonga and Tuvalu";
        # names joined by commas alone are as often a place and its person ("independent Ghana, Kwame Mensah,")
        closed = len(run) >= 3 and any(t.lower_ in _CONJUNCTIONS for t in v.doc[chosen[run[-2]][0].end:chosen[run[-1]][0].start])
        sure = [j for j in run if _reliable(v, chosen[j][0]) or closed and _country(v, chosen[j][0])]
        address = _address(v, chosen, run)
        for k in run:
            c = chosen[k][0]
            if k in sure or k in address:
                continue
            votes = Counter(chosen[j][0].label for j in sure if j != k)
            if not votes and c.end - c.start == 1 and is_first_name(toks[c.start].text):  # "Amara and Rohan"
                votes = Counter(chosen[j][0].label for j in run if j != k and chosen[j][0].label == Label.PERSON)
            if votes:
                (label, n), *rest = votes.most_common()
                if not rest or rest[0][1] < n:
                    yield k, label


def _adjacent(v: DocView, chosen: Chosen, between: str):
    """(index of the second, first, second) for two chosen names with one token `between` them."""
    toks = v.tokens
    for k in range(1, len(chosen)):
        first, second = chosen[k - 1][0], chosen[k][0]
        if second.start == first.end + 1 and toks[first.end].lower_ == between:
            yield k, first, second


def _roles_in_works(v: DocView, chosen: Chosen):
    """'such as Rose-Ellen in X', 'Verna Dalton in X, Lacey Pindar in Y': a role, then its work."""
    doc = v.doc
    pairs = {k: p for k, p, _ in _adjacent(v, chosen, "in") if p.label == Label.PERSON}
    for k, p in pairs.items():
        cued = any(t.lower_ in _ROLE_CUES for t in doc[max(0, p.start - 3):p.start])
        listed = k - 2 in pairs or k + 2 in pairs  # the next or previous name is another pair
        if cued or listed:
            yield k, Label.WORK


def _characters(v: DocView, chosen: Chosen):
    """'Howard Flint as Thersander', 'the film Elegy as Sayuri': a role is named like a person.
    'her husband Tae-min (Jorun Vale)', 'Lise (Mara Quell)': a name of one or two words that the
    model calls an organisation, then its actor in brackets, is a character, named like a person;
    so is the actor the model calls an organisation too, when a first name starts it."""
    toks = v.tokens
    for k, p, _ in _adjacent(v, chosen, "as"):
        if p.label == Label.PERSON or p.label == Label.WORK and not p.model_label:
            yield k, Label.PERSON
    for k, c, actor in _adjacent(v, chosen, "("):
        if actor.end >= len(toks) or toks[actor.end].text != ")" or not c.model_label or c.label != Label.ORG \
                or c.end - c.start > 3 or org_kind(v.span_text(c.start, c.end)) is not None \
                or not all(t.is_title or t.text == "-" or t.is_alpha and toks[t.i - 1].text == "-"
                           for t in toks[c.start:c.end]):  # 'Tae-min'
            continue
        named = actor.end - actor.start >= 2 and is_first_name(toks[actor.start].text) \
            and org_kind(v.span_text(actor.start, actor.end)) is None
        if actor.label == Label.PERSON or actor.label == Label.ORG and actor.model_label and named:
            yield k - 1, Label.PERSON
            if actor.label == Label.ORG:
                yield k, Label.PERSON


def _translations(v: DocView, chosen: Chosen):
    """'Zehri Talwar (Poison Sword) is a 1930 film': a title's translation in brackets is a title."""
    doc = v.doc
    toks = v.tokens
    for k, w, c in _adjacent(v, chosen, "("):
        if w.label == Label.WORK and _reliable(v, w) and c.end < len(doc) and toks[c.end].text == ")":
            yield k, Label.WORK


def _place_before_region(v: DocView, chosen: Chosen):
    """'in San Antonio, Texas'; without a preposition, 'McKee Rocks, Pennsylvania.' when the model
    calls the first an organisation (no organisation word in it) and the region ends the phrase, or
    'Ouro Verde, Brazil' when the region is a country (a person is not followed by one). Not in a
    list of places ('prizes at X, Y and Z'): the second is another member, not the first's region."""
    doc = v.doc
    toks = v.tokens
    for k, c, region in _adjacent(v, chosen, ","):
        if region.label != Label.PLACE or region.end < len(doc) and toks[region.end].lower_ in _LIST_GLUE - {","}:
            continue
        closed = region.end == len(doc) or toks[region.end].is_punct and toks[region.end].text not in {"-", "'"}
        if c.start > 0 and toks[c.start - 1].lower_ in _LOCATIVE \
                or c.label == Label.ORG and closed and org_kind(v.span_text(c.start, c.end)) is None \
                or c.label == Label.PERSON and closed and v.span_text(region.start, region.end).lower() in countries():
            yield k - 1, Label.PLACE



def _life_brackets(v: DocView, chosen: Chosen):
    """'Jean Morel (1744 – 1829)', 'Ana Holt (born 21 May 1955)': the name right before the bracket
    of a life is a person's; inside it, the model's one-word person after 'in' or after a date and
    a comma names a place ('(born 1979 in Varnowa)', '(3 May 1934, Varnowa – 4 June 2014, Keshtor)')."""
    toks = v.tokens
    n = len(toks)
    dates = sorted((c.start, c.end) for c, _ in chosen if c.label == Label.DATE)
    for k, (c, _) in enumerate(chosen):
        if c.label not in _NAMES or c.end >= n or toks[c.end].text != "(":
            continue
        close = next((j for j in range(c.end + 1, min(n, c.end + 30)) if toks[j].text == ")"), None)
        inside = [(s, e) for s, e in dates if close is not None and c.end < s and e <= close]
        if close is None or not _a_life(v, c.end + 1, close, inside):
            continue
        if c.label != Label.PERSON:
            yield k, Label.PERSON
        for j, (p, _) in enumerate(chosen):
            if p.label == Label.PERSON and c.end < p.start and p.end <= close and p.end - p.start == 1 \
                    and (toks[p.start - 1].lower_ == "in"
                         or toks[p.start - 1].text == "," and any(e == p.start - 1 for _, e in inside)):
                yield j, Label.PLACE


def _a_life(v: DocView, start: int, close: int, dates: list[tuple[int, int]]) -> bool:
    """A bracket that opens with 'born' and holds a date, or holds a date, a dash and a date whose
    years make a lifetime (not a term: 'X (1986 – 1993)')."""
    toks = v.tokens
    if not dates:
        return False
    if toks[start].lower_ in _BORN:
        return True
    dash = next((j for j in range(start, close) if toks[j].text in _DASHES
                 and not any(s <= j < e for s, e in dates)), None)
    if dash is None:
        return False
    years = [next((int(y) for y in YEAR_NUMBER.findall(v.span_text(s, e))), None)
             for s, e in (next(((s, e) for s, e in dates if e <= dash), (0, 0)),
                          next(((s, e) for s, e in dates if s > dash), (0, 0)))]
    return None not in years and LIFETIME[0] <= years[1] - years[0] <= LIFETIME[1]


def _locative_places(v: DocView, chosen: Chosen):
    doc = v.doc
    toks = v.tokens
    in_names = {t.lower_ for c, _ in chosen if c.label == Label.PERSON and c.end - c.start > 1
                for t in toks[c.start:c.end]}
    festivals = festival_town_names(v, chosen)
    for k, (c, _) in enumerate(chosen):
        if c.start < 1 or c.label not in (Label.PERSON, Label.PLACE) or c.kind == "demonym" \
                or v.span_text(c.start, c.end) in festivals:  # a festival named by its town elsewhere
            continue
        before = toks[c.start - 1].text
        if c.label == Label.PLACE:
            if before in _PLACE_BEFORE and all(t.is_title for t in doc[c.start:c.end]):
                yield k, Label.PLACE  # confirmed
            continue
        tok = toks[c.start]
        if c.end - c.start != 1 or before != "in" or is_first_name(tok.text) or tok.lower_ in in_names \
                or not tok.is_title:
            continue
        if c.end < len(doc) and (toks[c.end].text in POSSESSIVE_S or is_cap(toks[c.end])):
            continue  # "in X's film", "in X Lumen"
        if any(t.lower_ in _NOT_PLACE_BEFORE for t in doc[max(0, c.start - 4):c.start - 1]):
            continue  # "her role in X", "starred in X": a work
        yield k, Label.PLACE


_RULES = {Step.TYPE_CUE: _by_cue, Step.TYPE_HEAD: _by_head, Step.NAME_HEAD: _by_name_head,
          Step.PLACE_REGION: _place_before_region,
          Step.FESTIVAL_TOWN: festival_towns, Step.FESTIVAL_SHAPE: festival_shape_towns,
          Step.CHARACTER: _characters, Step.ROLE_IN_WORK: _roles_in_works,
          Step.TRANSLATION: _translations, Step.FOREIGN_TITLE: _foreign_titles, Step.CAPS_WORD_TITLE: caps_word_titles,
          Step.LIST: _by_list,
          Step.KNOWN_PLACE: known_places, Step.LOCATIVE_PLACE: _locative_places, Step.LIFE_BRACKET: _life_brackets}
