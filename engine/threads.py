"""How many CPU threads this run's numerical work may use, without importing torch.

The CLI's ``--threads`` (and the app's setting) is given to torch; ONNX Runtime, ncnn and
the numpy rounding of outputs follow the same count, so a one-thread run is one thread
everywhere.  Without torch loaded (a lean build): the CPU count, at most 8.
"""

from __future__ import annotations

import os
import sys


def run_threads() -> int:
    """torch's intra-op thread count when torch is loaded, else min(8, CPUs)."""
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "get_num_threads"):
        return max(1, int(torch.get_num_threads()))
    return min(8, os.cpu_count() or 1)
