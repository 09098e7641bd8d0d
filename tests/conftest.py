import os, pytest
from pathlib import Path

@pytest.fixture(scope="session")
def mnist_dir():
    "The real MNIST copy that $ANOMNIST_MNIST points at (CI sets it to ../shared/data/mnist)."
    p = os.environ.get("ANOMNIST_MNIST")
    if not p or not Path(p).is_dir(): pytest.skip("ANOMNIST_MNIST does not point at a MNIST folder")
    return Path(p)

@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    "The tests use a cache of their own, shared within the session, apart from the user's."
    old = os.environ.get("ANOMNIST_CACHE")
    os.environ["ANOMNIST_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None: os.environ.pop("ANOMNIST_CACHE", None)
    else: os.environ["ANOMNIST_CACHE"] = old
