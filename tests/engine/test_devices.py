"""Available RAM drives memory-mapping, tile budgets and the trainer's cache."""

from __future__ import annotations

import builtins
import os
from collections import namedtuple

import pytest

from engine import devices


def test_available_ram_without_proc_meminfo_is_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where /proc/meminfo and sysconf are missing (Windows, macOS) the figure is psutil's,
    not a fixed 4 GiB guess."""
    import psutil

    real_open = builtins.open

    def no_proc(file, *a, **k):  # type: ignore[no-untyped-def]
        if str(file) == "/proc/meminfo":
            raise FileNotFoundError(file)
        return real_open(file, *a, **k)

    def no_sysconf(name: str) -> int:
        raise ValueError(name)

    vm = namedtuple("vm", "total available")
    monkeypatch.setattr(builtins, "open", no_proc)
    monkeypatch.setattr(os, "sysconf", no_sysconf, raising=False)
    monkeypatch.setattr(psutil, "virtual_memory", lambda: vm(64 << 30, 37 << 30))
    assert devices.available_ram_bytes() == 37 << 30


def test_available_ram_is_plausible() -> None:
    n = devices.available_ram_bytes()
    assert 16 << 20 < n < 1 << 50
