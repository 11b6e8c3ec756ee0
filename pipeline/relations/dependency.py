"""Constructions read as spaCy DependencyMatcher patterns, kept as data
(`patterns/dependency_patterns.jsonl`: a name, the construction it belongs to, the predicate, the
pattern; "@file.txt" in a pattern stands for that word list of `patterns/`):

- degree: "received an MBA from the University of X", "a PhD in law from X", "earned his
  doctorate at X" -> educated_at (degree nouns in `degree_words.txt`)
- post: "a professor at X", "He is a senior editor at X", "A, a researcher at X" -> employer (nouns
  of a post in `post_words.txt`)

The object is the organisation that the pattern's `org` token stands in; the path from the noun to
its preposition crosses no verb ('a professor who studied at X' is not his post). The person is the
subject of the clause (a name or a pronoun the discourse resolves), else the person named last
before the noun."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span
from spacy.vocab import Vocab

from ..lexicon import SUBJECT_DEPS, jsonl, word_list
from ..records import EntityRef
from ..view import DocView
from ..vocab import Label, Predicate
from .context import Discourse, Found, Item

PATTERNS = "dependency_patterns.jsonl"  # in pipeline/patterns/
_VERBS = {"VERB", "AUX"}


def _expand(value):
    """'@words.txt' in a pattern stands for that word list."""
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    if isinstance(value, str) and value.startswith("@"):
        return sorted(word_list(value[1:]))
    return value


@lru_cache(maxsize=1)
def rows() -> tuple[dict, ...]:
    """The patterns' rows, checked: a construction, a known predicate, an `org` node."""
    out = []
    for n, row in enumerate(jsonl(PATTERNS), 1):
        try:
            Predicate(row["predicate"])
            ids = [node["RIGHT_ID"] for node in row["pattern"]]
            if "org" not in ids or not row["construction"]:
                raise ValueError("a pattern names its organisation 'org' and its construction")
        except (KeyError, ValueError, TypeError) as e:
            raise ValueError(f"patterns/{PATTERNS} line {n}: {e}") from e
        out.append(row)
    return tuple(out)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, dict]:
    return {row["name"]: row for row in rows()}


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab, construction: str) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab, validate=True)
    for row in rows():
        if row["construction"] == construction:
            matcher.add(row["name"], [[_expand(node) for node in row["pattern"]]])
    return matcher


@lru_cache(maxsize=8)
def _words(construction: str) -> frozenset[str]:
    """The words one of which a sentence must hold for the construction's patterns to match."""
    first = [row["pattern"][0]["RIGHT_ATTRS"].get("LOWER", {}) for row in rows() if row["construction"] == construction]
    return frozenset(w for f in first if isinstance(f, dict) for w in _expand(f.get("IN", [])))


def find(construction: str, v: DocView, sent: Span, args: list[Item], disc: Discourse,
         is_question: bool) -> Iterator[Found]:
    doc = sent.doc
    words = _words(construction)
    if not doc.has_annotation("DEP") or not any(a.label == Label.ORG for a in args) \
            or words and not any(v.lower[k] in words for k in range(sent.start, sent.end)):
        return  # the matcher copies the sentence: only where its words stand
    seen = set()
    for match_id, tokens in _matcher(doc.vocab, construction)(sent):
        row = _by_name()[doc.vocab.strings[match_id]]
        at = {node["RIGHT_ID"]: sent.start + t for node, t in zip(row["pattern"], tokens)}
        org = next((a for a in args if a.label == Label.ORG and not a.implicit and a.start <= at["org"] < a.end), None)
        head = at.get("verb", at[row["pattern"][0]["RIGHT_ID"]])
        if org is None or "prep" in at and _verb_between(doc, at["prep"], head):
            continue
        person = _subject(doc, head, args)
        pred = Predicate(row["predicate"])
        if person is not None and (person.entity, pred, org.entity) not in seen:
            seen.add((person.entity, pred, org.entity))
            yield Found(person.entity, pred, EntityRef(org.entity), sent.start_char, sent.end_char, 0.0, construction)


def _verb_between(doc, k: int, top: int) -> bool:
    """A verb on the way up from token k to `top` ('a professor who studied at X')."""
    t = doc[k].head
    while t.i != top and t.head.i != t.i:
        if t.pos_ in _VERBS:
            return True
        t = t.head
    return False


def _subject(doc, k: int, args: list[Item]) -> Item | None:
    """The subject of the clause that holds token k, else the last person named before it."""
    t = doc[k]
    for _ in range(6):
        subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return next((a for a in args if a.label == Label.PERSON and a.start <= subj.i < a.end), None)
        if t.head.i == t.i:
            break
        t = t.head
    return next((a for a in reversed(args) if a.label == Label.PERSON and a.end <= k), None)
