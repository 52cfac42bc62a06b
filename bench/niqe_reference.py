"""BasicSR's reference NIQE on the images of tests/engine/test_niqe.py (run once, by hand).

The expected values in tests/engine/test_niqe.py were printed by this script.  It runs
BasicSR's own ``calculate_niqe`` from its unpacked source distribution without installing
BasicSR: only ``basicsr/metrics/niqe.py`` and the three files it needs
(``metrics/metric_util.py``, ``utils/color_util.py``, ``utils/matlab_functions.py``) are
executed, with stand-ins for the packages' ``__init__`` files, which would import all of
BasicSR.  It needs numpy, scipy, OpenCV and torch (BasicSR's imresize is written in torch):
SR Studio's own virtualenv has all four (scipy comes with the dev extra's scikit-image).

    pip download basicsr==1.4.2 --no-deps --no-binary :all: --no-build-isolation -d /tmp/b
    tar xzf /tmp/b/basicsr-1.4.2.tar.gz -C /tmp/b
    .venv/bin/python bench/niqe_reference.py --basicsr /tmp/b/basicsr-1.4.2 \
        [--set5 ../shared/data/benchmark/Set5/HR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import types
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_basicsr_niqe(root: Path) -> Any:
    """BasicSR's ``basicsr.metrics.niqe`` module from an unpacked sdist at ``root``."""
    src = root / "basicsr"
    for pkg in ("basicsr", "basicsr.utils", "basicsr.metrics"):
        stub = types.ModuleType(pkg)
        stub.__path__ = []
        sys.modules[pkg] = stub
    registry = types.ModuleType("basicsr.utils.registry")

    class _Registry:
        def register(self) -> Any:
            return lambda f: f

    registry.METRIC_REGISTRY = _Registry()
    sys.modules["basicsr.utils.registry"] = registry
    color = _load("basicsr.utils.color_util", src / "utils" / "color_util.py")
    sys.modules["basicsr.utils"].bgr2ycbcr = color.bgr2ycbcr
    _load("basicsr.utils.matlab_functions", src / "utils" / "matlab_functions.py")
    _load("basicsr.metrics.metric_util", src / "metrics" / "metric_util.py")
    return _load("basicsr.metrics.niqe", src / "metrics" / "niqe.py")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basicsr", type=Path, required=True, help="unpacked basicsr sdist")
    ap.add_argument("--set5", type=Path, default=None, help="Set5/HR folder (optional)")
    args = ap.parse_args()
    import warnings

    import cv2

    warnings.simplefilter("ignore", DeprecationWarning)   # scipy.ndimage.filters
    ref = load_basicsr_niqe(args.basicsr)
    sys.path.insert(0, str(REPO))
    from tests.engine.niqe_images import niqe_test_images

    out: dict[str, float] = {}
    for name, rgb in niqe_test_images().items():
        gray = rgb.ndim == 2
        img = rgb if gray else rgb[..., ::-1]         # BasicSR takes BGR
        order = "HW" if gray else "HWC"
        out[name] = ref.calculate_niqe(img, 0, input_order=order, convert_to="y")
        if name == "clean":
            out["clean_crop4"] = ref.calculate_niqe(img, 4, input_order=order, convert_to="y")
    if args.set5 is not None:
        for p in sorted(args.set5.glob("*.png")):
            bgr = cv2.imread(str(p), cv2.IMREAD_COLOR)
            out[f"Set5/{p.stem}"] = ref.calculate_niqe(bgr, 0, input_order="HWC",
                                                       convert_to="y")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
