"""bot.serving's two fixes to Rasa's serving path.

The inference-only load gives the same model as Rasa's own load, without the optimizer's state.

A small DIETClassifier is trained here on a few Japanese sentences (character n-grams), persisted, then loaded
both ways; both must give the same intent ranking to the last digit for every probe sentence.
"""

from __future__ import annotations

import numpy as np
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.models import RasaModel

from bot.serving import action_response, inference_load

# Rasa's own check, taken before anything in this test session installs ours.
RASA_VALIDATE_ACTION_RESULT = RemoteAction._validate_action_result

EXAMPLES = {
    "ask_phone": ["サポートセンター の 電話番号 は", "交流館 の 電話 を 教えて", "電話番号 を 知りたい"],
    "ask_hours": ["交流館 は 何時 まで", "開館 時間 を 教えて", "今日 は 開いて いますか"],
    "ask_register": ["団体 登録 の 方法", "市民団体 として 登録 したい", "登録 に 必要な 書類"],
}
PROBES = ["電話 を 教えて", "何時 に 開きますか", "登録 の 書類", "駐車場 は ありますか"]


def _featurize(messages: list[Message], featurizer: CountVectorsFeaturizer) -> None:
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process(messages)
    featurizer.process(messages)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(GraphSchema({}), "test")
    data = TrainingData([Message.build(text=t, intent=i) for i, texts in EXAMPLES.items() for t in texts])
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    cvf_resource = Resource("cvf")
    featurizer = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 2},
        storage,
        cvf_resource,
        context,
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    config = {
        **DIETClassifier.get_default_config(),
        "epochs": 40,
        "random_seed": 42,
        "constrain_similarities": True,
        "number_of_transformer_layers": 0,
        "entity_recognition": False,
    }
    diet_resource = Resource("diet")
    DIETClassifier.create(config, storage, diet_resource, context).train(data)
    return storage, diet_resource, context, config, featurizer


def _load_and_rank(trained):
    storage, resource, context, config, featurizer = trained
    classifier = DIETClassifier.load(config, storage, resource, context)
    messages = [Message.build(text=text) for text in PROBES]
    _featurize(messages, featurizer)
    classifier.process(messages)
    ranking = [[(r["name"], r["confidence"]) for r in m.get("intent_ranking")] for m in messages]
    return classifier, ranking


def test_same_ranking_as_rasas_own_load_and_no_optimizer_state(trained, monkeypatch):
    inference_load.install()
    lean_classifier, lean_ranking = _load_and_rank(trained)

    monkeypatch.setattr(RasaModel, "load", classmethod(inference_load._rasa_load))
    rasa_classifier, rasa_ranking = _load_and_rank(trained)

    assert [[name for name, _ in r] for r in lean_ranking] == [[name for name, _ in r] for r in rasa_ranking]
    assert np.array_equal(
        np.array([[c for _, c in r] for r in lean_ranking]), np.array([[c for _, c in r] for r in rasa_ranking])
    )
    # The model answers, not just agrees with itself.
    assert [r[0][0] for r in lean_ranking[:3]] == ["ask_phone", "ask_hours", "ask_register"]
    assert rasa_classifier.model.optimizer is not None
    assert lean_classifier.model.optimizer is None
    lean_weights = {v.name: v.numpy() for v in lean_classifier.model.weights}
    rasa_weights = {v.name: v.numpy() for v in rasa_classifier.model.weights}
    assert lean_weights.keys() <= rasa_weights.keys() and lean_weights
    assert all(np.array_equal(lean_weights[name], rasa_weights[name]) for name in lean_weights)


def test_finetune_loads_keep_rasas_way(monkeypatch):
    calls = []
    monkeypatch.setattr(inference_load, "_rasa_load", lambda *args, **kwargs: calls.append(args[4]) or "rasa")
    inference_load.install()
    assert RasaModel.load("weights", None, object(), True) == "rasa"
    assert RasaModel.load("weights", None, None, False) == "rasa"
    assert calls == [True, False]


# --- action server responses: one validator per process, the same verdicts and errors as Rasa's own check ---

GOOD_RESPONSES = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "precheck_member_count", "value": 5}],
        "responses": [{"text": "（1/8）市民に開かれた団体ですか？", "buttons": [{"title": "はい", "payload": "はい"}]}],
    },
    {"events": [{"event": "active_loop", "name": None}]},
]
BAD_RESPONSES = [
    {"events": [{"name": "no event key"}]},
    {"events": "not a list"},
    {"events": [{"event": 5}]},
]


@pytest.mark.parametrize("response", GOOD_RESPONSES)
def test_valid_action_responses_pass(response):
    action = RemoteAction("action_answer_opening_hours", None)
    assert RASA_VALIDATE_ACTION_RESULT(action, response) is True
    assert action_response.validate_action_result(action, response) is True


@pytest.mark.parametrize("response", BAD_RESPONSES)
def test_invalid_action_responses_raise_the_same_error_as_rasa(response):
    action = RemoteAction("action_answer_opening_hours", None)
    with pytest.raises(ValidationError) as ours:
        action_response.validate_action_result(action, response)
    with pytest.raises(ValidationError) as rasas:
        RASA_VALIDATE_ACTION_RESULT(action, response)
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_validator_built_once():
    action_response._validator.cache_clear()
    for response in GOOD_RESPONSES * 3:
        action_response.validate_action_result(None, response)
    assert action_response._validator.cache_info().misses == 1


def test_listing_serving_speedups_installs_both():
    import bot.serving.speedups  # noqa: F401  (importing is what Rasa does with every component in config.yml)

    assert RemoteAction._validate_action_result is action_response.validate_action_result
    assert RasaModel.load.__func__ is inference_load.inference_only_load
