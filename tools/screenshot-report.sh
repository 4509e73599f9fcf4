#!/usr/bin/env bash
# Renders a report's index.html in headless Chromium (Debian package
# chromium) and saves a full-page screenshot, to look at what a reader sees.
# Usage: bash tools/screenshot-report.sh <report dir> [out.png] [width] [height]
set -euo pipefail
dir=$(cd "$1" && pwd)
out=${2:-$dir/screenshot.png}
width=${3:-1200}
height=${4:-12000}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
  echo "No Chromium found: apt-get install chromium" >&2
  exit 1
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="$width,$height" --screenshot="$out" \
  "file://$dir/index.html" >/dev/null 2>&1
echo "screenshot: $out"
