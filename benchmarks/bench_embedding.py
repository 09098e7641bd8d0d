"""Time the default t-SNE pipeline (PCA 50 + openTSNE) against the original generator's way, scikit-learn's
TSNE(n_components=2) on the raw 784-pixel vectors, on the 10,000 MNIST test digits, in the same run.

Usage: python benchmarks/bench_embedding.py [--repeats 3] [--n 10000]
Prints the median seconds of each, the ratio, and the 10-NN label agreement of each map (the quality check)."""
import argparse, statistics, time
import numpy as np
from sklearn.manifold import TSNE
from anomnist.data import load_mnist
from anomnist.embedding import TSNEEmbedding, neighbour_agreement

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--n", type=int, default=10000)
a = p.parse_args()
x, y = load_mnist("test"); x, y = x[:a.n], y[:a.n]

def ours():
    return TSNEEmbedding(cache=False).fit_transform(x)

def original():
    return TSNE(n_components=2).fit_transform(x.reshape(len(x), -1))

times, quality = {}, {}
for name, f in [("anomnist: PCA 50 + openTSNE", ours), ("original: sklearn TSNE on raw pixels", original)]:
    ts = []
    for r in range(a.repeats):
        t = time.perf_counter(); emb = f(); ts.append(time.perf_counter() - t)
        print(f"  {name} run {r + 1}: {ts[-1]:.1f} s", flush=True)
    times[name], quality[name] = statistics.median(ts), neighbour_agreement(emb, y)
for name in times: print(f"{name}: median {times[name]:.1f} s over {a.repeats} runs, 10-NN label agreement {quality[name]:.3f}")
base, new = times["original: sklearn TSNE on raw pixels"], times["anomnist: PCA 50 + openTSNE"]
print(f"speed-up: {base / new:.1f}x (goal: at least 3x)")
