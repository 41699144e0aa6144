"""The NFKC normaliser, as a function and as a pipeline component."""

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.normalizer import TextNormalizer, normalize_text

CASES = [
    # (typed, normalised)
    ("ｻﾎﾟｰﾄｾﾝﾀｰの電話番号は？", "サポートセンターの電話番号は?"),
    ("ｺｳﾘｭｳｶﾝ", "コウリュウカン"),
    ("ｶﾞｸｾｲ", "ガクセイ"),
    ("１２月３０日は開いてる？", "12月30日は開いてる?"),
    ("ＦＡＸ番号", "FAX番号"),
    ("Ｅメール", "Eメール"),
    ("交流館　の　住所", "交流館 の 住所"),
    ("  協働とは  ", "協働とは"),
    ("協働とは何ですか", "協働とは何ですか"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("typed,expected", CASES)
def test_normalize_text(typed, expected):
    assert normalize_text(typed) == expected


def test_component_rewrites_user_messages():
    component = TextNormalizer.create({}, None, None, None)
    message = Message(data={TEXT: "ｻﾎﾟｾﾝの ＴＥＬ"})
    component.process([message])
    assert message.get(TEXT) == "サポセンの TEL"


def test_component_rewrites_training_data_alike():
    component = TextNormalizer.create({}, None, None, None)
    data = TrainingData([Message(data={TEXT: "ｺｳﾘｭｳｶﾝ", "intent": "faq"})])
    component.process_training_data(data)
    assert data.training_examples[0].get(TEXT) == "コウリュウカン"
    assert data.training_examples[0].get("intent") == "faq"
