"""A scripted stand-in for Rasa's Agent: answers through the message's output channel, as Rasa does.

It does not need a trained model. "/greet" answers with the domain's utter_greet and utter_help_menu
(the lead's greet rule), so the help-menu buttons are the real ones.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import UserMessage

ROOT = Path(__file__).resolve().parents[2]
MANY_BUTTON_TITLES = [f"とても長い説明が付いたボタンの名前その{i:02d}です" for i in range(16)]


def domain_response(name: str) -> dict[str, Any]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return dict(domain["responses"][name][0])


def echo_answer(text: str) -> str:
    """The fake bot's answer to an ordinary question (it quotes the question and gives a link)."""
    return f"「{text}」についてのご案内です。\n詳しくは https://www4.city.kanazawa.lg.jp/ をご覧ください。"


class FakeAgent:
    """Records every UserMessage and answers it; ``handle_message`` is what Rasa's channels call."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []
        self.gate: asyncio.Event | None = None  # when set, answers wait for it

    @property
    def texts(self) -> list[str]:
        return [m.text or "" for m in self.received]

    def answers_for(self, text: str) -> list[dict[str, Any]]:
        if text == "/greet":
            return [domain_response("utter_greet"), domain_response("utter_help_menu")]
        if text == "ボタンがたくさん":
            buttons = [{"title": t, "payload": f'/choose{{"n": {i}}}'} for i, t in enumerate(MANY_BUTTON_TITLES)]
            return [{"text": "どれにしますか。", "buttons": buttons}]
        if text == "長い答え":
            line = "協働のまちづくりについてのご案内です。" * 10
            return [{"text": "\n".join([line] * 40)}]
        if text == "答えがたくさん":
            return [{"text": f"{i}番目のお知らせです。"} for i in range(1, 8)]
        if text == "エラーになる質問":
            raise RuntimeError("scripted failure")
        return [{"text": echo_answer(text)}]

    async def handle_message(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.gate is not None:
            await self.gate.wait()
        for answer in self.answers_for(message.text or ""):
            await message.output_channel.send_response(message.sender_id, dict(answer))
