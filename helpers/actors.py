"""Actor mentions from a transparent gazetteer, matched exactly with spaCy's PhraseMatcher.

The gazetteer (``helpers/data/actors.yaml``) lists each actor once with its canonical name,
kind, bloc and aliases; an alias is literal ("Japarov") or a metonym ("Moscow" for Russia's
government). Matching is case-sensitive on spaCy tokens, so "US" is not "us", possessives
("Japarov's") and hyphenated forms ("then-NATO") match because the tokenizer splits them off,
and the longest match wins ("Sadyr Japarov" is one mention, not two).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from helpers.nlp import english, sentence_ids
from helpers.patterns import MONTHS
from helpers.progress import progress
from helpers.text import concordance

GAZETTEER = Path(__file__).parent / "data" / "actors.yaml"
MENTION_COLUMNS = ["doc_id", "actor", "kind", "surface", "start", "end", "sentence_id", "metonym"]


def load_gazetteer(path: str | Path = GAZETTEER) -> pd.DataFrame:
    """The gazetteer as a table: one row per alias.

    Output columns: ``actor``, ``kind``, ``bloc``, ``country``, ``alias``, ``metonym`` (bool),
    ``after`` (words that must precede the alias, empty when any may).

    >>> gaz = load_gazetteer()
    >>> gaz.query("alias == 'Zhaparov'")[["actor", "kind", "metonym"]].values.tolist()
    [['Sadyr Japarov', 'person', False]]
    """
    rows = []
    for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8")):
        for alias in entry["aliases"]:
            spec = alias if isinstance(alias, dict) else {"alias": alias}
            rows.append({
                "actor": entry["actor"], "kind": entry["kind"], "bloc": entry["bloc"],
                "country": entry.get("country"), "alias": str(spec["alias"]),
                "metonym": bool(spec.get("metonym", False)),
                "after": tuple(w.lower() for w in spec.get("after", ())),
            })  # fmt: skip
    gaz = pd.DataFrame(rows)
    clashes = gaz[gaz.duplicated("alias", keep=False)]
    if not clashes.empty:
        raise ValueError(f"{path}: aliases listed for two actors: {sorted(set(clashes.alias))}")
    return gaz


@lru_cache(maxsize=8)
def _matcher(path: str) -> tuple[PhraseMatcher, list[tuple]]:
    """The PhraseMatcher of a gazetteer, its match ids keyed to plain tuples (a pandas row
    look-up per match would cost more than the matching itself)."""
    gaz = load_gazetteer(path)
    nlp = english()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for k, alias in enumerate(gaz.alias):
        matcher.add(str(k), [nlp.make_doc(alias)])
    keys = [nlp.vocab.strings[str(k)] for k in range(len(gaz))]
    rows = list(zip(gaz.actor, gaz.kind, gaz.metonym.astype(bool), gaz.after, strict=True))
    return matcher, dict(zip(keys, rows, strict=True))


def find_mentions(articles: pd.DataFrame, gazetteer: str | Path = GAZETTEER) -> pd.DataFrame:
    """Every gazetteer alias found in ``articles.text``.

    Input: one row per article with ``doc_id`` and ``text``.
    Output: one row per mention: ``doc_id``, ``actor``, ``kind``, ``surface``, ``start``,
    ``end`` (character offsets into ``text``), ``sentence_id`` and ``metonym``.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["President Sadyr Japarov flew to Moscow."]})
    >>> find_mentions(arts)[["actor", "surface", "start", "metonym"]].values.tolist()
    [['Sadyr Japarov', 'Sadyr Japarov', 10, False], ['Russia', 'Moscow', 32, True]]
    """
    matcher, aliases = _matcher(str(gazetteer))
    rows = []
    docs = progress(
        english().pipe(articles.text, disable=["lemmatizer"]), len(articles), "matching actors"
    )
    for doc_id, doc in zip(articles.doc_id, docs, strict=True):
        sent = sentence_ids(doc)
        spans = []
        for match_id, start, end in matcher(doc):
            after = aliases[match_id][3]
            if after and (start == 0 or doc[start - 1].lower_ not in after):
                continue
            spans.append(Span(doc, start, end, label=match_id))
        for span in filter_spans(spans):
            actor, kind, metonym, _ = aliases[span.label]
            rows.append((doc_id, actor, kind, span.text, span.start_char, span.end_char,
                         int(sent[span.start]), bool(metonym)))  # fmt: skip
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def count_mentions(
    mentions: pd.DataFrame, articles: pd.DataFrame, metonyms: bool = True
) -> pd.DataFrame:
    """Mentions per actor per article, raw and per 1,000 words of clean text.

    Input: ``find_mentions`` output and the articles (for ``n_words``).
    Output: one row per ``doc_id`` and ``actor`` with ``n`` and ``per_1000``; metonyms are
    left out when ``metonyms`` is False.
    """
    kept = mentions if metonyms else mentions[~mentions.metonym]
    counts = kept.groupby(["doc_id", "actor"], as_index=False).size().rename(columns={"size": "n"})
    words = articles.set_index("doc_id").n_words
    return counts.assign(per_1000=1000 * counts.n / counts.doc_id.map(words))


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence.

    Input: ``find_mentions`` output. Output: one row per pair (``actor_a`` < ``actor_b``)
    with ``n``, the number of sentences that name both.
    """
    sentences = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
    pairs = sentences.merge(sentences, on=["doc_id", "sentence_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs.actor_a < pairs.actor_b]
    return (
        pairs.groupby(["actor_a", "actor_b"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
        .sort_values(["n", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)
    )


def uncovered_names(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Capitalised names in ``text`` that no gazetteer alias covers, with counts.

    A candidate is a run of capitalised tokens outside every mention, stop words and month
    names left out. A run whose every word the corpus also writes in lower case ("Armed
    Forces", "President") is a capitalised common noun, not a name, and is dropped.
    Output: one row per ``name`` with ``n`` (occurrences) and ``n_docs``.
    """
    docs = list(english().tokenizer.pipe(articles.text))
    lower = {t.lower_ for doc in docs for t in doc if t.is_lower}
    covered = {(d, i) for d, s, e in zip(mentions.doc_id, mentions.start, mentions.end,
                                         strict=True) for i in range(s, e)}  # fmt: skip
    rows = []
    for doc_id, doc in zip(articles.doc_id, docs, strict=True):
        run: list = []
        for token in [*doc, None]:
            if token is not None and _is_name_token(token) and (doc_id, token.idx) not in covered:
                run.append(token)
            elif run:
                if not all(t.lower_ in lower for t in run):
                    rows.append((doc_id, " ".join(t.text for t in run)))
                run = []
    names = pd.DataFrame(rows, columns=["doc_id", "name"])
    return (
        names.groupby("name", as_index=False)
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .sort_values(["n", "name"], ascending=[False, True], ignore_index=True)
    )


def _is_name_token(token) -> bool:
    return (
        token.is_alpha
        and token.text[0].isupper()
        and not token.is_stop
        and token.lower_ not in MONTHS
    )


def rate_grid(
    counts: pd.DataFrame, articles: pd.DataFrame, actors: list[str], rows: pd.Series | None = None
) -> pd.DataFrame:
    """An actor × column grid of mentions per 1,000 words, zeros where an actor is not named.

    Input: ``count_mentions`` output and the articles. Without ``rows`` one column per
    article, in the order of ``articles`` (sort them by date first); with ``rows``
    (``helpers.plots.display_rows``: doc_id → an article or a group of articles) one column
    per row in its order, the rate pooled over the row's articles (its mentions per 1,000 of
    its words), so a long article weighs more than a short one.
    """
    if rows is None:
        rows = pd.Series(pd.Categorical(articles.doc_id, categories=articles.doc_id.unique()),
                         index=articles.doc_id)  # fmt: skip
    words = articles.groupby(articles.doc_id.map(rows), observed=True).n_words.sum()
    n = counts.assign(row=counts.doc_id.map(rows)).pivot_table(
        index="actor", columns="row", values="n", aggfunc="sum", fill_value=0, observed=True
    )
    n = n.reindex(index=actors, columns=rows.cat.categories, fill_value=0)
    rates = 1000 * n / words.reindex(n.columns).replace(0, np.nan)
    return rates.fillna(0.0).rename_axis(index="actor", columns=None)


def render_mentions(text: str, mentions: pd.DataFrame, colours: dict[str, str]) -> str:
    """HTML of ``text`` with every mention highlighted and labelled by actor (displaCy).

    Input: one article's ``text`` and its rows of ``find_mentions``.
    """
    from spacy import displacy

    ents = [{"start": s, "end": e, "label": a + (" (metonym)" if m else "")}
            for s, e, a, m in zip(mentions.start, mentions.end, mentions.actor,
                                  mentions.metonym, strict=True)]  # fmt: skip
    # Lightened colours, so black text on a dark actor colour stays readable.
    labels = {
        e["label"]: _tint(colours.get(e["label"].removesuffix(" (metonym)"), "#BBBBBB"))
        for e in ents
    }
    return displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True,
                           jupyter=False, options={"colors": labels})  # fmt: skip


def _tint(colour: str, keep: float = 0.45) -> str:
    """A lighter version of a hex colour, so black text on it stays readable."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - keep * (255 - c)):02X}" for c in rgb)


def alias_validation(mentions: pd.DataFrame, articles: pd.DataFrame, window: int = 40):
    """Every hit of every alias in context, grouped by actor and alias, for reading.

    Input: ``find_mentions`` output and the articles. Output: the mentions sorted by
    ``actor``, ``surface``, ``doc_id``, ``start`` with ``left``, ``match`` and ``right``.
    """
    ordered = mentions.sort_values(["actor", "surface", "doc_id", "start"], ignore_index=True)
    return concordance(ordered, articles, window)


def mention_share(mentions: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Per article, how the mentions of two actors split between them.

    Output: one row per ``doc_id`` naming either actor, with ``n_first``, ``n_second`` and
    ``share`` (the first actor's share of the two).
    """
    pair = mentions[mentions.actor.isin([first, second])]
    counts = pd.crosstab(pair.doc_id, pair.actor).reindex(columns=[first, second], fill_value=0)
    counts.columns = ["n_first", "n_second"]
    counts["share"] = counts.n_first / (counts.n_first + counts.n_second)
    return counts.reset_index()


def actor_vocabulary(actors: list[str], gazetteer: str | Path = GAZETTEER) -> set[str]:
    """Terms (as ``helpers.text.count_terms`` writes them) that name ``actors`` or the people
    and bodies acting for them: their literal aliases, lower-cased, hyphens as spaces.
    Metonyms and context-bound aliases ("the Alliance") are left out: as single words they
    mean other things too."""
    from helpers.text import normalise_term

    gaz = load_gazetteer(gazetteer)
    related = gaz.actor.isin(actors) | gaz.country.isin(actors)
    plain = related & ~gaz.metonym & (gaz.after.map(len) == 0)
    return {normalise_term(a) for a in gaz.alias[plain]}


def pooled_share(
    mentions: pd.DataFrame, first: str, second: str, n_resamples: int = 1000, seed: int = 0
) -> pd.Series:
    """The first actor's share of all mentions of the two, pooled over the articles naming
    either, with a 95% article-level bootstrap interval (missing below two articles).

    Output: ``share``, ``low``, ``high``, ``articles``, ``mentions``.

    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "actor": ["NATO", "CSTO", "NATO", "UN"]})
    >>> pooled_share(m, "NATO", "CSTO", n_resamples=50)[["share", "articles", "mentions"]].round(3)
    share       0.667
    articles    2.000
    mentions    3.000
    dtype: float64
    """
    per_doc = mention_share(mentions, first, second)
    a, b = per_doc.n_first.to_numpy(float), per_doc.n_second.to_numpy(float)
    share = a.sum() / (a.sum() + b.sum()) if len(per_doc) else np.nan
    low = high = np.nan
    if len(per_doc) >= 2:
        draws = np.random.default_rng(seed).integers(0, len(a), (n_resamples, len(a)))
        low, high = np.quantile(a[draws].sum(1) / (a[draws].sum(1) + b[draws].sum(1)),
                                [0.025, 0.975])  # fmt: skip
    return pd.Series({"share": share, "low": low, "high": high, "articles": len(per_doc),
                      "mentions": int(a.sum() + b.sum())})  # fmt: skip
