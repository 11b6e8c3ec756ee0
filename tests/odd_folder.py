"""A folder of damaged and odd input files, each with the outcome the pipeline must give.

The good files are the sample texts of raw/ in other encodings and line endings, short Korean
and Western European texts in legacy encodings, and an HTML page saved as .txt; the bad ones
are what a folder gathered over years holds: empty, binary, undecodable, too large, unreadable,
looping or escaping links, doc_id clashes.
"""
from __future__ import annotations

import codecs
import os
import random
from dataclasses import dataclass
from pathlib import Path

from pipeline.runtime.config import DEFAULT_MAX_CHARS
from pipeline.runtime.io import BYTES_PER_CHAR

from .conftest import ROOT

SAMPLES = sorted((ROOT / "raw").glob("*.txt"))

# Short texts written for these tests (invented people and films).
KOREAN = [
    "저는 어릴 때부터 영화를 좋아했습니다.",
    "이번 영화는 바닷가 마을에 사는 두 자매의 이야기입니다. 촬영은 겨울에 했습니다.",
    "감독님은 왜 다큐멘터리를 선택하셨나요?",
    "첫 장편 영화가 영화제에서 상을 받았을 때 정말 기뻤어요. 가족들도 함께 축하해 주었습니다.",
    "배우들과 함께 대본을 여러 번 읽었습니다.",
    "그 장면은 한 번에 찍었어요.",
    "관객들이 영화를 보고 무엇을 느끼길 바라시나요? 저는 각자 다른 것을 느꼈으면 좋겠습니다.",
    "Q: 다음 작품은 무엇인가요?\r\nA: 아직 비밀입니다.",
    "서울에서 태어나 부산에서 자랐습니다. 대학에서는 연극을 공부했어요.",
    "편집에만 일 년이 걸렸습니다. 힘들었지만 보람 있었어요.",
    "안녕하세요.",
    "The director 김지현 was born in a small town.",
    "In 2012, 박민수 made his first short film about his grandmother.",
]
WESTERN = [
    "Interview with Rocío Ortega. She was born in Valparaíso and studied film in Madrid.",
    "Anaïs Mercier’s first short, “La Fenêtre”, premièred in Grenoble in 2009 — a naïve début.",
    "Jürgen Müller directed the documentary in Tromsø. It’s about a fisherman’s family.",
    "Café crème, résumé, façade: Zoë said “it was my first feature” – and smiled.",
]

PAGE = """<!DOCTYPE html><html><head><title>An interview</title></head><body>
<nav><a href="/">Home</a> | <a href="/films">Films</a> | <a href="/about">About</a></nav>
<article><h1>A conversation with Rocío Ortega</h1>
<p>Rocío Ortega was born in Valparaíso in 1984. Her first feature film, The Salt Road, premiered
at the Brannock International Film Festival in 2015.</p>
<p>She studied painting before turning to cinema, and she says the shoot took eight weeks.</p>
</article><footer>Copyright 2020 Example Magazine. All rights reserved.</footer></body></html>
"""
MENU = """<html><head><title>Films</title></head><body><nav><a href="/">Home</a>
<a href="/films">Films</a></nav><script>var page = 1;</script></body></html>"""


@dataclass(frozen=True)
class Case:
    name: str                  # file name in the folder (bytes when it is not valid UTF-8)
    cause: str | None          # None: read fine; else words the error message must hold
    encoding: str | None = None
    text: str | None = None    # the decoded text, when the case fixes it
    clash: bool = False        # another file has the same name but for its extension


GOOD_ENCODINGS = [  # (file name, sample index, bytes prefix, codec, line ending, reported encoding)
    ("utf8.txt", 0, b"", "utf-8", "\n", "utf-8"),
    ("utf8_bom.txt", 1, codecs.BOM_UTF8, "utf-8", "\n", "utf-8-sig"),
    ("utf16le_bom.txt", 2, codecs.BOM_UTF16_LE, "utf-16-le", "\n", "utf-16"),
    ("utf16be_bom.txt", 3, codecs.BOM_UTF16_BE, "utf-16-be", "\r\n", "utf-16"),
    ("crlf.txt", 4, b"", "utf-8", "\r\n", "utf-8"),
]


def sample(i: int, newline: str = "\n") -> str:
    return SAMPLES[i].read_bytes().decode("utf-8").replace("\n", newline)


def good_cases() -> list[tuple[Case, bytes]]:
    out = []
    for name, i, bom, codec, newline, reported in GOOD_ENCODINGS:
        text = sample(i, newline)
        out.append((Case(name, None, reported, text), bom + text.encode(codec)))
    for i, t in enumerate(KOREAN[:4]):
        out.append((Case(f"korean_cp949_{i}.txt", None, "cp949", t), t.encode("cp949")))
    for i, t in enumerate(KOREAN[4:8]):
        out.append((Case(f"korean_euckr_{i}.txt", None, "cp949", t), t.encode("euc_kr")))
    out.append((Case("english_hangul.txt", None, "cp949", KOREAN[11]), KOREAN[11].encode("cp949")))
    out.append((Case("latin1.txt", None, "cp1252", WESTERN[0]), WESTERN[0].encode("latin-1")))
    out.append((Case("cp1252.txt", None, "cp1252", WESTERN[1]), WESTERN[1].encode("cp1252")))
    stray = "Le réalisateur était là. ".encode() * 3 + "Café".encode("cp1252")
    out.append((Case("mixed.txt", None, "utf-8+cp1252", "Le réalisateur était là. " * 3 + "Café"), stray))
    out.append((Case("page.txt", None, "utf-8"), PAGE.encode()))
    out.append((Case("notes.md", None, "utf-8", WESTERN[2]), WESTERN[2].encode()))
    out.append((Case("plain.html", None, "utf-8", sample(1)), sample(1).encode()))
    out.append((Case("dup.md", None, "utf-8", WESTERN[3], clash=True), WESTERN[3].encode()))
    out.append((Case("dup.txt", None, "utf-8", WESTERN[3], clash=True), WESTERN[3].encode()))
    out.append((Case(b"caf\xe9 notes.txt", None, "utf-8", WESTERN[3]), WESTERN[3].encode()))
    return out


def bad_cases() -> list[tuple[Case, bytes]]:
    noise = bytes(b or 1 for b in random.Random(7).randbytes(3000))
    return [
        (Case("empty.txt", "empty file"), b""),
        (Case("blank.txt", "only whitespace"), b"  \r\n\t \n\n"),
        (Case("blank_utf16.txt", "only whitespace"), codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")),
        (Case("nul.txt", "NUL bytes"), b"Some text\x00\x00 and more text"),
        (Case("image.txt", "a PNG image"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise[:200]),
        (Case("paper.txt", "a PDF file"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"),
        (Case("noise.txt", "undecodable"), noise),
        (Case("controls.txt", "control characters"), bytes(range(1, 32)) * 40),
        (Case("utf16_odd.txt", "despite its byte-order mark"), codecs.BOM_UTF16_LE + "Hi".encode("utf-16-le")[:3]),
        (Case("menu.txt", "HTML page with no main text"), MENU.encode()),
    ]


def special_cases() -> list[Case]:
    """Cases that `build` makes by hand: a sparse huge file, links, a FIFO, a sub-folder."""
    out = [Case("huge.txt", "too large"), Case("loop.txt", "cannot resolve path"),
           Case("escape.txt", "outside the input folder"), Case("fifo.txt", "not a regular file"),
           Case("sub/inner.txt", None, "utf-8", sample(0))]
    if os.geteuid() != 0:  # root reads a file whatever its permission bits
        out.append(Case("locked.txt", "cannot read (Permission denied)"))
    return out


def cases() -> list[Case]:
    return [c for c, _ in good_cases() + bad_cases()] + special_cases()


def build(folder: Path, outside: Path) -> list[Case]:
    """Fills `folder` (and one file in `outside`, beyond it) and returns every case in it."""
    folder.mkdir(parents=True, exist_ok=True)
    for case, data in good_cases() + bad_cases():
        name = case.name if isinstance(case.name, bytes) else case.name.encode()
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(data)
    with open(folder / "huge.txt", "wb") as f:  # sparse: costs no disk
        f.truncate(DEFAULT_MAX_CHARS * BYTES_PER_CHAR + 1)
    (folder / "loop.txt").symlink_to("loop.txt")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_bytes(WESTERN[0].encode())
    (folder / "escape.txt").symlink_to(outside / "secret.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_bytes(sample(0).encode())
    if os.geteuid() != 0:
        (folder / "locked.txt").write_bytes(sample(0).encode())
        (folder / "locked.txt").chmod(0)
    return cases()


def doc_id(case: Case) -> str:
    """The doc_id the case's row must have (files that would share one keep their extension)."""
    name = case.name.decode("utf-8", "backslashreplace") if isinstance(case.name, bytes) else case.name
    return name if case.clash else name.rsplit(".", 1)[0]
