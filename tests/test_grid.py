"""The one grid runner: on a Dask cluster, the documented path to many machines, a local two-worker cluster gives the
serial results; the video benchmark's tasks run through it too, in parallel as serially."""
import math
import numpy as np
from dask.distributed import Client, LocalCluster


def test_grid_on_a_local_dask_cluster_gives_the_serial_results(mnist_dir):
    from anomnist.runner import Task, run_grid
    tasks = [Task("lof", 0, d, dict(n_neighbors=10), test=False) for d in (0, 1)] + [Task("knn", 0, 3, dict(n_neighbors=5), test=True)]
    serial = run_grid(tasks, n_jobs=1, quick=True, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        on_dask = run_grid(tasks, n_jobs=2, backend="dask", quick=True, progress=False)
    assert [r["normal_digit"] for r, _ in on_dask] == [0, 1, 3]
    _same_rows(on_dask, serial)                           # floats to BLAS rounding (1 thread against 2)
    assert all("test_auc" in r for r, _ in on_dask[2:]) and not any("test_auc" in r for r, _ in on_dask[:2])


def _same_rows(a_rows, b_rows):
    "The same rows, floats to BLAS rounding (NaN equal to NaN); run times aside."
    import json
    for (a, _), (b, _) in zip(a_rows, b_rows):
        assert a.keys() == b.keys()
        for k in a:
            if k.startswith("seconds"): continue
            same = (math.isclose(a[k], b[k], rel_tol=1e-6) or math.isnan(a[k]) and math.isnan(b[k]) if isinstance(a[k], float)
                    else json.dumps(a[k], sort_keys=True) == json.dumps(b[k], sort_keys=True))
            assert same, (a["detector"], k, a[k], b[k])


def test_video_tasks_run_through_the_grid_runner(mnist_dir):
    from anomnist.runner import run_grid
    from anomnist.video_benchmark import VideoTask
    tasks = [VideoTask(d, "appearance", "medoid", 0, 20, 10, 30, keep=True) for d in ("change", "temporal")]
    serial = run_grid(tasks, n_jobs=1, quick=True, progress=False)
    parallel = run_grid(tasks, n_jobs=2, quick=True, progress=False)
    assert [r["detector"] for r, _ in parallel] == ["change", "temporal"]
    _same_rows(parallel, serial)
    for (_, a), (_, b) in zip(parallel, serial):
        assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert {"appearance/medoid/change", "appearance/medoid/frame_anomaly"} <= set(serial[0][1])
