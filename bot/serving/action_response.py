"""Action server responses checked with a JSON-schema validator built once, not once per custom action.

Rasa 3.6's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate`` for every custom action, which
checks the response schema itself against the JSON-schema meta-schema and builds a new validator each time: about
22 ms per custom action on this machine, more than the whole NLU part of a turn. ``validate_action_result`` does
the same check (same schema, same validator class, the same best-matching error raised with Rasa's hint added) with
a validator made once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from bot.serving.version_guard import install_if_checked


@lru_cache(maxsize=1)
def _validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Drop-in for ``RemoteAction._validate_action_result``."""
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def _patch() -> None:
    RemoteAction._validate_action_result = validate_action_result


def install() -> bool:
    """On a checked Rasa version only (True when installed). Idempotent."""
    return install_if_checked("the once-built action response validator", _patch)
