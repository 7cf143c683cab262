"""One vocabulary: every table's columns are written once, in helpers.schema, and the column
constants, the data dictionary and the helpers' outputs all agree with it."""

import pandas as pd
import pytest

from helpers import schema


@pytest.mark.parametrize(
    "module, constant, table",
    [("actors", "MENTION_COLUMNS", "actor_mentions"), ("timeline", "DATE_COLUMNS", "dates"),
     ("text", "TOKEN_COLUMNS", "tokens"), ("corpus", "FILE_COLUMNS", "files"),
     ("quotes", "QUOTE_COLUMNS", "quotes")],
)  # fmt: skip
def test_column_constants_come_from_the_schema(module, constant, table):
    import importlib

    assert getattr(importlib.import_module(f"helpers.{module}"), constant) == schema.columns(table)


def test_the_data_dictionary_is_the_schema():
    from helpers.tables import DICTIONARY

    assert DICTIONARY is schema.TABLES


def test_rates_carry_their_unit():
    from helpers.actors import count_mentions
    from helpers.stats import relative_frequency

    counts = relative_frequency(
        pd.DataFrame({"doc_id": ["a", "a"], "term": ["x", "y"], "n": [3, 1]})
    )
    assert list(counts.columns) == schema.columns("term_counts")
    mentions = pd.DataFrame({"doc_id": ["a"], "actor": ["NATO"], "role": ["agentive"],
                             "metonym": [False]})  # fmt: skip
    rates = count_mentions(mentions, pd.DataFrame({"doc_id": ["a"], "n_words": [500]}))
    assert list(rates.columns) == schema.columns("mention_counts")
    assert rates.per_1000_words.tolist() == [2.0]  # 1 mention in 500 words
    bare = [(t, c) for t, (_, cols) in schema.TABLES.items() for c in cols if c == "per_1000"]
    assert bare == []


def test_every_column_has_a_type_and_a_meaning():
    types = {"string", "integer", "float", "date", "boolean"}
    for table, (about, cols) in schema.TABLES.items():
        assert about and cols, table
        for column, (kind, meaning) in cols.items():
            assert kind in types and meaning, (table, column)
