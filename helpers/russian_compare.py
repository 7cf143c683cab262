"""Comparison across languages: actor shares and attention over time per language.

Counts stay within a language and are set side by side, never pooled over words: a share is
the actor's part of the agentive mentions of the articles written in that language, with an
article-level bootstrap interval (missing below ``MIN_ARTICLES`` articles: not estimable), so
the reader sees whether Russian-language coverage gives NATO or the CSTO a larger part than
English-language coverage does, and how sure that is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.stats import MIN_ARTICLES

SHARE_COLUMNS = ["language", "actor", "n", "share", "low", "high", "articles", "n_articles"]
ATTENTION_COLUMNS = ["language", "pair", "period", "n_first", "n_second", "share", "articles"]
CITED_COLUMNS = ["language", "year", "n", "articles"]


def _language_of(articles: pd.DataFrame) -> pd.Series:
    """doc_id → language ("und" where the articles carry none)."""
    if "language" not in articles:
        return pd.Series("und", index=articles.doc_id)
    return articles.set_index("doc_id").language.fillna("und").astype(str)


def actor_shares_by_language(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    actors: list[str],
    n_resamples: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Each actor's share of the agentive mentions per language.

    Input: ``find_mentions`` output, the articles (``doc_id``, ``language``) and the actors
    to show. Output: one row per language and actor with ``n`` (agentive mentions),
    ``share`` (n / all agentive mentions in that language's articles), ``low``–``high`` (95%
    interval, articles resampled within the language; missing below ``MIN_ARTICLES``
    articles), ``articles`` (articles naming the actor) and ``n_articles`` (articles in the
    language); languages by code, actors in the order given.

    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor": ["NATO", "CSTO", "CSTO"],
    ...                   "role": "agentive"})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "ru"]})
    >>> actor_shares_by_language(m, arts, ["NATO", "CSTO"])[["language", "actor", "share"]].values.tolist()
    [['en', 'NATO', 0.5], ['en', 'CSTO', 0.5], ['ru', 'NATO', 0.0], ['ru', 'CSTO', 1.0]]
    """  # noqa: E501
    language = _language_of(articles)
    acting = mentions[mentions.role.eq("agentive")] if "role" in mentions else mentions
    # Mentions per article (all actors, and each chosen actor) counted by position: pandas'
    # crosstab aggregated each article's group in Python (1.2 s at 2,000 articles).
    doc = language.index.get_indexer(acting.doc_id)
    named = (doc >= 0) & acting.actor.notna().to_numpy()
    total = np.bincount(doc[named], minlength=len(language)).astype(float)
    actor = acting.actor.to_numpy()
    chosen = np.zeros((len(language), len(actors)))
    for k, name in enumerate(actors):
        chosen[:, k] = np.bincount(doc[named & (actor == name)], minlength=len(language))
    rng = np.random.default_rng(seed)
    rows = []
    for lang in sorted(language.unique()):  # one order in every table and figure: by code
        at = np.flatnonzero(language.to_numpy() == lang)
        values, totals = chosen[at], total[at]
        low = high = np.full(len(actors), np.nan)
        if len(at) >= MIN_ARTICLES and totals.sum() > 0:
            draws = rng.integers(0, len(at), (n_resamples, len(at)))
            # How often each resample drew each article, times the counts: the sums are of
            # whole numbers, exact in float64 in any order, so the shares are those of summing
            # the drawn rows, without a resamples × articles × actors array (1 s at 2,000).
            offsets = (draws + len(at) * np.arange(n_resamples)[:, None]).ravel()
            picks = np.bincount(offsets, minlength=n_resamples * len(at)).reshape(n_resamples, -1)
            with np.errstate(invalid="ignore", divide="ignore"):
                shares = (picks @ values) / (picks @ totals)[:, None]
            low, high = np.nanquantile(shares, [0.025, 0.975], axis=0)
        for k, actor in enumerate(actors):
            n = values[:, k].sum()
            share = n / totals.sum() if totals.sum() else np.nan
            rows.append((lang, actor, int(n), share, low[k], high[k],
                         int((values[:, k] > 0).sum()), len(at)))  # fmt: skip
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


def _period(published: pd.Series, n_articles: int) -> pd.Series:
    """The publication year, or the month when every dated article falls in one year."""
    dated = published.dropna()
    if len(dated) and dated.dt.year.nunique() == 1 and n_articles > 1:
        return published.dt.strftime("%Y-%m")
    return published.dt.strftime("%Y")


def attention_by_language(
    mentions: pd.DataFrame, articles: pd.DataFrame, pairs: list[tuple[str, str]]
) -> pd.DataFrame:
    """For each pair of actors, the first one's share of the two, per language and period of
    publication, pooled over the dated articles of the period (agentive mentions).

    Output: one row per ``language``, ``pair`` ("NATO vs CSTO"), ``period`` (year, or month
    when all dated articles share a year) with ``n_first``, ``n_second``, ``share`` and
    ``articles`` (articles naming either actor); undated articles left out.
    """
    language = _language_of(articles)
    dated = articles.dropna(subset=["published"])
    period = pd.Series(_period(dated.published, len(dated)).to_numpy(), index=dated.doc_id)
    acting = mentions[mentions.role.eq("agentive")] if "role" in mentions else mentions
    acting = acting[acting.doc_id.isin(period.index)]
    rows = []
    for first, second in pairs:
        pair = acting[acting.actor.isin([first, second])]
        table = pair.assign(language=pair.doc_id.map(language), period=pair.doc_id.map(period),
                            first=pair.actor.eq(first), second=pair.actor.eq(second))  # fmt: skip
        grouped = table.groupby(["language", "period"]).agg(
            n_first=("first", "sum"), n_second=("second", "sum"), articles=("doc_id", "nunique")
        )
        for (lang, when), g in grouped.iterrows():
            n = g.n_first + g.n_second
            rows.append((lang, f"{first} vs {second}", when, int(g.n_first), int(g.n_second),
                         g.n_first / n if n else np.nan, int(g.articles)))  # fmt: skip
    out = pd.DataFrame(rows, columns=ATTENTION_COLUMNS)
    return out.sort_values(["pair", "language", "period"], ignore_index=True)


def cited_years_by_language(dates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Dated expressions reported as having happened (``helpers.timeline.happened``'s rule:
    past or ongoing, a bound resolved), per language and year of the date cited (its start,
    else its end).

    Output: one row per ``language`` and ``year`` with ``n`` (expressions) and ``articles``.
    """
    resolved = dates.date_start.notna() | dates.date_end.notna()
    took_place = dates[dates.modality.isin(["past", "ongoing"]) & resolved]
    if took_place.empty:
        return pd.DataFrame(columns=CITED_COLUMNS)
    year = pd.to_datetime(took_place.date_start.fillna(took_place.date_end)).dt.year
    table = took_place.assign(year=year.to_numpy(),
                              language=took_place.doc_id.map(_language_of(articles)))  # fmt: skip
    out = table.groupby(["language", "year"]).agg(n=("doc_id", "size"),
                                                  articles=("doc_id", "nunique"))  # fmt: skip
    return out.reset_index().sort_values(["language", "year"], ignore_index=True)


def _pct(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def describe_shares(shares: pd.DataFrame, names: dict[str, str] | None = None) -> list[str]:
    """One sentence per actor of an ``actor_shares_by_language`` table: its share in each
    language with the interval, and whether the languages differ (with two: "more in X" only
    where the two intervals do not overlap; "not estimable" where one is missing).

    >>> t = pd.DataFrame({"language": ["en", "ru"], "actor": "CSTO", "n": [3, 9],
    ...                   "share": [0.1, 0.4], "low": [0.05, 0.3], "high": [0.2, 0.5],
    ...                   "articles": [2, 6], "n_articles": [5, 12]})
    >>> describe_shares(t)
    ['CSTO: 10% (5%–20%) of the English mentions, 40% (30%–50%) of the Russian; more in Russian.']
    """
    names = names or {"en": "English", "ru": "Russian"}
    lines = []
    for actor, rows in shares.groupby("actor", sort=False):
        parts = [f"{_pct(r.share)} ({_pct(r.low)}–{_pct(r.high)})" if pd.notna(r.low) else
                 f"{_pct(r.share)} (not estimable)" for r in rows.itertuples()]  # fmt: skip
        langs = [names.get(code, code) for code in rows.language]
        said = f"{parts[0]} of the {langs[0]} mentions" + "".join(
            f", {p} of the {lang}" for p, lang in zip(parts[1:], langs[1:], strict=True)
        )
        verdict = ""
        if len(rows) == 2:
            a, b = rows.iloc[0], rows.iloc[1]
            if pd.isna(a.low) or pd.isna(b.low):
                verdict = "; the difference is not estimable"
            elif a.low > b.high or b.low > a.high:
                verdict = f"; more in {langs[0] if a.share > b.share else langs[1]}"
            else:
                verdict = "; no clear difference"
        lines.append(f"{actor}: {said}{verdict}.")
    return lines


def describe_over_time(
    cited: pd.DataFrame, attention: pd.DataFrame, pair: str, names: dict[str, str] | None = None
) -> list[str]:
    """One sentence per language: how many cited dates that happened, which years they span,
    and the first actor's pooled share of ``pair`` over the dated articles; with more than one
    language, a last sentence says the pooled shares are not tested against each other.

    >>> cited = pd.DataFrame({"language": ["ru", "ru"], "year": [2014, 2022], "n": [2, 5],
    ...                       "articles": [2, 4]})
    >>> att = pd.DataFrame({"language": ["ru"], "pair": ["NATO vs CSTO"], "period": ["2022"],
    ...                     "n_first": [3], "n_second": [9], "share": [0.25], "articles": [4]})
    >>> describe_over_time(cited, att, "NATO vs CSTO")
    ['Russian: 7 cited dates that happened, years 2014–2022; NATO 25% of NATO + CSTO (12 mentions).']
    """  # noqa: E501
    names = names or {"en": "English", "ru": "Russian"}
    first = pair.split(" vs ")[0]
    rows = attention[attention.pair == pair] if not attention.empty else attention
    plus = pair.replace(" vs ", " + ")
    lines = []
    for lang in sorted(set(cited.language) | set(rows.language)):
        c = cited[cited.language == lang]
        years = (f"year {int(c.year.min())}" if c.year.nunique() == 1 else
                 f"years {int(c.year.min())}–{int(c.year.max())}")  # fmt: skip
        dated = (f"{int(c.n.sum()):,} cited dates that happened, {years}" if len(c) else
                 "no cited date that happened")  # fmt: skip
        a = rows[rows.language == lang]
        n = int(a.n_first.sum() + a.n_second.sum())
        share = f"{first} {a.n_first.sum() / n:.0%} of {plus} ({n:,} mentions)" if n else (
            f"no dated article names {pair.replace(' vs ', ' or ')}")  # fmt: skip
        lines.append(f"{names.get(lang, lang)}: {dated}; {share}.")
    if len(lines) > 1:  # pooled shares carry no interval: say so rather than invite a comparison
        lines.append(f"The {plus} shares are pooled within each language and not tested for a "
                     "difference between languages.")  # fmt: skip
    return lines
