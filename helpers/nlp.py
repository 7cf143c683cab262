"""The one spaCy pipeline every helper uses: blank English, paragraph and sentence boundaries.

No statistical model can be downloaded here, so the pipeline is spaCy's blank English
tokenizer plus a rule-based sentencizer and lookup lemmas; a paragraph break ("\\n\\n" in
``text``) always starts a new sentence, so a heading or list item never runs into the next one.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        if token.is_space and "\n\n" in token.text:
            token.is_sent_start = False  # the break belongs to the paragraph before it
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def english() -> Language:
    """The shared blank English pipeline (built once per process)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    # Lookup lemmas come from the spacy-lookups-data package: nothing is downloaded.
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def sentence_ids(doc: Doc) -> np.ndarray:
    """The sentence number (0, 1, ...) of every token of ``doc``."""
    ids = np.zeros(len(doc), dtype=np.int32)
    for k, sent in enumerate(doc.sents):
        ids[sent.start : sent.end] = k
    return ids
