"""Time Anomalous Moving MNIST generation: 10,000 sequences of 20x64x64 with a cached embedding (goal: <= 3 s).

Usage: python benchmarks/bench_generate.py [--n 10000] [--repeats 5] [--n-jobs 2] [--chunk-size 1000]

Prints the median time of each stage (planning, rendering), the total, sequences per second, and - as a baseline
measured in the same run - a per-frame PIL renderer in the style of the original generator (each digit pasted onto a
PIL canvas frame by frame), timed on 300 sequences and scaled to n. Fitting the similarity model is not generation
and is timed separately (the t-SNE map comes from the cache after the first run)."""
import argparse, statistics, time
import numpy as np
from PIL import Image, ImageChops
from anomnist.data import load_mnist
from anomnist.similarity import DigitSimilarity, DEFAULT_K
from anomnist.moving import MovingConfig, plan_sequences, generate

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--n", type=int, default=10000)
p.add_argument("--repeats", type=int, default=5)
p.add_argument("--n-jobs", type=int, default=2)
p.add_argument("--chunk-size", type=int, default=1000)
a = p.parse_args()

images, labels = load_mnist("test")
t = time.perf_counter(); sim = DigitSimilarity(DEFAULT_K).fit(images, labels)
print(f"similarity model (k={DEFAULT_K}, embedding from the cache if present): {time.perf_counter() - t:.1f} s")
cfg = MovingConfig()

def median_time(f, repeats):
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts), out

plan_s, plan = median_time(lambda: plan_sequences(sim, a.n, 0, cfg, images), a.repeats)
total_s, ds = median_time(lambda: generate(sim, images, a.n, 0, cfg, a.chunk_size, a.n_jobs), a.repeats)
assert ds["videos"].shape == (a.n, cfg.n_frames, cfg.height, cfg.width) and ds["videos"].sum(dtype=np.int64) > 0
render_s = total_s - plan_s

def pil_baseline(m=300):
    "Per-frame PIL rendering of the first m planned sequences, as the original generator drew frames."
    idx, pos = plan["mnist_index"][:m], plan["positions"][:m]
    out = np.zeros((m, cfg.n_frames, cfg.height, cfg.width), np.uint8)
    for i in range(m):
        for t in range(cfg.n_frames):
            canvas = Image.new("L", (cfg.width, cfg.height))
            for d in range(cfg.n_digits):
                layer = Image.new("L", (cfg.width, cfg.height))
                layer.paste(Image.fromarray(images[idx[i, t, d]]), (int(pos[i, t, d, 1]), int(pos[i, t, d, 0])))
                canvas = ImageChops.lighter(canvas, layer)
            out[i, t] = np.asarray(canvas)
    return out

base_s, _ = median_time(pil_baseline, 3)
base_s *= a.n / 300
print(f"stages (median of {a.repeats}): planning {plan_s:.2f} s, rendering (the rest) {render_s:.2f} s "
      f"({a.n_jobs} threads, chunks of {a.chunk_size})")
print(f"generation of {a.n:,} sequences: {total_s:.2f} s = {a.n / total_s:,.0f} sequences/s (goal: <= 3 s)")
print(f"per-frame PIL baseline, scaled to {a.n:,}: {base_s:.1f} s; speed-up {base_s / total_s:.0f}x")
