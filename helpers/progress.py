"""Progress bars for long work only: silent on small corpora, so notebook outputs stay fixed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
PROGRESS_FROM = 300  # articles; below this no bar is shown


def progress(items: Iterable[T], total: int, desc: str) -> Iterator[T] | Iterable[T]:
    """``items`` wrapped in a tqdm bar (on stderr) when ``total`` is at least PROGRESS_FROM."""
    if total < PROGRESS_FROM:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="article", mininterval=1.0)
