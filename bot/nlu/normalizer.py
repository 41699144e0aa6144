"""``TextNormalizer``: one written form for user text and training data alike.

NFKC folds 半角カナ (ｻﾎﾟｰﾄｾﾝﾀｰ) into 全角 and 全角英数 (０７６, ＦＡＸ) into ASCII; runs of white space
(全角 spaces included) become one space. It runs first in the pipeline, so every later component, and the
custom actions that read ``latest_message.text``, see the normalised text.
"""

from __future__ import annotations

import re
from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.text_fold import fold
from bot.nlu.components import StatelessComponent

# Wrong kanji conversions and dropped long vowels of the handbook's names, folded into the right spelling
# (協同組合 and 共働き are other words and stay).
SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), right)
    for pattern, right in (
        (r"(?:協同|共働)(?!組合|き)", "協働"),
        (r"交流会館|交流開館|交流かん|交竜館|交留館", "交流館"),
        (r"サポートセンタ(?!ー)|サポトセンター|サポトセンタ|サポーとセンター", "サポートセンター"),
        (r"コーディネータ(?!ー)|コーディネイター|コーデネーター|コーディネター", "コーディネーター"),
        (r"ハンドブク|ハンドブッグ|ハンドボック", "ハンドブック"),
        (r"ボランテア|ボランティヤ", "ボランティア"),
    )
)


def normalize_text(text: Optional[str]) -> str:
    """NFKC, then white space folded and trimmed, then the names' misspellings (SPELLINGS) in their right form.
    ``None`` becomes ``""``."""
    folded = fold(text, spaces="collapse")
    for pattern, right in SPELLINGS:
        folded = pattern.sub(right, folded)
    return folded


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormalizer(StatelessComponent):
    """Rewrites the ``text`` attribute of each message in place with ``normalize_text``."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                message.set(TEXT, normalize_text(text))
        return messages
