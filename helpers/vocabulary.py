"""Names as concepts: the gazetteer, its schema, and one canonical term per name.

This is the layer below both ``helpers.text`` (terms) and ``helpers.actors`` (mentions): it
reads and validates a gazetteer YAML, says which surface forms a case guard accepts
("Nato" for NATO, never "us" for US), maps every literal alias of an entry to one canonical
term ("Zhaparov", "Japarov", "Sadyr Japarov" → "sadyr japarov"), corrects known errors of
the lookup lemmatiser, and finds transliteration variants of names for review.

Gazetteer schema (one YAML list, one mapping per entry; errors name file, entry and field):

- ``actor`` (required): canonical name.
- ``kind`` (required): one of ``KINDS``.
- ``aliases`` (required): surface forms; a string, or a mapping with ``alias`` and optional
  ``metonym`` (a place or building standing for the actor: "Moscow"), ``after`` (words one of
  which must precede: "the Alliance"), ``alone`` (not when followed by another capitalised
  word or "&": "the West", not "the West Bank"; metonyms are ``alone`` by default).
- ``part_of`` (optional): the actor this one acts for and rolls up to (the State Department
  is part of the United States); it must be an entry of the same file.
- ``bloc``, ``country`` (optional): descriptive labels, not used for counting.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from helpers.nlp import english

GAZETTEER = Path(__file__).parent / "data" / "actors.yaml"
KINDS = ("person", "organisation", "country", "agency", "media", "bloc", "party", "group")
ENTRY_FIELDS = {"actor", "kind", "aliases", "part_of", "bloc", "country"}
ALIAS_FIELDS = {"alias", "metonym", "after", "alone"}
ALIAS_COLUMNS = ["actor", "kind", "bloc", "country", "part_of", "rollup", "alias", "metonym",
                 "after", "alone", "place", "term"]  # fmt: skip


class GazetteerError(ValueError):
    """A gazetteer file that does not follow the schema; the message names file, entry, field."""


def _fail(path, where: str, problem: str):
    raise GazetteerError(f"{path}: {where}: {problem}")


def _check_entry(path, k: int, entry) -> str:
    where = f"entry {k + 1}"
    if not isinstance(entry, dict):
        _fail(path, where, f"expected a mapping with actor, kind and aliases, got {entry!r}")
    name = entry.get("actor")
    if not isinstance(name, str) or not name.strip():
        _fail(path, where, "field 'actor' is missing or not a name")
    where = f"entry {k + 1} ({name})"
    for field in sorted(set(entry) - ENTRY_FIELDS):
        _fail(path, where, f"unknown field '{field}' (allowed: {', '.join(sorted(ENTRY_FIELDS))})")
    if entry.get("kind") not in KINDS:
        _fail(path, where, f"field 'kind' is {entry.get('kind')!r}, not one of {', '.join(KINDS)}")
    aliases = entry.get("aliases")
    if not isinstance(aliases, list) or not aliases:
        _fail(path, where, "field 'aliases' must be a non-empty list")
    for alias in aliases:
        if isinstance(alias, dict):
            for field in sorted(set(alias) - ALIAS_FIELDS):
                _fail(path, where, f"alias {alias!r}: unknown field '{field}' "
                                   f"(allowed: {', '.join(sorted(ALIAS_FIELDS))})")  # fmt: skip
            if not isinstance(alias.get("alias"), str | int) or not str(alias["alias"]).strip():
                _fail(path, where, f"alias {alias!r}: field 'alias' is missing")
            if not isinstance(alias.get("after", []), list):
                _fail(path, where, f"alias {alias['alias']!r}: field 'after' must be a list")
        elif not isinstance(alias, str | int) or not str(alias).strip():
            _fail(path, where, f"field 'aliases' holds {alias!r}, not a name")
    return name


def _rollup(path, parents: dict[str, str | None]) -> dict[str, str]:
    """Each actor's top-level actor, following ``part_of`` to the end; a cycle is an error."""
    top = {}
    for actor in parents:
        seen, current = [actor], actor
        while parents[current] is not None:
            current = parents[current]
            if current in seen:
                _fail(path, f"entry ({actor})", f"field 'part_of' loops: {' → '.join(seen)}")
            seen.append(current)
        top[actor] = current
    return top


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """A gazetteer file, validated, as a table: one row per alias.

    Output columns: ``actor`` (the entry), ``kind``, ``bloc``, ``country``, ``part_of``,
    ``rollup`` (the top-level actor it rolls up to, itself when it has no ``part_of``),
    ``alias``, ``metonym``, ``after`` (tuple of lower-case words, empty when any may precede),
    ``alone``, ``place`` (a metonym or a country name: locative after "in", "at"...) and
    ``term`` (the canonical term of the entry, as ``helpers.text`` counts it).

    >>> gaz = load_gazetteer()
    >>> gaz.query("alias == 'Zhaparov'")[["actor", "rollup", "term"]].values.tolist()
    [['Sadyr Japarov', 'Kyrgyzstan', 'sadyr japarov']]
    """
    path = Path(path) if path is not None else GAZETTEER
    if not path.is_file():
        raise GazetteerError(f"{path}: no such gazetteer file")
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GazetteerError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(entries, list) or not entries:
        raise GazetteerError(f"{path}: expected a non-empty list of entries")
    names = [_check_entry(path, k, entry) for k, entry in enumerate(entries)]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        _fail(path, f"entries ({', '.join(twice)})", "field 'actor' names an actor twice")
    parents = {}
    for entry in entries:
        parent = entry.get("part_of")
        if parent is not None and parent not in names:
            _fail(path, f"entry ({entry['actor']})", f"field 'part_of' names {parent!r}, "
                                                     "which is no actor of this file")  # fmt: skip
        parents[entry["actor"]] = parent
    top = _rollup(path, parents)
    rows = []
    for entry in entries:
        for alias in entry["aliases"]:
            spec = alias if isinstance(alias, dict) else {"alias": alias}
            metonym = bool(spec.get("metonym", False))
            rows.append({
                "actor": entry["actor"], "kind": entry["kind"], "bloc": entry.get("bloc"),
                "country": entry.get("country"), "part_of": entry.get("part_of"),
                "rollup": top[entry["actor"]], "alias": str(spec["alias"]), "metonym": metonym,
                "after": tuple(str(w).lower() for w in spec.get("after", ())),
                "alone": bool(spec.get("alone", metonym)),
                "place": metonym or entry["kind"] == "country",
                "term": normalise_term(entry["actor"]),
            })  # fmt: skip
    gaz = pd.DataFrame(rows, columns=ALIAS_COLUMNS)
    folded = gaz.assign(key=gaz.alias.str.casefold()).drop_duplicates(["actor", "key"])
    clashes = folded[folded.duplicated("key", keep=False)]
    if not clashes.empty:
        _fail(path, "aliases", f"listed for two actors: {sorted(set(clashes.alias))}")
    return gaz


@lru_cache(maxsize=8)
def cached_gazetteer(path: str) -> pd.DataFrame:
    """``load_gazetteer`` once per file and process (matchers are built from it)."""
    return load_gazetteer(path)


def gazetteer_path(gazetteer: str | Path | None) -> str:
    """The gazetteer file a notebook parameter names, as a string key (None: the project's)."""
    return str(Path(gazetteer) if gazetteer is not None else GAZETTEER)


def normalise_term(text: str) -> str:
    """Lower case, hyphens and runs of spaces folded: "North-Atlantic Alliance" →
    "north atlantic alliance".

    >>> normalise_term("Kassym-Jomart  Tokayev")
    'kassym jomart tokayev'
    """
    return " ".join(re.sub(r"[-–]", " ", text.lower()).split())


def case_matches(alias: str, surface: str) -> bool:
    """Whether a case-insensitive match of ``alias`` is written so that it names it.

    The exact form always does; an alias of three or more letters also in capitals
    ("MOSCOW" in a dateline); an acronym also with only its first letter capital (British
    "Nato"). A one- or two-letter alias only as written: "US" is not "us", "UN" not "Un-".

    >>> [case_matches("NATO", s) for s in ["NATO", "Nato", "nato"]]
    [True, True, False]
    >>> [case_matches("US", s) for s in ["US", "Us", "us"]], case_matches("Alliance", "alliance")
    ([True, False, False], False)
    """
    if surface == alias:
        return True
    if sum(c.isalpha() for c in alias) <= 2:
        return False
    if surface.isupper():
        return True
    return alias.isupper() and alias.isalpha() and surface == alias.capitalize()


# Known errors of spaCy's lookup lemma table (spacy-lookups-data) on common news words; each
# was found by ``tests/test_vocabulary.py``'s list of 100 words, which keeps them fixed.
LEMMA_EXCEPTIONS = {
    "ground": "ground",  # table: "grind"
    "number": "number",  # "numb"
    "politics": "politics",  # "politic"
    "media": "media",  # "medium"
    "data": "data",  # "datum"
    "developing": "develop",  # "develope"
    "developed": "develop",  # "develope"
    "taxes": "tax",  # "taxis"
    "according": "according",  # "accord": "according to" is not an agreement
    "headquarters": "headquarters",  # "headquarter"
    "arms": "arms",  # "arm": weapons, in news
    "united": "united",  # "unite": "United Nations", "united front"
}
_SPELLED_ORDINAL = re.compile(r"^[a-z]+(st|nd|rd|th)$")


@lru_cache(maxsize=1)
def _lemma_table():
    return english().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def lemma(word: str) -> str:
    """The lookup lemma of a lower-case word, with the known errors corrected and spelled
    ordinals kept as written ("sixth" stays "sixth", never "6th").

    >>> [lemma(w) for w in ["weapons", "ground", "politics", "developing", "sixth", "said"]]
    ['weapon', 'ground', 'politics', 'develop', 'sixth', 'say']
    """
    if word in LEMMA_EXCEPTIONS:
        return LEMMA_EXCEPTIONS[word]
    found = str(_lemma_table().get(word, word)).lower()
    if any(c.isdigit() for c in found) and not any(c.isdigit() for c in word):
        return word  # "sixth" → "6th", "first" → "1st": kept as written
    return found


def known_word(word: str) -> bool:
    """Whether the lemma table lists ``word`` (a dictionary word, for closing compounds)."""
    return word in _lemma_table()


# Latin transliterations of one Cyrillic name differ in a few fixed ways (Ж: zh/j/dzh,
# Х: kh/h, Й/Ы: y/i, Я: ya/ia, doubled letters); a skeleton folds them before comparing.
_TRANSLIT = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ts", "c"), ("th", "t"), ("yu", "u"),
             ("iu", "u"), ("ya", "a"), ("ia", "a"), ("ye", "e"), ("iy", "i"), ("yi", "i"),
             ("y", "i")]  # fmt: skip


def skeleton(name: str) -> str:
    """A name with transliteration differences folded: "Zhaparov" and "Japarov" → "japarov".

    >>> [skeleton(n) for n in ["Zhaparov", "Japarov", "Appaturay", "Appathurai", "Rakhmon"]]
    ['japarov', 'japarov', 'apaturai', 'apaturai', 'rahmon']
    """
    s = name.lower()
    for old, new in _TRANSLIT:
        s = s.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", s)


def capitalised_words(articles: pd.DataFrame) -> pd.DataFrame:
    """The capitalised words of four letters or more in the articles' texts (a capital, then
    three or more lower-case letters a-z), the ``names`` that ``name_variants`` reads.

    Input: one row per article with ``text``. Output: one row per ``name`` with ``n``, its
    occurrences, most frequent first.

    >>> capitalised_words(pd.DataFrame({"text": ["Japarov met Putin. Japarov left."]})).values.tolist()
    [['Japarov', 2], ['Putin', 1]]
    """  # noqa: E501
    found = articles.text.str.findall(r"\b[A-Z][a-z]{3,}\b").explode().dropna()
    return found.value_counts().rename_axis("name").reset_index(name="n")


def name_variants(names: pd.DataFrame, gazetteer: str | Path | None = None,
                  min_similarity: float = 0.85) -> pd.DataFrame:  # fmt: skip
    """Pairs of single-word names that look like transliterations of one name, for review.

    Input: one row per ``name`` with ``n`` (occurrences), e.g. capitalised words of a corpus.
    Two names pair when their transliteration skeletons are alike (difflib's ratio ≥
    ``min_similarity``; names compared within the same first letter and a length difference
    of at most two, so thousands of names fit; one name the start of the other, "Russia" and
    "Russian", is an inflection, not a variant). ``status`` says what the gazetteer says:
    "same actor" (both are one-word aliases or surnames of one entry), "unlisted variant of
    X" (one is), "different actors" or "review" (neither is listed).
    Output: ``name_a``, ``name_b``, ``n_a``, ``n_b``, ``similarity``, ``status``.

    >>> names = pd.DataFrame({"name": ["Japarov", "Zhaparov", "Dzhaparov", "Moscow"],
    ...                       "n": [5, 3, 1, 9]})
    >>> name_variants(names)[["name_a", "name_b", "status"]].values.tolist()
    [['Dzhaparov', 'Japarov', 'same actor'], ['Dzhaparov', 'Zhaparov', 'same actor'], ['Japarov', 'Zhaparov', 'same actor']]
    """  # noqa: E501
    gaz = cached_gazetteer(gazetteer_path(gazetteer))
    owner: dict[str, set[str]] = {}  # a one-word alias, or a person's surname, → its entries
    for actor, kind, alias in zip(gaz.actor, gaz.kind, gaz.alias, strict=True):
        words = alias.split()
        if len(words) == 1 or kind == "person":
            owner.setdefault(words[-1], set()).add(actor)
    counts = names.groupby("name").n.sum()
    counts = counts[[len(n) >= 5 and " " not in n for n in counts.index]]
    skel = {n: skeleton(n) for n in counts.index}
    rows = []
    blocks = pd.Series(list(skel.values()), index=list(skel)).groupby(lambda n: skel[n][0])
    for _, block in blocks:
        items = sorted(block.items())
        for i, (a, sa) in enumerate(items):
            for b, sb in items[i + 1 :]:
                if abs(len(sa) - len(sb)) > 2 or b.startswith(a) or a.startswith(b):
                    continue  # "Forces", "Russian": an inflection or a demonym, not a spelling
                ratio = difflib.SequenceMatcher(None, sa, sb).ratio()
                if ratio >= min_similarity:
                    rows.append((a, b, int(counts[a]), int(counts[b]), round(ratio, 2),
                                 _status(owner.get(a, set()), owner.get(b, set()))))  # fmt: skip
    out = pd.DataFrame(rows, columns=["name_a", "name_b", "n_a", "n_b", "similarity", "status"])
    out = out[out.status != "different actors"]
    order = out.status.ne("same actor")
    out = out.assign(order=order).sort_values(["order", "similarity", "name_a"],
                                              ascending=[True, False, True])  # fmt: skip
    return out.drop(columns="order").reset_index(drop=True)


def _status(a: set[str], b: set[str]) -> str:
    if a and b:
        return "same actor" if a & b else "different actors"
    if a or b:
        return f"unlisted variant of {sorted(a or b)[0]}"
    return "review"
