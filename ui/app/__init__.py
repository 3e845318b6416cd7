"""The Gradio app: customer-service staff read customers and chat about them, marketers ask for
audiences, and both see the batch and the status. Roles decide the tabs and, on the server, every
endpoint (ui/app/auth.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from encoders.settings import Settings  # first: it sets the offline environment

import gradio as gr

from agent.assistant import ProfileAssistant
from retrieval.follow import BackgroundFollower
from retrieval.home import Home, open_home
from ui.app import audience_tab, batch_tab, customer_tab, status_tab
from ui.app.auth import AREAS, Access

_CSS = """
.gradio-container {max-width: 1500px !important}
table td, table th {white-space: normal !important; word-break: break-word}
"""


def build_app(home: Home, assistant: ProfileAssistant | None = None, access: Access | None = None) -> gr.Blocks:
    assistant = assistant or ProfileAssistant(home)
    access = access or Access(home.settings)
    customers = home.user_ids()
    with gr.Blocks(title="Portrait") as app:
        gr.Markdown("# Portrait\nLiving customer profiles. Every answer cites the facts and events it rests on.")
        who = gr.Markdown()
        # Every tab starts hidden and the page load shows the ones the role may use (the endpoints
        # check again): Gradio applies a "show" update to a tab, but not a "hide".
        with gr.Tabs() as tab_set:
            with gr.Tab("Customer", id="customer", visible=False) as customer:
                customer_tab.build(customer_tab.CustomerHandlers(home, assistant, access), customers)
            with gr.Tab("Audiences", id="audience", visible=False) as audience:
                audience_tab.build(audience_tab.AudienceHandlers(home, access), home)
            with gr.Tab("Batch", id="batch", visible=False) as batch:
                batch_tab.build(batch_tab.BatchHandlers(home, assistant, access))
            with gr.Tab("Status", id="status", visible=False) as status:
                status_tab.build(status_tab.StatusHandlers(home, access))
        tabs = {"customer": customer, "audience": audience, "batch": batch, "status": status}

        def arrange(request: gr.Request) -> list[Any]:
            role = access.role(request)
            allowed = [area for area in tabs if role in AREAS[area]]
            user = "" if access.open else f"Signed in as **{access.user(request)}** ({role})."
            return [user, gr.Tabs(selected=allowed[0])] + [gr.Tab(visible=area in allowed) for area in tabs]

        app.load(arrange, outputs=[who, tab_set, *tabs.values()])
    return app


def launch(settings: Settings, port: int, follow: Path | None = None) -> None:
    """Serve the app; with ``follow``, also apply a JSONL event feed to the profiles as it grows, so
    staff see each customer's latest behaviour on their next look."""
    home = open_home(settings)
    access = Access(settings)
    follower = BackgroundFollower(home.profiles, follow, settings.follow_poll_s).start() if follow is not None else None
    try:
        build_app(home, access=access).launch(
            server_name=settings.ui_host, server_port=port, share=False, css=_CSS,
            auth=access.login(), auth_dependency=access.header_user(),
        )
    finally:
        if follower is not None:
            follower.stop()
        home.close()
