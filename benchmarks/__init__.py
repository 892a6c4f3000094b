"""Benchmarks of kg: a synthetic corpus generator and throughput/memory measurements."""
