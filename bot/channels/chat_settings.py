"""What the REST and web chat channels are configured with: the longest message, the rate limits and the trusted
proxies (read once from CHAT_RATE_PER_SENDER, CHAT_RATE_PER_ADDRESS and TRUSTED_PROXIES when not given)."""

from __future__ import annotations

import os
from typing import Any

from bot.channels import proxy
from bot.channels.ratelimit import ChatLimits
from bot.channels.ratelimit_shared import SharedChatLimits, chat_limits

DEFAULT_MAX_MESSAGE_CHARS = 1000


class ChatChannelSettings:
    """Mixed into a chat InputChannel: its settings, and building it from its credentials entry."""

    def __init__(
        self,
        max_message_chars: int = DEFAULT_MAX_MESSAGE_CHARS,
        limits: ChatLimits | SharedChatLimits | None = None,
        trusted_proxies: proxy.Trusted | None = None,
    ) -> None:
        self.max_message_chars = max_message_chars
        self.limits = limits if limits is not None else chat_limits(os.environ)
        self.trusted_proxies = trusted_proxies if trusted_proxies is not None else proxy.trusted_from_env(os.environ)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> Any:
        creds = credentials or {}
        return cls(int(creds.get("max_message_chars") or DEFAULT_MAX_MESSAGE_CHARS))
