"""Translations: every shipped language (German, Spanish, French, Japanese, Simplified
Chinese, Brazilian Portuguese) is complete, keeps the source's placeholders, accelerators and
plural forms, is compiled, and fits the window on a 1280-pixel-wide screen; the app starts in
the system's language; the lean build's Train tab says it needs the full build."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
I18N = REPO / "app" / "gui" / "i18n"
SHIPPED = sorted(I18N.glob("srstudio_*.ts"))
REQUIRED = ("de", "es", "fr", "ja", "zh_CN", "pt_BR")
"""The languages the release promises (issue 22); each must be shipped and complete."""


def _messages(ts: Path):
    """(context, source, translated texts, translation element) of each live message;
    a numerus message has one text per plural form."""
    for ctx in ET.parse(ts).getroot():
        for m in ctx.findall("message"):
            t = m.find("translation")
            if t is not None and t.get("type") in ("obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in t.findall("numerusform")] if t is not None else []
            texts = forms if m.get("numerus") == "yes" else [t.text or "" if t is not None
                                                              else ""]
            yield ctx.findtext("name") or "", m.findtext("source") or "", texts, t


def _unfinished(ts: Path) -> list[str]:
    """Sources without a translation (or a plural form left empty)."""
    return [f"{ctx}: {src}" for ctx, src, texts, t in _messages(ts)
            if t is None or t.get("type") == "unfinished"
            or not all(x.strip() for x in texts)]


def _fields(text: str) -> list[str]:
    """The str.format fields of a text ('{name}', '{sec:.1f}' -> 'name', 'sec:.1f')."""
    return sorted(f"{f}:{spec}" for _, f, spec, _ in string.Formatter().parse(text)
                  if f is not None)


def test_the_promised_languages_are_shipped() -> None:
    from app.gui.translations import LANGUAGES
    stems = {p.stem.removeprefix("srstudio_") for p in SHIPPED}
    assert set(REQUIRED) <= stems
    assert set(LANGUAGES) == stems | {"en"}, "the Language menu lists what is shipped"
    for lang in stems:
        assert (I18N / f"srstudio_{lang}.qm").is_file(), lang


@pytest.mark.parametrize("lang", REQUIRED)
def test_every_string_is_translated(lang: str) -> None:
    assert _unfinished(I18N / f"srstudio_{lang}.ts") == []


@pytest.mark.parametrize("lang", REQUIRED)
def test_translations_keep_placeholders_accelerators_and_plurals(lang: str) -> None:
    """A lost or misspelt '{name}' raises KeyError in .format() (or shows nothing); a
    lost '&' leaves a menu without its Alt key; a plural form without %n shows no count."""
    wrong = []
    for ctx, src, texts, _ in _messages(I18N / f"srstudio_{lang}.ts"):
        for text in texts:
            if _fields(text) != _fields(src):
                wrong.append(f"{ctx}: {src!r} -> {text!r} (fields)")
            accel = "&" in src.replace("&&", "") and ";;" not in src
            if accel != ("&" in text.replace("&&", "")):
                wrong.append(f"{ctx}: {src!r} -> {text!r} (&)")
            if "%n" in src and "%n" not in text:
                wrong.append(f"{ctx}: {src!r} -> {text!r} (%n)")
            if src.count("\n") != text.count("\n"):
                wrong.append(f"{ctx}: {src!r} -> {text!r} (line breaks)")
    assert wrong == []


@pytest.mark.parametrize("lang", REQUIRED)
def test_the_app_shows_every_translation(qapp, lang: str) -> None:
    """Each string looked up as the app does (``tr()`` on an object of the context's class,
    through the installed translator) gives its translation: a translation equal to its
    source ('Status', 'Format', 'Import…') once came back empty, blank labels."""
    from PySide6.QtCore import QCoreApplication, QObject

    from app.gui.translations import I18N_DIR, _Translator
    translator = _Translator()
    assert translator.load(str(I18N_DIR / f"srstudio_{lang}.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        messages = list(_messages(I18N / f"srstudio_{lang}.ts"))
        named = {(ctx, src) for ctx, src, _, _ in messages if ctx}
        wrong = []
        for ctx, src, texts, _ in messages:
            # the context-less and 'win' entries are main_menus' tr = win.tr: MainWindow
            cls_name = ctx if ctx not in ("", "win") else "MainWindow"
            if cls_name != ctx and ("MainWindow", src) in named:
                continue
            obj = type(cls_name, (QObject,), {})()
            if len(texts) > 1 or "%n" in src:
                got = [obj.tr(src, None, 1), obj.tr(src, None, 5)]
                want = [texts[0].replace("%n", "1"), texts[-1].replace("%n", "5")]
            else:
                got, want = [obj.tr(src)], texts
            if got != want:
                wrong.append(f"{ctx}: {src!r}: {got!r}, not {want!r}")
        assert wrong == []
    finally:
        QCoreApplication.removeTranslator(translator)


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


def test_app_starts_in_japanese_under_a_japanese_locale(tmp_path: Path) -> None:
    shown = _start_app(tmp_path, "ja_JP.UTF-8")
    assert shown["tabs"][:2] == ["アップスケール", "学習"]
    assert shown["menus"][0] == "ファイル(&F)" and "ヘルプ(&H)" in shown["menus"]


def test_app_stays_english_under_an_english_locale(tmp_path: Path) -> None:
    shown = _start_app(tmp_path, "en_US.UTF-8")
    assert shown["tabs"][:2] == ["Upscale", "Train"]
    assert shown["menus"][0] == "&File"


def test_choose_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui.translations import choose_language
    monkeypatch.delenv("SRSTUDIO_LANG", raising=False)
    assert choose_language("de") == "de" and choose_language("de_AT") == "de"
    assert choose_language("xx_YY") == "en"
    # a region we do not ship gets the one we do for its language
    assert choose_language("pt_BR") == "pt_BR" and choose_language("pt_PT") == "pt_BR"
    assert choose_language("zh_CN") == "zh_CN" and choose_language("zh-Hans") == "zh_CN"
    assert choose_language("ja_JP.UTF-8") == "ja" and choose_language("fr_CA") == "fr"
    assert choose_language("es_MX") == "es"
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


SMALLEST_SCREEN_WIDTH = 1280
"""The narrowest screen the app supports (scripts/layout_shots.py, 1280x720)."""


@pytest.mark.parametrize("lang", ("en", *REQUIRED))
def test_the_window_fits_a_1280_pixel_screen_in_every_language(qtbot, lang: str) -> None:
    """Longer words must not push the window's minimum width past the screen (German's
    'Einpassen' and 'Importieren…' once did: 1315 pixels, its right edge off screen)."""
    from PySide6.QtCore import QCoreApplication

    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    from app.gui.translations import I18N_DIR, _Translator
    app = QCoreApplication.instance()
    translator = _Translator()
    if lang != "en":
        assert translator.load(str(I18N_DIR / f"srstudio_{lang}.qm"))
        app.installTranslator(translator)
    try:
        win = MainWindow(SettingsStore())
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.catalog.models_loaded, timeout=30000)
        width = win.minimumSizeHint().width()
        assert width <= SMALLEST_SCREEN_WIDTH, f"{lang}: the window needs {width} pixels"
        win.close()
    finally:
        app.removeTranslator(translator)


def test_toolbar_buttons_drop_the_menus_accelerators() -> None:
    """Japanese and Chinese menus end in '(&O)'; Qt left '(O)' on the toolbar's buttons."""
    from app.gui.main_menus import toolbar_text
    assert toolbar_text("画像または動画を開く(&O)…") == "画像または動画を開く"
    assert toolbar_text("开始(&S)") == "开始"
    assert toolbar_text("&Open images or videos…") == "Open images or videos"
    assert toolbar_text("Tout a&nnuler") == "Tout annuler" and toolbar_text("R&&D") == "R&D"
