"""Copy a pip-compile lock without some packages (and their hash lines).

    python requirements/drop_from_lock.py IN.lock OUT.lock NAME [NAME ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def drop(text: str, names: set[str]) -> str:
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        entry = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
        if entry:
            skipping = entry.group(1).lower() in names
        elif not line.startswith((" ", "\t")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


if __name__ == "__main__":
    source, target, *packages = sys.argv[1:]
    header = "# Left out on purpose (see the Makefile's VLLM_UNUSED): " + ", ".join(packages) + "\n"
    Path(target).write_text(header + drop(Path(source).read_text(), {p.lower() for p in packages}))
