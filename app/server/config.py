"""The server's settings, one dataclass the CLI fills and the tests build directly."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

MB = 1024 * 1024


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (the safe default bind)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServerConfig:
    """Limits and knobs of one server; every size cap is checked while the body streams."""

    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    max_upload_bytes: int = 200 * MB
    max_pixels: int | None = None           # None: the engine's default guard
    max_video_seconds: float | None = 600.0
    workers_per_device: int = 1
    devices: list[str] | None = None        # None: every CUDA GPU, else MPS, else the CPU
    queue_size: int = 16                    # jobs waiting (not counting running ones)
    results_ttl_s: float = 24 * 3600.0
    sweep_interval_s: float = 60.0
    cors_origins: list[str] = field(default_factory=list)
    work_dir: str | None = None             # None: a private temporary folder
    cluster: str | None = None              # 'auto' | 'ray://HOST:PORT': jobs run on Ray
    cluster_workers: int | None = None      # at most this many cluster workers in all

    def check(self) -> None:
        """Refuse unsafe or meaningless settings (one line, raised as ValueError)."""
        if not is_loopback(self.host) and not self.token:
            raise ValueError(f"refusing to listen on {self.host} without a token: anyone who "
                             "can reach it could run jobs; pass --token or --token-file "
                             "(or bind to 127.0.0.1)")
        if self.max_upload_bytes < 1:
            raise ValueError("--max-upload-mb must be positive")
        if self.workers_per_device < 1:
            raise ValueError("--workers-per-device must be at least 1")
        if self.queue_size < 1:
            raise ValueError("--queue-size must be at least 1")
        if self.results_ttl_s <= 0:
            raise ValueError("--results-ttl must be positive")
        if self.cluster_workers is not None and self.cluster_workers < 1:
            raise ValueError("--cluster-workers must be at least 1")
