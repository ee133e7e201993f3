#!/usr/bin/env bash
# Runs the GradBench rows of the BenchmarkDotNet suites (Gaussian mixture D = 10, K = 25, N = 1000; bundle adjustment
# ba1 and ba5), the tensor rows (TensorGradientBenchmarks: least squares 5000×1000 and the network 100–200–10 with a
# batch of 1000, f and f + ∇f through TensorObjective) and the same objectives in PyTorch (one thread, float64), in one
# run, and prints one table: time of f, time of f and its derivative, and their ratio. Needs Debian's python3-torch
# (/usr/bin/python3). Not part of the test suite.
#   bash eng/bench/gradbench-vs-pytorch.sh [--sweep | --tensor] [extra BenchmarkDotNet arguments]
# The tensor rows run twice: with the BLAS library the automatic choice loads (OpenBLAS on AMD processors, MKL on
# Intel ones, see LinearAlgebraBackend.AutomaticOrder) and with the other one; Debian's PyTorch calls OpenBLAS. All on
# one BLAS thread (OPTIMIZE_BLAS_THREADS=1, and the benchmark sets it), as PyTorch is (torch.set_num_threads(1),
# OPENBLAS_NUM_THREADS=1). With --tensor only the tensor rows run.
# With --sweep it also runs the Gaussian mixture over GradBench's sizes (D ∈ {2, 10, 20, 32, 64} × K ∈ {5, 10, 25,
# 50, 100}, N = 1000; f and f + ∇f by the generated code, three iterations each) and PyTorch at the same sizes, prints
# that table and writes a plot, an HTML page that carries plotly.js itself (taken from the Plotly.NET package the
# repository already uses), to ${GRADBENCH_PLOT:-artifacts/bench/gradbench-gmm-sweep.html}.
# The benchmarks run in process: on a busy machine BenchmarkDotNet's separate build can exceed its two-minute limit.
# BenchmarkDotNet's logs are kept in artifacts/bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
sweep=0
tensor=0
if [ "${1:-}" = "--sweep" ]; then sweep=1; shift; fi
if [ "${1:-}" = "--tensor" ]; then tensor=1; shift; fi
export OPTIMIZE_BLAS_THREADS=1 OPENBLAS_NUM_THREADS=1
artifacts=$(mktemp -d)
logs=artifacts/bench
mkdir -p "$logs"
trap 'cp "$artifacts"/*.log "$logs"/ 2>/dev/null; for d in "$artifacts"/*/results; do n=${d%/results}; n=${n##*/}; [ -d "$d" ] && mkdir -p "$logs/$n" && cp "$d"/*.json "$logs/$n"/; done; rm -rf "$artifacts"' EXIT
dotnet build src/Optimize.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly > "$artifacts/build.log"
tensors='*TensorGradientBenchmarks.Value*'
if [ "$tensor" -eq 1 ]; then filters=("$tensors"); else filters=('*GaussianMixtureBenchmarks*' '*BundleAdjustmentBenchmarks*' "$tensors"); fi
dotnet run -c Release --no-build --project src/Optimize.Benchmarks -- \
  --filter "${filters[@]}" --job short --inProcess --exporters json --artifacts "$artifacts/main" "$@" > "$artifacts/dotnet.log"
automatic=$(grep -h -m1 '^// BLAS' "$artifacts/dotnet.log" || true)
if [[ "$automatic" == *OpenBlas* ]]; then other=mkl; else other=openblas; fi
OPTIMIZE_BLAS=$other dotnet run -c Release --no-build --project src/Optimize.Benchmarks -- \
  --filter "$tensors" --job short --inProcess --exporters json --artifacts "$artifacts/other" "$@" > "$artifacts/other.log"
other_line=$(grep -h -m1 '^// BLAS' "$artifacts/other.log" || true)
printf '%s\n' "$automatic" "$other_line"
other_name=${other_line#// BLAS: }; other_name=${other_name%% *}
echo "// load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "$tensor" -eq 1 ]; then
  /usr/bin/python3 eng/bench/gradbench_vs_pytorch.py --tensor "$artifacts/main/results" "$artifacts/other/results" "$other_name"
else
  /usr/bin/python3 eng/bench/gradbench_vs_pytorch.py "$artifacts/main/results" "$artifacts/other/results" "$other_name"
fi
if [ "$sweep" -eq 1 ]; then
  dotnet run -c Release --no-build --project src/Optimize.Benchmarks -- \
    --filter '*GaussianMixtureSweepBenchmarks*' --launchCount 1 --warmupCount 1 --iterationCount 3 --inProcess \
    --exporters json --artifacts "$artifacts/sweep" "$@" > "$artifacts/sweep.log"
  plot=${GRADBENCH_PLOT:-$logs/gradbench-gmm-sweep.html}
  mkdir -p "$(dirname "$plot")"
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  version=$(sed -n 's/.*PackageVersion Include="Plotly.NET" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  /usr/bin/python3 eng/bench/gradbench_vs_pytorch.py --sweep "$artifacts/sweep/results" "$plot" \
    "$packages/plotly.net/$version/lib/netstandard2.0/Plotly.NET.dll"
fi
