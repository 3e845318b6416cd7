"""What a marketer gets back: the query in plain words, the count, a table, a chart and a CSV.

Only the columns in MARKETER_COLUMNS ever leave this module: customer ids and shop aggregates, never
contact details (the event log holds none, and the table is built from a fixed list, not from
whatever a profile carries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from retrieval.audience.execute import Selection
from retrieval.audience.query import AudienceQuery
from retrieval.audience.tables import AudienceTables

MARKETER_COLUMNS = ("customer_id", "country", "orders", "net_spend", "last_purchase", "segment", "top_category")


@dataclass
class AudienceAnswer:
    question: str
    query: AudienceQuery | None
    query_words: str
    mappings: list[str] = field(default_factory=list)
    declined: str | None = None
    user_ids: list[str] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(MARKETER_COLUMNS)))
    seconds: float = 0.0
    reader: str = "rules"
    confidence: float = 1.0  # how sure the reading is (the least sure clause), whatever was done with it
    ask_back: str | None = None
    """Set when the query is only the best reading and was not run: the question back, in words."""
    doubt: float | None = None  # the doubt model's probability that a complete reading is wrong (None: not weighed)
    signs: dict[str, float] = field(default_factory=dict)  # what the doubt was weighed on (``agent.reader.doubt``)

    @property
    def abstained(self) -> bool:
        return self.query is None or self.ask_back is not None

    @property
    def asked_back(self) -> bool:
        return self.ask_back is not None

    @property
    def count(self) -> int:
        return len(self.user_ids)

    def text(self) -> str:
        if self.declined:
            return self.declined
        if self.ask_back:
            return self.ask_back
        lines = [f"{self.count} {'customer' if self.count == 1 else 'customers'}: {self.query_words}"]
        lines += [f"Note: {m}" for m in self.mappings]
        return "\n".join(lines)

    def write_csv(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.table.to_csv(path, index=False)
        return path

    def counts_by(self) -> pd.Series:
        """Members per segment (per country when the home has no segments)."""
        column = "segment" if self.table["segment"].replace("", pd.NA).notna().any() else "country"
        return self.table[column].fillna("unknown").replace("", "unknown").value_counts().rename_axis(column)

    def plot(self, path: Path) -> Path:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        counts = self.counts_by().sort_values()
        figure, axis = plt.subplots(figsize=(8, max(2.5, 0.4 * len(counts) + 1.2)), dpi=110)
        axis.barh([str(i) for i in counts.index], counts.to_numpy(), color="#3b7dd8")
        for y, value in enumerate(counts.to_numpy()):
            axis.text(value, y, f" {value}", va="center", fontsize=8)
        axis.set_xlabel("customers")
        axis.set_title(f"{self.count} customers by {counts.index.name}", fontsize=10)
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path)
        plt.close(figure)
        return path


def audience_table(selection: Selection, tables: AudienceTables) -> pd.DataFrame:
    """One row per selected customer, in selection order, with the marketer's columns only."""
    rows = tables.customers.reindex(selection.user_ids)
    last = rows["last_purchase_day"]
    table = pd.DataFrame({
        "customer_id": rows.index.astype(str),
        "country": rows["country"].fillna("").astype(str).to_numpy(),
        "orders": rows["orders"].fillna(0).astype(int).to_numpy(),
        "net_spend": rows["net_spend"].fillna(0.0).round(2).to_numpy(),
        "last_purchase": last.fillna("").to_numpy(),
        "segment": (rows["segment"] if "segment" in rows else pd.Series("", index=rows.index)).fillna("").to_numpy(),
        "top_category": (rows["top_category"] if "top_category" in rows else pd.Series("", index=rows.index)).fillna("").to_numpy(),
    })
    if selection.similarity:
        table["similarity"] = [selection.similarity.get(u) for u in selection.user_ids]
    return table
