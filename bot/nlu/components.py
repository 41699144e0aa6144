"""Bases for the project's rule-based NLU components, so each one writes only what it does (Rasa 3.6 GraphComponent).

``StatelessComponent``: no configuration, no state (created as ``cls()``); ``ConfiguredComponent``: a config dict
merged over ``get_default_config()`` into ``component_config`` (created as ``cls(config)``). Neither is trainable;
each subclass registers itself with ``DefaultV1Recipe.register``.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from typing_extensions import Self


class StatelessComponent(GraphComponent):
    """A component without configuration or state."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls()


class ConfiguredComponent(GraphComponent):
    """A component whose ``component_config`` is its config over its defaults."""

    def __init__(self, config: Dict[str, Any]) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls(config)
