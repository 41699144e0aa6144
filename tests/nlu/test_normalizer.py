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
    # wrong kanji conversions and dropped long vowels of the handbook's names
    ("協同とは何ですか", "協働とは何ですか"),
    ("共働をすすめる市民団体", "協働をすすめる市民団体"),
    ("交流会館の住所", "交流館の住所"),
    ("ｻﾎﾟｰﾄｾﾝﾀの電話", "サポートセンターの電話"),
    ("コーディネータに相談したい", "コーディネーターに相談したい"),
    ("協働ハンドブクはどこ", "協働ハンドブックはどこ"),
    # other words that look alike stay
    ("生活協同組合の集まり", "生活協同組合の集まり"),
    ("共働きの家庭です", "共働きの家庭です"),
    ("共同で使う部屋", "共同で使う部屋"),
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
