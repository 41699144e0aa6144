"""The scripted bot with an NLU: ``parse_message`` routes a few scripted questions, as the app's Agent does, and a
FAQ answer is followed by the domain's real 👍/👎 question (utter_ask_feedback), as the faq rule does."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.fakes.bot import FakeAgent, domain_response

ROUTES = {
    "交流館の場所を教えて": "faq/kouryukan_address",
    "交流館の電話番号を教えて": "faq/kouryukan_contact",
    "交流館の住所を教えて": "faq/kouryukan_address",
    "協働って何？": "faq/what_is_kyodo",
    "原則も知りたい": "nlu_fallback",
    "エラーになる質問？": "faq/publisher",
    "何も答えない質問？": "faq/publisher",
}
FAILING, SILENT = "エラーになる質問？", "何も答えない質問？"


def faq_answer(label: str) -> str:
    return f"{label} の答えです。\n（出典：協働ハンドブック）"


def parsed(label: str) -> dict[str, Any]:
    if not label.startswith("faq/"):
        return {"intent": {"name": label, "confidence": 0.55}}
    return {
        "intent": {"name": "faq", "confidence": 0.99},
        "response_selector": {"faq": {"response": {"intent_response_key": label, "confidence": 0.9}}},
    }


@dataclass
class Tracker:
    active_loop_name: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)

    def get_slot(self, name: str) -> Any:
        return self.slots.get(name)


@dataclass
class TrackerStore:
    trackers: dict[str, Tracker] = field(default_factory=dict)

    async def retrieve(self, sender_id: str) -> Tracker | None:
        return self.trackers.get(sender_id)


class TwoQuestionAgent(FakeAgent):
    """Answers the routed FAQ questions with their answer and the feedback question; the rest as FakeAgent does."""

    def __init__(self) -> None:
        super().__init__()
        self.tracker_store = TrackerStore()
        self.parsed: list[str] = []

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.parsed.append(text)
        return parsed(ROUTES.get(text, "nlu_fallback"))

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        if text == FAILING:
            raise RuntimeError("scripted failure")
        if text == SILENT:
            return []
        label = ROUTES.get(text, "")
        if label.startswith("faq/"):
            return [{"text": faq_answer(label)}, domain_response("utter_ask_feedback")]
        return super().answers_for(text)
