from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when the folder is absent (a user's clone)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not here (../shared is only beside the repository in development)")
    return p


@pytest.fixture(scope="session")
def nlp():
    from pipeline.runtime.config import DEFAULT_MODEL
    from pipeline.nlp import build_nlp

    return build_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def view(nlp):
    """A Doc -> the view the entity component gives its rules (with the component's word list)."""
    from pipeline.view import DocView

    common = nlp.get_pipe("film_entities").common
    return lambda doc: DocView(doc, common_words=common)
