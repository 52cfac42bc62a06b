"""Plans a queue run off the GUI thread: the engine's ``plan_job`` decides each row's
model (``auto`` reads every picture to judge its content) and output path, which takes
a moment per large image."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from app.gui.workers import Worker, one_line


class PlanWorker(Worker):
    """``planned(rows, settings)``: (row id, engine PlanItem) for every row, in order, and
    the JobSettings it was planned with; ``planFailed(row ids, message)`` when the request
    cannot run at all (unknown model, no model at the scale).  Connect both to methods of
    a QObject in the GUI thread, so they run there."""

    planned = Signal(object, object)
    planFailed = Signal(object, str)

    def __init__(self, rows: list[tuple[int, Path, Path | None]], settings: Any) -> None:
        super().__init__()
        self.rows = list(rows)
        self.settings = settings

    def work(self) -> None:
        from engine.errors import SRStudioError
        from engine.jobs.plan import plan_job
        roots = {path: root for _id, path, root in self.rows if root is not None}
        try:
            plan = plan_job([path for _id, path, _root in self.rows], self.settings.request(),
                            roots=roots)
        except (SRStudioError, OSError) as e:
            self.planFailed.emit([row_id for row_id, _p, _r in self.rows], one_line(e))
            return
        by_path = {item.input: item for item in plan.items}
        self.planned.emit([(row_id, by_path.get(path)) for row_id, path, _root in self.rows],
                          self.settings)
