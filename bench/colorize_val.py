"""Score colorize weight files on a folder of colour photos exactly as a training run's
validation does (the same loading, shrinking and ``trainer.colorize.loop.score_colorizer``),
so a shipped file and a run's checkpoints can be compared on the run's validation set.

    .venv/bin/python bench/colorize_val.py WEIGHTS... [--folder DIR] [--short-side 256]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("weights", nargs="+")
    ap.add_argument("--folder", default=str(REPO.parent / "shared/data/train/LIVE1_subset"),
                    help="colour photos (default: LIVE1_subset, the recipes' validation set)")
    ap.add_argument("--short-side", type=int, default=256, help="as the recipes' data.short_side")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    import torch

    from engine.colorize.colorizer import load_colorizer
    from trainer.colorize.data import find_images, load_images
    from trainer.colorize.loop import score_colorizer
    torch.set_num_threads(args.threads)
    images, _ = load_images(find_images([args.folder]), args.short_side, 16, True, 1,
                            lambda msg: None)
    print(f"{Path(args.folder).name}: {len(images)} colour photos, short side "
          f"{args.short_side}")
    print(f"{'weights':<48} {'AuC %':>6} {'reb. %':>6} {'PSNR':>6} {'colour':>6}")
    for w in args.weights:
        s = score_colorizer(load_colorizer(w, "cpu"), images)
        print(f"{w[-48:]:<48} {100 * s['auc']:>6.2f} {100 * s['auc_rebalanced']:>6.2f} "
              f"{s['psnr']:>6.2f} {s['colourfulness']:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
