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

    def replace(self, new: str, start: int, end: int, raw: str | None = None) -> None:
        """Appends `new` in place of raw[start:end]; with `raw`, unchanged stretches keep exact
        offsets and only the changed ones map to their whole raw stretch."""
        if raw is None or not new:
            self._parts.append(new)
            self._starts.extend([start] * len(new))
            self._ends.extend([end] * len(new))
            return
        old = raw[start:end]
        for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                self.copy(raw, start + i1, start + i2)
            elif j2 > j1:  # replaced or inserted: each new char covers the old stretch
                lo, hi = start + i1, start + max(i2, i1)
                if hi == lo:  # a pure insertion points at the character before or after
                    hi = min(lo + 1, end) if lo < end else lo
                    lo = hi - 1 if hi > start else lo
                self._parts.append(new[j1:j2])
                self._starts.extend([lo] * (j2 - j1))
                self._ends.extend([max(hi, lo)] * (j2 - j1))

    def build(self) -> AlignedText:
        return AlignedText("".join(self._parts), self._starts, self._ends)


def identity(raw: str) -> AlignedText:
    b = AlignedBuilder()
    b.copy(raw, 0, len(raw))
    return b.build()
