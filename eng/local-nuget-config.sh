#!/usr/bin/env bash
# Prints a nuget.config that adds the local package folder artifacts/packages as a source. Placed in a
# folder outside the repository, it joins the machine's own NuGet configuration: no feed is named here.
#   bash eng/local-nuget-config.sh > "$dir/nuget.config"
set -euo pipefail
cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="optimize-local" value="$(cd "$(dirname "$0")/.." && pwd)/artifacts/packages" />
  </packageSources>
</configuration>
XML
