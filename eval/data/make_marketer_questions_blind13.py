"""Write the THIRTEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes in non-native international English, written without reading the reader or
earlier sets' wording. Each gold is
computed with pandas (``blind13_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python
``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b13shop
    .venv/bin/python eval/data/make_marketer_questions_blind13.py --shop /tmp/b13shop \
        --out eval/data/marketer_questions_blind13.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind13_families  # noqa: E402
import blind13_leaves  # noqa: E402
import blind13_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(13, 13131, blind13_families, blind13_leaves, blind13_words)
