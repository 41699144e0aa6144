"""Create a console account in the project database (the first admin, or any later one).

Usage (from the project root, with the project's venv)::

    python -m bot.tools.create_admin yamada --name 山田                 # asks for the password twice
    printf '%s\\n' "$PW" | python -m bot.tools.create_admin yamada --name 山田 --password-stdin
    python -m bot.tools.create_admin sato --name 佐藤 --role coordinator

The password is stored as a scrypt hash (bot/core/passwords.py). The database is the one in ``DATABASE_URL``
(default: the SQLite file under var/), migrated on first use. Later accounts can be added on the console's
アカウント page by an admin.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from bot import db
from bot.core.passwords import MIN_PASSWORD_CHARS, hash_password, password_problem


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.tools.create_admin", description="コンソールのアカウントを作成します。"
    )
    parser.add_argument("user", help="ユーザー名（ログインに使います）")
    parser.add_argument("--name", default="", help="表示名（回答に「担当者からの回答」とともに表示されます）")
    parser.add_argument("--role", choices=db.ROLES, default="admin", help="役割（既定：admin）")
    parser.add_argument("--password-stdin", action="store_true", help="パスワードを標準入力の1行目から読む")
    return parser


def read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("パスワード：")
    return first if getpass.getpass("もう一度：") == first else None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    password = read_password(args.password_stdin)
    if password is None:
        print("パスワードが一致しません。", file=sys.stderr)
        return 2
    if password_problem(password):
        print(f"パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください。", file=sys.stderr)
        return 2
    try:
        with db.session_scope() as session:
            db.add_account(session, args.user.strip(), args.name.strip(), args.role, hash_password(password))
            db.audit(session, "create_admin", "account_added", f"{args.user.strip()} ({args.role})")
    except ValueError:
        print(
            f"アカウントを作成できませんでした（ユーザー名が空か、すでに使われています）：{args.user}", file=sys.stderr
        )
        return 1
    print(f"アカウント {args.user.strip()}（{args.role}）を作成しました。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
