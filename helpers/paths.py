"""Folders the notebooks read and write, resolved from the repository, not the working directory."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def resolve_dir(value: str | Path | None, default: str) -> Path:
    """``value`` as a Path, or the repository's ``default`` folder when ``value`` is None/empty.

    >>> resolve_dir(None, "seeds") == REPO / "seeds"
    True
    """
    return Path(value).expanduser() if value else REPO / default


def shown(path: Path) -> str:
    """A path for printing: relative to the repository when inside it, else just its name."""
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return path.name
