#!/usr/bin/env bash
# Execute notebooks in place at full size (not under nbdev-test), so that their stored outputs are what readers see
# and no more: TensorFlow's C++ start-up lines stay in the kernel's log instead of the cells (capture_fd_output=False),
# its Python logger says only errors (tf.function retracing notes are not results), and library warnings (tqdm's
# IProgress) are not printed. Run nbdev-clean afterwards.
#   bash tools/execute_notebooks.sh nbs/00a_data.ipynb [nbs/03_moving.ipynb ...]
set -euo pipefail
ipdir=$(mktemp -d); trap 'rm -rf "$ipdir"' EXIT
mkdir -p "$ipdir/profile_default/startup"
# a filter, not a level: TensorFlow sets its logger's level when it first logs
echo 'import logging; logging.getLogger("tensorflow").addFilter(lambda record: record.levelno >= logging.ERROR)' \
  > "$ipdir/profile_default/startup/00-quiet.py"
export IPYTHONDIR="$ipdir" TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore
for nb in "$@"; do
  start=$(date +%s)
  jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=3600 \
    '--ExecutePreprocessor.extra_arguments=["--IPKernelApp.capture_fd_output=False"]' "$nb" 2>/dev/null
  echo "$nb: $(( $(date +%s) - start )) s"
done
