"""Where a person took a degree: "received an MBA from the University of X", "a PhD in law from
X", "earned his doctorate at X" -> educated_at. The shapes are spaCy DependencyMatcher patterns
kept as data (`patterns/degree_patterns.jsonl`, the degree nouns in `patterns/degree_words.txt`);
the school is the organisation the pattern's `school` token stands in, the person the subject of
the clause (a name or a pronoun the discourse resolves), else the person named last before the
degree."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span
from spacy.vocab import Vocab

from ..lexicon import jsonl, word_list
from ..records import EntityRef
from ..view import DocView
from ..vocab import Label, Predicate
from .context import Discourse, Found, Item

PATTERNS = "degree_patterns.jsonl"  # in pipeline/patterns/
DEGREE_WORDS = "degree_words.txt"
_SUBJECTS = {"nsubj", "nsubjpass"}


def _expand(value):
    """'@words.txt' in a pattern stands for that word list."""
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        return sorted(word_list(value[1:]))
    return value


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab, validate=True)
    for n, row in enumerate(jsonl(PATTERNS), 1):
        try:
            matcher.add(row["name"], [[_expand(node) for node in row["pattern"]]])
        except (KeyError, ValueError, TypeError) as e:
            raise ValueError(f"patterns/{PATTERNS} line {n}: {e}") from e
    return matcher


def degrees(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    doc = sent.doc
    lower = v.lower
    if not doc.has_annotation("DEP") or not any(a.label == Label.ORG for a in args) \
            or not any(lower[k] in word_list(DEGREE_WORDS) for k in range(sent.start, sent.end)):
        return  # the matcher copies the sentence: only where a degree is named
    seen = set()
    for match_id, tokens in _matcher(doc.vocab)(sent):
        names = [node["RIGHT_ID"] for node in _pattern(doc.vocab.strings[match_id])]
        at = dict(zip(names, (sent.start + t for t in tokens)))
        school = next((a for a in args if a.label == Label.ORG and not a.implicit and a.start <= at["school"] < a.end), None)
        if school is None:
            continue
        person = _subject(doc, at, args)
        if person is not None and (person.ref, school.ref) not in seen:
            seen.add((person.ref, school.ref))
            yield Found(person.ref, Predicate.EDUCATED_AT, EntityRef(school.ref), sent.start_char, sent.end_char,
                        0.0, "degree")


def _pattern(name: str) -> list[dict]:
    return next(row["pattern"] for row in jsonl(PATTERNS) if row["name"] == name)


def _subject(doc, at: dict[str, int], args: list[Item]) -> Item | None:
    """The subject of the clause that holds the degree, else the last person named before it."""
    t = doc[at.get("verb", at["degree"])]
    for _ in range(6):
        subj = next((c for c in t.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            return next((a for a in args if a.label == Label.PERSON and a.start <= subj.i < a.end), None)
        if t.head.i == t.i:
            break
        t = t.head
    return next((a for a in reversed(args) if a.label == Label.PERSON and a.end <= at["degree"]), None)
