"""The report, built here without Quarto (nbconvert), checked for content against the result files and in a real
headless Chromium: no JavaScript errors, and the bokeh map drew."""
import fcntl, json, re, subprocess
from pathlib import Path
import pytest
from conftest import open_page, bokeh_ink

root = Path(__file__).resolve().parent.parent
artifacts = root/"artifacts"

@pytest.fixture(scope="module")
def report_html(mnist_dir):
    artifacts.mkdir(exist_ok=True)
    out = artifacts/"report.html"
    # run from the checkout's root without --results or --notebook: the folder the experiments write, the notebook installed
    with open(artifacts/".report-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # pytest-xdist workers build it in turn: `anomnist report` refuses a second writer
        r = subprocess.run(["anomnist", "report", "--out", str(out)], capture_output=True, text=True, timeout=1500, cwd=str(root))
    assert r.returncode == 0, r.stderr[-3000:]
    return out

def test_tables_hold_every_detector_and_the_result_files_aucs(report_html):
    "Every family's table is the one `results_table` computes from the committed full run, cell by cell."
    from anomnist.tables import results_table
    html = report_html.read_text()
    res = json.loads((root/"results"/"detectors.json").read_text())
    assert "Autoencoders (score: reconstruction error)" in html and "CNN binary classifiers" in html and "Classical baselines" in html
    for kind in ("autoencoder", "classifier", "baseline"): _table_rows_in_html(results_table(res, kind), html)
    assert len(res["runs"]) == 17 * 3 and not res["context"]["quick"] and res["context"]["complete"]
    assert not any(r["kind"] != "baseline" and not r.get("history") for r in res["runs"])   # every deep run has its history

def _table_rows_in_html(table: str, html: str):
    "Each body row of a markdown table, cell by cell, as a row of the HTML (bold cells as <strong>)."
    for line in table.splitlines()[2:]:
        cells = [c.strip().replace("**", "") for c in line.strip().strip("|").split("|")]
        pattern = r"<tr>\s*" + r"\s*".join(rf"<td>(?:<strong>)?{re.escape(c)}(?:</strong>)?</td>" for c in cells)
        assert re.search(pattern, html), line

def test_one_class_and_video_tables_are_the_result_files(report_html):
    "The one-class and video tables shown are exactly those computed from the committed files, with their commands (the video detectors' validation study's too)."
    from anomnist.tables import one_class_table
    from anomnist.results import load_results
    from anomnist.video_benchmark import video_table, VIDEO_BREAKDOWNS
    html = report_html.read_text()
    oc = json.loads((root/"results"/"one_class.json").read_text())
    single = [r for r in oc["runs"] if r["detector"] != "ensemble"]
    assert len(single) == 7 * 10 * 3 and len(oc["runs"]) == len(single) + 10 * 3 and not oc["context"]["quick"] and oc["context"]["complete"]
    _table_rows_in_html(one_class_table(oc), html)
    assert oc["context"]["wall_seconds"] <= 90 * 60 and {r["detector"] for r in single} >= {"deep_ae", "geotrans", "lof"}   # the goal's budget
    assert "It reaches this project's goal" in html and "Its transformation set and epochs were chosen on validation" in html
    from anomnist.selection import choice_tables                      # the ensemble: chosen by the selection, the run agrees
    _table_rows_in_html(choice_tables(json.loads((root/"results"/"selection.json").read_text())["choices"])["ensemble"], html)
    assert "the members this run combined." in html
    from anomnist.video_benchmark import epoch_cap, BENCHMARK_DETECTORS
    vr = load_results(root/"results"/"video.json")
    ctx = vr["context"]
    assert ctx["detectors"] == list(BENCHMARK_DETECTORS) and len(vr["runs"]) == len(BENCHMARK_DETECTORS) * 3 * 3   # the whole video benchmark ...
    assert not ctx["quick"] and ctx["complete"] and ctx["wall_seconds"] <= 60 * 60                            # ... in one run, within the hour
    for s in ctx["settings"]:
        _table_rows_in_html(video_table(vr, s), html); _table_rows_in_html(video_table(vr, s, VIDEO_BREAKDOWNS), html)
    capped = [r for r in vr["runs"] if r["epochs"] and r["epochs"] >= epoch_cap(r)]                           # a run at its cap is named
    assert all(f"{r['track']}/{r['mode']} seed {r['data_seed']}" in html for r in capped) and ("(not converged): none." in html) == (not capped)
    vs = load_results(root/"results"/"video_selection.json")
    assert vs["context"]["complete"] and not vs["context"]["quick"]
    for rec in (oc, vr, vs): assert f"<code>{rec['context']['command']}</code>" in html
    for study in ("learners/video_selection.json", "learners/future_frame/video_selection.json", "learners/identity/scoring.json",
                  "learners/identity/negatives/scoring.json", "learners/identity/shifts/scoring.json", "learners/identity/duplicates/scoring.json", "learners/identity/pairs/scoring.json", "learners/identity/strength/scoring.json", "learners/identity/floor/scoring.json", "learners/identity/shiftfloor/scoring.json", "learners/identity_track/appearance/video_selection.json", "learners/identity_track/future_frame/video_selection.json"):   # the learners' choices, shown
        rec = load_results(root/"results"/study); assert rec["context"]["complete"] and f"<code>{rec['context']['command']}</code>" in html
    from anomnist.identity import IdentityDetector
    ident = IdentityDetector()
    assert f"standardise {ident.standardise}, track_median {ident.track_median} (chosen)" in html     # the identity learner's scoring choices, its defaults
    assert "warp_negatives 60 (chosen)" in html and f"The benchmark runs the default, warp_negatives {ident.warp_negatives:g}:" in html   # chosen, off by default
    assert "test_shift 1 (chosen)" in html and ident.test_shift == 1 and "The benchmark runs the default, test_shift" not in html   # chosen three times, the default
    assert f"merge_duplicates {ident.merge_duplicates} (chosen)" in html and "The benchmark runs the default, merge_duplicates" not in html   # the default, chosen
    assert f"warp_pairs {ident.warp_pairs:g} (chosen)" in html and "The benchmark runs the default, warp_pairs" not in html   # the default, chosen
    assert ("add <code>,test_shift=0</code> to each of its candidates that does not name <code>test_shift</code>, <code>,spread_floor=0</code> "
            "for those before the floor, and <code>,warp_pairs=0</code> too for those before the pairs") in html   # the studies before: how to repeat them
    assert f"spread_floor {ident.spread_floor:g} (chosen)" in html and "The benchmark runs the default, spread_floor" not in html   # the default, chosen
    assert "Its other candidate, <code>test_shift</code> 0, is the floor study" in html                # the eighth study's baseline, named
    from anomnist.label_budget import label_budget_table
    lb = load_results(root/"results"/"learners"/"identity"/"budget"/"label_budget.json")   # the label budget: a table, its reading, its command
    assert lb["context"]["complete"] and not lb["context"]["quick"] and f"<code>{lb['context']['command']}</code>" in html
    _table_rows_in_html(label_budget_table(lb), html)
    assert "aim, a label AUC of 0.80, is reached from 10,000 labelled digits on." in html                 # what the aim asks, read off the file
    assert "Identity learnt from normal videos (contrastive), without labels: 0.650; a classifier matches it from 1,000 labelled digits on." in html
    mv = load_results(root/"results"/"learners"/"identity"/"budget450"/"label_budget.json")   # more videos: its reading, its command
    assert mv["context"]["complete"] and mv["context"]["n_train"] == 450 and f"<code>{mv['context']['command']}</code>" in html
    assert ("showing 1,219–1,231 different MNIST images, the identity learner's validation label AUC is 0.588 ± 0.118, "
            "against 0.650 ± 0.071 with 150.") in html
    sy = load_results(root/"results"/"learners"/"identity"/"styles"/"label_budget.json")   # two styles per pair: its reading, its command
    assert sy["context"]["learner_settings"] == {"view_styles": True, "warp_share": 1} and f"<code>{sy['context']['command']}</code>" in html
    assert ("the identity learner's validation label AUC is 0.666 ± 0.060 and its validation frame AUC 0.900 ± 0.024, "
            "against 0.650 ± 0.071 and 0.952 ± 0.005 with the benchmark's pairs.") in html
    ll = load_results(root/"results"/"learners"/"identity"/"labelled"/"label_budget.json")   # labels in the pairs: its reading, its commands
    bl = load_results(root/"results"/"learners"/"identity"/"labelled"/"baseline"/"label_budget.json")
    assert ll["context"]["learner_settings"] == {"labelled_digits": 10000, "video_pairs": False}
    assert f"<code>{ll['context']['command']}</code>" in html and f"<code>{bl['context']['command']}</code>" in html
    assert ("reads a change of label at 0.824 ± 0.068, against 0.853 ± 0.108 for a classifier of the same 10,000 labelled digits, "
            "and 0.634 ± 0.056 for the benchmark's learner, without labels, on the same releases") in html
    assert "<td>test_shift 1, warp_pairs 34 (chosen)</td>" in html and html.count("<td>warp_pairs 34 (chosen)</td>") == 1   # one chosen row per study
    rec = load_results(root/"results"/"learners"/"identity"/"video_selection.json")
    assert rec["context"]["tracks"] == ["appearance", "identity"] and f"<code>{rec['context']['command']}</code>" in html

def test_every_section_is_there(report_html):
    html = report_html.read_text()
    for heading in ["1. The dataset", "2. Similarity", "3. Detectors on MNIST", "4. One-class MNIST",
                    "5. Detecting the anomalous frames", "6. Reproducibility", "Recommended k ="]:
        assert heading in html, heading
    assert "data:image/gif;base64" in html and html.count("data:image/png;base64") >= 6
    assert "is missing: run" not in html                # every result file was found
    assert str(root) not in html                      # paths as the repository names them, not this machine's

def test_missing_results_name_their_command(mnist_dir, tmp_path):
    r = subprocess.run(["anomnist", "report", "--results", str(tmp_path), "--out", str(tmp_path/"r.html"),
                        "--notebook", str(root/"report"/"report.ipynb")], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    html = (tmp_path/"r.html").read_text()
    for command in ["anomnist bench --out", "anomnist similarity --out", "--stats", "anomnist one-class --out",
                    "anomnist bench-video --out", "anomnist select-video --out", "select-video --detectors identity,appearance",
                    "bench-video --detectors appearance,future_frame,identity"]: assert command in html

def test_report_in_headless_chromium(report_html, browser):
    "Open the report as a user would; no JavaScript error, the bokeh canvas is drawn; keep a screenshot."
    page, errors = open_page(browser, report_html.as_uri())
    inked = bokeh_ink(page)
    page.screenshot(path=str(artifacts/"report.png"), full_page=False)
    el = page.locator("text=Similarity").first
    if el.count(): el.scroll_into_view_if_needed(); page.wait_for_timeout(500); page.screenshot(path=str(artifacts/"report_map.png"))
    page.close()
    assert not errors, errors
    assert inked and max(inked) > 1000, f"bokeh canvas pixels drawn: {inked}"
