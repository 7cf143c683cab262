"""The per-article helpers give the same tables in worker processes on this machine and on Dask
(a real LocalCluster, two worker processes) as on pandas."""

import pandas as pd
import pytest
from synthetic import write_corpus

from helpers.actors import find_mentions
from helpers.corpus import load_corpus
from helpers.scale import map_articles
from helpers.text import count_terms
from helpers.timeline import find_dates


@pytest.fixture(scope="module")
def articles(tmp_path_factory, seed_corpus):
    folder = write_corpus(tmp_path_factory.mktemp("dask") / "articles", n=24)
    generated = load_corpus(folder).articles
    return pd.concat([seed_corpus.articles, generated], ignore_index=True)


@pytest.fixture(scope="module")
def cluster_client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1")  # fmt: skip
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("func", [find_mentions, find_dates, count_terms],
                         ids=lambda f: f.__name__)  # fmt: skip
def test_dask_matches_pandas(articles, cluster_client, func):
    expected = map_articles(func, articles)
    got = map_articles(func, articles, engine="dask", npartitions=4)
    # nthreads() asks the scheduler each time; scheduler_info() returns a cache that the
    # client's periodic refresh (which fetches no workers) can overwrite before it returns
    assert len(cluster_client.nthreads()) == 2
    assert not expected.empty
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("func", [find_mentions, find_dates, count_terms],
                         ids=lambda f: f.__name__)  # fmt: skip
@pytest.mark.parametrize("parts", [None, 3, 7])
def test_processes_give_the_same_table(articles, func, parts):
    """Exactly the same table, dtypes included, whatever the partitions."""
    expected = func(articles)
    got = map_articles(func, articles, engine="processes", workers=2, npartitions=parts)
    assert not expected.empty
    pd.testing.assert_frame_equal(got, expected)


def test_processes_with_one_worker_work_here(articles):
    got = map_articles(count_terms, articles.head(3), engine="processes", workers=1)
    pd.testing.assert_frame_equal(got, count_terms(articles.head(3)))


def test_no_workers_is_refused(articles):
    with pytest.raises(ValueError, match="workers must be 1 or more, not 0"):
        map_articles(count_terms, articles, engine="processes", workers=0)


def test_unknown_engine_is_refused(articles):
    with pytest.raises(ValueError, match="engine"):
        map_articles(find_dates, articles, engine="spark")


def test_benchmark_generator_makes_duplicates_the_pipeline_finds(tmp_path):
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write

    folder = write(tmp_path / "bench", 200)
    assert len(list(folder.glob("*.txt"))) == 200
    kinds = load_corpus(folder).articles.duplicate_kind.value_counts().to_dict()
    assert 3 <= kinds.get("exact", 0) <= 20 and kinds.get("near", 0) >= 1


# Every helpers module, imported with dask and distributed missing (the optional extra `scale`
# not installed): a finder refuses them, as an environment without them would.
NO_DASK = """
import importlib, pkgutil, sys
import helpers

class NoDask:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}")

sys.meta_path.insert(0, NoDask())
for info in pkgutil.iter_modules(helpers.__path__):
    importlib.import_module(f"helpers.{info.name}")
assert not any(m.split(".")[0] in ("dask", "distributed") for m in sys.modules)
import pandas as pd
from helpers.scale import map_articles
table = pd.DataFrame({"doc_id": ["a"], "text": ["x"]})
assert map_articles(len, table) == 1
try:
    map_articles(len, table, engine="dask")
except ImportError as error:
    print("refused:", error)
"""


def test_helpers_import_without_dask():
    import subprocess
    import sys

    from conftest import REPO

    out = subprocess.run([sys.executable, "-c", NO_DASK], cwd=REPO, capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert "refused: engine='dask' needs Dask, the optional extra `scale`" in out.stdout


def test_dask_keeps_an_outlets_articles_together(cluster_client):
    """find_dates reads an outlet's day-month order from all its articles: an article that only
    writes "05/07/2014" is read day-first because another article of its outlet writes
    "25/12/2013". Split across partitions, it would be left ambiguous."""
    texts = ["Talks on 25/12/2013 in Bishkek.", "Other news.", "Talks on 05/07/2014 again.",
             "More news.", "Elsewhere on 05/07/2014."]  # fmt: skip
    articles = pd.DataFrame({
        "doc_id": [f"d{k}" for k in range(5)],
        "text": texts,
        "published": pd.to_datetime(["2014-08-01"] * 5),
        "outlet": ["Herald", "Daily", "Herald", "Daily", "Daily"],
    })  # fmt: skip
    expected = map_articles(find_dates, articles)
    assert not expected.empty
    # Herald's 25/12/2013 settles its order; Daily has nothing to settle it with.
    assert expected.set_index("doc_id").ambiguous.to_dict() == {
        "d0": False,
        "d2": False,
        "d4": True,
    }
    for parts in (2, 3, 5):
        got = map_articles(find_dates, articles, engine="dask", npartitions=parts)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        got = map_articles(find_dates, articles, engine="processes", workers=2, npartitions=parts)
        pd.testing.assert_frame_equal(got, expected)
