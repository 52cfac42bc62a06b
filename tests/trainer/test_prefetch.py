"""The prefetching sampler gives the same batches, and resumable state, as the plain one."""

from __future__ import annotations

import threading

import torch

from engine.events import CancelToken
from tests.trainer.conftest import tiny_overrides
from trainer.config import load_config
from trainer.data import build_sampler
from trainer.loop import train
from trainer.prefetch import Prefetcher, maybe_prefetch


def _sampler(data_dirs, tmp_path):
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "o"))
    return build_sampler(cfg.data, 2, 3, seed=7)


def _same(a: tuple[torch.Tensor, torch.Tensor], b: tuple[torch.Tensor, torch.Tensor]) -> bool:
    return torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])


def test_same_batches_and_state_before_the_batch_in_flight(data_dirs, tmp_path) -> None:
    plain = _sampler(data_dirs, tmp_path)
    pre = Prefetcher(_sampler(data_dirs, tmp_path), pin_memory=False)
    try:
        for _ in range(3):
            assert _same(plain.next_batch(), pre.next_batch())
        # a draw is in flight now (let it finish, so it has used the RNG); the state
        # handed out is the one before it
        pre._pending.result()
        state = pre.state_dict()
        assert state["rng"] == plain.state_dict()["rng"]
        expected = plain.next_batch()
        fresh = _sampler(data_dirs, tmp_path)
        fresh.load_state_dict(state)
        assert _same(fresh.next_batch(), expected)
        assert _same(pre.next_batch(), expected)
        # loading a state discards the draw in flight and starts from that state
        pre.load_state_dict(state)
        assert _same(pre.next_batch(), expected)
    finally:
        pre.close()


def test_auto_prefetches_only_on_a_gpu(data_dirs, tmp_path) -> None:
    s = _sampler(data_dirs, tmp_path)
    assert maybe_prefetch(s, "auto", torch.device("cpu")) is s
    assert maybe_prefetch(s, False, torch.device("cuda")) is s
    on = maybe_prefetch(s, "auto", torch.device("cuda"))
    assert isinstance(on, Prefetcher) and on.pin_memory and on.store is s.store
    on.close()
    mps = maybe_prefetch(s, True, torch.device("mps"))
    assert isinstance(mps, Prefetcher) and not mps.pin_memory
    mps.close()


def _batch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("srstudio-batches")]


def test_a_run_ends_its_batch_thread_however_it_ends(data_dirs, tmp_path) -> None:
    """The trainer tab starts many runs in one process: none may leave a thread behind."""
    assert not _batch_threads()
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "a", data__prefetch="true",
                                           run__steps=4, run__val_every=0))
    train(cfg)
    assert not _batch_threads()
    cancel = CancelToken()
    cancel.cancel()   # cancelled before the first step: the run still closes its sampler
    cfg = load_config(None, tiny_overrides(data_dirs, tmp_path / "b", data__prefetch="true"))
    assert train(cfg, cancel=cancel).cancelled
    assert not _batch_threads()
