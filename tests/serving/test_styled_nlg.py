"""bot/serving/styled_nlg.py: Rasa 3.6 builds it from the endpoints, and it answers in the conversation's style
(やさしい日本語 from data/easy) and language (English from data/english when a variant exists)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot.core.variants import EASY_DIR, TOGGLE_OFF, TOGGLE_ON, load_variants
from bot.serving import styled_nlg
from bot.serving.styled_nlg import StyledNLG
from bot.tools.make_endpoints import effective_endpoints

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    """domain.yml with the FAQ answers of data/nlu, as Rasa merges them when it trains."""
    data = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "data" / "nlu").glob("faq_*.yml")):
        data["responses"].update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return Domain.from_dict(data)


def tracker(domain: Domain, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("s", list(events), slots=domain.slots)


def standard(domain: Domain, name: str) -> dict:
    return domain.responses[name][0]


async def generate(nlg: StyledNLG, name: str, t: DialogueStateTracker) -> dict:
    response = await nlg.generate(name, t, "rest")
    assert response is not None
    return response


def test_rasa_builds_it_from_the_endpoints_files(domain, tmp_path):
    for endpoints in (ROOT / "endpoints.yml", tmp_path / "endpoints.yml"):
        if endpoints.parent == tmp_path:
            endpoints.write_text(yaml.safe_dump(effective_endpoints({})), encoding="utf-8")
        config = read_endpoint_config(str(endpoints), "nlg")
        assert isinstance(NaturalLanguageGenerator.create(config, domain), StyledNLG)


async def test_standard_by_default_and_easy_when_the_slot_says_so(domain):
    nlg = StyledNLG(EndpointConfig(), domain)
    plain_tracker = tracker(domain, UserUttered("交流館の住所を教えて"))
    name = "utter_faq/kouryukan_address"
    assert (await generate(nlg, name, plain_tracker))["text"] == standard(domain, name)["text"]

    easy_tracker = tracker(domain, UserUttered("交流館の住所を教えて"), SlotSet("answer_style", "easy"))
    easy = await generate(nlg, name, easy_tracker)
    assert easy["text"] == load_variants(EASY_DIR)[name]["text"] != standard(domain, name)["text"]
    assert "〒920-0981" in easy["text"] and easy["text"].endswith(standard(domain, name)["text"].splitlines()[-1])


async def test_buttons_keep_their_payloads_and_the_switch_turns_into_its_opposite(domain):
    nlg = StyledNLG(EndpointConfig(), domain)
    menu = standard(domain, "utter_help_menu")
    plain_menu = await generate(nlg, "utter_help_menu", tracker(domain))
    assert plain_menu["buttons"] == menu["buttons"] and plain_menu["buttons"][-1]["payload"] == TOGGLE_ON

    easy_menu = await generate(nlg, "utter_help_menu", tracker(domain, SlotSet("answer_style", "easy")))
    payloads = [b["payload"] for b in easy_menu["buttons"]]
    assert payloads[:-1] == [b["payload"] for b in menu["buttons"]][:-1] and payloads[-1] == TOGGLE_OFF
    assert easy_menu["buttons"][-1]["title"] == "ふつうの日本語"
    assert easy_menu["buttons"][0]["title"] == load_variants(EASY_DIR)["utter_help_menu"]["buttons"][0]
    assert menu["buttons"][-1]["payload"] == TOGGLE_ON, "the domain's own response is not changed"


async def test_a_message_in_simple_japanese_switches_until_the_citizen_chooses(domain):
    nlg = StyledNLG(EndpointConfig(), domain)
    simple = UserUttered("こうりゅうかん の じゅうしょ を おしえて ください")
    easy_text = load_variants(EASY_DIR)["utter_greet"]["text"]
    assert (await generate(nlg, "utter_greet", tracker(domain, simple)))["text"] == easy_text
    later = tracker(domain, simple, UserUttered("開館時間は？"))
    assert (await generate(nlg, "utter_greet", later))["text"] == easy_text, "it holds for the conversation"
    back = tracker(domain, simple, SlotSet("answer_style", "standard"), UserUttered("ありがとう ございます"))
    assert (await generate(nlg, "utter_greet", back))["text"] == standard(domain, "utter_greet")["text"]


async def test_english_variant_when_the_message_language_is_english(domain, tmp_path, monkeypatch):
    (tmp_path / "core.yml").write_text(
        "responses:\n  utter_greet:\n    text: Hello, this is the handbook assistant.\n", encoding="utf-8"
    )
    monkeypatch.setattr(styled_nlg, "ENGLISH_DIR", tmp_path)
    nlg = StyledNLG(EndpointConfig(), domain)
    english = tracker(domain, SlotSet("message_language", "en"), SlotSet("answer_style", "easy"))
    assert (await generate(nlg, "utter_greet", english))["text"] == "Hello, this is the handbook assistant."
    # No English variant: the style's answer still comes.
    thanks = await generate(nlg, "utter_thanks", english)
    assert thanks["text"] == load_variants(EASY_DIR)["utter_thanks"]["text"]


async def test_the_real_english_answers_and_the_feedback_question(domain):
    nlg = StyledNLG(EndpointConfig(), domain)
    english = tracker(domain, SlotSet("message_language", "en"))
    answer = await generate(nlg, "utter_faq/registration_documents", english)
    assert answer["text"].startswith('To register as a "citizens\' group promoting collaboration"')
    assert answer["text"].endswith("translated from Japanese)")
    question = await generate(nlg, "utter_ask_feedback", english)
    assert question["text"] == "Was this answer helpful?"
    assert [b["title"] for b in question["buttons"]] == ["👍 Helpful", "👎 Not helpful", "やさしい日本語"]
    assert [b["payload"] for b in question["buttons"]] == [
        b["payload"] for b in standard(domain, "utter_ask_feedback")["buttons"]
    ]
    # The next message in Japanese: the Japanese answer again.
    back = tracker(domain, SlotSet("message_language", "en"), SlotSet("message_language", "ja"))
    japanese = await generate(nlg, "utter_faq/registration_documents", back)
    assert japanese["text"] == standard(domain, "utter_faq/registration_documents")["text"]


async def test_unknown_responses_stay_none(domain):
    assert await StyledNLG(EndpointConfig(), domain).generate("utter_nothing", tracker(domain), "rest") is None


async def test_responses_replaced_after_creation_as_the_agent_does(domain):
    """Rasa's Agent makes the NLG before the model is loaded and sets ``responses`` later (rasa/core/agent.py)."""
    nlg = StyledNLG(EndpointConfig(), Domain.empty())
    nlg.responses = domain.responses
    easy_menu = await generate(nlg, "utter_help_menu", tracker(domain, SlotSet("answer_style", "easy")))
    assert easy_menu["buttons"][-1] == {"title": "ふつうの日本語", "payload": TOGGLE_OFF}


CONVERSATIONS = [
    ["交流館の住所は？", "ありがとう"],
    ["こうりゅうかん の じゅうしょを おしえて ください", "ありがとう"],
    ["/greet", "電話番号は？", "さぽーとせんたー の でんわばんごう を おしえて ください"],
]


@pytest.mark.parametrize("texts", CONVERSATIONS)
def test_the_style_turn_by_turn_is_effective_styles(domain, texts) -> None:
    from bot.core.easy_japanese import effective_style

    nlg = StyledNLG(domain=domain)
    live = tracker(domain)
    for n, text in enumerate(texts):
        live.update(UserUttered(text, {"name": "faq", "confidence": 0.9}, timestamp=1000.0 + n))
        expected = effective_style(None, [t for t in texts[: n + 1]])
        assert nlg.style_for(live) == expected
        assert nlg.style_for(tracker(domain, *live.events)) == expected  # a tracker read anew: the same answer
    live.update(SlotSet("answer_style", "standard"))
    assert nlg.style_for(live) == "standard"  # the citizen's choice wins


def test_each_message_is_scanned_once_not_once_per_response(domain, monkeypatch) -> None:
    scanned = []
    real = styled_nlg.looks_simple
    monkeypatch.setattr(styled_nlg, "looks_simple", lambda t: (scanned.append(t), real(t))[1])
    nlg = StyledNLG(domain=domain)
    live = tracker(domain)
    for n in range(50):
        live.update(UserUttered(f"質問{n}ですか", {"name": "faq", "confidence": 0.9}, timestamp=1000.0 + n))
        for _ in range(3):  # three responses in the turn
            assert nlg.style_for(live) == "standard"
    assert len(scanned) == 50
    other = tracker(domain, UserUttered("べつ の はなし です か", {"name": "faq"}, timestamp=5.0))
    other.sender_id = live.sender_id  # the same id with another history is scanned from its start
    assert nlg.style_for(other) == "easy"
