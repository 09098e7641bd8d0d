"""Time the deep one-class detectors per epoch against the deep AE, and estimate the ten-digit table's cost.

Usage: python benchmarks/bench_oneclass.py [--digit 8] [--epochs 3] [--threads 1]

Each detector trains on the training part of one digit of MNIST-train (the benchmark's holdout removed), with the
threads one of two benchmark workers gets (`--threads 1`). After a warm-up epoch, the median of `--epochs` timed
epochs is printed with its ratio to the deep AE's epoch (the baseline, measured in the same run), then the seconds to
score the 6,000 validation and 10,000 test images, and the estimated seconds of one benchmark run at the detector's
default settings. MNIST-test is not scored: the scoring time is measured on validation images repeated to size."""
import argparse, statistics, time
import numpy as np
import tensorflow as tf
from anomnist.data import load_mnist
from anomnist.runner import holdout_mask
from anomnist.detectors import Detector
from anomnist.oneclass import TransformDetector, DeepSVDD

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--digit", type=int, default=8)
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
tf.config.threading.set_intra_op_parallelism_threads(a.threads); tf.config.threading.set_inter_op_parallelism_threads(a.threads)
x, y = load_mnist("train"); hold = holdout_mask(y)
x_tr, y_tr, x_va = x[~hold], y[~hold], x[hold]
X = x_tr[y_tr == a.digit]
score_set = np.concatenate([x_va, x_va, x_va])[:16000]                 # as many images as validation + test

def per_epoch(make, epochs_of):
    "Median seconds per epoch: fit with 1 + n epochs and with 1 epoch, the difference over n, repeated."
    t = []
    for _ in range(2):
        s = time.perf_counter(); make(1).fit(X); one = time.perf_counter() - s
        s = time.perf_counter(); det = make(1 + a.epochs).fit(X); many = time.perf_counter() - s
        t.append((many - one) / (a.epochs * epochs_of))
    s = time.perf_counter(); det.decision_function(score_set); scoring = time.perf_counter() - s
    return statistics.median(t), scoring

base, base_score = per_epoch(lambda e: Detector("deep_ae", epochs=e, model_kw=dict(widths=(128, 64, 16)), score="ink"), 1)
print(f"{'deep AE (baseline)':28s} {base:6.2f} s/epoch   1.00x   scoring 16,000 images {base_score:5.1f} s   run (100 epochs) ~{100 * base + base_score:5.0f} s")
for name, make, epochs, per in (("transformation prediction", lambda e: TransformDetector(epochs=e), 30, 1),
                                ("Deep SVDD (per AE+SVDD epoch)", lambda e: DeepSVDD(ae_epochs=e, epochs=e), 150, 1)):
    sec, score = per_epoch(make, per)
    print(f"{name:28s} {sec:6.2f} s/epoch {sec / base:6.2f}x   scoring 16,000 images {score:5.1f} s   run (default {epochs} epochs) ~{epochs * sec + score:5.0f} s", flush=True)
