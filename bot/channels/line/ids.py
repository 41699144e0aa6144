"""What a LINE id looks like: ``U`` (user), ``C`` (group) or ``R`` (room) and 32 lower-case hexadecimal digits.

An event whose source holds an id of another shape did not come from LINE as documented (or was forged past a
leaked secret): the channel ignores it and logs it, rather than storing a conversation under a cut or odd id.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

ID_PATTERNS = {
    "userId": re.compile(r"U[0-9a-f]{32}"),
    "groupId": re.compile(r"C[0-9a-f]{32}"),
    "roomId": re.compile(r"R[0-9a-f]{32}"),
}
REQUIRED = {"user": "userId", "group": "groupId", "room": "roomId"}


def bad_source_id(source: Any) -> str | None:
    """None when every id in ``source`` has LINE's shape and its type's own id is there; else what is wrong."""
    if not isinstance(source, dict):
        return "no source object"
    required = REQUIRED.get(source.get("type"))  # type: ignore[arg-type]
    if required is None:
        return f"unknown source type {str(source.get('type'))[:20]!r}"
    if required not in source:
        return f"no {required}"
    for field, pattern in ID_PATTERNS.items():
        value = source.get(field)
        if field in source and not (isinstance(value, str) and pattern.fullmatch(value)):
            return f"{field} {str(value)[:40]!r} is not a LINE id"
    return None


def user_ref(user_id: str) -> str:
    """How logs name a LINE user: the first 12 hexadecimal digits of the SHA-256 of the id, never the id itself."""
    return "u:" + hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:12]
