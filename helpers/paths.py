"""Folders the notebooks read and write, resolved from the repository, not the working directory."""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# Runs on any other corpus land here by default, one subfolder per corpus; git ignores it.
OUTPUTS = REPO / "outputs"
ENVIRONMENT = {"figures": "MULTIVECTOR_FIGURES_DIR", "tables": "MULTIVECTOR_TABLES_DIR"}
HINTS = {
    "corpus_dir": "give a folder of .txt articles, or leave it None for the seeds",
    "figures_dir": "give a folder for the figures, or leave it None for the default",
    "tables_dir": "give a folder for the tables, or leave it None for the default",
}


def chapter_dirs(
    corpus_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    tables_dir: str | Path | None = None,
) -> tuple[Path, Path, Path]:
    """The folders a chapter reads its articles from and writes its figures and tables to.

    Input: a notebook's three parameters, each a folder or None.
    Output: ``(corpus, figures, tables)`` as absolute paths.

    - ``corpus_dir`` None is the repository's ``seeds/``; otherwise it must be an existing folder.
    - An output folder left None is ``$MULTIVECTOR_FIGURES_DIR`` / ``$MULTIVECTOR_TABLES_DIR``
      when set; else the repository's ``figures/`` and ``tables/`` for the seeds, and
      ``outputs/<corpus folder name>/figures`` and ``/tables`` for any other corpus.
    - Refused with ``ValueError``: an empty string for any parameter, an output folder inside
      the corpus (its files would be read as articles next time), one folder for both figures
      and tables, and the repository's ``figures/`` or ``tables/`` for a corpus other than the
      seeds (the committed results are the seeds' results).

    >>> corpus, figures, tables = chapter_dirs()
    >>> corpus.relative_to(REPO).as_posix()
    'seeds'
    >>> chapter_dirs("")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: corpus_dir is an empty string: give a folder of .txt articles, or leave it None...
    """
    _freeze_startup_objects()
    corpus = _corpus(_given(corpus_dir, "corpus_dir"))
    figures = _output(_given(figures_dir, "figures_dir"), "figures", corpus)
    tables = _output(_given(tables_dir, "tables_dir"), "tables", corpus)
    if figures == tables:
        raise ValueError(f"figures_dir and tables_dir are both {figures}: each writes its own "
                         "README.md, so give them different folders")  # fmt: skip
    return corpus, figures, tables


_FROZEN = []


def _freeze_startup_objects() -> None:
    """Once per process, when the first chapter starts: move every object alive so far (the
    imported libraries: pandas, spaCy, scikit-learn, matplotlib, ... millions of objects) out of
    the garbage collector's sight (``gc.freeze``). They live until the kernel ends anyway, and
    every full collection while the chapter runs would walk all of them again: a fifth of a
    notebook's own CPU time went to that. Objects made later are collected as usual.
    """
    if not _FROZEN:
        gc.freeze()
        _FROZEN.append(True)


def _given(value: str | Path | None, name: str) -> Path | None:
    """``value`` as an absolute path, None kept; an empty string is a mistake, not a default."""
    if value is None:
        return None
    if not str(value).strip():
        raise ValueError(f"{name} is an empty string: {HINTS[name]}")
    return Path(value).expanduser().resolve()


def _corpus(path: Path | None) -> Path:
    if path is None:
        return SEEDS
    if not path.is_dir():
        raise FileNotFoundError(f"corpus_dir {path} is not an existing folder: "
                                f"{HINTS['corpus_dir']}")  # fmt: skip
    return path


def _output(path: Path | None, kind: str, corpus: Path) -> Path:
    if path is None:
        path = _default_output(kind, corpus)
    if path.is_relative_to(corpus):
        raise ValueError(f"{kind}_dir {path} is inside corpus_dir {corpus}: its files would be "
                         f"read as articles on the next run; {HINTS[f'{kind}_dir']}")  # fmt: skip
    committed = [REPO / "figures", REPO / "tables"]
    if corpus != SEEDS and any(path.is_relative_to(folder) for folder in committed):
        raise ValueError(f"{kind}_dir {path} is the repository's committed {kind}, written from "
                         f"the seeds only; a run on {corpus} goes elsewhere — leave {kind}_dir "
                         f"None for {OUTPUTS / _safe_name(corpus.name) / kind}")  # fmt: skip
    return path


def _default_output(kind: str, corpus: Path) -> Path:
    variable = ENVIRONMENT[kind]
    override = os.environ.get(variable)
    if override is not None:
        if not override.strip():
            raise ValueError(f"{variable} is set to an empty string: set it to a folder, or "
                             "unset it for the default")  # fmt: skip
        return Path(override).expanduser().resolve()
    if corpus == SEEDS:
        return REPO / kind
    return OUTPUTS / _safe_name(corpus.name) / kind


def _safe_name(name: str) -> str:
    """``name`` with every run of characters other than letters, digits, ``.``, ``_`` and ``-``
    replaced by ``_`` ("my articles" → "my_articles"), so it is a safe folder name anywhere."""
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "corpus"


def resolve_dir(value: str | Path | None, default: str) -> Path:
    """``value`` as a Path; when it is None or empty, the folder named by the environment
    variable ``MULTIVECTOR_<DEFAULT>_DIR`` if set (so a test or a server can redirect every
    notebook's output at once), else the repository's ``default`` folder.

    Superseded by :func:`chapter_dirs`, which refuses empty strings and unsafe output folders.

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
