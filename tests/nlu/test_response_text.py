"""The FAQ answers' texts leave the training examples, and nothing in the pipeline needed them."""

from pathlib import Path

import numpy as np
import scipy.sparse
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, RESPONSE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.response_text import DropResponseText, drop_response_texts

CONFIG = Path(__file__).resolve().parents[2] / "config.yml"


def faq_example(text: str, key: str, answer: str) -> Message:
    return Message(data={TEXT: text, INTENT: "faq", INTENT_RESPONSE_KEY: f"faq/{key}", RESPONSE: answer})


def test_answers_leave_faq_examples_and_the_rest_stays():
    examples = [
        faq_example("交流館の住所は？", "kouryukan_address", "金沢学生のまち市民交流館の所在地は…"),
        Message(data={TEXT: "こんにちは", INTENT: "greet"}),
    ]
    assert drop_response_texts(examples) == 1
    faq, greet = examples
    assert RESPONSE not in faq.data and RESPONSE not in faq.output_properties
    assert faq.get(TEXT) == "交流館の住所は？"
    assert faq.get(INTENT_RESPONSE_KEY) == "faq/kouryukan_address"
    assert greet.data == {TEXT: "こんにちは", INTENT: "greet"}


def test_the_fingerprint_follows_the_change():
    example = faq_example("交流館の住所は？", "kouryukan_address", "金沢学生のまち市民交流館の所在地は…")
    before = example.fingerprint()
    drop_response_texts([example])
    assert example.fingerprint() != before
    bare = Message(data={TEXT: "交流館の住所は？", INTENT: "faq", INTENT_RESPONSE_KEY: "faq/kouryukan_address"})
    assert example.fingerprint() == bare.fingerprint()


def test_component_drops_in_training_and_leaves_serving_messages_alone():
    component = DropResponseText()
    data = TrainingData([faq_example("メリットは？", "registration_benefits", "登録すると…")])
    component.process_training_data(data)
    assert data.training_examples[0].get(RESPONSE) is None
    message = Message(data={TEXT: "メリットは？"})
    message.add_features(Features(scipy.sparse.coo_matrix(np.ones((1, 3))), "sentence", TEXT, "cvf"))
    assert component.process([message]) == [message] and len(message.features) == 1


def test_config_relies_only_on_answer_keys():
    """The component is right only while the ResponseSelector learns the keys, not the texts, and runs before
    anything that tokenizes."""
    pipeline = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]
    names = [step["name"] for step in pipeline]
    assert names.index("bot.nlu.response_text.DropResponseText") < names.index("bot.nlu.ginza.GinzaNLP")
    selectors = [step for step in pipeline if step["name"] == "ResponseSelector"]
    assert selectors and not any(step.get("use_text_as_label") for step in selectors)
