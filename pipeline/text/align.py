"""Aligned text: a cleaned text plus, for every cleaned character, the raw span it came from.

Coordinates: `text` is the cleaned text; `raw_span(start, end)` maps a half-open cleaned span to
the half-open raw span that covers it, so `raw[raw_start:raw_end]` is what the user sees.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class AlignedText:
    text: str
    starts: array  # starts[i]: raw offset where cleaned char i begins
    ends: array    # ends[i]: raw offset where cleaned char i ends

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside a text of {len(self.text)} characters")
        return self.starts[start], self.ends[end - 1]

    def __len__(self) -> int:
        return len(self.text)


class AlignedBuilder:
    """Builds an AlignedText piece by piece, in raw order."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts = array("q")
        self._ends = array("q")

    def __len__(self) -> int:
        return len(self._starts)

    def copy(self, raw: str, start: int, end: int) -> None:
        """Appends raw[start:end] unchanged."""
        self._parts.append(raw[start:end])
        self._starts.extend(range(start, end))
        self._ends.extend(range(start + 1, end + 1))

    def replace(self, raw: str, start: int, end: int, new: str) -> None:
        """Appends `new` in place of raw[start:end]: stretches that did not change keep exact
        offsets, each changed stretch maps to the raw stretch it replaced, and a pure insertion to
        the raw character beside it (inside raw[start:end] when there is one). Raises ValueError
        when there is no raw character to point at (an insertion into an empty text)."""
        old = raw[start:end]
        for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                self.copy(raw, start + i1, start + i2)
            elif j2 > j1:  # replaced or inserted: each new char covers the old stretch
                lo, hi = _beside(start + i1, start + i2, start, end, len(raw))
                self._parts.append(new[j1:j2])
                self._starts.extend([lo] * (j2 - j1))
                self._ends.extend([hi] * (j2 - j1))

    def build(self) -> AlignedText:
        return AlignedText("".join(self._parts), self._starts, self._ends)


def _beside(lo: int, hi: int, start: int, end: int, n: int) -> tuple[int, int]:
    """A non-empty raw span for new text replacing raw[lo:hi] within the piece raw[start:end]."""
    if hi > lo:
        return lo, hi
    for a in (lo, lo - 1):  # the character after the insertion point, else the one before
        if start <= a < end:
            return a, a + 1
    for a in (lo - 1, lo):  # an empty piece: its neighbours in the raw text
        if 0 <= a < n:
            return a, a + 1
    raise ValueError("new text inserted into an empty raw text maps to no character")


def identity(raw: str) -> AlignedText:
    b = AlignedBuilder()
    b.copy(raw, 0, len(raw))
    return b.build()
