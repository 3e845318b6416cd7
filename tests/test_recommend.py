"""Recommenders on the shared interface: exclusions, reasons and their evidence, cold-start paths,
save/load, on the small generated shop with the real embedding model."""

from __future__ import annotations

import copy
from collections import defaultdict

import numpy as np
import pytest

from encoders.data.readers import load_events, load_products
from encoders.embedder import EmbeddingCache, Embedder
from encoders.settings import Settings
from retrieval.recommend.base import HISTORY, ONE_EVENT, POPULAR, SEARCHES, Recommender
from retrieval.recommend.data import Interaction, Step, UserContext
from retrieval.recommend.from_log import catalog_of, groups_of, interactions_of, queries_of
from retrieval.recommend.lists import title_family
from retrieval.recommend.registry import create, names

FAST = ("popularity", "itemknn", "ease", "als", "content")


@pytest.fixture(scope="module")
def shop_data(small_shop, shared_cache, tmp_path_factory):
    embedder = Embedder(Settings(home=tmp_path_factory.mktemp("recs"), show_progress=False), cache=EmbeddingCache(shared_cache))
    events = load_events(small_shop.events).events
    by_user: dict[str, list] = defaultdict(list)
    for event in events:
        by_user[event.user_id].append(event)
    return {
        "catalog": catalog_of(load_products(small_shop.products).products, embedder),
        "interactions": interactions_of(events),
        "queries": queries_of(events, embedder),
        "groups": groups_of(by_user),
        "embedder": embedder,
    }


@pytest.fixture(scope="module")
def fitted(shop_data) -> dict[str, Recommender]:
    args = (shop_data["interactions"], shop_data["catalog"], shop_data["queries"], shop_data["groups"])
    models = {name: create(name).fit(*args) for name in FAST}
    # a short sequence training keeps the test fast; the harness trains it to early stopping
    models["hybrid"] = create("hybrid", components={"sequence": {"max_epochs": 4}}).fit_all(*args)
    return models


def _active_user(model: Recommender) -> str:
    return max(model.fitted.histories, key=lambda u: len(set(s.item for s in model.fitted.histories[u])))


def test_registry_names_every_recommender() -> None:
    assert set(names()) == {"popularity", "itemknn", "ease", "als", "content", "sequence", "hybrid"}


@pytest.mark.parametrize("name", [*FAST, "hybrid"])
def test_bought_items_are_excluded(fitted, name) -> None:
    model = fitted[name]
    user = _active_user(model)
    owned = {model.fitted.catalog.item_ids[i] for i in model.context(user).items}
    picks = model.recommend(user, k=10)
    assert len(picks) == 10
    assert not owned & {p.item_id for p in picks}
    assert all(p.path == HISTORY for p in picks)


def test_exclude_bought_false_may_offer_owned_items(fitted) -> None:
    model = fitted["popularity"]
    top_item = model.fitted.catalog.item_ids[int(np.argmax(model.fitted.counts))]
    buyer = next(u for u, h in model.fitted.histories.items() if top_item in {model.fitted.catalog.item_ids[s.item] for s in h} and len({s.item for s in h}) > 1)
    raw = model.recommend_context(model.context(buyer), k=10, exclude_bought=False, diversify=False)
    assert top_item == raw[0].item_id
    assert top_item not in [p.item_id for p in model.recommend(buyer, k=10)]


@pytest.mark.parametrize("name", ["itemknn", "ease", "als", "content", "hybrid"])
def test_reasons_point_at_real_events_of_that_user(fitted, shop_data, name) -> None:
    model = fitted[name]
    event_ids = {i.event_id for i in shop_data["interactions"]} | {q.event_id for q in shop_data["queries"]}
    users = set(model.fitted.user_ids)
    for user in list(model.fitted.histories)[:8]:
        own = {s.event_id for s in model.context(user).history} | {q.event_id for q in model.context(user).queries}
        for pick in model.recommend(user, k=5):
            assert pick.reasons and all(r.text for r in pick.reasons)
            for reason in pick.reasons:
                for evidence in reason.evidence:
                    # the user's own events, or (neighbour reasons) other customers who bought the item
                    assert evidence in own or (evidence in users and evidence != user), (name, evidence)
                    assert evidence in event_ids or evidence in users


def test_itemknn_reason_is_true_for_its_score(fitted, shop_data) -> None:
    """The item cited is the history item adding most to the score, and the co-buyer count is the
    count in the raw interactions."""
    model = fitted["itemknn"]
    user = _active_user(model)
    buyers: dict[str, set[str]] = defaultdict(set)
    for row in shop_data["interactions"]:
        buyers[row.item_id].add(row.user_id)
    titles = model.fitted.catalog.titles
    for pick in model.recommend(user, k=5, exclude_bought=True):
        item = model.fitted.catalog.index[pick.item_id]
        context = model.context(user)
        contributions = {s.item: float(model.similarity[s.item, item]) for s in context.history}
        best = max(contributions, key=contributions.get)
        reason = pick.reasons[0]
        if contributions[best] > 0:
            assert titles[best] in reason.text
            both = len(buyers[model.fitted.catalog.item_ids[best]] & buyers[pick.item_id])
            assert f"; {both} shoppers bought both" in reason.text
            assert abs(pick.score - sum(contributions.values())) < 1e-4


def test_hybrid_reasons_cite_signals_that_raise_the_score(fitted) -> None:
    model = fitted["hybrid"]
    user = _active_user(model)
    context = model.context(user)
    for pick in model.recommend(user, k=5):
        drops = model.signal_drops(context, model.fitted.catalog.index[pick.item_id])
        assert max(drops.values()) > 0 or pick.reasons[0].text.startswith("ranked by")


def test_what_was_selling_is_counted_before_the_users_last_order(fitted) -> None:
    """The hybrid's time features and their reasons: counts of an item's purchases in the window
    before the user's latest order, recomputed here from the interactions themselves."""
    model = fitted["hybrid"]
    data = model.fitted
    user = _active_user(model)
    context = model.context(user)
    until = context.history[-1].ts
    every = [(s.ts, s.item) for h in data.histories.values() for s in h]
    for days in (30, 365):
        expected = np.zeros(len(data.catalog))
        for ts, item in every:
            if until - days * 86_400 <= ts <= until:
                expected[item] += 1
        assert np.array_equal(data.window_counts(until, days), expected)
        item = int(np.argmax(expected))
        reason = model._reason(f"selling_{days}d", context, item, None)
        assert reason.text == f"selling well: bought {int(expected[item])} times in the {days} days before your last order"
        assert reason.evidence == [context.history[-1].event_id]
    first = {}
    for ts, item in every:
        first[item] = min(first.get(item, np.inf), ts)
    assert all(data.first_seen[i] == t for i, t in first.items())
    assert np.isinf(np.delete(data.first_seen, list(first))).all()


def test_cold_start_paths(fitted, shop_data) -> None:
    model = fitted["hybrid"]
    catalog = model.fitted.catalog
    country = next(iter(shop_data["groups"].values()))
    popular = model.recommend_context(UserContext("new-shopper", group=country), k=5)
    assert {p.path for p in popular} == {POPULAR}
    counts = model.fitted.group_counts(country)
    assert f"popular with customers in {country}: {int(counts[catalog.index[popular[0].item_id]])} customers" in popular[0].reasons[0].text
    assert counts[catalog.index[popular[0].item_id]] == counts.max()
    overall = model.recommend_context(UserContext("new-shopper"), k=3)
    assert overall[0].reasons[0].text.startswith("popular: ")

    query = shop_data["queries"][0]
    searched = model.recommend_context(UserContext("browser", queries=[query]), k=3)
    assert {p.path for p in searched} == {SEARCHES}
    assert searched[0].item_id == catalog.item_ids[int(np.argmax(catalog.vectors @ query.vector))]
    assert searched[0].reasons[0].evidence == [query.event_id]

    first = shop_data["interactions"][0]
    one = model.recommend_context(UserContext("first-timer", [Step(catalog.index[first.item_id], first.ts, first.event_id)]), k=3)
    assert {p.path for p in one} == {ONE_EVENT}
    assert first.item_id not in [p.item_id for p in one]
    assert all(r.evidence == [first.event_id] for p in one for r in p.reasons)


def test_near_duplicates_and_substitutes_are_collapsed(fitted) -> None:
    model = fitted["content"]
    user = _active_user(model)
    context = model.context(user)
    shown = model.recommend_context(context, k=10)
    catalog = model.fitted.catalog
    families = [(title_family(p.title), p.category) for p in shown]
    just_bought = {(title_family(catalog.titles[s.item]), catalog.categories[s.item]) for s in context.history if s.ts == context.history[-1].ts}
    assert len(set(families)) == len(families)
    assert not just_bought & set(families)
    assert title_family("Chew-Proof Bamboo Cat Tree") == "tree" and title_family("Travel Journal, Blue") == "journal"


@pytest.mark.parametrize("name", [*FAST, "hybrid"])
def test_save_and_load_give_the_same_scores(fitted, tmp_path, name) -> None:
    model = fitted[name]
    user = _active_user(model)
    items = model.fitted.catalog.item_ids[:20]
    loaded = Recommender.load(model.save(tmp_path / f"{name}.pkl"))
    assert type(loaded) is type(model)
    np.testing.assert_allclose(loaded.score(user, items), model.score(user, items), rtol=1e-5)
    assert [p.item_id for p in loaded.recommend(user, 5)] == [p.item_id for p in model.recommend(user, 5)]


def test_a_saved_hybrid_from_an_older_version_is_refitted_not_used(fitted, tmp_path) -> None:
    """A ranker that reads fewer signals than today's (a file saved before new signals were added)
    would fail or mis-rank at the first request: loading it through the home's loader gives None,
    so the home refits from its log."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from retrieval.recommend.from_log import load_or_none
    from retrieval.recommend.hybrid import FEATURES

    current = fitted["hybrid"].save(tmp_path / "current.pkl")
    assert load_or_none(current) is not None and load_or_none(tmp_path / "absent.pkl") is None
    older = copy.copy(fitted["hybrid"])
    rng = np.random.default_rng(0)
    older.ranker = HistGradientBoostingClassifier(max_iter=5).fit(rng.random((40, len(FEATURES) - 4)), np.arange(40) % 2)
    assert load_or_none(older.save(tmp_path / "older.pkl")) is None


def test_the_candidate_cutoff_ranks_only_retrieved_items(fitted) -> None:
    """Above ``rank_all`` items the hybrid ranks only what its sources retrieved; the harness measures
    that on a copy, leaving the fitted model as it was."""
    from eval.recs_benchmark import candidate_cutoff_model

    model = fitted["hybrid"]
    narrow = copy.copy(model)
    narrow.params = {**model.params, "candidates": 3}
    cut = candidate_cutoff_model(narrow)
    context = model.context(_active_user(model))
    signals, _ = model._signals([context])
    retrieved = narrow._retrieved(signals)[0]
    scores = cut.scores_for([context])[0]
    assert 0 < retrieved.sum() < len(retrieved)
    assert scores[~retrieved].max() < scores[retrieved].min()
    np.testing.assert_allclose(model.scores_for([context])[0][retrieved], scores[retrieved])
    assert model.params["rank_all"] > 0 and narrow.params["rank_all"] > 0


def test_score_marks_unknown_items_and_unknown_parameters_fail(fitted) -> None:
    model = fitted["ease"]
    assert model.score(_active_user(model), ["no-such-item"])[0] == -np.inf
    with pytest.raises(ValueError, match="unknown parameter"):
        create("ease", lambda_=3)


def test_sequence_model_stops_early_on_held_out_items(shop_data) -> None:
    from retrieval.recommend.splits import leave_last_out

    train, held = leave_last_out(shop_data["interactions"])
    model = create("sequence", max_epochs=6, patience=2).fit(train, shop_data["catalog"], valid=held)
    assert 1 <= model.trained_epochs <= 6
    assert 1 <= model.refit_params()["epochs"] <= model.trained_epochs
    user = next(iter(model.fitted.histories))
    assert len(model.recommend(user, 5)) == 5


def test_unknown_items_in_interactions_are_counted_not_fitted(shop_data) -> None:
    rows = [*shop_data["interactions"], Interaction("U9999", "not-in-catalogue", 1.0, "x1")]
    model = create("popularity").fit(rows, shop_data["catalog"])
    assert model.fitted.unknown_items == 1
