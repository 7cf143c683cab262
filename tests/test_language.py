"""The language column: a sidecar's word first (as a code, a regional tag or a name), detection
for the rest, and a warning for languages the helpers read only as English."""

import warnings

import pytest

from helpers.corpus import load_corpus
from helpers.language import LanguageWarning

RU = "Президент Жапаров заявил, что Кремль и ОДКБ поддержат Бишкек. Встреча прошла в Москве.\n"
UK = ("Президент Киргизстану заявив, що країна співпрацюватиме з усіма сусідами. Уряд "
      "вважає, що безпека регіону залежить від спільних зусиль і довіри між державами.\n")  # fmt: skip
EN = "Kyrgyzstan's president said the country would work with all of its neighbours.\n"


def corpus_of(tmp_path, texts: dict[str, str], sidecar: str | None = None):
    for name, text in texts.items():
        # a headline first: a file's first line is its title, the rest its text
        (tmp_path / f"{name}.txt").write_text(f"Headline {name}\n\n{text}", encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "metadata.csv").write_text(sidecar, encoding="utf-8")
    return load_corpus(tmp_path).articles.set_index("doc_id").language


def test_a_sidecar_may_name_the_language_or_give_a_regional_tag(tmp_path):
    from helpers.actors import find_mentions

    sidecar = "doc_id,language\na,Russian\nb,ru-RU\nc,English\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        language = corpus_of(tmp_path, {"a": RU, "b": RU, "c": EN}, sidecar)
    assert language.to_dict() == {"a": "ru", "b": "ru", "c": "en"}
    articles = load_corpus(tmp_path).articles
    # read as Russian: the inflected names and the place are found (review: "Russian" was
    # kept as the code "russian" and the article went through the English rules)
    found = find_mentions(articles[articles.doc_id == "a"])
    assert found[["surface", "sub_actor", "role"]].values.tolist() == [
        ["Жапаров", "Sadyr Japarov", "agentive"], ["Кремль", "Russia", "agentive"],
        ["ОДКБ", "CSTO", "agentive"], ["Бишкек", "Kyrgyzstan", "agentive"],
        ["Москве", "Russia", "locative"]]  # fmt: skip


def test_a_sidecar_value_that_names_no_language_warns_and_is_detected(tmp_path):
    with pytest.warns(LanguageWarning, match=r"a: 'Klingon'.*detected from the text"):
        language = corpus_of(tmp_path, {"a": RU, "b": EN}, "doc_id,language\na,Klingon\n")
    assert language.to_dict() == {"a": "ru", "b": "en"}


def test_a_language_read_only_as_english_is_said(tmp_path):
    with pytest.warns(LanguageWarning, match=r"1 article\(s\) in a language other than .*1 uk"):
        language = corpus_of(tmp_path, {"a": UK, "b": EN})
    assert language.to_dict() == {"a": "uk", "b": "en"}


def test_english_and_russian_alone_raise_no_language_warning(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        assert corpus_of(tmp_path, {"a": RU, "b": EN}).to_dict() == {"a": "ru", "b": "en"}


def test_classify_many_gives_py3langids_own_language_and_probability():
    """The batched automaton walk is py3langid's classify, float for float: on every seed and
    Russian test article (opening, whole raw, pieces), on texts with no feature at all, upper
    case, surrogates, and random characters of many scripts."""
    import random

    from conftest import REPO, SEEDS

    from helpers.language import classify_many, identifier

    raws = [p.read_bytes().decode("utf-8", "replace") for p in sorted(SEEDS.glob("*.txt"))]
    russian = sorted((REPO / "tests" / "data" / "russian").glob("*.txt"))
    raws += [p.read_text(encoding="utf-8") for p in russian]
    texts = [piece for raw in raws for piece in (raw, raw[:500], raw[100:160], raw.upper()[:300])]
    rng = random.Random(3)
    texts += ["", " ", "1234 5678", "ÆØÅ", "\ud800x", "a", "Ünïcödé text here"]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(300)))
              for _ in range(150)]  # fmt: skip
    assert classify_many(texts) == [identifier().classify(text) for text in texts]


def test_add_language_leaves_the_corpus_it_is_given_as_it_was():
    """add_language works on a shallow copy (copy-on-write): the input table keeps its columns
    and values, with or without a sidecar's language column."""
    import dataclasses

    import pandas as pd

    from helpers.language import add_language

    corpus = load_corpus("seeds")
    articles = corpus.articles.drop(columns="language")
    before = articles.copy()
    out = add_language(dataclasses.replace(corpus, articles=articles))
    pd.testing.assert_frame_equal(articles, before)
    assert "language" in out.articles and "language" not in articles
    stated = articles.assign(language="Russian")
    kept = stated.copy()
    assert (
        add_language(dataclasses.replace(corpus, articles=stated)).articles.language.eq("ru").all()
    )
    pd.testing.assert_frame_equal(stated, kept)


def test_add_language_reads_the_openings_as_detect_language_reads_whole_texts():
    """add_language hands detection each text's first MAX_CHARS characters only: the languages
    and confidences are those detect_language gives for the whole texts."""
    import dataclasses

    import pandas as pd

    from helpers.language import MAX_CHARS, add_language, detect_language

    corpus = load_corpus("seeds")
    long = corpus.articles.text.str.len().gt(MAX_CHARS)
    assert long.any()  # texts that run past the opening
    articles = corpus.articles.drop(columns="language")
    out = add_language(dataclasses.replace(corpus, articles=articles)).articles
    whole = detect_language(articles[["doc_id", "text"]])
    assert out.language.tolist() == whole.language.tolist()
    pd.testing.assert_series_equal(out.language, whole.language, check_names=False)
