"""The channels' and the console's own texts come from data/texts/{channels,console}.yml, word for word as before;
the bot-failure apology is one text for the web chat and LINE."""

from __future__ import annotations

from bot.channels.console import ask
from bot.channels.console.channel import STATUSES, status_labels
from bot.channels.line.messages import to_line_messages
from bot.channels.webchat.channel import WebChatInput
from bot.core.texts import text

BOT_FAILURE = "申し訳ありません。ただいまお答えできません。しばらくしてから、もう一度お試しください。"


async def failing_bot(message) -> None:
    raise RuntimeError("the bot is down")


async def test_web_chat_and_line_give_the_one_bot_failure_text():
    assert await WebChatInput().answer("sender-0001", "こんにちは", failing_bot) == [{"text": BOT_FAILURE}]


async def test_a_too_long_web_chat_message_names_the_limit():
    answer = await WebChatInput(max_message_chars=5).answer("sender-0001", "あ" * 6, failing_bot)
    assert answer == [{"text": "メッセージが長すぎます。5文字以内で、短く区切って入力してください。"}]


def test_line_answers_a_sticker_and_hangs_bare_buttons_on_a_prompt():
    assert text("channels.unsupported_message") == (
        "申し訳ありません。スタンプや画像などの内容は読み取ることができません。ご質問は文字で入力してください。"
    )
    [message] = to_line_messages([{"buttons": [{"title": "はい", "payload": "/affirm"}]}])
    assert message["text"] == "次の中からお選びください。" and message["quickReply"]["items"]


def test_the_console_labels_and_notes():
    assert status_labels() == {"open": "未対応", "claimed": "対応中", "closed": "完了"}
    assert list(status_labels()) == list(STATUSES)
    assert ask.NO_FIXED_ANSWER == "（定型文の回答はありません。ボットが会話の流れに応じてお答えします。）"
    assert text("console.request_not_found_message", request_id=7) == (
        "受付番号 7 の依頼はありません（削除された可能性があります）。"
    )
