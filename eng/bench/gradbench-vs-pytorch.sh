#!/usr/bin/env bash
# Runs the GradBench rows of the BenchmarkDotNet suites (Gaussian mixture D = 10, K = 25, N = 1000; bundle adjustment
# ba1 and ba5) and the same objectives in PyTorch (one thread, float64), in one run, and prints one table: time of f,
# time of f and its derivative, and their ratio. Needs Debian's python3-torch (/usr/bin/python3). Not part of the test suite.
#   bash eng/bench/gradbench-vs-pytorch.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
dotnet run -c Release --project src/Optimize.Benchmarks -- \
  --filter '*GaussianMixtureBenchmarks*' '*BundleAdjustmentBenchmarks*' \
  --job short --exporters json --artifacts "$artifacts" "$@" > "$artifacts/dotnet.log"
/usr/bin/python3 eng/bench/gradbench_vs_pytorch.py "$artifacts/results"
