#!/usr/bin/env bash
# One-command set-up and run on a fresh machine that has Python 3.11, pip and apt.
#   bash quickstart.sh study [snakemake args...]   run the default study end to end
#   bash quickstart.sh test  [pytest args...]      run ruff and the test suite
#     -m "not slow": the fast tier only. As root on Linux with apt-get (CI) the suite includes
#     tests/test_cluster.py, which installs munge and SLURM with apt-get and starts their
#     daemons on localhost; skip it with LINDBATH_SKIP_SLURM=1 or -m "not slurm".
# The virtual environment lives in .venv and is reused (re-installed when pyproject.toml changes).
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv
stamp="$venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)"

python_bin=$(command -v python3.11 || command -v python3)
if [ ! -x "$venv/bin/python" ]; then
    if ! "$python_bin" -m venv "$venv" 2>/dev/null; then
        echo "quickstart: python venv module missing; installing python3-venv with apt" >&2
        apt-get update -qq && apt-get install -y -qq python3-venv
        "$python_bin" -m venv "$venv"
    fi
fi
if [ ! -e "$stamp" ]; then
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -e ".[workflow,test]"
    touch "$stamp"
fi
export PATH="$PWD/$venv/bin:$PATH"
export MPLBACKEND=Agg
# One BLAS thread per process: on 2 cores, OpenBLAS threads competing with parallel jobs
# made small eigh/expm calls 10-600x slower (measured). Override by exporting your own.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

case "${1:-}" in
    study)
        shift
        snakemake --cores 2 "$@"
        ;;
    test)
        shift
        ruff check src tests workflow benchmarks
        python -m pytest -q "$@"
        ;;
    *)
        echo "usage: bash quickstart.sh study|test [extra args]" >&2
        exit 2
        ;;
esac
