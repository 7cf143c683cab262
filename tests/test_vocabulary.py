"""Names as concepts: the gazetteer schema, canonical terms, lemmas and name variants."""

import pandas as pd
import pytest

from helpers.actors import draft_gazetteer
from helpers.text import term_tokens
from helpers.vocabulary import (
    GazetteerError,
    case_matches,
    lemma,
    load_gazetteer,
    name_variants,
    skeleton,
)


def terms(text, gazetteer=None):
    return term_tokens(pd.DataFrame({"doc_id": ["a"], "text": [text]}), gazetteer).term.tolist()


# ---- the schema: errors name the file, the entry and the field ---------------------------
@pytest.mark.parametrize(
    "yaml_text, message",
    [
        ("- {actor: A, kind: country, aliases: [X], colour: red}\n",
         r"entry 1 \(A\): unknown field 'colour'"),
        ("- {actor: A, kind: planet, aliases: [X]}\n", r"entry 1 \(A\): field 'kind' is 'planet'"),
        ("- {actor: A, kind: country}\n", r"entry 1 \(A\): field 'aliases' must be"),
        ("- {kind: country, aliases: [X]}\n", r"entry 1: field 'actor' is missing"),
        ("- {actor: A, kind: agency, part_of: B, aliases: [X]}\n",
         r"entry \(A\): field 'part_of' names 'B'"),
        ("- {actor: A, kind: agency, part_of: B, aliases: [X]}\n"
         "- {actor: B, kind: agency, part_of: A, aliases: [Y]}\n", r"field 'part_of' loops"),
        ("- {actor: A, kind: country, aliases: [{alias: X, metonim: true}]}\n",
         r"entry 1 \(A\): alias .*unknown field 'metonim'"),
        ("- {actor: A, kind: country, aliases: [X]}\n- {actor: B, kind: country, aliases: [x]}\n",
         r"aliases: listed for two actors"),
        ("- {actor: A, kind: country, aliases: [X]}\n- {actor: A, kind: country, aliases: [Y]}\n",
         r"field 'actor' names an actor twice"),
        ("actor: A\n", r"expected a non-empty list"),
        ("- {actor: A, kind: [\n", r"not valid YAML"),
    ],
)  # fmt: skip
def test_gazetteer_errors_name_file_entry_and_field(tmp_path, yaml_text, message):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as error:
        load_gazetteer(path)
    assert str(error.value).startswith(str(path))


def test_missing_gazetteer_file_is_named(tmp_path):
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        load_gazetteer(tmp_path / "absent.yaml")


def test_part_of_rolls_up_to_the_top():
    gaz = load_gazetteer().drop_duplicates("actor").set_index("actor")
    assert gaz.rollup["US State Department"] == "United States"
    assert gaz.rollup["Vladimir Putin"] == "Russia"
    assert gaz.rollup["Xi Jinping"] == "China"
    assert gaz.rollup["Stanislav Zas"] == "CSTO"
    assert gaz.rollup["Russia"] == "Russia"
    # an analyst and a newspaper act for no government: they stay actors of their own
    assert gaz.rollup["Alexander Knyazev"] == "Alexander Knyazev"
    assert gaz.rollup["PolitNavigator"] == "PolitNavigator"


# ---- case: acronyms in any capitalisation, never the pronoun -----------------------------
@pytest.mark.parametrize(
    "alias, surface, expected",
    [("NATO", "Nato", True), ("NATO", "nato", False), ("US", "us", False), ("US", "Us", False),
     ("Moscow", "MOSCOW", True), ("Alliance", "alliance", False), ("CSTO", "Csto", True)],
)  # fmt: skip
def test_case_guard(alias, surface, expected):
    assert case_matches(alias, surface) is expected


# ---- one concept, one term ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japarov met Zhaparov and Sadyr Japarov.", ["sadyr japarov", "meet", "sadyr japarov",
                                                     "sadyr japarov"]),
        ("the Kyrgyz Republic and Kyrgyzstan", ["kyrgyzstan", "kyrgyzstan"]),
        ("NATO, Nato and the North Atlantic Alliance", ["nato", "nato", "nato"]),
        ("peace-keeping and peacekeeping", ["peacekeeping", "peacekeeping"]),
        ("the Kyrgyz-Tajik border", ["kyrgyz-tajik", "border"]),
        ("the Sixth Army", ["sixth", "army"]),
        ("Media and politics on the ground", ["media", "politics", "ground"]),
        ("The US and us.", ["united states"]),
    ],
)  # fmt: skip
def test_names_are_one_term(text, expected):
    assert terms(text) == expected


def test_a_researchers_gazetteer_names_the_terms(tmp_path):
    path = tmp_path / "uk.yaml"
    path.write_text("- {actor: Labour Party, kind: party, aliases: [Labour, Labour Party]}\n")
    assert terms("The Labour Party and Labour.", path) == ["labour party", "labour party"]


# 100 common news words and the lemma a reader expects; the lookup table's known errors
# (ground → grind, number → numb, politics → politic, media → medium, developing → develope,
# taxes → taxis, data → datum) are corrected in helpers.vocabulary.LEMMA_EXCEPTIONS.
NEWS_WORDS = {
    "said": "say", "says": "say", "government": "government", "governments": "government",
    "president": "president", "presidents": "president", "minister": "minister",
    "ministers": "minister", "security": "security", "military": "military", "forces": "force",
    "troops": "troop", "countries": "country", "country": "country", "states": "state",
    "officials": "official", "official": "official", "talks": "talk", "meetings": "meeting",
    "summit": "summit", "summits": "summit", "elections": "election", "election": "election",
    "voters": "voter", "parties": "party", "party": "party", "leaders": "leader",
    "leader": "leader", "policy": "policy", "policies": "policy", "relations": "relation",
    "sanctions": "sanction", "weapons": "weapon", "war": "war", "wars": "war", "peace": "peace",
    "attacks": "attack", "killed": "kill", "people": "people", "police": "police",
    "courts": "court", "law": "law", "laws": "law", "members": "member", "news": "news",
    "media": "media", "politics": "politics", "economy": "economy", "economic": "economic",
    "growth": "growth", "prices": "price", "taxes": "tax", "budget": "budget", "banks": "bank",
    "markets": "market", "companies": "company", "business": "business", "workers": "worker",
    "jobs": "job", "years": "year", "months": "month", "weeks": "week", "days": "day",
    "number": "number", "numbers": "number", "ground": "ground", "grounds": "ground",
    "developing": "develop", "developed": "develop", "development": "development",
    "agreements": "agreement", "negotiations": "negotiation", "crisis": "crisis",
    "crises": "crisis", "threats": "threat", "borders": "border", "allies": "ally",
    "alliance": "alliance", "interests": "interest", "data": "data", "analysis": "analysis",
    "reports": "report", "reported": "report", "according": "according",
    "announced": "announce", "issues": "issue", "cooperation": "cooperation",
    "exercises": "exercise", "centres": "centre", "programmes": "programme",
    "billion": "billion", "children": "child", "women": "woman", "men": "man",
    "headquarters": "headquarters", "arms": "arms", "sixth": "sixth", "first": "first",
    "fourth": "fourth", "voted": "vote",
}  # fmt: skip


def test_lemmas_of_100_news_words():
    assert len(NEWS_WORDS) == 100
    wrong = {w: lemma(w) for w, want in NEWS_WORDS.items() if lemma(w) != want}
    assert wrong == {}


# ---- transliteration variants, found and checked against the gazetteer ------------------
def test_skeleton_folds_transliterations():
    assert skeleton("Zhaparov") == skeleton("Japarov") == skeleton("Dzhaparov")
    assert skeleton("Rakhmon") == skeleton("Rahmon")
    assert skeleton("Atambaev") == skeleton("Atambayev")
    assert skeleton("Moscow") != skeleton("Mosul")


def test_name_variants_are_listed_for_review():
    names = pd.DataFrame(
        {
            "name": [
                "Japarov",
                "Zhaparov",
                "Atambaev",
                "Atambayev",
                "Jeenbekoff",
                "Jeenbekov",
                "Moscow",
                "Mosul",
            ],
            "n": [5, 2, 1, 3, 1, 2, 9, 1],
        }
    )
    out = name_variants(names).set_index(["name_a", "name_b"]).status.to_dict()
    assert out[("Japarov", "Zhaparov")] == "same actor"
    assert out[("Atambaev", "Atambayev")] == "same actor"
    assert out[("Jeenbekoff", "Jeenbekov")] == "unlisted variant of Sooronbay Jeenbekov"
    assert ("Moscow", "Mosul") not in out


def test_draft_gazetteer_loads_and_merges_variants(tmp_path):
    uncovered = pd.DataFrame({"name": ["Keir Starmer", "Rishi Sunak", "Starmer", "Sunak", "Once"],
                              "n": [9, 8, 4, 3, 1], "n_docs": [5, 4, 2, 2, 1]})  # fmt: skip
    text = draft_gazetteer(uncovered)
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    gaz = load_gazetteer(path)
    assert gaz.groupby("actor").alias.apply(list).to_dict() == {
        "Keir Starmer": ["Keir Starmer", "Starmer"],
        "Rishi Sunak": ["Rishi Sunak", "Sunak"],
    }
    assert "TODO" in text
