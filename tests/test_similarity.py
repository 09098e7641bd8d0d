"Embedding cache behaviour and the similarity model's contract, on real digits."
import numpy as np, pytest
from anomnist.data import load_mnist
from anomnist.embedding import TSNEEmbedding
from anomnist.similarity import DigitSimilarity, save_similarity, load_similarity

@pytest.fixture(scope="module")
def digits(mnist_dir):
    x, y = load_mnist("test", mnist_dir)
    return x[:600], y[:600]

def test_cache_keyed_by_data_and_every_parameter(digits):
    x, _ = digits
    base = TSNEEmbedding(perplexity=10).fit(x)
    assert TSNEEmbedding(perplexity=10).fit(x).from_cache_
    flat = x.reshape(len(x), -1)
    for changed in [dict(random_state=1), dict(n_pca=30), dict(n_iter=500), dict(engine="sklearn"), dict(ints_in_interval=1)]:
        e = TSNEEmbedding(**{"perplexity": 10, **changed})
        assert e.cache_key(flat) != base.cache_key(flat), changed
    assert TSNEEmbedding(perplexity=10, n_jobs=1).cache_key(flat) != TSNEEmbedding(perplexity=10, n_jobs=2).cache_key(flat)  # threads
    other = x.copy(); other[0, 0, 0] ^= 1                        # one pixel changed
    assert TSNEEmbedding(perplexity=10).cache_key(other) != TSNEEmbedding(perplexity=10).cache_key(x)

def test_sklearn_engine_is_selectable_and_deterministic(digits):
    x, y = digits
    a = TSNEEmbedding(engine="sklearn", perplexity=10, n_iter=250, cache=False).fit_transform(x[:300])
    b = TSNEEmbedding(engine="sklearn", perplexity=10, n_iter=250, cache=False).fit_transform(x[:300])
    assert a.shape == (300, 2) and np.array_equal(a, b)

def test_same_seed_same_model_and_roundtrip(digits, tmp_path):
    x, y = digits
    emb = TSNEEmbedding(perplexity=10).fit_transform(x)
    s1 = DigitSimilarity(8, random_state=3).fit(x, y, emb)
    s2 = DigitSimilarity(8, random_state=3).fit(x, y, emb)
    assert np.array_equal(s1.medoids_, s2.medoids_)
    save_similarity(s1, tmp_path/"s.npz")
    s3 = load_similarity(tmp_path/"s.npz")
    assert all(np.array_equal(a, b) for a, b in zip(s1.substitutes_, s3.substitutes_))
    assert list(tmp_path.iterdir()) == [tmp_path/"s.npz"]        # nothing temporary left behind
