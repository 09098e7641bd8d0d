"""Anomalous Moving MNIST: a generator of Moving MNIST videos with look-alike digit anomalies, and twelve anomaly detectors on MNIST

Modules:

- `anomnist.base`: Every detector in the package — on images, on pixels, on videos — answers the same questions the same way: how anomalous is this input, where is the line, and which inputs are past it. PyOD's pattern, written once.
- `anomnist.baselines`: PyOD's kNN, LOF, OCSVM, Isolation Forest and PCA on raw pixels: the detectors anyone comparing anomaly detectors on MNIST reaches for first, so every table of deep models shows them beside it.
- `anomnist.benchmark`: Digit 0 is normal, 1–9 are anomalous; every detector is trained three times with different initial weights, its settings chosen on a validation holdout of MNIST-train, and the whole MNIST test set is scored once.
- `anomnist.dataset`: Anomalous Moving MNIST as a benchmark: training, validation and test videos from disjoint MNIST images, natural or medoid normal digits, pixel masks, one evaluation function, a dataset card and a streaming loader.
- `anomnist.dataset_file`: One generated dataset as one `.npz`: written chunk by chunk without holding the videos in memory, atomically, with the metadata to reproduce it; read back checked, and summarised.
- `anomnist.detectors`: Seven autoencoders scored by reconstruction error and five CNN binary classifiers scored by their predicted probability of "anomaly" — plain Keras builders behind one PyOD-style interface.
- `anomnist.files`: Every file anomnist writes appears complete or not at all, no two runs write it at once, and every file it reads back is checked before use; errors a user can act on name the file or parameter and what is allowed.
- `anomnist.moving`: Videos of digits bouncing in a frame, in which chosen frames swap a digit for a look-alike of another label — with the ground truth of every frame and every digit.
- `anomnist.oneclass`: Two published ways to learn what a normal digit is without reconstructing it — predicting which geometric transformation was applied (GeoTrans) and pulling every normal image to one point (Deep SVDD) — and an ensemble that standardises and averages any detectors' scores.
- `anomnist.report`: Loading committed result files, the report's figures, and building the report with Quarto or, without it, with nbconvert.
- `anomnist.results`: A result file is JSON with its per-image scores beside it in `.npz` parts, written as one unit, never overwritten by a quick run, and read back only with the scores it was written with.
- `anomnist.runner`: Which images train and validate each detector family, the metrics with their chance levels, one run (`run_task`), and the grid (`run_grid`) that runs every experiment of the benchmark, on one machine or a cluster.
- `anomnist.selection`: Every setting that is not the original benchmark's is chosen on a validation holdout of MNIST-train, from candidates recorded with their scores; MNIST-test is scored only by the final configurations.
- `anomnist.significance`: Whether one detector beats another is a question about the test images as much as about the training seeds: DeLong's test for ROC-AUC, a paired bootstrap for average precision, and the seed spread beside them.
- `anomnist.similarity`: Cut the t-SNE map into k clusters; each cluster's medoid is the normal digit, and members of the same cluster with another label are its anomalous look-alikes.
- `anomnist.tables`: Each family's table in the original benchmark's layout, and every ordering tested over the test images — DeLong for ROC-AUC, a paired bootstrap for AP — with the seed spread beside it.
- `anomnist.tracking`: Where each digit of an Anomalous Moving MNIST video is, frame by frame: its ink located, cropped and followed, and — for the generator-aware detector — every frame explained as the generator drew it (one appearance per digit, moving as the generator moves digits).
- `anomnist.video_benchmark`: Every video detector of `video_detectors`, fitted on the training videos of a benchmark release and scored once on its test videos, on both tracks and several data seeds, beside a control that changes appearance but not label.
- `anomnist.video_detectors`: Seven detectors find the frames — and the pixels — where a digit of Anomalous Moving MNIST was swapped for a look-alike of another label: a trivial change detector (the floor), a generator-aware detector that re-renders each frame as the generator made it, a memory of normal digits, temporal consistency, a frame autoencoder, a next-frame predictor and a label-aware digit classifier, all behind one interface."""

__version__ = "0.1.0"
