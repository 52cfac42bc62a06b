"""Compose a span_fast network from a trained SPAN and a trained fsrcnn_ps of one scale.

The two trained networks become the two parts of :mod:`engine.archs.span_fast` unchanged,
and the blend weight ``mix`` is fitted in closed form (least squares on the luma) on
training images, so the composed network starts where both parts stopped instead of from
scratch; ``model.init_from`` = the written file then trains the whole.

    python -m trainer.compose SPAN.safetensors FAST.safetensors DEST.safetensors \
        --fit-dir ../shared/data/train/T91
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
from engine.evaluation import make_lr
from engine.io import iter_image_files, read_image
from engine.models.descriptor import LoadedModel
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


@torch.no_grad()
def fit_mix(net: SpanFast, hr_paths: list[Path], scale: int) -> float:
    """The least-squares blend weight of SPAN's luma over the fast luma on ``hr_paths``
    (LR made with the MATLAB bicubic, as the training data is)."""
    num = den = 0.0
    for path in hr_paths:
        pixels = read_image(path).pixels
        if pixels.ndim == 2:
            pixels = np.repeat(pixels[..., None], 3, axis=-1)
        if pixels.dtype != np.uint8 or pixels.shape[-1] != 3:
            continue
        lr, hr = make_lr(pixels, scale)
        x = torch.from_numpy(lr).permute(2, 0, 1)[None].float() / 255.0
        target = torch_rgb_to_ycbcr(torch.from_numpy(hr).permute(2, 0, 1)[None].float() / 255.0)
        y_span = torch_rgb_to_ycbcr(net.span(x))[:, :1]
        y_fast = net.fast(torch_rgb_to_ycbcr(x)[:, :1])
        b = scale   # the evaluation's shaved border
        d = (y_span - y_fast)[..., b:-b, b:-b]
        r = (target[:, :1] - y_fast)[..., b:-b, b:-b]
        num += float((d * r).sum())
        den += float((d * d).sum())
    if den == 0.0:
        raise ValueError("fit_mix: no usable RGB images")
    return num / den


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("span", help="a trained span weight file")
    ap.add_argument("fast", help="a trained fsrcnn_ps (Y) weight file of the same scale")
    ap.add_argument("dest")
    ap.add_argument("--mix", type=float, default=None,
                    help="SPAN's luma weight (default: fitted on --fit-dir)")
    ap.add_argument("--fit-dir", action="append", default=[],
                    help="training HR images to fit the blend weight on (repeatable)")
    ap.add_argument("--fit-limit", type=int, default=40, help="images used to fit (first N)")
    ap.add_argument("--name", default=None)
    args = ap.parse_args(argv)
    if args.mix is None and not args.fit_dir:
        ap.error("give --mix or --fit-dir")
    scale = int(LoadedModel.from_file(args.span).scale)
    net, config = compose(args.span, args.fast, scale,
                          mix=args.mix if args.mix is not None else 0.5)
    if args.mix is None:
        paths = sorted(iter_image_files([Path(d) for d in args.fit_dir], recursive=True))
        mix = fit_mix(net, paths[: args.fit_limit], scale)
        with torch.no_grad():
            net.mix.fill_(mix)
        print(f"fitted mix = {mix:.4f} on {min(len(paths), args.fit_limit)} images")
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
