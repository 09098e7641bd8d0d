"""Anomalous Moving MNIST: a generator of Moving MNIST videos with look-alike digit anomalies, and twelve anomaly detectors on MNIST

Modules:

- `anomnist.moving`: Videos of digits bouncing in a frame, in which chosen frames swap a digit for a look-alike of another label — with the ground truth of every frame and every digit.
- `anomnist.similarity`: Cut the t-SNE map into k clusters; each cluster's medoid is the normal digit, and members of the same cluster with another label are its anomalous look-alikes."""

__version__ = "0.1.0"
