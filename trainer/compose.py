"""Compose a span_fast network from a trained SPAN and a trained fsrcnn_ps of one scale.

The two trained networks become the two parts of :mod:`engine.archs.span_fast` unchanged,
and the blend weight ``mix`` is fitted in closed form (least squares on the luma) on
held-out images (the quality recipes use the LIVE1 validation set, never a benchmark), so
the composed network starts where both parts stopped instead of from scratch;
``model.init_from`` = the written file then trains the whole.

    python -m trainer.compose SPAN.safetensors FAST.safetensors DEST.safetensors \
        --fit-dir ../shared/data/train/LIVE1_subset
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

from engine.archs import build
from engine.archs.span_fast import SpanFast
from engine.color import torch_rgb_to_ycbcr
from engine.evaluation import BenchmarkImage, load_benchmark
from engine.models.descriptor import LoadedModel
from engine.models.weights import read_metadata
from trainer.data import to_rgb8
from trainer.export import export_weights


def _plain(path: str | Path, arch: str, scale: int) -> LoadedModel:
    model = LoadedModel.from_file(path)
    if model.spec.name != arch or model.scale != scale:
        raise ValueError(f"{path}: expected an {arch} x{scale} model, got "
                         f"{model.spec.name} x{model.scale}")
    if hasattr(model.module, "fuse"):
        model.module.fuse()
    return model


def compose(span_path: str | Path, fast_path: str | Path, scale: int,
            mix: float = 0.5) -> tuple[SpanFast, dict]:
    """(network, config): a deployed-form span_fast whose parts are the two trained
    networks."""
    span, fast = _plain(span_path, "span", scale), _plain(fast_path, "fsrcnn_ps", scale)
    if int(fast.config["num_channels"]) != 1:
        raise ValueError(f"{fast_path}: the fast part must be a Y-only network")
    cfg = {"num_feats": span.config["num_feats"], "num_blocks": span.config["num_blocks"],
           "gain": span.config["gain"], "deploy": True, "fast_d": fast.config["d"],
           "fast_s": fast.config["s"], "fast_m": fast.config["m"], "fast_reparam": 0}
    net = build("span_fast", scale, **cfg)
    assert isinstance(net, SpanFast)
    net.span.load_state_dict(span.module.state_dict(), strict=True)
    net.fast.load_state_dict(fast.module.state_dict(), strict=True)
    with torch.no_grad():
        net.mix.fill_(float(mix))
    return net.eval(), {"num_channels": 3, **cfg}


def _rgb_tensor(pixels: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(to_rgb8(pixels)).permute(2, 0, 1)[None].float() / 255.0


@torch.no_grad()
def fit_mix(net: SpanFast, images: list[BenchmarkImage], scale: int) -> float:
    """The least-squares blend weight of SPAN's luma over the fast luma on ``images``
    (:func:`engine.evaluation.load_benchmark`: MATLAB-bicubic LR, as the training data),
    over the pixels the evaluation scores (border of ``scale`` shaved)."""
    num = den = 0.0
    b = scale
    for im in images:
        x = _rgb_tensor(im.lr)
        target = torch_rgb_to_ycbcr(_rgb_tensor(im.hr))[:, :1]
        y_span = torch_rgb_to_ycbcr(net.span(x))[:, :1]
        y_fast = net.fast(torch_rgb_to_ycbcr(x)[:, :1])
        d = (y_span - y_fast)[..., b:-b, b:-b]
        r = (target - y_fast)[..., b:-b, b:-b]
        num += float((d * r).sum())
        den += float((d * d).sum())
    if den == 0.0:
        raise ValueError("fit_mix: no images to fit on")
    return num / den


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("span", help="a trained span weight file")
    ap.add_argument("fast", help="a trained fsrcnn_ps (Y) weight file of the same scale")
    ap.add_argument("dest")
    ap.add_argument("--mix", type=float, default=None,
                    help="SPAN's luma weight (default: fitted on --fit-dir)")
    ap.add_argument("--fit-dir", action="append", default=[],
                    help="HR images (a folder, as srstudio eval reads it) to fit the blend "
                         "weight on; repeatable")
    ap.add_argument("--fit-limit", type=int, default=40, help="images used to fit (first N)")
    ap.add_argument("--name", default=None)
    args = ap.parse_args(argv)
    if args.mix is None and not args.fit_dir:
        ap.error("give --mix or --fit-dir")
    scale = int(read_metadata(args.span)["scale"])
    net, config = compose(args.span, args.fast, scale,
                          mix=args.mix if args.mix is not None else 0.5)
    if args.mix is None:
        images = [im for d in args.fit_dir for im in load_benchmark(d, scale)][: args.fit_limit]
        mix = fit_mix(net, images, scale)
        with torch.no_grad():
            net.mix.fill_(mix)
        print(f"fitted mix = {mix:.4f} on {len(images)} images")
    out = export_weights(net, args.dest, arch="span_fast", scale=scale, num_channels=3,
                         config=config, name=args.name or f"quality_x{scale}",
                         role="quality",
                         composed_from={"span": Path(args.span).name,
                                        "fast": Path(args.fast).name,
                                        "mix": round(float(net.mix.detach()), 4)})
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
