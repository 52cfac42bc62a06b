"""Network architectures: shapes, parameter counts against the papers, receptive radius
(``context``) validated by crop consistency and gradient footprints, SPAN re-param."""

from __future__ import annotations

import copy

import pytest
import torch

import engine.archs as archs
from engine.archs import build, count_params, get_arch, list_archs
from engine.errors import ConfigError, UnsupportedModelError

GENERATORS = ["btsrn", "drrn", "edsr", "espcn", "fsrcnn", "fsrcnn_ps", "lapsrn", "mdsr",
              "span", "span_fast", "srcnn", "srresnet", "vdsr"]

# small configs of the heavy networks: same code paths, few blocks / features
SMALL: dict[str, dict] = {
    "btsrn": {"num_feats": 8, "proj_feats": 4, "lr_blocks": 2, "hr_blocks": 2},
    "drrn": {"num_blocks": 2, "num_units": 2, "num_feats": 8},
    "edsr": {"num_blocks": 2, "num_feats": 16},
    "edsr_full": {"preset": "full", "num_blocks": 2, "num_feats": 16},   # res_scale 0.1 path
    "lapsrn": {"depth": 2, "num_feats": 16},
    "mdsr": {"num_blocks": 1, "num_feats": 8},
    "span": {"num_feats": 8, "num_blocks": 2},
    "span_skip": {"num_feats": 8, "num_blocks": 1, "bicubic_skip": True},
    "span_fast": {"num_feats": 8, "num_blocks": 1, "fast_d": 8, "fast_s": 4, "fast_m": 1},
    "srresnet": {"num_blocks": 2, "num_feats": 16},
    "vdsr": {"depth": 5, "num_feats": 16},
}
# networks whose first op is the bicubic pre-upscale: context = ceil(r/s) + 2 may exceed
# the exact footprint by one pixel (the MATLAB kernel's taps are asymmetric per phase)
BICUBIC_INPUT = {"srcnn", "vdsr", "drrn"}


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """Tiny tensors: intra-op threads cost more than they bring (and the CI has 2 cores)."""
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)


def _variants() -> list[tuple[str, str, dict]]:
    """(test id, arch name, config) -- one per generator plus extra code paths."""
    out = [(n, n, SMALL.get(n, {})) for n in GENERATORS]
    out += [
        ("edsr_full", "edsr", SMALL["edsr_full"]),
        ("span_skip", "span", SMALL["span_skip"]),
        ("srcnn_955", "srcnn", {"variant": "955"}),
        ("fsrcnn_rgb", "fsrcnn", {"num_channels": 3}),
        ("edsr_y", "edsr", {**SMALL["edsr"], "num_channels": 1}),
    ]
    return out


CASES = [pytest.param(name, s, cfg, id=f"{tid}-x{s}")
         for tid, name, cfg in _variants() for s in get_arch(name).scales]


def _channels(name: str, cfg: dict) -> int:
    spec = get_arch(name)
    return int({**spec.default_config, **cfg}["num_channels"])


def _model(name: str, scale: int, cfg: dict, seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return build(name, scale, **cfg).eval()


# --- registry ---------------------------------------------------------------------------
def test_every_architecture_registered() -> None:
    assert sorted(s.name for s in list_archs()) == sorted(GENERATORS)
    assert [s.name for s in list_archs("discriminator")] == ["srgan_discriminator",
                                                             "unet_discriminator"]
    for name in ("ArchSpec", "register", "get_arch", "build", "list_archs", "count_params"):
        assert hasattr(archs, name)


@pytest.mark.parametrize("name", GENERATORS)
def test_spec_metadata(name: str) -> None:
    spec = get_arch(name)
    assert spec.kind == "generator" and spec.scales
    assert spec.in_channels == spec.default_config["num_channels"]
    assert spec.in_channels == (1 if name in {"srcnn", "fsrcnn", "espcn", "vdsr", "drrn",
                                              "lapsrn", "fsrcnn_ps"} else 3)
    assert spec.description and spec.paper
    assert spec.multi_scale == (name == "mdsr")
    # context without a scale covers every scale; with one it is that scale's radius
    per_scale = [spec.context_for({"scale": s}) for s in spec.scales]
    assert spec.context_for() == max(per_scale) > 0


def test_unsupported_scale_and_bad_config() -> None:
    with pytest.raises(UnsupportedModelError):
        build("lapsrn", 3)
    with pytest.raises(UnsupportedModelError):
        build("edsr", 8)
    with pytest.raises(ConfigError):
        build("srcnn", 2, variant="977")
    with pytest.raises(ConfigError):
        build("edsr", 2, preset="huge")
    with pytest.raises(ConfigError):
        build("vdsr", 2, num_channels=2)


# --- shapes -----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "scale", "cfg"), CASES)
def test_output_shape_and_finite(name: str, scale: int, cfg: dict) -> None:
    c = _channels(name, cfg)
    model = _model(name, scale, cfg)
    with torch.no_grad():
        y = model(torch.rand(1, c, 13, 17))
    assert y.shape == (1, c, 13 * scale, 17 * scale)
    assert torch.isfinite(y).all()


@pytest.mark.parametrize("name", ["btsrn", "edsr", "lapsrn", "mdsr", "span", "srresnet",
                                  "vdsr"])
def test_heavy_default_config_runs(name: str) -> None:
    """The default (paper) configs of the networks the other tests run small, on tiny input."""
    spec = get_arch(name)
    model = _model(name, spec.scales[0], {})
    s = model.scale
    with torch.no_grad():
        y = model(torch.rand(2, spec.in_channels, 9, 11))
    assert y.shape == (2, spec.in_channels, 9 * s, 11 * s) and torch.isfinite(y).all()


def test_mdsr_serves_every_scale() -> None:
    model = _model("mdsr", 2, SMALL["mdsr"])
    x = torch.rand(1, 3, 8, 10)
    with torch.no_grad():
        assert model(x).shape == (1, 3, 16, 20)
        for s in (2, 3, 4):
            assert model(x, scale=s).shape == (1, 3, 8 * s, 10 * s)
        with pytest.raises(UnsupportedModelError):
            model(x, scale=8)


def test_lapsrn_pyramid_levels() -> None:
    model = _model("lapsrn", 8, SMALL["lapsrn"])
    x = torch.rand(1, 1, 6, 7)
    with torch.no_grad():
        levels = model.pyramid(x)
        assert [tuple(t.shape[-2:]) for t in levels] == [(12, 14), (24, 28), (48, 56)]
        assert torch.equal(levels[-1], model(x))


def test_discriminator_any_patch_size() -> None:
    torch.manual_seed(0)
    d = build("srgan_discriminator", 4).eval()        # the scale is not checked for it
    assert build("srgan_discriminator", 1) is not None
    with torch.no_grad():
        for size in (96, 64):
            out = d(torch.rand(2, 3, size, size))
            assert out.shape == (2, 1) and torch.isfinite(out).all()
    assert get_arch("srgan_discriminator").kind == "discriminator"


def test_unet_discriminator_scores_every_pixel() -> None:
    """One logit per HR pixel (odd sizes too), and the features the matching term uses."""
    torch.manual_seed(0)
    d = build("unet_discriminator", 1, num_feats=8).eval()
    with torch.no_grad():
        for h, w in ((64, 64), (40, 56), (33, 47)):
            logits, feats = d.features(torch.rand(2, 3, h, w))
            assert logits.shape == (2, 1, h, w) and torch.isfinite(logits).all()
            assert len(feats) == 6 and feats[-1].shape[-2:] == (h, w)
    assert torch.equal(d(torch.ones(1, 3, 32, 32)), d.features(torch.ones(1, 3, 32, 32))[0])
    # spectral norm on every convolution except the first and the head
    sn = [m for m in d.modules() if hasattr(m, "parametrizations") or hasattr(m, "weight_orig")]
    assert len(sn) == 8


def test_srgan_discriminator_features() -> None:
    d = build("srgan_discriminator", 1, num_feats=4).eval()
    with torch.no_grad():
        logits, feats = d.features(torch.rand(1, 3, 48, 48))
    assert logits.shape == (1, 1) and len(feats) == 4
    assert [f.shape[-1] for f in feats] == [24, 12, 6, 3]


# --- parameter counts ---------------------------------------------------------------------
def _params(name: str, scale: int, **cfg) -> int:
    return count_params(build(name, scale, **cfg))


@pytest.mark.parametrize(("name", "scale", "cfg", "paper"), [
    ("srcnn", 3, {}, 8_032),                         # 9-1-5, Y: 8,032 weights (+97 biases)
    ("srcnn", 3, {"variant": "955"}, 57_184),
    ("fsrcnn", 3, {}, 12_464),                       # FSRCNN(56,12,4) (+ biases, PReLU)
    ("vdsr", 2, {}, 665_000),
    ("drrn", 2, {}, 297_000),                        # B1U25
    ("edsr", 4, {}, 1_518_000),                      # baseline
    ("edsr", 4, {"preset": "full"}, 43_090_000),
    ("mdsr", 2, {"preset": "full"}, 8_000_000),
    ("srresnet", 4, {}, 1_550_000),
])
def test_params_match_papers(name: str, scale: int, cfg: dict, paper: int) -> None:
    n = _params(name, scale, **cfg)
    assert abs(n - paper) / paper < 0.03, n


def test_fast_default_is_small() -> None:
    for s in (2, 3, 4):
        assert _params("fsrcnn_ps", s) <= 50_000
        assert _params("fsrcnn_ps", s, num_channels=3) <= 50_000
    assert 20_000 <= _params("fsrcnn_ps", 4) <= 40_000


def test_span_params() -> None:
    for s in (2, 3, 4):
        deployed = _params("span", s, deploy=True)
        assert deployed <= 1_500_000
        torch.manual_seed(0)
        fused = build("span", s).fuse()
        assert count_params(fused) == deployed
    assert abs(_params("span", 4, deploy=True) - 426_000) < 1_000   # the paper's ~0.43M


def test_span_fast_params() -> None:
    """The quality network: SPAN's deployed parameters + fast_x2's 48,236 + the blend weight."""
    for s in (2, 3, 4):
        deployed = _params("span_fast", s, deploy=True)
        assert deployed == (_params("span", s, deploy=True)
                            + _params("fsrcnn_ps", s, d=56, s=24, m=8) + 1)
        assert deployed <= 1_500_000
    assert _params("fsrcnn_ps", 2, d=56, s=24, m=8) == 48_236


def test_span_fast_blends_the_luma_and_takes_spans_chroma() -> None:
    from engine.color import torch_rgb_to_ycbcr
    torch.manual_seed(0)
    model = build("span_fast", 2, **SMALL["span_fast"]).eval()
    x = torch.rand(1, 3, 10, 12)
    with torch.no_grad():
        span = torch_rgb_to_ycbcr(model.span(x))
        fast = model.fast(torch_rgb_to_ycbcr(x)[:, :1])
        for mix in (0.0, 0.3, 1.0):
            model.mix.fill_(mix)
            out = torch_rgb_to_ycbcr(model(x))
            assert torch.allclose(out[:, :1], fast + mix * (span[:, :1] - fast), atol=1e-5)
            assert torch.allclose(out[:, 1:], span[:, 1:], atol=1e-5)


def test_span_fast_training_form_folds_into_the_deployed_network() -> None:
    cfg = {**SMALL["span_fast"], "fast_m": 2}
    torch.manual_seed(0)
    model = build("span_fast", 3, **cfg, fast_reparam=2).eval()
    x = torch.rand(1, 3, 12, 15)
    with torch.no_grad():
        before = model(x)
        deployed = build("span_fast", 3, **cfg, deploy=True).eval()
        deployed.load_state_dict(copy.deepcopy(model).fuse().state_dict(), strict=True)
        assert (deployed(x) - before).abs().max() <= 1e-5


# --- SPAN re-parameterisation -------------------------------------------------------------
def _conv3xc_branches(c: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Conv3XC as the paper trains it: pad, 1x1 expand, 3x3, 1x1 reduce, plus a 1x1 skip."""
    return c.reduce(c.conv(c.expand(torch.nn.functional.pad(x, (1, 1, 1, 1))))) + c.sk(x)


def test_conv3xc_trains_its_folded_kernel_with_the_branches_gradients() -> None:
    """Training through the folded kernel is the same function of the same parameters,
    so outputs and every parameter's gradient match the expanded branch."""
    from engine.archs.span import Conv3XC
    torch.manual_seed(0)
    c = Conv3XC(4, 6, gain=2).train()
    x = torch.rand(2, 4, 9, 11, dtype=torch.float64)
    c = c.double()
    grads = []
    for fn in (c, lambda t: _conv3xc_branches(c, t)):
        c.zero_grad()
        out = fn(x)
        (out * torch.linspace(-1, 1, out.numel(), dtype=x.dtype).view_as(out)).sum().backward()
        grads.append((out.detach(), {n: p.grad.clone() for n, p in c.named_parameters()}))
    (out_a, g_a), (out_b, g_b) = grads
    assert torch.allclose(out_a, out_b, atol=1e-12)
    assert g_a.keys() == g_b.keys() and len(g_a) == 8
    for n in g_a:
        assert torch.allclose(g_a[n], g_b[n], atol=1e-10), n


@pytest.mark.parametrize("cfg", [{}, {"bicubic_skip": True, "num_blocks": 2}])
def test_span_fused_equals_unfused(cfg: dict) -> None:
    torch.manual_seed(0)
    model = build("span", 3, **cfg)
    x = torch.rand(1, 3, 12, 15)
    with torch.no_grad():
        model.eval()                       # folded kernels on the fly
        folded = model(x)
        # the same network through the paper's expanded branches
        from engine.archs.span import Conv3XC
        patched = copy.deepcopy(model)
        for m in patched.modules():
            if isinstance(m, Conv3XC):
                m.forward = (lambda mod: lambda t: _conv3xc_branches(mod, t))(m)
        ref = patched(x)
        fused = copy.deepcopy(model).fuse()
        assert not any(isinstance(m, torch.nn.Conv2d) and m.kernel_size == (1, 1)
                       for m in fused.conv_1.modules())
        out = fused(x)
        deployed = build("span", 3, deploy=True, **cfg).eval()
        deployed.load_state_dict(fused.state_dict(), strict=True)
        out_dep = deployed(x)
    assert (ref - folded).abs().max() <= 1e-5
    assert (ref - out).abs().max() <= 1e-5
    assert torch.equal(out, out_dep)


# --- gradients ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", GENERATORS)
def test_gradient_flows(name: str) -> None:
    spec = get_arch(name)
    cfg = SMALL.get(name, {})
    torch.manual_seed(0)
    model = build(name, spec.scales[0], **cfg).train()
    c = _channels(name, cfg)
    x = torch.rand(2, c, 10, 12)
    loss = (model(x) - torch.rand(2, c, 10 * spec.scales[0], 12 * spec.scales[0])).abs().mean()
    loss.backward()
    # MDSR: only the branches of the scale that ran take part
    unused = tuple(f"{branch}.{i}." for branch in ("pre_process", "upsample")
                   for i in (1, 2)) if spec.multi_scale else ()
    grads = [p.grad for k, p in model.named_parameters() if not k.startswith(unused)]
    assert grads and all(g is not None and torch.isfinite(g).all() for g in grads)
    assert sum(float(g.abs().sum()) for g in grads) > 0


# --- receptive radius ---------------------------------------------------------------------
@pytest.mark.parametrize(("name", "scale", "cfg"), CASES)
def test_crop_consistency_validates_context(name: str, scale: int, cfg: dict) -> None:
    """A tile carrying ``context`` LR pixels each side reproduces the whole-image output."""
    spec = get_arch(name)
    ctx = spec.context_for({**cfg, "scale": scale})
    assert ctx < 15
    n = max(40, 4 * ctx + 8)
    c = _channels(name, cfg)
    model = _model(name, scale, cfg)
    torch.manual_seed(1)
    x = torch.rand(1, c, n, n)
    with torch.no_grad():
        full = model(x)
        crop = model(x[..., ctx:n - ctx, ctx:n - ctx])
    s, m = scale, n - 2 * ctx          # crop covers full rows [ctx, n-ctx)
    a = full[..., 2 * ctx * s:(n - 2 * ctx) * s, 2 * ctx * s:(n - 2 * ctx) * s]
    b = crop[..., ctx * s:(m - ctx) * s, ctx * s:(m - ctx) * s]
    assert a.shape == b.shape and a.numel() > 0
    assert (a - b).abs().max() <= 1e-4


def _footprint(model: torch.nn.Module, c: int, scale: int, n: int) -> int:
    """Largest LR distance any output pixel of LR pixel (q, q) depends on (via gradients)."""
    x = torch.rand(1, c, n, n, requires_grad=True)
    q = n // 2
    model(x)[..., q * scale:(q + 1) * scale, q * scale:(q + 1) * scale].sum().backward()
    g = x.grad[0].abs().sum(0)
    rows = torch.nonzero(g.sum(1)).flatten()
    cols = torch.nonzero(g.sum(0)).flatten()
    return int(max(q - rows.min(), rows.max() - q, q - cols.min(), cols.max() - q))


@pytest.mark.parametrize(("name", "scale", "cfg"), [
    c for c in CASES if c.id.split("-")[0] in (*GENERATORS, "span_skip", "srcnn_955")])
def test_context_is_tight(name: str, scale: int, cfg: dict) -> None:
    """``context`` is the exact receptive radius (+1 at most for a bicubic pre-upscale)."""
    ctx = get_arch(name).context_for({**cfg, "scale": scale})
    torch.manual_seed(2)
    measured = _footprint(_model(name, scale, cfg), _channels(name, cfg), scale, 2 * ctx + 3)
    slack = 1 if name in BICUBIC_INPUT else 0
    assert measured <= ctx <= measured + slack


@pytest.mark.parametrize(("name", "key", "values"), [
    ("vdsr", "depth", (5, 10, 20, 30)),
    ("drrn", "num_units", (1, 9, 25)),
    ("drrn", "num_blocks", (1, 2, 3)),
    ("fsrcnn", "m", (1, 4, 8)),
    ("fsrcnn_ps", "m", (2, 6, 10)),
    ("lapsrn", "depth", (2, 5, 10)),
    ("edsr", "num_blocks", (4, 16, 32)),
    ("mdsr", "num_blocks", (4, 16, 80)),
    ("srresnet", "num_blocks", (4, 16)),
    ("btsrn", "lr_blocks", (2, 6, 10)),
    ("span", "num_blocks", (2, 6, 8)),
    ("span_fast", "num_blocks", (1, 6, 8)),
])
def test_context_grows_with_depth(name: str, key: str, values: tuple[int, ...]) -> None:
    spec = get_arch(name)
    ctxs = [spec.context_for({key: v}) for v in values]
    assert ctxs == sorted(set(ctxs)), ctxs


def test_default_contexts() -> None:
    expected = {"srcnn": 5, "fsrcnn": 8, "espcn": 4, "fsrcnn_ps": 9, "vdsr": 12, "drrn": 28,
                "lapsrn": 20, "edsr": 36, "mdsr": 44, "srresnet": 40, "btsrn": 10, "span": 21,
                "span_fast": 21}
    assert {n: get_arch(n).context_for() for n in GENERATORS} == expected
    assert get_arch("edsr").context_for({"preset": "full"}) == 68
    # at x4 a bicubic-input network needs ceil(20 / 4) + 2 = 7 LR pixels
    assert get_arch("vdsr").context_for({"scale": 4}) == 7
