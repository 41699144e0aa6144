"""bot/tools/ports.py: a port bound by this process is reported busy, with this pid."""

from __future__ import annotations

import os
import socket

from bot.tools import ports


def test_a_listening_port_is_reported_with_its_pid(capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not ports.port_free(port)
        assert ports.main([str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} is in use by pid {os.getpid()} (" in err


def test_free_ports_exit_zero(capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but closed below: free again
    assert ports.main([str(port)]) == 0 and capsys.readouterr().err == ""


def test_bad_arguments_exit_two():
    assert ports.main([]) == 2 and ports.main(["http"]) == 2
