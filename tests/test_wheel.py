"""Installed as a user installs it: the wheel, in a fresh virtual environment outside the repository, builds the report
from a folder of result files (the notebook ships inside the package; its runtime is in the dependencies)."""
import os, shutil, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent


def test_the_wheel_in_a_fresh_venv_builds_the_report(mnist_dir, tmp_path):
    wheels, venv, work = tmp_path/"wheels", tmp_path/"venv", tmp_path/"work"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(root), "-w", str(wheels)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(wheels.glob("anomnist-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    r = subprocess.run([str(venv/"bin"/"python"), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-2000:]
    shutil.copytree(root/"results", work/"results")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv/'bin'}{os.pathsep}{env['PATH']}"
    r = subprocess.run(["anomnist", "report", "--out", "r.html"], cwd=work, capture_output=True, text=True, timeout=1500, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert shutil.which("anomnist", path=env["PATH"]).startswith(str(venv))      # the venv's command, not the checkout's
    html = (work/"r.html").read_text()
    assert "4. One-class MNIST" in html and "is missing: run" not in html and str(root) not in html


def test_the_sdist_carries_its_tests_and_passes_them(tmp_path):
    """The source distribution holds every tracked file its tests read (tests, notebooks, result files, report, tools),
    and its own copy of the package passes a test file run from inside it."""
    import tarfile
    r = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path)], cwd=root, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-2000:]
    sdist = next(tmp_path.glob("anomnist-*.tar.gz"))
    with tarfile.open(sdist) as t:
        names = set(t.getnames()); t.extractall(tmp_path/"src", filter="data")
    top = sdist.name.removesuffix(".tar.gz")
    tracked = subprocess.run(["git", "ls-files", "tests", "nbs", "results", "report", "tools", "benchmarks"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.split()
    missing = [f for f in tracked if f"{top}/{f}" not in names]
    assert not missing, f"not in the sdist: {missing[:10]}"
    src = tmp_path/"src"/top
    env = dict(os.environ, PYTHONPATH=str(src))
    code = "import anomnist, sys; print(anomnist.__file__)"
    assert subprocess.run([sys.executable, "-c", code], cwd=src, env=env, capture_output=True, text=True).stdout.startswith(str(src))
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "tests/test_similarity.py"], cwd=src,
                       env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
