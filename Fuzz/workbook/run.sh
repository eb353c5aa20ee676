#!/usr/bin/env bash
# Builds the workbook libFuzzer target and fuzzes it; see Fuzz/workbook/README.md.
#
#   Fuzz/workbook/run.sh [seconds]      default: 300 seconds
#
# The same as `Fuzz/run.sh [seconds] workbook`, which builds the library's dependencies (CSHA256,
# CScan, NearMatch) for every target; kept so that the commands in Fuzz/workbook/README.md still work.
set -euo pipefail
exec "$(dirname "$0")/../run.sh" "${1:-300}" workbook
