"""Write the EIGHTEENTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten request structures of one register, formal eligibility and policy language (recitals and operative
clauses, numbered sub-clauses, definitions referenced later, provisos, overriding 'notwithstanding' clauses, gerund
conditions precedent, promotional terms with boilerplate, deeming provisions, procurement requirements, letters of
instruction), written without reading the reader or earlier sets' wording. Each gold is computed with pandas
(``blind18_leaves`` over ``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any
mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b18shop
    .venv/bin/python eval/data/make_marketer_questions_blind18.py --shop /tmp/b18shop \
        --out eval/data/marketer_questions_blind18.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind18_families  # noqa: E402
import blind18_leaves  # noqa: E402
import blind18_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(18, 18181, blind18_families, blind18_leaves, blind18_words)
