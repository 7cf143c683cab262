"""Exact and near-duplicate articles.

Exact duplicates are the same file after folding BOM, line endings and runs of
whitespace. Near duplicates (the same story republished with small edits) are
found with MinHash LSH over word 5-shingles (datasketch), so no all-pairs
comparison is ever made; each LSH candidate pair is then confirmed with the
exact Jaccard similarity of the two shingle sets, so the result does not depend
on the hashing's approximation. Two articles are near duplicates when that
Jaccard similarity is at least ``NEAR_DUPLICATE_JACCARD``.
"""

from __future__ import annotations

import re
import zlib

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
NUM_PERM = 128
MINHASH_SEED = 1  # fixed, so the candidate pairs are the same on every run


def exact_key(raw: str) -> str:
    """The text with BOM, line endings and whitespace runs folded."""
    return " ".join(raw.replace("\ufeff", " ").split())


def exact_duplicates(raws: dict[str, str]) -> dict[str, str]:
    """Map each later copy's doc_id to the doc_id of the first identical article.

    >>> exact_duplicates({"a": "x  y", "b": "\\ufeffx y\\r\\n", "c": "z"})
    {'b': 'a'}
    """
    first: dict[str, str] = {}
    dupes = {}
    for doc_id, raw in raws.items():
        key = exact_key(raw)
        if key in first:
            dupes[doc_id] = first[key]
        else:
            first[key] = doc_id
    return dupes


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Word k-shingles of the lower-cased text (the whole text if shorter than k words)."""
    tokens = re.findall(r"\w+", text.lower())
    if len(tokens) <= k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicates(
    texts: dict[str, str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> dict[str, tuple[str, float]]:
    """Map each near-duplicate's doc_id to (first article of its group, Jaccard to it).

    Groups are the connected components of confirmed pairs; the first article (in
    the order of ``texts``) represents the group and is not itself listed.
    """
    # Shingle sets are made when needed and not kept: for 100,000 articles they would fill
    # gigabytes, while only the few LSH candidates of each article are ever compared.
    order = {doc_id: i for i, doc_id in enumerate(texts)}
    # A lower LSH threshold than the confirmed one: recall first, exactness after.
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    parent = {doc_id: doc_id for doc_id in texts}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    template = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)  # permutations are made once
    for doc_id, text in texts.items():
        sh = shingles(text)
        if not sh:
            continue
        # crc32: a deterministic 32-bit hash several times faster than datasketch's sha1; a
        # rare collision only adds an LSH candidate, which the exact Jaccard then judges.
        mh = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=template.permutations,
                     scheme=template.scheme)  # fmt: skip
        mh.update_batch([s.encode("utf-8") for s in sh])
        for other in sorted(lsh.query(mh), key=order.__getitem__):
            if jaccard(sh, shingles(texts[other])) >= threshold:
                a, b = sorted((root(doc_id), root(other)), key=order.__getitem__)
                parent[b] = a
        lsh.insert(doc_id, mh)
    groups = {}
    for doc_id in texts:
        first = root(doc_id)
        if first != doc_id:
            similarity = jaccard(shingles(texts[doc_id]), shingles(texts[first]))
            groups[doc_id] = (first, round(similarity, 4))
    return groups
