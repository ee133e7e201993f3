#!/usr/bin/env bash
# Runs the GradBench rows of the BenchmarkDotNet suites (Gaussian mixture D = 10, K = 25, N = 1000; bundle adjustment
# ba1 and ba5) and the same objectives in PyTorch (one thread, float64), in one run, and prints one table: time of f,
# time of f and its derivative, and their ratio. Needs Debian's python3-torch (/usr/bin/python3). Not part of the test suite.
#   bash eng/bench/gradbench-vs-pytorch.sh [--sweep] [extra BenchmarkDotNet arguments]
# With --sweep it also runs the Gaussian mixture over GradBench's sizes (D ∈ {2, 10, 20, 32, 64} × K ∈ {5, 10, 25,
# 50, 100}, N = 1000; f and f + ∇f by the generated code, three iterations each) and PyTorch at the same sizes, prints
# that table and writes a plot, an HTML page that carries plotly.js itself (taken from the Plotly.NET package the
# repository already uses), to ${GRADBENCH_PLOT:-artifacts/bench/gradbench-gmm-sweep.html}.
# The benchmarks run in process: on a busy machine BenchmarkDotNet's separate build can exceed its two-minute limit.
# BenchmarkDotNet's logs are kept in artifacts/bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
sweep=0
if [ "${1:-}" = "--sweep" ]; then sweep=1; shift; fi
artifacts=$(mktemp -d)
logs=artifacts/bench
mkdir -p "$logs"
trap 'cp "$artifacts"/*.log "$logs"/ 2>/dev/null; rm -rf "$artifacts"' EXIT
dotnet build src/Optimize.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly > "$artifacts/build.log"
dotnet run -c Release --no-build --project src/Optimize.Benchmarks -- \
  --filter '*GaussianMixtureBenchmarks*' '*BundleAdjustmentBenchmarks*' \
  --job short --inProcess --exporters json --artifacts "$artifacts/main" "$@" > "$artifacts/dotnet.log"
/usr/bin/python3 eng/bench/gradbench_vs_pytorch.py "$artifacts/main/results"
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
