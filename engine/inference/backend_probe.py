"""Backend 'auto' by measurement: time one small tile on each backend, remember the fastest.

Listing is not enough: a software-only DirectML adapter in a virtual machine, or ONNX
Runtime against PyTorch on a given CPU, wins or loses by speed, not by being present.  On
first use (and whenever the hardware or the runtimes change, which changes the
fingerprint) this times a 128x128 tile of the shipped fast x2 network on PyTorch (its
'auto' device) and on ONNX Runtime (its 'auto' provider), plus the CPU as the baseline,
and stores the result in the user cache (``backend_probe.json``).  About 1-3 s, once.

``SRSTUDIO_BACKEND_PROBE=off`` turns the measurement off (the listing rule of
:func:`engine.inference.factory.resolve_backend` decides); the test suite sets it so that
results do not depend on which backend a loaded machine happened to favour.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from engine.io.atomic import atomic_output
from engine.models.sources import cache_dir

ENV = "SRSTUDIO_BACKEND_PROBE"
PROBE_MODEL = "fast_x2"
TILE = 128
RUNS = 3
CACHE_FILE = "backend_probe.json"


@dataclass(frozen=True)
class Timing:
    backend: str        # 'torch' or 'onnx'
    device: str         # torch device ('cpu', 'cuda', 'mps') or ONNX provider short name
    label: str          # 'PyTorch CUDA', 'ONNX Runtime DirectML', ...
    seconds: float      # median of RUNS on one TILE x TILE tile


@dataclass(frozen=True)
class ProbeResult:
    timings: list[Timing]
    fastest: Timing
    cpu_seconds: float   # the CPU baseline (PyTorch's CPU, or ONNX Runtime's in a lean build)
    cpu_label: str = "CPU"

    def speedup(self) -> float:
        """How many times faster the fastest is than the CPU baseline."""
        return self.cpu_seconds / self.fastest.seconds if self.fastest.seconds > 0 else 1.0

    def describe(self) -> str:
        """'ONNX Runtime DirectML, 3.1x CPU', 'ONNX Runtime CPU, 1.2x PyTorch CPU', or the
        label alone when it is the baseline itself."""
        s = self.speedup()
        if self.fastest.label == self.cpu_label or abs(s - 1) < 0.05:
            return self.fastest.label
        base = self.cpu_label if self.fastest.label.endswith(" CPU") else "CPU"
        return f"{self.fastest.label}, {s:.1f}x {base}"


def enabled() -> bool:
    return os.environ.get(ENV, "on").lower() not in ("off", "0", "no", "false")


PROBE_FORMAT = 2
"""Bump when our own code changes a backend's speed (the ONNX export's graph, session or
memory settings: this round's phase shortcut, PReLU form, no-spin sessions and malloc
reuse), so verdicts stored by an older version are measured again."""


def fingerprint() -> str:
    """What decides the answer: CPU, OS, runtimes and their devices (a hash of them)."""
    facts: dict[str, Any] = {"probe": PROBE_FORMAT,
                             "machine": platform.machine(), "system": platform.system(),
                             "cpus": os.cpu_count(), "cpu": _cpu_model(),
                             "python": platform.python_version()}
    try:
        import onnxruntime as ort
        facts["ort"] = [ort.__version__, ort.get_available_providers()]
    except ImportError:
        pass
    # torch's version from its metadata: importing torch here would cost every ONNX Runtime
    # run ~0.5 GiB and seconds of start-up just to read a cached answer
    try:
        from importlib.metadata import version
        facts["torch"] = version("torch")
    except Exception:   # noqa: BLE001 - not installed (the lean build)
        pass
    gpus = Path("/proc/driver/nvidia/gpus")   # NVIDIA cards on Linux, without CUDA
    if gpus.is_dir():
        facts["nvidia"] = sorted(p.name for p in gpus.iterdir())
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def _torch_importable() -> bool:
    from engine.models.builds import torch_available
    return torch_available()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _cache_path() -> Path:
    return cache_dir("backend") / CACHE_FILE


def cached_result() -> ProbeResult | None:
    """The stored probe for this machine's fingerprint, or None."""
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
        entry = data[fingerprint()]
        timings = [Timing(**t) for t in entry["timings"]]
        fastest = next(t for t in timings if (t.backend, t.device) == tuple(entry["fastest"]))
        return ProbeResult(timings, fastest, float(entry["cpu_seconds"]),
                           str(entry.get("cpu_label", "CPU")))
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None


def _store(result: ProbeResult) -> None:
    path = _cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        data = {}
    data[fingerprint()] = {"timings": [asdict(t) for t in result.timings],
                           "fastest": [result.fastest.backend, result.fastest.device],
                           "cpu_seconds": result.cpu_seconds, "cpu_label": result.cpu_label,
                           "when": time.time()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as tmp:
            Path(tmp).write_text(json.dumps(data, indent=1), encoding="utf-8")
    except OSError:
        pass   # a read-only cache only means measuring again next time


def _time(run: Any) -> float:
    run()   # warm-up: first-call allocations, kernel selection
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure() -> ProbeResult | None:
    """Time the probe tile on each candidate; None when there is nothing to compare."""
    import numpy as np

    from engine.models.registry import list_models
    info = next((m for m in list_models(include_user=False) if m.name == PROBE_MODEL), None)
    if info is None:
        return None
    tile = np.random.default_rng(0).random((1, TILE, TILE, 3), dtype=np.float32)
    timings: list[Timing] = []
    cpu: Timing | None = None
    torch_ok = _torch_importable() and info.path.suffix == ".safetensors"
    if torch_ok:
        from engine.devices import select_device
        from engine.inference.upscalers import TorchUpscaler
        from engine.models.descriptor import LoadedModel
        model = LoadedModel.from_file(info.path)
        dev = select_device("auto").type
        for d in dict.fromkeys([dev, "cpu"]):
            up = TorchUpscaler(model, d, "fp32")
            t = Timing("torch", d, f"PyTorch {_DEVICE_LABEL.get(d, d)}",
                       _time(lambda u=up: u(tile)))
            timings.append(t)
            if d == "cpu":
                cpu = t
    try:
        from engine.inference.onnx_upscaler import OnnxUpscaler
        from engine.models.onnx_graph import gpu_providers, onnx_providers
        if torch_ok:
            from engine.inference.onnx_export import cached_onnx
            onnx_file = cached_onnx(info.path)
        else:   # the lean build ships the exported file itself
            onnx_file = info.path
        ort_up = OnnxUpscaler(onnx_file, "auto")
        provider = str(onnx_providers("auto")[0])
        t = Timing("onnx", "auto", f"ONNX Runtime {_PROVIDER_LABEL.get(provider, provider)}",
                   _time(lambda: ort_up(tile)))
        timings.append(t)
        if cpu is None and not gpu_providers():
            cpu = t
    except Exception:   # noqa: BLE001 - a runtime that cannot run the probe is not a candidate
        pass
    if not timings:
        return None
    fastest = min(timings, key=lambda t: t.seconds)
    base = cpu or fastest
    return ProbeResult(timings, fastest, base.seconds, base.label)


_DEVICE_LABEL = {"cpu": "CPU", "cuda": "CUDA", "mps": "Metal"}
_PROVIDER_LABEL = {"CPUExecutionProvider": "CPU", "CUDAExecutionProvider": "CUDA",
                   "DmlExecutionProvider": "DirectML", "CoreMLExecutionProvider": "CoreML"}


def probe(refresh: bool = False) -> ProbeResult | None:
    """This machine's measured ranking: the cached one, else measured now and stored.
    None when measuring is off or impossible (the caller falls back to the listing rule)."""
    if not enabled():
        return None
    if not refresh:
        hit = cached_result()
        if hit is not None:
            return hit
    result = measure()
    if result is not None:
        _store(result)
    return result
