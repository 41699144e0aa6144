"""Two questions in one message (issue 14, kind 6): 「場所と電話番号を教えて」 → two self-contained parts.

Pure functions, no Rasa. ``split_questions`` cuts a message into at most two parts, each a question on its own:

- two sentences (「協働って何？あと原則も知りたい」), also when joined by あと/それと/それから/ついでに; a last
  sentence that only asks about both (「どちらもできますか」) belongs to the first;
- two clauses, 「…で、…」「…て、…」「…か、…」「…のと、…」 (「サポートセンターってどんなところで、どこにあるの？」);
- two nouns joined by と/や/、/及び (「交流館の場所と電話番号を教えて」): the shared tail (「を教えて」) goes into both
  and the shared head (「交流館の」) into the second when that is a short noun of its own (「電話番号」), not one with
  its own head (「空室の確認方法」) or a long one (「コーディネーター相談」).

Names that hold と (市民と行政, 役割と責任 …) are never cut. A second part that points back (「その効果も」) gets the
first part's topic. ``routed_labels`` is the rule the channels follow: a message is answered as two questions only
when both parts go to a handbook answer and to two different ones; otherwise it is one message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Names with と in them (the handbook's principles, phrases): cut neither inside nor around them.
_NAMES_WITH_TO = ("市民と行政", "役割と責任", "協働と参画", "創意と工夫", "学生と市民", "社会変革とNPO")
_GLUE = "\ue000"  # stands for the と of a name while the message is cut (private-use character, never typed)
_JOINERS = r"(?:あと|それと|それから|ついでに|それに|あとは)[、,]?"
_SENTENCES = re.compile(rf"(?<=[？?。！!])\s*(?:{_JOINERS})?\s*|[、,]\s*{_JOINERS}\s*|\s+{_JOINERS}\s*")
_BOTH = re.compile(r"^(?:どちらも|どっちも|両方(?:とも)?|それぞれ)")
_CLAUSES = re.compile(r"^(?P<a>.{2,}?(?:[てで]|か|のと))[、,]\s*(?P<b>.{3,})$")
# と joins two nouns, not a verb's 「すると」 nor 「とは」「という」; 、 lists nouns, not after a time (「夏休み中、」)
_AND = r"(?<![るうただいくすつむぶぐば])と(?!は|か|いう|いった|して|しての|も|ともに)[、,]?"
_LIST_COMMA = r"(?<![中時頃日間前後内外末明])[、,]"
_PAIR = re.compile(
    rf"^(?P<head>[^と、。？?]*の)?(?P<a>[^と、。？?]{{1,20}}?)(?P<sep>{_AND}|や|{_LIST_COMMA}|及び|および)"
    r"(?P<b>[^と、。？?]{1,24}?)"
    r"(?P<tail>(?:の違い|を|は|について|も|って|が|おしえて|教えて|知りたい|[？?]).*|)$"
)
_TAIL_NOISE = re.compile(r"^(?:の違い|の差)|(?<=って)それぞれ|(?<=は)それぞれ|それぞれ(?=どう)")
_POINTS_BACK = re.compile(r"^(?:その|それの|そこの|そちらの|そっちの)")
_TOPIC = re.compile(r"^(?P<topic>[^、。？?はをが]{2,20}?)(?P<marker>とは|って|は)")
_ASKS_WHAT = r"(?:どこ|いつ|誰|だれ|どう|なぜ|何|なに|どんな|どれ|いくら)"
_NO_SUBJECT = re.compile(rf"^{_ASKS_WHAT}")  # 「どこにあるの？」: the subject is the first part's topic
_OWN_SUBJECT = re.compile(r"[^のを]{2,}[がは]")  # 「なぜ今協働が必要なの」: it names its own subject
_ATTRIBUTE = re.compile(rf"^[^はのをがも、]{{1,6}}は{_ASKS_WHAT}")  # 「住所はどこですか」: an attribute of the topic
_REQUEST = re.compile(r"(?:を|について)(?:教えて|おしえて|知りたい)\S*$")  # the request ending both share
_HEAD_NOUN_MAX = 7  # a longer second noun is a subject of its own (「コーディネーター相談」), not an attribute
_QUESTION_CUE = re.compile(r"[？?か]|教え|おしえ|知りた|ください|ほしい|たい|何|なに|どこ|いつ|どう|誰|どれ|いくら")
ASK = "?"  # ends a question rebuilt from the user's words (the NLU folds ？ to ? by NFKC: the same to it)
ANSWER_PREFIX = "faq/"
ANSWERS = frozenset({"ask_opening_hours"})  # intents outside the FAQ that answer a question


def _glued(text: str) -> str:
    for name in _NAMES_WITH_TO:
        text = text.replace(name, name.replace("と", _GLUE))
    return text


def _unglued(text: str) -> str:
    return text.replace(_GLUE, "と")


def _clean(part: str) -> str:
    return part.strip().rstrip("、,").strip()


def _is_question(part: str) -> bool:
    return not part.endswith("。") or bool(_QUESTION_CUE.search(part))


def _clause_question(clause: str) -> str:
    """The first clause as a question: 「何で」→「何ですか？」, 「やってて」→「やってる？」,
    「相談したいのと」→「相談したい」."""
    if clause.endswith("のと"):
        return clause[:-2]
    if clause.endswith("てて"):
        return clause[:-1] + "る" + ASK
    if clause.endswith("で") and not clause.endswith(("てで", "んで")):
        return clause + "すか" + ASK
    return clause


def _with_topic(first: str, second: str, clause: bool) -> str:
    """``second`` with the first part's topic when it has none: 「その効果」→「雪かきボランティアの効果」,
    「どこにあるの」→「サポートセンターはどこにあるの」, in a second clause 「住所はどこ」→「交流館の住所はどこ」."""
    match = _TOPIC.match(first)
    if not match:
        return second
    topic = match.group("topic")
    if _POINTS_BACK.match(second):
        return _POINTS_BACK.sub(topic + "の", second, count=1)
    if _NO_SUBJECT.match(second) and not _OWN_SUBJECT.search(second):
        return topic + "は" + second
    if (
        clause and _ATTRIBUTE.match(second) and match.group("marker") != "は"
    ):  # 「必要書類は何で、メリットは」: not its メリット
        return topic + "の" + second
    return second


def _by_sentences(text: str) -> list[str]:
    sentences = [_clean(s) for s in _SENTENCES.split(text) if s and _clean(s)]
    while len(sentences) >= 2 and _BOTH.match(sentences[-1]):  # 「どちらもできますか」 asks about the first
        sentences = sentences[:-1]
    return sentences


def _by_pair(text: str) -> list[str]:
    match = _PAIR.match(text)
    if not match:
        return [text]
    head, a, b = match.group("head") or "", match.group("a"), match.group("b")
    tail = _TAIL_NOISE.sub("", match.group("tail")) or ASK
    if match.group("sep").startswith("と") and len(match.group("sep")) > 1 and re.match(r"^[はが].+", tail):
        first_tail = "は" + ASK  # 「メリットと、一覧はどこで見られるか」: the predicate is the second's only
    else:
        first_tail = tail
    if head and _NO_SUBJECT.match(b):  # 「ハンドブックの発行元と、どこで入手できるかを教えて」
        request = _REQUEST.search(b + tail)
        return [head + a + (request.group(0) if request else "は" + ASK), head[:-1] + "は" + b + tail]
    own_head = "の" in b or len(b) > _HEAD_NOUN_MAX
    return [head + a + first_tail, ("" if own_head else head) + b + tail]


def split_questions(text: str) -> list[str]:
    """1 or 2 parts of the message, each a question on its own (the message itself when it holds one question)."""
    whole = (text or "").strip()
    glued = _glued(whole)
    parts, clauses = _by_sentences(glued), None
    if len(parts) >= 2:
        if not _is_question(parts[0]):  # 「初めて使います。予約は…？」: an introduction, then one question
            return [text]
        parts = [parts[0], " ".join(parts[1:])]
    else:
        single = parts[0] if parts else glued
        clauses = _CLAUSES.match(single)
        parts = (
            [_clause_question(_clean(clauses.group("a"))), _clean(clauses.group("b"))] if clauses else _by_pair(single)
        )
    if len(parts) < 2:
        return [text]
    first, second = (_unglued(part).rstrip("。") for part in parts)
    return [first, _with_topic(first, second, clause=bool(clauses))]


def is_answer(label: str) -> bool:
    """Whether a routing label gives a handbook answer (not a fallback, a decline, a greeting or a form)."""
    return label.startswith(ANSWER_PREFIX) or label in ANSWERS


def answers_both(labels: Sequence[str]) -> bool:
    """The channels' rule: two parts, both answered by the handbook, with two different answers."""
    return len(labels) == 2 and all(is_answer(label) for label in labels) and labels[0] != labels[1]


def routed_labels(text: str, route: Callable[[str, str | None], str]) -> list[str]:
    """What the bot answers for ``text``: both parts' labels when the message is split, else the whole's label.
    ``route(part, previous)`` is the label a part gets after the answer ``previous`` (None for the first part): the
    second part may be a follow-up of the first (「必要書類は何で、メリットは？」), as it is in the conversation."""
    parts = split_questions(text)
    if len(parts) == 2:
        first = route(parts[0], None)
        labels = [first, route(parts[1], first)]
        if answers_both(labels):
            return labels
    return [route(text, None)]
