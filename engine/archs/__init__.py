"""Network architectures: importing this package registers every SR one of them.

The colorizer's networks register themselves when :mod:`engine.colorize` is imported
(the colorizer sits above the SR architectures, not inside them).

Each module defines its ``nn.Module`` and registers an :class:`ArchSpec` at import time;
use :func:`build` / :func:`get_arch` / :func:`list_archs` to reach them by name.
"""

from engine.archs import (  # noqa: F401  (imported for their registration side effect)
    btsrn,
    drrn,
    edsr,
    espcn,
    fsrcnn,
    fsrcnn_ps,
    lapsrn,
    mdsr,
    span,
    span_fast,
    srcnn,
    srgan_discriminator,
    srresnet,
    unet_discriminator,
    vdsr,
)
from engine.archs.registry import ArchSpec, build, count_params, get_arch, list_archs, register

__all__ = ["ArchSpec", "build", "count_params", "get_arch", "list_archs", "register"]
