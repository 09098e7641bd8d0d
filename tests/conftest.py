import os, pytest
from pathlib import Path

@pytest.fixture(scope="session")
def mnist_dir():
    "The real MNIST copy that $ANOMNIST_MNIST points at (CI sets it to ../shared/data/mnist)."
    p = os.environ.get("ANOMNIST_MNIST")
    if not p or not Path(p).is_dir(): pytest.skip("ANOMNIST_MNIST does not point at a MNIST folder")
    return Path(p)

@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    "Every test gets a cache shared within the session but apart from the user's."
    monkeypatch.setenv("ANOMNIST_CACHE", str(tmp_path_factory.getbasetemp()/"cache"))
