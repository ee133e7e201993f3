#!/usr/bin/env bash
# Builds the solution and runs every test runner: the xunit projects, the Expecto executable, the
# distributed checks under mpiexec (1, 2 and 4 processes) and the notebooks. Ends with one line
# "N passed, N failed" totalled over all of them; exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$PWD/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0

if ! dotnet build Optimize.sln -c Release -nologo -v quiet -clp:ErrorsOnly > "$results/build.log" 2>&1; then
  cat "$results/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

# xunit projects: counts from their TRX files.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  [ "$name" = Optimize.Distributed.MpiChecks ] && continue   # not xunit: run under mpiexec below
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || true
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  else
    echo "test: $name produced no results"; failed=$((failed + 1))
  fi
done

# Expecto: an executable whose summary line reads "... N passed, N ignored, N failed, N errored".
for project in tests/*/*.fsproj; do
  name=$(basename "$project" .fsproj)
  out="$results/$name.log"
  dotnet "tests/$name/bin/Release/net10.0/$name.dll" --summary --colours 0 2>&1 \
    | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' > "$out"
  grep -E 'FAIL|Failed|Errored|EXPECTO' "$out" | tail -n 40
  summary=$(grep -Eo '[0-9]+ passed, [0-9]+ ignored, [0-9]+ failed, [0-9]+ errored' "$out" | tail -n 1)
  if [ -n "$summary" ]; then
    read -r p _ _ _ f _ e _ <<< "${summary//,/}"
    passed=$((passed + p)); failed=$((failed + f + e))
  else
    echo "test: $name printed no summary"; failed=$((failed + 1))
  fi
done

# Distributed checks: one executable on every process of an mpiexec job; rank 0 prints
# "distributed (n=P): N passed, N failed". Each check counts once per process count.
checks=tests/Optimize.Distributed.MpiChecks/bin/Release/net10.0/Optimize.Distributed.MpiChecks.dll
for processes in 1 2 4; do
  out="$results/distributed-n$processes.log"
  if command -v mpiexec.mpich >/dev/null 2>&1; then
    timeout 300 mpiexec.mpich -n "$processes" dotnet "$checks" > "$out" 2>&1
  else
    echo "mpiexec.mpich not found (bash eng/setup.sh installs MPICH)" > "$out"
  fi
  grep -E 'FAILED|^  rank [0-9]+: ' "$out" | tail -n 40
  summary=$(grep -Eo "distributed \(n=$processes\): [0-9]+ passed, [0-9]+ failed" "$out" | tail -n 1)
  if [ -n "$summary" ]; then
    echo "$summary"
    read -r _ _ p _ f _ <<< "${summary//,/}"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "test: distributed checks on $processes processes printed no summary"; tail -n 20 "$out"; failed=$((failed + 1))
  fi
done

# Notebooks: each one counts as one test; a failing cell fails it.
for notebook in notebooks/*.ipynb; do
  [ -f "$notebook" ] || continue
  name=$(basename "$notebook" .ipynb)
  if bash eng/run-notebook.sh "$notebook" > "$results/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "notebook $name: passed"
  else
    failed=$((failed + 1)); echo "notebook $name: FAILED"; tail -n 40 "$results/$name.log"
  fi
done

# ---- Packages, README code, documentation, offline plots ---------------------------------------------------
# One pack of the Release build (version unique to the run) serves the consumer test and the README test;
# each prints "N passed, N failed", added to the totals. The docfx site and the offline-plot check of the
# executed notebooks count one test each.
count_script() {  # name, command...: runs it, prints its output, adds its final counts
  local name="$1"; shift
  local log="$results/$name.log"
  "$@" > "$log" 2>&1
  cat "$log"
  local summary
  summary=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    read -r p _ f _ <<< "${summary//,/}"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "test: $name printed no summary"; failed=$((failed + 1))
  fi
}
export OPTIMIZE_TEST_VERSION="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
count_script consumer-test bash eng/consumer-test.sh --no-build
count_script readme-test bash eng/readme-test.sh --no-build
unset OPTIMIZE_TEST_VERSION
if bash eng/docs.sh > "$results/docs.log" 2>&1; then
  passed=$((passed + 1)); echo "docs: docfx site without warnings: passed"
else
  failed=$((failed + 1)); echo "docs: docfx site: FAILED"; grep -iE 'warning|error' "$results/docs.log" | head -n 40
fi
offline=0
checked=0
for executed in artifacts/notebooks/*.ipynb; do
  [ -f "$executed" ] || continue
  if grep -qE 'cdn\.plot\.ly/plotly-|require\.min\.js|requirejs\.config|<script[^>]*src=' "$executed" || ! grep -q 'plotly.js v[0-9]' "$executed"; then
    echo "notebook $(basename "$executed"): loads plotly.js from outside instead of embedding it"; offline=1
  fi
  checked=$((checked + 1))
done
if [ "$offline" -eq 0 ] && [ "$checked" -gt 0 ]; then passed=$((passed + 1)); echo "notebooks embed plotly.js: passed"
else failed=$((failed + 1)); fi
# ---- end of the packages block ------------------------------------------------------------------------------

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
