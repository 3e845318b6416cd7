"""Write the TENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes, written without reading the reader or earlier sets' wording. Each gold is
computed with pandas (``blind10_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python
``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b10shop
    .venv/bin/python eval/data/make_marketer_questions_blind10.py --shop /tmp/b10shop \
        --out eval/data/marketer_questions_blind10.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind10_families  # noqa: E402
import blind10_leaves  # noqa: E402
import blind10_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(10, 10101, blind10_families, blind10_leaves, blind10_words)
