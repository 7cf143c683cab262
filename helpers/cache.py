"""The pipeline's stages computed once and kept on disk, so every chapter's kernel can reuse them.

Each notebook starts a fresh kernel and reads the corpus again, then reruns its stage: on 2,000
articles that was half of the five notebooks' CPU seconds. The notebooks import the stages from
here instead of from their modules::

    from helpers.cache import load_corpus   # helpers.corpus.load_corpus through the cache
    from helpers.cache import count_terms, find_dates, find_mentions
    from helpers.cache import find_quotes, keyness   # and the chapters' slower analyses

(``STAGES`` lists them all.) Each is the helper itself (same signature, docstring and result)
wrapped by :func:`cached`: the first call with given inputs computes and stores its result;
any later call with the same inputs, in this kernel or another one, reads it back instead.

**The key** of a call is a digest of everything its result depends on; a change in any part is
a miss (a new entry), never a stale result:

- the helper's name and every parameter, defaults included, bound by name (so ``f(a)`` and
  ``f(a, ngram=1)`` are one call). A table is digested by its columns' names, dtypes and
  values, and its index. A parameter annotated as a path that names an existing file or folder
  is digested by its contents: every file under a folder, recursively (symbolic links followed,
  as ``load_corpus`` does), by relative path and bytes; never by modification times;
- the helpers' own code and data: every file in ``helpers/`` (``*.py`` and ``helpers/data``);
- the Python version and every installed distribution's name and version (pandas, spaCy and
  its lookups data, dateparser, py3langid, ... all of them: any could change a result);
- the numeric code path: the ``NUMERIC_VARIABLES`` as set (numpy's and OpenBLAS's CPU
  features, the hash seed, ...) and the CPU features numpy dispatches to, which can move a
  float's last bit or a figure's bytes.

A string column backed by Arrow is digested from its buffers (its values' bytes and lengths,
which say the same as the strings), and each Arrow array's digest is remembered while the
array lives: Arrow arrays are immutable and pandas replaces a column's array on assignment, so
the texts of the articles, digested for every cached call a chapter makes, are read once.

``helpers.figures.draw`` keeps each figure's files here, and ``helpers.tables.save_table`` each
table's CSV bytes (``tables.csv_bytes``), under keys made the same way.

**A hit** returns the stored result (the same tables, dtypes included: they are pickled) and
warns again every warning the computation emitted, in order, with the same category, text and
location, so a notebook shows on a hit exactly what it showed on the miss (a skipped file, a
language left out). Progress bars, being progress, are not replayed.

**Where**: ``$MULTIVECTOR_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/multivector`` (by default
``~/.cache/multivector``): outside the repository and the corpus, so it never lands in the
committed figures or tables nor is read as an article. ``MULTIVECTOR_CACHE=off`` (or ``0``,
``no``, ``false``) turns it off: every call computes and nothing is stored. Deleting the folder
is always safe. One entry is a file, ``<folder>/<helper>/<key>.pkl`` (``pickle``, protocol 5:
joblib's unpickler, written in Python, took ten times as long to read the dates table). The
folder is kept under ``$MULTIVECTOR_CACHE_GB`` gigabytes (10 by default): after each write the
entries used least recently (a hit marks its entry used) are removed until it fits.

**Safety**: an entry is written to a temporary file in its folder, then renamed over its name
(``os.replace``), so a kernel reading while another writes sees the whole old entry or the
whole new one; two kernels computing the same call at once both write valid entries. An entry
that cannot be read (truncated, from another format) warns a :class:`CacheWarning` naming it
and is computed again; a folder that cannot be written warns once and the call still returns.
If the helpers' files change while a kernel runs (its imported code is the old one), the cache
is bypassed with a warning rather than storing old code's results under the new code's key.

Why not ``joblib.Memory`` itself (``joblib.hash`` digests the keys' parts): it hashes a
call's arguments by pickling them (sensitive to how a table is laid out in memory, and blind to
the files behind a folder's path), records no warnings, and on an unreadable entry logs a
traceback rather than warning.

>>> from helpers.cache import cached
>>> double = cached(lambda x: 2 * x)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import inspect
import os
import pickle
import platform
import sys
import tempfile
import time
import warnings
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import joblib
import numpy as np
import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])
FORMAT = 2  # bumped when an entry's layout changes (2: pickled, not joblib.dump)
SUFFIX = ".pkl"  # an entry's file; prune also ages out the ".joblib" entries of format 1
HELPERS = Path(__file__).resolve().parent
OFF = {"off", "0", "no", "false"}
LIMIT_GB = 10.0  # the folder's default size bound, $MULTIVECTOR_CACHE_GB
STALE_SECONDS = 3600  # a temporary file this old was left by a process that died writing it
# The stages the notebooks share, and the chapters' analyses that cost a rerun more than a
# tenth of a second on 2,000 articles, importable from here: name -> the module defining it.
STAGES = {
    "load_corpus": "helpers.corpus",
    "count_terms": "helpers.text",
    "find_mentions": "helpers.actors",
    "find_dates": "helpers.timeline",
    # 00
    "words_kept_removed": "helpers.corpus",
    "display_rows": "helpers.views",
    # 01
    "closest_pairs": "helpers.stats",
    "median_similarity": "helpers.views",
    "comparison_sizes": "helpers.stats",
    "keyness": "helpers.stats",
    "top_keyness": "helpers.stats",
    "vocabulary_share": "helpers.stats",
    # 02
    "top_tf_idf": "helpers.views",
    "term_tokens": "helpers.text",
    "pmi_collocations": "helpers.stats",
    "kwic": "helpers.text",
    "term_positions": "helpers.text",
    # 03
    "alias_validation": "helpers.actors",
    "capitalised_words": "helpers.vocabulary",
    "count_mentions": "helpers.actors",
    "actor_shares_by_language": "helpers.russian_compare",
    "term_variants": "helpers.text",
    "uncovered_names": "helpers.actors",
    "find_quotes": "helpers.quotes",
    # 04
    "event_labels": "helpers.timeline",
    "cited_years_by_language": "helpers.russian_compare",
    "attention_by_language": "helpers.russian_compare",
}


class CacheWarning(UserWarning):
    """The cache could not be read or written; the result was computed instead."""


def cache_dir() -> Path | None:
    """The cache's folder (see the module's docstring), or None when the cache is off."""
    if os.environ.get("MULTIVECTOR_CACHE", "").strip().lower() in OFF:
        return None
    given = os.environ.get("MULTIVECTOR_CACHE_DIR", "").strip()
    if given:
        return Path(given).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base).expanduser().resolve() / "multivector"


def cached(func: F) -> F:
    """``func`` through the on-disk cache: the same signature and result, computed once per key
    (see the module's docstring for the key, the folder and the replayed warnings)."""
    signature = inspect.signature(func)
    stage = f"{func.__module__}.{func.__qualname__}".replace("<", "").replace(">", "")

    @functools.wraps(func)
    def through_cache(*args: Any, **kwargs: Any) -> Any:
        folder = cache_dir()
        if folder is None or not _code_unchanged():
            return func(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        path = folder / stage / f"{call_key(stage, bound.arguments, signature)}{SUFFIX}"
        entry = _read(path)
        if entry is None:
            entry = _compute(func, args, kwargs)
            if _write(path, entry):
                prune(folder, keep=path)
        replay(entry["warnings"])
        return entry["result"]

    return through_cache  # type: ignore[return-value]


def __getattr__(name: str) -> Any:
    """``from helpers.cache import load_corpus`` (and the other STAGES): the helper through the
    cache, its module imported only then (so a notebook imports only what it uses)."""
    if name not in STAGES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    wrapped = cached(getattr(importlib.import_module(STAGES[name]), name))
    globals()[name] = wrapped
    return wrapped


# --- the key ---------------------------------------------------------------------------------


def call_key(stage: str, arguments: dict[str, Any], signature: inspect.Signature) -> str:
    """A hex digest of one call: the stage, its arguments by name, the code, the environment."""
    parts: list[Any] = [FORMAT, stage, _CODE_AT_IMPORT, environment_digest()]  # as checked
    for name, value in arguments.items():
        pathlike = "Path" in str(signature.parameters[name].annotation)
        parts.append((name, value_digest(value, pathlike)))
    return joblib.hash(parts, hash_name="sha1")


def value_digest(value: Any, pathlike: bool = False) -> Any:
    """What stands for ``value`` in a key: a table's digest; a list, tuple, dict or dataclass
    (a ``Corpus``) as the digests of its items in order (a dict's in insertion order, which a
    plot's legend follows); with ``pathlike``, an existing file's or folder's contents as well
    as the path given; else ``value`` itself (hashed by ``joblib.hash``)."""
    if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
        return ("table", frame_digest(value))
    if isinstance(value, list | tuple) and not pathlike:  # a list of tables, say
        return (type(value).__name__, [value_digest(v) for v in value])
    if isinstance(value, dict) and not pathlike:
        return ("dict", [(value_digest(k), value_digest(v)) for k, v in value.items()])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a Corpus
        fields = [(f.name, value_digest(getattr(value, f.name))) for f in dataclasses.fields(value)]
        return ("dataclass", f"{type(value).__module__}.{type(value).__qualname__}", fields)
    if pathlike and isinstance(value, str | os.PathLike):
        path = Path(value).expanduser()
        if path.is_dir():
            return ("folder", str(value), str(path.resolve()), folder_digest(path))
        if path.is_file():
            return ("file", str(value), str(path.resolve()), _file_digest(path))
    return value


def frame_digest(table: pd.DataFrame | pd.Series | pd.Index) -> str:
    """A digest of a table's columns (name, dtype, values) and index, however its memory is laid
    out: two equal tables, one read back from a pickle, share it.

    Hand-written because ``joblib.hash(table)`` pickles pandas' internal blocks (a table and its
    copy can differ there), and ``pd.util.hash_pandas_object`` reads 1 and "1" alike.

    >>> a = pd.DataFrame({"doc_id": ["x", "y"], "n": [1, 2]})
    >>> frame_digest(a) == frame_digest(a.copy()) != frame_digest(a.astype({"n": "int32"}))
    True
    """
    if isinstance(table, pd.Index):
        return joblib.hash(("index", repr(table.dtype), table.names, table.to_numpy()), "sha1")
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    parts = [type(table).__name__, frame_digest(frame.index), frame_digest(frame.columns),
             joblib.hash(frame.attrs, "sha1")]  # fmt: skip
    for k in range(frame.shape[1]):
        column = frame.iloc[:, k]
        parts.append((repr(column.dtype), _values(column)))
    return joblib.hash(parts, "sha1")


def _values(column: pd.Series) -> Any:
    """A column's values as numpy: numbers as their buffer, anything else as objects (each
    string hashed by value; NaN, None and pd.NA kept apart); a categorical column as its codes
    and its categories in order."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return ("categorical", column.cat.ordered, frame_digest(column.cat.categories),
                column.cat.codes.to_numpy())  # fmt: skip
    if isinstance(column.dtype, pd.StringDtype):  # only strings and one missing value
        arrow = _arrow_strings(column)
        if arrow is not None:
            return arrow
        missing = column.isna().to_numpy()
        strings = column.to_numpy(dtype=object)[~missing].tolist()
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        joined = "".join(strings).encode("utf-8", "surrogatepass")  # the lengths split it
        return ("strings", missing, lengths, hashlib.sha1(joined).hexdigest())
    return column.to_numpy()


# Digests of Arrow string arrays this process made, by the array's id: an Arrow array is
# immutable, and pandas replaces a column's array on any assignment rather than writing into it,
# so while the very array lives its digest stands (a weak reference tells it is that array, not
# a new one at a reused address). A notebook digests its articles' texts for each cached call.
_ARROW_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}


def _arrow_strings(column: pd.Series) -> tuple | None:
    """An Arrow-backed string column as its UTF-8 bytes, read from Arrow's buffers: which values
    are missing, each value's length in bytes (a missing one 0) and a digest of the values'
    bytes end to end. The lengths split the bytes back into the values, so this is as much the
    column as the strings are (five times faster than making a Python string of each value).
    None: the column is not Arrow's (string or large_string)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    to_arrow = getattr(column.array, "__arrow_array__", None)
    if to_arrow is None:
        return None
    chunked = to_arrow()
    known = _ARROW_DIGESTS.get(id(chunked))
    if known is not None and known[0]() is chunked:
        return ("arrow strings", known[1])
    missing = chunked.is_null().to_numpy(zero_copy_only=False)
    filled = pc.fill_null(chunked, "") if missing.any() else chunked  # a null's slot: any bytes
    digest, lengths = hashlib.sha1(), []
    for chunk in filled.chunks:
        kind = {pa.string(): np.int32, pa.large_string(): np.int64}.get(chunk.type)
        if kind is None:
            return None
        _, offsets, data = chunk.buffers()
        ends = np.frombuffer(offsets, dtype=kind)[chunk.offset : chunk.offset + len(chunk) + 1]
        lengths.append(np.diff(ends).astype(np.int64))
        if data is not None and len(ends) > 1:
            digest.update(memoryview(data)[ends[0] : ends[-1]])
    joined = np.concatenate(lengths) if lengths else np.zeros(0, np.int64)
    value = joblib.hash((missing, joined, digest.hexdigest()), "sha1")
    key = id(chunked)
    _ARROW_DIGESTS[key] = (weakref.ref(chunked, lambda _: _ARROW_DIGESTS.pop(key, None)), value)
    return ("arrow strings", value)


def folder_digest(folder: Path) -> str:
    """A digest of every entry under ``folder``: each file's relative path and bytes, each
    folder's path, recursively, symbolic links followed (a link back to an ancestor is
    recorded, not followed, as ``helpers.corpus.find_files`` does); an entry that cannot be
    read is recorded with its error, so its becoming readable is a change too."""
    digest = hashlib.sha1()
    top = os.stat(folder)
    stack = [(b"", Path(folder), frozenset({(top.st_dev, top.st_ino)}))]
    while stack:
        rel, where, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(where), key=lambda e: e.name)
        except OSError as error:
            digest.update(b"unreadable folder\0" + rel + f"\0{error.errno}\0".encode())
            continue
        for entry in entries:
            name = rel + b"/" + os.fsencode(entry.name)
            try:
                if entry.is_dir():
                    info = entry.stat()
                    if (info.st_dev, info.st_ino) in ancestors:
                        digest.update(b"loop\0" + name + b"\0")
                        continue
                    digest.update(b"folder\0" + name + b"\0")
                    stack.append((name, Path(entry.path), ancestors | {(info.st_dev, info.st_ino)}))
                elif entry.is_file():
                    content = _file_digest(Path(entry.path)).encode()
                    digest.update(b"file\0" + name + b"\0" + content)
                else:
                    digest.update(b"other\0" + name + b"\0")
            except OSError as error:
                digest.update(b"unreadable\0" + name + f"\0{error.errno}\0".encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha1").hexdigest()


def code_digest() -> str:
    """A digest of the helpers' files as they are on disk: every ``*.py`` under ``helpers/`` and
    every file under ``helpers/data``, by relative path and bytes."""
    digest = hashlib.sha1()
    files = [p for p in HELPERS.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (HELPERS / "data").rglob("*") if p.is_file()]
    for path in sorted(set(files)):
        digest.update(path.relative_to(HELPERS).as_posix().encode() + b"\0")
        digest.update(_file_digest(path).encode())
    return digest.hexdigest()


_CODE_AT_IMPORT = code_digest()


def _code_unchanged(stacklevel: int = 3) -> bool:
    """Whether the helpers' files are those this kernel imported; else warn and bypass."""
    if code_digest() == _CODE_AT_IMPORT:
        return True
    warnings.warn("the helpers' files changed since this kernel imported them: computing "
                  "without the cache (restart the kernel to use it again)", CacheWarning,
                  stacklevel=stacklevel)  # fmt: skip
    return False


@functools.cache
def environment_digest() -> str:
    """A digest of the Python version and every installed distribution's name and version
    (read once per process: a running kernel keeps the versions it imported).

    The versions are read from the ``*.dist-info`` / ``*.egg-info`` folder names on
    ``sys.path`` (``pandas-3.1.1.dist-info``), as pip lists them: parsing every distribution's
    metadata with ``importlib.metadata`` took a tenth of a second per kernel."""
    installed = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder since removed
            continue
        installed |= {(entry, n) for n in names if n.endswith((".dist-info", ".egg-info"))}
    return joblib.hash([sys.version, platform.machine(), sorted(installed),
                        numeric_environment()], "sha1")  # fmt: skip


# What picks numpy's and OpenBLAS's code path (the last bit of a log, a layout: see the
# Makefile), the hash seed (an order of a set) and how glyphs are hinted: a table or figure
# computed under other values may differ in its bytes.
NUMERIC_VARIABLES = ("NPY_ENABLE_CPU_FEATURES", "NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE",
                     "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "PYTHONHASHSEED",
                     "FREETYPE_PROPERTIES", "SOURCE_DATE_EPOCH")  # fmt: skip


def numeric_environment() -> tuple:
    """The ``NUMERIC_VARIABLES`` as set, and the CPU features numpy dispatches to."""
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # another numpy's layout: its version is in the key all the same
        dispatched = None
    else:
        dispatched = sorted(f for f in __cpu_dispatch__ if __cpu_features__.get(f))
    return tuple(os.environ.get(v) for v in NUMERIC_VARIABLES), dispatched


# --- entries and warnings ---------------------------------------------------------------------


def _compute(func: Callable[..., Any], args: tuple, kwargs: dict) -> dict:
    """``func``'s result and the warnings it emitted (all of them: the caller's filters decide
    at :func:`replay`, on a miss as on a hit). Should it raise, its warnings are shown first."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = func(*args, **kwargs)
    except BaseException:
        replay([_recorded(w) for w in caught])
        raise
    return {"format": FORMAT, "result": result, "warnings": [_recorded(w) for w in caught]}


def _recorded(w: warnings.WarningMessage) -> tuple:
    return (w.message, w.category, w.filename, w.lineno, _module_of(w.filename))


def _module_of(filename: str) -> str | None:
    """The name of the imported module whose file is ``filename`` (what a warning filter's
    module pattern is matched against), if any."""
    for name, module in list(sys.modules.items()):
        if getattr(module, "__file__", None) == filename:
            return name
    return None


def replay(recorded: list[tuple]) -> None:
    """Warn each recorded warning again, through the current filters, at its first location.
    One registry for the whole call: a warning repeated inside the computation is shown once
    under the "default" action, as in a fresh kernel. A miss replays too, so a miss and a hit
    show the same stderr output (a notebook's warnings all before the cell's print)."""
    registry: dict = {}
    for message, category, filename, lineno, module in recorded:
        warnings.warn_explicit(message, category, filename, lineno, module=module,
                               registry=registry)  # fmt: skip
    if recorded and sys.stderr is not None:
        # Sent now, before what the cell prints next: a kernel sends stdout first at the cell's
        # end, so warnings replayed in an instant would otherwise come after the cell's print.
        sys.stderr.flush()


def _read(path: Path, stacklevel: int = 3) -> dict | None:
    """The entry at ``path``; None when there is none, or (with a warning ``stacklevel`` frames
    up: the caller of the cached helper) when it is unusable."""
    try:
        with open(path, "rb") as f:
            entry = pickle.load(f)
    except (FileNotFoundError, NotADirectoryError):  # no entry yet
        return None
    except Exception as error:  # any unreadable entry: truncated, foreign, unpicklable classes
        _unusable(path, f"{type(error).__name__}: {error}", stacklevel)
        return None
    if not (isinstance(entry, dict) and entry.get("format") == FORMAT
            and {"result", "warnings"} <= entry.keys()):  # fmt: skip
        _unusable(path, "not an entry of this cache's format", stacklevel)
        return None
    try:
        os.utime(path)  # used now: the size bound removes the entries used least recently
    except OSError:  # removed meanwhile, or a read-only folder: the entry was read all the same
        pass
    return entry


def _unusable(path: Path, why: str, stacklevel: int) -> None:
    warnings.warn(f"cache entry {path} could not be read ({why}); computing it again",
                  CacheWarning, stacklevel=stacklevel + 1)  # fmt: skip


def _write(path: Path, entry: dict) -> bool:
    """Store ``entry`` at ``path`` atomically: a temporary file in the same folder, renamed.
    Whether it was stored."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.stem[:12],
                                         suffix=".tmp", delete=False) as f:  # fmt: skip
            temporary = f.name
            pickle.dump(entry, f, protocol=5)
        os.replace(temporary, path)
        temporary = None
        return True
    except Exception as error:  # a full disk, a read-only folder, a result pickle refuses
        warnings.warn(f"could not store the cache entry {path} ({type(error).__name__}: "
                      f"{error}); the result is returned but not kept", CacheWarning,
                      stacklevel=3)  # fmt: skip
        return False
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def limit_bytes() -> float:
    """The folder's size bound in bytes: ``$MULTIVECTOR_CACHE_GB`` gigabytes, else LIMIT_GB."""
    given = os.environ.get("MULTIVECTOR_CACHE_GB", "").strip()
    try:
        return float(given or LIMIT_GB) * 1e9
    except ValueError:
        raise ValueError(f"MULTIVECTOR_CACHE_GB is {given!r}: give a number of gigabytes, or "
                         "unset it for the default") from None  # fmt: skip


def prune(folder: Path, keep: Path | None = None) -> list[Path]:
    """Remove the entries used least recently until ``folder`` holds at most
    :func:`limit_bytes` (``keep``, the entry just written, stays), and temporary files left by
    processes that died while writing. Returns the files removed."""
    entries, removed = [], []
    now = time.time()
    for path in folder.glob("*/*"):
        try:
            info = path.stat()
        except OSError:  # removed meanwhile by another kernel
            continue
        if path.suffix in (SUFFIX, ".joblib"):
            entries.append((info.st_mtime, info.st_size, path))
        elif path.suffix == ".tmp" and now - info.st_mtime > STALE_SECONDS:
            path.unlink(missing_ok=True)
            removed.append(path)
    total, limit = sum(size for _, size, _ in entries), limit_bytes()
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        if path != keep:
            path.unlink(missing_ok=True)
            removed.append(path)
            total -= size
    return removed
