"""Translations: the German .ts is complete and compiled, and the app starts in German
when the system locale is German; the lean build's Train tab says it needs the full build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
I18N = REPO / "app" / "gui" / "i18n"
SHIPPED = sorted(I18N.glob("srstudio_*.ts"))


def _unfinished(ts: Path) -> list[str]:
    """Sources without a translation.  Entries in the empty context that carry a comment
    are lupdate's misreading of ``tr = QCoreApplication.translate; tr("About", text)``
    (context taken as the source): no lookup ever asks for them."""
    missing = []
    for ctx in ET.parse(ts).getroot():
        for m in ctx.findall("message"):
            t = m.find("translation")
            if t is not None and t.get("type") in ("obsolete", "vanished"):
                continue
            if not ctx.findtext("name") and m.find("comment") is not None:
                continue
            if t is None or t.get("type") == "unfinished" or not (t.text or "").strip():
                missing.append(f"{ctx.findtext('name')}: {m.findtext('source')}")
    return missing


@pytest.mark.parametrize("ts", SHIPPED, ids=lambda p: p.stem)
def test_every_string_is_translated(ts: Path) -> None:
    assert _unfinished(ts) == []


def test_sources_are_current_and_compiled(tmp_path: Path) -> None:
    """Every tr() string of app/gui is in each .ts (lupdate finds nothing new), and each
    shipped .qm is what lrelease makes of its .ts."""
    sys.path.insert(0, str(REPO / "scripts"))
    import translations as tools  # scripts/translations.py
    assert SHIPPED, "no .ts files"
    for ts in SHIPPED:
        copy = tmp_path / ts.name
        copy.write_bytes(ts.read_bytes())
        out = subprocess.run([tools.tool("pyside6-lupdate"), *tools.sources(), "-ts",
                              str(copy), "-locations", "none"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
        assert "(0 new and" in out, out
    for qm in tools.release(tmp_path):
        assert qm.read_bytes() == (I18N / qm.name).read_bytes(), \
            f"{qm.name} is stale: python scripts/translations.py release"


PROBE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import app.gui.main as m
from app.gui.main_window import MainWindow

def report():
    w = next(x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow))
    print("PROBE " + json.dumps({"tabs": [w.tabs.tabText(i) for i in range(w.tabs.count())],
          "menus": [a.text() for a in w.menuBar().actions()]}), flush=True)
    QApplication.quit()

create = m.create_app
def create_app(argv=None):
    app = create(argv)
    QTimer.singleShot(1500, report)
    return app
m.create_app = create_app
sys.exit(m.main([]))
"""


def _start_app(tmp_path: Path, lang: str) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "SRSTUDIO_LANG")}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
               SRSTUDIO_USER_MODELS_DIR=str(tmp_path / "user"),
               SRSTUDIO_CACHE_DIR=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                       text=True, timeout=120, cwd=tmp_path)
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("PROBE ")), None)
    assert line, r.stdout + r.stderr
    return json.loads(line[6:])


def test_app_starts_in_german_under_a_german_locale(tmp_path: Path) -> None:
    shown = _start_app(tmp_path, "de_DE.UTF-8")
    assert shown["tabs"][:2] == ["Hochskalieren", "Trainieren"]
    assert shown["menus"][0] == "&Datei" and "&Hilfe" in shown["menus"]


def test_app_stays_english_under_an_english_locale(tmp_path: Path) -> None:
    shown = _start_app(tmp_path, "en_US.UTF-8")
    assert shown["tabs"][:2] == ["Upscale", "Train"]
    assert shown["menus"][0] == "&File"


def test_choose_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.translations import choose_language
    monkeypatch.delenv("SRSTUDIO_LANG", raising=False)
    assert choose_language("de") == "de" and choose_language("de_AT") == "de"
    assert choose_language("xx_YY") == "en"
    monkeypatch.setenv("SRSTUDIO_LANG", "de")
    assert choose_language("en") == "de"


def test_lean_build_train_tab_says_it_needs_the_full_build(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.models.builds as builds
    from app.gui.trainer_tab import TrainerTab
    monkeypatch.setattr(builds, "torch_available", lambda: False)
    tab = TrainerTab(tmp_path / "runs")
    qtbot.addWidget(tab)
    notice = tab.full_build_notice
    assert notice is not None and "full build" in notice.text()
    assert "SR Studio Pro" in notice.text()
    assert not tab.start_button.isEnabled() or not tab.start_button.isEnabledTo(tab)
    monkeypatch.setattr(builds, "torch_available", lambda: True)
    full = TrainerTab(tmp_path / "runs2")
    qtbot.addWidget(full)
    assert full.full_build_notice is None
