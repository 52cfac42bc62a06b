"""The web page in a real browser: headless Chromium opens /, uploads a picture through the
file input, follows the job, and shows the before/after slider and the download link.
Skipped where Chromium is not installed (.ci/run installs it on Debian-like CI)."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.conftest import photo_like
from tests.server.browser import Browser, find_chromium, screenshot, upload_through_page

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed")


def test_the_page_uploads_a_picture_and_shows_the_slider(serve, tmp_path):
    live = serve()
    img = tmp_path / "scene.png"
    Image.fromarray(photo_like(60, 80)).save(img)
    browser = Browser(find_chromium())
    try:
        page = browser.page(live.url + "/")
        assert page.js("document.title") == "SR Studio server"
        seen = upload_through_page(page, img, "fast", 2)
        screenshot(page, tmp_path / "page.png")
        # nothing came from anywhere but the server
        hosts = page.js("[...performance.getEntriesByType('resource')]"
                        ".map(e => new URL(e.name).host)")
    finally:
        browser.close()
    assert seen["size"] == [160, 120], seen
    assert seen["state"].startswith("done: tiny_x2, 80×60 → 160×120, "), seen
    assert seen["before_loaded"] == 80
    assert "70%" in seen["clip"]                 # the slider at 30 % shows 30 % of 'before'
    assert seen["download"] == ["scene_x2_tiny_x2.png", "blob:"]
    assert all(h in ("", f"127.0.0.1:{live.port}") for h in hosts), hosts
    assert (tmp_path / "page.png").stat().st_size > 1000
