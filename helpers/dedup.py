"""Exact and near-duplicate articles.

Exact duplicates are the same file after folding BOM, line endings and runs of
whitespace. Near duplicates (the same story republished with small edits) are
found with MinHash LSH over word 5-shingles (datasketch's MinHash scheme and its
choice of bands; the bands grouped in numpy, :func:`lsh_candidates`), so no all-pairs
comparison is ever made; each LSH candidate pair is then confirmed with the
exact Jaccard similarity of the two shingle sets, so the result does not depend
on the hashing's approximation. Two articles are near duplicates when that
Jaccard similarity is at least ``NEAR_DUPLICATE_JACCARD``.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix  # the scheme's pre-mix; tests/test_dedup.py checks the match

from helpers.progress import progress

SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
NUM_PERM = 128
MINHASH_SEED = 1  # fixed, so the candidate pairs are the same on every run
# Shingles are made and hashed this many characters of text at a time, so a 100 MB file never
# holds its 17 million shingle strings at once (memory: benchmarks/memory.py).
CHUNK_CHARS = 1 << 16
MAX_CACHED_WORDS = 2_000_000  # word keys kept while hashing (about 200 MB at most)
# Shingle keys of LSH candidates kept while pairs are judged (8 bytes each: 80 MB at most).
MAX_KEPT_SHINGLES = 10_000_000
# Signatures looked up in the LSH bands one by one as worker processes send them (about 2.5 kB
# each in the bands' dicts: 125 MB at most); the rest are grouped at once in numpy.
INDEX_ROWS = 50_000
MINHASH_ROWS = 8192  # shingles permuted at once: 8192 x NUM_PERM x 4 bytes = 4 MB
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def exact_key(raw: str) -> str:
    """The text with BOM, line endings and whitespace runs folded."""
    return " ".join(raw.replace("\ufeff", " ").split())


def exact_digest(raw: str) -> bytes:
    """SHA-256 of :func:`exact_key` (a fixed-size key however large the article)."""
    raw = raw.replace("\ufeff", " ")
    # str.split splits where the regex's \s matches (both use Unicode's whitespace); a big file
    # is folded by the regex instead, which never holds a list of all its words.
    folded = " ".join(raw.split()) if len(raw) < 1 << 20 else _SPACE.sub(" ", raw).strip()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).digest()


def exact_duplicates(
    raws: dict[str, str], digests: dict[str, bytes] | None = None
) -> dict[str, str]:
    """Map each later copy's doc_id to the doc_id of the first identical article
    (``digests``: :func:`exact_digest` of some raws, already worked out).

    >>> exact_duplicates({"a": "x  y", "b": "\\ufeffx y\\r\\n", "c": "z"})
    {'b': 'a'}
    """
    first: dict[bytes, str] = {}
    dupes = {}
    for doc_id, raw in raws.items():
        key = digests[doc_id] if digests and doc_id in digests else exact_digest(raw)
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


def _tokens(text: str) -> Iterator[list[str] | list[bytes]]:
    """The lower-cased word tokens of ``text``, a block of about CHUNK_CHARS characters at a
    time (blocks end at whitespace, so no word is cut); as UTF-8 bytes where
    :func:`_ascii_words` can split the block, else as strings."""
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        while end < len(text) and not text[end].isspace():
            end += 1
        block = text[start:end]
        words = _ascii_words(block)
        yield _TOKEN.findall(block.lower()) if words is None else words
        start = end


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Each ASCII byte that is no word character (\w: str.isalnum() or "_") made a space.
_ASCII_SPLIT = bytes(c if c < 128 and (chr(c).isalnum() or c == 0x5F) else 0x20
                     for c in range(256))  # fmt: skip


def _ascii_words(text: str) -> list[bytes] | None:
    r"""``re.findall(r"\w+", text.lower())`` encoded as UTF-8, when no character beyond ASCII
    is (or lower-cases to) a word character — most English text, whose only such characters
    are dashes and quotation marks: each is then one separator like "?", and the bytes are
    split in C (three times quicker than the regex, a fifth of the signatures' time); None
    otherwise."""
    others = set(_NON_ASCII.findall(text))
    if any(c.isalnum() for other in others for c in other + other.lower()):
        return None
    return text.encode("ascii", "replace").lower().translate(_ASCII_SPLIT).split()


def _hash64(word: bytes) -> int:
    # Two fast deterministic 32-bit checksums make one 64-bit key per word.
    return zlib.crc32(word) << 32 | zlib.adler32(word)


# A shingle's key is a polynomial in its words' keys (mod 2**64, numpy's wrapping uint64
# arithmetic), computed for every window at once: no shingle string is ever built (text-dedup
# hashes n-grams the same vectorised way). A collision between two shingles of a pair, which
# would nudge one Jaccard value, is about one in 10**19.
_BASE = np.uint64(0x100000001B3)
_SHORT = 0x9E3779B97F4A7C15  # marks a whole text shorter than k words


def _word_keys(words: list[str] | list[bytes], cache: dict[str | bytes, int]) -> np.ndarray:
    """The 64-bit key of every word (a string, or its UTF-8 bytes), each distinct word hashed
    once (``cache`` is shared)."""
    for word in set(words).difference(cache):
        data = word if isinstance(word, bytes) else word.encode("utf-8", "surrogatepass")
        cache[word] = _hash64(data)
    return np.fromiter(map(cache.__getitem__, words), np.uint64, len(words))


def _windows(keys: np.ndarray, k: int) -> np.ndarray:
    """The key of every run of k consecutive words (len(keys) - k + 1 of them)."""
    n = len(keys) - k + 1
    out = keys[:n].copy()
    for j in range(1, k):
        out *= _BASE
        out += keys[j : j + n]
    return out


def shingle_key_blocks(
    text: str, k: int = SHINGLE_WORDS, cache: dict[str | bytes, int] | None = None
) -> Iterator[np.ndarray]:
    """The 64-bit keys of the text's word k-shingles, block by block (one key per shingle of
    :func:`shingles`, possibly repeated; the whole text as one shingle when shorter)."""
    cache = {} if cache is None else cache
    carry = np.empty(0, np.uint64)
    whole = True
    for block in _tokens(text):
        keys = np.concatenate([carry, _word_keys(block, cache)])
        if len(keys) >= k:  # k keys make one shingle (a block of one word after the carry too)
            whole = False
            yield _windows(keys, k)
            carry = keys[-(k - 1) :]
        else:
            carry = keys
    if whole and len(carry):
        short = np.uint64(_SHORT * len(carry) % 2**64 if len(carry) < k else 0)
        yield _windows(carry, len(carry)) + short


def shingle_hashes(text: str, cache: dict[str | bytes, int] | None = None) -> np.ndarray:
    """The sorted distinct 64-bit keys of the text's word 5-shingles (8 bytes per shingle).

    >>> len(shingle_hashes("a b c d e f")), len(shingle_hashes(""))
    (2, 0)
    """
    blocks = list(shingle_key_blocks(text, cache=cache))
    return np.unique(np.concatenate(blocks)) if blocks else np.empty(0, np.uint64)


def hashed_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted distinct hash arrays."""
    if not len(a) and not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def minhash_values(
    text: str, permutations: np.ndarray, cache: dict[str | bytes, int] | None = None
) -> np.ndarray | None:
    """The MinHash signature of the text's shingle keys, None when it has no shingle: the
    hash values ``MinHash.update_batch`` gives for the keys' top 32 bits under datasketch's
    affine32 scheme (permutations of ``MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)``).

    The shingle keys are hashes already: their top 32 bits go in as they are (the scheme mixes
    them before its permutations); a rare collision only adds an LSH candidate, which the exact
    Jaccard then judges. Computed here in numpy, not by ``update_batch``, which makes a Python
    list of every value first (a third of the time of near_duplicates); the minimum over a
    block's repeated keys is the minimum over its distinct ones, so no np.unique is needed.
    """
    a, b = permutations
    values = None
    for block in shingle_key_blocks(text, cache=cache):
        tops = _fmix((block >> np.uint64(32)).astype(np.uint32), 32)
        for start in range(0, len(tops), MINHASH_ROWS):
            permuted = np.multiply(tops[start : start + MINHASH_ROWS, None], a)
            permuted += b
            least = permuted.min(axis=0)
            values = least if values is None else np.minimum(values, least)
    return values


@lru_cache(maxsize=1)
def template() -> MinHash:
    """``MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)``: its permutations are made once."""
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)


@lru_cache(maxsize=8)
def bands(threshold: float) -> list[tuple[int, int]]:
    """The LSH bands (start, end) datasketch's ``MinHashLSH`` chooses for ``threshold`` (its
    optimal b bands of r rows over NUM_PERM values), worked out once: the choice integrates
    false-positive and false-negative curves with scipy, some milliseconds per index."""
    return MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges


def lsh_candidates(signatures: np.ndarray, ranges: list[tuple[int, int]]) -> list[list[int]]:
    """For each row of ``signatures`` (one MinHash signature per row), the earlier rows that
    share all the values of at least one band: what ``MinHashLSH.query`` returns for each
    signature before it is inserted, in row order.

    datasketch's index keys each band by its bytes in a dict, one Python call per band per
    article (a third of near_duplicates); here each band's rows are grouped at once with
    ``np.unique`` and only articles in a group of two or more are looked at.
    """
    n = len(signatures)
    if n < 2:
        return [[] for _ in range(n)]
    groups = []
    for start, end in ranges:
        band = np.ascontiguousarray(signatures[:, start:end])
        rows = band.view(np.dtype((np.void, band.dtype.itemsize * (end - start)))).ravel()
        _, inverse, counts = np.unique(rows, return_inverse=True, return_counts=True)
        groups.append(np.where(counts[inverse] > 1, inverse.ravel(), -1))
    groups_by_row = np.stack(groups, axis=1)
    members: list[dict[int, list[int]]] = [{} for _ in ranges]
    out: list[list[int]] = [[] for _ in range(n)]
    for row in np.flatnonzero((groups_by_row >= 0).any(axis=1)).tolist():
        found: set[int] = set()
        for i, group in enumerate(groups_by_row[row].tolist()):
            if group >= 0:
                earlier = members[i].setdefault(group, [])
                found.update(earlier)
                earlier.append(row)
        out[row] = sorted(found)
    return out


class _BandIndex:
    """:func:`lsh_candidates` one signature at a time: each band's values (as bytes) mapped to
    the rows holding them."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.members: list[dict[bytes, list[int]]] = [{} for _ in ranges]
        self.n = 0

    def add(self, signature: np.ndarray) -> list[int]:
        """The earlier rows sharing every value of a band with ``signature`` (sorted), which
        becomes the next row."""
        found: set[int] = set()
        for (start, end), members in zip(self.ranges, self.members, strict=True):
            rows = members.setdefault(signature[start:end].tobytes(), [])
            found.update(rows)
            rows.append(self.n)
        self.n += 1
        return sorted(found)


def near_duplicates(
    texts: dict[str, str],
    threshold: float = NEAR_DUPLICATE_JACCARD,
    signatures: Iterable[np.ndarray | None] | None = None,
) -> dict[str, tuple[str, float]]:
    """Map each near-duplicate's doc_id to (first article of its group, Jaccard to it).

    Groups are the connected components of confirmed pairs; the first article (in
    the order of ``texts``) represents the group and is not itself listed. ``signatures``:
    each text's :func:`minhash_values`, in the order of ``texts``, when worker processes made
    them; None computes them here.
    """
    # Shingle sets are made when needed and not kept: for 100,000 articles they would fill
    # gigabytes, while only the few LSH candidates of each article are ever compared.
    order = {doc_id: i for i, doc_id in enumerate(texts)}
    parent = {doc_id: doc_id for doc_id in texts}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    perms = template().permutations
    cache: dict[str | bytes, int] = {}  # word -> 64-bit key, so each distinct word is hashed once
    # A lower LSH threshold than the confirmed one: recall first, exactness after. Every pair
    # of candidates is then judged by its exact Jaccard; the groups (components, each led by
    # its first article) do not depend on the order the pairs are judged in.
    ranges = bands(max(0.1, threshold - 0.2))
    kept: dict[str, np.ndarray] = {}  # the candidates' shingle keys: most are asked again
    n_kept = [0]

    def hashed(doc_id: str) -> np.ndarray:
        if doc_id not in kept:
            if n_kept[0] > MAX_KEPT_SHINGLES:
                kept.clear()
                n_kept[0] = 0
            kept[doc_id] = shingle_hashes(texts[doc_id], cache)
            n_kept[0] += len(kept[doc_id])
        return kept[doc_id]

    def judge(doc_id: str, earlier: Iterable[str]) -> None:
        sh = hashed(doc_id)
        for other in earlier:
            if hashed_jaccard(sh, hashed(other)) >= threshold:
                a, b = sorted((root(doc_id), root(other)), key=order.__getitem__)
                parent[b] = a
        if len(cache) > MAX_CACHED_WORDS:  # a corpus of many languages or random strings
            cache.clear()

    signed, rows = [], []
    # Signatures given (worker processes): the first INDEX_ROWS are looked up in the bands as
    # they come in and their candidates judged at once, while the workers still work on the
    # rest (the same candidates as lsh_candidates, in the same order); the rest, and all
    # signatures made here, are grouped at once after.
    index = None if signatures is None else _BandIndex(ranges)
    given = None if signatures is None else iter(signatures)
    for doc_id, text in progress(texts.items(), len(texts), "near duplicates"):
        values = minhash_values(text, perms, cache) if given is None else next(given)
        if len(cache) > MAX_CACHED_WORDS:
            cache.clear()
        if values is None:
            continue
        signed.append(doc_id)
        rows.append(values)
        if index is not None and index.n < INDEX_ROWS and (earlier := index.add(values)):
            judge(doc_id, (signed[k] for k in earlier))
    judged = 0 if index is None else index.n
    del index
    matrix = np.stack(rows) if judged < len(rows) else np.empty((0, NUM_PERM), np.uint32)
    del rows
    for row, earlier in enumerate(lsh_candidates(matrix, ranges)):
        if earlier and row >= judged:
            judge(signed[row], (signed[k] for k in earlier))
    groups = {}
    for doc_id in texts:
        first = root(doc_id)
        if first != doc_id:
            similarity = hashed_jaccard(hashed(doc_id), hashed(first))
            groups[doc_id] = (first, round(similarity, 4))
    return groups
