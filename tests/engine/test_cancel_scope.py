"""Cancel reaches inside one long tile: between self-ensemble passes and chained networks."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from engine.cancel_scope import active_token, cancel_scope, check_cancelled
from engine.errors import CancelledError
from engine.events import CancelToken
from engine.inference import ClassicalUpscaler
from engine.inference.chain import ChainedUpscaler
from engine.inference.pipeline import upscale_image
from engine.inference.self_ensemble import SelfEnsemble
from tests.conftest import FakeUpscalerBase


class _Slow(FakeUpscalerBase):
    """Nearest x2 that sleeps per call and counts its calls."""

    def __init__(self, delay: float) -> None:
        self._inner = ClassicalUpscaler("nearest", 2)
        self.name, self.scale, self.context, self.size_multiple, self.batch_size = \
            "slow", 2, 1, 1, 1
        self.delay, self.calls = delay, 0

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        self.calls += 1
        time.sleep(self.delay)
        return self._inner(tiles)


def _cancel_after(token: CancelToken, seconds: float) -> threading.Thread:
    t = threading.Timer(seconds, token.cancel)
    t.start()
    return t


def test_scope_is_per_thread_and_nests() -> None:
    a, b = CancelToken(), CancelToken()
    assert active_token() is None
    with cancel_scope(a):
        with cancel_scope(b):
            assert active_token() is b
        assert active_token() is a
        seen: list[object] = []
        th = threading.Thread(target=lambda: seen.append(active_token()))
        th.start()
        th.join()
        assert seen == [None]
    assert active_token() is None
    check_cancelled()   # no scope: nothing to raise


def test_cancel_stops_a_self_ensemble_tile_between_passes() -> None:
    inner = _Slow(0.15)
    up = SelfEnsemble(inner)
    token = CancelToken()
    img = np.zeros((12, 12, 3), np.uint8)
    timer = _cancel_after(token, 0.2)
    t0 = time.perf_counter()
    with pytest.raises(CancelledError):
        upscale_image(up, img, tile=None, cancel=token)   # one tile, 8 passes
    took = time.perf_counter() - t0
    timer.join()
    assert inner.calls < 8, "all 8 passes ran after the cancel"
    assert took < 0.2 + 2 * inner.delay, took


def test_cancel_between_chained_networks() -> None:
    first, second = _Slow(0.2), _Slow(0.0)
    token = CancelToken()
    timer = _cancel_after(token, 0.05)
    with pytest.raises(CancelledError):
        upscale_image(ChainedUpscaler(first, second), np.zeros((8, 8, 3), np.uint8),
                      tile=None, cancel=token)
    timer.join()
    assert (first.calls, second.calls) == (1, 0)


def test_cancel_lands_inside_one_forward_pass_of_a_network(tmp_path) -> None:
    from engine.cancel_scope import cancel_scope
    from engine.inference.upscalers import TorchUpscaler
    from engine.models.descriptor import LoadedModel
    from tests.conftest import save_tiny_model
    up = TorchUpscaler(LoadedModel.from_file(save_tiny_model(tmp_path)), "cpu", "fp32")
    tiles = np.zeros((1, 8, 8, 3), np.float32)
    seen: list[str] = []
    token = CancelToken()

    def cancel_in_first_layer(module, _inputs) -> None:
        seen.append(type(module).__name__)
        token.cancel()   # the user cancels while the first layer runs

    first = next(m for m in up.rgb.modules() if next(m.children(), None) is None)
    first.register_forward_hook(lambda m, i, o: cancel_in_first_layer(m, i))
    with cancel_scope(token), pytest.raises(CancelledError):
        up(tiles)
    assert len(seen) == 1          # stopped at the next layer, not at the end of the pass
    assert up(tiles).shape == (1, 16, 16, 3)   # outside the job's scope: runs as before
