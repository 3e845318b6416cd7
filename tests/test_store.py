from __future__ import annotations

from datetime import datetime, timedelta, timezone

from encoders.embedder import Embedder
from encoders.profile.builder import ProfileBuilder
from encoders.data.schema import Event, Product
from retrieval.home import open_home
from retrieval.recommend.content import ContentRecommender
from retrieval.recommend.from_log import catalog_of, interactions_of
from retrieval.vector_store import PortraitEmbeddingFunction, VectorStore

T0 = datetime(2026, 9, 1, tzinfo=timezone.utc)
PRODUCTS = [
    Product(item_id="G1", title="Copper Garden Lantern", category="garden decor", price=25.0),
    Product(item_id="G2", title="Solar Fairy Lights for Patio", category="garden decor", price=18.0),
    Product(item_id="K1", title="Stainless Steel Chef Knife", category="kitchen", price=40.0),
    Product(item_id="K2", title="Cast Iron Frying Pan", category="kitchen", price=35.0),
]


def _purchases(user: str, items: list[str], country: str) -> list[Event]:
    return [
        Event(event_id=f"{user}-{i}", user_id=user, ts=T0 + timedelta(days=i), type="purchase",
              item_id=item, quantity=1, price=20.0, attrs={"country": country})
        for i, item in enumerate(items)
    ]


def _store_with_two_shoppers(settings) -> VectorStore:
    embedder = Embedder(settings)
    store = open_home(settings, embedder).vectors
    store.upsert_products(PRODUCTS)
    events = {"gardener": _purchases("gardener", ["G1", "G2", "G1"], "France"),
              "cook": _purchases("cook", ["K1", "K2"], "Germany")}
    builder = ProfileBuilder(settings, embedder, {p.item_id: p for p in PRODUCTS})
    store.upsert_profiles(builder.build_many(events, T0 + timedelta(days=30)))
    return store


def test_collections_use_portraits_embedding_function(settings) -> None:
    store = _store_with_two_shoppers(settings)
    for collection in (store.products, store.profiles):
        assert isinstance(collection._embedding_function, PortraitEmbeddingFunction)
    assert (settings.chroma_dir / "chroma.sqlite3").exists()


def test_profile_round_trip_and_semantic_search(settings) -> None:
    store = _store_with_two_shoppers(settings)
    profile = store.get_profile("gardener")
    assert profile is not None
    assert profile.fact_value("top_categories")[0]["category"] == "garden decor"
    assert profile.fact_value("country") == "France"
    assert len(profile.interest_vector) == 384
    assert store.get_profile("nobody") is None

    assert store.search_profiles("outdoor lighting for the garden", k=1)[0].id == "gardener"
    assert store.search_profiles("pans and knives", k=1)[0].id == "cook"
    assert store.search_profiles("likes garden decor", k=1, by="text")[0].id == "gardener"
    assert [h.id for h in store.search_profiles("garden", k=2, where={"country": "Germany"}, by="text")] == ["cook"]
    filtered = store.search_profiles("outdoor lighting for the garden", k=2, where={"country": "Germany"})
    assert [h.id for h in filtered] == ["cook"]


def test_store_persists_across_clients(settings) -> None:
    _store_with_two_shoppers(settings)
    reopened = open_home(settings).vectors
    assert reopened.user_ids() == ["cook", "gardener"]
    assert reopened.products.count() == len(PRODUCTS)


def test_recommendations_follow_interests_and_skip_owned(settings) -> None:
    board = Product(item_id="K3", title="Wooden Chopping Board for the Kitchen", category="kitchen", price=15.0)
    catalog = catalog_of([*PRODUCTS, board], Embedder(settings))
    events = _purchases("gardener", ["G1", "G2", "G1"], "France") + _purchases("cook", ["K1", "K2"], "Germany")
    model = ContentRecommender().fit(interactions_of(events), catalog)
    picks = model.recommend("cook", k=2)
    assert picks[0].item_id == "K3"
    assert not {"K1", "K2"} & {p.item_id for p in picks}
    assert picks[0].reasons[0].evidence[0] in {"cook-0", "cook-1"}
