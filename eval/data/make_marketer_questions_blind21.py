"""Write the TWENTY-FIRST blind marketer audience question set (every family held out): single conditions,
combinations and declines in ten request structures of one register — segment definitions ported from other marketing
tools (pasted rule groups, include/exclude boxes, JSON and YAML exports, dashboard links, query lines, filter rows and
chips, and plain retellings of an old segment or automation flow), written without reading the reader or earlier sets'
wording. Each gold is computed with pandas (``blind21_leaves`` over ``marketer_reference.Ref``) and re-checked with the
plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b21shop
    .venv/bin/python eval/data/make_marketer_questions_blind21.py --shop /tmp/b21shop \\
        --out eval/data/marketer_questions_blind21.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind21_families  # noqa: E402
import blind21_leaves  # noqa: E402
import blind21_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(21, 21212, blind21_families, blind21_leaves, blind21_words)
