"""Time one training epoch of each of the twelve detectors and print images per second.

Usage: KERAS_BACKEND=tensorflow python benchmarks/bench_detectors.py [--models a,b] [--epochs 3] [--n 5330]
       python benchmarks/bench_detectors.py --backends tensorflow,jax    # both, one process each, and their ratio

Each model trains on n real MNIST training images (autoencoders on zeros, as in the benchmark; classifiers on a
mixed pool) with its benchmark batch size and augmentation; after one warm-up epoch (graph tracing) the median of
`--epochs` timed epochs is reported, and the estimated time of the full benchmark (3 seeds, mean epochs of a
committed run if given with --results, else each model's epoch cap). `--backends` runs the timing once per Keras
backend, each in its own process (the backend is fixed at import), and prints the seconds per epoch side by side with
the ratio to the first backend: the measurement behind the choice of backend."""
import argparse, json, os, statistics, subprocess, sys, time
import numpy as np
import keras
from anomnist.data import load_mnist
from anomnist.detectors import MODELS, _as_images, _augmented_pairs

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--models", default=",".join(MODELS))
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--n", type=int, default=5330)
p.add_argument("--results", default=None, help="a committed results JSON to take mean epochs from")
p.add_argument("--backends", default=None, help="comma-separated Keras backends to compare, e.g. tensorflow,jax")
p.add_argument("--json", action="store_true", help="end with one line of JSON {model: seconds per epoch}")
a = p.parse_args()

if a.backends:
    sec = {}
    for b in a.backends.split(","):
        args = [sys.executable, __file__, "--models", a.models, "--epochs", str(a.epochs), "--n", str(a.n), "--json"]
        run = subprocess.run(args, env=dict(os.environ, KERAS_BACKEND=b), capture_output=True, text=True, check=True)
        print(run.stdout.rsplit("\n", 2)[0], flush=True)
        sec[b] = json.loads(run.stdout.strip().splitlines()[-1])
    first, *others = sec
    print(f"\n{'model':24} " + " ".join(f"{b:>11}" for b in sec) + "".join(f"  {b}/{first:>6}" for b in others) + "   (s/epoch)")
    for m in sec[first]:
        print(f"{m:24} " + " ".join(f"{sec[b][m]:11.2f}" for b in sec) + "".join(f"  {sec[b][m] / sec[first][m]:>12.2f}" for b in others))
    sys.exit()

x, y = load_mnist("train")
zeros = _as_images(x[y == 0][:a.n])
mixed_idx = np.random.default_rng(0).permutation(len(x))[:a.n]
mixed, anomaly = _as_images(x[mixed_idx]), (y[mixed_idx] != 0).astype("float32")
epochs_of = {}
if a.results:
    runs = json.load(open(a.results))["runs"]
    for m in MODELS: epochs_of[m] = np.mean([r["epochs"] for r in runs if r.get("detector", r.get("model")) == m] or [MODELS[m].epochs])
print(f"backend {keras.backend.backend()}, keras {keras.__version__}, {os.cpu_count()} CPUs")
total, seconds = 0, {}
for name in a.models.split(","):
    spec = MODELS[name]
    keras.utils.set_random_seed(0)
    model = spec.build(**spec.model_kw); model.compile(optimizer="adam", loss="binary_crossentropy")
    if spec.kind == "classifier": fit = lambda: model.fit(mixed, anomaly, batch_size=spec.batch_size, epochs=1, verbose=0)
    elif spec.augment:
        data = _augmented_pairs(zeros, spec.batch_size, 0)
        fit = lambda: model.fit(data, epochs=1, verbose=0)
    else: fit = lambda: model.fit(zeros, zeros, batch_size=spec.batch_size, epochs=1, verbose=0)
    fit()                                                           # warm-up: tracing and compilation
    ts = []
    for _ in range(a.epochs):
        t = time.perf_counter(); fit(); ts.append(time.perf_counter() - t)
    sec = seconds[name] = statistics.median(ts)
    est = sec * epochs_of.get(name, spec.epochs) * 3
    total += est
    print(f"{name:24} {sec:6.2f} s/epoch  {a.n / sec:8,.0f} images/s   3 seeds x {epochs_of.get(name, spec.epochs):.0f} epochs ~ {est / 60:5.1f} min")
print(f"estimated full benchmark (training only): {total / 60:.1f} min")
if a.json: print(json.dumps(seconds))
