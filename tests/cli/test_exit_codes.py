"""One table of exit codes for every command, and interrupts (Ctrl-C, SIGTERM) at any
moment give exit 130 with one line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main as cli
from engine import exit_codes

REPO = Path(__file__).resolve().parents[2]


def _ctrl_c_on() -> None:
    """The child takes Ctrl-C even when the suite runs as a background job (whose shell
    set SIGINT to ignored, which children inherit)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


CTRL_C_ON = _ctrl_c_on if os.name == "posix" else None


def test_every_command_uses_the_one_table() -> None:
    import app.cli.exit_codes as app_codes
    import trainer.cli as train_cli

    for name in ("EXIT_OK", "EXIT_ERROR", "EXIT_INPUT_FAILED", "EXIT_CANCELLED"):
        assert getattr(app_codes, name) == getattr(exit_codes, name)
    assert train_cli.EXIT_CONFIG == exit_codes.EXIT_ERROR   # a bad config: setup error
    assert (exit_codes.EXIT_OK, exit_codes.EXIT_ERROR, exit_codes.EXIT_INPUT_FAILED,
            exit_codes.EXIT_CANCELLED) == (0, 1, 2, 130)


@pytest.mark.parametrize("command", ["train", "train-colorize"])
def test_a_bad_training_config_is_a_setup_error_not_a_failed_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    """2 means 'an input failed' for upscale; train used it for 'bad config'."""
    recipe = tmp_path / "bad.toml"
    recipe.write_text("[model]\nno_such_key = 1\n")
    assert cli.main([command, str(recipe)]) == exit_codes.EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no_such_key" in err[0]


def test_a_usage_error_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["upscale"])   # no INPUT
    assert e.value.code == exit_codes.EXIT_ERROR
    with pytest.raises(SystemExit) as e:
        cli.main(["upscale", "x.png", "--scale", "5"])
    assert e.value.code == exit_codes.EXIT_ERROR
    with pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0


def test_ctrl_c_before_any_command_runs_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C during the first imports (building the parser, importing torch) printed a
    KeyboardInterrupt traceback."""
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["models"]) == exit_codes.EXIT_CANCELLED
    assert capsys.readouterr().err == "srstudio: cancelled\n"


def test_the_handlers_are_restored_after_main(monkeypatch: pytest.MonkeyPatch) -> None:
    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(cli, "_main", lambda argv: 0)
    assert cli.main([]) == 0
    assert signal.getsignal(signal.SIGTERM) == before


_SLOW_COMMAND = """
import sys, time
import app.cli.main as m
def slow(args):
    print("ready", flush=True)
    time.sleep(60)
    return 0
m.cmd_models = slow
sys.exit(m.main(["models"]))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_is_handled_like_ctrl_c() -> None:
    """SIGTERM killed the process on the spot (exit -15, part files left, no message)."""
    p = subprocess.Popen(preexec_fn=CTRL_C_ON,
                         args=[sys.executable, "-c", _SLOW_COMMAND], cwd=REPO, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        p.send_signal(signal.SIGTERM)
        _out, err = p.communicate(timeout=30)
    finally:
        p.kill()
    assert p.returncode == exit_codes.EXIT_CANCELLED
    assert err == "srstudio: cancelled\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_while_torch_is_imported_is_one_line(tmp_path: Path) -> None:
    """An interrupt while `upscale` imports torch (about 2 s of imports).  A resizer no
    longer imports torch at all (the lean path), so the job runs a network on a real file."""
    from PIL import Image
    Image.new("RGB", (16, 16)).save(tmp_path / "x.png")
    script = ("import sys\nprint('ready', flush=True)\nfrom app.cli.main import main\n"
              f"sys.exit(main(['upscale', {str(tmp_path / 'x.png')!r}, '-m', 'fast', '-s', '2',"
              f" '-o', {str(tmp_path / 'y.png')!r}]))\n")
    p = subprocess.Popen(preexec_fn=CTRL_C_ON,
                         args=[sys.executable, "-c", script], cwd=REPO, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        time.sleep(0.4)
        p.send_signal(signal.SIGINT)
        _out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert "Traceback" not in err
    assert p.returncode == exit_codes.EXIT_CANCELLED, err
    assert len(err.strip().splitlines()) == 1, err


_SLOW_WRITE = """
import sys, time
from pathlib import Path
import app.cli.main as m
from engine.io.atomic import atomic_output
def slow(args):
    with atomic_output(Path(sys.argv[1])) as tmp:
        tmp.write_bytes(b"half")
        print("ready", flush=True)
        time.sleep(60)
    return 0
m.cmd_models = slow
sys.exit(m.main(["models"]))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_during_a_write_leaves_no_part_file(tmp_path: Path) -> None:
    p = subprocess.Popen(preexec_fn=CTRL_C_ON,
                         args=[sys.executable, "-c", _SLOW_WRITE, str(tmp_path / "out.png")],
                         cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        assert [f.name for f in tmp_path.iterdir() if ".part" in f.name]
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=30)
    finally:
        p.kill()
    assert p.returncode == exit_codes.EXIT_CANCELLED
    assert list(tmp_path.iterdir()) == []
