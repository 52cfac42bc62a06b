"""Build the next training batch in a background thread while the GPU runs this step.

On a GPU the step is short and the host is the bottleneck: cutting, flipping and
converting a batch took ~13 ms of a ~48 ms SPAN step on the H100 (session 4), time in
which the GPU had nothing queued.  :class:`Prefetcher` draws batch k+1 while step k runs,
in pinned memory on CUDA so the copy to the GPU no longer waits for the previous step.

Checkpoints stay exact.  The sampler's state is captured just before each draw is handed
to the thread, and :meth:`Prefetcher.state_dict` returns the state before the batch that
is waiting, not after it: a resumed run draws that batch again, so a run with prefetching
gives the same weights as one without (tested).  Only one draw is ever in flight and the
main thread never touches the sampler while it runs.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import torch


class Prefetcher:
    """Wraps a sampler (``next_batch``, ``state_dict``, ``load_state_dict``, ``store``)."""

    def __init__(self, sampler: Any, pin_memory: bool) -> None:
        self.sampler = sampler
        self.store = sampler.store
        self.pin_memory = pin_memory
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="srstudio-batches")
        self._pending: Future[tuple[torch.Tensor, torch.Tensor]] | None = None
        self._state_before: dict[str, Any] | None = None

    def _draw(self) -> tuple[torch.Tensor, torch.Tensor]:
        lr, hr = self.sampler.next_batch()
        if self.pin_memory:
            lr, hr = lr.pin_memory(), hr.pin_memory()
        return lr, hr

    def _submit(self) -> None:
        self._state_before = self.sampler.state_dict()
        self._pending = self._pool.submit(self._draw)

    def _settle(self) -> None:
        """Wait for the draw in flight and forget it (its state is the sampler's again)."""
        if self._pending is None:
            return
        pending, self._pending = self._pending, None
        try:
            pending.result()
        except Exception:  # noqa: BLE001 - the same error comes back on the redraw
            pass
        self.sampler.load_state_dict(self._state_before)

    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        if self._pending is None:
            self._submit()
        assert self._pending is not None
        try:
            batch = self._pending.result()
        except BaseException:
            self._pending = None
            raise
        self._submit()
        return batch

    def state_dict(self) -> dict[str, Any]:
        if self._pending is None:
            return self.sampler.state_dict()
        assert self._state_before is not None
        return self._state_before

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self._settle()
        self.sampler.load_state_dict(state)

    def close(self) -> None:
        """Wait for the draw in flight and end the thread (idempotent); the sampler's state
        is the one :meth:`state_dict` reported."""
        self._settle()
        self._pool.shutdown(wait=True)


def maybe_prefetch(sampler: Any, setting: bool | str, device: torch.device) -> Any:
    """``data.prefetch``: True, False or 'auto' (on for CUDA and MPS, where the host is
    the bottleneck; off on the CPU, where the drawing thread would take a core from torch)."""
    on = device.type in ("cuda", "mps") if setting == "auto" else bool(setting)
    return Prefetcher(sampler, pin_memory=device.type == "cuda") if on else sampler
