"""The words both fact readers share: the pre-check form's answer parsers (bot/core/precheck_parsing.py) and the
free-message fact reader (bot/core/situation.py). Data only, one base word list per side of each registration fact
(the keys of bot/core/eligibility.py), read by ``yes_no.topic_answer`` after ``yes_no.normalize`` (NFKC, lower case,
no spaces or punctuation). Each reader builds its ``TopicGroup`` list as base + its own additions and gives the
values itself; the additions, and why each reader has them, are in the reader. Each list is one string, split at
spaces; the order inside a list does not matter (``topic_answer`` takes the earliest match of any word).
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# open_to_citizens: said of a closed group / of a group open to all.
CLOSED = words(
    "会員限定 会員のみ 会員だけ メンバーのみ メンバーだけ 関係者のみ 関係者だけ 限定 クローズド 招待制 紹介制 非公開"
)
OPEN = words("誰でも だれでも どなたでも 自由に参加 参加自由 入会自由 オープン 開かれ")

# non_profit: said of a non-profit group / of making money.
NON_PROFIT = words("非営利 npo")
PROFIT = words("営利 利益 もうけ 儲け 収益 商売 ビジネス 金もうけ")

# continuing_activity: not started yet or a one-off / going on.
NOT_YET_OR_ONCE = words("これから始め これから活動 まだ始め 始める予定 準備中 一回だけ 1回だけ 一度だけ 1度だけ 単発")
CONTINUING = words("継続 続けて 毎週 毎月 毎年 定期的 長年 何年も 以前から ずっと")

# political_religious: political or religious activity (or against public order).
POLITICAL_RELIGIOUS = words("政治 宗教 公序良俗 選挙 政党 布教 信仰")

# mutual_aid_or_hobby: mutual aid, members' own benefit or a hobby.
HOBBY = words("趣味 互助 共益 親睦 仲良し 仲間内 仲間うち 身内 会員同士 会員どうし 助け合 サークル 同好会")

# is_corporation: no legal personality / a corporation.
NOT_A_CORPORATION = words("任意団体 法人格なし 法人格のない 法人格はない")
CORPORATION = words("法人 株式会社 有限会社 合同会社 社団 財団")
