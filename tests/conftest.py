from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


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
