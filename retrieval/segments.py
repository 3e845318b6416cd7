"""Segments: KMeans over interest vectors and RFM features, k chosen by silhouette, with readable
names. The fitted model is saved so incremental updates assign new profiles the same way a rebuild does."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

from encoders.profile.model import Fact, Profile

SPEND_BANDS = ("low spend", "medium spend", "high spend")
_SILHOUETTE_SAMPLE = 4000
INTEREST_COMPONENTS = 16  # PCA of the interest vectors: clusters separate better than in 384-d
BEHAVIOUR_SHARE = 0.25  # variance of the RFM block relative to the interest block


def rfm(profile: Profile) -> np.ndarray:
    """Recency, frequency and monetary value on log scales (heavy tails are the rule in retail)."""
    return np.log1p(
        np.array(
            [
                max(0.0, float(profile.fact_value("recency_days", 0))),
                max(0.0, float(profile.fact_value("frequency", 0))),
                max(0.0, float(profile.fact_value("monetary", 0.0))),
            ]
        )
    )


@dataclass
class Segment:
    id: int
    name: str
    description: str
    size: int


@dataclass
class SegmentModel:
    pca_mean: list[float]
    pca_components: list[list[float]]
    rfm_mean: list[float]
    rfm_scale: list[float]
    centroids: list[list[float]]
    spend_cuts: list[float]
    segments: list[Segment]
    silhouette: float

    def features(self, profiles: list[Profile]) -> np.ndarray:
        interest = (_vectors(profiles) - np.array(self.pca_mean)) @ np.array(self.pca_components).T
        behaviour = (np.stack([rfm(p) for p in profiles]) - np.array(self.rfm_mean)) / np.array(self.rfm_scale)
        return np.hstack([interest, behaviour])

    def assign(self, profiles: list[Profile]) -> list[Profile]:
        """Profiles with `segment` and `spend_band` facts set from this model."""
        if not profiles:
            return []
        distances = ((self.features(profiles)[:, None, :] - np.array(self.centroids)[None]) ** 2).sum(-1)
        labelled = []
        for profile, label in zip(profiles, distances.argmin(1)):
            segment = self.segments[int(label)]
            spend = float(profile.fact_value("monetary", 0.0))
            band = SPEND_BANDS[int(np.searchsorted(self.spend_cuts, spend, side="right"))]
            facts = dict(profile.facts)
            # Derived from profile fields, not events: the evidence is the facts it was computed from.
            facts["segment"] = Fact(value={"id": segment.id, "name": segment.name}, evidence=[])
            facts["spend_band"] = Fact(value=band, evidence=profile.facts["monetary"].evidence if "monetary" in profile.facts else [])
            labelled.append(profile.model_copy(update={"facts": facts}))
        return labelled

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, path: Path) -> SegmentModel | None:
        if not path.exists():
            return None
        raw = json.loads(path.read_text())
        raw["segments"] = [Segment(**s) for s in raw["segments"]]
        return cls(**raw)


def _vectors(profiles: list[Profile]) -> np.ndarray:
    dim = next((len(p.interest_vector) for p in profiles if p.interest_vector), 384)
    return np.array([p.interest_vector or [0.0] * dim for p in profiles], dtype=np.float64)


def fit_segments(profiles: list[Profile], k_min: int = 3, k_max: int = 12, seed: int = 0) -> SegmentModel:
    """Features: the interest vectors' main PCA components next to standardised RFM, the RFM block
    scaled to BEHAVIOUR_SHARE of the interest block's variance so neither drowns the other."""
    from sklearn.decomposition import PCA

    if len(profiles) < k_min + 1:
        raise ValueError(f"need at least {k_min + 1} profiles to segment, got {len(profiles)}")
    vectors = _vectors(profiles)
    components = min(INTEREST_COMPONENTS, len(profiles) - 1, vectors.shape[1])
    pca = PCA(n_components=components, svd_solver="randomized", random_state=seed).fit(vectors)
    interest_variance = float(pca.explained_variance_.sum())
    behaviour = np.stack([rfm(p) for p in profiles])
    mean, std = behaviour.mean(0), behaviour.std(0) + 1e-9
    scale = std / np.sqrt(max(BEHAVIOUR_SHARE * interest_variance, 1e-12) / 3.0)
    partial = SegmentModel(pca.mean_.tolist(), pca.components_.tolist(), mean.tolist(), scale.tolist(), [], [], [], 0.0)
    features = partial.features(profiles)
    rng = np.random.default_rng(seed)
    sample = rng.choice(len(profiles), size=min(len(profiles), _SILHOUETTE_SAMPLE), replace=False)
    best: tuple[float, KMeans] | None = None
    for k in range(k_min, min(k_max, len(profiles) - 1) + 1):
        model = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(features)
        score = float(silhouette_score(features[sample], model.labels_[sample]))
        if best is None or score > best[0]:
            best = (score, model)
    assert best is not None
    score, model = best
    spend = np.array([float(p.fact_value("monetary", 0.0)) for p in profiles])
    segments = _describe(profiles, model.labels_, spend)
    partial.centroids = model.cluster_centers_.tolist()
    partial.spend_cuts = np.quantile(spend, [1 / 3, 2 / 3]).tolist()
    partial.segments = segments
    partial.silhouette = score
    return partial


def _share_text(counter: Counter[str], total: int, top: int = 2) -> str:
    return ", ".join(f"{name} ({count / total:.0%})" for name, count in counter.most_common(top))


def _describe(profiles: list[Profile], labels: np.ndarray, spend: np.ndarray) -> list[Segment]:
    overall_spend = float(np.median(spend))
    segments = []
    for label in range(int(labels.max()) + 1):
        members = [p for p, l in zip(profiles, labels) if l == label]
        size = len(members)
        categories = Counter(c[0]["category"] for p in members if (c := p.fact_value("top_categories")))
        stages = Counter(p.fact_value("lifecycle_stage", "unknown") for p in members)
        bands = Counter(p.fact_value("price_band") for p in members if p.fact_value("price_band"))
        items = Counter(i["title"] for p in members for i in (p.fact_value("last_items") or [])[:2])
        group_spend = median(float(p.fact_value("monetary", 0.0)) for p in members)
        level = "high spenders" if group_spend > 1.5 * overall_spend else "low spenders" if group_spend < 0.67 * overall_spend else "mid spenders"
        stage = stages.most_common(1)[0][0]
        theme = categories.most_common(1)[0][0] if categories else (items.most_common(1)[0][0] if items else "mixed interests")
        parts: list[Any] = [
            f"{size} customers",
            f"interests: {_share_text(categories, size)}" if categories else f"often buy: {_share_text(items, size)}",
            f"median net spend {group_spend:.2f} (all customers {overall_spend:.2f})",
            f"lifecycle: {_share_text(stages, size)}",
        ]
        if bands:
            parts.append(f"price band: {_share_text(bands, size, 1)}")
        segments.append(Segment(id=label, name=f"{theme.capitalize()} · {level} · {stage}", description="; ".join(parts), size=size))
    return segments


def plot_segments(profiles: list[Profile], model: SegmentModel, path: Path) -> Path:
    """2-D PCA projection of the segment features, coloured by segment, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.decomposition import PCA

    features = model.features(profiles)
    points = PCA(n_components=2, random_state=0).fit_transform(features)
    labels = [p.facts["segment"].value["id"] if "segment" in p.facts else -1 for p in model.assign(profiles)]
    figure, axis = plt.subplots(figsize=(9, 6.5), dpi=110)
    for segment in model.segments:
        mask = np.array(labels) == segment.id
        axis.scatter(points[mask, 0], points[mask, 1], s=10, alpha=0.7, label=f"{segment.id}: {segment.name} ({mask.sum()})")
    axis.set_title(f"Customer segments (k={len(model.segments)}, silhouette {model.silhouette:.2f})")
    axis.set_xlabel("PC 1")
    axis.set_ylabel("PC 2")
    axis.legend(fontsize=7, loc="best", markerscale=2)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return path
