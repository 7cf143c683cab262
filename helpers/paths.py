"""Folders the notebooks read and write, resolved from the repository, not the working directory."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def resolve_dir(value: str | Path | None, default: str) -> Path:
    """``value`` as a Path; when it is None or empty, the folder named by the environment
    variable ``MULTIVECTOR_<DEFAULT>_DIR`` if set (so a test or a server can redirect every
    notebook's output at once), else the repository's ``default`` folder.

    >>> resolve_dir(None, "seeds") == REPO / "seeds"
    True
    """
    if value:
        return Path(value).expanduser()
    override = os.environ.get(f"MULTIVECTOR_{default.upper()}_DIR")
    return Path(override) if override else REPO / default


def shown(path: Path) -> str:
    """A path for printing: relative to the repository when inside it, else just its name."""
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return path.name
