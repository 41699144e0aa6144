"""A scripted stand-in for Rasa's Agent that answers through the real StyledNLG (bot/serving/styled_nlg.py).

Its "NLU" is a short script (a button's /intent payload, the switch phrases, else a FAQ question); the slot
``answer_style`` is set by the from_intent mappings of the real domain.yml, and every answer is the real response
(domain.yml, data/nlu) in the conversation's style, as Rasa's channels would send it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.serving.styled_nlg import StyledNLG

ROOT = Path(__file__).resolve().parents[2]
SWITCH_PHRASES = {
    "やさしい日本語で": "easy_japanese_on",
    "かんたんな にほんご": "easy_japanese_on",
    "ふつうの日本語": "easy_japanese_off",
}
FAQ_ANSWER = "utter_faq/kouryukan_contact"


def full_domain() -> Domain:
    data = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "data" / "nlu").glob("faq_*.yml")):
        data["responses"].update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return Domain.from_dict(data)


class StyledAgent:
    def __init__(self) -> None:
        self.domain = full_domain()
        self.nlg = StyledNLG(EndpointConfig(), self.domain)
        self.trackers: dict[str, DialogueStateTracker] = {}

    def intent_of(self, text: str) -> str:
        if text.startswith("/"):
            return text[1:]
        return SWITCH_PHRASES.get(text.strip(), "faq")

    def _slot_events(self, intent: str) -> list[SlotSet]:
        events = []
        for name, slot in self.domain.as_dict()["slots"].items():
            for mapping in slot.get("mappings") or []:
                if mapping.get("type") == "from_intent" and mapping.get("intent") == intent:
                    events.append(SlotSet(name, mapping["value"]))
        return events

    def actions_for(self, intent: str) -> list[str]:
        if intent == "greet":
            return ["utter_greet", "utter_help_menu"]
        if intent in ("easy_japanese_on", "easy_japanese_off"):
            return [f"utter_{intent}"]
        return [FAQ_ANSWER, "utter_ask_feedback"]

    async def handle_message(self, message: UserMessage) -> None:
        sender = message.sender_id or "default"
        tracker = self.trackers.setdefault(sender, DialogueStateTracker(sender, self.domain.slots))
        text = message.text or ""
        intent = self.intent_of(text)
        tracker.update(UserUttered(text, {"name": intent}))
        for event in self._slot_events(intent):
            tracker.update(event)
        for action in self.actions_for(intent):
            response: Any = await self.nlg.generate(action, tracker, message.output_channel.name())
            await message.output_channel.send_response(sender, dict(response))
