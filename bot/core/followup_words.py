"""The words of follow-up questions (issue 14, kind 3), read by bot/core/followup.py after ``yes_no.normalize``
(NFKC, lower case, no spaces or punctuation). Data only: the facilities, the aspects asked of a facility, and the
aspects asked within one handbook topic (registration, principles, examples, the handbook itself). Each word list is
one string, split at spaces.
"""

from __future__ import annotations


def w(words: str) -> tuple[str, ...]:
    return tuple(words.split())


KOURYUKAN = "kouryukan"
SUPPORT_CENTER = "support_center"

FACILITY_WORDS: dict[str, tuple[str, ...]] = {
    SUPPORT_CENTER: w(
        "サポートセンター サポートセンタ サポセン さぽせん さぽーとせんたー 市民活動サポート 活動サポート"
    ),
    KOURYUKAN: w("交流館 こうりゅうかん コウリュウカン 交流会館 学生のまち 学生の家 がくせいのいえ"),
}

# The rooms of the 交流館: a question about one is about the 交流館 (but still leans on the last answer).
KOURYUKAN_ROOMS = w("交流ホール こうりゅうほーる 土蔵 どぞう サロン 和室")

# Pointing back at the last answer: 「そこの」「それって」「そっちは」.
POINTERS = w("そこ それ そっち そちら あそこ その こっち こちら あっち")

# Words that name a handbook topic: a message with one is a question of its own, not a follow-up.
TOPIC_WORDS = w(
    "ハンドブック はんどぶっく 冊子 協働 きょうどう 原則 げんそく 除雪 雪 チャレンジ"
    " 推進計画 シナリオ 登録 とうろく とーろく 市民団体 学生団体 町会"
)

# (words, answer for the 交流館, answer for the サポートセンター); the first match wins, so narrower aspects
# (「予約なしで」, 「空いてるか」) come before the wider ones they contain (「予約」, 「どこ」).
FacilityAspect = tuple[tuple[str, ...], str | None, str | None]
FACILITY_ASPECTS: tuple[FacilityAspect, ...] = (
    (
        w("予約なし 予約不要 予約いらな 予約しなく 予約せず 誰でも使 だれでも使 自由に使 サロン"),
        "faq/kouryukan_rooms_free",
        "faq/kouryukan_rooms_free",
    ),
    (w("空き 空い 空室 あいてるか 埋まって"), "faq/kouryukan_availability", "faq/kouryukan_availability"),
    (
        w("予約 よやく 申し込 申込 交流ホール 土蔵 2階 二階"),
        "faq/kouryukan_rooms_reserve",
        "faq/kouryukan_rooms_reserve",
    ),
    (
        w("無料 むりょう タダ ただで ただなの 料金 りょうきん 有料 お金 おかね いくら 費用 使用料"),
        "faq/room_fee",
        "faq/room_fee",
    ),
    (
        w(
            "fax ファックス ファクス ふぁっくす ふぁくす 電話 でんわ tel 連絡先 れんらく 連絡 メール めーる mail"
            " 番号 ばんごう 問い合わせ 問合せ といあわせ"
        ),
        "faq/kouryukan_contact",
        "faq/support_center_contact",
    ),
    (
        w("何時 なんじ 開館 開所 営業 休館 休み やすみ 休日 定休 いつまで いつから 開いて あいてる 閉ま しまる 時間"),
        "faq/opening_hours",
        "faq/opening_hours",
    ),
    (
        w("駐車 ちゅうしゃ 駐輪 自転車 バス アクセス 行き方 いきかた 行け 行く いける 最寄 交通 電車 徒歩 車で 駅"),
        "faq/kouryukan_access",
        "faq/kouryukan_access",
    ),
    (
        w("住所 じゅうしょ 場所 ばしょ どこ 所在地 郵便番号 地図 何町 何丁目"),
        "faq/kouryukan_address",
        "faq/support_center_location",
    ),
    (w("相談"), None, "faq/coordinator_consultation"),
    (w("機材 備品 借り 借りれ 貸し 貸出 印刷 コピー プロジェクター"), None, "faq/equipment_lending"),
    (w("アドバイザー アドバイス 派遣 専門家"), None, "faq/advisor_dispatch"),
    (w("研修 講座 セミナー イベント 勉強会 講習"), None, "faq/events_training"),
    (
        w(
            "何してくれる なにしてくれる 何ができる なにができる どんなサポート サポート内容"
            " サービス 何をして 何して どんなこと"
        ),
        "faq/kouryukan_about",
        "faq/support_services",
    ),
)

# Aspects asked within one topic: (labels of the topic, ((words, answer), ...)); the first match wins.
TopicAspects = tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], str], ...]]
REGISTRATION = (
    "faq/registration_about",
    "faq/registration_benefits",
    "faq/registration_documents",
    "faq/registration_exclusions",
    "faq/registration_list",
    "faq/registration_procedure",
    "faq/registration_requirements",
)
HANDBOOK = ("faq/about_handbook", "faq/publisher", "faq/handbook_copy", "faq/handbook_history")
SNOW = ("faq/example_snow", "faq/example_snow_effects")
CHALLENGE = ("faq/example_challenge", "faq/challenge_group_collab")
# The seven principles in the handbook's order (① 対等な関係 … ⑦ 相互評価).
PRINCIPLES = (
    "faq/principle_equal",
    "faq/principle_autonomy",
    "faq/principle_mutual_understanding",
    "faq/principle_shared_goals",
    "faq/principle_roles",
    "faq/principle_disclosure",
    "faq/principle_evaluation",
)
OTHER_EXAMPLE = w("もう一つ もうひとつ もう1つ ほかの 他の 別の べつの ほかに 他に")

TOPIC_ASPECTS: tuple[TopicAspects, ...] = (
    (
        REGISTRATION,
        (
            (
                w("出せない だせない 登録できない できない団体 なれない 対象外 除外 だめな ダメな 断られ 無理な"),
                "faq/registration_exclusions",
            ),
            (w("書類 しょるい 何を出 なにを出 何出 提出物 必要なもの 持って 用意"), "faq/registration_documents"),
            (
                w("手続 てつづき 申請 申し込 申込 やり方 やりかた 流れ どうやって どうやる 方法 どうすれば"),
                "faq/registration_procedure",
            ),
            (
                w("メリット めりっと 利点 特典 いいこと 良いこと 得な お得 何ができ なにができ 何がもらえ"),
                "faq/registration_benefits",
            ),
            (w("条件 じょうけん 要件 資格 基準"), "faq/registration_requirements"),
            (w("一覧 いちらん リスト 名簿 どんな団体が どこが登録"), "faq/registration_list"),
        ),
    ),
    (
        HANDBOOK,
        (
            (w("どこが出 どこが作 誰が だれが 発行 作った 作って 出して 出版 作成"), "faq/publisher"),
            (w("もらえ 貰え 入手 手に入 配布 配って ダウンロード 読め ほしい 欲しい"), "faq/handbook_copy"),
            (w("いつ 歴史 改訂 以前 前の版 経緯"), "faq/handbook_history"),
        ),
    ),
    (
        SNOW,
        (
            (w("効果 こうか 成果 結果 どうなった 変わった"), "faq/example_snow_effects"),
            (OTHER_EXAMPLE, "faq/example_challenge"),
        ),
    ),
    (
        CHALLENGE,
        (
            (w("複数 いくつかの団体 一緒に 合同 共同 連携 組んで"), "faq/challenge_group_collab"),
            (OTHER_EXAMPLE, "faq/example_snow"),
        ),
    ),
    (
        (*PRINCIPLES, "faq/principles"),
        ((w("全部 ぜんぶ いくつ 何個 一覧 全て すべて 7つ 七つ ほかの原則 他の原則"), "faq/principles"),),
    ),
)

# The topics a follow-up may name and still lean on the last answer (「原則は全部でいくつ？」 after one principle),
# when the NLU was unsure of it: (labels of the topic, words naming it).
TOPIC_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (REGISTRATION, w("登録 とうろく とーろく")),
    (HANDBOOK, w("ハンドブック はんどぶっく 冊子")),
    (SNOW, w("除雪 雪")),
    (CHALLENGE, w("チャレンジ")),
    ((*PRINCIPLES, "faq/principles"), w("原則 げんそく")),
)
