"""The retention rule: delete what is kept about citizens once it is older than ``RETENTION_DAYS`` (default 180).

Usage (from the project root, with the project's venv; e.g. daily from cron)::

    python -m bot.tools.retention              # RETENTION_DAYS, else 180 days
    python -m bot.tools.retention --days 90    # this once
    python -m bot.tools.retention --dry-run    # count only, delete nothing

Two stores, one line each on stdout with the counts:

- the project database (``DATABASE_URL``): handoff requests not changed since the cutoff, answer feedback and
  fallback turns from before it, and the console's revoked sessions past their expiry (bot/db/queries.py
  ``delete_older_than``). Pre-check records are anonymous and are kept;
- the conversation store (``TRACKER_STORE_URL``, Rasa's SQL tracker store): every event from before the cutoff.

Exit status: 0 done, 1 a store could not be reached or changed (said on stderr; the other store is still done),
2 a bad number of days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

from bot import db

DEFAULT_DAYS = 180
DAYS_ENV = "RETENTION_DAYS"
TRACKER_URL_ENV = "TRACKER_STORE_URL"  # read by bot.serving.tracker_store.tracker_store_url()


class RetentionError(ValueError):
    """A retention period that cannot be used."""


def retention_days(value: str | int | None) -> int:
    """The number of days to keep, from ``--days`` or ``RETENTION_DAYS``; None or blank: the default."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_DAYS
    try:
        days = int(value)
    except ValueError:
        raise RetentionError(
            f"the retention period (--days or {DAYS_ENV}) is a whole number of days, not {value!r}"
        ) from None
    if days <= 0:
        raise RetentionError(
            f"the retention period (--days or {DAYS_ENV}) must be at least 1 day, not {days}:"
            " 0 or less would delete everything, down to today's conversations"
        )
    return days


def cutoff_for(days: int, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``days`` before ``now`` (default: the current time; a naive ``now`` is taken as UTC), aware."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return (now if now.tzinfo is not None else now.replace(tzinfo=dt.timezone.utc)) - dt.timedelta(days=days)


def purge_project_database(
    cutoff: dt.datetime, dry_run: bool = False, now: dt.datetime | None = None
) -> dict[str, int]:
    """Delete (or, dry run, count) the project database's rows past the cutoff; the counts by table."""
    with db.session_scope() as session:
        return (db.count_older_than if dry_run else db.delete_older_than)(session, cutoff, now)


def purge_conversation_store(cutoff: dt.datetime, dry_run: bool = False, url: str | None = None) -> int:
    """Delete (or, dry run, count) the tracker store's events from before the cutoff; how many."""
    import sqlalchemy as sa

    from bot.serving.tracker_store import ProjectSQLTrackerStore, tracker_store_url

    url = url or tracker_store_url()
    # Rasa's SQLTrackerStore retries a refused connection forever (the database "might take a while to come up"):
    # try once here first, so that a database that is down is reported instead of waited for.
    probe_args = {"connect_timeout": 10} if sa.engine.make_url(url).get_backend_name() == "postgresql" else {}
    probe = sa.create_engine(url, future=True, connect_args=probe_args)
    try:
        with probe.connect():
            pass
    finally:
        probe.dispose()
    store = ProjectSQLTrackerStore(url=url)
    try:
        timestamp = cutoff.timestamp()
        if not dry_run:
            return store.delete_events_before(timestamp)
        with store.session_scope() as session:
            return int(session.query(store.SQLEvent).filter(store.SQLEvent.timestamp < timestamp).count())
    finally:
        store.engine.dispose()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.tools.retention",
        description="Delete what the project database and the conversation store keep about citizens once it is "
        f"older than the retention period ({DAYS_ENV}, default {DEFAULT_DAYS} days).",
    )
    parser.add_argument("--days", help=f"keep this many days (at least 1) instead of {DAYS_ENV}")
    parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    return parser


def _safe_url(url: str) -> str:
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unreadable URL is shown as "?" (it may hold a password)
        return "?"


def _failure(store: str, exc: Exception) -> None:
    lines = str(exc).strip().splitlines() or [""]
    print(f"{store}: failed: {type(exc).__name__}: {lines[0]}", file=sys.stderr)


def main(argv: Sequence[str] | None = None, now: dt.datetime | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        days = retention_days(args.days if args.days is not None else os.environ.get(DAYS_ENV))
    except RetentionError as exc:
        print(f"retention: refused: {exc}", file=sys.stderr)
        return 2
    cutoff = cutoff_for(days, now)
    verb = "would delete" if args.dry_run else "deleted"
    when = f"older than {cutoff:%Y-%m-%d %H:%M} UTC ({days} days)"
    status = 0
    try:
        counts = purge_project_database(cutoff, args.dry_run, now)
    except Exception as exc:  # noqa: BLE001 - any failure of the store is reported, then the other store is done
        _failure(f"project database ({_safe_url(db.database_url())})", exc)
        status = 1
    else:
        print(f"project database: {verb} " + ", ".join(f"{k}={v}" for k, v in counts.items()) + f", {when}")
    try:
        events = purge_conversation_store(cutoff, args.dry_run)
    except Exception as exc:  # noqa: BLE001 - as above
        url = os.environ.get(TRACKER_URL_ENV, "").strip()
        _failure("conversation store" + (f" ({_safe_url(url)})" if url else " (var/tracker.db)"), exc)
        status = 1
    else:
        print(f"conversation store: {verb} events={events}, {when}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
