"""Real servers for the persistence tests: one action server and N `rasa run` replicas on spare loopback ports,
sharing the stores that the environment names (the processes are the benchmark's: bot/bench/procs.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.bench import procs
from bot.tools.make_credentials import write_credentials
from bot.tools.make_endpoints import write_endpoints

ROOT = procs.ROOT
MODEL = ROOT / "models" / "kyodo.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")


@dataclass
class Cluster:
    """The action server and the Rasa replicas of one test, with their environment and logs."""

    workdir: Path
    env: dict[str, str]
    actions_port: int = 0
    actions: subprocess.Popen | None = None
    replicas: dict[int, subprocess.Popen] = field(default_factory=dict)

    def start_actions(self) -> None:
        self.actions_port = procs.free_port(5455)
        cmd = [RASA, "run", "actions", "--actions", "actions", "--port", str(self.actions_port)]
        self.actions = procs.start(cmd, self.workdir / "actions.log", self.env)
        procs.wait_http(f"http://{procs.LOOPBACK}:{self.actions_port}/health", self.actions, 120)
        write_endpoints(self.workdir / "endpoints.yml", self.env, f"http://localhost:{self.actions_port}/webhook")
        write_credentials(ROOT / "credentials.yml", self.workdir / "credentials.yml", {})

    def start_replica(self, preferred: int = 5405) -> int:
        port = procs.free_port(preferred, avoid=(5005, 5055, *self.replicas))
        cmd = [
            RASA,
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            str(self.workdir / "endpoints.yml"),
            "--credentials",
            str(self.workdir / "credentials.yml"),
            "--port",
            str(port),
        ]
        proc = procs.start(cmd, self.workdir / f"rasa-{port}.log", self.env)
        self.replicas[port] = proc  # stopped by stop(), even when it never comes up
        procs.wait_http(f"http://{procs.LOOPBACK}:{port}/", proc, 240)  # "Hello from Rasa" (no --enable-api)
        return port

    def stop_replica(self, port: int) -> None:
        procs.stop(self.replicas.pop(port))

    def stop(self) -> None:
        for port in list(self.replicas):
            self.stop_replica(port)
        procs.stop(self.actions)


def say(port: int, sender: str, message: str, timeout: float = 60) -> list[str]:
    """The texts Rasa's REST channel on ``port`` answers to ``message``."""
    body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
    request = urllib.request.Request(
        f"http://{procs.LOOPBACK}:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return [m.get("text") or "" for m in json.loads(response.read().decode("utf-8"))]
