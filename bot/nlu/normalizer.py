"""``TextNormalizer``: one written form for user text and training data alike.

NFKC folds 半角カナ (ｻﾎﾟｰﾄｾﾝﾀｰ) into 全角 and 全角英数 (０７６, ＦＡＸ) into ASCII; runs of white space
(全角 spaces included) become one space. It runs first in the pipeline, so every later component, and the
custom actions that read ``latest_message.text``, see the normalised text.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.text_fold import fold


def normalize_text(text: Optional[str]) -> str:
    """NFKC, then white space folded and trimmed. ``None`` becomes ``""``."""
    return fold(text, spaces="collapse")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormalizer(GraphComponent):
    """Rewrites the ``text`` attribute of each message in place with ``normalize_text``."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TextNormalizer:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                message.set(TEXT, normalize_text(text))
        return messages
