"""Exact keys, shingles and the LSH-confirmed near-duplicate groups."""

import numpy as np
from synthetic import near_copies

from helpers.dedup import exact_duplicates, jaccard, near_duplicates, shingles


def test_exact_duplicates_fold_bom_line_endings_and_spaces():
    raws = {"a": "One two\nthree", "b": "\ufeffOne  two\r\nthree\r\n", "c": "One two three four"}
    assert exact_duplicates(raws) == {"b": "a"}


def test_shingles_and_jaccard_by_hand():
    assert shingles("a b c d e f", k=5) == {"a b c d e", "b c d e f"}
    assert shingles("Short text", k=5) == {"short text"}
    assert jaccard({"x", "y"}, {"y", "z"}) == 1 / 3


def test_near_duplicates_confirmed_by_exact_jaccard():
    words = [f"w{i}" for i in range(200)]
    texts = {
        "a": " ".join(words),
        "b": " ".join(words[:100] + ["changed"] + words[101:]),  # one word edited
        "c": " ".join(words[:100]),  # half the story: not a near duplicate
        "d": "something else entirely " * 20,
    }
    groups = near_duplicates(texts, threshold=0.8)
    assert set(groups) == {"b"}
    first, sim = groups["b"]
    assert first == "a"
    # 196 shingles; the edit touches 5 of them in each text: 191 / 201.
    assert sim == round(191 / 201, 4)


def test_near_duplicate_groups_chain_to_the_first_article():
    base = [f"w{i}" for i in range(400)]
    texts = {
        "a": " ".join(base),
        "b": " ".join(base[:200] + ["x"] + base[200:]),
        "c": " ".join(base[:200] + ["x"] + base[200:300] + ["y"] + base[300:]),
    }
    groups = near_duplicates(texts)
    assert {k: v[0] for k, v in groups.items()} == {"b": "a", "c": "a"}


def test_streamed_shingles_match_the_shingle_sets():
    import random

    from helpers import dedup

    rng = random.Random(5)
    words = [f"w{rng.randrange(60)}" for _ in range(3000)]
    a, b = " ".join(words), " ".join(words[:1500] + ["new"] + words[1500:2500])
    exact = jaccard(shingles(a), shingles(b))
    hashed = dedup.hashed_jaccard(dedup.shingle_hashes(a), dedup.shingle_hashes(b))
    assert len(dedup.shingle_hashes(a)) == len(shingles(a)) and hashed == exact
    small = dedup.CHUNK_CHARS
    try:  # blocks far smaller than the text give the same shingles
        dedup.CHUNK_CHARS = 50
        assert dedup.hashed_jaccard(dedup.shingle_hashes(a), dedup.shingle_hashes(b)) == exact
    finally:
        dedup.CHUNK_CHARS = small


def test_no_shingle_is_lost_at_a_block_boundary():
    from helpers import dedup

    small = dedup.CHUNK_CHARS
    try:  # tiny blocks: some end with a single word after the carried k - 1 (review)
        dedup.CHUNK_CHARS = 7
        for n in range(1, 60):
            text = " ".join(f"w{i:03d}" for i in range(n))  # distinct words: distinct shingles
            assert len(dedup.shingle_hashes(text)) == len(shingles(text)), n
    finally:
        dedup.CHUNK_CHARS = small


def test_minhash_values_are_datasketchs_update_batch():
    """The numpy signature equals MinHash.update_batch on the keys' top 32 bits, block by block,
    for one-block texts, many-block texts (and more rows than one permuted slab) and short ones."""
    import random

    import numpy as np
    from datasketch import MinHash

    from helpers import dedup

    template = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.MINHASH_SEED)
    rng = random.Random(9)
    texts = ["a b", "one two three four five six", ""]
    texts += [" ".join(f"w{rng.randrange(3000)}" for _ in range(n)) for n in (40, 900, 30000)]
    for text in texts:
        want = MinHash(num_perm=dedup.NUM_PERM, hashfunc=int, permutations=template.permutations,
                       scheme=template.scheme)  # fmt: skip
        blocks = list(dedup.shingle_key_blocks(text))
        for block in blocks:
            want.update_batch((np.unique(block) >> np.uint64(32)).tolist())
        got = dedup.minhash_values(text, template.permutations)
        if not blocks:
            assert got is None
        else:
            assert got.dtype == want.hashvalues.dtype and np.array_equal(got, want.hashvalues)
    assert len(blocks) > 1 and sum(map(len, blocks)) > dedup.MINHASH_ROWS  # the long text


def test_lsh_candidates_are_those_datasketch_lsh_returns():
    """Each signature's candidates are what MinHashLSH.query returns before it is inserted."""
    from datasketch import MinHash, MinHashLSH

    from helpers.dedup import NUM_PERM, bands, lsh_candidates, template

    rng = np.random.default_rng(5)
    signatures = rng.integers(0, 2, (300, NUM_PERM), dtype=np.uint32)  # many shared bands
    signatures[::3] = rng.integers(0, 2**32, (100, NUM_PERM), dtype=np.uint32)  # and none
    lsh = MinHashLSH(threshold=0.6, num_perm=NUM_PERM)
    t = template()
    expected = []
    for k, values in enumerate(signatures):
        mh = MinHash(hashfunc=int, hashvalues=values, permutations=t.permutations, scheme=t.scheme)
        expected.append(sorted(lsh.query(mh)))
        lsh.insert(k, mh)
    assert lsh_candidates(signatures, bands(0.6)) == expected
    assert any(expected) and not all(expected)


def test_ascii_words_are_the_regex_words_or_none():
    """The bytes split gives re.findall(r"\\w+", text.lower()) whenever it answers, and answers
    for English prose with dashes and curly quotes."""
    import re

    from helpers.dedup import _ascii_words

    pool = list("aZ _-'.\n\t09") + ["–", "’", "“", "\u00a0", "\ud800", "\u0301", "İ", "K", "Ⅰ",
                                    "Ⓐ", "ß", "ﬁ", "é", "Σ", "١", "\u2028", "€"]  # fmt: skip
    rng = np.random.default_rng(7)
    texts = ["The talks — “went well”, he said – didn’t they?", "İstanbul", "Ⓐ b", "x\ud800y"]
    texts += ["".join(rng.choice(pool, rng.integers(0, 40))) for _ in range(3000)]
    answered = 0
    for text in texts:
        words = _ascii_words(text)
        if words is not None:
            answered += 1
            assert [w.decode() for w in words] == re.findall(r"\w+", text.lower()), text
    assert _ascii_words(texts[0]) is not None and _ascii_words("İstanbul") is None
    assert answered > 300


def test_groups_are_the_same_when_the_kept_shingles_are_dropped_at_every_turn(monkeypatch):
    """near_duplicates keeps its candidates' shingle keys while it judges pairs; with a bound of
    one key it drops them before each new article, and the groups and similarities stay."""
    from helpers import dedup

    texts = near_copies()
    kept = near_duplicates(texts)
    monkeypatch.setattr(dedup, "MAX_KEPT_SHINGLES", 1)
    assert near_duplicates(texts) == kept
    assert set(kept) == {"b", "c", "e"} and {first for first, _ in kept.values()} == {"a"}
