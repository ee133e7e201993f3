#!/usr/bin/env bash
# The packages as a user gets them. Packs the solution into artifacts/packages with a version unique
# to this run, then, in a temporary folder outside the repository (so that none of its build files
# apply), with the machine's NuGet configuration plus that folder as the only extra source:
#   1. the pack made the nine packages (and their symbol packages) and printed no warning;
#   1b. each carries the metadata, LICENSE and README; Optimize.AutoDiff the generator; Optimize.Cli is a tool;
#   2. the C# console project of tests/consumer/csharp restores from the packages, compiles (its
#      [GenerateDerivatives] needs the generator inside Optimize.AutoDiff) and finds Rosenbrock's minimum;
#   3. tests/consumer/fsharp/consumer.fsx, which has exactly one #r line, run by `dotnet fsi`, finds it too (one
#      call, and Newton on reverse-mode Hessian-vector products);
#   4. `dotnet tool install --tool-path` installs the optimize tool from the folder;
#   5. `optimize problems` runs and lists the problem library.
# Ends with "N passed, N failed", one test per check; exits non-zero when one failed.
#
#   bash eng/consumer-test.sh               pack (building as needed), then check
#   bash eng/consumer-test.sh --no-build    pack what `dotnet build -c Release` already built
#   bash eng/consumer-test.sh --fresh-clone clone HEAD into a temporary folder and time everything from
#                                           the clone to the first result through the packages
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

if [ "${1:-}" = "--fresh-clone" ]; then
  clone=$(mktemp -d)
  trap 'rm -rf "$clone"' EXIT
  start=$(date +%s)
  git clone -q "$root" "$clone/optimize" && bash "$clone/optimize/eng/consumer-test.sh"
  status=$?
  echo "fresh clone to first result through the packages: $(( $(date +%s) - start )) s"
  exit $status
fi
build_flag=()
[ "${1:-}" = "--no-build" ] && build_flag=(--no-build)

# OPTIMIZE_TEST_VERSION lets eng/test.sh share one pack with eng/readme-test.sh.
version="${OPTIMIZE_TEST_VERSION:-0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$}"
packages="$root/artifacts/packages"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  # Only this run's versions: an earlier or concurrent run's packages are left alone.
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/optimize/"$version" "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/optimize.*/"$version"
}
trap cleanup EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "consumer: $1: passed"; }
fail() { failed=$((failed + 1)); echo "consumer: $1: FAILED"; [ -f "${2:-}" ] && tail -n 40 "$2"; }

start=$(date +%s)
rm -f "$packages"/Optimize.*.nupkg "$packages"/Optimize.*.snupkg
expected="Optimize Optimize.AutoDiff Optimize.Cli Optimize.Core Optimize.Differentiable Optimize.Distributed Optimize.FSharp Optimize.Problems Optimize.Solvers"
if bash eng/pack-local.sh "${version#0.1.0-}" "${build_flag[@]}" > "$work/pack.log" 2>&1 \
   && ! grep -qiE '(^|[^0-9a-z])warning ' "$work/pack.log"; then
  made=$(cd "$packages" && ls *."$version".nupkg | sed "s/\.$version\.nupkg//" | sort | tr '\n' ' ' | sed 's/ $//')
  symbols=$(cd "$packages" && ls *."$version".snupkg 2>/dev/null | wc -l)
  if [ "$made" = "$expected" ] && [ "$symbols" -eq 9 ]; then
    pass "pack made $made with symbols"
    (cd "$packages" && ls -l *."$version".*nupkg | awk '{printf "  %9d  %s\n", $5, $9}')
  else
    echo "made: $made ($symbols symbol packages); expected: $expected"; fail "pack" "$work/pack.log"
  fi
else
  fail "pack without warnings" "$work/pack.log"
fi

# Metadata from eng/Packaging.props in every package; the generator inside Optimize.AutoDiff; the CLI a tool.
metadata_errors=""
for id in $expected; do
  package="$packages/$id.$version.nupkg"
  [ -f "$package" ] || continue
  nuspec=$(unzip -p "$package" "$id.nuspec")
  files=$(unzip -Z1 "$package")
  for wanted in '<license type="expression">MIT</license>' '<readme>README.md</readme>' \
      '<authors>The Optimize contributors</authors>' '<tags>optimization' '<description>' "<version>$version</version>"; do
    grep -qF "$wanted" <<< "$nuspec" || metadata_errors+=" $id lacks $wanted;"
  done
  grep -qx 'LICENSE' <<< "$files" || metadata_errors+=" $id lacks the LICENSE file;"
  grep -qx 'README.md' <<< "$files" || metadata_errors+=" $id lacks README.md;"
done
# The listing is read whole before grep: with pipefail, grep -q leaving early would make unzip's SIGPIPE a failure.
autodiff_files=$(unzip -Z1 "$packages/Optimize.AutoDiff.$version.nupkg" 2>/dev/null || true)
grep -qx 'analyzers/dotnet/cs/Optimize.Generators.dll' <<< "$autodiff_files" \
  || metadata_errors+=" Optimize.AutoDiff lacks the generator;"
cli_nuspec=$(unzip -p "$packages/Optimize.Cli.$version.nupkg" Optimize.Cli.nuspec 2>/dev/null || true)
grep -q '<packageType name="DotnetTool"' <<< "$cli_nuspec" \
  || metadata_errors+=" Optimize.Cli is not a tool;"
if [ -z "$metadata_errors" ]; then pass "package metadata, license, readme, generator analyzer, tool type"
else echo "$metadata_errors"; fail "package metadata"; fi

# The machine's NuGet configuration (user and machine files) plus the local folder.
bash eng/local-nuget-config.sh > "$work/nuget.config"

cp -r tests/consumer/csharp "$work/csharp"
cp "$work/nuget.config" "$work/csharp/"
if (cd "$work/csharp" && dotnet run -c Release -nologo -p:OptimizeVersion="$version") > "$work/csharp.log" 2>&1 \
   && grep -q 'minimizer (1, 1) found' "$work/csharp.log"; then
  pass "C# console project with the generator: $(grep 'minimizer' "$work/csharp.log")"
  echo "consumer: first result through the packages $(( $(date +%s) - start )) s after the pack began"
else
  fail "C# console project with the generator" "$work/csharp.log"
fi

{ echo "#i \"nuget: $packages\""; sed "s/OPTIMIZE_VERSION/$version/" tests/consumer/fsharp/consumer.fsx; } > "$work/consumer.fsx"
# Everything the script uses comes through its one #r line (the package carries its dependencies).
references=$(grep -c '^#r ' tests/consumer/fsharp/consumer.fsx)
if [ "$references" -ne 1 ]; then
  echo "tests/consumer/fsharp/consumer.fsx has $references #r lines; the package must need exactly one" > "$work/fsharp.log"
  fail "F# script with one #r line" "$work/fsharp.log"
elif (cd "$work" && dotnet fsi consumer.fsx) > "$work/fsharp.log" 2>&1; then
  pass "F# script with one #r line: $(tail -n 1 "$work/fsharp.log")"
else
  fail "F# script" "$work/fsharp.log"
fi

if (cd "$work" && dotnet tool install Optimize.Cli --version "$version" --tool-path "$work/tools" \
      --add-source "$packages") > "$work/tool.log" 2>&1 && [ -x "$work/tools/optimize" ]; then
  pass "dotnet tool install --tool-path"
  if "$work/tools/optimize" problems > "$work/problems.log" 2>&1 && grep -q 'rosenbrock' "$work/problems.log"; then
    pass "optimize problems"
  else
    fail "optimize problems" "$work/problems.log"
  fi
else
  fail "dotnet tool install --tool-path" "$work/tool.log"
  fail "optimize problems (not installed)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
