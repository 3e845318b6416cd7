"""Write the TWENTIETH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten request structures of one register, revisions made inside one message before it is sent (a value
replaced by a trailing sentence, markdown strike-through, two drafts and a choice, a colleague's quoted request
edited, 'scratch the ... part', a second line opening with 'actually', bracketed editor's notes, a changelog against
an earlier audience, numbered conditions edited by number, a checklist where only ticked lines apply); about half the
requests revise themselves and the rest are plain requests in the same working style. Written without reading the
reader or earlier sets' wording. Each gold is computed with pandas (``blind20_leaves`` over
``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b20shop
    .venv/bin/python eval/data/make_marketer_questions_blind20.py --shop /tmp/b20shop \
        --out eval/data/marketer_questions_blind20.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind20_families  # noqa: E402
import blind20_leaves  # noqa: E402
import blind20_words  # noqa: E402
from blind_driver import main  # noqa: E402

if __name__ == "__main__":
    main(20, 20202, blind20_families, blind20_leaves, blind20_words)
