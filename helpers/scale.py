"""Run the per-article helpers past one machine, on Dask.

``map_articles(find_mentions, articles, engine="dask")`` splits the article table into
partitions, applies the helper to each with ``dask.dataframe.map_partitions`` and returns the
same table the pandas path returns. With a ``dask.distributed.Client`` connected (for instance
``Client("tcp://scheduler:8786")`` for a cluster, or ``Client(LocalCluster())`` on one machine)
the partitions run on its workers; without one, on Dask's local scheduler.

Helpers that work article by article fit: ``helpers.actors.find_mentions``,
``helpers.timeline.find_dates`` and ``helpers.text.count_terms``. ``load_corpus`` does not, as
duplicates and recurring site chrome are found across the whole corpus.

Dask is the optional extra ``scale`` (``pip install -e '.[scale]'``; ``make`` installs it): this
is the only module that imports it, and only when ``engine="dask"`` is asked for.
"""

from __future__ import annotations

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


def map_articles(
    func: ArticleFunction,
    articles: pd.DataFrame,
    engine: str = "pandas",
    npartitions: int | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """``func(articles)``, computed at once (pandas) or partition by partition (dask).

    Input: one row per article (``doc_id``, ``text`` and, for dates, ``published``), in the
    order the result should follow. Output: exactly what ``func`` returns on the whole table.
    ``by`` names a column whose groups ``func`` reads together (default: ``GROUPED_BY``), so
    that each partition holds whole groups; rows then come back in the articles' order.
    """
    if engine == "pandas":
        return func(articles)
    if engine != "dask":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as error:  # an optional extra: the helpers work without it
        raise ImportError(
            "engine='dask' needs Dask, the optional extra `scale`: pip install -e '.[scale]' "
            "(make installs it)"
        ) from error

    by = by or GROUPED_BY.get(f"{func.__module__}.{func.__name__}")
    table = articles[[c for c in [*COLUMNS, by] if c in articles.columns and c is not None]]
    table = table.loc[:, ~table.columns.duplicated()].reset_index(drop=True)
    parts = npartitions or max(1, min(len(table), 2 * _workers()))
    meta = func(table.head(0))
    if by is None or by not in table.columns:
        frame = dd.from_pandas(table, npartitions=parts, sort=True)
        return frame.map_partitions(func, meta=meta).compute().reset_index(drop=True)
    groups = pd.factorize(table[by], use_na_sentinel=False)[0] % parts
    pieces = [table[groups == k] for k in range(parts) if (groups == k).any()]
    with dask.config.set({"dataframe.convert-string": False}):  # dates stay dates
        result = dd.from_map(func, pieces, meta=meta, enforce_metadata=False).compute()
    order = result.doc_id.map({doc_id: k for k, doc_id in enumerate(table.doc_id)})
    return result.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


def _workers() -> int:
    try:
        from distributed import get_client

        return max(1, len(get_client().scheduler_info()["workers"]))
    except (ImportError, ValueError):
        return 2
