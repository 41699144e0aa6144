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
from functools import lru_cache
from pathlib import Path
from typing import List

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import StatelessComponent
from bot.nlu.dialect import standardize

FULL_TEXT = "full_text"
TOPICS_FILE = Path(__file__).with_name("focus_words.yml")
KATAKANA_RUN = 5  # letters: an all-katakana message at least this long is read in hiragana
_KATAKANA = re.compile(r"[ァ-ヶー]+")
_NOT_LETTER = re.compile(r"[\s。、！？!?・,.]+")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*")
_GREETING = re.compile(
    r"^(?:いつも|大変|たいへん|夜分に?|夜遅くに|突然の?(?:ご連絡|メッセージ)?|朝早くから)?(?:お世話に(?:なります|なっております|なっています)"
    r"|こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(?:ございます)?|お疲れ(?:さま|様)(?:です|でございます)|おつかれさまです"
    r"|はじめまして|初めまして|(?:初めて|はじめて)(?:ご)?(?:連絡|質問|利用|メッセージ)(?:します|いたします|させていただきます)"
    r"|失礼(?:します|いたします)|突然(?:すみません|失礼します)|すみません|すいません|(?:どうぞ)?(?:よろしく|宜しく)(?:お願い)?"
    r"(?:します|いたします|致します|お願いします)?|ありがとうございます)"
    r"[。！!、\s]*$"
)
SHORT_SENTENCE = 18  # characters: a question this short usually leans on the sentence before it
_POINTS_BACK = re.compile(
    r"^(?:これ|それ|そこ|その|この|そういう|こういう|どんな|どういう|何)|そういう|そのような|こういった|そういった"
)
# A sentence that asks: ends in か/の/？ or a request (教えて, ください, 知りたい, 〜たいのですが).
_ASKS = re.compile(
    r"(?:か|の|かな|っけ|ですか|ますか|でしょうか|けど|[?？]|教えて|ください|下さい|知りたい|ほしい|欲しい|たい(?:です)?|"
    r"たいのですが|いただけますか|もらえますか|できますか)[。!！?？\s]*$"
)


def sentences(text: str) -> list[str]:
    """``text`` cut after 。！？!? and line breaks; empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE.findall(text) if piece.strip()]


@lru_cache(maxsize=1)
def topics() -> tuple[str, ...]:
    """The topic words of focus_words.yml."""
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return tuple(str(word) for word in data["topics"])


def names_a_topic(sentence: str) -> bool:
    return any(word in sentence for word in topics())


def fold_katakana(text: str) -> str:
    """An all-katakana message (「コウリュウカンノデンワバンゴウ」) in hiragana, which the tokenizer can cut into
    words; anything else unchanged (katakana loan words inside a normal sentence stay)."""
    letters = _NOT_LETTER.sub("", text)
    if len(letters) < KATAKANA_RUN or not _KATAKANA.fullmatch(letters):
        return text
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" else char for char in text)


_VOWEL_OF = {
    char: vowel
    for vowel, row in (
        ("あ", "あかさたなはまやらわがざだばぱぁゃ"),
        ("い", "いきしちにひみりぎじぢびぴぃ"),
        ("う", "うくすつぬふむゆるぐずづぶぷぅゅ"),
        ("い", "えけせてねへめれげぜでべぺぇ"),
        ("う", "おこそとのほもよろをごぞどぼぽぉょ"),
    )
    for char in row
}
_HIRAGANA_LONG = re.compile(r"([ぁ-ゖ])ー+")


def fold_long_vowels(text: str) -> str:
    """A long-vowel mark after hiragana spelt out as the kana that standard spelling writes (「とーろく」 →
    「とうろく」, 「せーど」 → 「せいど」); katakana words keep theirs (サポーター)."""
    return _HIRAGANA_LONG.sub(lambda match: match.group(1) + _VOWEL_OF.get(match.group(1), ""), text)


def focus(text: str) -> str:
    """The part of ``text`` that asks, with standard endings: greetings dropped, then the last sentence that asks,
    and before it, when it is short, points back or names no topic (「実際どんな効果がありますか。」), the nearest
    earlier sentence that names a topic (or else the one just before)."""
    parts = [fold_long_vowels(standardize(part)) for part in sentences(text)]
    kept = [part for part in parts if not _GREETING.match(part)] or parts
    if not kept:
        return fold_long_vowels(standardize(text))
    asking = [index for index, part in enumerate(kept) if _ASKS.search(part)]
    at = asking[-1] if asking else len(kept) - 1
    question = kept[at]
    leans_back = len(question) < SHORT_SENTENCE or bool(_POINTS_BACK.search(question)) or not names_a_topic(question)
    if not leans_back or at == 0:
        return fold_katakana(question)
    before = next((part for part in reversed(kept[:at]) if names_a_topic(part)), kept[at - 1])
    return fold_katakana(before + question)


class _Base(StatelessComponent):
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
