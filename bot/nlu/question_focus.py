"""``QuestionFocus`` / ``QuestionFocusRestore``: the classifiers see the question, the actions see the message.

Long messages open with a greeting and who the citizen is (「お世話になります。〇〇町で見守り活動をしている者です。
…機材を借りることはできますか。」); mean-pooled features of the whole text drown the question in the introduction.
QuestionFocus (before the tokenizer) replaces the text with its focus: greeting sentences dropped, then the question
sentence (and the one before it when it leans back), with 金沢弁/colloquial endings in standard Japanese
(bot/nlu/dialect.py). QuestionFocusRestore (after the classifiers) puts the whole normalised text back, so the parse
and the custom actions (dates, situation facts, follow-ups) read every sentence the citizen wrote.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.dialect import standardize

FULL_TEXT = "full_text"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*")
_GREETING = re.compile(
    r"^(?:いつも|大変|たいへん)?(?:お世話に(?:なります|なっております|なっています)|こんにちは|こんばんは|おはよう(?:ございます)?"
    r"|はじめまして|初めまして|失礼(?:します|いたします)|突然(?:すみません|失礼します)|すみません|よろしくお願い(?:します|いたします))"
    r"[。！!、\s]*$"
)
SHORT_SENTENCE = 18  # characters: a question this short usually leans on the sentence before it
_POINTS_BACK = re.compile(r"^(?:これ|それ|そこ|その|この|そういう|こういう|どんな|どういう|何)")


def sentences(text: str) -> list[str]:
    """``text`` cut after 。！？!? and line breaks; empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE.findall(text) if piece.strip()]


def focus(text: str) -> str:
    """The part of ``text`` that asks, with standard endings: greetings dropped, then the last sentence, and the one
    before it too when the last is short or points back (「これはどういう制度ですか。」)."""
    parts = sentences(text)
    kept = [part for part in parts if not _GREETING.match(part)] or parts
    if not kept:
        return text
    last = kept[-1]
    leans_back = len(last) < SHORT_SENTENCE or bool(_POINTS_BACK.match(last))
    return standardize("".join(kept[-2:] if leans_back else kept[-1:]))


class _Base(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        raise NotImplementedError


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class QuestionFocus(_Base):
    """Keeps the whole text in ``full_text`` and sets ``text`` to its focus."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text and FULL_TEXT not in message.data:
                focused = focus(text)
                if focused != text:
                    message.data[FULL_TEXT] = text
                    message.set(TEXT, focused)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class QuestionFocusRestore(_Base):
    """Puts the whole text back into ``text`` (and drops ``full_text``)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            full = message.data.pop(FULL_TEXT, None)
            if isinstance(full, str):
                message.set(TEXT, full)
        return messages
