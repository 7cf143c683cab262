"""load_corpus on the seeds (read by hand) and on bad input."""

import datetime as dt
import warnings

import pandas as pd
import pytest

from helpers.corpus import CorpusError, CorpusWarning, load_corpus
from helpers.tables import save_table

# Read off the five seed files by hand.
SEED_METADATA = {
    "000_1b762103368fdd0f": dict(
        title="Instead of Bishkek, NATO's representative office in Central Asia will open in "
        "Tashkent.", author="Alim Ayumov", outlet=None, published=None, place=None, views=None,
        tags=[]),
    "001_3c1a3a1192dce7f7": dict(
        title="NATO Promotes Dialogue and Cooperation in Central Asia", author="Arthur Dunn",
        outlet=None, published=dt.date(2011, 6, 15), place=None, views=None, tags=[]),
    "002_76ab8c8c9c06cf5c": dict(
        title="Alliance with Russia or flirtation with the West? Kyrgyzstan is asked to decide",
        author="Ainur Kurmanov", outlet="PolitNavigator", published=dt.date(2021, 3, 19),
        place="Moscow", views=4840,
        tags=["Zen", "The Interview", "Kyrgyzstan", "Policy", "Russia", "CIS", "Story of the day"]),
    "003_95821162bd22b01e": dict(
        title="Central Asia. Only the CSTO will save", author="Ainur Kurmanov",
        outlet="PolitNavigator", published=dt.date(2022, 5, 17), place="Almaty", views=4970,
        tags=["Author column", "Armed forces", "Zen", "Society", "CSTO", "Policy", "Russia",
              "Special Operation"]),
    "004_d110c9e471ba752e": dict(
        title="Kyrgyzstan complicates situation in CSTO and relations with Russia", author=None,
        outlet="inozPRESS.kg", published=dt.date(2022, 10, 10), place=None, views=None, tags=[]),
}  # fmt: skip


def _value(v):
    if isinstance(v, pd.Timestamp):
        return v.date()
    return None if not isinstance(v, list) and pd.isna(v) else v


@pytest.mark.parametrize("doc_id", sorted(SEED_METADATA))
def test_seed_metadata(seed_corpus, doc_id):
    row = seed_corpus.articles.set_index("doc_id").loc[doc_id]
    got = {field: _value(row[field]) for field in SEED_METADATA[doc_id]}
    assert got == SEED_METADATA[doc_id]


def test_seed_times_and_captions(seed_corpus):
    a = seed_corpus.articles.set_index("doc_id")
    assert a.published_time.dropna().to_dict() == {
        "002_76ab8c8c9c06cf5c": "11:47", "003_95821162bd22b01e": "01:36"}  # fmt: skip
    assert a.captions.to_dict()["003_95821162bd22b01e"] == ["Tokayev", "Zhaparov", "Rahmon"]
    assert sum(map(len, a.captions)) == 3


def test_seed_removal_counts(seed_corpus):
    counts = seed_corpus.removed.groupby(["doc_id", "reason"]).size().to_dict()
    assert counts[("000_1b762103368fdd0f", "repeated-passage")] == 19
    assert counts[("002_76ab8c8c9c06cf5c", "truncated-teaser")] == 1
    assert counts[("003_95821162bd22b01e", "truncated-teaser")] == 1
    assert counts[("002_76ab8c8c9c06cf5c", "site-chrome")] == 17
    assert counts[("003_95821162bd22b01e", "site-chrome")] == 17
    assert counts[("003_95821162bd22b01e", "image-caption")] == 3
    assert counts[("001_3c1a3a1192dce7f7", "image-placeholder")] == 1
    assert counts[("001_3c1a3a1192dce7f7", "navigation")] == 1
    assert not seed_corpus.removed.reason.isin(["duplicate-article", "not-text"]).any()


def test_seed_paragraph_counts_and_ends(seed_corpus):
    a = seed_corpus.articles.set_index("doc_id")
    paras = a.text.str.split("\n\n")
    assert paras.map(len).to_dict() == {
        "000_1b762103368fdd0f": 19, "001_3c1a3a1192dce7f7": 35, "002_76ab8c8c9c06cf5c": 18,
        "003_95821162bd22b01e": 30, "004_d110c9e471ba752e": 14}  # fmt: skip
    assert paras["000_1b762103368fdd0f"][-1] == "Isn't that so?"
    assert paras["002_76ab8c8c9c06cf5c"][0].startswith("In previous years, Kyrgyzstan")
    assert paras["003_95821162bd22b01e"][-1].startswith("This tone, set by Vladimir Putin")
    assert paras["004_d110c9e471ba752e"][-1].endswith("the newspaper wrote.")
    for text in a.text:
        for chrome in ("Subscribe", "Ctrl + Enter", "Roskomnadzor", "Views:", "Mon Tues", "Tags:"):
            assert chrome not in text


def test_seed_title_not_repeated_in_text(seed_corpus):
    for row in seed_corpus.articles.itertuples():
        assert row.title not in row.text


def _covered(corpus, doc_id, raw):
    mask = [False] * len(raw)
    spans = pd.concat([corpus.paragraphs, corpus.removed]).query("doc_id == @doc_id")
    for start, end in zip(spans.start, spans.end, strict=True):
        mask[start:end] = [True] * (end - start)
    return mask


def test_nothing_lost_on_seeds(seed_corpus):
    """Every non-blank character of raw is in text (via paragraphs) or in removed."""
    for row in seed_corpus.articles.itertuples():
        mask = _covered(seed_corpus, row.doc_id, row.raw)
        lost = [ch for ch, seen in zip(row.raw, mask, strict=True) if not seen and not ch.isspace()]
        assert lost == [], row.doc_id


def test_spans_point_at_their_text(seed_corpus):
    raws = seed_corpus.articles.set_index("doc_id").raw
    for r in seed_corpus.removed.itertuples():
        assert raws[r.doc_id][r.start : r.end] == r.text
    texts = seed_corpus.articles.set_index("doc_id").text
    for p in seed_corpus.paragraphs.itertuples():
        assert texts[p.doc_id][p.text_start : p.text_end] == raws[p.doc_id][p.start : p.end]


def test_metadata_values_come_from_removed_spans(seed_corpus):
    removed = seed_corpus.removed
    for p in seed_corpus.provenance.query(
        "field in ['title', 'author', 'place', 'outlet']"
    ).itertuples():
        spans = removed.query("doc_id == @p.doc_id").text
        assert any(p.value in s for s in spans), (p.doc_id, p.field)


def test_provenance_records_rule_per_field(seed_corpus):
    prov = seed_corpus.provenance.set_index(["doc_id", "field"])
    assert prov.loc[("000_1b762103368fdd0f", "author"), "rule"] == "signature"
    assert prov.loc[("004_d110c9e471ba752e", "outlet"), "rule"] == "outlet-dateline"
    assert prov.loc[("002_76ab8c8c9c06cf5c", "outlet"), "rule"] == "subscribe-line"
    assert set(prov.source) == {"text"}


def test_sidecar_fills_and_overrides(write_corpus):
    folder = write_corpus({
        "a.txt": "Title A\n\n15.06.2011\nSome body text of the first article here.",
        "b.txt": "Title B\nBody of the second article, long enough to be prose.",
        "metadata.csv": "doc_id,published,outlet,language\na,2011-06-16,Site,en\nb,,Other,ru\n",
    })  # fmt: skip
    corpus = load_corpus(folder)
    a = corpus.articles.set_index("doc_id")
    assert a.published.dt.date.to_dict()["a"] == dt.date(2011, 6, 16)
    assert pd.isna(a.published["b"])
    assert a.outlet.to_dict() == {"a": "Site", "b": "Other"}
    assert a.language.to_dict() == {"a": "en", "b": "ru"}
    prov = corpus.provenance.set_index(["doc_id", "field"])
    assert prov.loc[("a", "published"), "source"] == "sidecar"
    assert prov.loc[("a", "title"), "source"] == "text"


def test_sidecar_columns_reach_articles_csv_and_its_dictionary(write_corpus, tmp_path):
    # A researcher's own sidecar column (here "section") is written, after the known columns,
    # and the data dictionary lists it as coming from the input; the raw text is not written.
    folder = write_corpus({
        "a.txt": "Title A\nSome body text of the first article here, long enough.",
        "metadata.csv": "doc_id,section\na,=Politics\n",
    })  # fmt: skip
    out = save_table(load_corpus(folder).articles, "articles", tmp_path / "tables")
    table = pd.read_csv(out)
    assert table.columns[-1] == "section" and "raw" not in table.columns
    assert table.section.tolist() == ["'=Politics"]
    readme = (tmp_path / "tables" / "README.md").read_text()
    assert "| section | string | from the input (metadata.csv); not described here |" in readme


def test_sidecar_bad_date_and_unknown_row(write_corpus):
    folder = write_corpus({"a.txt": "T\nBody.",
                           "metadata.csv": "doc_id,published,outlet\na,soon,Site\n"})  # fmt: skip
    with pytest.warns(CorpusWarning, match=r"^metadata.csv row 2: published: 'soon' is not a date"):
        art = load_corpus(folder).articles.iloc[0]
    assert pd.isna(art.published) and art.outlet == "Site"  # the rest of the row is kept
    (folder / "metadata.csv").write_text("doc_id,outlet\nzzz,Site\n")
    with pytest.warns(CorpusWarning, match="^metadata.csv row 2: doc_id: no article 'zzz'"):
        load_corpus(folder)


def test_missing_and_empty_folders(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "notes.md").write_text("not an article")
    with pytest.raises(CorpusError, match="no .txt articles"):
        load_corpus(tmp_path)


def test_other_files_are_ignored(write_corpus):
    folder = write_corpus({"a.txt": "Title\nBody text.", "b.md": "# not read", "c.html": "<p>"})
    assert load_corpus(folder).articles.doc_id.tolist() == ["a"]


def test_empty_and_binary_files_skipped_with_warning(write_corpus):
    folder = write_corpus({
        "a.txt": "Title\nBody text.",
        "empty.txt": "  \n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
    })  # fmt: skip
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(folder)
    messages = " ".join(str(w.message) for w in caught)
    assert "empty.txt" in messages and "image.txt" in messages
    assert corpus.articles.doc_id.tolist() == ["a"]
    skipped = corpus.removed.set_index("doc_id").reason.to_dict()
    assert skipped["empty"] == "empty-file" and skipped["image"] == "not-text"


def test_cp1251_article_decoded_as_cyrillic(write_corpus):
    text = ("Киргизия отменила учения ОДКБ\nУчения должны были пройти с 10 по 14 октября на базе "
            "учебного центра Эдельвейс в Балыкчы. Эксперты связывают это с демаршем.")  # fmt: skip
    folder = write_corpus({"ru.txt": text.encode("cp1251")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a decodable file warns about nothing
        art = load_corpus(folder).articles.iloc[0]
    assert art.encoding == "cp1251"
    assert art.title == "Киргизия отменила учения ОДКБ"
    assert "Балыкчы" in art.text


def test_exact_duplicate_kept_once_and_recorded(write_corpus):
    text = "Title\nThe same article body, pasted into two files by the collector."
    folder = write_corpus({"a.txt": text, "b.txt": text.replace("\n", "\r\n  ") + "\n\n"})
    corpus = load_corpus(folder)
    a = corpus.articles.set_index("doc_id")
    assert a.duplicate_of.dropna().to_dict() == {"b": "a"}
    assert a.duplicate_kind["b"] == "exact" and a.text["b"] == ""
    assert set(corpus.removed.query("doc_id == 'b'").reason) == {"duplicate-article"}


def test_near_duplicate_flagged_not_dropped(write_corpus):
    words = [f"word{i}" for i in range(300)]
    base = " ".join(words)
    edited = " ".join(words[:150] + ["inserted"] + words[150:])
    folder = write_corpus({"a.txt": "A\n" + base, "b.txt": "B\n" + edited, "c.txt": "C\nOther."})
    a = load_corpus(folder).articles.set_index("doc_id")
    assert a.duplicate_of.dropna().to_dict() == {"b": "a"}
    assert a.duplicate_kind["b"] == "near" and a.text["b"].startswith("word0")
    assert 0.95 < a.similarity["b"] < 1


def test_detected_encoding_recorded_in_provenance(write_corpus):
    text = "Muñoz wins\nJuan Muñoz said “the talks went well” – and the café stayed open…"
    folder = write_corpus({"a.txt": text.encode("cp1252"), "b.txt": "Plain\nUTF-8 text here."})
    corpus = load_corpus(folder)
    art = corpus.articles.set_index("doc_id")
    assert art.encoding.to_dict() == {"a": "cp1252", "b": "utf-8"}
    assert art.text["a"] == text.split("\n")[1] and art.decode_warnings["a"] == ""
    prov = corpus.provenance.query("field == 'encoding'")
    assert prov.doc_id.tolist() == ["a"]  # plain UTF-8 needs no record
    (row,) = prov.itertuples()
    assert (row.source, row.rule) == ("bytes", "charset-detection")
    assert row.value.startswith("cp1252 (candidates: ") and "chaos" in row.value
