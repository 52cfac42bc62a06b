"""Backend 'auto' by measurement: the probe times each runtime once per machine, stores the
answer keyed by the hardware fingerprint, and resolve_backend follows it."""

from __future__ import annotations

import json

import pytest

from engine.inference import backend_probe
from engine.inference.backend_probe import ProbeResult, Timing
from engine.inference.factory import resolve_backend


@pytest.fixture
def probing(tmp_path, monkeypatch):
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(backend_probe.ENV, "on")
    return tmp_path / "cache" / "backend" / backend_probe.CACHE_FILE


def test_the_probe_measures_both_runtimes_once_and_caches_by_fingerprint(probing, monkeypatch):
    first = backend_probe.probe()
    assert first is not None
    assert {t.backend for t in first.timings} == {"torch", "onnx"}
    assert all(t.seconds > 0 for t in first.timings)
    assert first.fastest == min(first.timings, key=lambda t: t.seconds)
    stored = json.loads(probing.read_text())
    assert list(stored) == [backend_probe.fingerprint()]

    calls = []
    monkeypatch.setattr(backend_probe, "measure", lambda: calls.append(1))
    assert backend_probe.probe() == first and not calls          # cached: not measured again
    monkeypatch.setattr(backend_probe, "fingerprint", lambda: "other-hardware")
    backend_probe.probe()
    assert calls == [1]                                          # new hardware: measured


def _fake(fastest_backend: str, label: str, seconds: float) -> ProbeResult:
    cpu = Timing("torch", "cpu", "PyTorch CPU", 0.31)
    other = Timing(fastest_backend, "auto", label, seconds)
    return ProbeResult([cpu, other], other, cpu.seconds, cpu.label)


def test_auto_follows_the_measurement_and_says_why(probing, monkeypatch):
    monkeypatch.setattr(backend_probe, "measure",
                        lambda: _fake("onnx", "ONNX Runtime DirectML", 0.1))
    assert resolve_backend("auto") == "onnx"
    assert backend_probe.probe().describe() == "ONNX Runtime DirectML, 3.1x CPU"
    # an explicit device or precision is the user's choice, not the probe's
    assert resolve_backend("auto", device="cpu") == "torch"
    assert resolve_backend("auto", precision="fp16") == "torch"
    # foreign spandrel files are not exported by the probe's answer (some do not export)
    assert resolve_backend("auto", measured=False) == "torch"


def test_cpu_labels_and_a_slow_gpu_adapter_loses(probing, monkeypatch):
    monkeypatch.setattr(backend_probe, "measure",
                        lambda: _fake("onnx", "ONNX Runtime CPU", 0.25))
    assert backend_probe.probe().describe() == "ONNX Runtime CPU, 1.2x PyTorch CPU"
    # a software DirectML adapter slower than the CPU: listed, but not chosen
    slow = Timing("onnx", "auto", "ONNX Runtime DirectML", 0.9)
    cpu = Timing("torch", "cpu", "PyTorch CPU", 0.3)
    monkeypatch.setattr(backend_probe, "measure",
                        lambda: ProbeResult([cpu, slow], cpu, cpu.seconds, cpu.label))
    backend_probe.probe(refresh=True)
    assert resolve_backend("auto") == "torch"
    assert backend_probe.probe().describe() == "PyTorch CPU"


def test_off_means_the_listing_rule(tmp_path, monkeypatch):
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv(backend_probe.ENV, "off")
    monkeypatch.setattr(backend_probe, "measure", lambda: pytest.fail("measured"))
    assert backend_probe.probe() is None
    assert resolve_backend("auto") == "torch"   # no GPU provider on this machine
