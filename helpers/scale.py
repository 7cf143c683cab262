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

import pandas as pd

ArticleFunction = Callable[[pd.DataFrame], pd.DataFrame]
COLUMNS = ["doc_id", "text", "published", "n_words"]


def map_articles(
    func: ArticleFunction,
    articles: pd.DataFrame,
    engine: str = "pandas",
    npartitions: int | None = None,
) -> pd.DataFrame:
    """``func(articles)``, computed at once (pandas) or partition by partition (dask).

    Input: one row per article (``doc_id``, ``text`` and, for dates, ``published``), in the
    order the result should follow. Output: exactly what ``func`` returns on the whole table.
    """
    if engine == "pandas":
        return func(articles)
    if engine != "dask":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    try:
        import dask.dataframe as dd
    except ImportError as error:  # an optional extra: the helpers work without it
        raise ImportError(
            "engine='dask' needs Dask, the optional extra `scale`: pip install -e '.[scale]' "
            "(make installs it)"
        ) from error

    table = articles[[c for c in COLUMNS if c in articles.columns]].reset_index(drop=True)
    parts = npartitions or max(1, min(len(table), 2 * _workers()))
    frame = dd.from_pandas(table, npartitions=parts, sort=True)
    meta = func(table.head(0))
    result = frame.map_partitions(func, meta=meta).compute()
    return result.reset_index(drop=True)


def _workers() -> int:
    try:
        from distributed import get_client

        return max(1, len(get_client().scheduler_info()["workers"]))
    except (ImportError, ValueError):
        return 2
