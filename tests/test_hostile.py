"""Hostile input, command by command: every mistake a user can make ends in one clear line on stderr (exit status 2,
no traceback) that names the option or file, before any expensive work, and never destroys or silently corrupts
data. One case at least per class of mistake and per command."""
import os, re, signal, subprocess, time
import numpy as np
import pytest
from anomnist.files import InputError

def run(*args, **kw):
    return subprocess.run(["anomnist", *args], capture_output=True, text=True, timeout=300, **kw)

def ours(stderr: str) -> list:
    "The lines of stderr that anomnist wrote (TensorFlow's C++ runtime logs its own start-up lines there)."
    return [l for l in stderr.splitlines() if l.strip() and not re.match(r"(WARNING: All log messages|[IWE]\d{4} )", l)]

def refused(r, *words):
    "Exit 2 with one line naming what was wrong (each of `words`), and no traceback."
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    lines = ours(r.stderr)
    assert "Traceback" not in r.stderr and len(lines) == 1 and lines[0].startswith("anomnist "), r.stderr
    for w in words: assert w in lines[0], (w, lines[0])

# ---- data loss: nothing that exists is replaced without --force, and never by something of another kind ----

def test_generate_never_overwrites(tmp_path):
    out, stats, gif = tmp_path/"d.npz", tmp_path/"s.json", tmp_path/"a.gif"
    refused(run("generate", "--out", str(out), "--stats", str(out)), "--stats", "--out", "same file")
    for f in (stats, gif): f.write_text("keep")
    refused(run("generate", "--out", str(out), "--stats", str(stats)), "--stats", "exists", "--force")
    refused(run("generate", "--out", str(out), "--gif", str(gif)), "--gif", "exists", "--force")
    assert stats.read_text() == "keep" and gif.read_text() == "keep" and not out.exists()

def test_writers_refuse_folders_and_devices(tmp_path):
    (tmp_path/"folder").mkdir()
    refused(run("generate", "--out", str(tmp_path/"folder"), "--force"), "--out", "is a folder")
    refused(run("generate", "--out", "/dev/null", "--force"), "--out", "/dev/null is not a regular file")
    refused(run("generate", "--out", ""), "--out is empty")
    assert (tmp_path/"folder").is_dir() and os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    refused(run("bench", "--models", "lof", "--out", "/dev/null"), "--out", "/dev/null is not a folder")

def test_similarity_never_overwrites(tmp_path):
    (tmp_path/"similarity.npz").write_text("keep")
    refused(run("similarity", "--out", str(tmp_path)), "similarity.npz exists", "--force")
    assert (tmp_path/"similarity.npz").read_text() == "keep"

def test_dataset_refuses_a_file_as_its_folder(tmp_path):
    (tmp_path/"release").write_text("keep")
    refused(run("dataset", "--out", str(tmp_path/"release")), "--out", "release")
    (tmp_path/"s.json").write_text("keep")
    refused(run("dataset", "--out", str(tmp_path/"r2"), "--stats", str(tmp_path/"s.json")), "--stats", "exists")
    assert (tmp_path/"release").read_text() == "keep"

def test_results_are_never_lost(tmp_path):
    full = '{"context": {"quick": false, "complete": true}, "runs": []}'
    for name in ("selection", "one_class", "video"): (tmp_path/f"{name}.json").write_text(full)
    refused(run("select", "--out", str(tmp_path)), "selection.json holds a full run", "--force")
    refused(run("bench-video", "--out", str(tmp_path)), "video.json holds a full run", "--force")
    for name in ("selection", "one_class", "video"): assert (tmp_path/f"{name}.json").read_text() == full

# ---- silent wrong data: refused, not quietly changed ----

def test_impossible_numbers_are_refused(tmp_path):
    out = str(tmp_path/"d.npz")
    refused(run("generate", "--out", out, "--k", "0"), "--k 0", ">= 2")
    refused(run("generate", "--out", out, "--n", "0"), "--n 0", ">= 1")
    refused(run("generate", "--out", out, "--seed", "-1"), "--seed -1", ">= 0")
    refused(run("dataset", "--out", str(tmp_path/"r"), "--n-test=-5"), "n_test=-5", ">= 1")
    refused(run("dataset", "--out", str(tmp_path/"r"), "--n-train", "0"), "n_train=0", ">= 1")
    refused(run("bench", "--seeds", "0,-2", "--quick", "--out", str(tmp_path)), "--seeds", ">= 0")
    refused(run("one-class", "--digits", "3,10", "--quick", "--out", str(tmp_path)), "digit 10", "0-9")
    refused(run("bench-video", "--n-train", "0", "--out", str(tmp_path)), "--n-train 0")
    refused(run("similarity", "--k-range", "50,10,5", "--out", str(tmp_path)), "--k-range", "first <= last")

def test_empty_or_unknown_names_are_refused(tmp_path):
    refused(run("bench", "--models", "", "--out", str(tmp_path)), "--models", "'' is not allowed")
    refused(run("one-class", "--models", "svdd", "--out", str(tmp_path)), "'svdd' is not allowed", "ours")
    refused(run("bench-video", "--detectors", "", "--out", str(tmp_path)), "--detectors", "'' is not allowed")

def test_contradictory_options_are_refused(tmp_path, mnist_dir):
    refused(run("generate", "--out", str(tmp_path/"d.npz"), "--k", "5", "--similarity", "x.npz"), "--k and --similarity")

def test_float_mnist_is_refused(tmp_path):
    z = np.zeros((3, 28, 28))
    np.savez(tmp_path/"mnist.npz", x_train=z + 0.5, y_train=np.zeros(3, np.uint8), x_test=z + 0.5, y_test=np.zeros(3, np.uint8))
    refused(run("info", "--mnist", str(tmp_path/"mnist.npz")), "mnist.npz", "images are float64", "uint8")

def test_a_wrong_mnist_path_is_never_replaced_by_a_download(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ANOMNIST_MNIST"}
    refused(run("info", "--mnist", str(tmp_path/"nowhere"), env=env), "nowhere")

def test_library_refuses_what_would_score_wrong():
    from anomnist.detectors import Detector
    from anomnist.baselines import PixelDetector
    x = np.random.default_rng(0).random((20, 28, 28)).astype(np.float32)
    with pytest.raises(InputError, match="float images must lie in"): Detector("shallow_ae", epochs=1).fit(x * 255)
    with pytest.raises(InputError, match="NaN"): Detector("shallow_ae", epochs=1).fit(np.where(x > 0.5, np.nan, x))
    with pytest.raises(InputError, match="epochs=0"): Detector("shallow_ae", epochs=0).fit(x)
    with pytest.raises(InputError, match="contamination=0.9"): PixelDetector("lof", contamination=0.9).fit(x)

# ---- files that are not what they claim: named, in one line ----

def test_damaged_files_are_named(tmp_path):
    from anomnist.dataset_file import load_dataset
    from anomnist.similarity import load_similarity
    from anomnist.results import load_results
    np.savez(tmp_path/"other.npz", a=np.arange(3))
    (tmp_path/"cut.npz").write_bytes((tmp_path/"other.npz").read_bytes()[:60])
    (tmp_path/"bad.json").write_text('{"runs": [')
    for load, f, words in [(load_dataset, "cut.npz", "is not a readable dataset file"),
                           (load_dataset, "other.npz", "is not a dataset file: it lacks videos"),
                           (load_similarity, "other.npz", "is not a similarity model: it lacks params"),
                           (load_results, "bad.json", "is not a readable result file (JSON)")]:
        with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")) as e: load(tmp_path/f)
        assert f in str(e.value)
    refused(run("generate", "--out", str(tmp_path/"d.npz"), "--similarity", str(tmp_path/"cut.npz")),
            "cut.npz is not a readable similarity model")

def test_report_names_a_damaged_result_file(tmp_path):
    (tmp_path/"detectors.json").write_text('{"runs": [')
    refused(run("report", "--results", str(tmp_path), "--out", str(tmp_path/"r.html")), "detectors.json", "not a readable result file")

# ---- interrupted writes: a kill leaves no hidden temporary file ----

def test_sigterm_leaves_no_temporary_file(tmp_path, mnist_dir):
    out = tmp_path/"big.npz"
    p = subprocess.Popen(["anomnist", "generate", "--out", str(out), "--n", "20000", "--n-jobs", "1"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while time.time() < deadline and not any(f.name.startswith(".big.npz.") for f in tmp_path.iterdir()):
        time.sleep(0.2)
    assert any(f.name.startswith(".big.npz.") for f in tmp_path.iterdir()), "the writer never started"
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=60) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())
