"""The reader: staff and marketer sentences -> the query they mean, a question back, or a decline, on a real
built home (real embedder, real frame models, the real executors)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from agent.assistant import Conversation, ProfileAssistant
from agent.audience import answer_audience
from agent.reader.expressions import prepare
from agent.reader.when import find_windows
from retrieval.home import open_home
from retrieval.query.customer import Window

PORTRAIT = str(Path(sys.executable).parent / "portrait")
CLOCK = datetime(2026, 10, 31, 21, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def home(built_settings):
    with open_home(built_settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def assistant(home):
    return ProfileAssistant(home)


@pytest.fixture(scope="module")
def shop_names(home):
    products = home.log.products()
    categories = sorted({p.category for p in products.values()})
    brands = sorted({p.brand for p in products.values()})
    return categories, brands


@pytest.fixture(scope="module")
def buyer(home):
    """A customer with purchases in at least two categories."""
    products = home.log.products()
    for user_id in home.log.user_ids():
        bought = [e for e in home.log.events_by_user([user_id])[user_id] if e.type.value == "purchase"]
        if len({products[e.item_id].category for e in bought if e.item_id in products}) >= 2:
            return user_id, bought
    pytest.skip("the small shop has no customer with purchases in two categories")


@pytest.mark.parametrize("said, window", [
    ("how many orders in the last 90 days", Window(relation="last_days", days=90)),
    ("spend in september 2026", Window(relation="month", start=date(2026, 9, 1))),
    ("what about just august", Window(relation="month", start=date(2026, 8, 1))),
    ("orders this year", Window(relation="year", start=date(2026, 1, 1))),
    ("orders last month", Window(relation="month", start=date(2026, 9, 1))),
    ("between 2026-03-01 and 2026-03-31", Window(relation="between", start=date(2026, 3, 1), end=date(2026, 3, 31))),
    ("before october 11, 2026", Window(relation="before", start=date(2026, 10, 11))),
    ("since march 3 2026", Window(relation="since", start=date(2026, 3, 3))),
    ("past 2 weeks", Window(relation="last_days", days=14)),
])
def test_time_expressions_read_into_windows(said, window) -> None:
    found = find_windows(prepare(said), CLOCK)
    assert [f.window for f in found] == [window]


def _reading(assistant, question, chat=None):
    return assistant.reader.read(question, chat)


def test_staff_phrasings_read_into_the_query_they_mean(assistant, shop_names) -> None:
    category = shop_names[0][0]
    cases = {
        f"How much has this customer spent on {category}?": ("amount", None, {"categories": [category]}),
        "How many orders in the last 90 days?": ("orders", None, {"window": Window(relation="last_days", days=90)}),
        "When did they first buy from us?": ("first", "date", {"types": ["purchase"]}),
        "What's their average rating?": ("mean", "rating", {"types": ["review"]}),
        "What's the most expensive thing they bought?": ("max", "price", {"types": ["purchase"]}),
        "Why did they return their last item?": ("last", "reason", {"types": ["return"]}),
        "Which product was their last support message about?": ("last", "product", {"types": ["support_message"]}),
        "Purchases minus refunds: what does this customer's total come to?": ("net", None, {}),
    }
    for question, (measure, field, scope) in cases.items():
        reading = _reading(assistant, question)
        assert reading.query is not None, question
        assert (reading.query.measure, reading.query.field) == (measure, field), question
        for key, value in scope.items():
            assert getattr(reading.query.scope, key) == value, question


def test_answer_restates_the_reading_and_equals_the_executor(assistant, buyer) -> None:
    user_id, bought = buyer
    answer = assistant.ask(user_id, "How many orders has this customer placed in total?")
    orders = len({e.attrs.get("order_id") or e.event_id for e in bought})
    assert answer.kind.startswith("query:") and f"{orders} order" in answer.text
    assert answer.citations and answer.citations[0].evidence


def test_follow_ups_edit_the_last_query(assistant, buyer, home) -> None:
    user_id, bought = buyer
    products = home.log.products()
    first, second = sorted({products[e.item_id].category for e in bought if e.item_id in products})[:2]
    chat = Conversation()
    assistant.ask(user_id, f"How much has she spent on {first}?", chat)
    assert chat.last.query.scope.categories == [first]
    answer = assistant.ask(user_id, f"What about {second}?", chat)
    assert chat.last.query.measure == "amount" and chat.last.query.scope.categories == [second]
    assert second in answer.text
    assistant.ask(user_id, "And in the last 30 days?", chat)
    assert chat.last.query.scope.categories == [second]
    assert chat.last.query.scope.window == Window(relation="last_days", days=30)


def test_unsure_readings_ask_back_with_the_best_reading_and_yes_runs_it(assistant, buyer) -> None:
    user_id, _ = buyer
    chat = Conversation()
    answer = assistant.ask(user_id, "How many Zorblax items have they bought?", chat)
    assert answer.kind == "ask_back" and "zorblax" in answer.text.lower() and "Do you mean" in answer.text
    confirmed = assistant.ask(user_id, "yes", chat)
    assert confirmed.kind.startswith("query:") and not confirmed.declined


@pytest.mark.parametrize("question", [
    "What is her phone number?", "How much has this customer's husband spent?", "Does he have a dog?",
    "What is the customer's salary?", "What will the weather be tomorrow?",
])
def test_data_the_shop_does_not_hold_is_declined_saying_what_can_be_asked(assistant, buyer, question) -> None:
    answer = assistant.ask(buyer[0], question)
    assert answer.declined and "I can answer from what this customer did" in answer.text


def test_shopper_text_is_quoted_never_followed(assistant, home) -> None:
    for user_id in home.log.user_ids():
        reviews = [e for e in home.log.events_by_user([user_id])[user_id] if e.type.value == "review" and e.text]
        if reviews:
            break
    answer = assistant.ask(user_id, "What did their latest review say?")
    newest = max(reviews, key=lambda e: (e.ts, e.event_id))
    assert f'"{newest.text[:40]}' in answer.text.replace("'", '"') or newest.event_id in answer.text


# --- marketers ---------------------------------------------------------------------------------------

def test_unknown_filler_words_never_sink_a_marketer_question(home, shop_names) -> None:
    category = shop_names[0][0]
    plain = answer_audience(home, f"customers who bought {category}")
    padded = answer_audience(home, f"Pull up every customer who bought {category}, i.e. the ones on record, please.")
    assert not plain.abstained and not padded.abstained
    assert padded.user_ids == plain.user_ids


@pytest.mark.parametrize("question, kind", [
    ("Who has made at least one return?", "measure"),
    ("Which customers have sent at least 3 messages to customer service?", "measure"),
    ("Find customers whose latest purchase was more than 65 days ago.", "when"),
])
def test_human_wording_reads_into_conditions(home, question, kind) -> None:
    answer = answer_audience(home, question, confirm=True)
    assert answer.query is not None and not answer.declined, answer.text()
    assert kind in answer.query.model_dump_json()


@pytest.mark.parametrize("question, plain", [
    ("Pull up every customer based in France.", "customers in France"),
    ("Which German customers have left us a review?", "customers in Germany who reviewed something"),
    ("Give me everyone with a {category} purchase on record.", "customers who bought {category}"),
    ("Find customers whose latest purchase was more than 65 days ago.", "customers whose last purchase was more than 65 days ago"),
])
def test_the_issues_phrasings_read_like_their_plain_form(home, shop_names, question, plain) -> None:
    category = shop_names[0][0]
    answer = answer_audience(home, question.format(category=category))
    reference = answer_audience(home, plain.format(category=category))
    assert not answer.abstained and not answer.asked_back, answer.text()
    assert answer.user_ids == reference.user_ids and answer.reader == "frames"


SHAPES_NOBODY_WROTE = [
    # shapes from the blind sets' development families and the reader's own probes, never their exact sentences
    ("Customers matching -> orders>=2; excl. have ordered in the last forty-five days",
     "customers with at least 2 orders who have not bought anything in the last 45 days"),
    ("not sure this is even possible, but could you maybe find the custmers who bougth {category} in the last 60 days? "
     "I think that's the group we want", "customers who bought {category} in the last 60 days"),
    ("Show me the customers who reviewed something, as well as those who have placed no fewer than 3 orders.",
     "customers who reviewed something or who have at least 3 orders"),
    ("Rules: from Frnace | have sent back something", "customers in France who returned something"),
    ("Pull a customer list for upload to the ESP — shoppers who have been active in the last 14 days — ids only.",
     "customers active in the last 14 days"),
    ("My manager, who runs the email program and has been with the company for ten years, wants people from France who "
     "reviewed something.", "customers in France who reviewed something"),
    ("Please export: customers with an average order value under €30 and more than 1 support message.",
     "customers with an average order value below 30 who sent more than 1 support message"),
    ("Customers matching any of the following criteria: bought {category}; average rating below 2.",
     "customers who bought {category} or whose average rating is below 2"),
    ("last order > sixty days ago", "customers whose last purchase was more than 60 days ago"),
    ("customers who have never rated anything above 2 stars", "customers whose highest rating is 2 or less"),
    ("Some background first: our old loyalty scheme ended in the summer. After going back and forth we settled on "
     "customers who have placed at least 3 orders.", "customers with at least 3 orders"),
    ("Show me the buyers whose net spend is below €30.", "customers with at least 1 order and a net spend below 30"),
    ("new since 26th Aug", "customers first seen since 2026-08-26"),
    ("Rules (OR): bought {category} | returned something in the last 30 days",
     "customers who bought {category} or who returned something in the last 30 days"),
    ("Criteria: bought {category} OR 3+ orders; exclude customers from France",
     "customers outside France who either bought {category} or have at least 3 orders"),
    ("Campaign brief — Goal: win back lapsed buyers. Audience: customers whose last order was more than 60 days ago. "
     "Channel: email.", "customers whose last purchase was more than 60 days ago"),
    ("Requirements: 1. first seen in the last 60 days 2. at least one review 3. no returns",
     "customers first seen in the last 60 days who reviewed something and never returned anything"),
    # shapes of the third blind set's development families and the reader's own probes (agent/reader/framing.py)
    ("Winter brief\n\nContext\nSales were slow, so we want a small test.\n\nWho\nEvery one of these:\n- bought {category}\n"
     "- either reviewed something or sent at least 2 support messages\n\nExclusions\n- people in France\n\nTiming\nNext week.",
     "customers outside France who bought {category} and either reviewed something or sent at least 2 support messages"),
    ("[call transcript] so um what I need is, like, people who, you know, returned something, cool? thanks",
     "customers who returned something"),
    ("Define Spring Wave as customers who reviewed something in the last 90 days.", "customers who reviewed something in the last 90 days"),
    ("q1_test = customers who placed at least 2 orders", "customers with at least 2 orders"),
    ("New audience 'Loyal-7': customers from Germany. Build it please.", "customers in Germany"),
    ("Segment name: Quiet ones. Definition: customers who have not been active in the last 30 days.",
     "customers not active in the last 30 days"),
    ("If a shopper has returned something, they go on the list.", "customers who returned something"),
    ("If customers have reviewed something, they're out; everyone else is in.", "customers who never reviewed anything"),
    ("Customers who bought {category}, but leave out folks who returned something.",
     "customers who bought {category} and never returned anything"),
    ("Customers who bought {category}. Anyone who is from France should be dropped, even if the rest fits.",
     "customers outside France who bought {category}"),
    ("Everyone except people who returned something or reviewed something", "customers who never returned anything and never reviewed anything"),
    ("customers in France — sorry, I mean Germany — who returned something", "customers in Germany who returned something"),
    ("people who bought in the last 30 days, make that 60 days", "customers who bought something in the last 60 days"),
    ("field | value\ncountry | Germany\norders | at least 2", "customers in Germany with at least 2 orders"),
    ("filter:\n  all:\n    - returns >= 1\n  any:\n    - reviews >= 1\n    - country: France",
     "customers with at least 1 return who either reviewed something or are in France"),
    ("avg_rating <= 2 && support_messages >= 1", "customers whose average rating is at most 2 with at least 1 support message"),
    ("customers who have not left a single review", "customers who never reviewed anything"),
    ("buyers who spent under 300 in total, net of returns", "customers with at least 1 order and a net spend below 300"),
    # the fourth blind set's development shapes, in our words
    ("[09:30] can you get me customers who returned something\n[09:31] and throw in everyone who reviewed something too, one list",
     "customers who returned something or reviewed something"),
    ("[09:30] customers who bought {category}\n[09:32] oh, keep only the ones from Germany", "customers in Germany who bought {category}"),
    ("customers who browse {category} but never purchased from it (viewed, no purchase)",
     "customers who viewed {category} but never bought {category}"),
    ("customers who have given only ratings of 4 stars or more", "customers whose lowest rating is at least 4"),
    ("customers whose last purchase is older than 45 days", "customers whose last purchase was more than 45 days ago"),
    ("customers who ordered at least once but no more than 3 times", "customers with between 1 and 3 orders"),
    ("Action item: Sam to pull everyone with zero returns before Friday.", "customers who never returned anything"),
    ("need ppl who have no reviews have bought {category} n are in germany",
     "customers in Germany who bought {category} and never reviewed anything"),
    # an analyst's filter syntax, written by us
    ("WHERE country NOT IN ('France', 'Spain') AND returns_count == 0",
     "customers outside France and Spain who never returned anything"),
    ("last_purchase_days_ago > 60 AND spend_after_returns >= 100",
     "customers whose last purchase was more than 60 days ago with a net spend of at least 100"),
    # time since a last purchase, every review, and one negation over an or-list (our words, after an error taxonomy)
    ("it's been over 60 days since their last purchase", "customers whose last purchase was more than 60 days ago"),
    ("customers whose last order dates back more than 60 days", "customers whose last purchase was more than 60 days ago"),
    ("customers who haven't purchased since 60 days ago", "customers who have not bought anything in the last 60 days"),
    ("customers who rated everything 4 stars or higher", "customers whose lowest rating is at least 4"),
    ("customers who gave only 4 and 5 star reviews", "customers whose lowest rating is at least 4"),
    ("customers who did not return anything or leave a review", "customers who never returned anything and never reviewed anything"),
    ("customers who neither returned anything nor left a review", "customers who never returned anything and never reviewed anything"),
    ("customers from Germany with no returns or reviews", "customers in Germany who never returned anything and never reviewed anything"),
    ("customers who bought {category} unless they live in Germany", "customers who bought {category} and are not in Germany"),
    ("customers whose reviews have all been 4 stars or more", "customers whose lowest rating is at least 4"),
    ("customers who always rate 4 or higher", "customers whose lowest rating is at least 4"),
    ("reviewers who have not given any review below 4", "customers whose lowest rating is at least 4"),
    ("customers whose ratings never exceeded 2 stars", "customers whose highest rating is at most 2"),
    ("customers who spent under 50 in total (buyers only)", "customers with at least 1 order and a net spend below 50"),
    ("customers who've placed an order but whose net spend is under 50", "customers with at least 1 order and a net spend below 50"),
    ("customers with a {category} order, returned or not", "customers who bought {category}"),
    ("customers who bought {category} even if they returned it later", "customers who bought {category}"),
    ("customers who bought {category} items, returns included", "customers who bought {category}"),
    ("customers who bought {category} in the last quarter", "customers who bought {category} in the last 90 days"),
    ("customers whose orders average more than 40", "customers whose average order value is more than 40"),
    ("non-German customers", "customers outside Germany"),
    ("among German customers, those who reviewed something or returned something",
     "customers in Germany who either reviewed something or returned something"),
    ("customers who reviewed something or returned something, all of them in Germany",
     "customers in Germany who either reviewed something or returned something"),
    ("customers who generated more than 300 in sales", "customers with a net spend of more than 300"),
    ("which customers have reviews averaging below 3?", "customers whose average rating is below 3"),
    ("customers with more returns than 2", "customers with more than 2 returns"),
    ("customers who bought {category} rather than books", "customers who bought {category} but not books"),
    ("customers in Germany as opposed to France", "customers in Germany"),
    ("customers who have yet to leave a review", "customers who never reviewed anything"),
    ("customers who bought {category} and are yet to return anything", "customers who bought {category} and never returned anything"),
    ("customers who have never once contacted support", "customers with no support messages"),
    ("customers lacking any reviews", "customers who never reviewed anything"),
    ("return-free customers who bought {category}", "customers who bought {category} and never returned anything"),
    ("customers who leave reviews", "customers who reviewed something"),
    ("customers who did not write a review", "customers who never reviewed anything"),
    ("customers who purchased pet stuff", "customers who bought pet supplies"),
    ("customers whose last purchase was between 30 and 60 days ago",
     "customers whose last purchase was more than 30 days ago and whose last purchase was in the last 60 days"),
    ("customers who haven't bought anything since the start of October", "customers who have not bought anything since 1 October"),
    ("customers who have purchased multiple times", "customers with at least 2 orders"),
    ("Customers who did none of these: returned something, left a review.", "customers who never returned anything and never reviewed anything"),
    ("Customers meeting any of: in Germany, 2+ orders.", "customers who are either in Germany or have at least 2 orders"),
    ("Customers who did at least one of these: returned something, left a review.", "customers who returned something or reviewed something"),
    ("Customers who have done both: bought {category} and left a review.", "customers who bought {category} and reviewed something"),
    ("customers who have no returns at all or have ordered at least 3 times",
     "customers who either never returned anything or have at least 3 orders"),
    # two groups each named with its own head noun are a union; one head with two clauses stays "and"
    ("The union of customers who bought {category} and customers who returned something.",
     "customers who bought {category} or returned something"),
    ("people who bought {category}, and separately people who left a review", "customers who bought {category} or reviewed something"),
    # what a review is of: "the things they bought" restates the object, it is no purchase condition of its own
    ("customers who have reviewed {category} items they ordered from us", "customers who reviewed {category}"),
    ("customers whose reviews are, on average, under 3 stars", "customers whose average rating is below 3"),
    ("customers whose reviews have been 2.5 or lower on average", "customers with an average rating of at most 2.5"),
    ("customers whose worst review is at least 4", "customers whose lowest rating is at least 4"),
    ("Start from the whole base, then filter out whoever has fewer than 3 returns.", "customers with at least 3 returns"),
    ("Customers outside the group of those with more than 2 orders", "customers with at most 2 orders"),
    ("the complement of the customers who returned something", "customers who never returned anything"),
    ("customers in neither of these groups: returned something, more than 2 orders",
     "customers who never returned anything and have at most 2 orders"),
    ("the overlap between customers who bought {category} and customers who returned something",
     "customers who bought {category} and returned something"),
    ("{category} buyers, take away the ones who returned something", "customers who bought {category} and never returned anything"),
    ("customers whose order count is not above 2", "customers with at most 2 orders"),
    # a name said as left out, by a word before it or a participle after it
    ("customers who returned something, Germany excluded", "customers who returned something outside Germany"),
    ("customers who returned something (excl. Germany)", "customers who returned something outside Germany"),
    ("customers who returned something, but leave the German ones out", "customers who returned something outside Germany"),
    ("customers who returned something minus the Germany customers", "customers who returned something outside Germany"),
    ("customers who returned something, {category} not included", "customers who returned something and never bought {category}"),
    ("customers who returned something and are not Germany-based", "customers who returned something outside Germany"),
    ("customers with half a dozen returns or more", "customers with at least 6 returns"),
    ("customers with a couple of returns or more", "customers with at least 2 returns"),
    ("customers who have been with us for less than 60 days", "customers first seen in the last 60 days"),
    # bounds said after the noun, as a direction, or once for two numbers
    ("customers with 2 orders and up", "customers with at least 2 orders"),
    ("customers with 2 orders at a minimum", "customers with at least 2 orders"),
    ("customers who spent south of 100", "customers with net spend below 100"),
    ("customers whose net spend is under the 100 mark", "customers with net spend below 100"),
    ("customers with 1–3 orders", "customers with between 1 and 3 orders"),
    ("customers with at least one but no more than three orders", "customers with at least 1 order and at most 3 orders"),
    # a "not" of the request is no negation of a condition; a closing "either will do" makes the list a choice
    ("I don't suppose you could pull the customers who bought {category}?", "customers who bought {category}"),
    ("Don't forget the customers who bought {category}.", "customers who bought {category}"),
    ("Make sure nobody who returned something is on the list.", "customers who never returned anything"),
    ("Customers with more than 2 orders are to be excluded.", "customers with at most 2 orders"),
    ("customers averaging between 3 and 4 stars", "customers whose average rating is between 3 and 4"),
    ("customers whose reviews average 4 or more", "customers with an average rating of at least 4"),
    ("(a) bought {category}, (b) returned something — anyone meeting either", "customers who bought {category} or returned something"),
    ("any customer who bought {category}; equally, any who returned something", "customers who bought {category} or returned something"),
    ("customers where avg(rating) >= 4", "customers with an average rating of at least 4"),
    ("customers who contacted support not even once", "customers who never contacted support"),
    # groups named twice are a union; a closing or bracketed "either" makes the list a choice, wherever it is said
    ("every customer who bought {category} as well as every customer who returned something", "customers who bought {category} or returned something"),
    ("customers from France and also every customer with 5 or more orders (a customer matching either rule is in), and nobody else",
     "customers from France or with at least 5 orders"),
    ("customers who bought {category}, plus all those who reviewed something", "customers who bought {category} or reviewed something"),
    ("who bought {category}? and who reviewed something? put both groups together in one list", "customers who bought {category} or reviewed something"),
    ("Qualify if (either route is enough): customers who bought {category}; customers with 3 or more orders.",
     "customers who bought {category} or have at least 3 orders"),
    ("Me: the ones who bought {category}.\nTom: just those?\nMe: no, also anyone who contacted support. Either one gets them on the list.",
     "customers who bought {category} or contacted support"),
    ("Customers who returned something are to be listed, and so are customers from France.", "customers who returned something or are from France"),
    # a document's numbering, a dated heading, the speaker's own clause and the list handed back are no conditions
    ("Finding 3 of the review: customers with more than 2 returns. Please extract them.", "customers with more than 2 returns"),
    ("Tab. 4 - customers who bought {category} in the last 30 days", "customers who bought {category} in the last 30 days"),
    ("OKR 1.2: customers who reviewed something", "customers who reviewed something"),
    ("In focus this month: customers who made 1 to 2 returns", "customers with between 1 and 2 returns"),
    ("Return each customer who bought {category}.", "customers who bought {category}"),
    ("the customers who bought {category} that I want to reach", "customers who bought {category}"),
    ("every customer who passes the screener: bought {category} and from France", "customers who bought {category} in France"),
    ("Yesterday I sat in on the pricing review. I need customers who bought {category}.", "customers who bought {category}"),
    ("I have two conditions. One, they bought {category}. Two, they have 3 or more orders. They need both.",
     "customers who bought {category} with at least 3 orders"),
    ("okay comma can you pull every customer who spent over 300 comma and who has never left a review question mark thanks period",
     "customers with net spend over 300 who never reviewed anything"),
    # how a condition is said: net of refunds, an average said as a verb, nothing bought, a window said again
    ("customers who spent more than 400 net of refunds for returned items", "customers with net spend over 400"),
    ("customers who average at most 3 stars across their reviews", "customers whose average rating is at most 3"),
    ("customers who have not ordered a single thing yet", "customers with no orders"),
    ("customers who looked at {category} items during the last 30 days but bought nothing from {category} during that time",
     "customers who viewed {category} without buying in the last 30 days"),
    ("customers who bought {category} in the last 30 days and returned something in that same period",
     "customers who bought {category} in the last 30 days and returned something in the last 30 days"),
    ("customers who bought {category}, with every customer who returned something taken out", "customers who bought {category} and never returned anything"),
    ("customers who first showed up earlier than 16 July 2026", "customers first seen before 2026-07-16"),
    ("customers who have been in touch with support", "customers who contacted support"),
    ("hey, who has shown no activity at all over the last 90 days? can i get them all?", "customers not seen in the last 90 days"),
    ("| include | exclude |\n|---|---|\n| customers who bought {category} | customers with 2 or more returns |",
     "customers who bought {category} with fewer than 2 returns"),
    ("QUALIFY: customers who spent more than 300. SCREEN OUT: anyone who bought something during the past 1 weeks.",
     "customers with net spend over 300 whose last purchase was more than 7 days ago"),
    ("customers with four or more reviews to their name", "customers with at least 4 reviews"),
    ("The CRM health check (finding 3) singles out the customers who contacted support. Action: extract that group in full.",
     "customers who contacted support"),
    ("customers with an average order value that is over 50", "customers with an average order value above 50"),
    ("OKR 2.2 is measured against the customers with 2 or more orders. We need that customer list to set the baseline.",
     "customers with at least 2 orders"),
    ("Q1. Which customers? A1. Customers who bought {category}. Q2. Should any other customers be added? A2. No.",
     "customers who bought {category}"),
    # requests said as rules or conditions
    ("No one should end up in this audience unless they have returned something.", "customers who returned something"),
    ("Don't include a single shopper unless they have bought {category} within the last 14 days.",
     "customers who bought {category} in the last 14 days"),
    ("Leave every customer off the list unless they have returned something; even then, leave them off if they have bought {category}.",
     "customers who returned something and never bought {category}"),
    ("Rules for this audience: In: customers from France. Out: any of them who have written a review.",
     "customers from France who never reviewed anything"),
    ("In: customers who bought {category}. Also in: customers with 3 or more orders. Out: everyone else.",
     "customers who bought {category} or have at least 3 orders"),
    ("Should a customer have contacted customer support, put them on the list; should they also have ordered {category}, leave them out.",
     "customers who contacted support and never bought {category}"),
    ("Run every customer through two questions: (1) Is it true that they have returned something? (2) Is it true that they "
     "have bought {category}? A yes to either question is enough to keep them.", "customers who returned something or bought {category}"),
    ("Include customers only if they have returned something or if they have reviewed something, but not if they live in France.",
     "customers who returned something or reviewed something, excluding France"),
    ("Every time you find a customer who bought {category}, check whether they have returned something; if so, keep them.",
     "customers who bought {category} and returned something"),
    ("Each time you hit a shopper who is based in France, add them to the list. Do the same whenever a customer has returned something.",
     "customers from France or who returned something"),
    ("Should a customer have a most recent purchase that is over 40 days old, add them to the audience. Nobody else.",
     "customers whose last purchase was more than 40 days ago"),
    ("Every time you find a customer who has made one or two returns, add them to the list.", "customers with between 1 and 2 returns"),
    ("customers who had their first activity before the 25th of july 2026", "customers first seen before 2026-07-25"),
    ("customers who bought {category} or returned something, either one being enough", "customers who bought {category} or returned something"),
    ("customers who bought {category}, with 1 row per customer, as a csv I can upload to the ad platform", "customers who bought {category}"),
    # exceptions said with a quantifier: after "no" the exception is kept, after "all" it is left out
    ("Nobody except customers who bought {category}.", "customers who bought {category}"),
    ("None other than the shoppers who returned something, please.", "customers who returned something"),
    ("Exclude every customer except the ones who have written a review.", "customers who reviewed something"),
    ("Not all our customers — only the ones who have 3 or more orders.", "customers with at least 3 orders"),
    ("Not all the shoppers from France: only those of them who returned something.", "customers from France who returned something"),
    ("All of our customers but those who bought {category}.", "customers who never bought {category}"),
    ("Everyone who returned something, barring any who live in France.", "customers who returned something, excluding France"),
    ("Of the customers who bought {category}, I want all but the ones who have returned something.",
     "customers who bought {category} and never returned anything"),
    ("Start with the customers from France, then drop all of them except those who have reviewed something.",
     "customers from France who reviewed something"),
    ("Setting aside anyone who lives in France: every customer who returned something.", "customers who returned something, excluding France"),
    ("Other than any who live in France, which customers bought {category}?", "customers who bought {category}, excluding France"),
    ("None of the customers who bought {category}; everyone else, yes.", "customers who never bought {category}"),
    ("Customers who returned something — and even among them, nobody who lives in France.",
     "customers who returned something, excluding France"),
    ("The shoppers who are left once you take away everyone who has reviewed something.", "customers who never reviewed anything"),
    ("Everyone who bought {category}, and apart from them, everyone who returned something as well.",
     "customers who bought {category} or returned something"),
    ("Define Blue as all customers apart from those who returned something.", "customers who never returned anything"),
    ("Excluding nobody: every customer who returned something.", "customers who returned something"),
    ("Customers who bought {category} and returned something — all of them, and no one else.",
     "customers who bought {category} and returned something"),
    ("Exclude everyone except customers from France — and make a second exception for customers who returned something.",
     "customers from France or who returned something"),
    ("Nobody but customers from France; then exclude, from those, anyone who has reviewed something.",
     "customers from France who never reviewed anything"),
    ("All customers except those who both have not returned anything and have not reviewed anything.",
     "customers who returned something or reviewed something"),
    ("Included: customers from France; also customers who returned something. Excluded: everyone else.",
     "customers from France or who returned something"),
    ("Customers from France, excluding any who neither returned something nor reviewed something.",
     "customers from France and who either returned something or reviewed something"),
    # a purpose is no field asked for; numbers after "minimum"; "only" before a bound; a window said again
    ("The customers who returned something, these we would like to contact next week, can you give them?", "customers who returned something"),
    ("clients having minimum two orders, as list please", "customers with at least 2 orders"),
    ("customers whose best rating is only 3 stars or lower", "customers whose highest rating is at most 3"),
    ("customers who discovered our shop in the last 30 days", "customers first seen in the last 30 days"),
    ("customers who looked at {category} products in the last 30 days but did not buy any {category} in this same period",
     "customers who viewed {category} in the last 30 days without buying"),
    ("customers who browsed {category} and never purchased from it, or who have 3 or more orders",
     "customers who viewed {category} without buying or have at least 3 orders"),
    ("The profile: a customer who returned something but never wrote a review. Which customers fit that description?",
     "customers who returned something and never reviewed anything"),
    # closers, one exception, "but none who", groups put together
    ("Everyone who returned something, without exception.", "customers who returned something"),
    ("Don't leave out anyone who returned something, and don't add anyone who doesn't fit that.", "customers who returned something"),
    ("Don't leave out anyone who returned something, nor anyone who lives in France; don't add anyone else.",
     "customers who returned something or live in France"),
    ("Include every customer, with one exception: those who live in France.", "all customers excluding those who live in France"),
    ("Of the customers who returned something, not one who lives in France should be on the list.",
     "customers who returned something, excluding France"),
    ("Which customers returned something, and which others, besides those, live in France? I want both lots together.",
     "customers who returned something or live in France"),
    ("customers from France, but none who reviewed something", "customers from France who never reviewed anything"),
    # measures, times and people in everyday and international wording
    ("customers who spent over 300 euros once refunds are taken off", "customers with net spend over 300"),
    ("customers with any activity (visit, order, anything) during last 28 days", "customers seen in the last 28 days"),
    ("customers with a net turnover (returns subtracted) above 300 euros", "customers with net spend over 300"),
    ("customers whose orders come from a country different of France", "customers based outside France"),
    ("customers which did buy, but whose net spending stays under 150 euros", "customers who bought something with net spend under 150"),
    ("customers who bought before, but nothing since 60 days", "customers whose last purchase was more than 60 days ago"),
    ("customers with an average basket from 25 until 40 euros", "customers with average order value between 25 and 40"),
    ("customers with a {category} purchase since 5. September 2026", "customers who bought {category} since 2026-09-05"),
    ("clients who make at least one purchase in the past seven days", "customers who bought something in the last 7 days"),
    ("customers having their first visit on 2026-07-12 or later", "customers first seen since 2026-07-12"),
    ("customers who bought {category} in the last 45 days and in the same time that returned something",
     "customers who bought {category} in the last 45 days and returned something"),
    ("customers who have reviewed a product from {category}", "customers who reviewed {category}"),
    ("If a qualifying customer is one who lives in France, which customers qualify?", "customers in France"),
    ("Whoever has left only 4-star-or-better reviews", "customers whose lowest rating is at least 4"),
    ("customers who made purchases adding up to under 100 euros net of returns", "customers who bought something with net spend under 100"),
    # lists typed on one line, lettered statements, "don't forget:", "any who … are to be excluded"
    ("List please, any one line is enough - customers from France - customers who returned something",
     "customers from France or who returned something"),
    ("List please - customers from France - and, out of those, only ones matching at least one of the following - with more than 2 orders - "
     "who returned something", "customers from France and who either have more than 2 orders or returned something"),
    ("Find every customer for whom (a) holds but (b) does not: (a) they have returned something; (b) they live in France.",
     "customers who returned something, excluding France"),
    ("Give me each customer for whom (a) or (b) holds: (a) they live in France; (b) they have returned something.",
     "customers from France or who returned something"),
    ("Make sure the list only has customers who have returned something. And don't forget: each of them also has to be someone who lives in France.",
     "customers from France who returned something"),
    ("Customers who have placed more than 2 orders are to be listed; any who live in France are to be excluded.",
     "customers with more than 2 orders, excluding France"),
    ("Make sure everyone on the list has returned something, and make sure none of them has made more than 2 orders.",
     "customers who returned something and have at most 2 orders"),
    ("customers who haven't sent support a single message", "customers who never contacted support"),
    # from v5, v6, v10 and v11 (studied this round): groups put together, a choice after "as long as", narration
    ("I need the customers who returned something, as long as they also live in France or have more than 3 orders, so that I can target them.",
     "customers who returned something and who either live in France or have more than 3 orders"),
    ("There are customers who returned something and there are customers who live in France — send me all of them together.",
     "customers who returned something or live in France"),
    ("Anyone who returned something counts, and so does anyone who lives in France. List everybody.",
     "customers who returned something or live in France"),
    ("Combine everyone who returned something with everyone who lives in France into one deduplicated list.",
     "customers who returned something or live in France"),
    ("Across both groups — users who bought {category} and users who live in France — who is there? Anyone from either.",
     "customers who bought {category} or live in France"),
    ("customers who top out at 3 stars in every review they wrote", "customers whose highest rating is at most 3"),
    ("people who have left feedback (a review) on a {category} item", "customers who reviewed {category}"),
    ("Set difference, please: people who returned something, less the set of people who live in France.",
     "customers who returned something, excluding France"),
    ("the customers who have spent less than 150 euros in total after returns, counting people who never bought anything",
     "customers with net spend under 150"),
    ("I got an earful because we've been ignoring the customers who returned something. I need to show him who they are.",
     "customers who returned something"),
    ("It turns out there are customers who returned something, and at the same time live in France, and I want to see every one of them.",
     "customers from France who returned something"),
    ("Whenever you come across a customer who lives in France, skip them; add every other customer to the list.",
     "all customers excluding those who live in France"),
    ("I need an audience for a campaign. Nobody in it may have purchased something from {category}.", "customers who never bought {category}"),
    ("Run every customer through a single question: is it the case that the customer has reviewed a product? Keep the ones where the answer is no.",
     "customers who never reviewed anything"),
    ("customers who have returned something and have not once bought {category} items", "customers who returned something and never bought {category}"),
    ("Split our customers into two groups: those who live in France, and everyone else. Only the second of the two interests me.",
     "all customers excluding those who live in France"),
    ("customers who returned something or haven't ordered in the last 45 days (but did order before that)",
     "customers who returned something or whose last purchase was more than 45 days ago"),
    ("take the customers who have shown any activity at all (a visit, a search, anything) in the past 28 days, but none who bought {category}",
     "customers seen in the last 28 days who never bought {category}"),
    ("Whoever has shown up on the site (any activity) within the past 21 days and has returned something should be on it.",
     "customers seen in the last 21 days who returned something"),
    ("Don't leave out anyone who returned something — unless they live in France, in which case don't include them.",
     "customers who returned something, excluding France"),
    ("I NEED EVERY CUSTOMER EXCEPT THOSE WHO LIVE IN FRANCE ON MY DESK TODAY.", "all customers excluding those who live in France"),
    # a bound that takes in those with nothing, a window in brackets, a role noun under an exclusion
    ("customers whose net spend after returns is below 70, people who never bought counted as zero", "customers with net spend under 70"),
    ("customers whose net spend is under 70 (people who never ordered count as 0)", "customers with net spend under 70"),
    ("customers with at most a dozen orders, zero included", "customers with at most 12 orders"),
    ("Recently active accounts (last 14 days) with a net spend below 70 euros", "customers seen in the last 14 days with net spend under 70"),
    ("{category} buyers (last 60 days) or customers with at least 2 returns",
     "customers who bought {category} in the last 60 days or have at least 2 returns"),
    ("{category} buyers from the last two weeks, excluding reviewers with 3 or more reviews",
     "customers who bought {category} in the last 14 days and have fewer than 3 reviews"),
    # from v14 and v15 (studied this round): gross and short-of bounds, "(or both)", narrowing, unions, role nouns with "non-"
    ("customers whose average order value is above 60 euros (counted before any returns)", "customers with average order value over 60"),
    ("customers with an average basket over 40 euros, counted before refunds", "customers with average order value over 40"),
    ("customers who have spent short of 400 euros after refunds", "customers with net spend under 400"),
    ("customers whose reviews average strictly above 3.5 stars", "customers with an average rating over 3.5"),
    ("customers who have placed orders from outside France or returned something", "customers based outside France or who returned something"),
    ("customers from outside France or whose last order was more than 120 days ago (or both)",
     "customers based outside France or whose last purchase was more than 120 days ago"),
    ("customers who have been around since before 1 September and reviewed anything", "customers first seen before 2026-09-01 who reviewed something"),
    ("customers who bought {category} and have done anything at all with us (browsing included) in the past month",
     "customers who bought {category} and were seen in the last 30 days"),
    ("all non-reviewers", "customers who never reviewed anything"),
    ("the non-returners among our French customers", "customers from France who never returned anything"),
    ("customers who are non-purchasers of {category}", "customers who never bought {category}"),
    ("accounts marked by the absence of returns", "customers who never returned anything"),
    ("customers with the absence of any {category} purchase", "customers who never bought {category}"),
    ("customers, buyers or not, with a net spend below 80 euros", "customers with net spend under 80"),
    ("shoppers with an order count of 3 or more", "customers with at least 3 orders"),
    ("customers showing a return count of 2 or more, or a review count of at least 3 (or both)",
     "customers with at least 2 returns or at least 3 reviews"),
    ("customers with {category} views but no {category} purchase within the trailing 14-day window",
     "customers who viewed {category} but did not buy it in the last 14 days"),
    ("all French customers, restricted to those who bought {category} or returned something",
     "customers from France who either bought {category} or returned something"),
    ("customers with a 5-star review, in combination with 2+ orders or 1+ returns (or both)",
     "customers with a 5 star review who either have at least 2 orders or returned something"),
    ("customers who returned nothing — more precisely, only the ones with 2+ orders or based in France (or both)",
     "customers who never returned anything and who either have at least 2 orders or live in France"),
    ("the buyers of {category}, plus the customers with 3 or more returns, as one combined list",
     "customers who bought {category} or have at least 3 returns"),
    ("customers with no reviews together with all buyers of {category} since 3 Oct 2026, merged into a single list",
     "customers who never reviewed anything, or who bought {category} since 2026-10-03"),
    ("reviewers whose best rating is 3 or below, plus buyers averaging more than 75 euros per order, as one combined list",
     "customers whose highest rating is at most 3 or with average order value over 75"),
    ("books-buying customer accounts with a net spend below 100 euros", "customers who bought books with net spend under 100"),
    ("non-UK accounts with 2 orders", "customers based outside the United Kingdom with exactly 2 orders"),
    ("The CRM's single-order customers, please.", "customers with exactly 1 order"),
    ("customers with at least 1 review unseen within the last 7 days", "customers with at least 1 review who were not seen in the last 7 days"),
    # numbers and dates in words, closers that ask who gets it, leads that name the records, a report's names for them
    ("customers who spent over five hundred euros", "customers with net spend over 500"),
    ("customers with net spend above two thousand euros", "customers with net spend over 2000"),
    ("customers who last bought from us before the fifth of September", "customers whose last purchase was before 2026-09-05"),
    ("customers first seen after the twenty-first of July", "customers first seen after 2026-07-21"),
    ("Which customers either returned something or live in France, at least one of the two?", "customers who returned something or live in France"),
    ("customers who bought {category} and either have 3 orders or live in France (one or both)",
     "customers who bought {category} and who either have exactly 3 orders or live in France"),
    ("customers from France who returned something and reviewed something (all three must hold)",
     "customers from France who returned something and reviewed something"),
    ("If we sent a coupon only to customers who returned something, who would get one?", "customers who returned something"),
    ("Imagine we emailed customers who reviewed something. Who gets counted?", "customers who reviewed something"),
    ("customers who returned something — could you pull that together?", "customers who returned something"),
    ("Whose data tells us they returned something in the last 30 days?", "customers who returned something in the last 30 days"),
    ("Build me a list where each person on it has returned something and lives in France.", "customers from France who returned something"),
    ("Which customers have made purchases while based outside France?", "customers based outside France"),
    ("I want customers selected on the basis that they returned something and that they live in France.",
     "customers from France who returned something"),
    ("customers with a net spend of less than 200 euros, counting non-buyers as zero", "customers with net spend under 200"),
    ("customers with a purchase history and no reviews", "customers who bought something and never reviewed anything"),
    ("customers with views of {category} items but zero {category} purchases", "customers who viewed {category} without buying it"),
    ("customers with {category} views but no {category} purchase, both within the last 30 days",
     "customers who viewed {category} but did not buy it in the last 30 days"),
    ("the accounts with zero support messages within our entire customer base, please", "customers who never contacted support"),
    ("customers who never returned anything — full roster", "customers who never returned anything"),
    ("Extraction of all reviewers with two to four support messages inclusive — for the campaign file.",
     "customers who reviewed something and have between 2 and 4 support messages"),
    ("customers whose first activity predates 2026-07-27", "customers first seen before 2026-07-27"),
    ("Accounts showing a first-seen date of 24 July 2026 or later, please.", "customers first seen since 2026-07-24"),
    ("Accounts having a country of record of France.", "customers based in France"),
    ("customers with no activity during the last week", "customers not seen in the last 7 days"),
    ("customers with a net spend (after returns) of more than 250 euros", "customers with net spend over 250"),
    ("4-to-8-order (inclusive) customers", "customers with between 4 and 8 orders"),
    ("Lapsed buyers with no order in the last forty-five days", "customers whose last purchase was more than 45 days ago"),
    ("review-free accounts who bought {category}", "customers who bought {category} and never reviewed anything"),
    ("customers who returned something, which I honestly didn't expect", "customers who returned something"),
    ("customers with 4 orders either with reviews but none below three stars or with a {category} purchase (or both)",
     "customers with exactly 4 orders who either have a lowest rating of at least 3 or bought {category}"),
    ("all customers with no returns on record either with views of {category} items but zero {category} purchases or with 3 orders",
     "customers who never returned anything and who either viewed {category} without buying it or have exactly 3 orders"),
    ("Accounts qualifying as all of: accounts with a latest rating of three stars or lower; accounts with at least 2 orders.",
     "customers whose latest rating is at most 3 and who have at least 2 orders"),
    ("customers with a net spend below 20 euros (buyers only) but not purchasers of {category}",
     "customers who bought something with net spend under 20 and never bought {category}"),
    # a request inside a message: the speaker's day, budgets, send dates and last campaign's results are no conditions
    ("Hello! Can you get me the customers who bought {category} — the meeting is at 3pm, sorry — and who live in France?",
     "customers from France who bought {category}"),
    ("Thanks for last month's list, the open rate was 34% and it drove 12 orders worth €900. This time, a fresh group: customers who reviewed something.",
     "customers who reviewed something"),
    ("Hi both — for the spring campaign (budget €3k, send date 2 March) we need customers who reviewed something. The click rate last time was 4.2%. Cheers",
     "customers who reviewed something"),
    ("Customers who returned something. Actually, make that customers who reviewed something. Everything else stands.",
     "customers who reviewed something"),
    ("Customers who bought {category} and live in France. Correction: \"live in France\" should read \"live in Germany\".",
     "customers from Germany who bought {category}"),
    ("Customers with more than 2 orders who live in France. Erratum: where I wrote \"more than 2 orders\", read \"more than 4 orders\".",
     "customers from France with more than 4 orders"),
    # the shorthand of CRM work: repeaters, w/o, tickets, LTV, set symbols
    ("repeaters in FR", "customers from France with at least 2 orders"),
    ("customers w/o returns, excl. DE", "customers who never returned anything, excluding Germany"),
    ("customers w/ 0 tickets & 3+ orders", "customers who never contacted support and have at least 3 orders"),
    ("buyers with LTV > 500", "customers who bought something with net spend over 500"),
    ("{category} buyers ∪ customers with 3+ returns", "customers who bought {category} or have at least 3 returns"),
    ("{category} buyers ∩ FR customers", "customers from France who bought {category}"),
    ("customers who returned something and have placed at least one order during the previous seven days",
     "customers who returned something and bought something in the last 7 days"),
    ("customers who looked at {category} items in the last fortnight yet made no purchase in that category over that same stretch",
     "customers who viewed {category} but did not buy it in the last 14 days"),
    ("customers who returned something and reviewed something, all two together pls", "customers who returned something and reviewed something"),
    ("customers whose orders are from the United Kingdom", "customers based in the United Kingdom"),
    ("customers with fewer than 3 reviews (also zero)", "customers with fewer than 3 reviews"),
    ("Kindly revert with the list of persons who returned something", "customers who returned something"),
    ("customers with at least one order but fewer than 3", "customers with between 1 and 2 orders"),
    ("customers with a net spend above 300 euros within our {category} buyers", "customers who bought {category} with net spend over 300"),
    ("UK-based accounts, as well as the ones with 3 or more reviews", "customers based in the United Kingdom or with at least 3 reviews"),
    ("customers with 2+ orders and either a return count of zero or a 5-star review",
     "customers with at least 2 orders who either never returned anything or gave a 5 star review"),
    ("Thanks for last week's list: the Spring Days email got a 38% open rate and drove 12 orders. This time: customers who returned something.",
     "customers who returned something"),
    ("We're sending the Autumn email and banner on Friday 13 November to customers with at least 2 orders.", "customers with at least 2 orders"),
    # a named category's count of at least one (or none) is that act with that name
    ("customers where {category} returns >= 1", "customers who returned {category}"),
    ("customers where not ({category} purchases >= 1)", "customers who never bought {category}"),
    ("{category} reviews = 0 and country = FR", "customers from France who never reviewed {category}"),
    ("customers with {category} returns > 0", "customers who returned {category}"),
    # brackets that close on a number, "non-" before a country, list bullets typed on one line
    ("(orders between 2 and 4) and country = DE", "customers from Germany with between 2 and 4 orders"),
    ("non-Germany {category} buyers", "customers outside Germany who bought {category}"),
    ("overlap of non-FR customers and {category} buyers", "customers outside France who bought {category}"),
    ("match any of the following: * bought {category} * lives in France", "customers who bought {category} or live in France"),
    ("audience criteria (ANY of): * {category} returners * geo = France", "customers who returned {category} or live in France"),
    # groups named by a role noun, put together or taken away
    ("{category} returners plus {brand} buyers", "customers who returned {category} or bought {brand}"),
    ("combine {category} returners with customers in France (anyone in either list)", "customers who returned {category} or live in France"),
    ("everyone, then remove {brand} buyers", "customers who never bought {brand}"),
    ("{category} buyers minus heavy reviewers (3+ reviews)", "customers who bought {category} excluding those with at least 3 reviews"),
    ("overlap of customers who reviewed something with the union of everyone with net spend under 100 EUR and customers with 2+ returns",
     "customers who reviewed something and either have net spend under 100 or at least 2 returns"),
    ("customers in France with either 2+ returns or at least one order but net spend under 20",
     "customers from France who either have at least 2 returns or have at least 1 order and net spend under 20"),
    ("audience = recent purchasers (last 90 days)", "customers who bought something in the last 90 days"),
    ("customers who spent less than 25 EUR net (never-buyers count as 0)", "customers with net spend under 25"),
    ("customers with net spend above 300 but fewer than 6 orders (never-ordered included)", "customers with net spend over 300 and fewer than 6 orders"),
    ("customers who have written a review more than once", "customers with more than 1 review"),
    # a request inside a message: a relative clause after a decimal, budgets, postscripts that add a group, "keep out"
    ("people who rate us 2.5 to 3.5 stars on average, who bought something within the last 60 days, and who have left a review on a {category} item",
     "customers with an average rating between 2.5 and 3.5 who bought something in the last 60 days and reviewed {category}"),
    ("hi\ngot €3,000 to spend on a mailer\ncustomers who bought {category} since 2026-08-03\nthanks", "customers who bought {category} since 2026-08-03"),
    ("Can I get people who bought {category}? Cheers. P.S. Please also add all those who bought {brand}, whether or not they fit the first part.",
     "customers who bought {category} or bought {brand}"),
    ("Can I get customers who reviewed {category}? P.S. People who have between 1 and 4 support messages can go on the list too, even if they don't match the above.",
     "customers who reviewed {category} or have between 1 and 4 support messages"),
    ("customers with an average order value under 30 — and please keep out those who have a {category} return on record",
     "customers with an average order value under 30 who never returned {category}"),
    ("We could go after every customer we have. I'd rather not include those who bought {category}, so please take them out.",
     "customers who never bought {category}"),
    ("Could you pull customers who bought {category}? I'll need it before 2pm on Wednesday 4 November, and only the ones who also have 2+ orders.",
     "customers who bought {category} with at least 2 orders"),
    ("The last list worked well, 42 orders so far on a €4,800 spend. This time I need customers who bought {category}.", "customers who bought {category}"),
    ("Could you pull — sorry, typing this between two meetings — customers who bought {category}?", "customers who bought {category}"),
    ("Customers who bought {category} and live in France. Edit: \"live in France\" in my message should have said \"live in Germany\".",
     "customers from Germany who bought {category}"),
    ("Customers with 2+ returns who haven't bought {brand} during the past 90 days. Small fix to the above: replace \"haven't bought {brand} "
     "during the past 90 days\" with \"have not bought {category} since 1 Oct\".", "customers with at least 2 returns who have not bought {category} since 1 Oct"),
    ("I'm thinking of customers with exactly 1 return. That's probably too broad, so keep only those who bought {category}.",
     "customers with exactly 1 return who bought {category}"),
    ("Ana's idea is shoppers who bought {category}. I'd widen it: add shoppers who live in Germany as well, even if they don't fit Ana's part.",
     "customers who bought {category} or live in Germany"),
    ("Let's go with customers who made at least one purchase since 4 Oct.", "customers who bought something since 4 Oct"),
    # the wording of terms and policies: defined terms, clause numbers and references, provisos, requirement ids
    ("In this policy, \"Qualifying Purchaser\" means a customer who bought {category}, and \"Reviewer\" means a customer who has written "
     "at least one review. The list shall include each customer who is both a Qualifying Purchaser and a Reviewer.",
     "customers who bought {category} and reviewed something"),
    ("Subject to clause 3, all customers who bought {category} are eligible. 3. Notwithstanding clause 2, customers who have returned anything "
     "shall not be eligible.", "customers who bought {category} and never returned anything"),
    ("Dear colleague, we write to instruct you to list all customers who have purchased {category}, excepting only those who have returned an item.",
     "customers who bought {category} and never returned anything"),
    ("Save where the customer has returned an item, every customer who bought {category} qualifies.", "customers who bought {category} and never returned anything"),
    ("Definitions: Category A Customer means any customer who bought {category}. Category B Customer means any customer based in France. "
     "Operative provision: the list comprises every person who is either a Category A Customer or a Category B Customer.",
     "customers who bought {category} or live in France"),
    ("\"Frequent Buyer\" means a customer with more than 3 orders; \"Returner\" means a customer who has returned an item. The offer is open "
     "to each Frequent Buyer who is not a Returner.", "customers with more than 3 orders who never returned anything"),
    ("REQ-01 (Mandatory): the customer has bought {category}. REQ-02 (Exclusion): the customer is based in France. Acceptance: REQ-01 and not REQ-02.",
     "customers outside France who bought {category}"),
    ("R1 (Mandatory): the customer has more than 2 orders. R2 (Alternative): the customer is based in Germany. R3 (Alternative): the customer "
     "has returned something.", "customers with more than 2 orders who either live in Germany or returned something"),
    ("2. Eligibility 2.1 A customer is eligible where: (a) they are based in Germany; and (b) they have more than 2 orders.",
     "customers from Germany with more than 2 orders"),
    ("The offer is open to customers who bought {category}. Notwithstanding the foregoing, customers based in France shall also be eligible.",
     "customers who bought {category} or live in France"),
    ("Dear team, please list all customers falling within either of the following categories: (i) customers based in Germany; "
     "(ii) customers who have returned an item. Kind regards.", "customers who live in Germany or returned something"),
    ("The benefit shall be available only to customers who have placed more than 3 orders, save that customers based in France shall not qualify.",
     "customers outside France with more than 3 orders"),
    ("A customer shall be deemed not to be eligible where the customer has returned any item; otherwise every customer who bought {category} is eligible.",
     "customers who bought {category} and never returned anything"),
    ("Requirement R-1 (Mandatory): Customer has purchased {category}. Requirement R-2 (Alternative): Customer is based in France. "
     "Requirement R-3 (Alternative): Customer has more than 3 orders. Requirement R-4 (Output): customer ID.",
     "customers who bought {category} and either live in France or have more than 3 orders"),
    ("4. Eligible Recipients\n(a) the customer is based in Germany; and\n(b) the customer either:\n   (i) has returned an item; or\n"
     "   (ii) has more than 3 orders.\n(c) The list shall be delivered to the CRM team.",
     "customers from Germany who either returned something or have more than 3 orders"),
    ("A customer who has bought {category} shall be deemed eligible. A customer based in France shall be deemed eligible. "
     "No other customer shall be deemed eligible.", "customers who bought {category} or live in France"),
    ("Clause 1: All customers who bought {category} are eligible. Clause 2: Notwithstanding Clause 1, a customer who has returned an item "
     "is not eligible unless they are based in France.", "customers who bought {category} and either never returned anything or live in France"),
    ("Eligible: customers who bought {category}. Ineligible: customers based in France.", "customers outside France who bought {category}"),
    ("It is a condition precedent to eligibility that the customer has purchased {category}.", "customers who bought {category}"),
    ("Terms: 1. The offer is open to customers who bought {category}. 2. Limit one voucher per customer. 3. The voucher has no cash value "
     "and expires on 31 December 2026.", "customers who bought {category}"),
    ("Eligible account holders are those with a registered address in Germany.", "customers based in Germany"),
    ("1. General rule. Every customer who bought {category} is eligible. 2. Override. Notwithstanding clause 1, a customer is eligible only if "
     "they are also based in Germany.", "customers from Germany who bought {category}"),
    ("These terms are governed by the laws of England and Wales. The offer is open to customers who bought {category}.", "customers who bought {category}"),
    ("(A) WHEREAS the team needs a list; (B) WHEREAS these rules were reviewed and approved by Legal; NOW, THEREFORE, it is resolved that the "
     "list shall hold all account holders with a lowest review rating of at least four (4) stars.", "customers whose lowest rating is at least 4"),
    ("It is resolved that the list shall hold all customers who have an earliest recorded activity on the Shop falling on or after 2 August 2026.",
     "customers first seen on or after 2 August 2026"),
    ("Kindly compile a list of customers falling within either of the following categories, namely (1) those located in France and (2) those who "
     "have returned something. A customer within both categories should appear once.", "customers who live in France or returned something"),
    ("The offer is open to account holders who have placed orders whose average value is at least 60.00.", "customers with an average order value of at least 60"),
    ("A customer qualifies if the customer has bought something within ninety (90) days before the list is drawn.", "customers who bought something in the last 90 days"),
    ("Eligibility requires an average star rating, across the reviews they have written, of no more than 3.", "customers with an average rating of at most 3"),
    ("customers who have most recently rated a product with a score of two (2) stars", "customers whose latest rating is exactly 2"),
    ("account holders who have awarded the maximum five (5) stars in at least one review", "customers who gave a 5 star rating"),
    ("A customer qualifies who has bought {category} during the 45 days immediately preceding the date of extraction. Please supply the Marketing "
     "Team with a list of every customer so entitled.", "customers who bought {category} in the last 45 days"),
    ("Every account holder included shall be someone who has spent, after returns, less than 75.00 and who has previously bought from the Shop.",
     "customers who bought something with net spend under 75"),
    ("“Band 2 Account Holder” means any account holder of the Shop who is based in Germany. The list shall comprise each Band 2 Account Holder.",
     "customers based in Germany"),
    ("customers who bought something before but none in the last 14 days", "customers who bought something but not in the last 14 days"),
    ("customers who have a recorded order country of France", "customers based in France"),
    ("customers who have been active on the Shop in the last 30 days", "customers seen in the last 30 days"),
    ("customers who viewed {category} in the last 21 days but did not buy {category} in that period",
     "customers who viewed {category} but did not buy it in the last 21 days"),
    ("customers who ordered something in the past week, or who viewed {category} since the 2nd of October without buying any {category} during "
     "that same period", "customers who either bought something in the last 7 days or viewed {category} but did not buy it since 2 October"),
    ("customers who bought {brand}, specifically the ones with a first visit before 2 August 2026", "customers who bought {brand} and were first seen before 2 August 2026"),
    ("Inclusion in the list to be supplied to the CRM team shall be conditional upon the customer having bought {category}.",
     "customers who bought {category}"),
    # a search box's and a spreadsheet's syntax
    ("=FILTR(customers, AND(country=\"FR\", orders>2)", "customers from France with more than 2 orders"),
    ("\"{category}\" AND (country:FR OR country:DE) -returned:yes",
     "customers who bought {category} and live in France or Germany and never returned anything"),
    ("hey assistant show me customers who spent over one thousand two hundred euros", "customers with net spend over 1200"),
    ("customers first seen on or after the twenty first of july twenty twenty six", "customers first seen on or after 21 July 2026"),
    ("category:{category} AND country:FR NOT returned:yes", "customers from France who bought {category} and never returned anything"),
    ("{category} buyers -france", "customers outside France who bought {category}"),
    ("=FILTER(customers; OR(country=\"DE\"; returns>0))", "customers who live in Germany or returned something"),
    ("=filter(a2:a300, and(category=\"{category}\", not(country=\"fr\"))", "customers outside France who bought {category}"),
    # typed or dictated in a hurry: fragments between dots, an early Enter, numbers and spans in words, a spoken correction
    ("people who returned sth..in germany..2+ orders..thx!!", "customers from Germany who returned something and have at least 2 orders"),
    ("customers who bought {category} and\nsorry hit enter too soon - who live in france", "customers from France who bought {category}"),
    ("customers who returned something and who are based in\n(sorry, hit enter) germany", "customers from Germany who returned something"),
    ("customers with net spend of twelve hundred euros or more", "customers with net spend of at least 1200"),
    ("customers whose last order was over half a year ago", "customers whose last purchase was more than 6 months ago"),
    ("customers who bought {category} in the last 30 days full stop no wait 60 days", "customers who bought {category} in the last 60 days"),
    # CRM shorthand: support counted as contacts or tickets, days since, "-based", how non-buyers count, list separators
    ("customers based in France AND NOT (CS contacts >= 1)", "customers from France who never contacted support"),
    ("customers with 2+ orders w/o a single CS contact", "customers with at least 2 orders who never contacted support"),
    ("full list: anyone with a support ticket", "customers who contacted support"),
    ("query: customers where days since last seen <= 14", "customers seen in the last 14 days"),
    ("include: purchased last 60d // suppress: nobody", "customers who bought something in the last 60 days"),
    ("customers w/ AOV > 20 - for the CRM push", "customers with an average order value over 20"),
    ("users WHERE net_spend < 25 (0 for non-buyers)", "customers with net spend under 25"),
    ("rule: IF customer has returned a {category} item AND is not FR-based -> add to audience", "customers outside France who returned {category}"),
    ("heavy support users (4+ tickets)", "customers with at least 4 support messages"),
    ("build seg: lapsed 60d+ (last order over 60 days ago)", "customers whose last purchase was more than 60 days ago"),
    ("custs where ({category} views >= 1 and {category} purchases = 0)", "customers who viewed {category} but never bought it"),
    ("customers where {brand} orders (last 30d) > 0", "customers who bought {brand} in the last 30 days"),
    ("custs where (avg_rating between 3 and 4) and not ({category} orders (last 45 days) > 0)",
     "customers with an average rating between 3 and 4 who did not buy {category} in the last 45 days"),
    ("Can you find customers who have ordered more than 3 times? Need it by Monday 9 November, if that works for you.",
     "customers with more than 3 orders"),
    ("We're sending the email on Friday 13 November with a 10% discount; print and postage are capped at €1,200. The audience is customers who bought {category}.",
     "customers who bought {category}"),
    ("just all-time {category} buyers, no other filters", "customers who bought {category}"),
    ("peple who returnd somthing and havnt reviewd anything thats who i need", "customers who returned something and never reviewed anything"),
    ("cusotmers wiht more then 3 odrers", "customers with more than 3 orders"),
    ("cust. who spent over €1.200,50 net", "customers with net spend over 1200.50"),
    ("cn u gimme custs w/ 3+ ordrs & no rtrns thx", "customers with at least 3 orders who never returned anything"),
    ("customers in France.. who bought {category}.. in the last 30 days.. cheers", "customers from France who bought {category} in the last 30 days"),
    ("custmers who havent boght anyting in the last 90 dys", "customers who have not bought anything in the last 90 days"),
    ("{category} returners plus customers in France", "customers who returned {category} or live in France"),
    ("Ana suggested customers who bought {category}. I agree, but I'd narrow it to the ones who also have placed at least 2 orders.",
     "customers who bought {category} with at least 2 orders"),
    # a request revised before it was sent: struck, unticked, withdrawn, renumbered, noted, swapped, narrowed, widened
    ("customers who bought ~~{brand}~~ {category} in the last 90 days", "customers who bought {category} in the last 90 days"),
    ("customers who bought {category} and ~~have returned something~~ live in Germany", "customers from Germany who bought {category}"),
    ("customers who:\n[x] bought {category}\n[ ] live in France\n[x] have at least 2 orders", "customers who bought {category} with at least 2 orders"),
    ("customers who:\n☑ bought {category}\n☐ live in France\n☑ have at least 2 orders", "customers who bought {category} with at least 2 orders"),
    ("customers who bought {category} and who have returned something. scratch the returns part", "customers who bought {category}"),
    ("1. bought {category}\n2. lives in France\n3. at least 2 orders\nall of them must hold. Edit: delete item 2.",
     "customers who bought {category} with at least 2 orders"),
    ("customers who bought {category} in the last 30 days [correction: 45 days]", "customers who bought {category} in the last 45 days"),
    ("customers who bought {brand} [remove this] and live in France", "customers from France"),
    ("customers who bought {category} in the last 30 days. make that 60 days instead", "customers who bought {category} in the last 60 days"),
    ("> Can you pull customers in France who bought {category}?\nSame but Spain instead of France", "customers from Spain who bought {category}"),
    ("Previously: customers who bought {category} and live in France. Changes: - country: France → Germany", "customers from Germany who bought {category}"),
    ("Customers who bought {category}.\nActually, only the ones who also live in Germany.", "customers from Germany who bought {category}"),
    ("Customers who bought {category}.\nActually, also add anyone in Germany, whether or not they bought {category}.",
     "customers who bought {category} or live in Germany"),
    ("customers in Germany, whether or not they bought {category}", "customers from Germany"),
    ("Draft 1: customers who bought {category} in the last 30 days\nDraft 2: customers who bought {category} in the last 90 days\n"
     "let's go with draft 2", "customers who bought {category} in the last 90 days"),
    ("Last week's audience: customers who bought {category} and reviewed something.\nChanges:\n- removed: reviewed something\n"
     "- added: live in Germany", "customers from Germany who bought {category}"),
    ("customers with at least 2 returns; change 2 to 3", "customers with at least 3 returns"),
    ("people who bought {category} and live in France. Change France to Spain.", "customers from Spain who bought {category}"),
    ("1. bought {category}\n2. lives in France\n3. at least 2 orders\nlogic: all of the above. update: item 3 should be at least 4 orders",
     "customers from France who bought {category} with at least 4 orders"),
    ("customers in Germany who returned something. Actually, forget the returns bit.", "customers from Germany"),
    ("Option B is the one I want. Drafts:\nOption A: customers who bought {category}.\nOption B: customers who bought {category} and live in France.",
     "customers from France who bought {category}"),
    ("Two drafts.\nVersion A: customers in Spain\nVersion B: customers in Germany\nPlease use Version B; the other one was my first pass.",
     "customers from Germany"),
    ("Marta asked:\n> can we get customers who bought {category} in the last 2 weeks?\nUse that, except 2 weeks should be 30 days.",
     "customers who bought {category} in the last 30 days"),
    ("Can you pull customers who returned something and who live in Spain. Wait, Spain should read Germany.",
     "customers from Germany who returned something"),
    ("customers who bought {category} in the last 30 days (30 days → 60 days, sorry)", "customers who bought {category} in the last 60 days"),
    ("Leo asked:\n> customers who bought {brand} for the promo\nSame, but with {category} where it says {brand}.", "customers who bought {category}"),
    ("From Ana:\n> customers with 2+ support messages. Also only those who have returned something at least once.\n"
     "Run it without the \"returned something at least once\" condition; everything else stays.", "customers with at least 2 support messages"),
    ("customers with net spend under 70 (people who never bought count too, at zero)", "customers with net spend under 70"),
    ("customers who returned something, net spend under 100 (including those who have spent nothing)",
     "customers who returned something with net spend under 100"),
    ("customers who have made more than 1 return [correction: 2 returns, not 1 return], and who are based in Germany",
     "customers from Germany with more than 2 returns"),
    ("customers first seen before July 14 who live in Germany. On second thought, go with July 22 rather than July 14.",
     "customers from Germany first seen before July 22"),
    ("Criteria:\n(1) net spend above 250\n(2) gave exactly 4 stars in their most recent review\nLogic: (1) and (2), all required\n"
     "Edit to (2): 5 stars instead of 4 stars.", "customers with net spend above 250 whose latest rating is 5"),
    ("People matching:\n(1) average under 2.5 stars across their reviews\n(2) net spend above 100\nLogic: (1) and (2)\n"
     "Correction on (1): 2.5 stars → 3.5 stars.", "customers with an average rating under 3.5 and net spend above 100"),
    ("looking for shoppers who have sent back an item from our {brand} range. Make that {category} instead of {brand}.",
     "customers who returned {category}"),
    ("customers with 2+ orders who bought {category}. Hmm, scratch the bit about “who bought {category}”.", "customers with at least 2 orders"),
    ("Shoppers with a latest review rating of 4 stars or lower who contacted support. Scratch 4 stars, put 3 stars there instead.",
     "customers whose latest rating is at most 3 who contacted support"),
    # seventh round: noisy typing (studied after its clean figure), probed in our own words
    ("customers who checked out {category} during the past 3 weeks and bought none of it in that time",
     "customers who viewed {category} in the last 21 days without buying"),
    ("shoppers who browsed {category} in the last 10 days, with no {category} purchase in that window",
     "customers who viewed {category} in the last 10 days without buying"),
    ("customers seen in the last 96 hours", "customers last seen within the last 4 days"),
    ("customers who rated us 2 stars or less at least once", "customers whose lowest rating is at most 2"),
    ("people who have, at least once, given 5 stars", "customers whose highest rating is at least 5"),
    ("customers who left ratings that are all 4 stars or more", "customers whose lowest rating is at least 4"),
    ("=FILTER(customers; COUNT(reviews)>=2)", "customers with at least 2 reviews"),
    ("=FILTRE(customers, AND(DAYS_SINCE(last_purchase)<=20, returned(\"{category}\")))",
     "customers who returned {category} and whose last purchase is within the last 20 days"),
    ("=filter(customers, first_seen>=DATE(2026,9,1), LAST(rating)<=2)", "customers first seen since 2026-09-01 whose latest rating is at most 2"),
    ("=FILTER(customers, AND(COUNT(orders)>2, AVERAGE(rating)>=4)) (sorry, typing fast)",
     "customers with more than 2 orders and an average rating of at least 4"),
    ("customers who returned {category} that's it full stop", "customers who returned {category}"),
    ("customers based in Germany no sorry Spain with 2+ orders", "customers from Spain with at least 2 orders"),
    ("customers living anywhere but Spain, sorry I mean the United Kingdom, who returned something",
     "customers outside the United Kingdom who returned something"),
    ("customers who bought {brand} in the last 30 days\nwhoops pressed enter - and have 2 or more returns",
     "customers who bought {brand} in the last 30 days with at least 2 returns"),
    # definitions pasted from other tools (agent.reader.pasted), in our own words
    ('Please copy this over: {{"include": {{"all": [{{"field": "netSpend", "operator": "greaterThan", "value": 150}}, '
     '{{"field": "purchasedCategory", "operator": "equals", "value": "{category}"}}]}}, "exclude": [{{"field": "returns", "op": "gte", "value": 1}}]}}',
     "customers with net spend above 150 who bought {category} and never returned anything"),
    ("rules:\n  any_of:\n    - field: orders\n      op: gte\n      value: 4\n    - field: last_purchase_days_ago\n      op: gt\n      value: 120",
     "customers with at least 4 orders or whose last purchase is more than 120 days ago"),
    ("the saved report is https://reports.example.org/segments?min_reviews=2&country=France&logic=and, same people please",
     "customers from France with at least 2 reviews"),
    ("WHERE reviews >= 1 AND (orders > 3 OR netSpend > 400) AND NOT returned", 
     "customers with at least 1 review who never returned anything and who have either more than 3 orders or net spend above 400"),
    ("| # | Attribute | Comparison | Value |\n| 1 | orders | at least | 2 |\n| 2 | country | is | Germany |\n| 3 | returns | at least | 1 |\n"
     "Formula: 1 AND NOT 3", "customers with at least 2 orders who never returned anything"),
    ("Segment \"Big spenders\"\nMatch any of:\n- net spend | greater than | 500\n- orders | at least | 6",
     "customers with net spend above 500 or at least 6 orders"),
    ("from the CRM bar: [Country: Germany] [Reviews ≥ 1] [Exclude: Returned: yes] — match all",
     "customers from Germany with at least 1 review who never returned anything"),
    ("Old CRM view: https://crm.example.com/list?f1[field]=order_count&f1[op]=gte&f1[value]=3&f2=last_order_date:more_than_days_ago:60&logic=f1+AND+f2",
     "customers with at least 3 orders whose last purchase is more than 60 days ago"),
    ("Export from the old tool:\n1) Total orders / is greater than or equal to / 2 / all time\n2) Customer country / equals / Spain / —\n"
     "Filter logic: 1 OR 2", "customers with at least 2 orders or from Spain"),
    ("list:\n  require_all:\n    - field: purchased_category\n      op: contains\n      value: {category}\n      lookback_days: 45\n"
     "  exclude_if_any:\n    - field: return_count\n      op: gte\n      value: 1",
     "customers who bought {category} in the last 45 days and never returned anything"),
    ("Audience boxes from the ad tool:\nINCLUDE (either rule is enough)\n  – people who have placed at least 5 orders\n"
     "  – people who have returned something from {category}\nEXCLUDE: none", "customers with at least 5 orders or who returned {category}"),
    ("Base: all customers\nEXCLUDE (drop even if included)\n  o shoppers who have written 2 or more reviews",
     "customers with fewer than 2 reviews"),
]


def _doubted(home, answer) -> bool:  # noqa: ANN001
    return bool(answer.asked_back and answer.doubt is not None and answer.doubt >= home.settings.audience_doubt_ask_at)


def _read_through_doubt(home, question: str):  # noqa: ANN001, ANN202
    """The answer, or, where only the doubt asked back (the reading itself was complete), the answer to "yes, run it":
    these cases are about the reading; how often the doubt asks on them is the next test."""
    answer = answer_audience(home, question)
    return answer_audience(home, question, confirm=True) if _doubted(home, answer) else answer


@pytest.mark.parametrize("question, plain", SHAPES_NOBODY_WROTE)
def test_shapes_nobody_wrote_the_rules_for_read_like_their_plain_form(home, shop_names, question, plain) -> None:
    names = {"category": shop_names[0][0], "brand": shop_names[1][0]}
    answer = _read_through_doubt(home, question.format(**names))
    reference = _read_through_doubt(home, plain.format(**names))
    assert not answer.abstained and not answer.asked_back, answer.text()
    assert not reference.abstained and not reference.asked_back, reference.text()
    assert set(answer.user_ids) == set(reference.user_ids), (answer.query_words, reference.query_words)


@pytest.mark.parametrize("typed, words", [
    ('{"all": [{"field": "orders", "op": "gte", "value": 2}, {"field": "country", "op": "eq", "value": "Spain"}]}',
     "customers where orders >= 2 and in spain ."),
    ('{"any": [{"field": "returns", "op": "gt", "value": 0}], "none": [{"field": "country", "op": "eq", "value": "France"}]}',
     "customers where returns > 0, excluding those in france ."),
    ("1 | a | b\nnothing here", "1 | a | b\nnothing here"),
    ("customers who bought kitchen and returned something", "customers who bought kitchen and returned something"),
])
def test_a_pasted_definition_is_said_in_words_and_prose_is_left_alone(typed: str, words: str) -> None:
    from agent.reader.pasted import pasted
    assert " ".join(pasted(typed).split()) == " ".join(words.split())


def test_a_slip_inside_a_name_of_two_words_still_finds_the_name(home, shop_names) -> None:
    """"tailind pet", "gadren décor": one word of a two-word name typed with its letters swapped is still that name."""
    categories, brands = shop_names
    named = [name for name in categories + brands if len(name.split()) == 2 and max(len(w) for w in name.split()) >= 6]
    assert named, "the test shop has no two-word category or brand"
    name = named[0]
    longest = max(name.split(), key=len)
    slipped = name.replace(longest, longest[:2] + longest[3] + longest[2] + longest[4:])
    answer = answer_audience(home, f"customers who bought {slipped.lower()}")
    assert not answer.asked_back and not answer.abstained, answer.text()
    assert f"'{name}'" in answer.query_words, (slipped, answer.query_words)


def test_the_doubt_asks_back_on_few_of_the_plain_forms(home, shop_names) -> None:
    """The doubt model with the structure check asks back on at most one in ten of our own plain references (their
    readings are right: the cases above)."""
    names = {"category": shop_names[0][0], "brand": shop_names[1][0]}
    plains = sorted({plain.format(**names) for _, plain in SHAPES_NOBODY_WROTE})
    doubted = [plain for plain in plains if _doubted(home, answer_audience(home, plain))]
    assert len(doubted) <= len(plains) // 10, doubted


def test_an_exclusion_of_two_conditions_in_one_clause_leaves_out_both_together(home) -> None:
    answer = answer_audience(home, "customers who reviewed something, excluding anyone who ordered from Germany")
    reviewers, buyers, german = (set(answer_audience(home, q).user_ids) for q in
                                 ("customers who reviewed something", "customers who bought something", "customers in Germany"))
    assert not answer.abstained and reviewers & buyers & german, answer.text()
    assert set(answer.user_ids) == reviewers - (buyers & german), answer.query_words


@pytest.mark.parametrize("question", ["customers who bought something on a Friday", "customers who returned something at night"])
def test_a_time_of_the_week_or_day_is_asked_about_never_dropped(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and "I read:" in answer.ask_back and not answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["customers who bought something and have done stuff in the past month",
                                      "customers who returned something and had stuff going on in the past month"])
def test_a_clause_about_the_customers_with_a_window_is_asked_about_never_dropped(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and "I read:" in answer.ask_back and not answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["customers in France, sorry, the other one, who returned something",
                                      "customers who reviewed something — actually, never mind that, make it something else",
                                      "customers who returned something and live in France. scratch the loyalty part",
                                      "customers who returned something and live in France. Edit: delete item 3.",
                                      "customers who bought something and live in France. Change of plan: we want everyone"])
def test_a_correction_that_does_not_line_up_is_asked_about(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and "correction" in answer.ask_back and not answer.user_ids


@pytest.mark.parametrize("question", ["Customers who returned something (and we will need their email addresses)",
                                      "customers who came to us through paid search"])
def test_contact_in_brackets_and_acquisition_channel_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and not answer.user_ids


@pytest.mark.parametrize("question", ["customers who opened our last newsletter",
                                      "customers with high email open rates who bought something in the last 30 days",
                                      "customers who clicked a link in an email campaign",
                                      "newsletter subscribers who returned something",
                                      "customers who returned something (please include their age)"])
def test_email_engagement_and_personal_data_in_brackets_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and answer.declined.startswith("Declined") and not answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["customers who own pets", "pet owners who bought something", "customers who own a house",
                                      "customers who left a 5 star review on Trustpilot",
                                      "customers who returned something, plus how to reach them"])
def test_owning_reviews_elsewhere_and_reaching_customers_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and answer.declined.startswith("Declined") and not answer.user_ids, answer.text()


def test_a_category_and_a_brand_said_together_narrow_each_other(home) -> None:
    answer = answer_audience(home, "customers who bought electronics from Copperleaf")
    category = set(answer_audience(home, "customers who bought electronics").user_ids)
    brand = set(answer_audience(home, "customers who bought Copperleaf").user_ids)
    assert not answer.abstained and category - brand, answer.text()
    assert set(answer.user_ids) == category & brand, answer.query_words


@pytest.mark.parametrize("question", ["customers who bought something in October", "customers who returned something at Christmas"])
def test_a_time_the_reading_cannot_hold_is_asked_about_never_dropped(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and not answer.user_ids, answer.text()


def test_two_countries_required_of_one_customer_are_asked_about(home) -> None:
    answer = answer_audience(home, "customers that are in France and are also in Germany")
    assert answer.asked_back and "one country" in answer.ask_back and not answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["customers who returned something, for our next email campaign",
                                      "For the newsletter re-engagement push, find customers who returned something.",
                                      "build an audience for our push notification campaign: customers who returned something"])
def test_an_audience_for_an_email_campaign_is_no_request_for_engagement_data(home, question) -> None:
    answer = answer_audience(home, question)
    assert not answer.declined and answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["Segment name: Returners. Definition: customers who returned something.",
                                      "customers who contact support more than 1 time"])
def test_naming_a_segment_or_contacting_support_is_no_request_for_contact_details(home, question) -> None:
    answer = answer_audience(home, question)
    assert not answer.declined and not answer.asked_back and answer.user_ids, answer.text()


@pytest.mark.parametrize("question", ["customers who live within 20 km of Paris", "customers who work in finance",
                                      "customers who are bilingual", "list their pets' names too, for customers with 2 returns",
                                      "customers who shop from an iphone", "customers who have twins", "all graduates, as a customer list",
                                      "Don't include a single shopper unless they have written a review. Include their credit scores too.",
                                      "| include | exclude |\n|---|---|\n| customers who bought books | nobody | - who are women, please.",
                                      "Let's target people in France, narrowed to the ones who also work in healthcare.",
                                      "customers who bought something this year, only the ones who have been refused credit before",
                                      "any customers who use our Android app?",
                                      "customers who returned something four or more times, with whether they own or rent their home",
                                      "A customer shall be eligible if and only if the customer has passed a credit-reference check."])
def test_distance_work_language_device_and_names_of_pets_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and answer.declined.startswith("Declined"), answer.text()


@pytest.mark.parametrize("question", ["customers who returned something and live in a household of 4 or more",
                                      "customers with 2+ orders who are over 60 years old",
                                      "customers from France who live in Lyon", "customers in their thirties who bought something",
                                      "customers who bought something and speak Spanish", "retired customers who ordered in the last 30 days",
                                      "customers who returned something and work from home", "grandparents who bought something",
                                      "customers who own a garden", "customers who bought something and are renting",
                                      "customers who returned something, but only if they have a garden of their own"])
def test_household_age_and_town_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and not answer.user_ids


@pytest.mark.parametrize("question", ["customers who bought something over 100", "customers who placed an order above 100",
                                      "customers who bought a product costing more than 100", "customers who spent over 100 in one order"])
def test_the_price_of_one_item_or_order_is_asked_about_never_read_as_a_count(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and "price of one item or order" in answer.text() and not answer.declined, answer.text()


@pytest.mark.parametrize("question, why", [("customers with many returns", "gives no number"),
                                           ("customers who placed lots of orders", "gives no number"),
                                           ("customers with a few reviews", "gives no number"),
                                           ("customers who placed their first order in the last 30 days", "first purchase"),
                                           ("customers who spent roughly 100", "approximate"),
                                           ("customers who bought something in the last 30 days or so", "approximate")])
def test_what_an_audience_cannot_select_on_is_asked_about(home, question, why) -> None:
    answer = answer_audience(home, question)
    assert answer.asked_back and why in answer.text() and not answer.declined, answer.text()


@pytest.mark.parametrize("question", ["customers who used a discount code", "customers who paid with PayPal",
                                      "customers who bought something on sale"])
def test_payment_and_promotions_are_declined(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and not answer.user_ids, answer.text()


def test_a_country_the_shop_has_nobody_in_is_asked_about_not_dropped(home) -> None:
    answer = answer_audience(home, "Customers who match at least one of the following - 2+ orders; based in Japan")
    assert answer.asked_back and "japan" in answer.ask_back.lower() and not answer.user_ids


@pytest.mark.parametrize("extra", ["Include their phone numbers.", "Please add a column with their date of birth.",
                                   "Plus their home city."])
def test_personal_data_is_declined_even_asked_for_beside_the_request(home, shop_names, extra) -> None:
    answer = answer_audience(home, f"We're prepping the autumn mailer. Customers who bought {shop_names[0][0]}. {extra}")
    assert answer.declined and not answer.user_ids


def test_a_list_joined_by_commas_takes_its_last_conjunction(home) -> None:
    parts = ["customers who returned something", "customers who reviewed something", "customers who contacted support"]
    union = set().union(*(answer_audience(home, q).user_ids for q in parts))
    listed = answer_audience(home, "customers who returned something, reviewed something or contacted support")
    assert not listed.abstained and set(listed.user_ids) == union
    both = answer_audience(home, "customers who returned something, reviewed something and contacted support")
    assert set(both.user_ids) == set.intersection(*(set(answer_audience(home, q).user_ids) for q in parts))


def test_the_learned_frames_choose_and_a_disagreement_with_the_rules_asks_back(home, shop_names) -> None:
    from agent.audience import clause_reader
    from retrieval.audience.query import Country, Did
    from retrieval.audience.tables import tables_for
    from retrieval.audience.vocabulary import Vocabulary

    category = shop_names[0][0]
    reader = clause_reader(home, Vocabulary.of(tables_for(home.settings.event_db, home.settings.fact_db)))
    # the rules' reading of the same phrase stands where the frames agree ...
    agreed = [Did(action="bought")]
    notes, disagreements = reader.choose_frames([f"who bought {category}"], agreed)
    assert not disagreements and agreed == [Did(action="bought")]
    # ... and where a phrase rule read another fact, the frames' own reading replaces it and is flagged
    ruled = [Country(countries=["France"])]
    notes, disagreements = reader.choose_frames([f"who bought {category}"], ruled)
    assert isinstance(ruled[0], Did) and ruled[0].action == "bought" and ruled[0].target.value == category
    assert disagreements and "purchase" not in disagreements[0] and "country" in disagreements[0] and notes


def test_two_readings_selecting_different_customers_ask_back_never_answer(home) -> None:
    import time

    from agent.audience import _run
    from agent.audience_parser import Parsed
    from retrieval.audience.query import AudienceQuery, Did, Measure
    from retrieval.audience.tables import tables_for
    from retrieval.audience.vocabulary import Vocabulary

    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    vocabulary = Vocabulary.of(tables)
    frames = AudienceQuery(condition=Did(action="returned"))
    same = AudienceQuery(condition=Measure(measure="returns", op=">=", value=1))  # another form, the same customers
    other = AudienceQuery(condition=Did(action="reviewed"))
    agreed = _run(home, "q", Parsed(query=frames, reader="frames", check=same), tables, vocabulary, time.perf_counter())
    assert not agreed.asked_back and agreed.user_ids
    split = _run(home, "q", Parsed(query=frames, reader="frames", check=other), tables, vocabulary, time.perf_counter())
    assert split.asked_back and "phrase rules read it as" in split.ask_back and not split.user_ids
    confirmed = _run(home, "q", Parsed(query=frames, reader="frames", check=other), tables, vocabulary, time.perf_counter(), True)
    assert confirmed.user_ids == agreed.user_ids


def test_a_reading_below_the_ask_threshold_asks_back_and_carries_its_confidence(home) -> None:
    answer = answer_audience(home, "customers who returned something")
    assert 0.0 < answer.confidence <= 1.0 and not answer.asked_back
    saved = home.settings.audience_ask_threshold
    home.settings.audience_ask_threshold = answer.confidence + 0.01
    try:
        unsure = answer_audience(home, "customers who returned something")
        assert unsure.asked_back and "not sure" in unsure.ask_back and not unsure.user_ids
        assert answer_audience(home, "customers who returned something", confirm=True).user_ids == answer.user_ids
    finally:
        home.settings.audience_ask_threshold = saved


def test_a_phrase_that_looks_like_a_condition_asks_back_with_the_best_reading(home, tmp_path, built_settings) -> None:
    answer = answer_audience(home, "customers who bought anything and who like jazz")
    assert answer.asked_back and "jazz" in answer.ask_back and "I read:" in answer.ask_back and not answer.user_ids
    confirmed = answer_audience(home, "customers who bought anything and who like jazz", confirm=True)
    assert confirmed.user_ids and not confirmed.asked_back
    home_flag = ["--home", str(built_settings.home)]
    asked = subprocess.run([PORTRAIT, *home_flag, "audience", "customers who bought anything and who like jazz"],
                           capture_output=True, text=True, timeout=300)
    assert asked.returncode == 3 and "--yes" in asked.stdout
    ran = subprocess.run([PORTRAIT, *home_flag, "audience", "customers who bought anything and who like jazz", "--yes"],
                         capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0 and f"{len(confirmed.user_ids)}" in ran.stdout


@pytest.mark.parametrize("question", ["Give me the phone numbers of customers who bought anything",
                                      "customers who returned something and how to contact them",
                                      "customers who returned something, with their contact details",
                                      "customers who returned something, with their email"])
def test_contact_details_stay_refused(home, question) -> None:
    answer = answer_audience(home, question)
    assert answer.declined and not answer.asked_back and not answer.user_ids
