#!/usr/bin/env python3
"""The photo models' section of docs/MODELS.md: degraded sets, numbers, curve, targets.

    python scripts/photo_report.py make-sets      # runs/valsets/*_real_x{2,4} (seed 0)
    python scripts/photo_report.py report         # docs/MODELS_photo.md from srstudio eval

``make-sets`` writes the held-out validation sets (LIVE1_subset, never trained on) and the
degraded Set14 / BSD100 with ``python -m trainer.degraded_set ... --seed 0``.  ``report``
scores bicubic, fast, quality and photo on them with ``srstudio eval --json`` (PSNR/SSIM
on luma, NIQE of the outputs and of the HR) and writes the markdown that
``scripts/ship_models.py report`` appends to docs/MODELS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"
VALSETS = REPO / "runs" / "valsets"
SOURCES = {"live1_real": SHARED / "train" / "LIVE1_subset",
           "Set14_real": SHARED / "benchmark" / "Set14",
           "BSD100_real": SHARED / "benchmark" / "BSD100"}
SCALES = (2, 3, 4)
MODELS = ("bicubic", "fast", "quality", "photo")
TARGET_GAIN_DB = 0.7      # photo over quality on the held-out set (issue: real-world photos)
TARGET_NIQE_GAP = 0.6     # photo's NIQE within this of the HR images' own


def set_dir(name: str, scale: int) -> Path:
    return VALSETS / f"{name}_x{scale}"


def make_sets() -> None:
    for scale in SCALES:
        for name, src in SOURCES.items():
            cmd = [sys.executable, "-m", "trainer.degraded_set", str(src),
                   str(set_dir(name, scale)), "--scale", str(scale), "--seed", "0"]
            subprocess.run(cmd, cwd=REPO, check=True)


def evaluate(model: str, scale: int) -> dict:
    cmd = [sys.executable, "-m", "app.cli", "eval", "--model", model, "--scale", str(scale),
           "--json", *[str(set_dir(n, scale)) for n in SOURCES]]
    return json.loads(subprocess.run(cmd, cwd=REPO, check=True, capture_output=True,
                                     text=True).stdout)


def _cell(d: dict) -> str:
    niqe = d.get("niqe")
    return f"{d['psnr_y']:.2f} / {d['ssim_y']:.4f} / {niqe:.2f}" if niqe is not None else \
        f"{d['psnr_y']:.2f} / {d['ssim_y']:.4f} / -"


def _curve(run: Path) -> list[tuple[int, float]]:
    log = run / "log.jsonl"
    if not log.is_file():
        return []
    pts = []
    for line in log.read_text().splitlines():
        rec = json.loads(line)
        if rec.get("kind") == "val" or rec.get("event") == "val":
            pts.append((int(rec["step"]), float(rec["psnr_y"])))
    return pts


def report() -> None:
    lines = ["## Photo models (real-world pictures)", "",
             "`photo_x2` and `photo_x4` are the shipped `quality` networks fine-tuned on the "
             "`real` degradation (`trainer/real_degrade.py`: blur of six kernel families or "
             "a ringing sinc, random resize, Gaussian or Poisson noise in colour or gray, "
             "JPEG 30-95; a second, milder stage skipped half the time; then the resize to LR "
             "size with a sinc and a last JPEG in random order; every range in "
             "`RealDegradationConfig`). Scores are on sets degraded once with that preset "
             "and seed 0 (`python scripts/photo_report.py make-sets`, i.e. `python -m "
             "trainer.degraded_set SRC runs/valsets/NAME_real_xS --scale S --seed 0`), so "
             "anyone can reproduce them: `srstudio eval -m photo -s 4 --json "
             "runs/valsets/live1_real_x4 runs/valsets/Set14_real_x4 "
             "runs/valsets/BSD100_real_x4`. `live1_real` is the validation set of the "
             "training runs (LIVE1_subset, held out from every SR recipe); Set14 and BSD100 "
             "were never trained or tuned on. Cells: Y-PSNR (dB) / SSIM-Y / NIQE (lower is "
             "more natural; NIQE of the HR images in the last row).", ""]
    for scale in SCALES:
        rows = {m: evaluate(m, scale) for m in MODELS}
        names = list(SOURCES)
        lines += [f"### x{scale}", "", "| model | " + " | ".join(names) + " |",
                  "|---|" + "---|" * len(names)]
        for m, rep in rows.items():
            ds = rep["datasets"]
            shown = rep.get("model", m)
            lines.append(f"| {shown} | " + " | ".join(_cell(ds[f"{n}_x{scale}"])
                                                       for n in names) + " |")
        hr = rows["quality"]["datasets"]
        lines.append("| HR (NIQE) | " + " | ".join(
            f"{hr[f'{n}_x{scale}'].get('niqe_hr', float('nan')):.2f}" for n in names) + " |")
        val = f"live1_real_x{scale}"
        photo, quality = rows["photo"]["datasets"][val], rows["quality"]["datasets"][val]
        gain = photo["psnr_y"] - quality["psnr_y"]
        niqe, niqe_hr = photo.get("niqe") or float("nan"), photo.get("niqe_hr") or float("nan")
        gap = niqe - niqe_hr
        lines += ["", f"- Y-PSNR target (photo at least {TARGET_GAIN_DB} dB above quality on "
                  f"the held-out set): {gain:+.2f} dB, "
                  + ("met." if gain >= TARGET_GAIN_DB else "**not met**."),
                  f"- NIQE target (within {TARGET_NIQE_GAP} of the HR images'): "
                  f"{niqe:.2f} vs {niqe_hr:.2f} ({gap:+.2f}), "
                  + ("met." if abs(gap) <= TARGET_NIQE_GAP else "**not met**."), ""]
        pts = _curve(REPO / "runs" / f"photo_x{scale}")
        if pts:
            lines.append(f"Validation curve (`runs/photo_x{scale}/log.jsonl`, Y-PSNR on "
                         f"{val} by step): " + ", ".join(f"{s}: {p:.2f}" for s, p in pts))
            lines.append("")
    (REPO / "docs" / "MODELS_photo.md").write_text("\n".join(lines).rstrip() + "\n")
    print("wrote docs/MODELS_photo.md")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cmd", choices=("make-sets", "report"))
    a = ap.parse_args()
    make_sets() if a.cmd == "make-sets" else report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
