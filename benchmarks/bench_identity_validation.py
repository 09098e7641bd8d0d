"""The identity learner's validation step, run after every training epoch: the validation videos scored against a
baseline refitted on the training videos, at the benchmark's sizes (150 training, 50 validation sequences of release
0, medoid digits), with the digits of each video array followed once per fit (`IdentityDetector._follow` while
training, as `fit` does) against followed again at every epoch (the behaviour before), run alternately. Both give the
same scores (checked). Seconds per validation step: median of the runs; `--test-shift` as the detector's.

    python benchmarks/bench_identity_validation.py [--test-shift 1] [--repeats 5]
"""
import argparse, time
import numpy as np
from anomnist.dataset import release_parts
from anomnist.identity import IdentityDetector

p = argparse.ArgumentParser(); p.add_argument("--test-shift", type=int, default=1); p.add_argument("--repeats", type=int, default=5)
a = p.parse_args()
rel = release_parts(n_train=150, n_val=50, n_test=1, normal="medoid", seed=0)
v, ev = rel["train"]["videos"], rel["val"]["videos"]
det = IdentityDetector(epochs=1, test_shift=a.test_shift).fit(v)
del det.baseline_, det.spread_                       # as while training: the baseline refitted at every validation
det._normal = v

def step(memo):
    det._followed = memo
    t = time.perf_counter(); s = det._score(ev)[0]; return time.perf_counter() - t, s

once = {}
step(once)                                           # the first epoch follows them; the rest reuse it
sec = {"followed every epoch": [], "followed once per fit": []}
for _ in range(a.repeats):
    t0, s0 = step(None); t1, s1 = step(once)
    assert np.array_equal(s0, s1), "the memo changed the scores"
    sec["followed every epoch"].append(t0); sec["followed once per fit"].append(t1)
base = np.median(sec["followed every epoch"])
print(f"validation step, test_shift {a.test_shift} ({a.repeats} runs each, alternately):")
for k, x in sec.items(): print(f"  {k}: {np.median(x):.2f} s (median); speed-up {base / np.median(x):.2f}")
