"""Property tests of the Anomalous Moving MNIST generator on real MNIST digits (hypothesis draws the parameters)."""
import numpy as np, pytest
from hypothesis import given, settings, strategies as st, HealthCheck
from anomnist.data import load_mnist
from anomnist.similarity import DigitSimilarity
from anomnist.moving import MovingConfig, generate

@pytest.fixture(scope="module")
def model(mnist_dir):
    x, y = load_mnist("test", mnist_dir)
    x, y = x[:2000], y[:2000]
    return DigitSimilarity(15).fit(x, y), x

@st.composite
def configs(draw):
    T = draw(st.integers(1, 24))
    D = draw(st.integers(1, 3))
    cfg = dict(n_frames=T, height=draw(st.integers(28, 72)), width=draw(st.integers(28, 72)), n_digits=D,
               anomaly_rate=draw(st.floats(0, 1)),
               digits_per_anomaly=draw(st.just(1) if D == 1 else st.sampled_from([1, 2, (1, 2)])),
               combine=draw(st.sampled_from(["max", "sum"])), top_substitutes=draw(st.none() | st.integers(1, 8)),
               normal=draw(st.sampled_from(["medoid", "natural"])), rank=draw(st.sampled_from(["pixels", "map"])),
               track=draw(st.sampled_from(["appearance", "identity"])))
    cfg["nuisance_rate"] = draw(st.floats(0, 1 - cfg["anomaly_rate"]))
    cfg["variety"] = draw(st.integers(1, 4)) if cfg["normal"] == "medoid" else 1
    if draw(st.booleans()): cfg["speed"] = tuple(sorted(draw(st.lists(st.floats(0, 7), min_size=2, max_size=2))))
    else: cfg["step_length"] = draw(st.floats(0.01, 0.5))
    if draw(st.booleans()): cfg["anomaly_frames"] = draw(st.lists(st.integers(0, T - 1), min_size=1, max_size=T, unique=True))
    else:
        lo = draw(st.integers(1, T)); cfg["span"] = (lo, draw(st.integers(lo, T)))
    return cfg

common = dict(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

def anomalous_count(ds): return int(ds["frame_anomaly"].any(1).sum())

@settings(**common)
@given(cfg=configs(), n=st.integers(0, 25), seed=st.integers(0, 2**32 - 1))
def test_ground_truth_properties(model, cfg, n, seed):
    sim, x = model
    ds = generate(sim, x, n, seed, **cfg)
    c = MovingConfig(**cfg)
    T, H, W = c.n_frames, c.height, c.width
    assert ds["videos"].shape == (n, T, H, W) and ds["videos"].dtype == np.uint8
    pos = ds["positions"].astype(int)
    # every digit inside the frame
    assert (pos >= 0).all() and (pos[..., 0] <= H - 28).all() and (pos[..., 1] <= W - 28).all()
    # bounce rule: a coordinate reverses direction only on a wall
    d = np.diff(pos, axis=1)
    turn = d[:, :-1] * d[:, 1:] < 0
    at, wall = pos[:, 1:-1][turn], np.broadcast_to(np.array([H - 28, W - 28]), pos[:, 1:-1].shape)[turn]
    assert ((at == 0) | (at == wall)).all()
    # ground truth consistency
    assert np.array_equal(ds["frame_anomaly"], ds["digit_anomaly"].any(-1))
    a = ds["digit_anomaly"]
    normal = np.broadcast_to(ds["normal_labels"][:, None, :], a.shape)
    cl = np.broadcast_to(ds["clusters"][:, None, :].astype(int), a.shape)
    assert (ds["digit_labels"][a] != normal[a]).all()
    assert (sim.labels_[ds["mnist_index"][a]] == cl[a]).all()          # substitutes come from the medoid's cluster
    if c.normal == "medoid" and c.rank == "map":
        for i, t, k in zip(*np.nonzero(a)):
            assert ds["mnist_index"][i, t, k] in sim.substitutes_[cl[i, t, k]][:c.top_substitutes]
    if c.rank == "pixels" and c.top_substitutes:                        # among the top nearest in pixels to the image replaced
        px = x.reshape(len(x), -1).astype(np.float32) / 255
        for i, k in zip(*np.nonzero(ds["substitute_index"] >= 0)):
            q, s = ds["normal_index"][i, k], ds["substitute_index"][i, k]
            m = sim.members_[sim.labels_[q]]; m = m[sim.digit_labels_[m] != sim.digit_labels_[q]]
            d = np.sort(np.linalg.norm(px[m] - px[q], axis=1))
            assert np.linalg.norm(px[s] - px[q]) <= d[min(c.top_substitutes, len(d)) - 1] + 1e-4
    assert (ds["digit_labels"][~a] == normal[~a]).all()
    assert np.array_equal(ds["digit_labels"], sim.digit_labels_[ds["mnist_index"]])
    nu = ds["digit_nuisance"]
    if c.variety == 1 and c.normal == "medoid": assert np.array_equal(ds["mnist_index"][~a & ~nu], sim.medoids_[cl[~a & ~nu]])
    # nuisance spans (identity track): normal frames, the digit's own label, one other image held for the span
    assert not (ds["frame_nuisance"] & ds["frame_anomaly"]).any() and np.array_equal(ds["frame_nuisance"], nu.any(-1))
    if c.track == "appearance": assert not nu.any() and (ds["nuisance_index"] == -1).all()
    else:
        nseq = ds["frame_nuisance"].any(1)
        assert nseq.sum() == min(round(c.nuisance_rate * n), n - anomalous_count(ds)) and not (nseq & ds["frame_anomaly"].any(1)).any()
        held = np.broadcast_to(ds["nuisance_index"][:, None], nu.shape)
        assert np.array_equal(ds["mnist_index"][nu], held[nu]) and np.array_equal(ds["nuisance_index"] >= 0, nu.any(1))
        assert (ds["digit_labels"][nu] == normal[nu]).all() and (ds["mnist_index"][nu] != np.broadcast_to(ds["normal_index"][:, None], nu.shape)[nu]).all()
    # each digit keeps one normal image and one substitute for the whole sequence
    shown = np.broadcast_to(ds["normal_index"][:, None], a.shape)
    assert np.array_equal(np.where(a | nu, shown, ds["mnist_index"]), shown)
    subs = np.broadcast_to(ds["substitute_index"][:, None], a.shape)
    assert np.array_equal(ds["mnist_index"][a], subs[a]) and np.array_equal(ds["substitute_index"] >= 0, a.any(1))
    # boxes and ink boxes
    b = ds["boxes"].astype(int)
    assert np.array_equal(b[..., :2], pos) and np.array_equal(b[..., 2:], pos + 28)
    ib = ds["ink_boxes"].astype(int)
    assert (ib[..., :2] >= b[..., :2]).all() and (ib[..., 2:] <= b[..., 2:]).all()
    # which sequences and frames are anomalous
    anomalous = ds["frame_anomaly"].any(1)
    assert anomalous.sum() == round(c.anomaly_rate * n)
    if c.anomaly_frames is not None:
        want = np.zeros(T, bool); want[c.anomaly_frames] = True
        assert (ds["frame_anomaly"][anomalous] == want).all()
    else:
        for row in ds["frame_anomaly"][anomalous]:
            f = np.flatnonzero(row)
            assert c.span[0] <= len(f) <= c.span[1] and np.array_equal(f, np.arange(f[0], f[-1] + 1))
    per_frame = a.sum(-1)[ds["frame_anomaly"]]
    assert np.isin(per_frame, c.digits_per_anomaly).all()

@settings(**{**common, "max_examples": 15})
@given(n=st.integers(1, 40), seed=st.integers(0, 1000), step=st.floats(0.02, 0.3))
def test_single_digit_frames_show_the_image_drawn(model, n, seed, step):
    "With one digit, each frame is exactly the MNIST image at its position on a black background."
    sim, x = model
    ds = generate(sim, x, n, seed, n_digits=1, step_length=step, anomaly_rate=0.5)
    for i in range(n):
        for t in range(20):
            r, c = ds["positions"][i, t, 0]
            frame = ds["videos"][i, t].copy()
            assert np.array_equal(frame[r:r + 28, c:c + 28], x[ds["mnist_index"][i, t, 0]])
            frame[r:r + 28, c:c + 28] = 0
            assert not frame.any()

@settings(**{**common, "max_examples": 10})
@given(seed=st.integers(0, 10**6), chunk=st.integers(1, 60), jobs=st.integers(1, 3), cfg=configs())
def test_deterministic_across_chunks_and_workers(model, seed, chunk, jobs, cfg):
    sim, x = model
    a = generate(sim, x, 60, seed, chunk_size=1000, n_jobs=1, **cfg)
    b = generate(sim, x, 60, seed, chunk_size=chunk, n_jobs=jobs, **cfg)
    for k in a: assert np.array_equal(a[k], b[k]), k

@pytest.mark.parametrize("params, message", [
    (dict(digits_per_anomaly=0), "digits_per_anomaly=0: allowed values are {1, 2}"),
    (dict(digits_per_anomaly=2, n_digits=1), "digits_per_anomaly=2: allowed values are at most n_digits = 1"),
    (dict(anomaly_frames=[0, 20]), "anomaly_frames=[0, 20]: allowed values are a non-empty list of frame numbers in [0, 20)"),
    (dict(anomaly_frames=[]), "anomaly_frames=[]"),
    (dict(span=(1, 25)), "span=(1, 25): allowed values are lengths at most n_frames = 20"),
    (dict(height=27), "height=27: allowed values are integers >= 28"),
    (dict(width=10), "width=10"),
    (dict(anomaly_rate=1.01), "anomaly_rate=1.01: allowed values are numbers in [0, 1]"),
    (dict(anomaly_rate=-1), "anomaly_rate=-1"),
    (dict(combine="add"), "combine='add'"),
    (dict(n_frames=0), "n_frames=0"),
    (dict(track="semantic"), "track='semantic': allowed values are ('appearance', 'identity')"),
    (dict(rank="tsne"), "rank='tsne': allowed values are ('pixels', 'map')"),
    (dict(track="identity", nuisance_rate=0.6), "nuisance_rate=0.6: allowed values are numbers in [0, 1 - anomaly_rate] = [0, 0.5]"),
])
def test_bad_input_is_named(model, params, message):
    sim, x = model
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)").replace("{", r"\{").replace("}", r"\}")):
        generate(sim, x, 5, 0, **params)

def test_other_bad_input(model):
    sim, x = model
    with pytest.raises(ValueError, match="images has 1999 digits"): generate(sim, x[:-1], 5)
    with pytest.raises(ValueError, match="n=-1"): generate(sim, x, -1)
    with pytest.raises(ValueError, match="chunk_size=0"): generate(sim, x, 5, chunk_size=0)

def test_clusters_without_substitutes_are_skipped_or_fail(model):
    sim, x = model
    pure = [c for c, s in enumerate(sim.substitutes_) if len(s) == 0]
    ds = generate(sim, x, 300, 0)
    assert not np.isin(ds["clusters"], pure).any()
    import copy
    none = copy.copy(sim); none.substitutes_ = [np.zeros(0, int) for _ in sim.substitutes_]
    with pytest.raises(ValueError, match="no cluster .* has a substitute"): generate(none, x, 5)


def test_nuisance_changes_match_the_look_alikes_in_size(model):
    "Identity track: the same-label changes are as far (pixels) from the image they replace as the look-alikes are."
    from scipy.stats import ks_2samp
    from anomnist.moving import change_distances, substitute_nearness
    sim, x = model
    ds = generate(sim, x, 3000, 0, normal="natural", top_substitutes=3, rank="pixels", digits_per_anomaly=(1, 2), track="identity")
    d = change_distances(ds, x)
    assert len(d["substitute"]) > 1500 and len(d["nuisance"]) > 1500
    assert ks_2samp(d["substitute"], d["nuisance"]).statistic <= 0.1
    assert substitute_nearness(ds, sim, x) >= 0.8                       # look-alikes nearer than an ordinary same-label image
    far = generate(sim, x, 3000, 0, normal="natural", digits_per_anomaly=(1, 2))   # any member of another label
    assert substitute_nearness(far, sim, x) < 0.5
