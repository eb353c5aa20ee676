#!/bin/sh
# Draws and finalizes the shipped example with the built casesample, then renders both report.html
# pages with headless Chromium (Debian's `chromium`: apt-get install -y chromium) to PNG and to A4 PDF,
# so that a person can look at what the organisation and the lead inspector will see.
#
#   scripts/render-reports.sh [OUT]      # OUT defaults to .build/reports
#
# Writes OUT/draw/…, OUT/draw-final/…, and OUT/draw-report.png, .pdf, OUT/final-report.png, .pdf.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/.build/reports"}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "render-reports.sh: no chromium on PATH (apt-get install -y chromium)" >&2; exit 1; }
(cd "$root" && swift build --product casesample >/dev/null)
casesample="$root/.build/debug/casesample"
rm -rf "$out/draw" "$out/draw-final"
mkdir -p "$out"
"$casesample" draw "$root/SampleSpecs/examples/long-list.csv" --size 120 --seed 7 --title "Example inspection" --out "$out/draw" >/dev/null
"$casesample" finalize --draw "$out/draw" --returned "$root/SampleSpecs/examples/returned.csv" >/dev/null
render() { # page.html name height
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --run-all-compositor-stages-before-draw --virtual-time-budget=5000 --user-data-dir="$profile" \
        --window-size=1000,"$3" --screenshot="$out/$2.png" "file://$1" >/dev/null 2>&1
    "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
        --no-pdf-header-footer --print-to-pdf="$out/$2.pdf" "file://$1" >/dev/null 2>&1
    rm -rf "$profile"
    echo "wrote $out/$2.png and $out/$2.pdf"
}
render "$out/draw/report.html" draw-report "${DRAW_HEIGHT:-1400}"
render "$out/draw-final/report.html" final-report "${FINAL_HEIGHT:-1400}"
