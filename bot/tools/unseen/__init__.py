"""The unseen-set evaluator (issue 14): ``python -m bot.tools.unseen --model models/kyodo.tar.gz``.

It parses every message of tests/nlu_unseen/<kind>.yml with the trained model, in-process, and scores each kind with
the same functions the bot's actions use (bot.core.date_query, bot.core.situation, bot.core.followup,
bot.core.two_questions), so the figures measure what the bot really does. See scoring.py for the per-kind rules.
"""
