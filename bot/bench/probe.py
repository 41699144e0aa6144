"""In-process figures of one trained model, run as its own process so that load time and memory are its alone.

    python -m bot.bench.probe --model M.tar.gz --tests tests/nlu --messages 418 [--endpoints E] --out F.json

1. ``load_agent`` (the same call ``rasa run`` makes) -> load seconds;
2. NLU accuracy on the unseen test set, scored as ``rasa test nlu`` does (a FallbackClassifier prediction is undone
   so that the intent behind it is scored; response selection only over examples that have a response key);
3. ``Agent.parse_message`` latency, one message after another, over the test sentences cycled;
4. ``Agent.handle_text`` latency the same way (NLU, policies, and custom actions over HTTP to the action server named
   in ``--endpoints``), a new conversation per message; skipped without ``--endpoints``;
5. peak RSS of this process (VmHWM).
Every loop is bounded by the message count and by ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

from bot.bench.stats import cycle_messages, parse_vmhwm_kb, summarize_ms
from bot.bench.trainlog import component_seconds, parse_events, ranked

WARMUP = 10


def load_test_examples(tests_dir: Path):
    """The unseen NLU test examples (rasa Message objects) from every YAML file under ``tests_dir`` (the folder also
    holds the NLU components' pytest modules, which Rasa's loader refuses)."""
    from rasa.shared.nlu.training_data.loading import load_data

    files = sorted(tests_dir.rglob("*.yml")) if tests_dir.is_dir() else [tests_dir]
    return [example for path in files for example in load_data(str(path)).intent_examples]


def score(examples, results: list[dict[str, Any]]) -> dict[str, Any]:
    """Intent and response-selection accuracy as rasa test nlu computes them, plus the fallback rate."""
    from rasa.nlu.classifiers import fallback_classifier
    from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY

    intent_ok = response_ok = response_n = fallbacks = 0
    wrong: list[dict[str, str]] = []
    for example, result in zip(examples, results, strict=True):
        if fallback_classifier.is_fallback_classifier_prediction(result):
            fallbacks += 1
            result = fallback_classifier.undo_fallback_prediction(result)
        predicted = (result.get("intent") or {}).get("name")
        target = example.get(INTENT)
        intent_ok += predicted == target
        target_key = example.get(INTENT_RESPONSE_KEY)
        if target_key:
            response_n += 1
            selector = result.get("response_selector") or {}
            retrieval = target in (selector.get("all_retrieval_intents") or []) and target in selector
            key = target if retrieval else "default"
            got = ((selector.get(key) or {}).get("response") or {}).get("intent_response_key")
            response_ok += got == target_key
            if got != target_key and predicted == target:
                wrong.append({"text": result.get("text", ""), "target": target_key, "got": str(got)})
        if predicted != target:
            wrong.append({"text": result.get("text", ""), "target": str(target), "got": str(predicted)})
    total = len(results)
    return {
        "intent": intent_ok / total if total else None,
        "response": response_ok / response_n if response_n else None,
        "examples": total,
        "response_examples": response_n,
        "fallback_rate": fallbacks / total if total else None,
        "errors": wrong,
    }


async def _timed(call, texts: list[str], max_seconds: float) -> dict[str, Any]:
    for text in texts[:WARMUP]:
        await call(text, -1)
    samples: list[float] = []
    failures = 0
    deadline = time.monotonic() + max_seconds
    for i, text in enumerate(texts):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        try:
            await call(text, i)
        except Exception:  # noqa: BLE001 - counted, not timed: a failure is not a latency
            failures += 1
            continue
        samples.append(time.perf_counter() - started)
    return {**summarize_ms(samples), "failures": failures, "asked": len(texts)}


def configure_like_rasa_cli(logging_config_file: str | None = None) -> None:
    """What ``rasa run`` does before it loads a model: logging at LOG_LEVEL (INFO), structlog at the same level
    (else every parse prints a debug line), and TensorFlow's thread settings from the environment."""
    from rasa.utils import common, log_utils
    from rasa.utils import io as rasa_io
    from rasa.utils.tensorflow import environment as tf_env

    common.configure_logging_and_warnings(None, logging_config_file, warn_only_once=True, filter_repeated_logs=True)
    tf_env.setup_tf_environment()
    rasa_io.configure_colored_logging(None)
    log_utils.configure_structlog(None)


async def probe(args: argparse.Namespace) -> dict[str, Any]:
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints

    figures: dict[str, Any] = {"model": str(args.model)}
    endpoints = AvailableEndpoints.read_endpoints(str(args.endpoints)) if args.endpoints else AvailableEndpoints()
    started, wall_started = time.monotonic(), time.time()
    agent = await load_agent(model_path=str(args.model), endpoints=endpoints)
    figures["load_seconds"] = round(time.monotonic() - started, 3)
    if args.timing_log and args.timing_log.exists():
        events = parse_events(args.timing_log.read_text(encoding="utf-8"))
        figures["load_components"] = dict(
            ranked(component_seconds([e for e in events if e[0] >= wall_started], wall_started, time.time()), top=40)
        )
    if not agent.is_ready():
        raise RuntimeError(f"{args.model} did not load")

    examples = load_test_examples(args.tests)
    results = [await agent.parse_message(example.get("text")) for example in examples]
    figures["accuracy"] = score(examples, results)
    if args.accuracy_only:
        return figures

    texts = cycle_messages([example.get("text") for example in examples], args.messages)

    async def parse(text: str, _i: int):
        return await agent.parse_message(text)

    figures["parse"] = await _timed(parse, texts, args.max_seconds)
    if args.endpoints:
        run = f"{os.getpid()}-{int(time.time())}"

        async def handle(text: str, i: int):
            return await agent.handle_text(text, sender_id=f"bench-{run}-{i}")

        figures["handle_text"] = await _timed(handle, texts, args.max_seconds)
    else:
        figures["handle_text"] = {"skipped": "no --endpoints: the action server is needed for handle_text"}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--tests", type=Path, default=Path("tests/nlu"))
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--max-seconds", type=float, default=240.0, help="bound of each latency loop")
    parser.add_argument("--endpoints", type=Path)
    parser.add_argument("--accuracy-only", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timing-log", type=Path, help="the file a trainlog.logging_config writes to")
    parser.add_argument("--logging-config-file", help="as rasa's option of the same name")
    args = parser.parse_args(argv)
    configure_like_rasa_cli(args.logging_config_file)
    figures = asyncio.run(probe(args))
    kb = parse_vmhwm_kb(Path("/proc/self/status").read_text())
    figures["vmhwm_mb"] = None if kb is None else round(kb * 1024 / 1e6, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
