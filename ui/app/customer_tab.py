"""The customer tab (customer-service role): find a customer, read the card, see the evidence, the
suggestions and the summary, and chat with the agent about them."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import gradio as gr
import pandas as pd

from agent.assistant import Conversation, ProfileAssistant
from retrieval.home import Home, UnknownCustomerError
from ui.app import views
from ui.app.auth import Access
from ui.app.errors import friendly

Messages = list[dict[str, Any]]
_EMPTY_SHARES = pd.DataFrame({"category": [], "share": []})


class CustomerHandlers:
    """The tab's endpoints; each checks the caller's role before it reads anything."""

    def __init__(self, home: Home, assistant: ProfileAssistant, access: Access) -> None:
        self.home = home
        self.assistant = assistant
        self.access = access

    def _titles(self) -> dict[str, str]:
        return {item_id: p.title for item_id, p in self.home.log.products().items()}

    @friendly
    def find(self, text: str, request: gr.Request) -> Any:
        """A customer id, or free text matched against customers' taste descriptions."""
        self.access.check(request, "customer")
        text = text.strip()
        known = self.home.user_ids()
        if text in known:
            return gr.Dropdown(choices=known, value=text)
        hits = self.home.vectors.search_profiles(text, k=20, by="text") if text else []
        if not hits:
            raise gr.Error(f"No customer matches {text!r}.")
        return gr.Dropdown(choices=[h.id for h in hits], value=hits[0].id)

    @friendly
    def show(self, user_id: str, request: gr.Request) -> tuple[Any, ...]:
        self.access.check(request, "customer")
        if not user_id:
            return "Pick a customer.", pd.DataFrame(), _EMPTY_SHARES, pd.DataFrame(), pd.DataFrame(), "", gr.Dropdown(choices=[])
        profile = self.home.profile(user_id)
        events = self.home.log.events_by_user([user_id]).get(user_id, [])
        return (
            views.profile_card(profile),
            views.facts_frame(profile),
            views.shares_frame(profile, "top_categories", "category"),
            views.shares_frame(profile, "intent_mix", "intent"),
            views.timeline_frame(events),
            views.suggestions_markdown(self.home.recommend(user_id, k=5)),
            gr.Dropdown(choices=views.fact_choices(profile), value=None),
        )

    @friendly
    def evidence(self, user_id: str, fact: str | None, request: gr.Request) -> pd.DataFrame:
        """The events behind one fact of the customer's profile."""
        self.access.check(request, "customer")
        if not user_id or not fact:
            return views.events_frame([], {})
        facts = self.home.profile(user_id).facts
        if fact not in facts:
            raise gr.Error(f"Customer {user_id} has no fact {fact!r}.")
        ids = facts[fact].evidence
        return views.events_frame(list(self.home.log.events_by_id(ids).values()), self._titles())

    @friendly
    def summary(self, user_id: str, request: gr.Request) -> str:
        self.access.check(request, "customer")
        if not user_id:
            return ""
        written = self.assistant.summarize(user_id)
        cited = sorted({e for c in written.citations for e in c.evidence})
        events = self.home.log.events_by_id(cited)
        return _with_sources(written.text, written.citations) + "\n\n" + views.events_markdown(
            [events[e] for e in cited if e in events], self._titles())

    def _conversation(self, user_id: str, earlier: list[str]) -> Conversation:
        """The chat so far, replayed from its own messages (the page holds the chat; the server keeps no state)."""
        conversation = Conversation()
        for said in earlier:
            try:
                self.assistant.ask(user_id, said, conversation)
            except Exception:  # noqa: BLE001 - an earlier turn that failed then fails the same way now; skip it
                continue
        return conversation

    def ask(self, user_id: str, question: str, history: Messages, request: gr.Request) -> Iterator[tuple[Messages, str]]:
        """Streams the answer: first what is being looked up, then the answer with its tools and sources."""
        self.access.check(request, "customer")
        history = list(history or [])
        if not user_id or not question.strip():
            yield history, question
            return
        earlier = [str(m["content"]) for m in history if m.get("role") == "user"]
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": "Looking that up ..."}]
        yield history, ""
        try:
            answer = self.assistant.ask(user_id, question, self._conversation(user_id, earlier))
        except UnknownCustomerError as error:
            history[-1]["content"] = str(error)
            yield history, ""
            return
        except Exception as error:  # noqa: BLE001 - the reason, in plain words, in the chat itself
            history[-1]["content"] = f"Sorry, that failed: {error}"
            yield history, ""
            return
        words = html.escape(answer.text).split(" ")
        for end in range(0, len(words), 6):
            history[-1]["content"] = " ".join(words[: end + 6])
            yield history, ""
        tools = ", ".join(getattr(answer, "tools", []) or [])
        history[-1]["content"] = _with_sources(answer.text, answer.citations, tools)
        yield history, ""


def _with_sources(text: str, citations: list[Any], tools: str = "") -> str:
    """The answer as Markdown with its tools and sources; the text is escaped, because an answer may
    quote what a shopper wrote and that must show as text, never run as markup."""
    lines = [html.escape(text)]
    if tools:
        lines.append(f"\n*Tools used: {tools}*")
    if citations:
        lines.append("\n**Sources**")
        lines += [f"- {c.fact}: {', '.join(f'`{e}`' for e in c.evidence[:8]) or 'profile'}" for c in citations]
    return "\n".join(lines)


def build(handlers: CustomerHandlers, customers: list[str]) -> None:
    """The tab's layout and wiring (inside an open gr.Blocks)."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=420):
            with gr.Row():
                search = gr.Textbox(label="Find a customer (id or what they like)", scale=3)
                picker = gr.Dropdown(choices=customers, value=customers[0] if customers else None, label="Customer", scale=2,
                                     allow_custom_value=True)
            card = gr.Markdown()
            with gr.Row():
                interests = gr.BarPlot(x="category", y="share", title="Interest by category", y_lim=[0, 1], height=220)
                intents = gr.BarPlot(x="intent", y="share", title="What they contact support about", y_lim=[0, 1], height=220)
            timeline = gr.BarPlot(x="week", y="events", color="type", title="Activity by week", height=240, y_lim=[0, None])
            suggestions = gr.Markdown()
            with gr.Accordion("All facts and their evidence", open=False):
                facts = gr.Dataframe(wrap=True, label="Facts")
                fact = gr.Dropdown(label="Show the events behind", choices=[], allow_custom_value=True)
                events = gr.Dataframe(wrap=True, label="Evidence events")
        with gr.Column(scale=4, min_width=360):
            chat = gr.Chatbot(label="Ask about this customer", height=420)
            question = gr.Textbox(label="Question", placeholder="When did they last order? What did they buy last?")
            send = gr.Button("Ask", variant="primary")
            summarize = gr.Button("Write the explainable summary")
            summary = gr.Markdown()
    outputs = [card, facts, interests, intents, timeline, suggestions, fact]
    picker.change(handlers.show, inputs=picker, outputs=outputs, api_name="show_profile")
    search.submit(handlers.find, inputs=search, outputs=picker, api_name="find_customer")
    fact.change(handlers.evidence, inputs=[picker, fact], outputs=events, api_name="evidence")
    send.click(handlers.ask, inputs=[picker, question, chat], outputs=[chat, question], api_name="ask")
    question.submit(handlers.ask, inputs=[picker, question, chat], outputs=[chat, question])
    summarize.click(handlers.summary, inputs=picker, outputs=summary, api_name="summary")
