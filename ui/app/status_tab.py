"""The status tab: the LLM backend and whether it answers, store counts, models, the data clock."""

from __future__ import annotations

import json

import gradio as gr
import pandas as pd

from agent.llm.backends import check_llm
from retrieval.home import Home
from retrieval.status import home_status
from ui.app.auth import Access
from ui.app.errors import friendly


class StatusHandlers:
    def __init__(self, home: Home, access: Access) -> None:
        self.home = home
        self.access = access

    @friendly
    def status(self, check: bool, request: gr.Request) -> pd.DataFrame:
        self.access.check(request, "status")
        report = home_status(self.home)
        settings = self.home.settings
        report["llm backend"] = settings.resolved_llm_backend
        report["llm model"] = settings.openai_model if settings.resolved_llm_backend == "openai" else str(settings.local_gguf_path())
        if check:
            try:
                report["llm answers"] = f"yes: {check_llm(settings)[:60]}"
            except Exception as error:  # noqa: BLE001 - the answer to "does it answer?"
                report["llm answers"] = f"no: {error}"
        rows = [{"what": k.replace("_", " "), "value": json.dumps(v) if isinstance(v, dict) else str(v)} for k, v in report.items()]
        return pd.DataFrame(rows, columns=["what", "value"])


def build(handlers: StatusHandlers) -> None:
    with gr.Row():
        check = gr.Checkbox(label="Ask the LLM a test question", value=True)
        refresh = gr.Button("Refresh")
    table = gr.Dataframe(wrap=True, label="This home")
    refresh.click(handlers.status, inputs=check, outputs=table, api_name="status")
