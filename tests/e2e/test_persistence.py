"""Conversations survive a restart, and several Rasa replicas serve the same conversations, against real servers.

- One replica on the embedded defaults (SQLite tracker store under the test's folder): restarted in the middle of the
  pre-check, it asks the next question; a citizen waiting for a coordinator is still paused.
- Two replicas on PostgreSQL and Redis (the race-safe lock store): 20 concurrent senders, then rounds of 5 messages
  from one sender in parallel over both replicas; every tracker has every message once, each followed by its own
  answer. Then one replica is stopped mid-pre-check and the other carries on the same form.
- The action server stopped: every message still gets a polite answer with the support centre's phone number.
"""

from __future__ import annotations

import random
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.shared.core.domain import Domain

from bot.bench import procs
from bot.core.facilities import contacts
from bot.serving.tracker_store import ProjectSQLTrackerStore
from tests.e2e.cluster import MODEL, ROOT, Cluster, say

pytestmark = [pytest.mark.servers, pytest.mark.skipif(not MODEL.exists(), reason="no trained model (make train)")]

FAQ = "サポートセンターの電話番号は？"
QUESTION = "（{}/8）"


@pytest.fixture
def cluster(tmp_path):
    made = Cluster(tmp_path, {})
    yield made
    made.stop()


def start(cluster: Cluster, replicas: int, **env: str) -> list[int]:
    limits_off = {"CHAT_RATE_PER_SENDER": "0", "CHAT_RATE_PER_ADDRESS": "0"}  # the tests' load is a few senders
    cluster.env = procs.bench_env({"DATABASE_URL": f"sqlite:///{cluster.workdir / 'kyodo.db'}", **limits_off, **env})
    for key in ("LOCK_STORE_URL", "TRACKER_STORE_URL", "LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"):
        if key not in env:
            cluster.env.pop(key, None)
    cluster.start_actions()
    return [cluster.start_replica(5405 + 10 * i) for i in range(replicas)]


def asks(texts: list[str], number: int) -> bool:
    return any(QUESTION.format(number) in t for t in texts)


def test_a_restart_keeps_the_precheck_and_the_handoff_pause(cluster):
    tracker_db = cluster.workdir / "tracker.db"
    [port] = start(cluster, 1, TRACKER_STORE_URL=f"sqlite:///{tracker_db}")
    citizen, waiting = f"restart-{uuid.uuid4().hex[:8]}", f"waiting-{uuid.uuid4().hex[:8]}"
    assert asks(say(port, citizen, "登録できるか確認したい"), 1)
    assert asks(say(port, citizen, "はい"), 2)
    assert asks(say(port, citizen, "はい"), 3)
    say(port, waiting, "人と話したい")
    say(port, waiting, "/leave_message")
    say(port, waiting, "交流ホールの予約について相談したいです")
    assert any("担当者からの連絡をお待ちください" in t for t in say(port, waiting, "連絡先は伝えない"))

    cluster.stop_replica(port)
    port = cluster.start_replica()
    assert tracker_db.exists()
    assert asks(say(port, citizen, "はい"), 4)  # question 3 answered after the restart: on to question 4
    assert any("担当者からの連絡をお待ちください" in t for t in say(port, waiting, "まだですか"))


@pytest.fixture
def shared_stores(postgres_url, redis_url):
    import redis

    yield {"TRACKER_STORE_URL": postgres_url, "LOCK_STORE_URL": redis_url}
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter("kyodo:lock:*"):
        client.delete(key)


def check_tracker(store: ProjectSQLTrackerStore, sender: str, sent: int) -> None:
    """Every message once, in one piece: after each user event its own answer, before the next user event."""
    import asyncio

    tracker = asyncio.run(store.retrieve_full_tracker(sender))
    events = [e.as_dict() for e in tracker.events]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    assert len(users) == sent, f"{sender}: {len(users)} user events for {sent} messages"
    stamps = [(e["event"], e.get("timestamp"), e.get("text"), e.get("name")) for e in events]
    assert len(stamps) == len(set(stamps)), f"{sender}: a duplicated event"
    for start, end in zip(users, users[1:] + [len(events)], strict=True):
        between = [e["event"] for e in events[start + 1 : end]]
        assert "bot" in between and between[-1] in ("action",), f"{sender}: turn at event {start} is cut: {between}"


def test_two_replicas_share_the_conversations_without_losing_or_doubling_an_event(cluster, shared_stores):
    ports = start(cluster, 2, **shared_stores)
    store = ProjectSQLTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")), url=shared_stores["TRACKER_STORE_URL"])
    senders = [f"load-{i}-{uuid.uuid4().hex[:6]}" for i in range(20)]
    rng = random.Random(7)
    with ThreadPoolExecutor(max_workers=20) as pool:  # 20 concurrent senders, 3 messages each, either replica
        jobs = [pool.submit(lambda s: [say(rng.choice(ports), s, FAQ) for _ in range(3)], s) for s in senders]
        for job in jobs:
            assert all(len(texts) >= 1 for texts in job.result())
    rounds, one = 6, f"parallel-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(max_workers=5) as pool:  # one sender, 5 messages at once, over both replicas
        for _ in range(rounds):
            replies = list(pool.map(lambda i: say(ports[i % 2], one, FAQ), range(5)))
            assert all(any("076-225-7763" in t for t in texts) for texts in replies)
    for sender in senders:
        check_tracker(store, sender, 3)
    check_tracker(store, one, 5 * rounds)

    form = f"failover-{uuid.uuid4().hex[:8]}"
    first, second = ports
    assert asks(say(first, form, "登録できるか確認したい"), 1)
    assert asks(say(first, form, "はい"), 2)
    cluster.stop_replica(first)  # the replica that served the form so far is gone
    assert asks(say(second, form, "はい"), 3)
    store.engine.dispose()


def test_with_the_action_server_down_every_message_gets_an_answer(cluster):
    """The action server stops: custom actions fail, and each message still gets a polite, non-empty answer."""
    [port] = start(cluster, 1, TRACKER_STORE_URL=f"sqlite:///{cluster.workdir / 'tracker.db'}")
    procs.stop(cluster.actions)
    cluster.actions = None
    tel = contacts()["support_center"]["tel"]
    for message in ("明日は開いてますか", "登録できるか確認したい", "人と話したい"):
        texts = say(port, f"down-{uuid.uuid4().hex[:8]}", message)
        assert texts and all(t.strip() for t in texts), f"{message}: {texts}"
        assert any(tel in t for t in texts), f"{message}: no phone number in {texts}"
    assert any(tel in t for t in say(port, "down-faq", FAQ))  # a FAQ answer needs no action server


def test_a_precheck_answer_sent_while_the_action_server_is_down_is_asked_again_not_lost(cluster):
    """The answer that reached no action server gets the apology (try again, or call); the form still waits on the
    same question, so the answer sent again once the action server is back moves the pre-check on by one."""
    [port] = start(cluster, 1, TRACKER_STORE_URL=f"sqlite:///{cluster.workdir / 'tracker.db'}")
    citizen, tel = f"outage-{uuid.uuid4().hex[:8]}", contacts()["support_center"]["tel"]
    assert asks(say(port, citizen, "登録できるか確認したい"), 1)
    assert asks(say(port, citizen, "はい"), 2)
    port_before = cluster.actions_port
    procs.stop(cluster.actions)
    during = say(port, citizen, "はい")
    assert during and any(tel in t for t in during) and not asks(during, 3), during
    cluster.start_actions()
    assert cluster.actions_port == port_before  # Rasa still calls the action server where it was
    assert asks(say(port, citizen, "はい"), 3)  # the answer to question 2, sent again: on to question 3
    assert asks(say(port, citizen, "はい"), 4)
