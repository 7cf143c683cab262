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


def progress_in_steps(items: Iterable[T], steps: list[int], desc: str) -> Iterator[T]:
    """``items`` one by one, the bar moving ``steps[k]`` articles at item ``k`` (a partition of
    ``steps[k]`` articles done), when they add up to at least PROGRESS_FROM."""
    total = sum(steps)
    if total < PROGRESS_FROM:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="article", mininterval=1.0) as bar:
        for item, step in zip(items, steps, strict=True):
            yield item
            bar.update(step)
