"""Actor mentions in Russian articles: the English gazetteer's actors, found by their Russian
aliases on lemmas, with the same columns as :func:`helpers.actors.find_mentions`.

One actor model across languages: ``helpers/data/actors_ru.yaml`` names each alias's actor by
its canonical (English) name, and kind, ``part_of`` roll-up and canonical term come from the
gazetteer, so "Жапарова" is the entry Sadyr Japarov rolled up to Kyrgyzstan exactly as
"Zhaparov" is, and "Кремль" is Russia as "the Kremlin" is. Any Cyrillic alias the gazetteer
itself lists ("ОДКБ") is matched too. Aliases of actors the gazetteer does not list are left
out (a researcher's own gazetteer decides which actors exist).

Roles: a place (a country, or a metonym: a capital or a building) governed by a spatial
preposition ("в Москве", "в Бишкек", "под Бишкеком", "из Афганистана", "через Казахстан",
"на Украине") is ``locative``; every other mention is ``agentive`` ("Москва заявила", "с
Россией", "у Китая": a partner or source, not a place; "в НАТО": an organisation is never a
place). The preposition decides, its case checked where Russian uses one preposition for a
place and a target ("на Украине" is a place, "давление на Китай" is not).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.nlp import sentence_ids
from helpers.russian import alias_matcher, alias_spans, load_aliases, morph, russian
from helpers.vocabulary import cached_gazetteer, gazetteer_path

# A place after one of these is where, whither, whence or through which something happens.
# "у" is left out: "поддержка у Китая", "кредит у России" name a partner, not a place.
LOCATIVE = frozenset({"в", "во", "из", "под", "через", "около", "возле", "близ", "вблизи",
                      "вокруг", "внутри"})  # fmt: skip
# "на" marks a place only with the prepositional case ("на Украине"); with the accusative it
# marks a target ("давление на Китай").
PREPOSITIONAL_ONLY = frozenset({"на"})
COORDINATION = frozenset({"и", "или", ","})
COLUMNS = ["doc_id", "actor", "sub_actor", "kind", "surface", "start", "end", "sentence_id",
           "metonym", "role"]  # fmt: skip


def russian_gazetteer(gazetteer: str | Path | None = None) -> pd.DataFrame:
    """The Russian aliases joined to the gazetteer's actors: one row per alias with ``alias``,
    ``actor``, ``rollup``, ``kind``, ``metonym``, ``place`` and ``term`` (as
    ``helpers.vocabulary.load_gazetteer``).

    >>> gaz = russian_gazetteer()
    >>> gaz.query("alias == 'Жапаров'")[["actor", "rollup", "term"]].values.tolist()
    [['Sadyr Japarov', 'Kyrgyzstan', 'sadyr japarov']]
    """
    path = gazetteer_path(gazetteer)
    if path not in _GAZETTEERS:
        gaz = cached_gazetteer(path)
        entries = gaz.drop_duplicates("actor").set_index("actor")[["rollup", "kind", "term"]]
        cyrillic = gaz[gaz.alias.str.contains("[а-яА-ЯёЁ]", regex=True)]
        own = pd.DataFrame({"actor": cyrillic.actor, "alias": cyrillic.alias,
                            "metonym": cyrillic.metonym.astype(bool)})  # fmt: skip
        aliases = pd.concat([load_aliases(), own], ignore_index=True)
        aliases = aliases.drop_duplicates("alias")
        aliases = aliases[aliases.actor.isin(entries.index)].join(entries, on="actor")
        aliases["place"] = aliases.metonym | aliases.kind.eq("country")
        _GAZETTEERS[path] = aliases.reset_index(drop=True)
    return _GAZETTEERS[path]


_GAZETTEERS: dict[str, pd.DataFrame] = {}
_MATCHERS: dict[str, tuple] = {}


def _matcher(path: str):
    if path not in _MATCHERS:
        gaz = russian_gazetteer(path)
        names = list(gaz.alias)
        rows = list(zip(gaz.rollup, gaz.actor, gaz.kind, gaz.metonym, gaz.place, strict=True))
        _MATCHERS[path] = (alias_matcher(names), names, rows)
    return _MATCHERS[path]


def find_mentions_ru(articles: pd.DataFrame, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """Every Russian alias in ``articles.text`` (Russian articles), as ``find_mentions`` rows.

    Input: one row per article with ``doc_id`` and ``text``. Output: one row per mention with
    ``doc_id``, ``actor`` (rolled up), ``sub_actor``, ``kind``, ``surface``, ``start``, ``end``,
    ``sentence_id``, ``metonym`` and ``role``.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Жапаров прилетел в Москву."]})
    >>> find_mentions_ru(arts)[["actor", "sub_actor", "surface", "role"]].values.tolist()
    [['Kyrgyzstan', 'Sadyr Japarov', 'Жапаров', 'agentive'], ['Russia', 'Russia', 'Москву', 'locative']]
    """  # noqa: E501
    matcher, names, aliases = _matcher(gazetteer_path(gazetteer))
    rows = []
    for doc_id, doc in zip(articles.doc_id, russian().pipe(articles.text), strict=True):
        sent = sentence_ids(doc)
        previous = None  # (end token, role) of the last place mention, for coordination
        for span in alias_spans(doc, matcher, names):
            actor, sub_actor, kind, metonym, place = aliases[int(span.label_)]
            role = "locative" if place and _is_locative(doc, span, previous) else "agentive"
            if place:
                previous = (span.end, role)
            rows.append((doc_id, actor, sub_actor, kind, span.text, span.start_char,
                         span.end_char, int(sent[span.start]), bool(metonym), role))  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def _is_adjective(token) -> bool:
    """A lower-case adjective between a preposition and a place ("в соседнем Казахстане")."""
    return token.is_lower and any("ADJF" in p.tag for p in morph().parse(token.text)[:2])


def _is_locative(doc, span, previous: tuple | None) -> bool:
    """Whether a place mention names where something is, not who acts."""
    i = span.start - 1
    if i >= 0 and _is_adjective(doc[i]):
        i -= 1
    if i < 0:
        return False
    word = doc[i].lower_
    if word in LOCATIVE:
        return True
    if word in PREPOSITIONAL_ONLY:
        return any({"loct", "loc2"} & set(p.tag.grammemes) for p in morph().parse(span[0].text))
    if word in COORDINATION and previous is not None and previous[1] == "locative":
        return previous[0] == i  # "в Москве и Пекине"
    return False
