"""Write the ELEVENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten conditional and ordering request shapes, written without reading the reader or earlier sets' wording. Each gold is
computed with pandas (``blind11_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python
``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b11shop
    .venv/bin/python eval/data/make_marketer_questions_blind11.py --shop /tmp/b11shop \
        --out eval/data/marketer_questions_blind11.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind11_families  # noqa: E402
import blind11_leaves  # noqa: E402
import blind11_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(11, 11111, blind11_families, blind11_leaves, blind11_words,
         extra_clash=({"last_purchase_within", "last_seen_within"},))
