"""Write the SEVENTEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes of one register, requests embedded in real messages (greetings, campaign
logistics, deadlines and budgets that are not conditions; requests built up over several sentences, postscripts,
errata), written without reading the reader or earlier sets' wording. Each gold is computed with pandas
(``blind17_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any
mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b17shop
    .venv/bin/python eval/data/make_marketer_questions_blind17.py --shop /tmp/b17shop \
        --out eval/data/marketer_questions_blind17.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind17_families  # noqa: E402
import blind17_leaves  # noqa: E402
import blind17_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(17, 17171, blind17_families, blind17_leaves, blind17_words)
