"""Jobs: what to do (inputs, model, options) + run(progress, cancel) -> results."""

from engine.jobs.upscale import (
                                 BatchResult,
                                 FileResult,
                                 FileStarted,
                                 UpscaleOptions,
                                 output_path_for,
                                 run_upscale_batch,
                                 upscale_file,
)

__all__ = ["BatchResult", "FileResult", "FileStarted", "UpscaleOptions", "output_path_for",
           "run_upscale_batch", "upscale_file"]

from engine.jobs.evaluate import EvalReport, run_eval  # noqa: E402

__all__ += ["EvalReport", "run_eval"]
