"""Console accounts and the audit log (tables console_account, audit_log), each function taking an open session."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import AuditEntry, ConsoleAccount, utcnow

ROLES = ("coordinator", "admin")


def find_account(session: Session, username: str) -> ConsoleAccount | None:
    return session.execute(select(ConsoleAccount).where(ConsoleAccount.username == username)).scalar_one_or_none()


def list_accounts(session: Session) -> list[ConsoleAccount]:
    return list(session.execute(select(ConsoleAccount).order_by(ConsoleAccount.username)).scalars())


def add_account(session: Session, username: str, display_name: str, role: str, password_hash: str) -> ConsoleAccount:
    """A new account; ValueError for an unknown role or a user name already taken."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if not username or len(username) > 100 or find_account(session, username) is not None:
        raise ValueError("the user name is empty, too long or taken")
    row = ConsoleAccount(
        username=username, display_name=(display_name or username)[:100], role=role, password_hash=password_hash
    )
    session.add(row)
    session.flush()
    return row


def delete_account(session: Session, username: str) -> bool:
    return bool(session.execute(delete(ConsoleAccount).where(ConsoleAccount.username == username)).rowcount)


def audit(session: Session, actor: str, action: str, target: str = "") -> None:
    session.add(AuditEntry(at=utcnow(), actor=actor[:100], action=action[:40], target=str(target)[:200]))


def recent_audit(session: Session, limit: int = 500) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(1, min(limit, 5000)))
    return list(session.execute(stmt).scalars())
