"""End-to-end training on generated images with a ~1K-parameter fsrcnn_ps on the CPU."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import ConfigError
from engine.evaluation import evaluate, load_benchmark
from engine.events import CancelToken, Finished, Progress, Started, Warning_
from engine.inference import make_upscale_fn
from engine.models.descriptor import LoadedModel
from engine.models.weights import read_metadata
from tests.trainer.conftest import tiny_overrides
from trainer import CheckpointSaved, StepLogged, Validated, load_config, train
from trainer.checkpoint import load_checkpoint
from trainer.loop import EXIT_AFTER_STEP_ENV
from trainer.run_base import FROZEN_COMPILE_WARNING
from trainer.runlog import RunLog

REPO = Path(__file__).resolve().parents[2]


def _same_state(a: dict, b: dict) -> None:
    assert a["step"] == b["step"]
    for key in ("model",):
        assert a[key].keys() == b[key].keys()
        for k in a[key]:
            assert torch.equal(a[key][k], b[key][k]), k
    if a.get("ema"):
        for k, v in a["ema"]["module"].items():
            assert torch.equal(v, b["ema"]["module"][k]), f"ema {k}"
    assert a["data"] == b["data"]


def test_training_beats_bicubic_and_exports(tmp_path, data_dirs):
    events: list = []
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "run"))
    res = train(cfg, progress=events.append)

    logged = [e for e in events if isinstance(e, StepLogged)]
    assert [e.step for e in logged] == [10, 20, 30, 40]
    assert logged[-1].loss < logged[0].loss
    assert set(logged[0].loss_terms) == {"l1"}
    vals = [e for e in events if isinstance(e, Validated)]
    assert [v.step for v in vals] == [20, 40]
    assert vals[-1].psnr_y > vals[-1].bicubic_psnr_y + 0.5, vals[-1]
    bic, sr, hr = vals[-1].sample
    assert bic.dtype == sr.dtype == hr.dtype == np.uint8 and sr.shape == hr.shape == bic.shape
    assert [e.step for e in events if isinstance(e, CheckpointSaved)] == [20, 40]
    assert any(isinstance(e, Started) and e.what == "train" for e in events)
    prog = [e for e in events if isinstance(e, Progress) and e.detail == "train"]
    assert prog and prog[-1].done == prog[-1].total == 40
    assert isinstance(events[-1], Finished) and events[-1].result is res

    assert res.steps == 40 and not res.cancelled
    assert res.best_psnr_y == max(v.psnr_y for v in vals)
    meta = read_metadata(res.best_weights)
    assert meta["arch"] == "fsrcnn_ps" and meta["scale"] == 2 and meta["num_channels"] == 1
    assert meta["config"] == {"num_channels": 1, "d": 8, "s": 4, "m": 1, "reparam": 0}
    assert meta["steps"] == res.best_step and meta["params"] > 0
    assert meta["trained_on"].startswith("CPU, ") and "torch " in meta["trained_on"]
    assert meta["metrics"]["val"]["psnr_y"] == pytest.approx(res.best_psnr_y, abs=1e-3)
    # the exported file scores exactly what validation reported (same evaluation code)
    model = LoadedModel.from_file(res.best_weights)
    scores = evaluate(make_upscale_fn(model, "cpu"), load_benchmark(data_dirs["val"], 2), 2)
    assert scores.psnr_y == pytest.approx(res.best_psnr_y, abs=1e-9)
    assert (res.out_dir / "final.safetensors").is_file()
    assert (res.out_dir / "log.jsonl").read_text().count('"kind": "val"') == 2

    with pytest.raises(ConfigError, match="already holds a run"):
        train(cfg)


@pytest.mark.parametrize("prefetch", ["false", "true"])
def test_cancel_checkpoints_and_resume_is_identical(tmp_path, data_dirs, prefetch):
    """Also with the next batch drawn in a thread: the checkpoint holds the sampler state
    before the batch in flight, so the resumed run matches a run that never prefetched."""
    extra = {"optim.ema": 0.9, "optim.schedule": "cosine", "optim.warmup_steps": 3,
             "run.steps": 12, "run.log_every": 1, "run.val_every": 5, "run.ckpt_every": 0,
             "data.augment.rot90": "false"}
    ref = train(load_config(None, tiny_overrides(data_dirs, tmp_path / "ref", **extra)))
    extra["data.prefetch"] = prefetch

    cancel = CancelToken()

    def stop_at_5(ev: object) -> None:
        if isinstance(ev, StepLogged) and ev.step == 5:
            cancel.cancel()

    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "cut", **extra))
    first = train(cfg, progress=stop_at_5, cancel=cancel)
    assert first.cancelled and first.steps == 5 and first.final_weights is None
    assert load_checkpoint(first.checkpoint)["step"] == 5
    second = train(cfg, resume=True)
    assert second.steps == 12 and second.best_step == ref.best_step
    _same_state(load_checkpoint(ref.checkpoint), load_checkpoint(second.checkpoint))


def test_pause_waits_between_steps(tmp_path, data_dirs):
    pause = threading.Event()
    pause.set()
    threading.Timer(0.4, pause.clear).start()
    t0 = time.perf_counter()
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "p", run__steps=2,
                                           data__val_dir="null"))
    res = train(cfg, pause=pause)
    assert res.steps == 2 and time.perf_counter() - t0 >= 0.4
    assert res.best_weights is None and res.final_weights.is_file()


def test_time_budget_ends_the_run_annealed_and_counts_across_resumes(tmp_path, data_dirs):
    """run.max_minutes stops a run that still has steps left, with the cosine annealed by
    the clock, and the time spent is kept in the checkpoint for a resumed run."""
    lrs: list[float] = []
    etas: list[float] = []
    fractions: list[float | None] = []

    def watch(ev: object) -> None:
        if isinstance(ev, StepLogged):
            lrs.append(ev.lr)
        elif isinstance(ev, Progress) and ev.detail == "train":
            fractions.append(ev.fraction)
            if ev.eta_s is not None:
                etas.append(ev.eta_s)

    cfg = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "t", run__steps=10**6, run__max_minutes=0.02, run__log_every=1,
        run__val_every=0, optim__schedule="cosine", optim__lr=0.01))
    res = train(cfg, progress=watch)
    assert 2 < res.steps < 10**6 and res.final_weights.is_file()
    assert etas and max(etas) <= 1.2  # the time left, not 10**6 steps' worth
    # how far along, by the clock (the GUI's bar): rising to the end of the box
    assert None not in fractions and fractions == sorted(fractions) and fractions[-1] > 0.95
    assert lrs[0] > 0.009 and lrs[-1] < 0.001  # cosine ran down with the clock
    ck = load_checkpoint(res.checkpoint)
    assert 1.2 <= ck["train_seconds"] < 5
    again = train(cfg, resume=True)  # the budget is already spent: one step, then stop
    assert again.steps == res.steps + 1


def test_perceptual_and_adversarial_terms_run(tmp_path, data_dirs):
    cfg = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "gan", run__steps=2, run__log_every=1, data__val_dir="null",
        loss__perceptual=0.1, loss__perceptual_layer="relu1_2", loss__vgg_weights="random",
        loss__adversarial=0.01, loss__discriminator_config="{num_feats = 4}"))
    events: list = []
    train(cfg, progress=events.append)
    terms = [e.loss_terms for e in events if isinstance(e, StepLogged)][-1]
    assert {"l1", "perceptual", "adversarial", "discriminator"} <= set(terms)
    ck = load_checkpoint(tmp_path / "gan" / "last.pt")
    assert ck["adversarial"]["net"]


def test_unet_gan_with_substitute_terms_selects_by_niqe(tmp_path, data_dirs):
    """The GAN stage a photo recipe runs: U-Net discriminator, feature matching and the
    frequency and gradient terms all reach the loss; with val_select = 'niqe' every
    validation scores NIQE, and best.safetensors is the lowest NIQE above the PSNR floor."""
    from tests.trainer.conftest import synth_image, write_png
    val = tmp_path / "val_niqe"  # NIQE needs at least 96x192 pixels
    for i in range(2):
        write_png(val / "HR" / f"v{i}.png", synth_image(104, 200, seed=200 + i))
    cfg = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "gan", data__val_dir=str(val), run__steps=6, run__log_every=1,
        run__val_every=2,
        loss__adversarial=0.01, loss__discriminator="unet_discriminator",
        loss__discriminator_config="{num_feats = 4}", loss__feature_match=0.1,
        loss__frequency=0.05, loss__gradient=0.05, data__val_select="niqe"))
    events: list = []
    res = train(cfg, progress=events.append)
    terms = [e.loss_terms for e in events if isinstance(e, StepLogged)][-1]
    assert {"l1", "frequency", "gradient", "adversarial", "feature_match",
            "discriminator"} <= set(terms)
    vals = [r for r in RunLog(tmp_path / "gan" / "log.jsonl").read() if r["kind"] == "val"]
    niqes = [v["niqe"] for v in vals]
    assert len(niqes) == 3 and all(np.isfinite(n) for n in niqes)
    assert res.best_step == 2 * (1 + int(np.argmin(niqes)))
    assert read_metadata(res.best_weights)["steps"] == res.best_step

    # a floor no validation reaches: nothing is exported as best
    floor = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "floor", run__steps=2, run__val_every=2, data__val_dir=str(val),
        data__val_select="niqe", data__val_min_psnr_y=99.0))
    assert train(floor).best_weights is None


def test_feature_matching_needs_the_adversarial_term(tmp_path, data_dirs):
    with pytest.raises(ConfigError, match="loss.feature_match: .* needs loss.adversarial"):
        train(load_config(None, tiny_overrides(data_dirs, tmp_path / "r",
                                               loss__feature_match=0.1)))


def _cli(args: list[str], env_extra: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != EXIT_AFTER_STEP_ENV}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "trainer", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_killed_subprocess_resumes_bit_identical(tmp_path, data_dirs):
    """A run that dies after step 8 (last checkpoint at 6) and is resumed with --resume ends
    with exactly the weights of an uninterrupted run."""
    extra = {"optim.ema": 0.9, "run.steps": 10, "run.ckpt_every": 3, "run.val_every": 4,
             "run.log_every": 2}
    recipe = tmp_path / "r.toml"
    recipe.write_text("[optim]\nschedule = 'cosine'\nwarmup_steps = 2\n")
    sets = tiny_overrides(data_dirs, tmp_path / "killed", **extra)
    args = [str(recipe)] + [a for s in sets for a in ("--set", s)]

    died = _cli(args, {EXIT_AFTER_STEP_ENV: "8"})
    assert died.returncode == 75, died.stderr
    assert load_checkpoint(tmp_path / "killed" / "last.pt")["step"] == 6
    resumed = _cli(args + ["--resume"])
    assert resumed.returncode == 0, resumed.stderr
    assert "done: 10 steps" in resumed.stdout
    steps = [r["step"] for r in RunLog(tmp_path / "killed" / "log.jsonl").read()
             if r["kind"] == "step"]
    assert steps == [2, 4, 6, 8, 10]  # the killed run's step 8 line was replaced

    ref = train(load_config(recipe, tiny_overrides(data_dirs, tmp_path / "ref", **extra)))
    _same_state(load_checkpoint(ref.checkpoint),
                load_checkpoint(tmp_path / "killed" / "last.pt"))


def test_compile_wraps_the_training_forward_only(tmp_path, data_dirs, monkeypatch):
    """run.compile routes the training step through torch.compile's wrapper, which shares
    the module's parameters: the run matches an uncompiled one exactly (here the 'compiler'
    records its calls and returns the module unchanged, as compiling costs minutes on CI)."""
    calls: list[tuple[str | None, int]] = []
    recorders: list[list] = []

    def fake_compile(model, mode=None):
        calls.append((mode, id(model)))
        forwards = []

        class Recorder(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.inner = model

            def forward(self, x):
                forwards.append(x.shape)
                return self.inner(x)

        rec = Recorder()
        recorders.append(forwards)
        return rec

    monkeypatch.setattr(torch, "compile", fake_compile)
    extra = {"run.steps": 4, "data.val_dir": "null", "run.ckpt_every": 0}
    plain = train(load_config(None, tiny_overrides(data_dirs, tmp_path / "p", **extra)))
    assert calls == []
    comp = train(load_config(None, tiny_overrides(data_dirs, tmp_path / "c",
                                                  run__compile="reduce-overhead", **extra)))
    assert [m for m, _ in calls] == ["reduce-overhead"]
    assert len(recorders[0]) == 4   # every training step went through the wrapper
    _same_state(load_checkpoint(plain.checkpoint), load_checkpoint(comp.checkpoint))
    with pytest.raises(ConfigError, match="run.compile: expected one of off, default"):
        train(load_config(None, tiny_overrides(data_dirs, tmp_path / "x", run__compile="fast")))


def test_compile_is_skipped_with_a_warning_when_frozen(tmp_path, data_dirs, monkeypatch):
    """In the packaged app torch.compile cannot build kernels: the run trains uncompiled
    and says so, instead of failing at its first step."""
    def no_compile(model, mode=None):
        raise AssertionError("torch.compile called in a frozen app")

    monkeypatch.setattr(torch, "compile", no_compile)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    events: list = []
    extra = {"run.steps": 2, "data.val_dir": "null", "run.ckpt_every": 0}
    result = train(load_config(None, tiny_overrides(data_dirs, tmp_path / "f",
                                                    run__compile="default", **extra)),
                   progress=events.append)
    assert load_checkpoint(result.checkpoint)["step"] == 2
    assert [e.message for e in events if isinstance(e, Warning_)
            if "run.compile" in e.message] == [FROZEN_COMPILE_WARNING]


def test_fine_tune_from_weights(tmp_path, data_dirs):
    base = train(load_config(None, tiny_overrides(data_dirs, tmp_path / "a", run__steps=3,
                                                  data__val_dir="null")))
    src = LoadedModel.from_file(base.final_weights).module.state_dict()
    cfg = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "b", run__steps=1, data__val_dir="null", optim__lr=1e-12,
        model__init_from=str(base.final_weights)))
    tuned = load_checkpoint(train(cfg).checkpoint)["model"]
    for k, v in src.items():
        assert torch.allclose(tuned[k], v, atol=1e-9), k
    # no model.config in the fine-tuning recipe: the weight file's own config is used
    events0: list = []
    cfg2 = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "b2", run__steps=1, data__val_dir="null", optim__lr=1e-12,
        model__config="{}", model__init_from=str(base.final_weights)))
    tuned2 = load_checkpoint(train(cfg2, progress=events0.append).checkpoint)["model"]
    assert not any("did not match" in getattr(e, "message", "") for e in events0)
    for k, v in src.items():
        assert torch.allclose(tuned2[k], v, atol=1e-9), k
    # another scale: the body is reused, the tail starts fresh (with a warning)
    events: list = []
    cfg3 = load_config(None, tiny_overrides(
        data_dirs, tmp_path / "c", run__steps=1, data__val_dir="null", model__scale=3,
        data__patch_size=30, model__init_from=str(base.final_weights)))
    train(cfg3, progress=events.append)
    assert any("did not match" in getattr(e, "message", "") for e in events)


def test_unknown_network_option_is_a_config_error(tmp_path, data_dirs):
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "x",
                                           model__config="{d = 8, depth = 3}"))
    with pytest.raises(ConfigError, match="model.config: fsrcnn_ps does not accept it"):
        train(cfg)


def test_ctrl_c_checkpoints_and_exits_130(tmp_path, data_dirs):
    sets = tiny_overrides(data_dirs, tmp_path / "int", run__steps=100000, run__log_every=1,
                          data__val_dir="null")
    env = {k: v for k, v in os.environ.items() if k != EXIT_AFTER_STEP_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "trainer", os.devnull,
                             *[a for s in sets for a in ("--set", s)]], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("step") and "3/" in line:
                proc.send_signal(signal.SIGINT)
                break
        code = proc.wait(timeout=60)
    finally:
        proc.kill()
    err = proc.stderr.read()
    assert code == 130, err
    assert "continue with --resume" in err
    assert load_checkpoint(tmp_path / "int" / "last.pt")["step"] >= 3


def test_export_onnx_writes_runnable_files_beside_the_weights(tmp_path, data_dirs):
    """``model.export_onnx``: best.onnx and final.onnx that ONNX Runtime runs as the
    weights do (the re-parameterised mapping is folded first: the exporter cannot trace
    a kernel computed from other weights)."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from engine.inference import TorchUpscaler
    from engine.inference.onnx_upscaler import OnnxUpscaler
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "run", model__export_onnx="true",
                                           model__config="{d = 8, s = 4, m = 1, reparam = 2}",
                                           run__steps=20, run__val_every=20))
    res = train(cfg)
    tiles = np.random.default_rng(0).random((1, 20, 17, 3), dtype=np.float32)
    for weights in (res.best_weights, res.final_weights):
        onnx_file = weights.with_suffix(".onnx")
        assert onnx_file.is_file()
        a = OnnxUpscaler(onnx_file, "cpu")(tiles)
        b = TorchUpscaler(LoadedModel.from_file(weights), "cpu", "fp32")(tiles)
        assert np.abs(a - b).max() <= 1e-4
