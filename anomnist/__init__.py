"""Anomalous Moving MNIST: a generator of Moving MNIST videos with look-alike digit anomalies, and twelve anomaly detectors on MNIST

Modules:

- `anomnist.similarity`: Cut the t-SNE map into k clusters; each cluster's medoid is the normal digit, and members of the same cluster with another label are its anomalous look-alikes."""

__version__ = "0.1.0"
