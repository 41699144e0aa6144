"""The generated endpoints file: always the persistent tracker store, the lock store only with LOCK_STORE_URL, and
never a URL or password in the file; Rasa reads it and builds the stores from the environment."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain

from bot.serving.tracker_store import ProjectSQLTrackerStore
from bot.tools.make_endpoints import LOCK_STORE, NLG, TRACKER_STORE, effective_endpoints, main, write_endpoints

ROOT = Path(__file__).resolve().parents[2]


def test_without_variables_conversations_persist_and_no_lock_store():
    assert effective_endpoints({}) == {
        "action_endpoint": {"url": "http://localhost:5055/webhook"},
        "tracker_store": {"type": TRACKER_STORE},
        "nlg": {"type": NLG},
    }
    assert effective_endpoints({"ACTIONS_PORT": "5355"})["action_endpoint"]["url"] == "http://localhost:5355/webhook"


def test_the_lock_store_comes_with_lock_store_url_and_no_secret_is_written(tmp_path):
    environ = {
        "LOCK_STORE_URL": "redis://:hunter2@127.0.0.1:6379/0",
        "TRACKER_STORE_URL": "postgresql://kyodo:s3cret@127.0.0.1:5432/kyodo",
    }
    out = tmp_path / "endpoints.yml"
    write_endpoints(out, environ, "http://localhost:5455/webhook")
    text = out.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["lock_store"] == {"type": LOCK_STORE}
    assert "hunter2" not in text and "s3cret" not in text and "127.0.0.1" not in text


def test_the_committed_endpoints_file_is_what_is_written_without_variables():
    assert yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8")) == effective_endpoints({})


def test_rasa_reads_the_file_and_builds_the_tracker_store_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert main([str(tmp_path / "endpoints.yml")]) == 0
    endpoints = read_endpoints_from_path(str(tmp_path / "endpoints.yml"))
    assert endpoints.lock_store is None and endpoints.action.url == "http://localhost:5055/webhook"
    store = TrackerStore.create(endpoints.tracker_store, Domain.empty())
    inner = getattr(store, "_tracker_store", store)
    assert isinstance(inner, ProjectSQLTrackerStore)
    assert (tmp_path / "tracker.db").exists()
    inner.engine.dispose()
