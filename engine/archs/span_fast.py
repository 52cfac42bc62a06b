"""span_fast: SR Studio's quality network, SPAN and the fast network side by side.

Two networks see the same LR image: SPAN (:mod:`engine.archs.span`, RGB, ~0.41M
parameters) and fsrcnn_ps (:mod:`engine.archs.fsrcnn_ps`, Y only, ~48K).  The output luma
is a learned blend ``Y = Y_fast + mix * (Y_span - Y_fast)``; the chroma is SPAN's (the fast
network has none of its own).  Luma is BT.601 (:mod:`engine.color`), the channel the
evaluation scores.

Why two networks: the two make different errors, so their blend is sharper than either
alone (on Set5 x2, 37.51 dB against 37.41 and 37.10 for the networks as trained), and a
blend built from trained parts starts at least as good as the fast model, which a bigger
network trained from scratch on our compute did not reach.  Training the whole network
(``python -m trainer.compose`` writes the starting file) then lets the two parts learn to
complement each other.

The re-parameterisation of both parts carries over: ``deploy`` (SPAN) and
``fast_reparam`` (fsrcnn_ps) select the training or the folded form, and :meth:`fuse`
folds the training form into the deployed one.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from engine.archs._common import check_channels, scales_in
from engine.archs.fsrcnn_ps import FSRCNNPS
from engine.archs.registry import ArchSpec, get_arch, register
from engine.archs.span import SPAN
from engine.color import torch_rgb_to_ycbcr, torch_ycbcr_to_rgb

SCALES = (2, 3, 4)


class SpanFast(nn.Module):
    def __init__(self, scale: int, num_channels: int = 3, num_feats: int = 48,
                 num_blocks: int = 6, gain: int = 2, deploy: bool = False,
                 fast_d: int = 56, fast_s: int = 24, fast_m: int = 8,
                 fast_reparam: int = 0) -> None:
        super().__init__()
        check_channels("span_fast", num_channels)
        if num_channels != 3:
            raise ValueError("span_fast: an RGB network (num_channels = 3)")
        self.span = SPAN(scale, 3, num_feats, num_blocks, bicubic_skip=False, gain=gain,
                         deploy=deploy)
        self.fast = FSRCNNPS(scale, 1, fast_d, fast_s, fast_m, reparam=fast_reparam)
        self.scale = self.span.scale
        # weight of SPAN's luma; trained with the rest (python -m trainer.compose sets it)
        self.mix = nn.Parameter(torch.full((1,), 0.5))

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        rich = torch_rgb_to_ycbcr(self.span(lr))
        y_fast = self.fast(torch_rgb_to_ycbcr(lr)[:, :1])
        y = y_fast + self.mix.view(1, 1, 1, 1) * (rich[:, :1] - y_fast)
        return torch_ycbcr_to_rgb(torch.cat([y, rich[:, 1:]], dim=1))

    @torch.no_grad()
    def fuse(self) -> SpanFast:
        """Fold both parts into their plain forms (for export); returns ``self``, whose
        state dict then matches ``build('span_fast', s, deploy=True, fast_reparam=0)``."""
        self.span.fuse()
        self.fast.fuse()
        return self


def part_configs(cfg: dict) -> tuple[dict, dict]:
    """(SPAN config, fsrcnn_ps config) of a span_fast config (defaults filled in)."""
    full = {**SPEC.default_config, **cfg}
    span = {"num_feats": full["num_feats"], "num_blocks": full["num_blocks"],
            "gain": full["gain"], "deploy": full["deploy"]}
    fast = {"d": full["fast_d"], "s": full["fast_s"], "m": full["fast_m"],
            "reparam": full["fast_reparam"]}
    return span, fast


def _context(cfg: dict) -> int:
    span, fast = part_configs(cfg)
    worst = 0
    for s in scales_in(cfg, SCALES):
        worst = max(worst, get_arch("span").context_for({**span, "scale": s}),
                    get_arch("fsrcnn_ps").context_for({**fast, "scale": s}))
    return worst


SPEC = register(ArchSpec(
    name="span_fast",
    builder=SpanFast,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "num_feats": 48, "num_blocks": 6, "gain": 2,
                    "deploy": False, "fast_d": 56, "fast_s": 24, "fast_m": 8,
                    "fast_reparam": 0},
    deploy_overrides={"deploy": True, "fast_reparam": 0},
    description="Quality default: SPAN (RGB, 48 feats, 6 blocks) beside the fast "
                "fsrcnn_ps (Y); the output luma is a learned blend of the two, the "
                "chroma SPAN's; ~0.46M params.",
    paper="SPAN: C. Wan et al., Swift Parameter-free Attention Network for Efficient "
          "Super-Resolution (CVPRW 2024); fsrcnn_ps after C. Dong et al., FSRCNN (ECCV "
          "2016); the blend is SR Studio's.",
))
