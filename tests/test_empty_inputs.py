"""What the notebooks no longer guard: each count_*/find_* and table helper a chapter calls
returns an empty table with its columns on empty input, instead of failing."""

import pandas as pd
import pytest

from helpers import schema

ARTICLES = pd.DataFrame({"doc_id": ["a"], "text": ["Nothing here names an actor."],
                         "title": ["Nothing"], "n_words": [5], "outlet": ["X"], "author": [None],
                         "published": pd.to_datetime(["2020-01-01"]), "folder": ["."]})  # fmt: skip
NO_MENTIONS = pd.DataFrame(columns=schema.columns("actor_mentions"))


def test_find_mentions_of_an_article_naming_no_actor_has_the_columns():
    from helpers.actors import find_mentions

    mentions = find_mentions(ARTICLES)
    assert mentions.empty and list(mentions.columns) == schema.columns("actor_mentions")


@pytest.mark.parametrize(
    "call, columns",
    [("count_mentions", ["doc_id", "actor", "n", "per_1000_words"]),
     ("cooccurrence", ["actor_a", "actor_b", "n"]),
     ("sub_actor_table", None), ("role_table", None)],
)  # fmt: skip
def test_mention_tables_of_no_mention_are_empty(call, columns):
    import helpers.actors as actors

    function = getattr(actors, call)
    out = function(NO_MENTIONS, ARTICLES) if call == "count_mentions" else function(NO_MENTIONS)
    assert out.empty
    if columns:
        assert list(out.columns) == columns


def test_rate_grid_of_no_mention_is_zero_columns_of_rows():
    from helpers.actors import count_mentions, rate_grid
    from helpers.views import display_rows

    grid = rate_grid(count_mentions(NO_MENTIONS, ARTICLES), ARTICLES, [], display_rows(ARTICLES))
    assert grid.empty


def test_dates_of_an_undated_text_and_their_labels():
    from helpers.timeline import event_labels, find_dates, tag_actors

    dates = find_dates(ARTICLES)
    assert dates.empty and list(dates.columns) == schema.columns("dates")
    assert len(event_labels(dates)) == 0
    assert len(tag_actors(dates, NO_MENTIONS, ["NATO"])) == 0


def test_quotes_and_speakers_of_no_quote():
    from helpers.quotes import count_speakers, find_quotes, top_speakers

    quotes = find_quotes(ARTICLES, NO_MENTIONS)
    assert quotes.empty and list(quotes.columns) == schema.columns("quotes")
    speakers = count_speakers(quotes, ARTICLES)
    assert speakers.empty
    assert top_speakers(speakers, ARTICLES).empty
