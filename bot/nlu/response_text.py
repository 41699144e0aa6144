"""``DropResponseText``: the FAQ answers' texts leave the training examples before the tokenizer sees them.

Rasa copies the answer of each retrieval intent (``faq/<key>``) onto every one of its training examples, as the
attribute ``response``. Here that is 1,491 examples carrying an answer of about 205 characters, against 18 for the
question itself, so the answers were most of what GiNZA, the tokenizer and the four featurizers processed in
training, and most of what Rasa's training cache fingerprinted after each of them (bot/bench/RESULTS.md, "Training
time under 150 s").

No component reads those features: DIET's inputs are the text and the intent, and the ResponseSelector's labels are
the answer keys (``intent_response_key``) because ``use_text_as_label`` is off; its answers come from the domain's
responses, not from the examples. The model trained without them gives the same predictions
(tests/nlu/test_response_text.py checks the config this relies on). Messages at serving time have no ``response``,
so ``process`` has nothing to do.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import StatelessComponent


def drop_response_texts(messages: List[Message]) -> int:
    """Removes the ``response`` attribute from each message that has one; returns how many had one."""
    dropped = 0
    for message in messages:
        if message.get(RESPONSE) is None:
            continue
        message.set(RESPONSE, None)  # through set(), so the message's cached fingerprint is dropped too
        del message.data[RESPONSE]
        message.output_properties.discard(RESPONSE)
        dropped += 1
    return dropped


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class DropResponseText(StatelessComponent):
    """Training examples lose their copy of the FAQ answer text; nothing else changes."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        drop_response_texts(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
