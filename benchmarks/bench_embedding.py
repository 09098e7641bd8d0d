"""Time the default t-SNE pipeline (PCA 50 + openTSNE) against the original generator's way, scikit-learn's
TSNE(n_components=2) on the raw 784-pixel vectors, on MNIST digits, in the same run.

Usage: python benchmarks/bench_embedding.py [--repeats 3] [--n 10000] [--split test] [--no-baseline]
The two are run alternately (ours, original, ours, original, ...) so that both see the same load on a noisy machine;
the speed-up printed is the median of the per-round ratios. Prints the median seconds of each and the 10-NN label
agreement of each map (the quality check). `--split train --n 60000 --no-baseline` times the map of MNIST-train that
the benchmark release needs (goal: at most 5 min)."""
import argparse, statistics, time
import numpy as np
from sklearn.manifold import TSNE
from anomnist.data import load_mnist
from anomnist.embedding import TSNEEmbedding, neighbour_agreement

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--n", type=int, default=10000)
p.add_argument("--split", default="test", choices=["train", "test"])
p.add_argument("--no-baseline", action="store_true", help="time ours only")
a = p.parse_args()
x, y = load_mnist(a.split); x, y = x[:a.n], y[:a.n]

def ours(): return TSNEEmbedding(cache=False).fit_transform(x)
def original(): return TSNE(n_components=2).fit_transform(x.reshape(len(x), -1))

runs = {"anomnist: PCA 50 + openTSNE": ours}
if not a.no_baseline: runs["original: sklearn TSNE on raw pixels"] = original
times, quality = {name: [] for name in runs}, {}
for r in range(a.repeats):
    for name, f in runs.items():
        t = time.perf_counter(); emb = f(); times[name].append(time.perf_counter() - t)
        print(f"  round {r + 1}, {name}: {times[name][-1]:.1f} s", flush=True)
        quality[name] = neighbour_agreement(emb, y)
print(f"MNIST-{a.split}, {len(x):,} digits")
for name in runs:
    print(f"{name}: median {statistics.median(times[name]):.1f} s over {a.repeats} runs, 10-NN label agreement {quality[name]:.3f}")
if not a.no_baseline:
    base, new = times["original: sklearn TSNE on raw pixels"], times["anomnist: PCA 50 + openTSNE"]
    print(f"speed-up: {statistics.median(np.divide(base, new)):.1f}x, median of the per-round ratios "
          f"{', '.join(f'{b / o:.1f}' for b, o in zip(base, new))} (goal: at least 3x)")
