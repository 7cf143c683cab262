"""The sentences a chapter states, computed: one function per finding or list of findings.

Each takes the tables the chapter built and returns the sentences (a list of strings, printed by
``helpers.report.bullets``), so every number in a chapter's prose is computed and a finding's
wording is tested on the seeds (tests/test_findings.py) instead of assembled in a cell.
Nothing here changes a table; where a comparison has too few articles it says "not estimable".
"""

from __future__ import annotations

import pandas as pd

from helpers.corpus import count_removed, describe_date_range
from helpers.report import listing, percent
from helpers.stats import MIN_ARTICLES, distinctive_terms

NOT_TESTED = "none of the {n} terms tested passes |z| >= 1.96 and an interval excluding 0"


# 00 · The corpus ---------------------------------------------------------------------------


def corpus_findings(corpus) -> list[str]:
    """Chapter 00's findings: articles and skipped files, words removed, the article cleaning
    cut most (and its main reason), dates, captions and duplicates.

    Input: a ``helpers.corpus.Corpus`` (``articles``, ``files``, ``removed``).
    """
    articles, files = corpus.articles, corpus.files
    skipped = (files.status != "article").sum()
    raw, kept = articles.n_words_raw.sum(), articles.n_words.sum()
    lines = [
        f"{len(articles):,} articles from {len(files):,} files; "
        f"{skipped:,} file(s) skipped, each with its reason in files.csv.",
        f"Cleaning removed {percent(raw - kept, raw)} of the words in the files as collected.",
    ]
    cut = (1 - articles.n_words / articles.n_words_raw.where(articles.n_words_raw > 0)).dropna()
    if len(cut):
        worst = articles.doc_id[cut.idxmax()]
        removed = count_removed(corpus.removed)
        reasons = removed[removed.doc_id == worst].nlargest(1, "words").reason
        lines.append(f"Most removed: {worst} ({cut.max():.0%} of its words)"
                     + (f", mostly {reasons.iloc[0]}." if len(reasons) else "."))  # fmt: skip
    duplicates = articles.duplicate_of.notna().sum()
    return [
        *lines,
        f"{articles.published.notna().sum():,} of {len(articles):,} articles are dated "
        f"({describe_date_range(articles.published)}).",
        f"{sum(map(len, articles.captions)):,} photo caption(s) moved from the text to `captions`.",
        f"{duplicates:,} article(s) are exact or near duplicates of another.",
    ]


def files_sentence(files: pd.DataFrame, n_folders: int) -> str:
    """How many files were found, read and skipped (with the reasons)."""
    skipped = files[files.status != "article"]
    reasons = listing(f"{n:,} {r}" for r, n in skipped.reason.value_counts().items())
    return (f"{len(files):,} files found in {n_folders:,} folder(s): "
            f"{(files.status == 'article').sum():,} read as articles, {len(skipped):,} skipped "
            f"({reasons}).")  # fmt: skip


def duplicates_sentence(articles: pd.DataFrame, removed: pd.DataFrame) -> str:
    """Duplicate articles by kind, and articles holding a passage pasted twice."""
    duplicates = articles[articles.duplicate_of.notna()]
    kinds = listing(f"{n:,} {k}" for k, n in duplicates.duplicate_kind.value_counts().items())
    repeated = removed.query("reason == 'repeated-passage'").groupby("doc_id").size()
    pasted = listing(f"{d}: {n} line{'' if n == 1 else 's'}" for d, n in repeated.items())
    return (f"{len(duplicates):,} duplicate article(s) ({kinds}); {len(repeated):,} article(s) "
            f"hold a passage pasted again within the file ({pasted}).")  # fmt: skip


# 01 · Source comparison --------------------------------------------------------------------


def source_table(articles: pd.DataFrame, sources: pd.Series) -> pd.DataFrame:
    """One row per source: its articles, words, first and last date and up to three authors,
    the largest first. ``sources``: ``article_sources`` (by doc_id)."""
    table = (
        articles.assign(outlet=articles.doc_id.map(sources))
        .groupby("outlet")
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"),
             first=("published", "min"), last=("published", "max"),
             authors=("author", lambda a: listing(sorted(a.dropna().unique()), 3, "—")))
    )  # fmt: skip
    return table.sort_values(["articles", "words"], ascending=False)


def source_findings(
    articles: pd.DataFrame, sources: pd.Series, table: pd.DataFrame, closest: pd.DataFrame
) -> list[str]:
    """Chapter 01's first findings: articles, sources, single-article sources, the closest pair.
    ``table``: ``source_table``; ``closest``: ``helpers.stats.closest_pairs``."""
    return [
        f"{len(articles):,} articles, {sources.nunique():,} sources; "
        f"{(table.articles == 1).sum():,} source(s) rest on a single article.",
        *(f"Most similar articles: {r.doc_a} and {r.doc_b} (cosine {r.similarity:.2f})."
          for r in closest.head(1).itertuples()),
    ]  # fmt: skip


def closest_sentences(closest: pd.DataFrame, typical: float) -> list[str]:
    """The closest pairs of articles and the median over every pair the similarity figure
    draws (not only the closest listed)."""
    if closest.empty:
        return ["One article: there is no pair to compare."]
    pairs = [f"{r.doc_a} and {r.doc_b}: cosine {r.similarity:.2f}" for r in closest.itertuples()]
    return [*pairs, f"Median over all article pairs in the similarity figure: {typical:.2f}."]


def not_estimable(n_a: int, n_b: int, what: str = "article(s)") -> str:
    """Why a comparison has no interval: too few articles on a side."""
    return (f"Not estimable: {n_a:,} against {n_b:,} {what}; an interval needs "
            f"{MIN_ARTICLES} or more a side.")  # fmt: skip


def period_names(early_years: list[int], late_years: list[int]) -> tuple[str, str]:
    """Each period as its first–last year ("2011", "2019–2022"), "none" when empty.

    >>> period_names([2011], [2019, 2021, 2022])
    ('2011', '2019–2022')
    """
    return tuple(
        "–".join(str(y) for y in sorted({min(ys), max(ys)})) if ys else "none"
        for ys in (early_years, late_years)
    )


def _distinctive(top: pd.DataFrame, side: str) -> str:
    return listing(distinctive_terms(top, side), 5, NOT_TESTED.format(n=len(top)))


def comparison_finding(
    names: tuple[str, str],
    top: pd.DataFrame | None,
    sizes: tuple[int, int],
    sides: tuple[str, str],
    what: str = "articles",
) -> str:
    """One keyness comparison in a sentence: the distinctive terms of each side (``sides``
    names them, e.g. "earlier"/"later") or, without ``top`` (no interval), not estimable."""
    if top is None:
        return (f"{names[0]} against {names[1]}: not estimable ({sizes[0]:,} against "
                f"{sizes[1]:,} {what}; {MIN_ARTICLES} a side needed).")  # fmt: skip
    return (f"{names[0]} against {names[1]}: {sides[0]}: {_distinctive(top, 'focus')}; "
            f"{sides[1]}: {_distinctive(top, 'rest')}.")  # fmt: skip


def share_sentences(shares: pd.DataFrame, first: str = "NATO", second: str = "CSTO") -> list[str]:
    """Each source's share of the first actor's vocabulary, with its interval where estimable
    (``helpers.stats.vocabulary_share``: three articles using either vocabulary, both used)."""
    return [f"{r.group}: {first} share of {first} + {second} vocabulary {r.share:.2f}"
            + _share_interval(r, first, second) for r in shares.itertuples()]  # fmt: skip


def _share_interval(r, first: str, second: str) -> str:
    if pd.notna(r.low):
        return f" (95% CI {r.low:.2f}–{r.high:.2f})"
    using = getattr(r, "articles_using", r.articles)
    if using < MIN_ARTICLES:
        return f" (not estimable: {using} article(s) use either vocabulary, no interval)"
    unused = second if r.n_second == 0 else first
    return f" (not estimable: {unused} vocabulary never used, no interval)"


# 02 · Term frequency -----------------------------------------------------------------------


def term_findings(
    overall: pd.Series, collocations: pd.DataFrame, min_count: int, hits: dict
) -> list[str]:
    """Chapter 02's findings: the most frequent terms, the strongest collocation, and how
    often each keyword-in-context pattern occurs."""
    lines = [f"The most frequent terms overall: {listing(overall.index[:6], 6)}."]
    if not collocations.empty:
        top = collocations.iloc[0]
        lines.append(f"Strongest collocation seen {min_count}+ times: '{top.term}' "
                     f"(PMI {top.pmi:.1f}, n = {top.n}).")  # fmt: skip
    return lines + [
        f"'{p}' occurs {len(h):,} times in {h.doc_id.nunique():,} articles."
        for p, h in hits.items()
    ]


# 03 · Actor mentions -----------------------------------------------------------------------


def mentions_sentence(mentions: pd.DataFrame, n_articles: int) -> str:
    """How many mentions of how many entries and actors; the shares through a metonym and
    naming a place."""
    return (f"{len(mentions):,} mentions of {mentions.sub_actor.nunique():,} gazetteer entries, "
            f"rolling up to {mentions.actor.nunique():,} actors, in {n_articles:,} articles; "
            f"{percent(mentions.metonym.sum(), len(mentions))} through a metonym, "
            f"{percent(mentions.role.eq('locative').sum(), len(mentions))} naming a place "
            "(locative).")  # fmt: skip


def most_named_sentences(grid: pd.DataFrame) -> list[str]:
    """For each column of an actor × column rate grid, the actor named most and its rate
    (columns naming none of the actors are left out)."""
    named = grid.loc[:, grid.max() > 0]
    return [f"{c}: most named {named[c].idxmax()}, {named[c].max():.1f} per 1,000 words"
            for c in named.columns]  # fmt: skip


def _nato_share(mentions: pd.DataFrame, n_articles: int) -> str:
    from helpers.actors import agentive, pooled_share

    acting = agentive(mentions)
    if not (acting.actor.eq("NATO").any() and acting.actor.eq("CSTO").any()):
        return "no share (one of the two is never named as an actor)."
    nato = pooled_share(mentions, "NATO", "CSTO")
    interval = (f" (95% CI {nato.low:.0%}–{nato.high:.0%})" if pd.notna(nato.low)
                else f" (not estimable: fewer than {MIN_ARTICLES} articles name either)"
                )  # fmt: skip
    return (f"{nato.share:.0%}{interval}, {nato.mentions:,.0f} mentions in "
            f"{nato.articles:,.0f} of {n_articles:,} articles.")  # fmt: skip


def actor_findings(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    edges: pd.DataFrame,
    n_variants: int,
    n_uncovered: int,
) -> list[str]:
    """Chapter 03's findings on mentions: who is named most as an actor, the places, what the
    roll-up adds, metonyms, NATO's share of NATO + CSTO, the strongest pair, the vocabulary's
    gaps. No mention at all: one sentence saying so."""
    from helpers.actors import agentive, role_table, sub_actor_table

    if mentions.empty:
        return ["No actor of the gazetteer is named in these articles."]
    acting = agentive(mentions)
    totals = acting.actor.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    by_metonym = acting[acting.metonym].actor.value_counts()
    roles = role_table(mentions)
    place = roles.sort_values(["locative", "actor"], ascending=[False, True]).iloc[0]
    subs = sub_actor_table(mentions)
    rolled = subs[subs.actor.ne(subs.sub_actor)]
    lines = [
        f"Most mentioned as actors: {listing(f'{a} ({n:,})' for a, n in totals.head(4).items())}.",
        f"{percent(mentions.role.eq('locative').sum(), len(mentions))} of all mentions name a "
        f"place, not an actor; {place.actor} most often ({place.locative:,} of {place['all']:,}).",
        f"{rolled.agentive.sum():,} agentive mentions come from {rolled.sub_actor.nunique():,} "
        "entries rolled up to their actor (people, ministries, capitals as agents).",
        f"{percent(acting.metonym.sum(), len(acting))} of agentive mentions are metonyms"
        + (f"; {by_metonym.index[0]} is named most often that way." if len(by_metonym) else "."),
        "NATO's share of all agentive NATO + CSTO mentions: "
        + _nato_share(mentions, len(articles)),
    ]
    lines += [f"Strongest pair: {e.actor_a} and {e.actor_b}, named together in {e.n:,} sentences."
              for e in edges.head(1).itertuples()]  # fmt: skip
    return lines + [f"{n_variants:,} terms merge spelling variants; {n_uncovered:,} distinct "
                    "capitalised names are not in the gazetteer."]  # fmt: skip


def quote_findings(quotes: pd.DataFrame) -> list[str]:
    """Chapter 03's finding on quotes: how many, how many direct, attributed, quoted most."""
    if quotes.empty:
        return ["No quote with a speaker was found."]
    voices = quotes.actor.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    most = listing(f"{a} ({n:,})" for a, n in voices.head(3).items())
    return [f"{len(quotes):,} quotes, {percent((quotes.kind == 'direct').sum(), len(quotes))} of "
            f"them direct; {percent(quotes.actor.notna().sum(), len(quotes))} with a gazetteer "
            f"actor" + (f"; quoted most: {most}." if len(voices) else ".")]  # fmt: skip


def speaker_sentences(tops: pd.DataFrame) -> list[str]:
    """Per outlet, the actor quoted most, or why that is not estimable (``top_speakers``)."""
    return [f"{t.outlet}: {t.actor} speaks most, {t.actor_n:,} of {t.n:,} quotes ({t.share:.0%})"
            if t.estimable and t.actor else
            f"{t.outlet}: not estimable ({t.n_articles:,} article(s), {t.n:,} quotes)"
            for t in tops.itertuples()]  # fmt: skip


def speaker_routes(quotes: pd.DataFrame) -> pd.DataFrame:
    """How each quote's speaker was found, counted: an actor in the speaker, a pronoun resolved
    to a person, a pronoun with no one before it, or a named speaker without an actor."""
    route = pd.Series("named speaker, no gazetteer actor", index=quotes.index)
    route[quotes.actor.notna()] = "actor named in the speaker"
    route[quotes.antecedent.notna()] = "pronoun, resolved to a person"
    route[~quotes.resolved] = "pronoun, no one named before"
    return route.value_counts().rename_axis("speaker").reset_index(name="quotes")


# 04 · Timeline -----------------------------------------------------------------------------


def dates_sentence(dates: pd.DataFrame, n_articles: int) -> str:
    """How many dated expressions, in how many articles, by kind and modality."""
    head = (
        f"{len(dates):,} dated expressions in {dates.doc_id.nunique():,} of {n_articles:,} articles"
    )
    if dates.empty:
        return head + "."
    return (f"{head}; by kind {dates.kind.value_counts().to_dict()}; by modality "
            f"{dates.modality.value_counts().to_dict()}; "
            f"{(dates.resolution == 'unresolved').sum():,} unresolved "
            "(in undated articles).")  # fmt: skip


def publication_sentences(bounds: pd.DataFrame, sources: pd.Series) -> list[str]:
    """Each article's date, or the lower bound its text gives, in words."""

    def when(b) -> str:
        if pd.notna(b.published):
            return f"{b.published:%Y-%m-%d}"
        if pd.notna(b.lower_bound):
            return f"undated; on or after {b.lower_bound:%Y-%m-%d}"
        return "undated; its text names no date"

    return [f"{b.doc_id} ({sources[b.doc_id]}): {when(b)}" for b in bounds.itertuples()]


def event_count_sentences(events: pd.DataFrame) -> list[str]:
    """The events counted: what happened by decade cited, planned or cancelled, unresolved,
    and by the actor that colours them. No event: nothing."""
    from helpers.timeline import happened

    if events.empty:
        return []
    took_place = happened(events)
    cited = pd.to_datetime(took_place.date_start.fillna(took_place.date_end))
    decades = (cited.dt.year // 10 * 10).value_counts().sort_index().to_dict()
    return [f"Events that happened, by decade cited: {decades}",
            f"Planned or cancelled: {events.modality.isin(['planned', 'cancelled']).sum()} "
            f"| unresolved: {(events.resolution == 'unresolved').sum()}",
            f"Coloured by actor: {events.actor.value_counts().to_dict()}"]  # fmt: skip


def timeline_findings(dates: pd.DataFrame) -> list[str]:
    """Chapter 04's findings on the dated expressions: their span, how many were resolved,
    how many are open, ranges, planned or cancelled."""
    if dates.empty:
        return ["The texts cite no date: there are no events to draw."]
    known = pd.to_datetime(pd.concat([dates.date_start, dates.date_end])).dropna()
    resolved = dates.resolution.isin(["past", "future", "publication-year", "relative", "chained"])
    return [
        f"{len(dates):,} dated expressions; the earliest cited year is {known.min():%Y}, "
        f"the latest date {known.max():%Y-%m-%d}.",
        f"{resolved.sum():,} were resolved from a publication date or from an earlier date "
        f"of their article; {(dates.resolution == 'unresolved').sum():,} stay unresolved "
        "(relative expressions in undated articles).",
        f"{(dates.kind == 'open').sum():,} are open intervals and "
        f"{(dates.kind == 'range').sum():,} ranges; {(dates.modality == 'planned').sum():,} "
        f"are planned and {(dates.modality == 'cancelled').sum():,} cancelled, and are left "
        "out of the counts of what happened.",
    ]


def undated_sentences(bounds: pd.DataFrame) -> list[str]:
    """Each undated article with the earliest date it can have appeared."""
    undated = bounds[bounds.published.isna()].dropna(subset=["lower_bound"])
    return [f"{r.doc_id} is undated; it appeared on or after {r.lower_bound:%Y-%m-%d}."
            for r in undated.itertuples()]  # fmt: skip


def attention_sentences(shares: pd.DataFrame, pair: str = "NATO vs CSTO") -> list[str]:
    """Per dated article, the two actors' mentions and the first one's share."""
    first, second = pair.split(" vs ")
    part = shares[shares.pair == pair].dropna(subset=["published"]).sort_values("published")
    return [f"{r.published:%Y-%m-%d} {r.doc_id}: {first} {r.n_first}, {second} {r.n_second} "
            f"({first} share {r.share:.0%})" for r in part.itertuples()]  # fmt: skip
