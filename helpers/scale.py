"""Run the per-article helpers on every core of one machine, or past one machine on Dask.

``map_articles(find_mentions, articles, engine="processes")`` splits the article table into
partitions, applies the helper to each in worker processes (one per core) and returns the same
table, byte for byte, that ``find_mentions(articles)`` returns. ``engine="dask"`` does the same
with ``dask.dataframe``: with a ``dask.distributed.Client`` connected (for instance
``Client("tcp://scheduler:8786")`` for a cluster, or ``Client(LocalCluster())`` on one machine)
the partitions run on its workers; without one, on Dask's local scheduler.

Helpers that work article by article fit: ``helpers.actors.find_mentions``,
``helpers.timeline.find_dates`` and ``helpers.text.count_terms``. ``load_corpus`` does not, as
duplicates and recurring site chrome are found across the whole corpus.

Dask is the optional extra ``scale`` (``pip install -e '.[scale]'``; ``make`` installs it): this
is the only module that imports it, and only when ``engine="dask"`` is asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable

import numpy as np
import pandas as pd

ArticleFunction = Callable[[pd.DataFrame], pd.DataFrame]
# The article columns the per-article helpers read (the language routes rows to a language's
# implementation; find_dates reads each outlet's numeric date order).
COLUMNS = ["doc_id", "text", "published", "n_words", "outlet", "language"]
# Helpers that read a group of articles together: their partitions hold whole groups.
# find_dates settles an outlet's day-month order ("03.04.2021") over all its articles.
GROUPED_BY = {"helpers.timeline.find_dates": "outlet"}
# In worker processes such a helper is given what it reads from the whole corpus instead (the
# keyword and the function computing it), so that partitions need not follow the groups: a
# corpus of one outlet, or of unknown outlets, still uses every core.
WHOLE_CORPUS = {"helpers.timeline.find_dates": ("orders", "outlet_orders")}


def map_articles(
    func: ArticleFunction,
    articles: pd.DataFrame,
    engine: str = "pandas",
    npartitions: int | None = None,
    by: str | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """``func(articles)``, computed at once (pandas) or partition by partition: in ``workers``
    processes on this machine (processes; default one per core) or with Dask (dask).

    Input: one row per article (``doc_id``, ``text`` and, for dates, ``published``), in the
    order the result should follow. Output: exactly what ``func`` returns on the whole table.
    ``by`` names a column whose groups ``func`` reads together (default: ``GROUPED_BY``), so
    that each partition holds whole groups; rows then come back in the articles' order.

    >>> from helpers.text import count_terms
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "text": ["NATO met.", "The CSTO met."]})
    >>> map_articles(count_terms, table, engine="processes", workers=2).equals(count_terms(table))
    True
    """
    if engine == "pandas":
        return func(articles)
    if engine not in ("processes", "dask"):
        raise ValueError(f"engine must be 'pandas', 'processes' or 'dask', not {engine!r}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers!r}")
    by = by or GROUPED_BY.get(_name(func))
    table = articles[[c for c in [*COLUMNS, by] if c in articles.columns and c is not None]]
    table = table.loc[:, ~table.columns.duplicated()].reset_index(drop=True)
    if engine == "processes":
        return _in_processes(func, table, by, workers or _cores(), npartitions)
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as error:  # an optional extra: the helpers work without it
        raise ImportError(
            "engine='dask' needs Dask, the optional extra `scale`: pip install -e '.[scale]' "
            "(make installs it)"
        ) from error

    parts = npartitions or max(1, min(len(table), 2 * _workers()))
    meta = func(table.head(0))
    if by is None or by not in table.columns:
        frame = dd.from_pandas(table, npartitions=parts, sort=True)
        return frame.map_partitions(func, meta=meta).compute().reset_index(drop=True)
    pieces = [table.iloc[rows] for rows in _partitions(table, by, parts)]
    with dask.config.set({"dataframe.convert-string": False}):  # dates stay dates
        result = dd.from_map(func, pieces, meta=meta, enforce_metadata=False).compute()
    return _in_article_order(result, table)


def _partitions(table: pd.DataFrame, by: str | None, parts: int) -> list[np.ndarray]:
    """Row positions of each partition: runs of consecutive articles, or whole groups of ``by``
    dealt round the partitions."""
    if by is None or by not in table.columns:
        return [rows for rows in np.array_split(np.arange(len(table)), parts) if len(rows)]
    groups = pd.factorize(table[by], use_na_sentinel=False)[0] % parts
    return [np.flatnonzero(groups == k) for k in range(parts) if (groups == k).any()]


def _name(func: ArticleFunction) -> str:
    return f"{func.__module__}.{func.__name__}"


def _in_article_order(result: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    order = result.doc_id.map({doc_id: k for k, doc_id in enumerate(table.doc_id)})
    return result.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


PARTITION = 2_000
# The table the forked workers read their partitions from: a fork inherits it, so only row
# positions go to a worker, never the texts.
_SHARED: pd.DataFrame | None = None


def _run_partition(func: ArticleFunction, rows: np.ndarray | pd.DataFrame, given: dict
                   ) -> pd.DataFrame:  # fmt: skip
    part = rows if isinstance(rows, pd.DataFrame) else _SHARED.iloc[rows]
    return func(part.reset_index(drop=True), **given)


def _in_processes(func: ArticleFunction, table: pd.DataFrame, by: str | None, workers: int,
                  npartitions: int | None) -> pd.DataFrame:  # fmt: skip
    """``func`` over ``table``'s partitions in a pool of forked (Linux) or spawned processes,
    the answers joined in the articles' order; one worker (or one article) works here."""
    global _SHARED
    from concurrent.futures import ProcessPoolExecutor

    from helpers.progress import progress_in_steps

    if workers <= 1 or len(table) <= 1:
        return func(table)
    # Several partitions per worker keep both busy to the end, and at most PARTITION articles
    # each keep a worker's memory and the progress bar's steps small; a partition still holds
    # enough articles that a helper's set-up per call is small beside its work.
    n = len(table)
    parts = npartitions or min(n, max(workers, min(n // 200, max(4 * workers, -(-n // PARTITION)))))
    given = {}
    if _name(func) in WHOLE_CORPUS:
        keyword, name = WHOLE_CORPUS[_name(func)]
        given, by = {keyword: getattr(sys.modules[func.__module__], name)(table)}, None
    partitions = _partitions(table, by, parts)
    fork = sys.platform.startswith("linux")
    func(table.head(0))  # the helper's models and matchers, loaded before the fork
    _SHARED = table if fork else None
    # Objects the collector never visits are never written to, so a forked worker keeps
    # sharing their pages with this process instead of copying them (Python's gc.freeze docs).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork" if fork else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet) as pool:
            jobs = [rows if fork else table.iloc[rows] for rows in partitions]
            answers = pool.map(_run_partition, [func] * len(jobs), jobs, [given] * len(jobs))
            sizes = [len(rows) for rows in partitions]
            results = list(progress_in_steps(answers, sizes, func.__name__))
    finally:
        _SHARED = None
        gc.unfreeze()
    # A partition with nothing found answers with untyped (object) columns, as the helpers do on
    # any table with no rows: joined in, they would untype the whole column.
    result = pd.concat([r for r in results if len(r)] or results[:1], ignore_index=True)
    return result if by is None or by not in table.columns else _in_article_order(result, table)


def _workers() -> int:
    try:
        from distributed import get_client

        # nthreads() asks the scheduler; scheduler_info()'s cache can be emptied by the client's
        # periodic refresh, which fetches no workers
        return max(1, len(get_client().nthreads()))
    except (ImportError, ValueError):
        return 2


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _quiet() -> None:
    """A worker shows no progress bars of its own: the parent's counts the partitions."""
    from helpers import progress

    progress.PROGRESS_FROM = sys.maxsize
