from __future__ import annotations

import numpy as np

from encoders.embedder import EMBEDDING_DIM, Embedder, EmbeddingCache


def test_vectors_are_normalised_and_meaningful(settings) -> None:
    embedder = Embedder(settings)
    vectors = embedder.encode(["solar garden lantern", "outdoor garden light", "stainless steel chef knife"])
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_same_text_is_never_embedded_twice(settings) -> None:
    embedder = Embedder(settings)
    first = embedder.encode(["copper lantern", "copper lantern", "wooden train set"])
    assert embedder.encoded_texts == 2
    again = embedder.encode(["wooden train set", "copper lantern"])
    assert embedder.encoded_texts == 2
    assert np.array_equal(again[1], first[0])

    reopened = Embedder(settings, EmbeddingCache(settings.embedding_cache))
    reopened.encode(["copper lantern"])
    assert reopened.encoded_texts == 0
    assert len(reopened.cache) == 2


def test_missing_model_path_is_a_clear_error(settings, tmp_path) -> None:
    import pytest

    from encoders.settings import ModelNotFoundError

    broken = settings.model_copy(update={"embedding_model": tmp_path / "nowhere"})
    with pytest.raises(ModelNotFoundError, match="PORTRAIT_EMBEDDING_MODEL"):
        Embedder(broken)
