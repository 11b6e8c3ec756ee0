"""Stage: raw text -> aligned clean text, the spans removed (and why), and the interview turns.

Web-page chrome (widgets, credits, bylines, repeated captions, bullets) is cut line by line with
rules kept as data in `patterns/clean_rules.jsonl`; mojibake is repaired with ftfy. Nothing is
rewritten in place without an offset map back to the raw text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ftfy

from . import markdown
from .align import AlignedBuilder, AlignedText
from .furniture import menu_rule
from ..lexicon import word_list
from ..records import Removed, Turn

INTERVIEWER_FILE = "interviewer_labels.txt"  # in pipeline/patterns/

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, normalization="NFC",
                             explain=False)
# A question: "Q:"/"Q." or "1." or "1)" first, or a line that ends with a question mark.
_QUESTION = re.compile(r"^\s*(?:(?:Q|Question)\s*[:.]|\d{1,2}\s*[.)]\s+\S.*\?)|\?\s*[\"”’)]?\s*$", re.I)
_ANSWER = re.compile(r"^\s*(?:A|Answer)\s*[:.]\s*", re.I)
# "Hangul Celluloid: ..." - a short capitalised speaker label before a colon
_SPEAKER = re.compile(r"^\s*((?:[A-Z][\w.'’-]*\s?){1,4}):\s+(?=\S)")


@dataclass(frozen=True)
class Rule:
    name: str
    scope: str  # "line": the whole stripped line matches; "inline": each match is cut
    pattern: re.Pattern


@dataclass
class Cleaned:
    aligned: AlignedText
    removed: list[Removed] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    path = resources.files("pipeline") / "patterns" / "clean_rules.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            flags = re.I if r["scope"] == "line" else re.I | re.M
            out.append(Rule(r["rule"], r["scope"], re.compile(r["pattern"], flags)))
    return tuple(out)


def _lines(raw: str):
    """Yields (start, end) of each line's content, without its line break."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw):
        if m.start() == len(raw) and m.start() > 0:
            break
        content = m.group().rstrip("\r\n")
        yield m.start(), m.start() + len(content)


def _line_rule(text: str) -> str | None:
    stripped = markdown.unwrapped(text.strip().strip("|·•").strip())
    if not stripped:
        return None
    for r in rules():
        if r.scope == "line" and len(stripped) <= 200 and r.pattern.fullmatch(stripped):
            return r.name
    return menu_rule(stripped) if len(stripped) <= 200 else None


def clean(raw: str) -> Cleaned:
    """Cleans `raw`; every character of the result maps back to a raw span."""
    lines = list(_lines(raw))
    texts = [raw[s:e] for s, e in lines]
    nonempty = [i for i, t in enumerate(texts) if t.strip()]
    nxt = {a: b for a, b in zip(nonempty, nonempty[1:], strict=False)}
    prev = {b: a for a, b in zip(nonempty, nonempty[1:], strict=False)}
    b = AlignedBuilder()
    removed: list[Removed] = []
    turns: list[Turn] = []
    inline = [r for r in rules() if r.scope == "inline"]
    pos = 0
    for i, (s, e) in enumerate(lines):
        b.copy(raw, pos, s) if pos < s else None  # the line break(s) before this line
        pos = e
        text = texts[i]
        if not text.strip():
            b.copy(raw, s, e)
            continue
        stripped = text.strip()
        rule = _line_rule(text)
        if rule is None and i in nxt and len(stripped) >= 20:
            following = texts[nxt[i]].strip()
            if following != stripped and following.startswith(stripped):
                rule = "repeated_caption"  # a truncated caption followed by its full copy
        if rule is None and i in prev and texts[prev[i]].strip() == stripped and len(stripped) < 200:
            rule = "repeated_line"
        if rule is not None:
            removed.append(Removed(s, e, text, rule))
            continue
        cuts = sorted([(s + m.start(), s + m.end(), "", r.name) for r in inline
                       for m in r.pattern.finditer(text) if m.end() > m.start()]
                      + [(s + e.start, s + e.end, e.new, e.rule) for e in markdown.edits(text)])
        cursor = s
        line_out_start = len(b)
        for cs, ce, new, name in cuts:
            if cs < cursor:
                continue
            _fix_into(b, raw, cursor, cs)
            if new:  # Markdown emphasis -> quotes, each mapped to the marker it replaces
                b.replace(raw, cs, ce, new)
            else:
                removed.append(Removed(cs, ce, raw[cs:ce], name))
            cursor = ce
        _fix_into(b, raw, cursor, e)
        line_out_end = len(b)
        kind = _turn_kind(markdown.unwrapped(stripped.replace("**", "").replace("__", "")))  # "**Q:** ..." 
        if kind:
            turns.append(Turn(line_out_start, line_out_end, kind))
    if pos < len(raw):
        b.copy(raw, pos, len(raw))
    return Cleaned(b.build(), removed, turns)


def _turn_kind(line: str) -> str | None:
    """'question' or 'answer' for a line of an interview, None for other prose."""
    if _QUESTION.search(line):
        return "question"
    if _ANSWER.match(line):
        return "answer"
    speaker = _SPEAKER.match(line)
    if speaker and speaker.group(1).strip().lower() in word_list(INTERVIEWER_FILE):
        return "question"  # "HOST: Two years later, X." - the interviewer's turn
    if speaker and speaker.group(1).strip().lower() not in {"note", "update", "editor's note", "photo"}:
        # "Hangul Celluloid: ..." - a named speaker; their questions end with a question mark
        return "question" if line.rstrip().endswith("?") else "answer"
    return None


# no-break and other exotic spaces split spaCy tokens ("TINY\xa0FRIENDS"); a plain space keeps offsets
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                                          "\u2008\u2009\u200a\u202f\u205f\u3000"})


def _fix_into(b: AlignedBuilder, raw: str, start: int, end: int) -> None:
    """Copies raw[start:end], repairing mojibake and odd Unicode where there is any."""
    piece = raw[start:end]
    if piece.isascii():
        b.copy(raw, start, end)
        return
    fixed = ftfy.fix_text(piece, config=_FTFY).translate(_SPACES)
    if fixed == piece:
        b.copy(raw, start, end)
    else:
        b.replace(raw, start, end, fixed)
