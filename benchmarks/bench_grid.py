"""Throughput of the benchmark's grid on this machine: the same tasks run in one process (all cores to TensorFlow)
and in two worker processes of one thread each (`run_grid(n_jobs=2)`), alternately, in the same run.

Usage: python benchmarks/bench_grid.py [--repeats 3] [--tasks 4] [--epochs 10] [--model shallow_ae]
Each round runs the grid serially, then with two workers; the speed-up printed is the median of the per-round ratios
(serial seconds / parallel seconds), so both variants see the same load on a noisy machine. The tasks are `--model`
on digit 0 with seeds 0..tasks-1, `--epochs` epochs each, not scored on the test set."""
import argparse, statistics, time
from anomnist.runner import Task, run_grid

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--tasks", type=int, default=4)
p.add_argument("--epochs", type=int, default=10)
p.add_argument("--model", default="shallow_ae")
a = p.parse_args()
tasks = [Task(a.model, s, 0, dict(epochs=a.epochs, patience=a.epochs), test=False) for s in range(a.tasks)]
run_grid(tasks[:1], progress=False)                     # load MNIST and warm up once, outside the timings

times = {1: [], 2: []}
for r in range(a.repeats):
    for n_jobs in (1, 2):
        t = time.perf_counter(); run_grid(tasks, n_jobs=n_jobs, progress=False); times[n_jobs].append(time.perf_counter() - t)
    print(f"round {r + 1}: serial {times[1][-1]:.1f} s, two workers {times[2][-1]:.1f} s, ratio {times[1][-1] / times[2][-1]:.2f}")
ratio = statistics.median(s / q for s, q in zip(times[1], times[2]))
print(f"{len(tasks)} x {a.model}, {a.epochs} epochs: serial median {statistics.median(times[1]):.1f} s, two 1-thread "
      f"workers median {statistics.median(times[2]):.1f} s; throughput ratio (median of rounds) {ratio:.2f}x")
