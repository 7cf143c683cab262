import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def pytest_configure(config):
    """Every kernel and process the tests start (nbval, papermill) shares one fresh, empty stage
    cache (helpers.cache), never the user's: each run computes what it checks once."""
    if "MULTIVECTOR_CACHE_DIR" not in os.environ:
        config._multivector_cache = tempfile.mkdtemp(prefix="multivector-test-cache-")
        os.environ["MULTIVECTOR_CACHE_DIR"] = config._multivector_cache


def pytest_unconfigure(config):
    folder = getattr(config, "_multivector_cache", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("MULTIVECTOR_CACHE_DIR", None)


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """A fresh, empty cache folder (``helpers.cache``) for this test only, the cache switched on."""
    where = tmp_path / "cache"
    monkeypatch.setenv("MULTIVECTOR_CACHE_DIR", str(where))
    monkeypatch.delenv("MULTIVECTOR_CACHE", raising=False)
    return where


@pytest.fixture(scope="session")
def seed_corpus():
    from helpers.corpus import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture
def write_corpus(tmp_path):
    """Write {name: str | bytes} into a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (tmp_path / name).write_bytes(data)
        return tmp_path

    return write
