"""Russian articles: the hand-coded test corpus, language detection, lemma-based actor matching
and decoding of cp1251 and KOI8-R files.

The corpus (tests/data/russian) is kept in UTF-8 only, so that git diffs stay readable and the
gold's surfaces are the files' own text; each article's ``encoding`` in gold.yaml says which
encoding the decoding test writes a copy of it in (four cp1251, one KOI8-R).
"""

import csv
import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import REPO

from helpers.actors import load_gazetteer
from helpers.corpus import CorpusWarning, load_corpus
from helpers.language import LanguageWarning, detect_language
from helpers.russian import (
    alias_lemmas,
    alias_matcher,
    alias_spans,
    lemma,
    lemmas,
    load_aliases,
    russian,
)

RU = REPO / "tests" / "data" / "russian"
PTC = REPO.parent / "shared" / "corpora" / "ptc-test"
GOLD = yaml.safe_load((RU / "gold.yaml").read_text(encoding="utf-8"))["articles"]
ENCODED = [a for a in GOLD if a["encoding"] != "utf-8"]


def load_quietly(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # gold.yaml is listed as not-txt
        return load_corpus(folder)


@pytest.fixture(scope="module")
def ru_corpus():
    return load_quietly(RU)


@pytest.fixture(scope="module")
def aliases():
    return load_aliases()


@pytest.fixture(scope="module")
def matcher(aliases):
    return alias_matcher(list(aliases.alias))


def mentions_in(text: str, aliases, matcher) -> list[tuple[str, str]]:
    spans = alias_spans(russian()(text), matcher, list(aliases.alias))
    return [(s.text, aliases.actor[int(s.label_)]) for s in spans]


# --- the corpus and its gold agree with each other --------------------------------------------


def test_gold_covers_every_article_and_the_sidecar_agrees():
    assert sorted(a["file"] for a in GOLD) == sorted(p.name for p in RU.glob("*.txt"))
    with open(RU / "metadata.csv", encoding="utf-8") as f:
        sidecar = {row["doc_id"]: row for row in csv.DictReader(f)}
    for a in GOLD:
        assert sidecar[a["doc_id"]]["published"] == a["published"].isoformat()
        assert sidecar[a["doc_id"]]["outlet"] == a["outlet"]
    assert len(GOLD) == 12
    assert sum(len(a["mentions"]) for a in GOLD) == 182
    assert sum(len(a["dates"]) for a in GOLD) == 29
    assert {a["encoding"] for a in GOLD} == {"utf-8", "cp1251", "koi8-r"}


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["doc_id"])
def test_gold_surfaces_occur_in_order(article):
    """Each mention and each date is found in its file after the one before it, in the title
    line exactly when it is marked ``part: title``."""
    text = (RU / article["file"]).read_text(encoding="utf-8")
    title_end = text.index("\n")
    for key in ("mentions", "dates"):
        at = 0
        for item in article[key]:
            found = text.find(item["surface"], at)
            assert found >= 0, f"{article['doc_id']}: {item['surface']!r} not after offset {at}"
            if key == "mentions":
                assert (found < title_end) == (item.get("part") == "title"), item
            at = found + len(item["surface"])


def test_gold_names_only_gazetteer_actors_roles_and_valid_intervals():
    actors = set(load_gazetteer().actor)
    kinds = {"full-date", "day-range", "month-year", "year", "year-range", "decade",
             "relative-day", "relative-week", "relative-month", "relative-year"}  # fmt: skip
    for a in GOLD:
        for m in a["mentions"]:
            assert m["actor"] in actors and m["role"] in {"agentive", "locative"}, m
        for d in a["dates"]:
            assert d["kind"] in kinds and d.get("open") in {None, "start", "end"}, d
            assert (d["date_start"] is None) == (d.get("open") == "start"), d
            assert d["date_start"] is None or d["date_start"] <= d["date_end"], d
            if d.get("open") == "end":  # "с 2014 года": since, to the publication date
                assert d["date_end"] == a["published"], d
            if d["kind"] == "relative-week":  # Monday to Sunday, the week before publication
                assert d["date_start"].weekday() == 0 and d["date_end"].weekday() == 6
                assert 1 <= (a["published"] - d["date_end"]).days <= 7
            if d["kind"] == "relative-day" and d["surface"].lower() == "вчера":
                assert d["date_start"] == a["published"] - dt.timedelta(days=1)


# --- language ---------------------------------------------------------------------------------


def test_russian_articles_are_russian(ru_corpus):
    given = ru_corpus.articles.drop(columns="language")
    out = detect_language(given)
    assert out.language.tolist() == ["ru"] * 12 == ru_corpus.articles.language.tolist()
    assert (out.language_confidence > 0.99).all()
    assert out.doc_id.tolist() == ru_corpus.articles.doc_id.tolist()
    assert "language" not in given.columns  # a copy, the input is left alone


def test_seeds_are_english(seed_corpus):
    assert detect_language(seed_corpus.articles).language.tolist() == ["en"] * 5


@pytest.mark.skipif(not PTC.is_dir(), reason=f"{PTC} is not on this machine")
def test_outside_articles_are_english():
    articles = load_quietly(PTC).articles
    assert len(articles) == 90 and set(articles.language) == {"en"}  # load_corpus's column
    out = detect_language(articles.drop(columns="language"))
    assert set(out.language) == {"en"}


def test_mixed_table_and_articles_without_letters():
    arts = pd.DataFrame({"doc_id": ["en", "ru", "blank"], "text": [
        "The Collective Security Treaty Organization held exercises near Bishkek.",
        "Организация Договора о коллективной безопасности провела учения под Бишкеком.",
        "2022 — 10.10 ..."]})  # fmt: skip
    with pytest.warns(LanguageWarning, match="1 article.*no letters.*blank"):
        out = detect_language(arts)
    assert out.language.tolist() == ["en", "ru", "und"]
    assert pd.isna(out.language_confidence.iloc[2])
    again = detect_language(arts.iloc[:2])  # deterministic: the same numbers on every run
    assert again.language_confidence.tolist() == out.language_confidence.tolist()[:2]


# --- lemmas and alias matching ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [("России", "россия"), ("Россией", "россия"), ("Москве", "москва"), ("Кремля", "кремль"),
     ("НАТО", "нато"), ("Жапарова", "жапаров"), ("Путиным", "путин"), ("Путина", "путин"),
     ("Токаева", "токаев"), ("учения", "учение"), ("заявила", "заявить")],
)  # fmt: skip
def test_lemma(word, expected):
    assert lemma(word) == expected


def test_lemmas_skip_whitespace_and_keep_order():
    assert lemmas("Москва заявила.\n\nВ Москве") == ["москва", "заявить", ".", "в", "москва"]


@pytest.mark.parametrize(
    "text, expected",
    [("Кыргызстан не собирается вступать в НАТО.", [("Кыргызстан", "Kyrgyzstan"), ("НАТО", "NATO")]),
     ("Отношения с Россией остаются приоритетом.", [("Россией", "Russia")]),
     ("Визит Жапарова, встреча с Жапаровым, слова Садыра Жапарова.",
      [("Жапарова", "Sadyr Japarov"), ("Жапаровым", "Sadyr Japarov"), ("Садыра Жапарова", "Sadyr Japarov")]),
     ("Соединённых Штатов и Соединенных Штатов Америки.",
      [("Соединённых Штатов", "United States"), ("Соединенных Штатов Америки", "United States")]),
     ("Токаева, Токаеву и Токаев.", [("Токаева", "Kassym-Jomart Tokayev"), ("Токаеву", "Kassym-Jomart Tokayev"),
                                     ("Токаев", "Kassym-Jomart Tokayev")]),
     ("с Шанхайской организацией сотрудничества", [("Шанхайской организацией сотрудничества", "SCO")])],
)  # fmt: skip
def test_case_forms_match_their_alias(text, expected, aliases, matcher):
    assert mentions_in(text, aliases, matcher) == expected


@pytest.mark.parametrize(
    "text",
    ["Российские и китайские военные, американская база, киргизская сторона.",
     "Альянс и блок, западные страны, на западе страны.",
     "Началась путина, расцвела роза, проявился талант."],
)  # fmt: skip
def test_adjectives_and_common_words_are_not_actors(text, aliases, matcher):
    assert mentions_in(text, aliases, matcher) == []


def test_alias_lemmas_cover_the_lemma_and_the_word_itself():
    assert alias_lemmas("НАТО") == [("нато",)]
    assert alias_lemmas("Роза Отунбаева") == [("роза", "отунбаев"), ("роза", "отунбаева")]
    assert len(alias_lemmas("Организация Договора о коллективной безопасности")) == 8


def test_russian_aliases_name_gazetteer_actors_and_never_two_actors(aliases):
    english = load_gazetteer()
    assert set(aliases.actor) <= set(english.actor)
    # A name in both files ("ОДКБ" is in actors.yaml too) must name the same actor in both.
    both = aliases.merge(english[["alias", "actor"]], on="alias", suffixes=("", "_en"))
    assert (both.actor == both.actor_en).all()
    assert not aliases.alias.duplicated().any()
    # Two actors must not share the lemmas of an alias: the matcher could not tell them apart.
    keys = aliases.assign(key=[tuple(lemmas(a)) for a in aliases.alias])
    assert keys.groupby("key").actor.nunique().max() == 1
    assert aliases.query("alias in ['Москва', 'Кремль', 'Бишкек', 'Пекин']").metonym.all()
    assert not aliases.query("alias in ['Россия', 'НАТО']").metonym.any()


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["doc_id"])
def test_every_gold_mention_is_found_and_nothing_else(article, aliases, matcher):
    text = (RU / article["file"]).read_text(encoding="utf-8")
    expected = [(m["surface"], m["actor"]) for m in article["mentions"]]
    assert mentions_in(text, aliases, matcher) == expected


def test_the_russian_aliases_find_nothing_in_english(seed_corpus, aliases, matcher):
    for text in seed_corpus.articles.text:
        assert mentions_in(text, aliases, matcher) == []


# --- decoding ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encoded_corpus(tmp_path_factory):
    """The corpus with each article in its gold encoding (cp1251, KOI8-R or UTF-8)."""
    folder = tmp_path_factory.mktemp("russian-encoded")
    (folder / "metadata.csv").write_bytes((RU / "metadata.csv").read_bytes())
    for a in GOLD:
        text = (RU / a["file"]).read_text(encoding="utf-8")
        (folder / a["file"]).write_bytes(text.encode(a["encoding"]))
    return load_quietly(folder)


@pytest.mark.parametrize("article", ENCODED, ids=lambda a: f"{a['doc_id']}-{a['encoding']}")
def test_cp1251_and_koi8r_files_decode_to_their_text(article, encoded_corpus):
    row = encoded_corpus.articles.set_index("doc_id").loc[article["doc_id"]]
    assert row.raw == (RU / article["file"]).read_text(encoding="utf-8")
    assert row.encoding.replace("_", "-") == article["encoding"]


def test_encoded_corpus_reads_like_the_utf8_one(encoded_corpus, ru_corpus):
    columns = ["doc_id", "title", "text", "published", "outlet", "n_words"]
    pd.testing.assert_frame_equal(encoded_corpus.articles[columns], ru_corpus.articles[columns])
    # Only the title line is taken out of a Russian article: no English cleaning rule fires.
    assert set(ru_corpus.removed.reason) == {"title"} and len(ru_corpus.removed) == 12


# --- wired in: roles, dates and terms of Russian rows (helpers.russian_actors/_dates/_text) ----

D = dt.date


def ru_articles(text: str, published: str | None = "2022-10-11") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a"], "text": [text], "language": ["ru"],
                         "published": [pd.Timestamp(published) if published else pd.NaT]})  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [("Учения прошли в Москве.", [("Москве", "locative")]),
     ("Москва заявила протест.", [("Москва", "agentive")]),
     ("Делегация вернулась в Бишкек из Пекина.", [("Бишкек", "locative"), ("Пекина", "locative")]),
     ("Бои идут на Украине, а давление на Китай растёт.", [("Украине", "locative"), ("Китай", "agentive")]),
     ("Консультации в Москве и Пекине.", [("Москве", "locative"), ("Пекине", "locative")]),
     ("Учения в соседнем Казахстане.", [("Казахстане", "locative")]),
     ("Бишкек ищет поддержку у Китая.", [("Бишкек", "agentive"), ("Китая", "agentive")]),
     ("Страна не вступит в НАТО.", [("НАТО", "agentive")]),
     ("Отношения с Россией и визит Жапарова.", [("Россией", "agentive"), ("Жапарова", "agentive")])],
)  # fmt: skip
def test_russian_roles(text, expected):
    from helpers.actors import find_mentions

    m = find_mentions(ru_articles(text))
    assert list(zip(m.surface, m.role, strict=True)) == expected


def test_russian_mentions_use_the_english_actor_model():
    from helpers.actors import find_mentions

    m = find_mentions(ru_articles("Жапаров, Кремль, ОДКБ, ШОС и Госдепартамент."))
    assert m[["actor", "sub_actor", "metonym"]].values.tolist() == [
        ["Kyrgyzstan", "Sadyr Japarov", False], ["Russia", "Russia", True], ["CSTO", "CSTO", False],
        ["SCO", "SCO", False], ["United States", "US State Department", False]]  # fmt: skip


@pytest.mark.parametrize(
    "text, surface, start, end, kind",
    [("Это случилось 10 октября 2022 года.", "10 октября 2022 года", D(2022, 10, 10), D(2022, 10, 10), "absolute"),
     ("Договор подписали в октябре 2022 года.", "в октябре 2022 года", D(2022, 10, 1), D(2022, 10, 31), "absolute"),
     ("Базу закрыли в 2014 году.", "в 2014 году", D(2014, 1, 1), D(2014, 12, 31), "absolute"),
     ("Это было в 2014 г. и не раньше.", "в 2014 г.", D(2014, 1, 1), D(2014, 12, 31), "absolute"),
     ("Вчера министр выступил.", "Вчера", D(2022, 10, 10), D(2022, 10, 10), "relative"),
     ("Делегация приезжала на прошлой неделе.", "на прошлой неделе", D(2022, 10, 3), D(2022, 10, 9), "relative"),
     ("Кредит выдали три года назад.", "три года назад", D(2019, 1, 1), D(2019, 12, 31), "relative"),
     ("С 2014 года Пекин вкладывает деньги.", "С 2014 года", D(2014, 1, 1), D(2022, 10, 11), "open"),
     ("После 2010 года всё изменилось.", "После 2010 года", D(2011, 1, 1), None, "open"),
     ("Программа рассчитана до 2023 года.", "до 2023 года", None, D(2023, 12, 31), "open"),
     ("Учения шли в 2011–2014 годах.", "в 2011–2014 годах", D(2011, 1, 1), D(2014, 12, 31), "range"),
     ("База работала с 2001 по 2014 год.", "с 2001 по 2014 год", D(2001, 1, 1), D(2014, 12, 31), "range"),
     ("Саммит прошёл 15–17 сентября 2022 года.", "15–17 сентября 2022 года", D(2022, 9, 15), D(2022, 9, 17), "range"),
     ("Связи крепли в 1990-е годы.", "в 1990-е годы", D(1990, 1, 1), D(1999, 12, 31), "absolute"),
     ("Встреча состоялась 5 мая.", "5 мая", D(2022, 5, 5), D(2022, 5, 5), "absolute"),
     # March shares its first letters with May ("ма"): the longer stem decides
     ("Учения прошли 10 марта 2022 года.", "10 марта 2022 года", D(2022, 3, 10), D(2022, 3, 10), "absolute"),
     ("Договор вступил в силу в марте 2021 года.", "в марте 2021 года", D(2021, 3, 1), D(2021, 3, 31), "absolute"),
     ("Саммит прошёл в мае 2019 года.", "в мае 2019 года", D(2019, 5, 1), D(2019, 5, 31), "absolute")],
)  # fmt: skip
def test_russian_date_forms(text, surface, start, end, kind):
    from helpers.timeline import find_dates

    d = find_dates(ru_articles(text))
    assert d[["surface", "date_start", "date_end", "kind"]].values.tolist() == [
        [surface, start, end, kind]
    ]


@pytest.mark.parametrize(
    "text",
    ["В манёврах участвовали более 2000 военнослужащих.", "Прибыли около 800 человек.",
     "Ранее и тогда, с тех пор и раньше.", "Двадцать лет в ОДКБ.", "Бюджет 2022 составил 5 млн."],
)  # fmt: skip
def test_russian_numbers_and_vague_times_are_no_dates(text):
    from helpers.timeline import find_dates

    assert find_dates(ru_articles(text)).empty


@pytest.mark.parametrize(
    "text, modality",
    [("В 2023 году планируется провести учения.", "planned"),
     ("Учения, назначенные на 10 октября 2022 года, отменили.", "cancelled"),
     ("В следующем месяце Китай и Россия проведут учения.", "planned"),
     ("В 2016 году учения прошли в Киргизии.", "past"),
     ("С 2014 года Пекин вкладывает деньги в экономику.", "ongoing")],
)  # fmt: skip
def test_russian_modality(text, modality):
    from helpers.timeline import find_dates

    assert find_dates(ru_articles(text)).modality.tolist() == [modality]


def test_russian_dates_in_an_undated_article_stay_unresolved():
    from helpers.timeline import find_dates

    d = find_dates(ru_articles("Вчера и в 2014 году.", published=None))
    assert d.resolution.tolist() == ["unresolved", "absolute"] and d.date_start.iloc[0] is None


def test_russian_terms_are_lemmas_without_stop_words_and_names_are_concepts():
    from helpers.text import count_terms, term_tokens

    arts = ru_articles(
        "Жапаров провёл учения с ОДКБ в Москве; Садыра Жапарова поддержали учениями."
    )
    assert term_tokens(arts).term.tolist() == [
        "sadyr japarov", "провести", "учение", "csto", "москва", "sadyr japarov", "поддержать",
        "учение"]  # fmt: skip
    assert count_terms(arts).set_index("term").n.to_dict()["учение"] == 2
