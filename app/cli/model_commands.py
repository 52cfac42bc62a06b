"""``srstudio models`` (what is installed) and ``srstudio export-onnx`` (a model as an ONNX
file for other tools): the commands about model files rather than images."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.exit_codes import EXIT_ERROR, EXIT_OK


def add_export_onnx_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-onnx", help="write a model as an ONNX file (RGB in, RGB out)")
    p.add_argument("model", metavar="MODEL",
                   help="fast, quality, a model name, or a .safetensors/.pth/.pt/.ckpt path")
    p.add_argument("-s", "--scale", type=int, default=None, choices=(2, 3, 4, 8),
                   help="for a role (fast, quality): default 4")
    p.add_argument("-o", "--output", required=True, metavar="FILE.onnx")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")


def cmd_export_onnx(args: argparse.Namespace) -> int:
    from engine.errors import SRStudioError
    from engine.inference.onnx_export import export_onnx
    from engine.models.network_file import load_network
    from engine.models.registry import ModelInfo, default_scale, resolve_model

    out = Path(args.output)
    if out.suffix.lower() != ".onnx":
        out = out.with_name(out.name + ".onnx")
    if out.exists() and not args.overwrite:
        sys.stderr.write(f"srstudio: {out} exists (--overwrite replaces it)\n")
        return EXIT_ERROR
    try:
        scale = args.scale if args.scale is not None else default_scale(args.model)
        ref = resolve_model(args.model, scale)
        if not isinstance(ref, ModelInfo):   # a resizer, or two models in a row (x8)
            sys.stderr.write(f"srstudio: {ref.name} is not one network; export a model of "
                             "its own scale\n")
            return EXIT_ERROR
        out.parent.mkdir(parents=True, exist_ok=True)
        export_onnx(load_network(ref.path), out)   # ours or a spandrel file
    except (SRStudioError, OSError) as e:
        sys.stderr.write(f"srstudio: {e}\n")
        return EXIT_ERROR
    print(f"{ref.name} x{ref.scale} -> {out} ({out.stat().st_size / 1e6:.1f} MB; "
          "input and output: float32 RGB in [0, 1], NCHW)")
    return EXIT_OK


def add_models_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="list, import, rename or remove models (shipped, "
                       "trained, and third-party .pth/.safetensors/.onnx/.param files)")
    p.add_argument("action", nargs="?", default="list",
                   choices=("list", "import", "rename", "remove"),
                   help="list (default); import FILE-OR-FOLDER...; rename OLD NEW; "
                        "remove NAME...")
    p.add_argument("items", nargs="*", metavar="FILE|NAME")
    p.add_argument("--json", action="store_true")


def cmd_models_change(args: argparse.Namespace) -> int:
    """``models import`` / ``rename`` / ``remove``: one line per model, exit 2 on any failure."""
    from engine.errors import SRStudioError
    from engine.models.library import import_files, remove_model, rename_model
    if args.action == "rename":
        if len(args.items) != 2:
            sys.stderr.write("srstudio: models rename needs OLD NEW (two names)\n")
            return EXIT_ERROR
        try:
            m = rename_model(*args.items)
        except (SRStudioError, OSError) as e:
            sys.stderr.write(f"error {e}\n")
            return EXIT_ERROR
        print(f"renamed {args.items[0]} -> {m.name} ({m.path})")
        return EXIT_OK
    if not args.items:
        sys.stderr.write(f"srstudio: models {args.action} needs at least one "
                         f"{'file or folder' if args.action == 'import' else 'name'}\n")
        return EXIT_ERROR
    if args.action == "import":
        done, errors = import_files(args.items)
        for m in done:
            print(f"imported {m.name}: {m.arch} x{m.scale}, {m.params or 0:,} params, "
                  f"{m.metadata.get('model_format', 'srstudio')} -> {m.path}")
    else:
        errors = []
        for name in args.items:
            try:
                gone = remove_model(name)
                print(f"removed {name} ({', '.join(p.name for p in gone)})")
            except (SRStudioError, OSError) as e:
                errors.append(str(e))
    for line in errors:
        sys.stderr.write(f"error {line}\n")
    return EXIT_ERROR if errors else EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    from engine.models import list_models
    from engine.models.builds import torch_available

    if args.action != "list":
        return cmd_models_change(args)
    models = list_models()
    archs = []
    if torch_available():   # the lean build has no architectures of its own (no torch)
        import engine.colorize  # noqa: F401  (registers the colorizer architectures)
        from engine.archs import list_archs
    for spec in list_archs(kind=None) if torch_available() else []:
        archs.append({"name": spec.name, "scales": list(spec.scales), "kind": spec.kind,
                      "channels": spec.in_channels, "description": spec.description,
                      "paper": spec.paper})
    if args.json:   # every model's file hash too (foreign files carry it in their facts)
        from engine.models.library import library_entry
        print(json.dumps({"models": [library_entry(m) for m in models],
                          "architectures": archs}))
        return EXIT_OK
    print("Weights:")
    if not models:
        print("  (none installed)")
    for m in models:
        s5 = (m.metrics.get("Set5") or {}).get("psnr_y")
        extra = f"  Set5 {s5:.2f} dB" if isinstance(s5, int | float) else ""
        fmt = m.metadata.get("model_format")
        extra += f"  {fmt}" if fmt else ""
        print(f"  {m.name:<22} {m.arch:<12} x{m.scale}  {m.params or 0:>9,} params  "
              f"{m.role or '-':<9} {m.source}{extra}")
    print("Architectures:")
    for a in archs:
        print(f"  {a['name']:<20} x{','.join(map(str, a['scales'])) or '-':<8} {a['description']}")
    return EXIT_OK
