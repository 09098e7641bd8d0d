"The installed `anomnist` command, run as a user runs it."
import os, re, subprocess

def run(*args, **kw):
    return subprocess.run(["anomnist", *args], capture_output=True, text=True, timeout=600, **kw)

def test_help_lists_subcommands():
    r = run("--help")
    assert r.returncode == 0 and "info" in r.stdout

def test_info_on_real_mnist(mnist_dir):
    r = run("info", "--mnist", str(mnist_dir))
    assert r.returncode == 0 and r.stderr == "", r.stderr                  # no library log lines without --verbose
    assert run("info", "--mnist", str(mnist_dir), "--verbose").returncode == 0
    rows = {l.split()[0]: l.split()[1:] for l in r.stdout.splitlines() if l.startswith(("train", "test"))}
    assert rows["train"][0] == "5,923" and rows["train"][-1] == "60,000"
    assert rows["test"][0] == "980" and rows["test"][-1] == "10,000"
    assert f"MNIST source: {mnist_dir.resolve()}" in r.stdout and "keras" in r.stdout

def test_info_without_mnist_is_a_clear_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ANOMNIST_MNIST"}
    r = run("info", "--mnist", str(tmp_path/"nowhere"), env={**env, "KERAS_HOME": str(tmp_path)})
    assert r.returncode == 2 and "nowhere, which does not exist" in r.stderr and "Traceback" not in r.stderr

def test_generate_default_settings_writes_a_valid_file(mnist_dir, tmp_path):
    "The README's main job: `anomnist generate` with its defaults (10,000 sequences) writes a file of the contract."
    from anomnist.dataset_file import load_dataset
    out = tmp_path/"anomalous_mnist.npz"
    r = run("generate", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout and "10,000 sequences, 5,000 with anomalies" in r.stdout
    ds = load_dataset(out)
    want = {"videos": ("uint8", (10000, 20, 64, 64)), "frame_anomaly": ("bool", (10000, 20)),
            "digit_anomaly": ("bool", (10000, 20, 2)), "digit_labels": ("uint8", (10000, 20, 2)),
            "normal_labels": ("uint8", (10000, 2)), "mnist_index": ("int32", (10000, 20, 2)),
            "positions": ("int16", (10000, 20, 2, 2))}
    for k, (dtype, shape) in want.items(): assert (str(ds[k].dtype), ds[k].shape) == (dtype, shape), k
    md = ds["metadata"]
    assert md["seed"] == 0 and md["mnist_split"] == "test" and len(md["mnist_sha256"]) == 64
    assert md["similarity"]["n_clusters"] > 1 and md["similarity"]["embedding"]["engine"] == "opentsne"
    assert [p.name for p in tmp_path.iterdir()] == ["anomalous_mnist.npz"]
    r = run("generate", "--out", str(out), "--n", "3")
    assert r.returncode == 2 and "--force" in r.stderr

def test_generate_same_seed_same_bytes(mnist_dir, tmp_path):
    a, b = tmp_path/"a.npz", tmp_path/"b.npz"
    for f, jobs, chunk in [(a, 1, 1000), (b, 2, 7)]:
        r = run("generate", "--out", str(f), "--n", "100", "--seed", "5", "--n-jobs", str(jobs), "--chunk-size", str(chunk))
        assert r.returncode == 0, r.stderr
    import numpy as np
    with np.load(a) as x, np.load(b) as y:
        assert x.files == y.files and all(np.array_equal(x[k], y[k]) for k in x.files)

def test_bench_quick_runs_all_seventeen(mnist_dir, tmp_path):
    "`anomnist bench --quick` trains and scores the twelve detectors and five baselines, on two workers, into *_quick.json."
    import json, time
    from anomnist.detectors import MODELS
    from anomnist.baselines import BASELINES
    t = time.time()
    r = run("bench", "--quick", "--seeds", "0", "--n-jobs", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    noise = re.search(r"I0000|E0000|W0000|cuInit|absl|oneDNN|TF_ENABLE", r.stderr)          # in the workers too
    assert noise is None, f"library log line on the command's stderr: {noise.group(0)!r}"
    assert not (tmp_path/"detectors.json").exists()                 # a smoke test never takes the full run's name
    res = json.loads((tmp_path/"detectors_quick.json").read_text())
    assert [row["detector"] for row in res["runs"]] == [*MODELS, *BASELINES, "ensemble"]    # + the ensemble chosen on validation
    assert all(0 <= row["test_auc"] <= 1 and 0 <= row["test_ap_normal"] <= 1 for row in res["runs"])
    assert all(row["epochs"] == 2 and len(row["history"]["loss"]) == 2 for row in res["runs"] if row["kind"] not in ("baseline", "ensemble"))
    ctx = res["context"]
    assert ctx["seeds"] == [0] and ctx["quick"] is True and ctx["complete"] is True and ctx["n_jobs"] == 2
    assert ctx["command"] == f"anomnist bench --quick --seeds 0 --n-jobs 2 --out {tmp_path}"      # the command as typed
    assert ctx["backend"] and ctx["date"] and ctx["machine"] and "normal class positive" in ctx["metrics"]["ap_normal"]
    for m in MODELS.values(): assert f"| {m.title}" in r.stdout
    print(f"bench --quick, all seventeen on two workers: {time.time() - t:.0f} s")

def test_quick_runs_stay_out_of_the_results_folder(mnist_dir, tmp_path):
    "Without --out, a --quick run writes into the cache, never into ./results where the committed files live."
    env = dict(os.environ, ANOMNIST_CACHE=str(tmp_path/"cache"))
    r = run("bench", "--quick", "--models", "lof", "--seeds", "0", cwd=str(tmp_path), env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert not (tmp_path/"results").exists() and (tmp_path/"cache"/"quick"/"detectors_quick.json").is_file()

def test_bench_refuses_bad_models_and_full_results(tmp_path):
    r = run("bench", "--models", "shallow_ae,resnet", "--out", str(tmp_path))
    assert r.returncode == 2 and "'resnet' is not allowed" in r.stderr
    (tmp_path/"detectors.json").write_text('{"context": {"quick": false, "complete": true}, "runs": []}')
    (tmp_path/"selection.json").write_text('{"context": {}, "runs": [], "choices": {"digit0": {}, "one_class": {}}}')
    r = run("bench", "--models", "lof", "--seeds", "0", "--out", str(tmp_path))
    assert r.returncode == 2 and "holds a full run: pass --force" in r.stderr
    assert (tmp_path/"detectors.json").read_text().startswith('{"context": {"quick": false')   # untouched

def test_one_class_quick_writes_the_table(mnist_dir, tmp_path):
    "The deep one-class detectors run by name beside the others; the ensemble is chosen on validation from the stored scores."
    from anomnist.results import load_results
    from anomnist.tables import compare
    models = ("shallow_l1_ae", "geotrans", "deep_svdd", "lof")
    r = run("one-class", "--quick", "--models", ",".join(models), "--digits", "2,8", "--seeds", "0", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    res = load_results(tmp_path/"one_class_quick.json", scores=True)
    assert [(x["normal_digit"], x["detector"], x["seed"]) for x in res["runs"] if x["detector"] != "ensemble"] == [
        (d, m, 0) for d in (2, 8) for m in models]
    ens = res["context"]["ensemble"]
    assert ens["source"] == "this run's validation scores"                              # no selection in a quick run
    assert len(ens["candidates"]) == 4 and ens["chosen"] in ens["candidates"]          # pairs and the triple of geotrans, deep_svdd, lof
    assert sum(x["detector"] == "ensemble" for x in res["runs"]) == 2          # one per digit and seed
    assert compare(res, "geotrans", "deep_svdd", normal_digit=8)["test"] == "DeLong"    # every run's scores were kept
    assert "| Deep SVDD (Ruff et al. 2018), published | 91.7 | 93.9 | 92.8 |" in r.stdout
    assert "Transformation prediction (GeoTrans family)" in r.stdout and "Ensemble of" in r.stdout

def test_select_updates_one_detector_in_place(mnist_dir, tmp_path):
    """`select --detectors lof` runs only that detector's candidates; the other rows stay, the choices
    follow, the ensemble stage runs again; `one-class` combines the members the selection chose."""
    import json
    from anomnist.selection import ENSEMBLE_POOL
    r = run("select", "--quick", "--n-jobs", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    before = json.loads((tmp_path/"selection_quick.json").read_text())
    stage = [x for x in before["runs"] if x.get("stage") == "ensemble"]
    assert stage and all(x["detector"] in ENSEMBLE_POOL and "test_auc" not in x for x in stage)      # validation only
    ens = before["choices"]["one_class"]["ensemble"]
    assert ens["chosen"] in ens["candidates"] and (tmp_path/"selection_quick_scores.npz").exists()
    geo = before["choices"]["one_class"]["geotrans"]
    assert len(geo["candidates"]) == 9 and geo["chosen"] in geo["candidates"]        # 3 sets x 3 epoch caps
    r = run("select", "--quick", "--detectors", "lof", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    after = json.loads((tmp_path/"selection_quick.json").read_text())
    rest = lambda res: [x for x in res["runs"] if x["detector"] != "lof" and not x.get("stage")]
    assert rest(after) == rest(before) and sum(x["detector"] == "lof" and not x.get("stage") for x in after["runs"]) == 5   # its candidates, digit 0
    lof = after["choices"]["one_class"]["lof"]
    assert len(lof["candidates"]) == 5 and lof["chosen"] in lof["candidates"] and "geotrans" in after["choices"]["digit0"]
    assert len([x for x in after["runs"] if x.get("stage")]) == len(stage) and "ensemble" in after["choices"]["one_class"]
    assert [u["detectors"] for u in after["context"]["updates"]] == [["lof"]] and after["context"]["complete"]
    r = run("one-class", "--quick", "--selection", str(tmp_path/"selection_quick.json"), "--models", "ours,geotrans,lof,knn",
            "--digits", "1", "--seeds", "0", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    oc = json.loads((tmp_path/"one_class_quick.json").read_text())["context"]["ensemble"]
    assert oc["source"] == "selection" and oc["chosen"] == after["choices"]["one_class"]["ensemble"]["chosen"]
    r = run("select", "--quick", "--detectors", "resnet", "--out", str(tmp_path))
    assert r.returncode == 2 and "'resnet' is not allowed" in r.stderr
    r = run("select", "--quick", "--detectors", "lof", "--out", str(tmp_path/"none"))
    assert r.returncode == 2 and "updating needs an existing selection file" in r.stderr

def test_bench_video_quick_runs_every_detector(mnist_dir, tmp_path):
    "`anomnist bench-video --quick` fits and scores every benchmark detector (all but the retired) on a release and its control; writes both files."
    import numpy as np
    from anomnist.results import load_results
    from anomnist.video_benchmark import BENCHMARK_DETECTORS
    r = run("bench-video", "--quick", "--settings", "appearance/natural", "--data-seeds", "0", "--out", str(tmp_path), cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    res = load_results(tmp_path/"video_quick.json", scores=True)
    assert [(x["detector"], x["data_seed"]) for x in res["runs"]] == [(d, 0) for d in BENCHMARK_DETECTORS]
    fa = res["scores"]["appearance/natural/frame_anomaly"]
    assert fa.shape == (30, 20) and 0 < fa.sum() < fa.size
    for d in BENCHMARK_DETECTORS:
        assert res["scores"][f"appearance/natural/{d}"].shape == fa.shape and np.isfinite(res["scores"][f"appearance/natural/{d}"]).all()
    assert all(0 <= x["frame_auc"] <= 1 and 0 <= x["control_frame_auc"] <= 1 for x in res["runs"])
    assert sum("pixel_auroc" in x for x in res["runs"]) == 3          # re-render, appearance, future-frame localise
    assert {x["protocol"] for x in res["runs"]} == {"unsupervised", "labelled MNIST-train"}
    assert res["context"]["quick"] is True and res["context"]["complete"]
    assert run("bench-video", "--detectors", "lstm", "--out", str(tmp_path)).returncode == 2

def test_dataset_release_is_checksummed_and_reproducible(mnist_dir, tmp_path):
    "`anomnist dataset` writes a release's files; `sha256sum -c` passes; a second run gives byte-identical files."
    import numpy as np, json
    dirs = [tmp_path/"a", tmp_path/"b"]
    for d in dirs:
        r = run("dataset", "--out", str(d), "--n-train", "30", "--n-val", "10", "--n-test", "30", "--subset", "2000")
        assert r.returncode == 0, r.stderr[-2000:]
        assert "wrote" in r.stdout
    from anomnist.dataset import RELEASE_FILES
    assert sorted(p.name for p in dirs[0].iterdir()) == sorted(RELEASE_FILES)
    names = sorted(str(p.relative_to(dirs[0])) for p in dirs[0].rglob("*") if p.is_file())
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dirs[0], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == len(names) - 2        # all but SHA256SUMS and MANIFEST.json
    for n in names: assert (dirs[0]/n).read_bytes() == (dirs[1]/n).read_bytes(), n
    with np.load(dirs[0]/"test.npz") as f:
        md = json.loads(str(f["metadata"]))
        assert md["mnist_split"] == "test" and md["config"]["normal"] == "natural" and md["release"]["part"] == "test"
    with np.load(dirs[0]/"test.npz") as f: assert sorted(f.files) == ["metadata", "videos"]        # blind inputs
    with np.load(dirs[0]/"train_gt.npz") as f: assert not f["frame_anomaly"].any() and not f["frame_nuisance"].any()
    r = run("dataset", "--out", str(tmp_path/"i"), "--n-train", "30", "--n-val", "10", "--n-test", "30", "--subset", "2000", "--track", "identity")
    assert r.returncode == 0, r.stderr[-2000:]
    with np.load(tmp_path/"i"/"train_gt.npz") as f: assert f["frame_nuisance"].any() and not f["frame_anomaly"].any()
    assert "track:\nidentity" in (tmp_path/"i"/"README.md").read_text() or "track: identity" in (tmp_path/"i"/"README.md").read_text()
    r = run("dataset", "--out", str(tmp_path/"j"), "--track", "semantic")
    assert r.returncode == 2 and "--track 'semantic': allowed values are appearance, identity" in r.stderr
    r = run("dataset", "--out", str(dirs[0]), "--n-train", "30", "--subset", "2000")
    assert r.returncode == 2 and "--force" in r.stderr and "Traceback" not in r.stderr
    r = run("dataset", "--out", str(tmp_path/"c"), "--normal", "typical")
    assert r.returncode == 2 and "normal='typical'" in r.stderr

def test_select_scoring_refuses_unknown_settings(tmp_path):
    "`select-scoring` names an unknown setting before any work (08_cli runs its quick study and checks what it records)."
    bad = run("select-scoring", "--options", "neighbors=3", "--out", str(tmp_path))
    assert bad.returncode == 2 and "allowed names" in bad.stderr and "Traceback" not in bad.stderr
