"""The release workflow (.github/workflows/release.yml) cannot run here: check what can be.

It parses; it builds every platform the release promises; each step is an action or a
shell command; every repository file a command names exists; every ``scripts/build.py``
call is one its parser accepts; and the packaging files ``scripts/build.py`` hands to
Inno Setup and dmgbuild exist.  actionlint runs on it in the workflow's own ``lint`` job.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _commands() -> list[str]:
    lines = []
    for job in _workflow()["jobs"].values():
        for step in job["steps"]:
            lines += [ln.strip() for ln in str(step.get("run", "")).splitlines() if ln.strip()]
    return lines


def test_it_parses_and_every_step_is_an_action_or_a_command() -> None:
    wf = _workflow()
    assert wf["name"] == "release"
    on = wf.get("on", wf.get(True))      # YAML 1.1 reads a bare `on` as True
    assert "tags" in on["push"] and "workflow_dispatch" in on
    for name, job in wf["jobs"].items():
        assert "runs-on" in job, name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (name, step)


def test_it_builds_every_promised_platform() -> None:
    matrix = _workflow()["jobs"]["build"]["strategy"]["matrix"]["include"]
    platforms = {m["platform"] for m in matrix}
    assert platforms == {"windows-x64", "macos-arm64", "macos-x64", "linux-x64"}
    assert _workflow()["jobs"]["release"]["if"].startswith("startsWith(github.ref, 'refs/tags/v')")


def test_every_file_it_names_exists() -> None:
    named = set()
    for line in _commands():
        named |= set(re.findall(r"(?<![\w/.])(?:scripts|packaging|\.github)/[\w./-]+", line))
    assert named, "no repository paths found in the workflow's commands"
    for rel in named:
        assert (REPO / rel).exists(), rel
    for rel in ("packaging/windows/srstudio.iss", "packaging/macos/dmg_settings.py",
                "packaging/srstudio.spec"):
        assert (REPO / rel).is_file(), rel


def test_every_build_script_call_parses(monkeypatch) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import build
    calls = [shlex.split(ln) for ln in _commands() if "scripts/build.py" in ln]
    assert {c[c.index("scripts/build.py") + 1] for c in calls} >= {"lean", "full", "package"}
    seen = []
    monkeypatch.setattr(build, "build", lambda *a: seen.append(("build", a)))
    monkeypatch.setattr(build, "selftest", lambda *a: seen.append(("selftest", a)) or 0)
    monkeypatch.setattr(build, "package", lambda *a: seen.append(("package", a)))
    for c in calls:
        assert build.main(c[c.index("scripts/build.py") + 1:]) == 0, c
    assert [k for k, _ in seen].count("selftest") == 2      # both variants test themselves
