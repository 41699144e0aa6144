"""The handoff_reply table on SQLite and PostgreSQL: store, deliver (LINE outcome / web page fetch), delete."""

from __future__ import annotations

from bot.core import reply_rules


def _request(db, sender: str = "wc-reply-test-0001", channel: str = "webchat") -> int:
    with db.session_scope() as session:
        return db.add_row(
            session, db.HandoffRequest, sender_id=sender, channel=channel, message="相談", transcript=[]
        ).id


def test_a_reply_claims_the_request_and_is_fetched_once_by_the_web_page(any_db) -> None:
    db = any_db
    request_id = _request(db)
    with db.session_scope() as session:
        reply = db.add_reply(session, session.get(db.HandoffRequest, request_id), "山田", "回答です")
        reply_id, key = reply.id, reply.retry_key
    assert len(key) == 36
    with db.session_scope() as session:
        row = session.get(db.HandoffRequest, request_id)
        assert (row.status, row.claimed_by) == ("claimed", "山田")
        assert [r.id for r in db.web_replies_after(session, "wc-reply-test-0001", 0)] == [reply_id]
    with db.session_scope() as session:
        (stored,) = db.replies_of(session, request_id)
        assert (stored.delivery, stored.attempts) == ("delivered", 1) and stored.delivered_at is not None
        assert db.web_replies_after(session, "wc-reply-test-0001", reply_id) == []


def test_a_failed_delivery_keeps_its_error_until_a_retry_succeeds(any_db) -> None:
    db = any_db
    request_id = _request(db, "U" + "ab" * 16, "line")
    with db.session_scope() as session:
        reply_id = db.add_reply(session, session.get(db.HandoffRequest, request_id), "山田", "回答").id
    with db.session_scope() as session:
        db.record_delivery(session, reply_id, False, "status 500")
    with db.session_scope() as session:
        row = session.get(db.HandoffReply, reply_id)
        assert (row.delivery, row.error, row.attempts) == ("failed", "status 500", 1)
        assert db.web_replies_after(session, row.sender_id, 0) == []  # not a web chat reply
        db.record_delivery(session, reply_id, True)
    with db.session_scope() as session:
        row = session.get(db.HandoffReply, reply_id)
        assert (row.delivery, row.error, row.attempts) == ("delivered", "", 2)


def test_deleting_a_conversation_deletes_its_replies(any_db) -> None:
    db = any_db
    request_id = _request(db)
    with db.session_scope() as session:
        db.add_reply(session, session.get(db.HandoffRequest, request_id), "山田", "回答")
    with db.session_scope() as session:
        counts = db.delete_sender_data(session, "wc-reply-test-0001")
    assert counts["handoff_reply"] == 1 and counts["handoff_request"] == 1
    with db.session_scope() as session:
        assert db.replies_of(session, request_id) == []


def test_the_thread_is_in_time_order_and_replies_are_labelled() -> None:
    items = reply_rules.thread(
        [
            {"who": "user", "text": "a", "at": "2026-12-01T01:00:00"},
            {"who": "user", "text": "c", "at": "2026-12-01T03:00:00"},
        ],
        [{"author": "山田", "text": "b", "at": "2026-12-01T02:00:00"}],
    )
    assert [(i["who"], i["text"]) for i in items] == [("user", "a"), ("coordinator", "b"), ("user", "c")]
    assert reply_rules.labelled("山田", "{x}") == "【担当者からの回答】山田\n{x}"
    assert reply_rules.line_push_target("Cgroup:Uuser") == "Cgroup"
    assert reply_rules.clean_reply("  \r\n ") is None and reply_rules.clean_reply(" a\r\nb ") == "a\nb"
    assert reply_rules.clean_reply("あ" * (reply_rules.MAX_REPLY_CHARS + 1)) is None


def test_the_retention_takes_a_requests_replies_and_notice_with_it(any_db) -> None:
    import datetime as dt

    db = any_db
    old, recent = _request(db, "wc-reply-old-0001"), _request(db, "wc-reply-new-0001")
    with db.session_scope() as session:
        for request_id in (old, recent):
            db.add_reply(session, session.get(db.HandoffRequest, request_id), "山田", "回答")
            db.claim_notice(session, request_id)
        session.get(db.HandoffRequest, old).updated_at = dt.datetime(2020, 1, 1)
    with db.session_scope() as session:
        assert db.delete_older_than(session, dt.datetime(2021, 1, 1))["handoff_request"] == 1
    with db.session_scope() as session:
        assert db.replies_of(session, old) == [] and len(db.replies_of(session, recent)) == 1
        assert session.get(db.HandoffNotice, old) is None and session.get(db.HandoffNotice, recent) is not None
