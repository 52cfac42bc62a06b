"""An int8 copy of a model's ONNX export, for bench/cpu_speed.py's ``onnx-int8`` entry.

ONNX Runtime's static quantisation (QDQ, per-channel int8 weights, uint8 activations,
min/max calibration) of every convolution but the bicubic phase filter (which carries the
picture itself, not a residual), calibrated on 64x64 crops of 16 training photos
(``../shared/data/train/T91``, never a benchmark image).  This CPU has AVX-512 VNNI, which
ONNX Runtime's int8 convolutions use.  Bench only: the product ships no int8 files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CALIBRATION = REPO.parent / "shared" / "data" / "train" / "T91"


def _crops(n: int = 16, size: int = 64) -> list[np.ndarray]:
    from PIL import Image

    files = sorted(CALIBRATION.glob("*"))[:n]
    if not files:
        raise FileNotFoundError(f"no calibration photos in {CALIBRATION}")
    out = []
    for f in files:
        rgb = np.asarray(Image.open(f).convert("RGB"))[:size, :size]
        out.append(np.ascontiguousarray((rgb.astype(np.float32) / 255).transpose(2, 0, 1)[None]))
    return out


def int8_onnx(fp32: Path) -> Path:
    """Quantise ``fp32`` (our export) to a temporary int8 file with its metadata kept."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.it = iter(_crops())

        def get_next(self) -> dict[str, Any] | None:
            x = next(self.it, None)
            return None if x is None else {"input": x}

    tmp = Path(tempfile.mkdtemp(prefix="int8_"))
    pre, out = tmp / "pre.onnx", tmp / f"{fp32.stem}.int8.onnx"
    quant_pre_process(str(fp32), str(pre), skip_symbolic_shape=True)
    model = onnx.load(str(pre))
    bicubic = [n.name for n in model.graph.node if n.op_type == "Conv" and any(
        a.name == "group" and a.i == 3 for a in n.attribute)]
    quantize_static(str(pre), str(out), Reader(), quant_format=QuantFormat.QDQ,
                    per_channel=True, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, op_types_to_quantize=["Conv"],
                    nodes_to_exclude=bicubic, calibrate_method=CalibrationMethod.MinMax)
    q = onnx.load(str(out))
    src = onnx.load(str(fp32))
    del q.metadata_props[:]
    q.metadata_props.extend(src.metadata_props)   # scale, context: the upscaler reads them
    onnx.save(q, str(out))
    return out
