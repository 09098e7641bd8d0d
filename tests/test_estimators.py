"""Every detector of the package is a scikit-learn estimator (through `BaseDetector`): its settings are its `__init__`'s
arguments, stored as they came, so scikit-learn's `get_params`, `set_params` and `clone` work on each of them, and a
clone is an unfitted detector with the same settings."""
import inspect
import numpy as np
import pytest
from sklearn.base import clone


def every_detector():
    "One detector of each kind the package registers: images (deep, classical, one-class, ensemble) and videos."
    from anomnist.detectors import MODELS, Detector
    from anomnist.baselines import BASELINES, PixelDetector
    from anomnist.oneclass import ONE_CLASS, Ensemble
    from anomnist.video_benchmark import VIDEO_DETECTORS
    return ([Detector(name, epochs=3) for name in MODELS]
            + [PixelDetector(name, **b.candidates()[-1]) for name, b in BASELINES.items()]
            + [spec.cls(**spec.quick) for spec in ONE_CLASS.values()]
            + [Ensemble(members=(PixelDetector("lof"), PixelDetector("knn", n_neighbors=3)))]
            + [cls() for cls, _ in VIDEO_DETECTORS.values()])


@pytest.mark.parametrize("det", every_detector(), ids=lambda d: f"{type(d).__name__}-{getattr(d, 'name', '')}")
def test_every_detector_is_a_scikit_learn_estimator(det):
    params, init = det.get_params(deep=False), inspect.signature(type(det).__init__).parameters
    assert set(init) - {"self", "params"} <= set(params)                                  # every setting of __init__
    copy = clone(det)                                                                      # scikit-learn checks that __init__ only stores
    assert type(copy) is type(det) and copy is not det
    assert repr(copy.get_params(deep=False)) == repr(params) and repr(copy) == repr(det)  # the same settings (members cloned)
    copy.set_params(contamination=0.2)
    assert copy.contamination == 0.2 and det.contamination == params["contamination"]     # the original is untouched
    if "params" not in init:                                                               # (PixelDetector hands other names to PyOD)
        with pytest.raises(ValueError, match="Invalid parameter 'no_such_setting'"): clone(det).set_params(no_such_setting=1)


def test_a_clone_of_a_fitted_detector_is_unfitted():
    from anomnist.baselines import PixelDetector
    x = np.random.default_rng(0).random((50, 28, 28)).astype(np.float32)
    det = PixelDetector("knn", n_neighbors=3).fit(x)
    copy = clone(det)
    assert hasattr(det, "model_") and not hasattr(copy, "model_") and not hasattr(copy, "decision_scores_")
    np.testing.assert_array_equal(copy.fit(x).decision_function(x), det.decision_function(x))  # same settings, same scores
