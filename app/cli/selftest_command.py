"""``srstudio selftest``: run engine.selftest and print its table (exit 1 on a failure)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from app.cli.exit_codes import EXIT_ERROR, EXIT_OK


def add_selftest_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("selftest", help="check this install: every shipped model on every "
                       "backend and device, image formats, a short video with audio")
    p.add_argument("--skip", action="append", default=[], choices=("models", "formats", "video"),
                   help="leave an area out (repeatable)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")


def cmd_selftest(args: argparse.Namespace) -> int:
    from engine.selftest import Check, run_selftest
    out = sys.stdout

    def show(c: Check) -> None:
        if not args.json:
            mark = "ok  " if c.ok else "FAIL"
            out.write(f"{mark} {c.area:<7} {c.name:<40} {c.detail} ({c.seconds:.1f}s)\n")
            out.flush()

    rows = run_selftest(models="models" not in args.skip, formats="formats" not in args.skip,
                        video="video" not in args.skip, on_check=show)
    failed = [r for r in rows if not r.ok]
    if args.json:
        json.dump({"checks": [asdict(r) for r in rows], "failed": len(failed)}, out, indent=2)
        out.write("\n")
    else:
        out.write(f"selftest: {len(rows) - len(failed)} passed, {len(failed)} failed\n")
    return EXIT_ERROR if failed else EXIT_OK
