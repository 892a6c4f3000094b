"""A worker task for tests/pipeline/test_parallel.py, in a module light enough to import fast."""
import os


def exit_on_b(item: str) -> str:
    """Kill the worker process on input "b" (as the OOM killer would); else answer."""
    if item == "b":
        os._exit(9)
    return item.upper()
