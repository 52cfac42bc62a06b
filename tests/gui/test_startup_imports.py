"""The GUI thread must not import torch (seconds of start-up) before the models worker does:
importing the window and sorting dropped files into images and videos stays torch-free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from pathlib import Path
import app.gui.main_window
from app.gui.queue_texts import video_extensions
from engine.video.files import is_video, iter_video_files, split_inputs
folder = Path(sys.argv[1])
(folder / "clip.mp4").write_bytes(b"")
(folder / "photo.png").write_bytes(b"")
assert ".mkv" in video_extensions()
images, videos = split_inputs([folder])
assert videos == [folder / "clip.mp4"], videos
assert is_video("a.MOV") and not is_video("a.png")
heavy = sorted(m for m in ("torch", "av", "cv2") if m in sys.modules)
print("loaded:", heavy)
assert "torch" not in sys.modules
"""


def test_window_module_and_video_sorting_do_not_import_torch(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
