"""Re-runnable benchmarks: speed, memory and retrieval quality against baselines, in one run.

Run ``python -m benchmarks.run`` (or ``make bench``); see ``benchmarks/README.md``.
"""
