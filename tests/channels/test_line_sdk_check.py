"""The fake Messaging API reads what our channel sends with line-bot-sdk's own models (tests/fakes/line_sdk.py):
the check passes what the SDK knows and catches a field it does not."""

from __future__ import annotations

from bot.channels.line.messages import to_line_messages
from tests.fakes.bot import domain_response
from tests.fakes.line_schema import PUSH_VALIDATOR, schema_errors
from tests.fakes.line_sdk import message_errors, richmenu_errors


def test_the_help_menu_with_its_quick_replies_reads_the_same_with_the_sdk() -> None:
    messages = [m for m in to_line_messages([domain_response("utter_greet"), domain_response("utter_help_menu")])]
    body = {"to": "U" + "0" * 32, "messages": messages}
    assert body["messages"][-1].get("quickReply")
    assert schema_errors(PUSH_VALIDATOR, body) == [] and message_errors(body) == []


def test_a_field_the_sdk_does_not_know_is_caught() -> None:
    typo = {"messages": [{"type": "text", "text": "こんにちは", "quickreply": {"items": []}}]}
    assert [e["property"] for e in message_errors(typo)] == ["messages/0"]
    assert message_errors({"messages": [{"type": "carousel", "text": "x"}]})[0]["property"] == "messages/0"
    menu = {"size": {"width": 2500, "height": 843}, "selected": True, "name": "m", "chatBarText": "メニュー"}
    assert richmenu_errors({**menu, "areas": []}) == []
    assert richmenu_errors({**menu, "areas": [], "chat_bar_text": "x"}) != []
