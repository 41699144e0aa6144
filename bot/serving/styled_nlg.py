"""The NLG that answers in the conversation's style and language (issue 16).

Selected in the endpoints (endpoints.yml, bot/tools/make_endpoints.py) as
``nlg: {type: bot.serving.styled_nlg.StyledNLG}``; Rasa 3.6 builds it with ``(endpoint_config=..., domain=...)``
(rasa/core/nlg/generator.py, _load_from_module_name_in_endpoint_config) and every response goes through
``generate``: domain responses, ``utter_faq/<key>`` of the ResponseSelector, and ``response=`` of custom actions.

- ``message_language`` "en" and an English variant (data/english/*.yml): the English text.
- Otherwise the style (bot.core.easy_japanese.effective_style: the ``answer_style`` slot, or simple Japanese in
  the conversation) "easy" and a variant in data/easy/*.yml: the やさしい日本語 text and button titles.
- In the easy style the 「やさしい日本語」 button becomes 「ふつうの日本語」.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.core.easy_japanese import EASY, STANDARD, STYLES, looks_simple
from bot.core.variants import EASY_DIR, ENGLISH_DIR, TOGGLE_OFF, apply_variant, load_variants, toggle_buttons

STYLE_SLOT = "answer_style"
LANGUAGE_SLOT = "message_language"
MAX_REMEMBERED = 4096  # conversations whose simple-Japanese scan is remembered (least recently used out)


def user_texts(events: Iterable[Any]) -> list[str]:
    return [e.text for e in events if isinstance(e, UserUttered) and e.text]


def _off_title(responses: dict[str, list[dict[str, Any]]]) -> str:
    for variations in responses.values():
        for variation in variations:
            for button in variation.get("buttons") or []:
                if button.get("payload") == TOGGLE_OFF:
                    return str(button.get("title", ""))
    return ""


class StyledNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG, with each response swapped for its easy or English variant when one applies."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.easy = load_variants(EASY_DIR)
        self.english = load_variants(ENGLISH_DIR)
        # sender -> (events scanned, the first event's type and time, whether a message looked simple)
        self._scanned: OrderedDict[str, tuple[int, tuple[Any, Any], bool]] = OrderedDict()

    @property
    def off_title(self) -> str:
        """Read from the responses each time: Rasa's Agent replaces ``responses`` when it loads a model."""
        return _off_title(self.responses)

    def style_for(self, tracker: DialogueStateTracker) -> str:
        """``bot.core.easy_japanese.effective_style`` of the conversation, scanning only the events added since the
        last answer (the whole history once per conversation and process, not once per response)."""
        chosen = tracker.get_slot(STYLE_SLOT)
        if chosen in STYLES:
            return str(chosen)
        events = tracker.events
        first = (events[0].type_name, events[0].timestamp) if events else (None, None)
        done, seen_first, simple = self._scanned.get(tracker.sender_id, (0, first, False))
        if seen_first != first or done > len(events):  # another history under this id: scan it from the start
            done, simple = 0, False
        if not simple:
            new = user_texts(itertools.islice(events, done, None))
            simple = any(looks_simple(t) for t in new if not t.startswith("/"))
        self._scanned[tracker.sender_id] = (len(events), first, simple)
        self._scanned.move_to_end(tracker.sender_id)
        while len(self._scanned) > MAX_REMEMBERED:
            self._scanned.popitem(last=False)
        return EASY if simple else STANDARD

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if response is None:
            return None
        if tracker.get_slot(LANGUAGE_SLOT) == "en" and utter_action in self.english:
            return self._filled(apply_variant(response, self.english[utter_action]), tracker, kwargs)
        easy = self.style_for(tracker) == EASY
        if easy and utter_action in self.easy:
            response = self._filled(apply_variant(response, self.easy[utter_action]), tracker, kwargs)
        return toggle_buttons(response, easy, self.off_title)

    def _filled(self, response: dict[str, Any], tracker: DialogueStateTracker, kwargs: dict[str, Any]) -> Any:
        return self._fill_response(response, tracker.current_slot_values(), **kwargs)
