"""Whether a message states the citizen's own situation and asks if it is eligible (issue 14, kind 1).

「合同会社ですが、登録できますか？」, 「会員6名の会です。市民団体になれますか」: a statement about the group (a
clause ending in です/ます/ですが/けど…, or うち/私たち) that states a fact read_situation knows, then a yes/no
question about registering. A rule question 「営利団体は登録できますか」 or 「登録の要件を教えて」 is not one.
Pure functions, no Rasa: bot/nlu/situation_router.py applies it to what the classifiers left unsure or sent to a
registration FAQ answer.
"""

from __future__ import annotations

import re

from bot.core.situation import read_situation

# A clause that tells something (not the question): the statement ends before 。/、/が/けど or the next sentence.
_STATEMENT = re.compile(
    r"(です|でした|ます|ました|ません|だ|である|てる|とる|とります|おる|やけど|なんやけど|"
    r"なんです|なんですけど|なんですが|んですが|んですけど|ですが|ですけど)(が|けど|けれど|けれども)?[、。,.!！\n]"
    r"|(うち|私|わたし|僕|ぼく|我々|私たち|わたしたち|うちら|当団体|こちら)(の|は|が|ら|で|も)"
    r"|(だけど|やけど|けれど|けど|ですが|んですが)"
)
# A yes/no question about registering (or being eligible), at the end of the message.
_ELIGIBILITY_QUESTION = re.compile(
    r"(登録|申請|申し込|申込|対象|条件|要件|市民団体|なれ|いけ|ＯＫ|OK|ok|大丈夫|問題ない|無理|だめ|ダメ|あかん|"
    r"可能|満たし|合い|当てはま|扱い|言え)[^。！？?]*"
    r"(か|かね|かな|け|の|ん|る|い|？|\?)[？?。]*\s*$"
)
_RULE_REQUEST = re.compile(r"(教えて|知りたい|何|なに|どんな|どういう|どれ|一覧|いくつ|何人)[^。]*$")


def states_own_situation(text: str) -> bool:
    """True when ``text`` tells a fact about the citizen's own group and asks whether it can register."""
    body = (text or "").strip()
    if not body or not read_situation(body):
        return False
    if not _ELIGIBILITY_QUESTION.search(body) or _RULE_REQUEST.search(body):
        return False
    return bool(_STATEMENT.search(body))
