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
        with gr.Tab("Customer", visible=True) as customer:
            customer_tab.build(customer_tab.CustomerHandlers(home, assistant, access), customers)
        with gr.Tab("Audiences", visible=True) as audience:
            audience_tab.build(audience_tab.AudienceHandlers(home, access), home)
        with gr.Tab("Batch", visible=True) as batch:
            batch_tab.build(batch_tab.BatchHandlers(home, assistant, access))
        with gr.Tab("Status", visible=True) as status:
            status_tab.build(status_tab.StatusHandlers(home, access))
        tabs = {"customer": customer, "audience": audience, "batch": batch, "status": status}

        def arrange(request: gr.Request) -> list[Any]:
            """Show a person only the tabs their role may use (the endpoints check again)."""
            role = access.role(request)
            user = "" if access.open else f"Signed in as **{access.user(request)}** ({role})."
            return [user] + [gr.Tab(visible=role in AREAS[area]) for area in tabs]

        app.load(arrange, outputs=[who, *tabs.values()])
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
