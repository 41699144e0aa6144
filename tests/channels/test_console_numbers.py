"""The 数字 page in the handbook's words (requirements, topics, channels) and its CSV export."""

from __future__ import annotations

import csv
import io

from bot.channels.console.channel import BASE
from bot.core import number_labels as labels
from bot.core.texts import text
from tests.channels.console_support import Console, add_request


def test_keys_become_the_handbooks_words() -> None:
    assert labels.requirement_label("member_count") == text("precheck.requirement_member_count")
    assert labels.requirement_label("mutual_aid_or_hobby") == text("precheck.requirement_exclusion")
    assert labels.requirement_label("some_new_key") == "some_new_key"  # never dropped
    assert labels.channel_label("webchat") == text("console.channel_webchat")
    assert labels.channel_label("") == labels.channel_label("（不明）") == text("console.channel_unknown")
    sections = {"faq/support_center_contact": "Ⅲ-02 金沢市市民活動サポートセンター"}
    questions = {"faq/support_center_contact": "サポセンの連絡先は？"}
    label = labels.topic_label("faq/support_center_contact", lambda k: sections.get(k, ""), questions)
    assert label == "サポセンの連絡先は？（Ⅲ-02 金沢市市民活動サポートセンター）"
    assert labels.topic_label("faq/unknown", lambda k: "", {}) == "faq/unknown"


async def test_the_page_and_the_csv_show_requirements_in_words(console: Console) -> None:
    with console.db.session_scope() as session:
        console.db.save_precheck(session, {"member_count": 3}, "not_eligible", ["member_count"], "webchat")
    add_request(console.db)
    await console.login()
    status, page, _ = await console.get(BASE + "/numbers")
    wording = text("precheck.requirement_member_count")
    assert status == 200 and wording in page and "<code>member_count</code>" not in page
    async with console.http.get(console.url + BASE + "/numbers.csv") as resp:
        assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in resp.headers["Content-Disposition"]
        body = (await resp.read()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["区分", "項目", "件数"]
    assert [text("console.csv_requirements"), wording, "1"] in rows
    assert [text("console.csv_handoffs"), text("console.status_open"), "1"] in rows
    with console.db.session_scope() as session:
        assert [(e.action, e.target) for e in console.db.recent_audit(session)][0] == ("exported", "numbers.csv")


async def test_the_csv_needs_a_login(console: Console) -> None:
    async with console.http.get(console.url + BASE + "/numbers.csv", allow_redirects=False) as resp:
        assert resp.status == 401
