"""Are the serving ports free? ``python -m bot.tools.ports 5005 5055``: exit 0 when every port can be bound, else
one line per busy port ("port 5005 is in use by pid 123 (rasa run …)") and exit 1. bot/tools/scripts/serve.sh runs
it before it writes any file, so a second `make run` stops cleanly instead of rewriting a running bot's files.

The holder is looked up in /proc (Linux; only processes this user may inspect), then with ``ss -ltnp``.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HOSTS = ("127.0.0.1", "0.0.0.0")
LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp
MAX_COMMAND_CHARS = 80


def port_free(port: int, hosts: Sequence[str] = HOSTS) -> bool:
    """Whether a server could listen on ``port`` on each of ``hosts`` (SO_REUSEADDR, as servers bind)."""
    for host in hosts:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError as exc:
                if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                    return False
                raise
    return True


def _listening_inodes(port: int, proc: Path) -> set[str]:
    inodes: set[str] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == LISTEN and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def _command(pid: int, proc: Path) -> str:
    try:
        raw = (proc / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    command = " ".join(" ".join(part.decode(errors="replace").split()) for part in raw.split(b"\0") if part)
    return command if len(command) <= MAX_COMMAND_CHARS else command[: MAX_COMMAND_CHARS - 1] + "…"


def _holder_from_proc(port: int, proc: Path) -> tuple[int, str] | None:
    inodes = _listening_inodes(port, proc)
    if not inodes:
        return None
    wanted = {f"socket:[{inode}]" for inode in inodes}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd) in wanted:
                    return int(entry.name), _command(int(entry.name), proc)
            except OSError:
                continue
    return None


def _holder_from_ss(port: int, proc: Path) -> tuple[int, str] | None:
    ss = shutil.which("ss")
    if ss is None:
        return None
    try:
        out = subprocess.run([ss, "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"pid=(\d+)", out)
    return (int(match.group(1)), _command(int(match.group(1)), proc)) if match else None


def holder(port: int, proc: Path = Path("/proc")) -> tuple[int, str] | None:
    """(pid, command line) of the process listening on ``port``, or None when it cannot be found."""
    return _holder_from_proc(port, proc) or _holder_from_ss(port, proc)


def busy_message(port: int) -> str:
    found = holder(port)
    if found is None:
        return f"port {port} is in use"
    pid, command = found
    return f"port {port} is in use by pid {pid}" + (f" ({command})" if command else "")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or not all(a.isdigit() and 0 < int(a) < 65536 for a in args):
        print("usage: python -m bot.tools.ports PORT [PORT ...]", file=sys.stderr)
        return 2
    busy = [int(a) for a in args if not port_free(int(a))]
    for port in busy:
        print(busy_message(port), file=sys.stderr)
    return 1 if busy else 0


if __name__ == "__main__":
    sys.exit(main())
