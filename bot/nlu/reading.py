"""``ReadingCountVectorsFeaturizer``: character n-grams of each token's reading (よみ), from Sudachi.

Citizens type 「こうりゅうかん」「コウリュウカン」 or 「タイトウな関係」 where the training data says 交流館 and
対等. Their surface n-grams share nothing; their readings (コウリュウ|カン and コウリュウカン) share most. This is
CountVectorsFeaturizer with one change: a token's "text" is its reading in katakana, taken from the spaCy doc
that GinzaNLP made (``token.morph`` Reading). Tokens without a reading (ASCII, symbols) keep their text.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA)


def token_readings(doc) -> List[str]:
    """One reading per non-blank token, aligned with SpacyTokenizer's tokens."""
    readings = []
    for token in doc:
        if not token.text or not token.text.strip():
            continue
        reading = token.morph.get("Reading")
        value = reading[0] if reading and reading[0] not in ("", "*") else token.text
        readings.append(to_katakana(value))
    return readings


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class ReadingCountVectorsFeaturizer(CountVectorsFeaturizer):
    """Count vectors over token readings instead of token texts or lemmas."""

    def _get_message_tokens_by_attribute(self, message: Message, attribute: str) -> List[str]:
        doc = message.get(SPACY_DOCS.get(attribute, ""))
        tokens = super()._get_message_tokens_by_attribute(message, attribute)
        if doc is None:
            return tokens
        readings = token_readings(doc)
        # Sequence features must stay aligned with the tokens; if they are not, fall back to the tokens.
        return readings if len(readings) == len(tokens) else tokens
