"""``make bench``: ours (config.yml) against a vanilla Rasa pipeline, trained on the same data and measured in one
run. ``python -m bot.bench --help`` lists the options; figures go to bench-results/latest.json.
``make bench-scale`` (``python -m bot.bench.scale``): on the trained model, the turn cost of a growing conversation,
1 against 2 Sanic workers on PostgreSQL and Redis, and every process's memory; figures in bench-results/scale.json.

Kept light: importing this package does not import Rasa (the probes and servers run in their own processes).
"""
