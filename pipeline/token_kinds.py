"""spaCy's attribute ruler, answered once per kind of token (the same matches; `nlp.build_nlp`).

`AttributeRuler.match` runs a Matcher of all its patterns (179 in en_core_web_sm: the tag map, the
morphology rules) over every token of every text: about a tenth of a worker's time. Nearly all are
one-token patterns on a token's TAG, LOWER, DEP and IS_SPACE, so the patterns that match a token
depend only on those four values, and of LOWER and DEP only on whether they are one of the words
the patterns name. `TokenKindMatches` keeps, per kind of token (that signature), the patterns that
match it: the first token of a kind is matched by spaCy's Matcher on a one-token Doc with its
word, tag and dependency, and every later one reads the answer. The other patterns (those of
several tokens, or on any other attribute or operator) go through a Matcher over the whole Doc, as
before. A Doc with a token that has no tag or no dependency is matched the plain way.
"""
from __future__ import annotations

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
_WORD_ATTRS = ("LOWER", "DEP")  # in the signature only as 'one of the words the patterns name' or not


class TokenKindMatches:
    """A drop-in `AttributeRuler.match`: its sorted (attribute id, match id, start, end)."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler, self.plain = ruler, ruler.match
        vocab = ruler.vocab
        self.one = Matcher(vocab, validate=False)    # one-token patterns, matched per kind of token
        self.rest = Matcher(vocab, validate=False)   # the others, matched over the whole Doc
        named: dict[str, set[int]] = {attr: set() for attr in _WORD_ATTRS}
        for attr_id in range(len(ruler.attrs)):
            match_id = vocab.strings[str(attr_id)]
            _, patterns = ruler.matcher.get(match_id)
            one = [p for p in patterns if _per_token(p, named)]
            rest = [p for p in patterns if not any(p is q for q in one)]
            if one:
                self.one.add(match_id, one)
            if rest:
                self.rest.add(match_id, rest)
        self.lower, self.dep = frozenset(named["LOWER"]), frozenset(named["DEP"])
        self.kinds: dict[tuple[int, int, int, int], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return self.plain(doc)
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        if any(tag == 0 or dep == 0 for tag, _, dep, _ in rows):
            return self.plain(doc)  # not tagged or not parsed: the Matcher decides as usual
        strings = self.ruler.vocab.strings
        kinds, lower, deps = self.kinds, self.lower, self.dep
        out = []
        for i, (tag, low, dep, space) in enumerate(rows):
            kind = (tag, low if low in lower else 0, dep if dep in deps else 0, space)
            found = kinds.get(kind)
            if found is None:
                found = kinds[kind] = self._matches(doc[i])
            out.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in found)
        if len(self.rest):
            out.extend((int(strings[m]), m, s, e) for m, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        out.sort()
        return out

    def _matches(self, token: Token) -> tuple[tuple[int, int], ...]:
        """(attribute id, match id) of the one-token patterns that match this token: spaCy's
        Matcher over a Doc of its word alone (the same lexeme: the same LOWER and IS_SPACE) with
        its tag and dependency."""
        alone = Doc(self.ruler.vocab, words=[token.text], spaces=[False], tags=[token.tag_], deps=[token.dep_],
                    heads=[0])
        strings = self.ruler.vocab.strings
        return tuple(sorted((int(strings[m]), m) for m, _, _ in self.one(alone, allow_missing=True, as_spans=False)))


def _per_token(pattern: list[dict], named: dict[str, set[int]]) -> bool:
    """Whether a pattern is one token whose match the signature decides: keys among TAG, LOWER,
    DEP, IS_SPACE, no operator; LOWER and DEP compared with words (equal, IN, NOT_IN), whose
    hashes go to `named`."""
    if len(pattern) != 1 or not set(pattern[0]) <= _KEYS:
        return False
    spec = pattern[0]
    words: dict[str, list[str]] = {}
    for attr in _WORD_ATTRS:
        value = spec.get(attr)
        if value is None:
            continue
        if isinstance(value, str):
            words[attr] = [value]
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"} \
                and all(isinstance(w, str) for w in next(iter(value.values()))):
            words[attr] = list(next(iter(value.values())))
        else:
            return False
    for attr, ws in words.items():
        named[attr].update(get_string_id(w) for w in ws)
    return True


def match_by_token_kind(nlp) -> None:
    """The pipeline's attribute ruler (if any) matches per kind of token (`TokenKindMatches`)."""
    for name, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler):
            pipe.match = TokenKindMatches(pipe)
