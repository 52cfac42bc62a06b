"""``srstudio serve``: the parser (imports nothing heavy) and the command (imports FastAPI
and uvicorn, from the ``srstudio[server]`` extra, only when it runs)."""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from app.server.config import MB, ServerConfig


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``serve`` on the ``srstudio`` parser."""
    p = sub.add_parser("serve", help="run the HTTP API and web page (srstudio[server])",
                       description="Serve the upscaler over HTTP: POST /picture and /video "
                                   "(base64 JSON), the /jobs API, a web page at /. Binds to "
                                   "127.0.0.1; any other address needs a token.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free)")
    t = p.add_mutually_exclusive_group()
    t.add_argument("--token", default=None, help="require 'Authorization: Bearer TOKEN'")
    t.add_argument("--token-file", default=None, metavar="FILE",
                   help="read the token from FILE (keeps it out of the process list)")
    p.add_argument("--max-upload-mb", type=float, default=200.0,
                   help="largest upload in MB (default 200)")
    p.add_argument("--max-pixels", type=int, default=None,
                   help="largest input in pixels (default: the engine's 200 MP guard)")
    p.add_argument("--max-video-seconds", type=float, default=600.0,
                   help="longest video in seconds (default 600)")
    p.add_argument("--workers-per-device", type=int, default=1,
                   help="jobs running at once on each device (default 1)")
    p.add_argument("--device", default=None, metavar="DEV[,DEV]",
                   help="devices to run on (cpu, cuda:0, ...; default: every GPU, else cpu)")
    p.add_argument("--queue-size", type=int, default=16,
                   help="jobs that may wait; beyond it requests get 503 (default 16)")
    p.add_argument("--results-ttl", type=float, default=24.0, metavar="HOURS",
                   help="hours a finished job's result is kept (default 24)")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="allow browser calls from ORIGIN (repeatable; default: none)")
    p.add_argument("--cluster", metavar="auto|ray://HOST:PORT", default=None,
                   help="run the jobs on a Ray cluster (srstudio[cluster]): auto joins a "
                        "running one or starts a local one; the work folder must be shared")
    p.add_argument("--cluster-workers", type=int, default=None, metavar="N",
                   help="at most N cluster workers (default: one per GPU, else per CPU)")
    p.add_argument("--work-dir", default=None, metavar="DIR",
                   help="where uploads and results are kept (default: a private temporary "
                        "folder; with a multi-node --cluster, one every node sees)")


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    """The ServerConfig of ``srstudio serve``'s options (ValueError: one line)."""
    token = args.token
    if args.token_file:
        try:
            token = Path(args.token_file).read_text(encoding="utf-8").strip()
        except OSError as e:
            raise ValueError(f"cannot read --token-file {args.token_file}: "
                             f"{e.strerror or e}") from None
        if not token:
            raise ValueError(f"--token-file {args.token_file} is empty")
    devices = [d.strip() for d in args.device.split(",") if d.strip()] if args.device else None
    return ServerConfig(host=args.host, port=args.port, token=token,
                        max_upload_bytes=int(args.max_upload_mb * MB), max_pixels=args.max_pixels,
                        max_video_seconds=args.max_video_seconds,
                        workers_per_device=args.workers_per_device, devices=devices,
                        queue_size=args.queue_size, results_ttl_s=args.results_ttl * 3600,
                        cors_origins=list(args.cors), cluster=args.cluster,
                        cluster_workers=args.cluster_workers, work_dir=args.work_dir)


def _log_jobs_to_stderr() -> None:
    """One line per finished job on stderr ('srstudio: job ID: a.png -> ...'), so whoever
    runs the server sees the work it does (and for whom it failed)."""
    import logging
    log = logging.getLogger("srstudio.server")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("srstudio: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl-C / SIGTERM; jobs are cancelled and temp files removed."""
    from app.cli.exit_codes import EXIT_ERROR, EXIT_OK
    try:
        cfg = config_from_args(args)
        cfg.check()
    except ValueError as e:
        sys.stderr.write(f"srstudio: {e}\n")
        return EXIT_ERROR
    try:
        import uvicorn

        from app.server.api import create_app
    except ImportError as e:
        sys.stderr.write(f"srstudio: serve needs the server extra ({e.name} is missing): "
                         "pip install 'srstudio[server]'\n")
        return EXIT_ERROR
    family = socket.AF_INET6 if ":" in cfg.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((cfg.host.strip("[]"), cfg.port))
    except OSError as e:
        sys.stderr.write(f"srstudio: cannot listen on {cfg.host}:{cfg.port}: "
                         f"{e.strerror or e}\n")
        return EXIT_ERROR
    app = create_app(cfg)
    if app.state.manager.cluster is not None:
        from engine.errors import SRStudioError
        try:                    # Ray missing or unreachable: one line, before serving
            app.state.manager.cluster.start()
        except SRStudioError as e:
            sys.stderr.write(f"srstudio: {e}\n")
            return EXIT_ERROR
    _log_jobs_to_stderr()
    # listening before the address is announced: a client that reads the line and
    # connects at once waits in the backlog until uvicorn accepts, instead of being refused
    # (seen under load on CI's clone)
    sock.listen(128)
    port = sock.getsockname()[1]
    host = f"[{cfg.host}]" if ":" in cfg.host else cfg.host
    sys.stderr.write(f"srstudio: serving on http://{host}:{port}/ "
                     f"({', '.join(app.state.manager.devices)}; "
                     f"{'token required' if cfg.token else 'no token'}); Ctrl-C stops\n")
    sys.stderr.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=5))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    return EXIT_OK if server.started else EXIT_ERROR
