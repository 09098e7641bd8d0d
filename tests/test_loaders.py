"""A release in the tools its users already have: PyTorch's `DataLoader` with worker processes, Keras, Hugging Face
`datasets` without network, and `mlcroissant`; and the metrics of the field on the files the release ships."""
import os, subprocess, sys
import numpy as np
import pytest
from anomnist.dataset import write_release, load_release
from anomnist.loaders import ReleaseDataset, keras_batches
from anomnist.regions import read_tracks, anomaly_tracks, rbdc_tbdc, DETECTION_COLUMNS

SIZES = dict(n_train=12, n_val=6, n_test=10)

@pytest.fixture(scope="module")
def release(tmp_path_factory, mnist_dir):
    "A tiny release on disk, written as `anomnist dataset` writes one."
    out = tmp_path_factory.mktemp("release")/"release"
    write_release(out, normal="medoid", subset=3000, mnist=mnist_dir, **SIZES)
    return out

KEYS = {"image": ((5, 64, 64), np.uint8), "frames": ((5,), np.int64), "target_frame": ((), np.int64), "last_frame": ((), np.int64),
        "video_index": ((), np.int64), "gt_label": ((), np.bool_), "gt_mask": ((64, 64), np.bool_), "gt_boxes": ((2, 4), np.int16),
        "nuisance": ((), np.bool_), "digit_labels": ((2,), None)}

def test_item_keys_and_shapes(release):
    ds = ReleaseDataset(release, "test", clip_length=5, stride=3, target="mid")
    item = ds[4]
    assert set(item) == set(KEYS)
    for k, (shape, dtype) in KEYS.items():
        assert np.shape(item[k]) == shape, k
        if dtype is not None: assert item[k].dtype == dtype, k

def test_torch_dataloader_two_workers(release):
    torch = pytest.importorskip("torch")
    from torch.utils.data import DataLoader
    ds = ReleaseDataset(release, "test", clip_length=5, stride=3, target="last")
    loader = DataLoader(ds, batch_size=7, num_workers=2, shuffle=False)
    batches = list(loader)
    assert sum(len(b["image"]) for b in batches) == len(ds)
    b = batches[0]
    assert set(b) == set(KEYS)
    assert b["image"].shape == (7, 5, 64, 64) and b["image"].dtype == torch.uint8
    assert b["gt_mask"].shape == (7, 64, 64) and b["gt_mask"].dtype == torch.bool
    assert b["gt_boxes"].shape == (7, 2, 4)
    for i in (0, 6):                                                   # the workers' items are the dataset's
        np.testing.assert_array_equal(b["image"][i].numpy(), ds[i]["image"])
        assert bool(b["gt_label"][i]) == bool(ds[i]["gt_label"])
    labels = np.concatenate([bt["gt_label"].numpy() for bt in batches])
    full = load_release(release, "test")
    v, s = ds.index.T
    np.testing.assert_array_equal(labels, full["frame_anomaly"][v, s + 4])

def test_keras_batches_same_items(release):
    ds = ReleaseDataset(release, "val", clip_length=4, stride=4, target="first")
    batches = keras_batches(ds, batch_size=8, y="gt_label")
    xs, ys = zip(*(batches[b] for b in range(len(batches))))
    x, y = np.concatenate(xs), np.concatenate(ys)
    assert x.shape == (len(ds), 4, 64, 64, 1) and x.dtype == np.float32
    np.testing.assert_array_equal(x[..., 0], np.stack([ds[i]["image"] for i in range(len(ds))]) / np.float32(255))
    np.testing.assert_array_equal(y, np.stack([ds[i]["gt_label"] for i in range(len(ds))]))

def test_hugging_face_offline(release, tmp_path):
    "`datasets.load_dataset` on the release folder, in a process with the network switched off."
    pytest.importorskip("datasets")
    code = ("import datasets, numpy as np, sys; datasets.disable_progress_bars(); "
            f"d = datasets.load_dataset({str(release)!r}, cache_dir={str(tmp_path)!r}); "
            "print({s: d[s].num_rows for s in d}); t = d['test'].with_format('numpy'); "
            "np.save(sys.argv[1], np.asarray(t['video'], np.uint8)); np.save(sys.argv[2], np.asarray(t['frame_anomaly']))")
    env = dict(os.environ, HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path/"hf"), no_proxy="*",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")     # any attempt to reach out fails
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path/"v.npy"), str(tmp_path/"y.npy")], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "{'train': 12, 'validation': 6, 'test': 10}" in r.stdout
    full = load_release(release, "test")
    np.testing.assert_array_equal(np.load(tmp_path/"v.npy"), full["videos"])
    np.testing.assert_array_equal(np.load(tmp_path/"y.npy"), full["frame_anomaly"])

def test_croissant_validates(release):
    mlc = pytest.importorskip("mlcroissant")
    ds = mlc.Dataset(jsonld=release/"croissant.json")                  # raises on an invalid file
    assert not ds.metadata.issues.errors
    assert ds.metadata.ctx.conforms_to.value == "http://mlcommons.org/croissant/1.1"
    recs = list(mlc.Dataset(jsonld=release/"croissant.json").records("sequences"))
    assert len(recs) == sum(SIZES.values())
    test = [r for r in recs if r["sequences/split"] == b"test"]
    full = load_release(release, "test")
    order = np.argsort([r["sequences/video_index"] for r in test])
    np.testing.assert_array_equal(np.array([test[i]["sequences/frame_anomaly"] for i in order]), full["frame_anomaly"])

def test_shipped_tracks_score_a_perfect_detector(release):
    "The reference-format tracks of the release are the ground truth's: its own boxes, as detections, score 1."
    tracks = read_tracks(release/"tracks"/"test")
    full = load_release(release, "test")
    np.testing.assert_array_equal(tracks, anomaly_tracks(np.load(release/"test_boxes.npy")))
    assert len(tracks) == full["digit_anomaly"].sum()
    det = np.c_[tracks[:, [0, 2]], tracks[:, 3:], np.ones(len(tracks))]
    assert det.shape[1] == len(DETECTION_COLUMNS)
    assert rbdc_tbdc(det, tracks, full["frame_anomaly"].size) == (1.0, 1.0)

def test_evaluate_command_on_clip_scores_and_reference_boxes(release, tmp_path, capsys):
    "`anomnist evaluate`: clip scores put back on frames by the loader's rule, and reference-format boxes."
    import json
    from anomnist.cli import main
    from anomnist.loaders import clip_starts
    from anomnist.regions import write_detections
    y = load_release(release, "test")["frame_anomaly"]
    starts = clip_starts(20, 4, 2)
    np.savez(tmp_path/"clips.npz", clip_scores=y[:, starts] * 1.0)          # each clip scored by its first frame
    tracks = read_tracks(release/"tracks"/"test")
    write_detections(tmp_path/"det", np.c_[tracks[:, [0, 2]], tracks[:, 3:], np.ones(len(tracks))], len(y))
    args = ["evaluate", "--release", str(release), "--scores", str(tmp_path/"clips.npz"), "--clip-length", "4", "--stride", "2",
            "--target", "first", "--detections", str(tmp_path/"det"), "--out", str(tmp_path/"m.json")]
    assert main(args) == 0
    m = json.loads((tmp_path/"m.json").read_text())
    assert (m["rbdc"], m["tbdc"]) == (1.0, 1.0) and 0.5 < m["frame_auc"] <= 1.0
    assert json.loads(capsys.readouterr().out)["frame_auc"] == m["frame_auc"]
    assert main(args) == 2                                                # --out exists: refused, not overwritten
    assert main(args[:5] + ["--target", "first"]) == 2                    # clip scores without --clip-length
    assert "--clip-length goes with clip_scores" in capsys.readouterr().err
