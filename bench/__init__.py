"""Benchmarks of the figures the issues name; run with ``./dev.sh bench`` (``python -m bench``)."""
