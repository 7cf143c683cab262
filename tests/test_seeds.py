"""The project's seeds are byte-identical to the shared originals."""

import hashlib

from conftest import SEEDS


def test_seeds_match_sha256sums():
    listed = dict(
        reversed(line.split()) for line in (SEEDS / "SHA256SUMS").read_text().splitlines()
    )
    on_disk = {p.name for p in SEEDS.glob("*.txt")}
    assert on_disk == set(listed) and len(listed) == 5
    for name, digest in listed.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_seeds_match_the_shared_originals_when_present():
    shared = SEEDS.parents[1] / "shared" / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("no shared/seeds beside the repository")
    for original in shared.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name
