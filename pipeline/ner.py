"""Stage: entity recognition. The spaCy model's entities plus domain rules, decided in one place.

`build_nlp(model)` returns the spaCy pipeline with the product's components added:
`line_breaks` (a line break ends a sentence), `span_ruler` (token patterns from
`patterns/entity_patterns.jsonl`) and `film_entities` (rules + model -> `doc.ents` with the
product's labels). `mentions(doc)` reads the result back as (char start, char end, label, ...).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import spacy
from spacy.attrs import FLAG19, IS_SPACE
from spacy.language import Language
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span

from . import relations
from .lexicon import is_first_name, jsonl, org_kind, role_words
from .ner_caps import caps_names
from .ner_credits import credit_orgs
from .ner_decide import YEAR, decide, drop_characters, drop_lone_words, propagate
from .ner_names import bracket_names, cast_lists, cue_orgs, listed_people, of_the_names, role_names
from .ner_rules import Candidate, forget, lowers, model_ents, register_common_words, tokens
from .ner_types import retype
from .ner_titles import caps_titles, cue_titles, definitions, owned_titles, quoted_titles, year_titles
from .vocab import Label

# spaCy's labels -> the product's; labels not listed are dropped
MODEL_LABELS = {"PERSON": Label.PERSON, "ORG": Label.ORG, "GPE": Label.PLACE, "LOC": Label.PLACE,
                "NORP": Label.PLACE, "FAC": Label.ORG, "WORK_OF_ART": Label.WORK,
                "EVENT": Label.ORG, "DATE": Label.DATE}
RULES = (quoted_titles, caps_names, caps_titles, cue_titles, year_titles, definitions, bracket_names, cue_orgs,
         role_names, cast_lists, owned_titles, listed_people, of_the_names, credit_orgs)
PATTERNS = "entity_patterns.jsonl"  # in pipeline/patterns/
META_KEY = "film_entities"  # doc.user_data[META_KEY][(start, end)] = SpanMeta
RULER_KEY = "film_rules"
_DAY = re.compile(r"(0?[1-9]|[12]\d|3[01])")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}


class SpanMeta(NamedTuple):
    score: float
    source: str
    kind: str | None
    roles: tuple[str, ...]


def build_nlp(model: str) -> Language:
    """Loads a spaCy pipeline by name or path and adds the product's components."""
    nlp = spacy.load(model)
    # "Im" is a family name here, not a contraction of "I'm"
    for form in ("Im", "IM"):
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    first = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    nlp.add_pipe("line_breaks", before=first) if first else nlp.add_pipe("line_breaks", first=True)
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("span_ruler", name="film_ruler", after=after,
                         config={"spans_key": RULER_KEY, "phrase_matcher_attr": "LOWER",
                                 "validate": False, "overwrite": True})  # validated below
    with nlp.select_pipes(enable=[]):  # phrase patterns ("Palme d'Or") need the tokenizer alone
        ruler.add_patterns(regex_flags(nlp, _validated(jsonl(PATTERNS), PATTERNS)))
    nlp.add_pipe("film_entities", after="film_ruler")
    for label in Label:  # permanent strings, outside any memory zone
        nlp.vocab.strings.add(label.value)
    relations.prepare(nlp)
    register_common_words(nlp)
    return nlp


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


def regex_flags(nlp: Language, patterns: list[dict]) -> list[dict]:
    """Token patterns with each `{"TEXT": {"REGEX": r}}` replaced by a lexeme flag that holds r's
    answer for each word of the vocabulary. The Matcher runs a regular expression for every
    token of every text, again and again for the same words; a flag is computed once per word
    (`Vocab.add_flag`) and tested in C. Same matches (tests/test_fast_paths.py); the ruler's time
    over 500 texts went from 0.77 s to 0.55 s."""
    flags: dict[str, int] = {}
    free = (bit for bit in range(FLAG19, 64) if bit not in nlp.vocab.lex_attr_getters)

    def token(spec: dict) -> dict:
        spec = dict(spec)
        for attr in ("TEXT", "ORTH"):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"REGEX"}:
                regex = value["REGEX"]
                if regex not in flags:
                    bit = next(free, None)
                    if bit is None:
                        raise ValueError(f"{PATTERNS}: more regular expressions than free lexeme flags")
                    flags[regex] = nlp.vocab.add_flag(_Search(regex), bit)
                del spec[attr]
                spec[flags[regex]] = True
        return spec
    return [dict(p, pattern=[token(t) for t in p["pattern"]]) if isinstance(p["pattern"], list) else p
            for p in patterns]


@Language.component("line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence (web pages break lines between blocks).
    spaCy keeps every line break inside a space token (a word's trailing whitespace is a space
    at most): only those tokens are looked at."""
    for k in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if "\n" in doc[k].text:
            doc[k + 1].is_sent_start = True
    return doc


@Language.component("film_entities", requires=["doc.ents"], assigns=["doc.ents"])
def film_entities(doc: Doc) -> Doc:
    try:
        chosen = retype(doc, decide(doc, candidates(doc)))
        chosen = drop_characters(doc, drop_lone_words(doc, propagate(doc, chosen)))
    finally:
        forget(doc)  # the model's entities are replaced below
    doc.user_data[META_KEY] = {(c.start, c.end): SpanMeta(c.score, c.source, c.kind, roles)
                               for c, roles in chosen}
    doc.ents = [Span(doc, c.start, c.end, label=c.label.value) for c, _ in chosen]
    return doc


def candidates(doc: Doc) -> list[Candidate]:
    toks = tokens(doc)
    out: list[Candidate] = []
    for ent in model_ents(doc):
        label = MODEL_LABELS.get(ent.label_)
        if ent.label_ == "EVENT" and org_kind(ent.text) is None:
            continue  # a war, a census, the Olympics: an event is an organisation only as a festival, an awards body
        if label is not None:
            c = Candidate(ent.start, ent.end, label, 0.6, "model", "demonym" if ent.label_ == "NORP" else None)
            if label == Label.DATE and c.start > 0 and _DAY.fullmatch(toks[c.start - 1].text) \
                    and toks[c.start].lower_ in _MONTHS:
                c = c._replace(start=c.start - 1)  # "29 December 1928": the model left the day out
            out.extend(_split_lines(doc, extend_name(doc, c) if label == Label.PERSON else c))
    for span in doc.spans.get(RULER_KEY, []):
        out.append(Candidate(span.start, span.end, Label(span.label_), 0.8, span.id_ or "pattern"))
    for rule in RULES:
        out.extend(rule(doc))
    for i, low in enumerate(lowers(doc)):  # a bare year the model did not mark (digits: lower = text)
        if YEAR.fullmatch(low):
            out.append(Candidate(i, i + 1, Label.DATE, 0.5, "year"))
    return out


def _split_lines(doc: Doc, c: Candidate) -> Iterable[Candidate]:
    """Model spans sometimes run across a line break; keep the first line's part."""
    toks = tokens(doc)
    for k in range(c.start, c.end - 1):
        if "\n" in toks[k].whitespace_ or toks[k + 1].is_space:
            return [c._replace(end=k + 1)]
    return [c]


def extend_name(doc: Doc, c: Candidate) -> Candidate:
    """'Yong Kim' -> 'So Yong Kim': a person's name takes in the proper nouns just before it."""
    toks = tokens(doc)
    start = c.start
    words = role_words()
    while start > 0 and toks[start - 1].is_title and toks[start - 1].lower_ not in words \
            and (toks[start - 1].tag_ == "NNP" or c.end - c.start >= 2 and is_first_name(toks[start - 1].text)) \
            and "\n" not in toks[start - 1].whitespace_ \
            and toks[start - 1].ent_type_ not in {"GPE", "ORG", "NORP"} and c.start - start < 2:
        start -= 1  # "So Yong Kim" at a sentence start, where "So" is tagged as an adverb
    return c._replace(start=start)


class RawMention(NamedTuple):
    start: int  # character offsets into doc.text (the cleaned text)
    end: int
    label: Label
    meta: SpanMeta


def mentions(doc: Doc) -> list[RawMention]:
    meta = doc.user_data.get(META_KEY, {})
    out = []
    for ent in doc.ents:
        m = meta.get((ent.start, ent.end), SpanMeta(0.5, "model", None, ()))
        out.append(RawMention(ent.start_char, ent.end_char, Label(ent.label_), m))
    return out
