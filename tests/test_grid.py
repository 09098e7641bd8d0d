"The grid runner on a Dask cluster, the documented path to many machines: a local two-worker cluster gives the serial results."
import math
from dask.distributed import Client, LocalCluster


def test_grid_on_a_local_dask_cluster_gives_the_serial_results(mnist_dir):
    from anomnist.runner import Task, run_grid
    tasks = [Task("lof", 0, d, dict(n_neighbors=10), test=False) for d in (0, 1)] + [Task("knn", 0, 3, dict(n_neighbors=5), test=True)]
    serial = run_grid(tasks, n_jobs=1, quick=True, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        on_dask = run_grid(tasks, n_jobs=2, backend="dask", quick=True, progress=False)
    assert [r["normal_digit"] for r, _ in on_dask] == [0, 1, 3]
    for (a, _), (b, _) in zip(on_dask, serial):          # the same rows; floats to BLAS rounding (1 thread against 2)
        assert a.keys() == b.keys()
        for k in a:
            if k.startswith("seconds"): continue
            assert (math.isclose(a[k], b[k], rel_tol=1e-6) if isinstance(a[k], float) else a[k] == b[k]), (a["detector"], k, a[k], b[k])
    assert all("test_auc" in r for r, _ in on_dask[2:]) and not any("test_auc" in r for r, _ in on_dask[:2])
