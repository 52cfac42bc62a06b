# dmgbuild settings for SR Studio's macOS disk images (both variants).
# scripts/build.py package runs, after an ad-hoc `codesign --force --deep --sign -`:
#   dmgbuild -s packaging/macos/dmg_settings.py -D app="dist/SR Studio.app" \
#            "SR Studio" out/SR-Studio-0.1.0-macos-arm64.dmg
# The window shows the app beside a link to /Applications: drag to install.
import os.path

app = defines.get("app", "dist/SR Studio.app")  # noqa: F821 - dmgbuild sets `defines`
app_name = os.path.basename(app)

format = "UDZO"              # zlib-compressed, read-only
filesystem = "HFS+"
files = [app]
symlinks = {"Applications": "/Applications"}
badge_icon = None
icon_locations = {app_name: (140, 120), "Applications": (500, 120)}
window_rect = ((100, 100), (640, 300))
default_view = "icon-view"
show_icon_preview = False
icon_size = 96
text_size = 12
