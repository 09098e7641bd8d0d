"The installed `anomnist` command, run as a user runs it."
import os, subprocess, sys
import pytest

def run(*args, **kw):
    return subprocess.run(["anomnist", *args], capture_output=True, text=True, timeout=300, **kw)

def test_help_lists_subcommands():
    r = run("--help")
    assert r.returncode == 0 and "info" in r.stdout

def test_info_on_real_mnist(mnist_dir):
    r = run("info", "--mnist", str(mnist_dir))
    assert r.returncode == 0, r.stderr
    rows = {l.split()[0]: l.split()[1:] for l in r.stdout.splitlines() if l.startswith(("train", "test"))}
    assert rows["train"][0] == "5,923" and rows["train"][-1] == "60,000"
    assert rows["test"][0] == "980" and rows["test"][-1] == "10,000"
    assert f"MNIST source: {mnist_dir.resolve()}" in r.stdout and "keras" in r.stdout

def test_info_without_mnist_is_a_clear_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ANOMNIST_MNIST"}
    r = run("info", "--mnist", str(tmp_path/"nowhere"), env={**env, "KERAS_HOME": str(tmp_path)})
    assert r.returncode == 2 and "nowhere, which does not exist" in r.stderr and "Traceback" not in r.stderr
