"""Where a parse goes: time inside each graph node of ``Agent.parse_message``, per message.

    python -m bot.bench.parse_nodes MODEL.tar.gz [--tests tests/nlu] [--warmup 50]

Loads the model, parses the first ``--warmup`` test sentences untimed, then every test sentence once, and prints
the mean milliseconds per message spent in each node, slowest first, and the whole parse. Run it for ours and for
vanilla's model (bench-results/vanilla/model.tar.gz after ``make bench``), one process each, on a quiet machine;
the environment (TensorFlow threads, LOG_LEVEL) is the benchmark's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections import defaultdict
from pathlib import Path

from bot.bench import procs


def node_times(model: Path, texts: list[str], warmup: int) -> dict[str, float]:
    from rasa.core.agent import Agent
    from rasa.engine.graph import GraphNode

    agent = Agent.load(str(model))
    spent: dict[str, float] = defaultdict(float)
    original_call = GraphNode.__call__

    def timed_call(node, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original_call(node, *args, **kwargs)
        finally:
            spent[node._node_name] += time.perf_counter() - started

    async def parse_all() -> float:
        for text in texts[:warmup]:
            await agent.parse_message(text)
        spent.clear()
        started = time.perf_counter()
        for text in texts:
            await agent.parse_message(text)
        return time.perf_counter() - started

    GraphNode.__call__ = timed_call
    try:
        total = asyncio.run(parse_all())
    finally:
        GraphNode.__call__ = original_call
    per_message = {name: seconds * 1000 / len(texts) for name, seconds in spent.items()}
    per_message["(whole parse_message)"] = total * 1000 / len(texts)
    return per_message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--tests", type=Path, default=procs.ROOT / "tests" / "nlu")
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args(argv)
    from bot.bench.probe import configure_like_rasa_cli, load_test_examples

    os.environ.update(procs.bench_env())
    configure_like_rasa_cli()
    texts = [example.get("text") for example in load_test_examples(args.tests)]
    times = node_times(args.model, texts, args.warmup)
    print(f"{len(texts)} messages, {args.model}")
    for name, ms in sorted(times.items(), key=lambda item: -item[1]):
        print(f"{ms:8.2f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
