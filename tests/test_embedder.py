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


def test_onnx_backend_equals_torch_on_real_sentences(settings) -> None:
    from encoders.embedder import _MODELS

    sentences = ["Likes Cat 1, Cat 10, Cat 3. Shops budget.", "Likes Garden. Shops premium.", "No activity yet.",
                 "solar garden lantern", "a stainless steel chef knife with a walnut handle, twenty centimetres long",
                 "Customer asked where the parcel is; it was due on Tuesday. " * 30]  # longer than 256 tokens: truncated
    torch_vectors = Embedder(settings.model_copy(update={"embedding_backend": "torch"}), EmbeddingCache(settings.home / "t.sqlite"))
    onnx_vectors = Embedder(settings.model_copy(update={"embedding_backend": "onnx"}), EmbeddingCache(settings.home / "o.sqlite"))
    assert onnx_vectors.backend == "onnx"
    expected = torch_vectors.encode(sentences)
    for batch in (1, 4, 64):  # different padding in each batch
        _MODELS.clear()
        onnx_vectors.batch_size = batch
        onnx_vectors.cache = EmbeddingCache(settings.home / f"o{batch}.sqlite")
        got = onnx_vectors.encode(sentences)
        assert np.abs(got - expected).max() <= 1e-5
        assert np.array_equal(np.argsort(-(got @ got.T), axis=1), np.argsort(-(expected @ expected.T), axis=1))
    assert any(p.suffix == ".onnx" for p in (settings.embedding_onnx_dir or settings.home / "models").iterdir())
