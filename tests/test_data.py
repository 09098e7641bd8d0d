"Loader failures on copies of the real files, and the lookup order end to end."
import gzip, shutil
import numpy as np, pytest
from anomnist.data import load_mnist, locate_mnist, MNISTError, keras_cache_npz

def _copy(src, dst):
    dst.mkdir()
    for f in src.glob("*-ubyte.gz"): shutil.copy(f, dst/f.name)
    return dst

def test_real_mnist_verified(mnist_dir):
    x, y = load_mnist("test", mnist_dir, verify=True)
    assert x.shape == (10000, 28, 28) and x.dtype == np.uint8 and y.dtype == np.uint8
    assert np.bincount(y)[0] == 980

def test_truncated_gz_names_the_file(mnist_dir, tmp_path):
    d = _copy(mnist_dir, tmp_path/"m")
    f = d/"t10k-images-idx3-ubyte.gz"
    f.write_bytes(f.read_bytes()[:100_000])
    with pytest.raises(MNISTError, match="t10k-images-idx3-ubyte.gz.*truncated or corrupted"):
        load_mnist("test", d)

def test_raw_file_with_missing_bytes(mnist_dir, tmp_path):
    d = _copy(mnist_dir, tmp_path/"m")
    f = d/"t10k-labels-idx1-ubyte.gz"
    raw = gzip.decompress(f.read_bytes())
    f.unlink(); (d/"t10k-labels-idx1-ubyte").write_bytes(raw[:-7])
    with pytest.raises(MNISTError, match=r"t10k-labels-idx1-ubyte: header promises 10,000 data bytes.*9,993"):
        load_mnist("test", d)

def test_corrupted_gzip_stream(mnist_dir, tmp_path):
    d = _copy(mnist_dir, tmp_path/"m")
    f = d/"train-labels-idx1-ubyte.gz"
    b = bytearray(f.read_bytes()); b[len(b)//2] ^= 0xFF
    f.write_bytes(bytes(b))
    with pytest.raises(MNISTError, match="train-labels-idx1-ubyte.gz"):
        load_mnist("train", d)

def test_swapped_images_and_labels(mnist_dir, tmp_path):
    d = _copy(mnist_dir, tmp_path/"m")
    shutil.copy(d/"t10k-labels-idx1-ubyte.gz", d/"t10k-images-idx3-ubyte.gz")
    with pytest.raises(MNISTError, match=r"shape \(10000,\), expected \(N, 28, 28\)"):
        load_mnist("test", d)

def test_missing_everywhere(monkeypatch, tmp_path):
    monkeypatch.delenv("ANOMNIST_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path/"keras"))
    with pytest.raises(MNISTError) as e: load_mnist("test", download=False)
    msg = str(e.value)
    for place in ("the path argument", "$ANOMNIST_MNIST: not set", str(keras_cache_npz()), "export ANOMNIST_MNIST"):
        assert place in msg

def test_download_is_last_resort(monkeypatch, tmp_path):
    "With nothing found locally the Keras download is tried, and its failure is reported with the places looked."
    import keras
    monkeypatch.delenv("ANOMNIST_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path/"keras"))
    calls = []
    def offline(): calls.append(1); raise OSError("no internet")
    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    with pytest.raises(MNISTError, match="(?s)Looked in.*The Keras download failed too: no internet"):
        load_mnist("test")
    assert calls == [1]

def test_keras_download_result_is_used(monkeypatch, tmp_path, mnist_dir):
    "A successful download lands in the Keras cache, which is then read."
    import keras
    monkeypatch.delenv("ANOMNIST_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path/"keras"))
    x, y = load_mnist("test", mnist_dir)
    def fake_download():
        keras_cache_npz().parent.mkdir(parents=True)
        np.savez(keras_cache_npz(), x_train=x[:5], y_train=y[:5], x_test=x, y_test=y)
    monkeypatch.setattr(keras.datasets.mnist, "load_data", fake_download)
    x2, y2 = load_mnist("test")
    assert np.array_equal(x2, x) and locate_mnist() == keras_cache_npz().resolve()

def test_npz_missing_arrays(tmp_path):
    np.savez(tmp_path/"mnist.npz", x_train=np.zeros((2, 28, 28), np.uint8))
    with pytest.raises(MNISTError, match="x_test/y_test"):
        load_mnist("test", tmp_path/"mnist.npz")
