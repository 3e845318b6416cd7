"""Adapters for the real data sets: small hand-made files pin the rules, the shared files pin the counts."""

from __future__ import annotations

import os
import statistics
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from encoders.data.adapters import load_amazon, load_amazon_heldout, load_labelled_texts, load_online_retail
from encoders.data.readers import LoadError
from encoders.data.rejects import LoadResult
from encoders.data.schema import EventType

RETAIL_HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    folder = Path(os.environ.get("PORTRAIT_SHARED_DATA", default))
    if not folder.is_dir():
        pytest.skip(f"shared data folder {folder} does not exist (set PORTRAIT_SHARED_DATA to its location)")
    return folder


# ---------------------------------------------------------------------------------------------
# Online retail: rules on a small file


def _retail(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "retail.csv"
    path.write_text(RETAIL_HEADER + body, encoding="utf-8")
    return path


SMALL_RETAIL = (
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"  # 1
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"  # 2 dup
    "536365,85123A,white hanging heart,2,2010-12-01 08:26:00,2.75,17850.0,United Kingdom\n"  # 3 same pair
    "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom\n"  # 4 no customer
    "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,0,,United Kingdom\n"  # 5 no customer (wins over price)
    "536367,22633,HAND WARMER,-2,2010-12-01 08:28:00,1.85,13047,France\n"  # 6 non-positive quantity
    "C536368,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-3,2010-12-02 09:00:00,2.55,13047,France\n"  # 7 return
    "536369,POST,POSTAGE,1,2010-12-02 09:00:00,0.0,13047,France\n"  # 8 zero price
    "536370,22633,HAND WARMER,1,31/12/2010 09:00,1.85,13047,France\n"  # 9 invalid date
    "536370,22633,HAND WARMER,1,2010-12-03 09:00:00,1.85,13047\n"  # 10 wrong number of cells
    "536371,,MYSTERY,1,2010-12-03 09:00:00,1.85,13047,France\n"  # 11 missing item_id
)


def test_online_retail_rules_on_a_small_file(tmp_path: Path) -> None:
    result = load_online_retail(_retail(tmp_path, SMALL_RETAIL))

    assert result.rows == 11
    assert [e.event_id for e in result.events] == ["536365:85123A:0", "536365:85123A:1", "C536368:85123A:0"]
    assert [(r.row, r.field, r.reason) for r in result.rejects] == [
        (2, "__row__", "duplicate row"),
        (4, "CustomerID", "no customer id"),
        (5, "CustomerID", "no customer id"),
        (6, "Quantity", "non-positive quantity"),
        (8, "UnitPrice", "zero or negative price"),
        (9, "InvoiceDate", "invalid date"),
        (10, "__row__", "wrong number of cells"),
        (11, "StockCode", "missing item_id"),
    ]
    first, _, ret = result.events
    assert first.user_id == "17850"
    assert first.type is EventType.purchase
    assert first.ts == datetime(2010, 12, 1, 8, 26, tzinfo=timezone.utc)
    assert first.attrs == {"invoice": "536365", "country": "United Kingdom"}
    assert (first.quantity, first.price) == (6, 2.55)
    assert ret.type is EventType.return_ and ret.quantity == 3 and ret.user_id == "13047"
    assert result.rejects[1].raw["Description"] == "HAND WARMER"

    [product] = result.products
    assert product.item_id == "85123A"
    assert product.title == "White Hanging Heart T-light Holder"
    assert product.price == 2.55
    assert (product.category, product.brand) == ("", "")


def test_online_retail_ids_are_stable_across_loads(tmp_path: Path) -> None:
    path = _retail(tmp_path, SMALL_RETAIL)
    first, second = load_online_retail(path), load_online_retail(path)
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    assert first.events == second.events


def test_online_retail_missing_column_names_it(tmp_path: Path) -> None:
    path = tmp_path / "retail.csv"
    path.write_text("InvoiceNo,StockCode\n1,2\n", encoding="utf-8")
    with pytest.raises(LoadError, match="CustomerID"):
        load_online_retail(path)


def test_online_retail_reports_progress(tmp_path: Path) -> None:
    seen: list[int] = []
    load_online_retail(_retail(tmp_path, SMALL_RETAIL), progress=seen.append)
    assert seen == [11]


# ---------------------------------------------------------------------------------------------
# Online retail: the real file


@pytest.fixture(scope="module")
def retail_path(shared_data: Path) -> Path:
    return shared_data / "online_retail" / "online_retail.csv.gz"


@pytest.fixture(scope="module")
def retail(retail_path: Path) -> LoadResult:
    return load_online_retail(retail_path)


@pytest.fixture(scope="module")
def retail_frame(retail_path: Path) -> pd.DataFrame:
    """The same file through pandas, rejected with the loader's precedence, to cross-check counts."""
    df = pd.read_csv(retail_path, dtype=str, keep_default_na=False)
    df["no_customer"] = df.CustomerID.str.strip() == ""
    df["bad_price"] = ~df.no_customer & (df.UnitPrice.astype(float) <= 0)
    cancelled = df.InvoiceNo.str.startswith("C")
    quantity = df.Quantity.astype(float)
    df["bad_quantity"] = ~df.no_customer & ~df.bad_price & ((~cancelled & (quantity <= 0)) | (quantity == 0))
    candidate = ~(df.no_customer | df.bad_price | df.bad_quantity)
    df["duplicate"] = False
    df.loc[candidate, "duplicate"] = df[candidate].duplicated(subset=list(df.columns[:8]))
    df["kept"] = candidate & ~df.duplicate
    return df


def test_online_retail_full_load_counts(retail: LoadResult, retail_frame: pd.DataFrame) -> None:
    df = retail_frame
    report = retail.report()
    assert report["rows"] == 541909 == len(df)
    assert report["kept"] + sum(report["rejected"].values()) == report["rows"]
    assert report["rejected"] == {
        "no customer id": 135080,
        "duplicate row": 5225,
        "zero or negative price": 40,
    }
    assert report["rejected"]["no customer id"] == int(df.no_customer.sum())
    assert report["rejected"]["zero or negative price"] == int(df.bad_price.sum())
    assert report["rejected"]["duplicate row"] == int(df.duplicate.sum())
    assert report["kept"] == 401564 == int(df.kept.sum())


def test_online_retail_full_load_users_returns_products(retail: LoadResult, retail_frame: pd.DataFrame) -> None:
    kept = retail_frame[retail_frame.kept]
    users = {e.user_id for e in retail.events}
    # 4,372 customers in the file; 13256's only line has UnitPrice 0, so 4,371 remain.
    assert len(users) == 4371 == kept.CustomerID.nunique()
    assert all(u.isdigit() for u in users)

    returns = [e for e in retail.events if e.type is EventType.return_]
    assert len(returns) == int(kept.InvoiceNo.str.startswith("C").sum()) > 8000
    assert all(e.quantity is not None and e.quantity > 0 for e in returns)
    assert all(e.attrs["invoice"].startswith("C") for e in returns)

    assert len({e.event_id for e in retail.events}) == len(retail.events)
    assert len(retail.products) == kept.StockCode.nunique()
    heart = next(p for p in retail.products if p.item_id == "85123A")
    assert heart.price == statistics.median(kept[kept.StockCode == "85123A"].UnitPrice.astype(float))
    assert heart.title == "White Hanging Heart T-light Holder"


# ---------------------------------------------------------------------------------------------
# Amazon Office Products


@pytest.fixture(scope="module")
def amazon_dir(shared_data: Path) -> Path:
    return shared_data / "amazon_office"


def test_amazon_train(amazon_dir: Path) -> None:
    result = load_amazon(amazon_dir)
    source = str(amazon_dir / "train.tsv")
    assert result.report() == {"source": source, "rows": 43448, "kept": 43448, "rejected": {}, "products": 2420}
    assert len({e.user_id for e in result.events}) == 4905
    assert len({e.event_id for e in result.events}) == 43448
    first = result.events[0]
    assert first.event_id == "amazon:train:1:1:970185600"
    assert first.type is EventType.purchase and first.attrs == {"split": "train"}
    assert first.ts == datetime.fromtimestamp(970185600, tz=timezone.utc)
    product = result.products[0]
    assert product.item_id == "1" and product.title.startswith("HP 78 Tri-Color")
    assert (product.category, product.brand) == ("category 6", "brand 2")
    items = {p.item_id for p in result.products}
    assert {e.item_id for e in result.events} <= items


def test_amazon_accepts_a_split_file(amazon_dir: Path) -> None:
    result = load_amazon(amazon_dir / "test.tsv")
    assert result.rows == result.kept == 4905
    assert result.events[0].attrs == {"split": "test"}
    assert load_amazon(amazon_dir / "train.tsv").rows == 43448


def test_amazon_heldout(amazon_dir: Path) -> None:
    for split in ("dev", "test"):
        held = load_amazon_heldout(amazon_dir, split)
        assert len(held) == 4905 == len({h.user_id for h in held})
        assert all(len(h.neg_items) == 99 and h.item_id not in h.neg_items for h in held)
    with pytest.raises(LoadError, match="train"):
        load_amazon_heldout(amazon_dir, "train")


def test_amazon_bad_rows_become_rejects(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_text(
        "user_id\titem_id\ttime\n1\t5\t100\n1\t5\t100\n2\t6\tlater\n3\t\t100\n4\t7\t200\n", encoding="utf-8"
    )
    (tmp_path / "items.tsv").write_text(
        'item_id\tasin\ttext\tcategory_id\tbrand_id\n5\tA\t12" Ruler\t1\t2\n6\tB\t\t1\t2\n', encoding="utf-8"
    )
    result = load_amazon(tmp_path)
    assert [e.user_id for e in result.events] == ["1", "4"]
    assert [(r.row, r.field, r.reason) for r in result.rejects] == [
        (2, "event_id", "duplicate event_id"),
        (3, "time", "invalid ts"),
        (4, "item_id", "missing item_id"),
    ]
    assert [p.title for p in result.products] == ['12" Ruler']
    assert [(r.row, r.reason) for r in result.product_rejects] == [(2, "missing title")]
    assert result.report()["product_rejects"] == {"missing title": 1}


# ---------------------------------------------------------------------------------------------
# Bitext intents


def test_bitext_train(shared_data: Path) -> None:
    data = load_labelled_texts(shared_data / "bitext_intents" / "train.csv")
    assert (data.rows, data.kept, data.rejects) == (6480, 6480, [])
    assert len(data.texts) == len(data.labels) == 6480
    assert len(data.label_names) == 27
    assert "cancel_order" in data.label_names


def test_bitext_unknown_column_names_the_columns(shared_data: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_labelled_texts(shared_data / "bitext_intents" / "train.csv", text_col="text")
    message = str(info.value)
    assert "'text'" in message and "utterance" in message and "intent" in message


def test_labelled_texts_rejects_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "intents.jsonl"
    path.write_text(
        '{"utterance": "where is my order", "intent": "track_order"}\n'
        '{"utterance": "  ", "intent": "track_order"}\n'
        '{"utterance": "cancel it", "intent": ""}\n'
        "not json\n"
        '{"utterance": "refund please ", "intent": " get_refund"}\n',
        encoding="utf-8",
    )
    data = load_labelled_texts(path)
    assert data.texts == ["where is my order", "refund please"]
    assert data.labels == ["track_order", "get_refund"]
    assert [(r.row, r.field, r.reason) for r in data.rejects] == [
        (2, "utterance", "empty text"),
        (3, "intent", "empty label"),
        (4, "__row__", "unparseable JSON"),
    ]
    assert data.rows == 5


def test_labelled_texts_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(LoadError, match="empty"):
        load_labelled_texts(empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text("utterance,intent\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no data rows"):
        load_labelled_texts(header_only)
