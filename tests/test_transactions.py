"""All or nothing: a release, a result and a report are written whole or not at all, and wrong data never passes
silently. Each test replays a finding of the hostile review (numbered as in the issue) and asserts that the files
there before are byte-identical afterwards, that no staging, temporary or lock file is left, and that the one-line
message names the file or option. Interruptions are real signals to real processes, a full disk is a file-size limit
(RLIMIT_FSIZE), and concurrency is two processes at once."""
import json, resource, shutil, signal, subprocess, sys, time
from pathlib import Path
import numpy as np
import pytest
from anomnist.files import InputError
from test_hostile import run, refused, ours

SMALL = ["--n-train", "30", "--n-val", "10", "--n-test", "30", "--subset", "1000"]

def snapshot(folder) -> dict:
    "Every file under `folder` (hidden ones too) with its bytes."
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}

def leftovers(folder) -> list:
    "Hidden staging, temporary or lock files anywhere under `folder`."
    return [str(p) for p in Path(folder).rglob(".*") if any(k in p.name for k in (".staging-", ".old-", ".tmp", ".lock"))]

def failed(r, *words):
    "Exit 2, no traceback, and one line of ours (after any progress bars) that names each of `words`."
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    mine = [l for l in ours(r.stderr) if l.startswith("anomnist ")]
    assert "Traceback" not in r.stderr and len(mine) == 1, r.stderr[-1500:]
    for w in words: assert w in mine[0], (w, mine[0])

def start(*args):
    "An anomnist command in the background, with Ctrl-C's default meaning (a background job may inherit SIGINT ignored)."
    return subprocess.Popen(["anomnist", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

def wait_for(pred, what, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred(): return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")

def limited(max_bytes):
    "preexec_fn for a child whose files may not grow past `max_bytes` (writes then fail with EFBIG)."
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

@pytest.fixture(scope="module")
def release(tmp_path_factory, mnist_dir):
    "A small complete release, written once; tests copy it."
    out = tmp_path_factory.mktemp("rel")/"release"
    r = run("dataset", "--out", str(out), *SMALL)
    assert r.returncode == 0, r.stderr[-2000:]
    return out

# ---- 1. a release is one transaction ----

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_release_leaves_the_previous_one(tmp_path, release, sig):
    rel = tmp_path/"release"; shutil.copytree(release, rel); before = snapshot(tmp_path)
    p = start("dataset", "--out", str(rel), "--force", "--seed", "1", "--n-train", "5000", "--n-val", "10", "--n-test", "30",
              "--subset", "1000", "--n-jobs", "1")
    wait_for(lambda: any((s/"train.npz").exists() or any(s.glob(".train.npz.*")) for s in tmp_path.glob(".release.staging-*")),
             "the staged training part")
    p.send_signal(sig)
    assert p.wait(timeout=60) == 128 + sig                           # 143 for SIGTERM, 130 for Ctrl-C
    assert snapshot(tmp_path) == before and leftovers(tmp_path) == []

def test_a_full_disk_during_a_release_leaves_the_previous_one(tmp_path, release):
    rel = tmp_path/"release"; shutil.copytree(release, rel); before = snapshot(tmp_path)
    r = subprocess.run(["anomnist", "dataset", "--out", str(rel), "--force", "--seed", "1", *SMALL], capture_output=True,
                       text=True, timeout=300, preexec_fn=limited(200_000))
    failed(r, str(rel), "larger than this system allows", "unchanged")
    assert snapshot(tmp_path) == before and leftovers(tmp_path) == []

def test_two_releases_on_one_folder_do_not_mix(tmp_path, mnist_dir):
    rel = tmp_path/"release"
    first = start("dataset", "--out", str(rel), "--n-train", "5000", "--n-val", "10", "--n-test", "30", "--subset", "1000", "--n-jobs", "1")
    wait_for(lambda: (tmp_path/".release.lock").exists(), "the first run's lock")
    first.send_signal(signal.SIGSTOP)                             # hold the first run mid-write while the second starts
    second = run("dataset", "--out", str(rel), "--seed", "7", "--force", *SMALL)
    first.send_signal(signal.SIGCONT)
    failed(second, str(rel), "is being written by another run")
    assert first.wait(timeout=300) == 0, first.stderr.read()[-2000:]
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=rel, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len((rel/"SHA256SUMS").read_text().splitlines()) > 7
    from anomnist.dataset import load_release
    assert load_release(rel, "train", verify=True)["metadata"]["release"]["seed"] == 0     # the first run's, whole
    assert leftovers(tmp_path) == []

def test_the_loader_refuses_an_incomplete_or_mixed_release(tmp_path, release):
    from anomnist.dataset import load_release
    rel = tmp_path/"release"; shutil.copytree(release, rel)
    (rel/"val.npz").write_bytes((rel/"val.npz").read_bytes()[:-1] + b"x")                 # same size, other bytes
    with pytest.raises(InputError, match="val.npz is not the file this release was written with"): load_release(rel, "val")
    with pytest.raises(InputError, match="val.npz is not the file"): load_release(rel, "test", verify=True)
    (rel/"MANIFEST.json").unlink()
    with pytest.raises(InputError, match="is not a complete release: it has no MANIFEST.json"): load_release(rel)

def test_a_folder_with_other_files_is_never_replaced(tmp_path, mnist_dir):
    (tmp_path/"mine").mkdir(); (tmp_path/"mine"/"notes.txt").write_text("keep")
    refused(run("dataset", "--out", str(tmp_path/"mine"), "--force", *SMALL), "notes.txt, which is not among its parts")
    assert (tmp_path/"mine"/"notes.txt").read_text() == "keep"

# ---- 2. outputs never overwrite inputs ----

def test_an_output_may_not_name_an_input(tmp_path, release):
    rel = tmp_path/"release"; shutil.copytree(release, rel)
    res = tmp_path/"res"; res.mkdir(); (res/"detectors.json").write_text('{"context": {"quick": false, "complete": true}, "runs": []}')
    (res/"r.ipynb").write_text("{}")
    sim = tmp_path/"sim.npz"; sim.write_text("model")
    before = snapshot(tmp_path)
    for inside in ("train.npz", "SHA256SUMS"):
        refused(run("dataset", "--out", str(rel), "--force", "--stats", str(rel/inside), *SMALL), "--stats", "inside --out")
    refused(run("report", "--results", str(res), "--out", str(res/"detectors.json"), "--notebook", str(res/"r.ipynb")),
            "detectors.json", "an input of the report")
    refused(run("report", "--results", str(res), "--out", str(res/"r.ipynb"), "--notebook", str(res/"r.ipynb")), "the report notebook")
    refused(run("generate", "--out", str(sim), "--similarity", str(sim), "--force"), "--out", "--similarity reads")
    refused(run("bench", "--models", "lof", "--selection", str(res/"detectors.json"), "--out", str(res), "--force"),
            "--out", "--selection reads")
    assert snapshot(tmp_path) == before

# ---- 3. a result and its scores are one unit ----

def test_a_result_and_its_scores_are_written_together(tmp_path):
    from anomnist.results import save_results, load_results
    path = tmp_path/"detectors.json"
    save_results(dict(context=dict(quick=True), runs=[{"a": 1}], scores={"m/s": np.arange(10.0)}), path)
    before = snapshot(tmp_path)
    code = ("import numpy as np; from anomnist.results import save_results; "
            f"save_results(dict(context=dict(quick=True), runs=[{{'a': 2}}], scores={{'m/s': np.random.default_rng(0).random(10**6)}}), {str(path)!r})")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limited(1_000_000))
    assert "WriteError" in r.stderr and "detectors_scores.npz" in r.stderr and "unchanged" in r.stderr, r.stderr[-1500:]
    assert snapshot(tmp_path) == before and leftovers(tmp_path) == []
    assert load_results(path, scores=True)["runs"] == [{"a": 1}]
    from anomnist.files import save_npz  # a scores file from another run is refused
    save_npz(tmp_path/"detectors_scores.npz", {"m/s": np.arange(11.0)})
    with pytest.raises(InputError, match="detectors_scores.npz is not the file detectors.json was written with"):
        load_results(path, scores=True)

def test_k_selection_and_its_model_are_checked_as_a_pair(tmp_path):
    from anomnist.files import write_with_companion, save_npz
    from anomnist.report import ResultFiles
    write_with_companion(tmp_path/"k_selection.json", {"recommended_k": 5}, tmp_path/"similarity.npz", lambda t: save_npz(t, {"a": np.arange(2)}))
    save_npz(tmp_path/"similarity.npz", {"a": np.arange(3)})
    with pytest.raises(InputError, match="similarity.npz is not the file k_selection.json was written with"): ResultFiles(tmp_path).check()

# ---- 4. full runs, finished or not, are never overwritten; one run per output ----

def test_an_interrupted_full_run_is_protected(tmp_path):
    partial = json.dumps({"context": {"quick": False, "complete": False}, "runs": [{}] * 30})
    (tmp_path/"detectors.json").write_text(partial)
    refused(run("bench", "--models", "lof", "--seeds", "0", "--selection", str(tmp_path/"x.json"), "--out", str(tmp_path)),
            "detectors.json holds an interrupted full run", "--force")
    assert (tmp_path/"detectors.json").read_text() == partial

def test_two_runs_on_one_output_file(tmp_path, mnist_dir):
    out = tmp_path/"d.npz"
    first = start("generate", "--out", str(out), "--n", "5000", "--n-jobs", "1")
    wait_for(lambda: (tmp_path/".d.npz.lock").exists(), "the first run's lock")
    first.send_signal(signal.SIGSTOP)                             # hold the first run mid-write while the second starts
    second = run("generate", "--out", str(out), "--n", "5", "--force")
    first.send_signal(signal.SIGCONT)
    failed(second, str(out), "is being written by another run")
    assert first.wait(timeout=300) == 0
    from anomnist.dataset_file import load_dataset
    assert len(load_dataset(out)["videos"]) == 5000 and leftovers(tmp_path) == []

# ---- 5. provenance is checked, not only recorded ----

def test_a_release_refuses_one_source_for_train_and_test(tmp_path, mnist_dir):
    fake = tmp_path/"mnist"; fake.mkdir()
    for kind in ("images-idx3", "labels-idx1"):                              # MNIST-train files that are copies of MNIST-test
        for name in ("train", "t10k"): shutil.copy(mnist_dir/f"t10k-{kind}-ubyte.gz", fake/f"{name}-{kind}-ubyte.gz")
    t = time.perf_counter()
    refused(run("dataset", "--out", str(tmp_path/"rel"), "--mnist", str(fake), *SMALL), "MNIST-train and MNIST-test", "hold the same digits")
    assert time.perf_counter() - t < 60 and not (tmp_path/"rel").exists() and leftovers(tmp_path) == []

def test_masks_and_metrics_refuse_another_split(release, mnist_dir):
    from anomnist.dataset import load_release, evaluate
    from anomnist.moving import anomaly_masks
    from anomnist.data import load_mnist
    test = load_release(release, "test")
    x_train, x_test = load_mnist("train")[0][:1000], load_mnist("test")[0][:1000]
    with pytest.raises(InputError, match="MNIST-test, 1,000 images"): anomaly_masks(test, load_mnist("train")[0])
    mem = {k: v for k, v in test.items() if k != "metadata"}                       # in memory, without the record
    with pytest.raises(InputError, match="not the MNIST split the dataset was drawn from"):
        evaluate(test["frame_anomaly"] * 1.0, mem, np.zeros(test["videos"].shape), images=x_train)
    assert 0.9 < evaluate(test["frame_anomaly"] * 1.0, mem, test["videos"] * 1.0, images=x_test)["pixel_auroc"] <= 1

# ---- 6. one input convention: float in [0, 1] is the same digits, never black videos ----

def test_float_images_give_the_same_videos_and_masks(mnist_dir):
    from anomnist.data import load_mnist
    from anomnist.similarity import DigitSimilarity
    from anomnist.moving import generate, anomaly_masks
    from anomnist.stream import MovingMNISTStream
    x, y = load_mnist("test"); x, y = x[:600], y[:600]
    sim = DigitSimilarity(5).fit(x, y)
    a, b = generate(sim, x, n=6, seed=1), generate(sim, x / 255.0, n=6, seed=1)
    assert np.array_equal(a["videos"], b["videos"]) and b["videos"].max() == 255
    assert np.array_equal(anomaly_masks(a, x / 255.0), anomaly_masks(a, x))
    assert np.array_equal(MovingMNISTStream(sim, x / 255.0, n_batches=1)[0][0], MovingMNISTStream(sim, x, n_batches=1)[0][0])
    with pytest.raises(InputError, match="images is float with values in"): generate(sim, x * 1.0, n=2)

# ---- 7. load_dataset checks what it reads ----

def test_load_dataset_validates_the_arrays(tmp_path, release):
    from anomnist.dataset_file import load_dataset
    good = {**np.load(release/"test_gt.npz"), **np.load(release/"test.npz")}
    md = json.loads(str(good["metadata"]))
    for change, words in [(dict(videos=good["videos"][:, 0]), "videos is uint8 of shape (30, 64, 64)"),
                          (dict(videos=good["videos"][:5]), "frame_anomaly is bool of shape (30, 20)"),
                          (dict(frame_anomaly=good["frame_anomaly"].astype(np.float32)), "frame_anomaly is float32"),
                          (dict(metadata=json.dumps({**md, "format": "anomnist.moving/3"})), "has format 'anomnist.moving/3'"),
                          (dict(frame_nuisance=good["frame_anomaly"]), "frame_nuisance disagrees with digit_nuisance")]:
        np.savez(tmp_path/"bad.npz", **{**good, **change})
        with pytest.raises(InputError, match="bad.npz is not a valid dataset file") as e: load_dataset(tmp_path/"bad.npz")
        assert words in str(e.value), (words, str(e.value))

# ---- 8. the report names what it shows ----

def test_the_report_names_quick_newer_and_partial_result_files(tmp_path, mnist_dir):
    root = Path(__file__).resolve().parent.parent
    for ctx, words in [({"quick": True, "complete": True}, "records a quick run"), ({"schema": 99}, "has result schema 99")]:
        (tmp_path/"video_selection.json").write_text(json.dumps({"context": ctx, "runs": []}))
        refused(run("report", "--results", str(tmp_path), "--out", str(tmp_path/"r.html")), "video_selection.json", words)
    assert not (tmp_path/"r.html").exists()
    rec = json.loads((root/"results"/"video_selection.json").read_text())
    rec["context"]["complete"] = False; rec["runs"] = rec["runs"][:5]
    (tmp_path/"video_selection.json").write_text(json.dumps(rec))
    r = run("report", "--results", str(tmp_path), "--out", str(tmp_path/"r.html"))
    assert r.returncode == 0, r.stderr[-2000:]
    html = (tmp_path/"r.html").read_text()
    assert "holds an interrupted run" in html and "5 runs" in html and "(partial: interrupted run)" in html

# ---- 9. OS errors a user can cause are one line ----

def test_os_errors_are_one_line(tmp_path, mnist_dir):
    out = tmp_path/"d.npz"
    r = subprocess.run(["anomnist", "generate", "--out", str(out), "--n", "2000"], capture_output=True, text=True,
                       timeout=300, preexec_fn=limited(20_000_000))
    failed(r, str(out), "larger than this system allows")
    assert list(tmp_path.iterdir()) == []
    refused(run("generate", "--out", str(tmp_path/("n" * 256)), "--n", "5"), "--out", "this file system takes at most 255")
    ok = run("generate", "--out", str(tmp_path/("n" * 245 + ".npz")), "--n", "5")               # a legal long name works
    assert ok.returncode == 0, ok.stderr[-1500:]
    refused(run("bench", "--models", "lof", "--backend", "foo", "--quick", "--out", str(tmp_path)), "backend='foo'", "loky")
    pipe = subprocess.run("anomnist info | head -1", shell=True, capture_output=True, text=True, timeout=300)
    assert pipe.stdout.startswith("MNIST source:") and "Traceback" not in pipe.stderr and "Error" not in pipe.stderr
    gone = subprocess.run(["bash", "-c", "anomnist info | true; echo ${PIPESTATUS[0]}"], capture_output=True, text=True, timeout=300)
    assert gone.stdout.split() == ["141"] and "Traceback" not in gone.stderr and "Error" not in gone.stderr, gone

# ---- 10. cheap checks before expensive work ----

def test_cheap_checks_come_first(tmp_path, mnist_dir):
    for args, words in [(["dataset", "--out", str(tmp_path/"r"), "--subset", "800", "--n-jobs", "0"], "--n-jobs 0"),
                        (["similarity", "--out", str(tmp_path), "--k-range", "5,20000,5000"], "at most the number of digits")]:
        t = time.perf_counter()
        refused(run(*args), words)
        assert time.perf_counter() - t < 30, args
    assert list(tmp_path.iterdir()) == []

# ---- 11. empty strings and repeated values ----

def test_empty_strings_and_repeats_are_refused(tmp_path, mnist_dir):
    for args, opt in [(["generate", "--out", str(tmp_path/"d.npz"), "--similarity", ""], "--similarity"),
                      (["generate", "--out", str(tmp_path/"d.npz"), "--mnist", ""], "--mnist"),
                      (["bench", "--selection", "", "--out", str(tmp_path)], "--selection"),
                      (["report", "--out", ""], "--out"), (["similarity", "--out", ""], "--out")]:
        refused(run(*args), opt, "'' is not allowed")
    refused(run("bench", "--models", "lof", "--seeds", "0,1,0", "--quick", "--out", str(tmp_path)), "--seeds", "0 is given twice")
    refused(run("one-class", "--digits", "3,3", "--quick", "--out", str(tmp_path)), "--digits", "3 is given twice")
    refused(run("bench-video", "--settings", "identity/natural,identity/natural", "--out", str(tmp_path)), "--settings", "identity/natural is given twice")
    assert list(tmp_path.iterdir()) == []
    r = run("generate", "--out", str(tmp_path/"s.npz"), "--n", "4", "--speed", "0.5,1.5")
    assert r.returncode == 0, r.stderr[-1500:]
    from anomnist.dataset_file import load_dataset
    assert load_dataset(tmp_path/"s.npz")["metadata"]["config"]["speed"] == [0.5, 1.5]
