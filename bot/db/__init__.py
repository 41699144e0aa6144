"""The project database, one layer: tables (models), queries, the seed from data/, the engine and sessions, and the
calendar snapshot. ``from bot import db`` gives all of it; no engine is made at import time.
"""

from bot.db.engine import DEFAULT_DB_PATH, database_url, get_engine, reset_engine, session_scope
from bot.db.models import (
    CONVERSATION_MODELS,
    FACILITY_FIELDS,
    AnswerFeedback,
    Base,
    Facility,
    FallbackTurn,
    HandoffRequest,
    PrecheckRecord,
    SpecialDay,
    conversation_keys,
    utcnow,
)
from bot.db.queries import (
    add_handoff_followup,
    add_row,
    delete_sender_data,
    feedback_counts,
    list_facilities,
    list_handoffs,
    list_prechecks,
    recent_rows,
    remove_special_days,
    save_precheck,
    set_handoff_status,
    set_special_day,
    special_days_between,
)
from bot.db.seed import seed_facilities, seed_reference_data
from bot.db.snapshot import Snapshot, load_snapshot, to_info

__all__ = [
    "DEFAULT_DB_PATH",
    "database_url",
    "get_engine",
    "reset_engine",
    "session_scope",
    "CONVERSATION_MODELS",
    "FACILITY_FIELDS",
    "AnswerFeedback",
    "Base",
    "Facility",
    "FallbackTurn",
    "HandoffRequest",
    "PrecheckRecord",
    "SpecialDay",
    "conversation_keys",
    "utcnow",
    "add_handoff_followup",
    "add_row",
    "delete_sender_data",
    "feedback_counts",
    "list_facilities",
    "list_handoffs",
    "list_prechecks",
    "recent_rows",
    "remove_special_days",
    "save_precheck",
    "set_handoff_status",
    "set_special_day",
    "special_days_between",
    "seed_facilities",
    "seed_reference_data",
    "Snapshot",
    "load_snapshot",
    "to_info",
]
