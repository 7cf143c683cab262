"""One corpus, two languages: the seeds beside the Russian test articles.

The Russian gold (tests/data/russian/gold.yaml) is matched exactly by the public helpers on the
mixed corpus, routed by the ``language`` column load_corpus adds: every body mention with its
actor and role, the counts per article, per actor and agentive, every dated expression with
its interval. The seeds read exactly as they do alone (the hand counts of test_actors and
test_timeline, and whole tables equal).
"""

import datetime as dt
import shutil
import warnings

import pandas as pd
import pytest
import yaml
from conftest import REPO, SEEDS
from test_actors import AGENTIVE_SEED_COUNTS, SEED_COUNTS
from test_timeline import SEED_DATES

from helpers.actors import count_mentions, find_mentions
from helpers.corpus import CorpusWarning, load_corpus
from helpers.language import LanguageError, LanguageWarning
from helpers.stats import comparison_sizes, keyness, same_language, top_keyness
from helpers.text import count_terms
from helpers.timeline import find_dates
from helpers.vocabulary import load_gazetteer

RU = REPO / "tests" / "data" / "russian"
GOLD = yaml.safe_load((RU / "gold.yaml").read_text(encoding="utf-8"))["articles"]
# How gold.yaml names a date's form, and the kind helpers.timeline gives it.
KIND = {"full-date": "absolute", "month-year": "absolute", "year": "absolute",
        "decade": "absolute", "day-range": "range", "year-range": "range",
        "relative-day": "relative", "relative-week": "relative", "relative-month": "relative",
        "relative-year": "relative"}  # fmt: skip


def write_mixed(folder):
    """The seeds (as they are) and the Russian articles in their gold encodings (cp1251,
    KOI8-R, UTF-8), with the Russian sidecar; the seeds have no sidecar rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    for a in GOLD:
        text = (RU / a["file"]).read_text(encoding="utf-8")
        (folder / a["file"]).write_bytes(text.encode(a["encoding"]))
    shutil.copyfile(RU / "metadata.csv", folder / "metadata.csv")
    return folder


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory):
    return write_mixed(tmp_path_factory.mktemp("mixed"))


@pytest.fixture(scope="module")
def mixed(mixed_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning on a clean mixed corpus
        return load_corpus(mixed_dir)


@pytest.fixture(scope="module")
def mentions(mixed):
    return find_mentions(mixed.articles)


@pytest.fixture(scope="module")
def dates(mixed):
    return find_dates(mixed.articles)


def seeds_of(table):
    return table[~table.doc_id.str.startswith("ru")].reset_index(drop=True)


def test_language_per_article(mixed):
    lang = mixed.articles.set_index("doc_id").language
    assert len(lang) == 17 and lang.dtype == "string"
    assert lang[lang.index.str.startswith("ru")].tolist() == ["ru"] * 12
    assert lang[~lang.index.str.startswith("ru")].tolist() == ["en"] * 5


def test_russian_mentions_match_the_gold_exactly(mentions):
    for a in GOLD:
        expected = [(m["surface"], m["actor"], m["role"]) for m in a["mentions"]
                    if m.get("part") != "title"]  # fmt: skip
        mine = mentions[mentions.doc_id == a["doc_id"]]
        assert list(zip(mine.surface, mine.sub_actor, mine.role, strict=True)) == expected


def test_russian_counts_per_article_per_actor_and_agentive(mixed, mentions):
    rollup = load_gazetteer().drop_duplicates("actor").set_index("actor").rollup
    body = pd.DataFrame([{"doc_id": a["doc_id"], **m} for a in GOLD for m in a["mentions"]
                         if m.get("part") != "title"])  # fmt: skip
    body["rollup"] = body.actor.map(rollup)
    mine = mentions[mentions.doc_id.str.startswith("ru")]
    assert len(mine) == len(body) == 158
    # per article and entry, every role
    expected = body.groupby(["doc_id", "actor"]).size()
    got = mine.groupby(["doc_id", "sub_actor"]).size().rename_axis(["doc_id", "actor"])
    pd.testing.assert_series_equal(got, expected)
    # per actor, rolled up, agentive only: what actor shares count
    acting = body[body.role == "agentive"]
    expected = acting.groupby(["doc_id", "rollup"]).size().rename("n").reset_index()
    counts = count_mentions(mentions, mixed.articles)
    counts = counts[counts.doc_id.str.startswith("ru")]
    got = counts.set_index(["doc_id", "actor"]).n
    assert got.to_dict() == expected.set_index(["doc_id", "rollup"]).n.to_dict()
    totals = acting.groupby("rollup").size()  # the gold itself, pinned: edits to it show here
    assert totals[["Russia", "Kyrgyzstan", "NATO", "CSTO", "China"]].tolist() == [
        30, 31, 12, 14, 17]  # fmt: skip
    assert (body.role == "locative").sum() == 20


def test_russian_dates_match_the_gold_exactly(dates):
    for a in GOLD:
        expected = [(d["surface"], d["date_start"], d["date_end"], d["precision"],
                     "open" if d.get("open") else KIND[d["kind"]], d.get("open") == "start",
                     d.get("open") == "end") for d in a["dates"]]  # fmt: skip
        mine = dates[dates.doc_id == a["doc_id"]]
        got = list(zip(mine.surface, mine.date_start, mine.date_end, mine.precision, mine.kind,
                       mine.open_start, mine.open_end, strict=True))  # fmt: skip
        assert got == expected, a["doc_id"]
    assert dates.doc_id.str.startswith("ru").sum() == 29


def test_the_seeds_read_as_they_do_alone(mixed, seed_corpus, mentions, dates):
    mine = seeds_of(mentions)
    for actor, per_doc in SEED_COUNTS.items():
        assert mine[mine.sub_actor == actor].groupby(mine.doc_id.str[:3]).size().to_dict() == (
            per_doc)  # fmt: skip
    counts = count_mentions(mentions, mixed.articles)
    for actor, per_doc in AGENTIVE_SEED_COUNTS.items():
        rows = counts[counts.actor.eq(actor) & ~counts.doc_id.str.startswith("ru")]
        assert dict(zip(rows.doc_id.str[:3], rows.n, strict=True)) == per_doc
    for doc, surfaces in SEED_DATES.items():
        assert dates[dates.doc_id.str.startswith(doc)].surface.tolist() == surfaces
    alone = seed_corpus.articles
    pd.testing.assert_frame_equal(mine, find_mentions(alone))
    pd.testing.assert_frame_equal(seeds_of(dates), find_dates(alone))
    pd.testing.assert_frame_equal(seeds_of(count_terms(mixed.articles)), count_terms(alone))


def test_names_are_one_term_across_languages(mixed):
    counts = count_terms(mixed.articles)
    ru = counts[counts.doc_id.str.startswith("ru")]
    en = counts[~counts.doc_id.str.startswith("ru")]
    for term in ["sadyr japarov", "csto", "nato", "russia"]:
        assert term in set(ru.term) and term in set(en.term), term
    assert not ru.term.isin(["в", "и", "на", "что", "не", ".", "2022"]).any()


def test_keyness_compares_within_each_language(mixed):
    counts = count_terms(mixed.articles)
    languages = mixed.articles.set_index("doc_id").language
    focus = ["ru01", "ru04", "ru06"]
    kept, group, language = same_language(counts, focus, languages)
    assert language == "ru" and group == focus and kept.doc_id.str.startswith("ru").all()
    table = keyness(counts, focus, languages=languages)
    # the rest is the other Russian articles: no English word sits on the other side
    assert not table.term.isin(["the", "alliance", "said", "kyrgyz"]).any()
    pd.testing.assert_frame_equal(table, keyness(kept, focus))
    assert comparison_sizes(counts, focus, languages) == (3, 9, True)
    top = top_keyness(counts, table, focus, n=3, n_resamples=50, languages=languages)
    assert top.low.notna().all()
    # one language: the languages change nothing
    seeds = counts[~counts.doc_id.str.startswith("ru")]
    first = [seeds.doc_id.iloc[0]]
    pd.testing.assert_frame_equal(keyness(seeds, first, languages=languages), keyness(seeds, first))


def test_language_restricts_and_records_what_it_leaves_out(mixed_dir):
    with pytest.warns(LanguageWarning, match=r"5 article\(s\) left out.*5 en"):
        ru = load_corpus(mixed_dir, language="ru")
    assert ru.articles.doc_id.tolist() == [a["doc_id"] for a in GOLD]
    out = ru.files[ru.files.reason.eq("language")]
    assert len(out) == 5 and set(out.status) == {"skipped"} and out.detail.str.contains("en").all()
    assert not ru.removed.doc_id.str.startswith("00").any()
    assert not ru.paragraphs.doc_id.str.startswith("00").any()
    with pytest.warns(LanguageWarning, match="12 ru"):
        en = load_corpus(mixed_dir, language="en")
    assert len(en.articles) == 5
    with pytest.raises(LanguageError, match="russian.*no language code"):
        load_corpus(mixed_dir, language="russian")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        with pytest.raises(LanguageError, match="leaves no article.*ru \\(12\\), en \\(5\\)"):
            load_corpus(mixed_dir, language="de")


def test_an_exact_duplicate_takes_its_originals_language(tmp_path):
    text = (RU / "ru01.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        arts = load_corpus(tmp_path).articles
    assert arts.duplicate_kind.tolist()[1] == "exact" and arts.language.tolist() == ["ru", "ru"]
    found = find_dates(arts)  # the copy has no text of its own
    assert found.doc_id.tolist() == ["a", "a"] and found.date_start.iloc[0] == dt.date(2022, 10, 10)
    assert found.resolution.tolist() == ["absolute", "unresolved"]  # no sidecar: "Вчера" open


def test_variants_link_the_languages_and_leave_russian_inflections_out(mixed):
    from helpers.text import term_variants

    variants = term_variants(mixed.articles).set_index("term").variants
    assert variants["russia"].startswith("russia (15), россия (13)")  # Россия, России, Россией...
    assert "одкб" in variants["csto"] and "нато" in variants["nato"]
    assert "год" not in variants.index and "бишкек" not in variants.index  # one word's case forms
