"""The console's named accounts in the project database (``Accounts`` of bot/channels/console/auth.py)."""

from __future__ import annotations

from bot import db
from bot.channels.console.auth import Identity
from bot.core.passwords import verify_password


class DatabaseAccounts:
    def authenticate(self, user: str, password: str) -> Identity | None:
        with db.session_scope() as session:
            row = db.find_account(session, user) if user else None
            stored = row.password_hash if row is not None else None
            identity = Identity(row.username, row.display_name, row.role) if row is not None else None
        return identity if verify_password(password, stored) and identity is not None else None

    def find(self, user: str) -> Identity | None:
        with db.session_scope() as session:
            row = db.find_account(session, user)
            return Identity(row.username, row.display_name, row.role) if row is not None else None
