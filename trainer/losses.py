"""Weighted training losses: pixel terms, VGG19 perceptual and its substitutes, adversarial.

The perceptual loss never downloads anything: it uses torchvision's VGG19 weights only if
they are already in the torch hub cache (or a file the config names); ``'random'`` weights
exist for tests.  The adversarial term owns its discriminator and that network's optimiser,
so the loop only calls :meth:`Adversarial.generator_loss` and :meth:`Adversarial.step`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.color import torch_rgb_to_ycbcr
from engine.errors import ConfigError
from trainer.config import LossConfig

VGG19_FILE = "vgg19-dcbb9e9d.pth"  # torchvision's file name for IMAGENET1K_V1
_VGG19_BLOCKS = (2, 2, 4, 4, 4)  # convolutions per block
_VGG19_WIDTHS = (64, 128, 256, 512, 512)
_IMAGENET_MEAN = (0.485, 0.456, 0.406)
_IMAGENET_STD = (0.229, 0.224, 0.225)


def vgg19_layers() -> dict[str, int]:
    """'conv3_4' / 'relu3_4' / 'pool3' -> index in torchvision's ``vgg19().features``."""
    names, i = {}, 0
    for b, n in enumerate(_VGG19_BLOCKS, 1):
        for c in range(1, n + 1):
            names[f"conv{b}_{c}"], names[f"relu{b}_{c}"] = i, i + 1
            i += 2
        names[f"pool{b}"] = i
        i += 1
    return names


def vgg19_weights_path(setting: str) -> Path | None:
    """The state-dict file to use, or None for random weights; ConfigError if missing."""
    if setting == "random":
        return None
    if setting != "auto":
        p = Path(setting)
        if not p.is_file():
            raise ConfigError(f"loss.vgg_weights: file not found: {setting}")
        return p
    cached = Path(torch.hub.get_dir()) / "checkpoints" / VGG19_FILE
    if not cached.is_file():
        raise ConfigError(f"loss.perceptual needs VGG19 weights; they are not downloaded "
                          f"automatically: put torchvision's {VGG19_FILE} in "
                          f"{cached.parent} or set loss.vgg_weights to its path")
    return cached


def check_perceptual_config(cfg: LossConfig) -> None:
    if cfg.perceptual_layer not in vgg19_layers():
        raise ConfigError(f"loss.perceptual_layer: unknown VGG19 layer "
                          f"'{cfg.perceptual_layer}' (e.g. conv5_4, relu2_2)")
    vgg19_weights_path(cfg.vgg_weights)


def vgg19_features(upto: int, weights: Path | None) -> nn.Sequential:
    """torchvision's ``vgg19().features[:upto + 1]`` without building (or initialising) the
    120M-parameter classifier; ``weights`` is a torchvision VGG19 state dict."""
    layers: list[nn.Module] = []
    c = 3
    for n, width in zip(_VGG19_BLOCKS, _VGG19_WIDTHS, strict=True):
        for _ in range(n):
            layers += [nn.Conv2d(c, width, 3, padding=1), nn.ReLU()]
            c = width
        layers.append(nn.MaxPool2d(2, 2))
    features = nn.Sequential(*layers[: upto + 1])
    if weights is not None:
        state = torch.load(weights, map_location="cpu", weights_only=True)
        own = features.state_dict()
        picked = {k: state[f"features.{k}"] for k in own if f"features.{k}" in state}
        if len(picked) != len(own):
            raise ConfigError(f"loss.vgg_weights: {weights.name} is not a VGG19 state dict")
        features.load_state_dict(picked)
    return features


class PerceptualLoss(nn.Module):
    """L1 between frozen VGG19 feature maps of SR and HR (Y input is repeated to RGB)."""

    def __init__(self, layer: str, weights: Path | None) -> None:
        super().__init__()
        self.features = vgg19_features(vgg19_layers()[layer], weights).eval()
        for p in self.features.parameters():
            p.requires_grad_(False)
        self.register_buffer("mean", torch.tensor(_IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(_IMAGENET_STD).view(1, 3, 1, 1))

    def _feats(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[1] == 1:
            x = x.expand(-1, 3, -1, -1)
        return self.features((x - self.mean) / self.std)

    def forward(self, sr: torch.Tensor, hr: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            target = self._feats(hr)
        return F.l1_loss(self._feats(sr), target)


def luma(x: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> (N, 1, H, W): the evaluation's Y for RGB, the image itself for gray."""
    if x.shape[1] != 3:
        return x
    return torch_rgb_to_ycbcr(x)[:, :1]


def frequency_loss(sr: torch.Tensor, hr: torch.Tensor) -> torch.Tensor:
    """L1 between the luma's FFT amplitude spectra (orthonormal, so patch-size neutral).

    A pixel loss averages plausible textures into blur; comparing amplitudes rewards
    putting energy at the right frequencies whatever its phase, which is the part of a
    perceptual loss that needs no pretrained network."""
    a = torch.fft.rfft2(luma(sr), norm="ortho").abs()
    b = torch.fft.rfft2(luma(hr), norm="ortho").abs()
    return F.l1_loss(a, b)


def gradient_loss(sr: torch.Tensor, hr: torch.Tensor) -> torch.Tensor:
    """L1 between horizontal and vertical finite differences: edges as sharp as HR's."""
    def grads(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return x[..., :, 1:] - x[..., :, :-1], x[..., 1:, :] - x[..., :-1, :]
    (sx, sy), (hx, hy) = grads(sr), grads(hr)
    return F.l1_loss(sx, hx) + F.l1_loss(sy, hy)


class PixelAndPerceptualLoss(nn.Module):
    """Sum of the weighted terms; returns (total, {term: value}) for logging."""

    def __init__(self, cfg: LossConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.perceptual = (PerceptualLoss(cfg.perceptual_layer, vgg19_weights_path(
            cfg.vgg_weights)) if cfg.perceptual > 0 else None)

    def forward(self, sr: torch.Tensor, hr: torch.Tensor
                ) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        c = self.cfg
        terms: dict[str, torch.Tensor] = {}
        if c.l1 > 0:
            terms["l1"] = F.l1_loss(sr, hr)
        if c.mse > 0:
            terms["mse"] = F.mse_loss(sr, hr)
        if c.mse_y > 0:
            terms["mse_y"] = F.mse_loss(luma(sr), luma(hr))
        if c.charbonnier > 0:
            terms["charbonnier"] = torch.sqrt((sr - hr) ** 2 + c.charbonnier_eps ** 2).mean()
        if self.perceptual is not None:
            terms["perceptual"] = self.perceptual(sr, hr)
        if c.frequency > 0:
            terms["frequency"] = frequency_loss(sr, hr)
        if c.gradient > 0:
            terms["gradient"] = gradient_loss(sr, hr)
        total = sum(getattr(c, k) * v for k, v in terms.items())
        return total, terms  # type: ignore[return-value]


class Adversarial:
    """GAN term: a registry discriminator (SRGAN's, or the per-pixel U-Net) trained with
    BCE on HR vs SR; optionally feature matching on its activations."""

    def __init__(self, cfg: LossConfig, num_channels: int, device: torch.device) -> None:
        from engine.archs.registry import build
        dcfg = {**cfg.discriminator_config, "num_channels": num_channels}
        self.net = build(cfg.discriminator, 1, **dcfg).to(device).train()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.discriminator_lr,
                                    betas=(0.9, 0.999))
        self.weight = cfg.adversarial
        self.feature_match = cfg.feature_match

    def generator_terms(self, sr: torch.Tensor, hr: torch.Tensor) -> dict[str, torch.Tensor]:
        """How far SR is from fooling the discriminator, and (with ``feature_match``) how
        far its activations are from HR's; the discriminator's weights get no gradient."""
        self.net.requires_grad_(False)
        try:
            if self.feature_match > 0:
                logits, fake = self.net.features(sr)
                with torch.no_grad():
                    _, real = self.net.features(hr)
                fm = sum(F.l1_loss(a, b) for a, b in zip(fake, real, strict=True)) / len(fake)
            else:
                logits, fm = self.net(sr), None
        finally:
            self.net.requires_grad_(True)
        terms = {"adversarial": F.binary_cross_entropy_with_logits(
            logits, torch.ones_like(logits))}
        if fm is not None:
            terms["feature_match"] = fm  # type: ignore[assignment]
        return terms

    def generator_loss(self, sr: torch.Tensor, hr: torch.Tensor
                       ) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """The weighted sum of :meth:`generator_terms` and the terms themselves."""
        terms = self.generator_terms(sr, hr)
        total = self.weight * terms["adversarial"]
        if "feature_match" in terms:
            total = total + self.feature_match * terms["feature_match"]
        return total, terms

    def step(self, sr: torch.Tensor, hr: torch.Tensor) -> torch.Tensor:
        """One discriminator update on a detached SR batch; returns its loss."""
        real, fake = self.net(hr), self.net(sr.detach())
        loss = (F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
                + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake)))
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        return loss.detach()

    def state_dict(self) -> dict[str, Any]:
        return {"net": self.net.state_dict(), "opt": self.opt.state_dict()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.net.load_state_dict(state["net"])
        self.opt.load_state_dict(state["opt"])
