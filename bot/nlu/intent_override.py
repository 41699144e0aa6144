"""One way for a rule-based component to decide a message's intent after the classifiers: the intent at confidence
1.0, first in the ranking, the classifiers' other guesses kept after it (NotAQuestionClassifier, SituationRouter)."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message


def override_intent(message: Message, name: str) -> None:
    """Sets ``name`` as the message's intent (confidence 1.0), first in its ranking."""
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != name]
    message.data[INTENT] = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.data[INTENT_RANKING_KEY] = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}, *ranking]
