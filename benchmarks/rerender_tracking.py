"""Whether the re-render detector should also explain each frame at the tracked positions (`tracking=True`).

Validation parts only (MNIST-train digits; the test parts are generated with the release but never scored): releases 0, 1 and 2 of both normal modes,
50 validation sequences each, frame AUC of `RerenderDetector` without and with tracking, and the seconds to score them.
Measured on 2 cores (2026-11-24): mean validation AUC 0.99738 without, 0.99810 with tracking (natural seed 1:
0.9947 -> 0.9987; every other release within 0.0005), scoring 17% slower (median
ratio over the releases; 2.7 -> 3.0 s per 50 sequences). An earlier measurement, taken while CI ran on the same
machine, had said 22%.

    python benchmarks/rerender_tracking.py
"""
import time, numpy as np
from anomnist.dataset import release_parts, evaluate
from anomnist.video_detectors import RerenderDetector

rows = []
for mode in ("medoid", "natural"):
    for seed in (0, 1, 2):
        val = release_parts(150, 50, 250, normal=mode, seed=seed)["val"]
        row = []
        for tracking in (False, True):
            t = time.perf_counter()
            s = RerenderDetector(tracking=tracking).fit(val["videos"][:2]).decision_function(val["videos"])
            row += [evaluate(s, val)["frame_auc"], time.perf_counter() - t]
        rows.append(row)
        print(f"{mode:8s} seed {seed}: AUC without {row[0]:.4f} ({row[1]:.1f} s), with tracking {row[2]:.4f} ({row[3]:.1f} s)", flush=True)
m = np.mean(rows, 0)
print(f"mean validation AUC without tracking {m[0]:.5f}, with {m[2]:.5f}; time ratio with/without {np.median([r[3] / r[1] for r in rows]):.2f}")
