"""Grow a trained fsrcnn_ps deeper without changing what it computes (Net2Net-style).

Extra mapping layers start as the identity: a 3x3 convolution whose kernel is a centred
Dirac and a PReLU with slope 1, so the grown network gives the same output as the one it
came from, and fine-tuning (``model.init_from`` = the grown file) starts where the trained
network stopped instead of from scratch.  This spends spare parameter budget on a network
that has already converged, which is cheap where training from scratch is not (a CPU).

    python -m trainer.grow SRC.safetensors DEST.safetensors --extra-layers 2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch
import torch.nn as nn

from engine.archs import build
from engine.models.weights import load_weights
from trainer.export import export_weights


def _mapping_starts(body: nn.Sequential, s: int) -> list[int]:
    """Indices in ``body`` of the mapping convolutions (3x3, s -> s)."""
    return [i for i, mod in enumerate(body) if isinstance(mod, nn.Conv2d)
            and mod.kernel_size == (3, 3) and mod.in_channels == s and mod.out_channels == s]


def deepen_fsrcnn_ps(src: str | Path, dest: str | Path, extra_layers: int) -> Path:
    """Write ``dest``: ``src`` (an fsrcnn_ps weight file) with ``extra_layers`` identity
    mapping layers spread between its own; metadata (name, role...) carries over."""
    state, meta = load_weights(src)
    if meta.get("arch") != "fsrcnn_ps":
        raise ValueError(f"{src}: grow handles fsrcnn_ps, not {meta.get('arch')}")
    if extra_layers < 1:
        raise ValueError("extra_layers must be at least 1")
    config = dict(meta["config"])
    scale, s, m = int(meta["scale"]), int(config["s"]), int(config["m"])
    old = build("fsrcnn_ps", scale, **config)
    old.load_state_dict(state, strict=True)
    new_config = {**config, "m": m + extra_layers}
    new = build("fsrcnn_ps", scale, **new_config)
    # after which old mapping layer each new one goes: spread evenly over the mapping
    after = sorted(round((k + 1) * m / (extra_layers + 1)) for k in range(extra_layers))
    old_body, layers = list(old.body), []
    starts = _mapping_starts(old.body, s)
    for i, mod in enumerate(old_body):
        layers.append(mod)
        if isinstance(mod, nn.PReLU) and i - 1 in starts:
            done = starts.index(i - 1) + 1  # mapping layers so far
            for _ in range(after.count(done)):
                layers += [_identity_conv(s), _identity_prelu(s)]
    with torch.no_grad():
        new_body = list(new.body)
        assert len(new_body) == len(layers)
        for target, source in zip(new_body, layers):
            target.load_state_dict(source.state_dict())
        new.tail.load_state_dict(old.tail.state_dict())
    keep = {k: v for k, v in meta.items() if k not in ("config", "params", "created",
                                                        "metrics", "validation")}
    keep["grown_from"] = {"file": Path(src).name, "m": m, "steps": meta.get("steps")}
    return export_weights(new, dest, **{**keep, "config": new_config})


def _identity_conv(s: int) -> nn.Conv2d:
    c = nn.Conv2d(s, s, 3, padding=1)
    with torch.no_grad():
        c.weight.zero_()
        c.weight[torch.arange(s), torch.arange(s), 1, 1] = 1.0
        c.bias.zero_()
    return c


def _identity_prelu(s: int) -> nn.PReLU:
    p = nn.PReLU(s)
    with torch.no_grad():
        p.weight.fill_(1.0)
    return p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("dest")
    ap.add_argument("--extra-layers", type=int, default=2)
    args = ap.parse_args(argv)
    out = deepen_fsrcnn_ps(args.src, args.dest, args.extra_layers)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
