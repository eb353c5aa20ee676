#!/usr/bin/env bash
# Installs the peer tools that Benchmarks/peers/*_job.* are timed against.
# Idempotent: pip and apt-get skip what is already installed.
#   Python: polars, pandas, pyarrow (pandas' fast CSV engine), duckdb
#   Debian: R with data.table, and hyperfine for timing
set -euo pipefail

PYTHON="${PYTHON:-python3}"

"$PYTHON" -m pip install --quiet --upgrade polars pandas pyarrow duckdb

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends r-base-core r-cran-data.table hyperfine

echo "peer tools:"
"$PYTHON" - <<'PY'
import duckdb, pandas, polars, pyarrow
print(f"  polars {polars.__version__}, pandas {pandas.__version__}, "
      f"pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}")
PY
Rscript -e 'cat(sprintf("  R %s, data.table %s\n", getRversion(), packageVersion("data.table")))'
echo "  $(hyperfine --version)"
