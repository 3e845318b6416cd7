"""Segments: KMeans over interest vectors and RFM features, k chosen by silhouette, with readable
names. The fitted model is saved so incremental updates assign new profiles the same way a rebuild does."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
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


NAME_SUPPORT = 0.9  # a part goes into a segment's name only if it holds for at least this share of members
_LEVELS = {"low spend": "low spenders", "medium spend": "mid spenders", "high spend": "high spenders"}


@dataclass
class Segment:
    id: int
    name: str
    description: str
    size: int
    name_support: dict[str, float] = field(default_factory=dict)
    """Share of members for whom each part of the name holds (measured when the segment was named)."""


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
            band = spend_band_of(spend, self.spend_cuts)
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


def spend_band_of(spend: float, cuts: list[float] | np.ndarray) -> str:
    return SPEND_BANDS[int(np.searchsorted(cuts, spend, side="right"))]


def _member_traits(profile: Profile, cuts: np.ndarray) -> dict[str, str]:
    top = profile.fact_value("top_categories")
    return {
        "category": top[0]["category"] if top else "",
        "spend": spend_band_of(float(profile.fact_value("monetary", 0.0)), cuts),
        "stage": str(profile.fact_value("lifecycle_stage", "") or ""),
        "price": str(profile.fact_value("price_band", "") or ""),
    }


def _name_parts(traits: list[dict[str, str]]) -> tuple[list[str], dict[str, float]]:
    """Name parts that hold for at least NAME_SUPPORT of the members, with their shares. The interest
    part may name two categories ("Kitchen or books": top category is either) when one alone falls short."""
    size = len(traits)
    parts: list[str] = []
    support: dict[str, float] = {}
    categories = Counter(t["category"] for t in traits if t["category"])
    if categories:
        (first, n1), *rest = categories.most_common(2)
        if n1 / size >= NAME_SUPPORT:
            parts.append(first.capitalize())
            support[parts[-1]] = round(n1 / size, 3)
        elif rest and (n1 + rest[0][1]) / size >= NAME_SUPPORT:
            parts.append(f"{first.capitalize()} or {rest[0][0]}")
            support[parts[-1]] = round((n1 + rest[0][1]) / size, 3)
    for key, word in (("spend", lambda v: _LEVELS[v]), ("price", lambda v: f"{v} price band"), ("stage", lambda v: v)):
        value, count = Counter(t[key] for t in traits).most_common(1)[0]
        if value and count / size >= NAME_SUPPORT:
            parts.append(word(value))
            support[parts[-1]] = round(count / size, 3)
    if not parts:
        parts.append("Mixed interests")
    return parts, support


def name_support(profiles: list[Profile], model: SegmentModel) -> dict[str, dict[str, float]]:
    """For today's members of each segment: the share for whom each part of its name holds."""
    cuts = np.array(model.spend_cuts)
    members: dict[int, list[dict[str, str]]] = {}
    for profile in model.assign(profiles):
        members.setdefault(profile.facts["segment"].value["id"], []).append(_member_traits(profile, cuts))
    report = {}
    for segment in model.segments:
        traits = members.get(segment.id, [])
        shares = {}
        for part in segment.name.split(" · "):
            if traits and part in segment.name_support:
                shares[part] = round(sum(_holds(part, t) for t in traits) / len(traits), 3)
        report[segment.name] = shares
    return report


def _holds(part: str, trait: dict[str, str]) -> bool:
    lowered = part.lower()
    if lowered in _LEVELS.values():
        return _LEVELS[trait["spend"]] == lowered
    if lowered.endswith(" price band"):
        return trait["price"] == lowered.removesuffix(" price band")
    if lowered in ("new", "active", "at risk", "lapsed"):
        return trait["stage"] == lowered
    return trait["category"] in {c.strip() for c in lowered.split(" or ")}


def _describe(profiles: list[Profile], labels: np.ndarray, spend: np.ndarray) -> list[Segment]:
    overall_spend = float(np.median(spend))
    cuts = np.quantile(spend, [1 / 3, 2 / 3])
    segments = []
    for label in range(int(labels.max()) + 1):
        members = [p for p, l in zip(profiles, labels) if l == label]
        size = len(members)
        traits = [_member_traits(p, cuts) for p in members]
        categories = Counter(t["category"] for t in traits if t["category"])
        stages = Counter(t["stage"] or "unknown" for t in traits)
        bands = Counter(t["price"] for t in traits if t["price"])
        group_spend = median(float(p.fact_value("monetary", 0.0)) for p in members)
        parts, support = _name_parts(traits)
        description = [
            f"{size} customers",
            f"top category: {_share_text(categories, size)}" if categories else "no category interests",
            f"median net spend {group_spend:.2f} (all customers {overall_spend:.2f})",
            f"spend band: {_share_text(Counter(t['spend'] for t in traits), size)}",
            f"lifecycle: {_share_text(stages, size)}",
        ]
        if bands:
            description.append(f"price band: {_share_text(bands, size, 1)}")
        description.append("name holds for: " + ", ".join(f"{p} {s:.0%}" for p, s in support.items()) if support else "no shared trait")
        segments.append(Segment(id=label, name=" · ".join(parts), description="; ".join(description), size=size, name_support=support))
    _disambiguate(segments)
    return segments


def _disambiguate(segments: list[Segment]) -> None:
    """Two segments that share every true part get their number, never an untrue distinction."""
    names = Counter(s.name for s in segments)
    for segment in segments:
        if names[segment.name] > 1:
            segment.name = f"{segment.name} · group {segment.id + 1}"


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
