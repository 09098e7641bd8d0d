"""Speed and validation accuracy of the re-rendering detector's search settings (`candidates`, `iterations`).

Measured on the *validation* videos of releases 0 and 1 (drawn from MNIST-train, never the test videos), both normal
modes: seconds per 100 sequences (median of the runs) and the frame ROC-AUC. The default is the fastest setting whose
validation AUC is within 0.001 of the slowest (most thorough) one.

    python benchmarks/bench_rerender.py
"""
import time
import numpy as np
from anomnist.dataset import release_parts, evaluate
from anomnist.video_detectors import RerenderDetector

SETTINGS = [(4, 5), (4, 3), (3, 4), (3, 3), (2, 3)]
rows = {s: dict(sec=[], auc=[]) for s in SETTINGS}
for mode in ("medoid", "natural"):
    for seed in (0, 1):
        val = release_parts(n_train=1, n_val=100, n_test=1, normal=mode, seed=seed)["val"]
        for cand, it in SETTINGS:
            det = RerenderDetector(candidates=cand, iterations=it).fit(val["videos"][:2])
            t = time.perf_counter(); s = det.decision_function(val["videos"]); sec = time.perf_counter() - t
            rows[(cand, it)]["sec"].append(sec * 100 / len(val["videos"]))
            rows[(cand, it)]["auc"].append(evaluate(s, val)["frame_auc"])
print("| candidates | iterations | s per 100 sequences (median) | validation frame AUC (mean of 4) | speed-up vs (4, 5) |")
print("|---|---|---|---|---|")
base = np.median(rows[SETTINGS[0]]["sec"])
for (cand, it), r in rows.items():
    print(f"| {cand} | {it} | {np.median(r['sec']):.1f} | {np.mean(r['auc']):.4f} | {base / np.median(r['sec']):.2f} |")
