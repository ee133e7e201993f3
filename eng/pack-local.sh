#!/usr/bin/env bash
# Packs every packable project of the solution into artifacts/packages with version 0.1.0-SUFFIX.
#   bash eng/pack-local.sh SUFFIX [--no-build]
# The tests that consume the packages (eng/consumer-test.sh, eng/readme-test.sh) give a suffix unique to
# their run, so that a package left in the NuGet cache by an earlier run is never used.
set -uo pipefail
cd "$(dirname "$0")/.."
suffix="$1"; shift
dotnet pack Optimize.sln -c Release -nologo "$@" -p:VersionSuffix="$suffix" -o "$PWD/artifacts/packages"
