"""How far the next-frame predictor is from convergence at the benchmark's cap of 15 epochs.

Trains `NextFrameDetector` with a cap of 60 epochs on the natural-mode release of data seed 0 (the benchmark's sizes)
and prints the validation frame AUC and loss after every epoch (validation videos only; no test video is scored).
Measured on 2 cores: 277 s; validation AUC 0.630 at epoch 15, 0.650 at 31, 0.665 at 60 — still rising by about
0.001 per epoch, so the benchmark's next-frame figures are those of an unconverged model.

    python benchmarks/next_frame_convergence.py
"""
import time, numpy as np
from anomnist.dataset import release_parts
from anomnist.video import NextFrameDetector
rel = release_parts(150, 50, 250, normal="natural", seed=0)
t = time.time()
det = NextFrameDetector(epochs=60, random_state=0).fit(rel["train"]["videos"], eval_set=(rel["val"]["videos"], rel["val"]["frame_anomaly"]))
print("fit", round(time.time() - t), "epochs", det.epochs_run_, "best", det.best_epoch_)
print("val AUC per epoch", np.round(det.history_["val_frame_auc"], 3).tolist())
print("val loss per epoch", np.round(det.history_["val_loss"], 4).tolist())
