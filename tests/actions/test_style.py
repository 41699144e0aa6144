"""actions/style.py: ``@styled`` gives an action the conversation's style for its texts (issue 16)."""

from __future__ import annotations

from rasa_sdk import Action

from actions.restart import ActionRestart
from actions.style import style_of, styled
from bot.core.texts import EASY_TEXT_DIR, catalogue, current_style, text


class SaysClosed(Action):
    def name(self) -> str:
        return "says_closed"

    @styled
    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=text("calendar.closed", date="1月4日（月）"))
        return []


async def test_the_slot_or_simple_japanese_gives_the_easy_texts(dispatcher, make_tracker):
    easy = catalogue(EASY_TEXT_DIR)["calendar.closed"].format(date="1月4日（月）")
    standard = text("calendar.closed", date="1月4日（月）")
    for tracker, expected in [
        (make_tracker("休みはいつ？"), standard),
        (make_tracker("休みはいつ？", slots={"answer_style": "easy"}), easy),
        (make_tracker("x", events=[{"event": "user", "text": "やすみ の ひ は いつ です か"}]), easy),
        (
            make_tracker(
                "x",
                slots={"answer_style": "standard"},
                events=[{"event": "user", "text": "やすみ の ひ は いつ です か"}],
            ),
            standard,
        ),
    ]:
        dispatcher.messages.clear()
        await SaysClosed().run(dispatcher, tracker, {})
        assert dispatcher.messages[-1]["text"] == expected
        assert current_style() == "standard", "the style does not leak out of the action"


def test_style_of_reads_the_slot(make_tracker):
    assert style_of(make_tracker("a", slots={"answer_style": "easy"})) == "easy"
    assert style_of(make_tracker("a")) == "standard"
    assert getattr(ActionRestart.run, "__wrapped__", None) is not None, "the actions with texts are styled"
