"""``make bench``: ours (config.yml) against a vanilla Rasa pipeline, trained on the same data and measured in one
run. ``python -m bot.bench --help`` lists the options; figures go to bench-results/latest.json.

Kept light: importing this package does not import Rasa (the probes and servers run in their own processes).
"""
