"""Stage: entity recognition. The spaCy model's entities plus domain rules, decided in one place.

`add_components(nlp)` adds the stage's components to a spaCy pipeline (`pipeline/nlp.py`):
`film_ruler` (token patterns from `patterns/entity_patterns.jsonl`) and `film_entities` (rules +
model -> `doc.ents` with the product's labels). `mentions(doc)` reads the result back as (char
start, char end, label, ...).
"""
from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from spacy.attrs import FLAG19
from spacy.language import Language
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span

from ..lexicon import (ANY_YEAR, MONTH_ABBREVIATIONS, MONTHS, YEAR, demonyms, is_first_name, jsonl, norp_orgs,
                       org_kind, role_words, word_list)
from ..view import DocView
from ..vocab import Label
from .caps import caps_names
from .credits import credit_orgs, credit_people
from .festival_shapes import unmarked_festival_shape_towns
from .outlets import outlet_orgs
from .festivals import unmarked_festival_towns
from .places import unmarked_known_places
from .decide import decide, drop_characters, drop_lone_words, propagate
from .registry import MODEL, PATTERN, RULER_KEY, Candidate
from .registry import YEAR as YEAR_RULE
from .names import (bracket_names, cast_lists, cue_orgs, life_names, listed_people, of_the_names, prizes_won, role_names,
                    title_owners)
from .retype import retype
from .titles import (caps_comma_titles, caps_titles, cue_titles, definitions, lineup_countries, owned_titles,
                     quoted_titles, table_titles, year_line_titles, year_titles)

# spaCy's labels -> the product's; labels not listed are dropped
MODEL_LABELS = {"PERSON": Label.PERSON, "ORG": Label.ORG, "GPE": Label.PLACE, "LOC": Label.PLACE,
                "NORP": Label.PLACE, "FAC": Label.ORG, "WORK_OF_ART": Label.WORK,
                "EVENT": Label.ORG, "DATE": Label.DATE}
# the rules written as code, in the order their candidates are listed (`registry.py` declares them)
FINDERS = (quoted_titles, caps_names, caps_titles, caps_comma_titles, cue_titles, year_titles, table_titles, year_line_titles,
           lineup_countries, definitions,
           bracket_names, life_names, cue_orgs, prizes_won, role_names, cast_lists, owned_titles, listed_people,
           of_the_names, credit_orgs, credit_people, outlet_orgs, title_owners,
           unmarked_festival_towns, unmarked_festival_shape_towns, unmarked_known_places)
PATTERNS = "entity_patterns.jsonl"  # in pipeline/patterns/
META_KEY = "film_entities"  # doc.user_data[META_KEY][(start, end)] = SpanMeta
_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])")
_RANGE_DASHES = {"–", "-", "—"}
_RANGE_WORDS = _RANGE_DASHES | {"to", "until", "till"}
_MONTHS = frozenset(MONTHS) | MONTH_ABBREVIATIONS


class SpanMeta(NamedTuple):
    score: float
    source: str
    kind: str | None
    roles: tuple[str, ...]


def add_components(nlp: Language) -> None:
    """Adds the entity stage's components after the model's `ner`: the patterns' ruler and
    `film_entities`."""
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("span_ruler", name="film_ruler", after=after,
                         config={"spans_key": RULER_KEY, "phrase_matcher_attr": "LOWER",
                                 "validate": False, "overwrite": True})  # validated below
    with nlp.select_pipes(enable=[]):  # phrase patterns ("Palme d'Or") need the tokenizer alone
        ruler.add_patterns(regex_flags(nlp, _validated(jsonl(PATTERNS), PATTERNS)))
    nlp.add_pipe("film_entities", after="film_ruler")


def _validated(patterns: Sequence[dict], name: str) -> list[dict]:
    """The patterns of a file, checked against spaCy's pattern schema (the ruler's own check
    cannot see them once `regex_flags` has rewritten them)."""
    for k, p in enumerate(patterns, 1):
        errors = validate_token_pattern(p["pattern"]) if isinstance(p.get("pattern"), list) else []
        if errors:
            raise ValueError(f"{name}, pattern {k} ({p.get('id', p.get('label'))}): {'; '.join(errors)}")
    return list(patterns)


class _Search:
    """A lexeme flag's getter: does a regular expression match the word? (picklable)"""

    def __init__(self, regex: str):
        self.regex = re.compile(regex)

    def __call__(self, word: str) -> bool:
        return self.regex.search(word) is not None


class _InSet:
    """A lexeme flag's getter: is the word (lower-cased for LOWER) in a set of words, or, for
    NOT_IN, outside it? (picklable)"""

    def __init__(self, attr: str, words: Iterable[str], inside: bool):
        self.lower, self.words, self.inside = attr == "LOWER", frozenset(words), inside

    def __call__(self, word: str) -> bool:
        return ((word.lower() if self.lower else word) in self.words) == self.inside


class _Length:
    """A lexeme flag's getter: does the word's length compare so with n? (picklable)"""

    def __init__(self, op: str, n: int):
        self.op, self.n = op, n

    def __call__(self, word: str) -> bool:
        return _COMPARE[self.op](len(word), self.n)


_COMPARE = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt,
            "<": operator.lt}


def regex_flags(nlp: Language, patterns: list[dict]) -> list[dict]:
    """Token patterns with each `{"TEXT": {"REGEX": r}}` replaced by a lexeme flag that holds r's
    answer for each word of the vocabulary. The Matcher runs a regular expression for every
    token of every text, again and again for the same words; a flag is computed once per word
    (`Vocab.add_flag`) and tested in C. Same matches (tests/test_fast_paths.py); the ruler's time
    over 500 texts went from 0.77 s to 0.55 s.

    Then, while free flags remain, the word sets and lengths the same way (`{"LOWER": {"IN": [...]}}`,
    `{"LENGTH": {"<=": 5}}`: a Python call per token and pattern in the Matcher): the ruler's
    Matcher over the 500 redocred-dev-all texts went from 1.24 s to 0.85 s (same matches). A
    regular expression must have its flag; a set left without one is matched as before."""
    flags: dict[tuple, int] = {}
    free = (bit for bit in range(FLAG19, 64) if bit not in nlp.vocab.lex_attr_getters)

    def regex(attr: str, value) -> tuple | None:
        return ("REGEX", value["REGEX"]) if attr in ("TEXT", "ORTH") and set(value) == {"REGEX"} else None

    def word_set(attr: str, value) -> tuple | None:
        if len(value) != 1:
            return None
        (op, arg), = value.items()
        if attr in ("TEXT", "ORTH", "LOWER") and op in ("IN", "NOT_IN") and isinstance(arg, list) \
                and all(isinstance(w, str) for w in arg):
            return ("SET", "LOWER" if attr == "LOWER" else "ORTH", op == "IN", frozenset(arg))
        if attr == "LENGTH" and op in _COMPARE and isinstance(arg, int) and not isinstance(arg, bool):
            return ("LENGTH", op, arg)
        return None

    def getter(key: tuple):
        if key[0] == "REGEX":
            return _Search(key[1])
        return _InSet(key[1], key[3], key[2]) if key[0] == "SET" else _Length(key[1], key[2])

    def token(spec: dict, keyed, required: bool) -> dict:
        spec = dict(spec)
        for attr in ("TEXT", "ORTH", "LOWER", "LENGTH"):
            value = spec.get(attr)
            key = keyed(attr, value) if isinstance(value, dict) else None
            if key is None:
                continue
            if key not in flags:
                bit = next(free, None)
                if bit is None:
                    if required:
                        raise ValueError(f"{PATTERNS}: more regular expressions than free lexeme flags")
                    continue
                flags[key] = nlp.vocab.add_flag(getter(key), bit)
            del spec[attr]
            spec[flags[key]] = True
        return spec

    for keyed, required in ((regex, True), (word_set, False)):
        patterns = [dict(p, pattern=[token(t, keyed, required) for t in p["pattern"]])
                    if isinstance(p["pattern"], list) else p for p in patterns]
    return patterns


@Language.factory("film_entities", requires=["doc.ents"], assigns=["doc.ents"])
def _film_entities(nlp: Language, name: str) -> FilmEntities:
    return FilmEntities(common_words(nlp))


class FilmEntities:
    """The component: the model's entities and the rules' candidates -> `doc.ents` with the
    product's labels, and each span's evidence in `doc.user_data[META_KEY]`. Its state is the
    word list the rules test capitalised words against; each Doc gets one `DocView`, made here
    and passed to every rule."""

    def __init__(self, common: frozenset[str]):
        self.common = common

    def __call__(self, doc: Doc) -> Doc:
        chosen = find(DocView(doc, common_words=self.common))
        doc.user_data[META_KEY] = {(c.start, c.end): SpanMeta(c.score, c.source, c.kind, roles)
                                   for c, roles in chosen}
        doc.ents = [Span(doc, c.start, c.end, label=c.label.value) for c, _ in chosen]
        return doc


def find(v: DocView) -> list[tuple[Candidate, tuple[str, ...]]]:
    """The spans chosen over a view of a Doc that holds the model's entities, with their roles."""
    chosen = retype(v, decide(v, candidates(v)))
    return drop_characters(v, drop_lone_words(v, propagate(v, chosen)))


def common_words(nlp: Language) -> frozenset[str]:
    """The English words the lemmatizer knows (nouns, verbs, adjectives, adverbs)."""
    words: set[str] = set()
    if "lemmatizer" in nlp.pipe_names and hasattr(nlp.get_pipe("lemmatizer"), "lookups"):
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                words.update(index.get(pos, []))
    return frozenset(words)


def candidates(v: DocView) -> list[Candidate]:
    doc = v.doc
    toks = v.tokens
    out: list[Candidate] = []
    for ent in v.ents:
        label = MODEL_LABELS.get(ent.label_)
        if ent.label_ == "EVENT" and org_kind(ent.text) is None:
            continue  # a war, a census, the Olympics: an event is an organisation only as a festival, an awards body
        if ent.label_ == "FAC" and org_kind(ent.text) is None:
            label = Label.PLACE  # a building, a park, a road; an organisation only when its name says so ("X Conservatory")
        kind = "demonym" if ent.label_ == "NORP" else None
        if ent.label_ == "ORG" and ent.text.lower() in demonyms():
            label, kind = Label.PLACE, "demonym"  # "Kazakh actress X": a people, as the model says elsewhere
        if ent.label_ == "NORP" and ent.text[:1].isupper():
            faith = norp_orgs().get(ent.text.lower().removeprefix("the "))
            if faith is not None:  # a faith or a party: an organisation ("Catholic", "the Democrats")
                label, kind = Label.ORG, faith
        if label is not None:
            c = MODEL.found(ent.start, ent.end, label, kind)
            if label == Label.DATE and c.start > 0 and _DAY.fullmatch(toks[c.start - 1].text) \
                    and toks[c.start].lower_ in _MONTHS:
                c = c._replace(start=c.start - 1)  # "29 December 1928": the model left the day out
            if c.end < len(doc) and toks[c.end - 1].lower_ in word_list("numbered_names.txt") and toks[c.end].is_digit \
                    and toks[c.end - 1].whitespace_ == " ":
                c = c._replace(end=c.end + 1)  # "U.S. Route 20": the model left the road's number out
            for part in _split_lines(v, extend_name(v, c) if label == Label.PERSON else c):
                out.extend(split_range(v, part) if label == Label.DATE else [part])
    for span in doc.spans.get(RULER_KEY, []):
        if not _across_a_dash(span):
            out.append(PATTERN.found(span.start, span.end, Label(span.label_), name=span.id_ or None))
    for find in FINDERS:
        out.extend(find(v))
    for i, low in enumerate(v.lower):  # a bare year the model did not mark (digits: lower = text)
        if YEAR.fullmatch(low):
            out.append(YEAR_RULE.found(i, i + 1))
    return out


def _across_a_dash(span: Span) -> bool:
    """A pattern's span with a hyphen between spaces inside it ('PRESS NOTES - awards'): a hyphen
    typed as a dash separates a heading from its rest and joins no name, where one without spaces
    does ('Franco-Varnese Prize'), and so does a typeset dash ('University of X – Y Campus')."""
    doc = span.doc
    return any(t.text == "-" and doc[t.i - 1].whitespace_ and t.whitespace_ for t in span[1:-1])


def _split_lines(v: DocView, c: Candidate) -> Iterable[Candidate]:
    """Model spans sometimes run across a line break; keep the first line's part."""
    toks = v.tokens
    for k in range(c.start, c.end - 1):
        if "\n" in toks[k].whitespace_ or toks[k + 1].is_space:
            return [c._replace(end=k + 1)]
    return [c]


def split_range(v: DocView, c: Candidate) -> list[Candidate]:
    """'August 20, 1920 – January 16, 1992', '1977 to 1980': the model's one date for a span of
    time, two dates, each a year at least (a life's two ends, a term's); '2016–17 season' stays
    whole. A dash left at an end goes ('April 25, 1844 –')."""
    toks = v.tokens
    start, end = c.start, c.end
    while end - start > 1 and toks[end - 1].text in _RANGE_DASHES:
        end -= 1
    for k in range(start + 1, end - 1):
        if toks[k].lower_ in _RANGE_WORDS and _has_year(toks[start:k]) and _has_year(toks[k + 1:end]):
            left = k - (1 if toks[k - 1].text == "," else 0)
            return [c._replace(start=start, end=left), c._replace(start=k + 1, end=end)]
    return [c._replace(start=start, end=end)]


def _has_year(toks) -> bool:
    return any(ANY_YEAR.fullmatch(t.text) for t in toks)


def extend_name(v: DocView, c: Candidate) -> Candidate:
    """'Hyun Baek' -> 'So Hyun Baek': a person's name takes in the proper nouns just before it."""
    toks = v.tokens
    start = c.start
    words = role_words()
    while start > 0 and toks[start - 1].is_title and toks[start - 1].lower_ not in words \
            and (toks[start - 1].tag_ == "NNP" or c.end - c.start >= 2 and is_first_name(toks[start - 1].text)) \
            and "\n" not in toks[start - 1].whitespace_ \
            and toks[start - 1].ent_type_ not in {"GPE", "ORG", "NORP"} and c.start - start < 2:
        start -= 1  # "So Hyun Baek" at a sentence start, where "So" is tagged as an adverb
    return c._replace(start=start)


_UNDECIDED = SpanMeta(0.5, "model", None, ())  # an entity of a Doc that film_entities did not see


class RawMention(NamedTuple):
    start: int  # character offsets into doc.text (the cleaned text)
    end: int
    label: Label
    meta: SpanMeta


def mentions(doc: Doc) -> list[RawMention]:
    meta = doc.user_data.get(META_KEY, {})
    out = []
    for ent in doc.ents:
        m = meta.get((ent.start, ent.end), _UNDECIDED)
        out.append(RawMention(ent.start_char, ent.end_char, Label(ent.label_), m))
    return out
