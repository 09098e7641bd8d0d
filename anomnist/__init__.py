"""Anomalous Moving MNIST: a generator of Moving MNIST videos with look-alike digit anomalies, and twelve anomaly detectors on MNIST"""

__version__ = "0.1.0"
