"""Actor or place, and which actor: each case is a sentence, the actor a reader would code
(rolled up along part_of) and the role of the mention."""

import pandas as pd
import pytest

from helpers.actors import find_mentions, role_table, sub_actor_table


def coded(text):
    m = find_mentions(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    return list(zip(m.surface, m.actor, m.role, strict=True))


@pytest.mark.parametrize(
    "text, expected",
    [
        # places: after a locative preposition, a place is where, not who
        ("The summit was held in Moscow.", [("Moscow", "Russia", "locative")]),
        ("Talks in Tashkent ended.", [("Tashkent", "Uzbekistan", "locative")]),
        ("He spoke at the Kremlin.", [("Kremlin", "Russia", "locative")]),
        ("Troops in Kyrgyzstan and Tajikistan.",
         [("Kyrgyzstan", "Kyrgyzstan", "locative"), ("Tajikistan", "Tajikistan", "locative")]),
        ("Japarov's visit to Moscow.",
         [("Japarov", "Kyrgyzstan", "agentive"), ("Moscow", "Russia", "locative")]),
        ("The delegation returned from Beijing.", [("Beijing", "China", "locative")]),
        ("A Bishkek-based analyst.", [("Bishkek", "Kyrgyzstan", "locative")]),
        ("BISHKEK, May 3 - Talks began.", [("BISHKEK", "Kyrgyzstan", "locative")]),
        # agents: the same names as subjects, possessors, partners
        ("Moscow wants more.", [("Moscow", "Russia", "agentive")]),
        ("In Moscow's view, the deal is off.", [("Moscow", "Russia", "agentive")]),
        ("Bishkek sent a message to Moscow.",
         [("Bishkek", "Kyrgyzstan", "agentive"), ("Moscow", "Russia", "agentive")]),
        ("Pressure from Washington grew.", [("Washington", "United States", "agentive")]),
        ("Relations with Russia improved.", [("Russia", "Russia", "agentive")]),
        ("NATO met in Brussels.",
         [("NATO", "NATO", "agentive"), ("Brussels", "NATO", "locative")]),
        # sub-actors roll up to the actor they act for
        ("The State Department and USAID agreed.",
         [("State Department", "United States", "agentive"), ("USAID", "United States", "agentive")]),
        ("USCENTCOM and the Pentagon.",
         [("USCENTCOM", "United States", "agentive"), ("Pentagon", "United States", "agentive")]),
        ("The Americans left.", [("Americans", "United States", "agentive")]),
        ("Putin and the Kremlin.",
         [("Putin", "Russia", "agentive"), ("Kremlin", "Russia", "agentive")]),
        ("Russian President Vladimir Putin spoke.",
         [("Russian President Vladimir Putin", "Russia", "agentive")]),
        ("The Russian Foreign Ministry objected.",
         [("Russian Foreign Ministry", "Russia", "agentive")]),
        ("Xi Jinping and Beijing.", [("Xi Jinping", "China", "agentive"), ("Beijing", "China", "agentive")]),
        ("Zhaparov, Jeenbekov and Atambaev.", [("Zhaparov", "Kyrgyzstan", "agentive"),
         ("Jeenbekov", "Kyrgyzstan", "agentive"), ("Atambaev", "Kyrgyzstan", "agentive")]),
        ("The US president and President Biden.",
         [("US president", "United States", "agentive"), ("Biden", "United States", "agentive")]),
        # case and context guards
        ("Nato and NATO.", [("Nato", "NATO", "agentive"), ("NATO", "NATO", "agentive")]),
        ("West Ham beat the West Bank side.", []),
        ("He banked with the Alliance & Leicester.", []),
        ("The Washington Post reported.", []),
        ("Russia turned to the West.", [("Russia", "Russia", "agentive"), ("West", "West", "agentive")]),
        ("Tell us about the un-named alliance.", []),
    ],
)  # fmt: skip
def test_actor_and_role(text, expected):
    assert coded(text) == expected


def test_tables_at_both_levels():
    arts = pd.DataFrame(
        {
            "doc_id": ["a"],
            "text": [
                "Putin spoke in Moscow. Moscow and Russia agreed. The Pentagon and Washington."
            ],
        }
    )
    m = find_mentions(arts)
    roles = role_table(m).set_index("actor")
    assert roles.loc["Russia", ["agentive", "locative", "all"]].tolist() == [3, 1, 4]
    subs = sub_actor_table(m)
    assert subs[["actor", "sub_actor", "agentive", "all"]].values.tolist() == [
        ["Russia", "Russia", 2, 3], ["Russia", "Vladimir Putin", 1, 1],
        ["United States", "United States", 1, 1],
        ["United States", "US Department of Defense", 1, 1]]  # fmt: skip
    assert subs.surfaces[0] == "Moscow, Russia"


@pytest.mark.parametrize(
    "text, expected",
    [
        # found on outside prose (ptc-test): a place that ends a longer name, or named as a place
        ("Breitbart London reported it.", []),
        ("She lives in South London.", []),
        ("Tim Bale of King's College London said so.", []),
        ("The streets of Moscow were empty.", [("Moscow", "Russia", "locative")]),
        ("The Guardian (Moscow) wrote.", [("Moscow", "Russia", "locative")]),
        ("Britain persuaded Brussels, not Moscow.", [("Brussels", "NATO", "agentive"),
                                                    ("Moscow", "Russia", "agentive")]),
    ],
)  # fmt: skip
def test_places_in_longer_names_and_parentheses(text, expected):
    assert coded(text) == expected
