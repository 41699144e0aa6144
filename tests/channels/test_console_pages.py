"""The coordinator console's pages over HTTP: Ask, the NLU export, deleting a conversation, Numbers, files."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.channels.console.channel import BASE
from tests.channels.console_support import SENDER, Console, add_request


@pytest.mark.asyncio
async def test_ask_shows_the_top_answers_with_section_and_copy_button(console: Console) -> None:
    assert await console.login() == 303
    status, body, _ = await console.post(BASE + "/ask", {"csrf": await console.csrf(), "q": "サポセンの電話"})
    assert status == 200 and console.agent.asked == ["サポセンの電話"]
    keys = re.findall(r'<span class="key">([^<]+)</span>', body)
    assert keys == ["faq/support_center_contact", "faq/kouryukan_contact", "greet"]
    assert re.findall(r'<span class="confidence">([^<]+)</span>', body) == ["63%", "27%", "10%"]
    assert "協働ハンドブック Ⅲ-02 金沢市市民活動サポートセンター" in body
    assert body.count('data-copy="answer-') == 3 and "交流館 TEL 076-255-0162 &lt;b&gt;" in body


@pytest.mark.asyncio
async def test_export_gives_nlu_yaml_that_rasa_reads(console: Console) -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from bot.core.suggestions import canonical_questions

    with console.db.session_scope() as session:
        fb = console.db.add_row(
            session, console.db.FallbackTurn, sender_id=SENDER, channel="webchat", text="交流ホールを夜に借りたい"
        ).id
        bad = console.db.add_row(
            session,
            console.db.AnswerFeedback,
            sender_id=SENDER,
            channel="line",
            helpful=False,
            question="交流ホールを夜に借りられますか",
            answer_key="faq/kouryukan_rooms",
        ).id
        console.db.add_row(
            session,
            console.db.AnswerFeedback,
            sender_id=SENDER,
            channel="line",
            helpful=True,
            question="役に立った質問QX7",
            answer_key="faq/what_is_kyodo",
        )
    assert await console.login() == 303
    status, page, _ = await console.get(BASE + "/improve")
    assert status == 200 and f'value="fallback:{fb}"' in page and f'value="feedback:{bad}"' in page
    assert "役に立った質問QX7" not in page  # 👍 is not something to improve
    intent = next(k for k in canonical_questions() if k.startswith("faq/"))
    form = [
        ("csrf", await console.csrf()),
        ("intent", intent),
        ("ref", f"fallback:{fb}"),
        ("ref", f"feedback:{bad}"),
        ("download", "1"),
    ]
    async with console.http.post(console.url + BASE + "/improve/export", data=form) as resp:
        assert resp.status == 200 and resp.headers["Content-Disposition"].startswith("attachment")
        text = await resp.text()
    data = RasaYAMLReader().reads(text)
    assert [(m.get("intent_response_key") or m.get("intent"), m.get("text")) for m in data.intent_examples] == [
        (intent, "交流ホールを夜に借りたい"),
        (intent, "交流ホールを夜に借りられますか"),
    ]
    status, shown, _ = await console.post(BASE + "/improve/export", [(k, v) for k, v in form if k != "download"])
    assert status == 200 and "交流ホールを夜に借りたい" in shown and "nlu:" in shown
    status, _, _ = await console.post(
        BASE + "/improve/export", [("csrf", await console.csrf()), ("intent", "faq/../../x"), ("ref", f"fallback:{fb}")]
    )
    assert status == 400
    status, _, _ = await console.post(BASE + "/improve/export", [("csrf", await console.csrf()), ("intent", intent)])
    assert status == 400


@pytest.mark.asyncio
async def test_delete_this_conversations_data(console: Console) -> None:
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    other = "wc-someone-else-0000"
    request_id = add_request(console.db)
    kept = add_request(console.db, sender=other)
    with console.db.session_scope() as session:
        console.db.add_row(session, console.db.AnswerFeedback, sender_id=SENDER, helpful=False, question="q")
        console.db.add_row(session, console.db.FallbackTurn, sender_id=SENDER, text="t")
    for sender in (SENDER, other):
        await console.agent.tracker_store.save(DialogueStateTracker.from_events(sender, [UserUttered("こんにちは")]))
    assert await console.login() == 303
    status, body, _ = await console.post(
        BASE + "/conversations/delete", {"csrf": await console.csrf(), "sender": SENDER}
    )
    assert status == 200 and "引き継ぎ依頼：1件" in body and "メモリ上の会話記録" in body
    with console.db.session_scope() as session:
        assert session.get(console.db.HandoffRequest, request_id) is None
        assert session.get(console.db.HandoffRequest, kept) is not None
        assert session.execute(select(console.db.AnswerFeedback)).first() is None
        assert session.execute(select(console.db.FallbackTurn)).first() is None
    assert list(await console.agent.tracker_store.keys()) == [other]


@pytest.mark.asyncio
async def test_numbers_page_counts_turns_and_draws_an_svg_chart(console: Console) -> None:
    import time

    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    now = time.time()
    events = [
        UserUttered(
            "協働とは",
            intent={"name": "faq", "confidence": 0.9},
            timestamp=now,
            input_channel="line",
            parse_data={
                "intent": {"name": "faq"},
                "response_selector": {"faq": {"response": {"intent_response_key": "faq/what_is_kyodo"}}},
            },
        ),
        UserUttered("ほげ", intent={"name": "nlu_fallback", "confidence": 1.0}, timestamp=now, input_channel="webchat"),
    ]
    await console.agent.tracker_store.save(DialogueStateTracker.from_events(SENDER, events))
    with console.db.session_scope() as session:
        for helpful in (True, True, True, False):
            console.db.add_row(session, console.db.AnswerFeedback, sender_id=SENDER, helpful=helpful, question="q")
        console.db.save_precheck(session, {"member_count": 3}, "not_eligible", ["member_count"])
    assert await console.login() == 303
    status, body, headers = await console.get(BASE + "/numbers")
    assert status == 200 and "<svg" in body and "<script" not in body.split("<main>")[1]
    assert "50.0%" in body  # one of two messages fell back
    assert "👍 3件　👎 1件" in body and "75%" in body
    assert "満たさない 1件" in body and "InMemoryTrackerStore" in body
    from bot.core.suggestions import canonical_questions  # topics in words, not keys (issue 15)

    assert canonical_questions()["faq/what_is_kyodo"] in body and "faq/what_is_kyodo" not in body
    assert "img-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.asyncio
async def test_static_files_are_served_locally(console: Console) -> None:
    for name, kind in (("console.css", "text/css"), ("console.js", "application/javascript")):
        status, body, headers = await console.get(f"{BASE}/static/{name}")
        assert status == 200 and headers["Content-Type"].startswith(kind)
        assert not re.search(r"(https?:)?//[a-z]", body.replace("http://www.w3.org", ""))
    status, _, _ = await console.get(f"{BASE}/static/../../credentials.yml")
    assert status == 404
