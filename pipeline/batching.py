"""How much text goes to spaCy at once: batches bounded by documents and by characters, and a
long text cut into pieces at line breaks.

spaCy's memory while it parses grows with the tokens it holds at once (its tok2vec layers keep
several arrays per token of a batch: 1.5 GB for one text of 540,000 characters), so a batch
holds at most BATCH_CHARS characters (a longer text goes alone), and a text longer than
PIECE_CHARS is parsed piece by piece, the pieces joined into one Doc before the rules that read
the whole document (`document.py`). Peak memory then depends on these bounds, not on the luck of
a batch. Texts of the usual size (up to a few thousand characters) are never cut.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

BATCH_CHARS = 100_000  # characters per batch (a longer document goes alone)
PIECE_CHARS = 100_000  # a longer text is parsed in pieces of at most about this size

T = TypeVar("T")

_SENTENCE_END = re.compile(r"[.!?]['\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def batches(items: Iterable[T], size: int, max_chars: int, chars: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive batches, in order, of at most `size` items and at most `max_chars` characters
    (`chars(item)` each), except that an item longer than `max_chars` is a batch of its own."""
    batch: list[T] = []
    total = 0
    for item in items:
        n = chars(item)
        if batch and total + n > max_chars:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
        if len(batch) == size:  # at once, as soon as it is full
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def pieces(text: str, max_chars: int = PIECE_CHARS) -> list[str]:
    """`text` cut into consecutive pieces (joined, they are `text` again) of at most about
    `max_chars` characters each (not counting the whitespace they end with): after the last line
    break within the limit, else after the last sentence end, else after the last whitespace, else
    at the limit. A cut never splits a run of whitespace, so that a piece starts where a token
    starts."""
    out = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        cut = _cut(text, start, limit)
        out.append(text[start:cut])
        start = cut
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: after a run of whitespace that starts in
    (start, limit], else at `limit`."""
    newline = text.rfind("\n", start + 1, limit + 1)
    if newline > start:
        return _after_space(text, newline)
    last = None
    for m in _SENTENCE_END.finditer(text, start + 1, limit + 1):
        last = m
    if last is None:
        for m in _SPACE.finditer(text, start + 1, limit + 1):
            last = m
    if last is None:
        return limit
    return _after_space(text, last.end() - 1)


def _after_space(text: str, i: int) -> int:
    """The end of the run of whitespace that holds position i."""
    m = _SPACE.match(text, i)
    return m.end() if m else i + 1
