"""Workers: QObjects that call the engine in a QThread and re-emit its events as signals.

The GUI thread never runs inference, evaluation, training or big image decoding: each of
those is a :class:`Worker` moved to its own QThread by :class:`WorkerHost`.  The engine's
plain-Python progress callbacks run in the worker thread and become queued Qt signals;
a :class:`engine.events.CancelToken` is how the GUI asks a worker to stop.

Signals are only ever connected to methods of GUI-thread QObjects (never to lambdas,
which PySide would call directly in the worker thread).

The workers themselves live beside this module, one module per job:
:mod:`app.gui.catalog_workers` (models, devices, encoders, importing a model),
:mod:`app.gui.upscale_worker` (the queue's upscale runs and their live previews),
:mod:`app.gui.media_workers` (decoding images and video frames for the viewer, probing
queued videos), :mod:`app.gui.score_workers` (self-check and reference scores) and
:mod:`app.gui.train_worker` (the Train tab's training runs).
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QThread, Signal, Slot


def one_line(err: BaseException) -> str:
    """The first line of an error's message (its type name if it has none)."""
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


class Worker(QObject):
    """Base: ``run`` calls ``work`` and always emits ``finished``; errors become ``failed``."""

    finished = Signal()
    failed = Signal(str)
    message = Signal(str, str)   # text, level ('info', 'warning', 'error')

    def __init__(self) -> None:
        super().__init__()
        from engine.events import CancelToken
        self.cancel_token = CancelToken()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @Slot()
    def run(self) -> None:
        from engine.errors import CancelledError, SRStudioError
        try:
            self.work()
        except CancelledError:
            self.message.emit(self.tr("cancelled"), "info")
        except SRStudioError as e:  # an expected, one-line error: no traceback
            self.message.emit(str(e), "error")
            self.failed.emit(one_line(e))
        except Exception as e:  # shown in the window, with the traceback in the log
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            self.failed.emit(one_line(e))
        finally:
            self.finished.emit()

    def work(self) -> None:
        raise NotImplementedError


class WorkerHost(QObject):
    """Starts workers in threads, keeps them alive while running, stops them at exit.

    A QThread object must never be destroyed while its thread runs (Qt aborts the process:
    "QThread: Destroyed while thread is still running"), so the host keeps every thread
    until it has finished, and ``idle`` tells the window when the last one has.
    """

    idle = Signal()   # the last running worker's thread has finished

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[QThread, Worker] = {}

    def start(self, worker: Worker) -> QThread:
        thread = QThread()
        thread.setObjectName(type(worker).__name__)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._running[thread] = worker
        thread.start()
        return thread

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()
            worker = self._running.pop(thread, None)
            if worker is not None:
                worker.deleteLater()
            thread.deleteLater()
            if not self._running:
                self.idle.emit()

    def busy(self) -> bool:
        return bool(self._running)

    def workers(self) -> list[Worker]:
        return list(self._running.values())

    def cancel_all(self) -> None:
        """Ask every running worker to stop (each ends at its next cancel check)."""
        for worker in list(self._running.values()):
            worker.cancel()

    def shutdown(self) -> None:
        """Cancel everything and wait until every thread has ended (the last resort at exit;
        the window normally waits for ``idle`` without blocking).  No time limit: a thread
        destroyed while running aborts the process, and cancel reaches every worker's
        long work, so each ends within about a second (listing models: a few seconds)."""
        self.cancel_all()
        for thread in list(self._running):
            thread.quit()
            thread.wait()
        self._running.clear()
