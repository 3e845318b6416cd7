"""Stopping a server process we started in its own process group (vLLM, Chroma), children included."""

from __future__ import annotations

import os
import signal
import time


def stop_process_group(pid: int, timeout: float = 10.0) -> None:
    """SIGTERM the process group led by ``pid``, reap it, and SIGKILL whatever lingers past ``timeout``."""
    try:
        group = os.getpgid(pid)
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
