#!/usr/bin/env python3
"""Ship trained weights and write docs/MODELS.md from `srstudio eval --json`.

    python scripts/ship_models.py ship runs/fast_x2 [runs/fast_x3 ...]   # copy + measure
    python scripts/ship_models.py report                                 # docs/MODELS.md

``ship`` copies a run's ``best.safetensors`` to ``resources/models/<name>.safetensors``,
runs ``srstudio eval --json`` on Set5, Set14 and BSD100 (``../shared/data/benchmark``) at
the model's scale, and stores the numbers in the file's metadata, so `srstudio models`
shows exactly what `srstudio eval` measures.  ``report`` regenerates docs/MODELS.md from
the shipped files' metadata, the recipes and the runs' validation logs (``log.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH = REPO.parent / "shared" / "data" / "benchmark"
DATASETS = ("Set5", "Set14", "BSD100")
PAPER = {  # published Y-PSNR on Set5 / Set14 / BSD100 (x2, x3, x4) used as targets
    "bicubic": {2: (33.66, 30.24, 29.56), 3: (30.39, 27.55, 27.21), 4: (28.42, 26.00, 25.96)},
    "FSRCNN": {2: (37.05, 32.66, 31.53), 3: (33.18, 29.37, 28.53), 4: (30.72, 27.61, 26.98)},
    "DRRN": {2: (37.74, 33.23, 32.05), 3: (34.03, 29.96, 28.95), 4: (31.68, 28.21, 27.38)},
    "EDSR-baseline": {2: (37.99, 33.57, 32.16), 3: (34.37, 30.28, 29.09),
                      4: (32.09, 28.58, 27.57)},
}
TARGET_FAST_SET5 = {2: 37.4, 3: 33.4, 4: 31.0}
REFERENCE_PAPER_SET5 = {  # reference models must come within 0.5 dB of their paper (Set5)
    "srcnn": ("SRCNN", {2: 36.66, 4: 30.48}), "fsrcnn": ("FSRCNN", {2: 37.05, 4: 30.72}),
    "espcn": ("ESPCN", {2: 36.83, 4: 30.52})}
FINETUNE_NOTE = (
    "The fast x2 recipe leaves these 20 BSD200 images out of its training data "
    "(`recipes/lists/bsd200_minus_demo.txt`), so the 5 held-out images and the 15 used for "
    "fine-tuning are all new to the model. \"after\" is the fine-tuned run's final weights "
    "(not its best checkpoint, so nothing is chosen by the held-out images); the training "
    "run validates on its own 15 images.")


def srstudio_eval(model: str, scale: int, folders: list[Path] | None = None) -> dict:
    folders = folders if folders is not None else [BENCH / d for d in DATASETS]
    cmd = [sys.executable, "-m", "app.cli", "eval", "--model", model, "--scale", str(scale),
           "--json", *[str(f) for f in folders]]
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def ship(run_dirs: list[str], weights: str) -> None:
    from engine.models.weights import read_metadata, update_metadata
    dest_dir = REPO / "resources" / "models"
    dest_dir.mkdir(parents=True, exist_ok=True)
    for rd in run_dirs:
        src = Path(rd) / f"{weights}.safetensors"
        meta = read_metadata(src)
        name = meta.get("name") or Path(rd).name
        dest = dest_dir / f"{name}.safetensors"
        tmp = dest.with_name(f".{dest.name}.part")
        shutil.copyfile(src, tmp)
        tmp.replace(dest)
        rep = srstudio_eval(str(dest), int(meta["scale"]))
        if meta.get("role") == "photo":   # and the degraded sets of scripts/photo_report.py
            from scripts.photo_report import SOURCES, set_dir
            rep["datasets"].update(srstudio_eval(str(dest), int(meta["scale"]), [
                set_dir(n, int(meta["scale"])) for n in SOURCES])["datasets"])
        keys = ("psnr_y", "ssim_y", "psnr_rgb", "ssim_rgb", "niqe")
        metrics = {k: {m: v[m] for m in keys if v.get(m) is not None}
                   for k, v in rep["datasets"].items()}
        val = meta.get("metrics") or {}
        where, pts = _curve(Path(rd))
        update_metadata(dest, metrics=metrics, validation=val,
                        recipe=_recipe_path(meta.get("recipe") or name, Path(rd)),
                        run_dir=_rel(Path(rd).resolve()),
                        val_curve={"where": where, "points": [list(p) for p in pts]})
        s5 = metrics["Set5"]["psnr_y"]
        print(f"shipped {dest.relative_to(REPO)}: Set5 {s5:.2f} / Set14 "
              f"{metrics['Set14']['psnr_y']:.2f} / BSD100 {metrics['BSD100']['psnr_y']:.2f}")


def _recipe_path(recipe_id: str, run_dir: Path | None = None) -> str:
    """The recipe a run was trained from: the file its ``config.json`` names
    (``recipe_file``), else the first ``recipes/**/ID.toml`` (runs from before the trainer
    recorded the file)."""
    cfg = run_dir / "config.json" if run_dir is not None else None
    if cfg is not None and cfg.is_file():
        recorded = json.loads(cfg.read_text()).get("recipe_file")
        if recorded and Path(recorded).is_file():
            return _rel(Path(recorded).resolve())
    found = sorted((REPO / "recipes").rglob(f"{recipe_id}.toml"))
    return _rel(found[0]) if found else f"recipes/{recipe_id}.toml"


def _rel(p: Path) -> str:
    try:
        return str(p.relative_to(REPO))
    except ValueError:
        return str(p)


def _count_images(folder: Path) -> int:
    from engine.io import iter_image_files
    return sum(1 for _ in iter_image_files([folder])) if folder.is_dir() else 0


def _data_text(recipe: Path, data: dict) -> str:
    """'`T91` (91), `Kodak24` (24), 180 of `BSD200` (list `lists/x.txt`)' for a recipe."""
    parts = [f"`{Path(d).name}` ({_count_images(recipe.parent / d)})"
             for d in data.get("hr_dirs", [])]
    if data.get("images_list"):
        lst = recipe.parent / data["images_list"]
        lines = [ln.strip() for ln in lst.read_text().splitlines()
                 if ln.strip() and not ln.startswith("#")]
        folders = sorted({Path(ln).parent.name for ln in lines})
        parts.append(f"{len(lines)} images of {', '.join(f'`{f}`' for f in folders)} "
                     f"(list `{data['images_list']}`)")
    return ", ".join(parts)


def _init_from(m) -> str | None:
    """The ``model.init_from`` of the recipe a shipped model names (None: from scratch)."""
    import tomllib
    rp = REPO / str(m.metadata.get("recipe", ""))
    if not rp.is_file():
        return None
    return tomllib.loads(rp.read_text()).get("model", {}).get("init_from")


def _steps_text(m) -> str:
    init = _init_from(m)
    steps = m.metadata.get("steps")
    return (f"trained {steps} steps from `{init}`" if init else f"trained {steps} steps")


def _budget_text(run: dict) -> str:
    if run.get("max_minutes"):
        # the recipe does not say where it ran (recipes/gpu/README.md and the status say)
        return f"time-boxed to {run['max_minutes']} min (cosine by the clock)"
    return f"{run.get('steps')} steps on {run.get('threads')} CPU thread(s)"


def _quality_target_text(m) -> str:
    """The quality target: DRRN's published Y-PSNR on all three sets (EDSR-baseline's the
    stretch goal), with the gap per set when short."""
    ours = [m.metrics.get(k, {}).get("psnr_y", float("nan")) for k in DATASETS]
    drrn, edsr = PAPER["DRRN"][m.scale], PAPER["EDSR-baseline"][m.scale]
    short = [f"{k} {t - v:.2f} dB" for k, v, t in zip(DATASETS, ours, drrn) if v < t]
    verdict = "met" if not short else f"**not met: short by {', '.join(short)}**"
    fmt = " / ".join
    return (f"- `{m.name}`: Set5 / Set14 / BSD100 x{m.scale} "
            f"{fmt(f'{v:.2f}' for v in ours)} dB vs DRRN {fmt(str(t) for t in drrn)} "
            f"(stretch: EDSR-baseline {fmt(str(t) for t in edsr)}): {verdict}; "
            f"{_steps_text(m)}.")


def _curve(run: Path) -> tuple[str, list[tuple[int, float]]]:
    """The run's validation set ('LIVE1_subset, 9 images') and its (step, Y-PSNR) points."""
    log = run / "log.jsonl"
    if not log.is_file():
        return "", []
    pts, where = [], ""
    for line in log.read_text().splitlines():
        d = json.loads(line)
        if d.get("kind") in ("val", "validated", "validation") and "psnr_y" in d:
            pts.append((int(d["step"]), float(d["psnr_y"])))
            if d.get("dataset"):
                where = f"{d['dataset']}, {d['images']} images" if d.get("images") else d["dataset"]
    return where, pts


def _curve_line(m) -> str | None:
    """The model's validation curve as one line, from the copy ``ship`` stored in the weight
    file (``val_curve``), so the report never depends on run folders being on this machine."""
    stored = m.metadata.get("val_curve") or {}
    pts = stored.get("points") or []
    if not pts:
        return None
    return (f"- `{m.name}` ({stored.get('where', '')}): "
            + ", ".join(f"{s}: {p:.2f}" for s, p in pts))


def report() -> None:
    from engine.models import list_models
    # super-resolution models; the colorizer has its own section (docs/MODELS_status.md)
    models = [m for m in list_models(include_user=False) if m.role != "colorize"]
    lines = ["# Shipped models", "",
             "Every weight file in `resources/models/` was trained by SR Studio's own trainer "
             "(`srstudio train RECIPE`) on `../shared/data/train` only (never on benchmark "
             "images). The numbers below are produced by `srstudio eval --model NAME --scale N "
             "--json ../shared/data/benchmark/{Set5,Set14,BSD100}` (regenerate with "
             "`python scripts/ship_models.py report`): Y-PSNR (dB) / SSIM-Y, BT.601 luma, "
             "border shaved by the scale, MATLAB-bicubic LR.", ""]
    bic = {s: srstudio_eval("bicubic", s)["datasets"] for s in sorted({m.scale for m in models})}
    lines += ["| model | role | arch | scale | params | Set5 | Set14 | BSD100 | recipe |",
              "|---|---|---|---|---|---|---|---|---|"]
    for s, d in bic.items():
        cells = " | ".join(f"{d[k]['psnr_y']:.2f} / {d[k]['ssim_y']:.4f}" for k in DATASETS)
        lines.append(f"| bicubic | baseline | MATLAB imresize | x{s} | 0 | {cells} | — |")
    for m in sorted(models, key=lambda m: (m.role or "", m.scale)):
        rep = srstudio_eval(m.name, m.scale)["datasets"]
        cells = " | ".join(f"{rep[k]['psnr_y']:.2f} / {rep[k]['ssim_y']:.4f}" for k in DATASETS)
        lines.append(f"| {m.name} | {m.role} | {m.arch} | x{m.scale} | {m.params:,} | {cells} "
                     f"| `{m.metadata.get('recipe')}` |")
    lines += ["", "## Targets and gaps", ""]
    for m in sorted(models, key=lambda m: (m.role or "", m.scale)):
        s5 = m.metrics.get("Set5", {}).get("psnr_y")
        if m.role == "fast" and s5 is not None:
            t = TARGET_FAST_SET5[m.scale]
            verdict = "met" if s5 >= t else f"**not met: {t - s5:.2f} dB short**"
            lines.append(f"- `{m.name}`: Set5 x{m.scale} {s5:.2f} dB vs target {t} "
                         f"(FSRCNN paper {PAPER['FSRCNN'][m.scale][0]}): {verdict}; "
                         f"{_steps_text(m)}.")
        if m.role == "quality" and s5 is not None:
            lines.append(_quality_target_text(m))
        if m.role == "reference" and s5 is not None and m.arch in REFERENCE_PAPER_SET5:
            paper, by_scale = REFERENCE_PAPER_SET5[m.arch]
            p = by_scale.get(m.scale)
            if p is not None:
                verdict = "met" if s5 >= p - 0.5 else f"**not met: {p - 0.5 - s5:.2f} dB short**"
                lines.append(f"- `{m.name}`: Set5 x{m.scale} {s5:.2f} dB vs {paper} paper {p} "
                             f"(target: within 0.5 dB, {p - 0.5:.2f}): {verdict}.")
    lines += ["", "## Recipes", "",
              "Each shipped file names its recipe in its metadata (`recipe`). To reproduce "
              "one: `srstudio train recipes/NAME.toml --out runs/NAME`, then "
              "`python scripts/ship_models.py ship runs/NAME`. A stopped run continues with "
              "`--resume`; a finished one can be trained further by fine-tuning from its "
              "weights (`--set model.init_from=runs/NAME/best.safetensors`).", ""]
    import tomllib
    for m in sorted(models, key=lambda m: (m.role or "", m.scale)):
        rp = REPO / str(m.metadata.get("recipe", ""))
        if not rp.is_file():
            continue
        cfg = tomllib.loads(rp.read_text())
        data, optim, run = cfg.get("data", {}), cfg.get("optim", {}), cfg.get("run", {})
        net = m.metadata.get("config") or {}
        shape = ", ".join(f"{k}={v}" for k, v in net.items() if k != "num_channels")
        lines.append(f"- `{m.name}` (`{rp.relative_to(REPO)}`, {m.arch} {shape}): data "
                     f"{_data_text(rp, data)} (images smaller than the "
                     f"{data.get('patch_size')} px HR patch are skipped), validation "
                     f"`{Path(data.get('val_dir', '')).name}`; patch {data.get('patch_size')}, "
                     f"batch {data.get('batch_size')}, {optim.get('optimizer')} lr "
                     f"{optim.get('lr')} {optim.get('schedule')}, EMA {optim.get('ema')}, "
                     f"{_budget_text(run)}, seed {run.get('seed')}; exported at step "
                     f"{m.metadata.get('steps')}"
                     + (f", starting from `{_init_from(m)}`" if _init_from(m) else "")
                     + (f"; last trained on {m.metadata['trained_on']}"
                        if m.metadata.get("trained_on") else "") + ".")
    demos = sorted((REPO / "docs").glob("finetune_demo_*.json"))
    if demos:
        lines += ["", "## Fine-tuning demonstration", "",
                  "`python scripts/finetune_demo.py [--degradation bicubic|camera] [--lr LR]`: "
                  "the shipped `fast_x2` fine-tuned with `srstudio train "
                  "recipes/finetune_fast_x2.toml` (600 steps, batch 16, 2 CPU threads) on 15 "
                  "of the first 20 images of BSD200 (sorted by name), scored on the other 5 by "
                  "`srstudio eval`. `bicubic`: the LR images are MATLAB-bicubic downscales, "
                  "as in pre-training. `camera`: the user's pictures are softer, slightly "
                  "noisy JPEGs (blur sigma 0.6-1.2, noise 1-4 levels, JPEG quality 70-90); "
                  "the run fine-tunes with the trainer's degradation pipeline set to that "
                  "profile and the held-out LR images come from the same pipeline (seeded).",
                  "", "| base | LR images | lr | held-out images | bicubic | before | after | "
                  "gain | wall time |", "|---|---|---|---|---|---|---|---|---|"]
        for f in demos:
            d = json.loads(f.read_text())
            lines.append(f"| {d.get('base', 'fast')} | {d.get('degradation', 'bicubic')} | "
                         f"{d.get('lr')} | "
                         f"{', '.join(d['holdout_images'])} | {d['bicubic']['psnr_y']:.2f} | "
                         f"{d['before']['psnr_y']:.2f} | {d['after']['psnr_y']:.2f} | "
                         f"{d['gain_db']:+.3f} dB | {d['wall_s']:.0f} s |")
        lines += ["", FINETUNE_NOTE]
    lines += ["", "## Validation curves", "",
              "Validation Y-PSNR during the last run of each model, on images held out from "
              "training (`train/LIVE1_subset`, or the first 50 of `train/BSDS500_test`), "
              "from the run's `log.jsonl` (kept in the weight file as `val_curve`):", ""]
    for m in models:
        line = _curve_line(m)
        if line:
            lines.append(line)
    photo = REPO / "docs" / "MODELS_photo.md"
    if photo.is_file():  # scripts/photo_report.py: the photo models on degraded sets
        lines += ["", photo.read_text().rstrip()]
    status = REPO / "docs" / "MODELS_status.md"
    if status.is_file():  # the hand-written part: gaps, what is left and why
        lines += ["", status.read_text().rstrip()]
    (REPO / "docs" / "MODELS.md").write_text("\n".join(lines) + "\n")
    print("wrote docs/MODELS.md")


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("ship")
    s.add_argument("runs", nargs="+")
    s.add_argument("--weights", default="best", choices=("best", "final"))
    sub.add_parser("report")
    a = ap.parse_args()
    if a.cmd == "ship":
        ship(a.runs, a.weights)
    else:
        report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
