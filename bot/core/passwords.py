"""Console account passwords, hashed with scrypt (memory-hard, in the standard library).

A stored hash is ``scrypt$<n>$<r>$<p>$<salt hex>$<key hex>``: the parameters travel with it, so they can be raised
later without breaking the accounts made before.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P, KEY_BYTES = 2**14, 8, 1, 32
MIN_PASSWORD_CHARS = 12
_DUMMY = f"scrypt${N}${R}${P}${'00' * 16}${'00' * KEY_BYTES}"


def _key(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=64 * 1024 * 1024)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${salt.hex()}${_key(password, salt, N, R, P, KEY_BYTES).hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored``; with no stored hash the work is done anyway (same timing)."""
    try:
        kind, n, r, p, salt, key = (stored or _DUMMY).split("$")
        expected = bytes.fromhex(key)
        ok = kind == "scrypt" and stored is not None
        return (
            hmac.compare_digest(_key(password, bytes.fromhex(salt), int(n), int(r), int(p), len(expected)), expected)
            and ok
        )
    except ValueError:
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused (a key of data/texts/console.yml), or None."""
    return "console.password_too_short" if len(password or "") < MIN_PASSWORD_CHARS else None
