"""Each Rasa patch in bot/serving replaces one Rasa method as Rasa 3.6.21 wrote it. On another Rasa version that
method may have changed, so a patch installs only on a version it was checked on, and otherwise leaves Rasa as it
is and says so in the log: the bot then runs on Rasa's own (slower) code, never on a stale copy of it."""

from __future__ import annotations

import logging
from typing import Callable, Collection, Optional

logger = logging.getLogger(__name__)

CHECKED_RASA_VERSIONS = ("3.6.21",)


def rasa_version() -> str:
    import rasa

    return str(getattr(rasa, "__version__", ""))


def install_if_checked(
    name: str,
    patch: Callable[[], None],
    checked: Collection[str] = CHECKED_RASA_VERSIONS,
    version: Optional[str] = None,
) -> bool:
    """Run ``patch`` when the installed Rasa is one of ``checked``; True when it ran."""
    found = rasa_version() if version is None else version
    if found not in checked:
        logger.warning(
            "Not installing %s: checked on Rasa %s, but Rasa %s is installed; using Rasa's own code.",
            name,
            ", ".join(checked),
            found or "(unknown)",
        )
        return False
    patch()
    return True
