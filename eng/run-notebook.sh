#!/usr/bin/env bash
# Runs one .NET Interactive notebook headlessly with the dotnet-repl local tool and fails when any
# cell fails (a compile error, an exception, or a check that throws).
#
#   bash eng/run-notebook.sh notebooks/01-derivatives.ipynb            # run; outputs to artifacts/
#   bash eng/run-notebook.sh --update notebooks/01-derivatives.ipynb   # run and write outputs back
#
# The notebooks reference the Release build of the libraries (eng/test.sh builds it first; run
# `dotnet build Optimize.sln -c Release` before running a notebook by hand). The executed notebook
# is always written to artifacts/notebooks/<name>.ipynb; --update also copies it over the committed
# notebook, so the outputs in the repository (plots included) come from a real run. Nothing depends
# on the committed outputs: every run starts from the cells' sources.
#
# Prints the run time of the notebook and of each cell, and every failing cell's error.
set -uo pipefail

update=false
if [ "${1:-}" = "--update" ]; then update=true; shift; fi
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: bash eng/run-notebook.sh [--update] notebooks/<name>.ipynb" >&2
  exit 64
fi
for tool in jq timeout; do
  command -v "$tool" >/dev/null || { echo "run-notebook: '$tool' is required" >&2; exit 69; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
notebook="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
name="$(basename "$notebook" .ipynb)"
out_dir="$root/artifacts/notebooks"
executed="$out_dir/$name.ipynb"
mkdir -p "$out_dir"
rm -f "$executed"

(cd "$root" && dotnet tool restore >/dev/null) || { echo "run-notebook: dotnet tool restore failed" >&2; exit 69; }

# Relative #r paths in the notebook are relative to the notebook's folder, as in an editor.
start=$(date +%s.%N)
(cd "$(dirname "$notebook")" && timeout 900 dotnet repl --run "$notebook" --exit-after-run \
  --output-format ipynb --output-path "$executed" < /dev/null)
status=$?
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

if [ ! -s "$executed" ]; then
  echo "notebook $name: no output notebook written (dotnet repl exit code $status)"
  exit 1
fi

# Per-cell run times from the timestamps dotnet-repl records.
jq -r '.cells | to_entries[] | select(.value.cell_type == "code")
  | .value.metadata as $m
  | select($m.dotnet_repl_cellExecutionStartTime != null)
  | def secs: sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdateiso8601;
    def frac: capture("\\.(?<f>[0-9]+)") | ("0." + .f | tonumber);
    ((($m.dotnet_repl_cellExecutionEndTime | secs) + ($m.dotnet_repl_cellExecutionEndTime | frac))
     - (($m.dotnet_repl_cellExecutionStartTime | secs) + ($m.dotnet_repl_cellExecutionStartTime | frac))) as $t
  | "  cell \(.key + 1) [\($m.polyglot_notebook.kernelName // $m.dotnet_interactive.language // "?")]: \($t * 10 | round / 10) s"' \
  "$executed" 2>/dev/null || true

errors=$(jq -r '.cells | to_entries[] | .key as $i | .value.outputs[]? | select(.output_type == "error")
  | "cell \($i + 1): \(.ename): \(.evalue | split("\n") | .[0:8] | join("\n"))"' "$executed")

# Keep the executed notebook readable and stable: drop the package-restore progress frames (only
# the final "Installed Packages" frame stays), the extension-loading notice (it names the local
# package cache) and the per-run timestamps.
jq --indent 1 '.cells |= map(
    (.metadata |= del(.dotnet_repl_cellExecutionStartTime, .dotnet_repl_cellExecutionEndTime))
    | if has("outputs") then .outputs |= map(select(
        (((.data["text/html"] // []) | join("") | test("<strong>Installing Packages</strong>"))
         or ((.data["text/plain"] // []) | join("") | startswith("Loading extensions from"))) | not))
      else . end)' "$executed" > "$executed.tmp" && mv "$executed.tmp" "$executed"

if [ "$status" -ne 0 ] || [ -n "$errors" ]; then
  [ -n "$errors" ] && echo "$errors"
  echo "notebook $name: FAILED after $elapsed s (dotnet repl exit code $status); executed notebook: $executed"
  exit 1
fi

if $update; then
  cp "$executed" "$notebook"
  echo "notebook $name: outputs written back to $notebook"
fi
echo "notebook $name: passed in $elapsed s"
