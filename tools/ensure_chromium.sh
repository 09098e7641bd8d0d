#!/usr/bin/env bash
# Make sure a Chromium that the report's browser test (tests/test_report.py) can drive is installed: a system
# chromium on the PATH, else Playwright's own build (downloaded where the internet is reachable), else the system's
# package (apt). Used by the README's test command and by .ci/run; exits non-zero with a message if none can be had.
set -u
py="${PYTHON:-python}"
system() { command -v chromium || command -v chromium-browser || command -v google-chrome; } >/dev/null 2>&1
playwright_has() {
  "$py" - 2>/dev/null <<'PY'
from pathlib import Path
from playwright.sync_api import sync_playwright
with sync_playwright() as p: raise SystemExit(0 if Path(p.chromium.executable_path).exists() else 1)
PY
}
limited() { if command -v timeout >/dev/null 2>&1; then timeout 600 "$@"; else "$@"; fi; }   # macOS has no timeout
if system || playwright_has; then exit 0; fi
echo "ensure_chromium: installing Playwright's Chromium" >&2
if limited "$py" -m playwright install chromium >/dev/null 2>&1 && playwright_has; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""; if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi   # -n: never a password prompt; fails instead
  echo "ensure_chromium: no download possible; installing the system's chromium package (apt)" >&2
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium) >/dev/null 2>&1
  if system; then exit 0; fi
fi
echo "ensure_chromium: could not install Chromium; install it by hand (apt install chromium, or" \
     "python -m playwright install chromium) and run the tests again" >&2
exit 1
