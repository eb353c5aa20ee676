#!/usr/bin/env bash
# Installs the peer tools that Benchmarks/peers/*_job.* need, and what Benchmarks/run.sh times
# them with. Skips whatever is already installed.
#   Python (pip): polars, pandas, pyarrow (pandas' multi-threaded CSV engine), duckdb
#   Debian (apt): R with data.table and sampling, hyperfine, GNU time
#
# usage: Benchmarks/peers/install.sh   (PYTHON=python3 by default)
set -euo pipefail

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

PYTHON="${PYTHON:-python3}"

missing_pip=()
for module in polars pandas pyarrow duckdb; do
  if ! "$PYTHON" -c "import $module" 2> /dev/null; then
    missing_pip+=("$module")
  fi
done
if [ "${#missing_pip[@]}" -gt 0 ]; then
  echo "install: pip install ${missing_pip[*]}" >&2
  "$PYTHON" -m pip install --quiet "${missing_pip[@]}"
fi

missing_apt=()
for package in r-base-core r-cran-data.table r-cran-sampling hyperfine time; do
  if ! dpkg-query -W -f '${Status}' "$package" 2> /dev/null | grep -q "install ok installed"; then
    missing_apt+=("$package")
  fi
done
if [ "${#missing_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  echo "install: apt-get install ${missing_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" > /dev/null
fi

echo "peer tools:"
"$PYTHON" - << 'PY'
import duckdb, pandas, polars, pyarrow
print(f"  polars {polars.__version__}, pandas {pandas.__version__}, "
      f"pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}")
PY
Rscript -e 'cat(sprintf("  R %s, data.table %s, sampling %s\n", getRversion(),
  packageVersion("data.table"), packageVersion("sampling")))'
echo "  $(hyperfine --version)"
