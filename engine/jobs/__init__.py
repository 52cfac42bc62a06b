"""Jobs: a :class:`~engine.jobs.request.Request` and inputs -> a plan -> run(progress, cancel).

Names load on first use (PEP 562): ``engine.jobs.request`` and ``engine.jobs.plan`` import
no torch, so a driver can build and check a request (and show its plan) before any model
code is loaded.
"""

from __future__ import annotations

from engine.lazy import lazy_exports

_WHERE = {
    "Request": "engine.jobs.request", "VideoSettings": "engine.jobs.request",
    "RequestError": "engine.jobs.request",
    "Plan": "engine.jobs.plan", "PlanItem": "engine.jobs.plan", "plan_job": "engine.jobs.plan",
    "run_plan": "engine.jobs.run",
    "output_path_for": "engine.jobs.outputs",
    "BatchResult": "engine.jobs.upscale", "FileResult": "engine.jobs.upscale",
    "FileStarted": "engine.jobs.upscale", "UpscaleOptions": "engine.jobs.upscale",
    "run_upscale_batch": "engine.jobs.upscale", "upscale_file": "engine.jobs.upscale",
    "EvalReport": "engine.jobs.evaluate", "run_eval": "engine.jobs.evaluate",
}

__all__ = sorted(_WHERE)


__getattr__ = lazy_exports(__name__, _WHERE)
