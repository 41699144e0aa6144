"""Two questions in one message (issue 14, kind 6), for the REST, web chat and LINE channels alike.

``handle_message`` stands between a channel and Rasa's ``on_new_message``. When ``split_questions`` cuts the message
into two parts (bot/core/two_questions.py) and the app's agent routes both to a handbook answer, two different
ones (``answers_both``), the parts go to Rasa as two user messages in order, into the same output channel: the
conversation stores both and the reply holds both answers, each with its source. The 👍/👎 question comes once, after
the last answer. Otherwise (one question, a form in progress, a payload, an unsure part, the same answer twice, no
agent to ask, any error while deciding) the message goes to Rasa whole, as before.

A part the bot fails on gets the channels.bot_failure text and one it answers nothing to the channels.no_answer
text, and the other part is still answered; when both fail the error goes to the channel, which apologises as usual.
The channel counts the request once against its rate limits, before this is called.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.chat_requests import no_answer_text
from bot.core.feedback_rules import is_feedback_ask
from bot.core.followup import answer_after
from bot.core.parse_data import routing_label
from bot.core.payloads import PAYLOAD_PREFIX, TEXT_PREFIX
from bot.core.texts import text as bot_text
from bot.core.two_questions import answers_both, split_questions

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


HANDOFF_PENDING_SLOT = "handoff_pending"  # actions/handoff.py: every message goes to the coordinator's request


async def _mid_conversation_step(agent: Any, sender_id: str) -> bool:
    """A form runs or a handoff waits: the message is an answer there, not two questions."""
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return False
    return bool(tracker.active_loop_name or tracker.get_slot(HANDOFF_PENDING_SLOT))


async def questions_of(text: str, sender_id: str, agent: Any) -> list[str]:
    """The two parts to hand to Rasa one after the other, or ``[text]`` when the message goes whole."""
    if agent is None or not hasattr(agent, "parse_message") or text.startswith((PAYLOAD_PREFIX, TEXT_PREFIX)):
        return [text]
    parts = split_questions(text)
    if len(parts) != 2:
        return [text]
    try:
        if await _mid_conversation_step(agent, sender_id):
            return [text]
        first = routing_label(await agent.parse_message(parts[0]))
        second = answer_after({"text": parts[1], **(await agent.parse_message(parts[1]))}, first)
        labels = [first, second]
    except Exception:  # noqa: BLE001 - deciding is a nicety: the whole message still gets its answer
        logger.exception("two questions: reading the parts failed; the message goes whole.")
        return [text]
    return parts if answers_both(labels) else [text]


def _messages(output: Any) -> list[Any]:
    messages = getattr(output, "messages", None)
    return messages if isinstance(messages, list) else []


async def handle_message(message: UserMessage, on_new_message: OnNewMessage, agent: Any) -> None:
    """Hand ``message`` to Rasa whole or, when it holds two questions the handbook answers, as its two parts."""
    parts = await questions_of(message.text or "", message.sender_id, agent)
    if len(parts) == 1:
        await on_new_message(message)
        return
    output, failed = message.output_channel, 0
    start = len(_messages(output))
    for number, part in enumerate(parts, start=1):
        before = len(_messages(output))
        try:
            await on_new_message(
                UserMessage(
                    part, output, message.sender_id, input_channel=message.input_channel, metadata=message.metadata
                )
            )
        except Exception:
            failed += 1
            if failed == len(parts):  # the channel apologises once, as for a whole message
                del _messages(output)[start:]
                raise
            logger.exception("two questions: the bot failed on part %d.", number)
            await output.send_text_message(message.sender_id, bot_text("channels.bot_failure"))
        collected = _messages(output)
        if len(collected) == before:
            await output.send_text_message(message.sender_id, no_answer_text())
        elif number < len(parts):  # the 👍/👎 question only after the last answer
            collected[before:] = [m for m in collected[before:] if not is_feedback_ask(m)]
