"""Evaluate colorize models on held-out colour photos against the "keep it gray" baseline.

    .venv/bin/python bench/colorize_eval.py [--model NAME|PATH ...] [--markdown]
        [--data ../shared/data/benchmark] [--max-images N] [--threads 2] [--json OUT]

Data: Set14's colour images (bridge.png is gray and man.png has R = G = B; both are left
out, found with :func:`engine.colorize.is_grayscale`) and BSD100 HR, from
``../shared/data/benchmark``.  Neither is used for training or validation.

Every image's colour is dropped and predicted again from its L* (``recolor=True``); the
gray baseline keeps L* with a = b = 0.  Per dataset (and pooled over both):

* PSNR (RGB, 8-bit) of the result against the original colours, mean over images;
* AuC of the per-pixel ab error for thresholds 0..150 (Zhang et al. 2016), pooled over
  all pixels, plain and class-rebalanced (each pixel weighted by the inverse frequency of
  its ground-truth ab bin among the evaluated pixels), in %;
* colourfulness (Hasler and Suesstrunk 2003), mean over images (the originals' for scale).

Models: every installed model with role 'colorize' plus any ``--model``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from engine.colorize.colorizer import (  # noqa: E402
    colorize_image,
    gray_of,
    is_grayscale,
    load_colorizer,
)
from engine.colorize.metrics import AucAccumulator, colourfulness, psnr  # noqa: E402
from engine.io import iter_image_files, read_image  # noqa: E402
from trainer.data import to_rgb8  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "benchmark"


def load_sets(root: Path, max_images: int | None) -> dict[str, list[tuple[str, np.ndarray]]]:
    sets: dict[str, list[tuple[str, np.ndarray]]] = {}
    for name, sub in (("Set14-colour", "Set14"), ("BSD100", "BSD100")):
        folder = root / sub / "HR"
        if not folder.is_dir():
            print(f"warning: {folder} not found; skipped", file=sys.stderr)
            continue
        items = []
        for f in iter_image_files([folder]):
            img = read_image(f).pixels
            if is_grayscale(img):
                continue
            items.append((f.name, to_rgb8(img)))
            if max_images and len(items) >= max_images:
                break
        sets[name] = items
    return sets


def evaluate(fn, sets: dict[str, list[tuple[str, np.ndarray]]]) -> dict[str, dict[str, float]]:
    """``fn(rgb) -> rgb`` over every set; returns {set: scores} plus the pooled 'all'."""
    out: dict[str, dict[str, float]] = {}
    pooled = AucAccumulator()
    all_psnr, all_col = [], []
    for name, items in sets.items():
        acc, ps, cols = AucAccumulator(), [], []
        for _, img in items:
            res = fn(img)
            acc.add_images(res, img)
            ps.append(psnr(res, img))
            cols.append(colourfulness(res))
        pooled.hist += acc.hist
        all_psnr += ps
        all_col += cols
        out[name] = {"images": len(items), "psnr": float(np.mean(ps)),
                     "auc": 100 * acc.auc(), "auc_rebalanced": 100 * acc.auc_rebalanced(),
                     "colourfulness": float(np.mean(cols))}
    out["all"] = {"images": len(all_psnr), "psnr": float(np.mean(all_psnr)),
                  "auc": 100 * pooled.auc(), "auc_rebalanced": 100 * pooled.auc_rebalanced(),
                  "colourfulness": float(np.mean(all_col))}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", default=[], metavar="NAME|PATH")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--max-images", type=int, default=None, help="per dataset (quick runs)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    from engine.models.registry import list_models
    refs = [str(m.path) for m in list_models() if m.role == "colorize"] + args.model
    sets = load_sets(args.data, args.max_images)
    if not sets:
        print("no evaluation data found", file=sys.stderr)
        return 1
    results: dict[str, dict] = {}
    originals = {name: float(np.mean([colourfulness(i) for _, i in items]))
                 for name, items in sets.items()}
    originals["all"] = float(np.mean([colourfulness(i) for items in sets.values()
                                      for _, i in items]))
    t0 = time.perf_counter()
    results["gray (ab = 0)"] = evaluate(gray_of, sets)
    print(f"gray baseline: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    for ref in dict.fromkeys(refs):
        model = load_colorizer(ref, "cpu")
        t0 = time.perf_counter()
        label = f"{model.name} ({model.spec.name})"
        if label in results:   # e.g. best and final of one run
            label = f"{model.name} ({model.spec.name}, {Path(ref).name})"
        results[label] = evaluate(lambda img, m=model: colorize_image(m, img, recolor=True),
                                  sets)
        print(f"{label}: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    names = list(sets) + ["all"]
    if args.markdown:
        print("| model | data | images | PSNR (dB) | AuC (%) | rebalanced AuC (%) "
              "| colourfulness |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for label, res in results.items():
            for n in names:
                r = res[n]
                print(f"| {label} | {n} | {r['images']} | {r['psnr']:.2f} | {r['auc']:.2f} | "
                      f"{r['auc_rebalanced']:.2f} | {r['colourfulness']:.1f} |")
        for n in names:
            print(f"| original colours | {n} | | | 100.00 | 100.00 | {originals[n]:.1f} |")
    else:
        print(f"{'model':<36} {'data':<13} {'images':>6} {'PSNR':>7} {'AuC':>7} "
              f"{'AuC-rb':>7} {'colourf.':>8}")
        for label, res in results.items():
            for n in names:
                r = res[n]
                print(f"{label[:36]:<36} {n:<13} {r['images']:>6} {r['psnr']:>7.2f} "
                      f"{r['auc']:>7.2f} {r['auc_rebalanced']:>7.2f} "
                      f"{r['colourfulness']:>8.1f}")
        for n in names:
            print(f"{'original colours':<36} {n:<13} {'':>6} {'':>7} {100:>7.2f} {100:>7.2f} "
                  f"{originals[n]:>8.1f}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "original_colourfulness":
                                         originals}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
