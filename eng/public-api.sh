#!/usr/bin/env bash
# Regenerates PublicAPI.Shipped.txt of every C# library package from its current public API (the files
# Microsoft.CodeAnalysis.PublicApiAnalyzers checks, see eng/PublicApi.targets), and empties
# PublicAPI.Unshipped.txt. Run it after an intended API change, and review the diff: every removed or
# changed line is a breaking change for users of the packages.
#   bash eng/public-api.sh [project.csproj ...]     (default: every library that tracks its API)
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls src/*/*.csproj | while read -r p; do
    [ "$(dotnet msbuild "$p" -getProperty:OptimizeTracksPublicApi 2>/dev/null)" = "true" ] && echo "$p"; done)
fi
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  echo "#nullable enable" > "$dir/PublicAPI.Shipped.txt"
  echo "#nullable enable" > "$dir/PublicAPI.Unshipped.txt"
  # The analyzers' code fix writes every undeclared symbol (RS0016) into PublicAPI.Unshipped.txt.
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info -v q || true
  # The code fix leaves out members that a source generator adds; the build names them in its RS0016 errors.
  dotnet build "$project" -c Release --no-dependencies -nologo -v q -clp:ErrorsOnly 2>&1 \
    | grep -o "RS0016: Symbol '.*' is not part of the declared public API" \
    | sed "s/^RS0016: Symbol '//; s/' is not part of the declared public API$//" >> "$dir/PublicAPI.Unshipped.txt" || true
  { echo "#nullable enable"; grep -v "^#nullable" "$dir/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u || true; } > "$dir/PublicAPI.Shipped.txt"
  echo "#nullable enable" > "$dir/PublicAPI.Unshipped.txt"
  echo "public-api: $dir: $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) symbols"
done
