"""The benchmark (``make bench``): see ``python -m benchmarks --help``."""
