#!/usr/bin/env bash
# Compiles and runs the code of the READMEs against the packed packages, as a reader would use it.
#   - every ```csharp block of every README.md in git is a complete top-level program: it is built in a
#     console project that references the library packages (so [GenerateDerivatives] works through the
#     analyzer inside Optimize.AutoDiff), with warnings as errors, and run; one test per block;
#   - the ```fsharp blocks of one README run in order as one script, as in one `dotnet fsi` session,
#     under a single `#r "nuget: Optimize.FSharp"` line; one test per README;
#   - a block fenced ```csharp ignore or ```fsharp ignore is shown to the reader but not run: keep such
#     blocks for fragments that cannot run alone, and rare.
# Uses the packages of OPTIMIZE_TEST_VERSION in artifacts/packages when set (eng/test.sh packs once for
# this and eng/consumer-test.sh), else packs with a version unique to the run (--no-build: pack what
# `dotnet build -c Release` built). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
packages="$root/artifacts/packages"
work=$(mktemp -d)
passed=0
failed=0

if [ -n "${OPTIMIZE_TEST_VERSION:-}" ] && [ -f "$packages/Optimize.Core.$OPTIMIZE_TEST_VERSION.nupkg" ]; then
  version="$OPTIMIZE_TEST_VERSION"
else
  version="0.1.0-readme.$(date -u +%Y%m%d%H%M%S).$$"
  if ! bash eng/pack-local.sh "${version#0.1.0-}" "$@" > "$work/pack.log" 2>&1; then
    tail -n 40 "$work/pack.log"; rm -rf "$work"; echo "0 passed, 1 failed"; exit 1
  fi
fi
trap 'rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/optimize/"$version" "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/optimize.*/"$version"' EXIT

# Blocks: csharp blocks to cs/<n>/Program.cs, fsharp blocks appended to fs/<n>.fsx, with the README's
# name and line in index.tsv.
mkdir -p "$work/cs" "$work/fs"
n=0
while IFS= read -r readme; do
  n=$((n + 1))
  awk -v readme="$readme" -v work="$work" -v doc="$n" '
    /^```/ && !inside {
      inside = 1; lang = $0; sub(/^```/, "", lang); split(lang, words, /[ \t]+/)
      target = ""
      if (words[1] == "csharp" && words[2] != "ignore") {
        blocks++; target = work "/cs/" doc "-" blocks "/Program.cs"
        system("mkdir -p " work "/cs/" doc "-" blocks)
        print "cs\t" doc "-" blocks "\t" readme ":" NR >> (work "/index.tsv")
      } else if (words[1] == "fsharp" && words[2] != "ignore") {
        target = work "/fs/" doc ".fsx"
        if (!fsharp++) print "fs\t" doc "\t" readme ":" NR >> (work "/index.tsv")
        print "// " readme ", line " NR >> target
      } else if (words[2] == "ignore") {
        print "ignored\t-\t" readme ":" NR >> (work "/index.tsv")
      }
      next
    }
    /^```/ && inside { inside = 0; target = ""; next }
    inside && target != "" { print >> target }
  ' "$readme"
done < <(git ls-files '*README.md' | sort)
[ -f "$work/index.tsv" ] || { echo "readme: no code blocks found"; echo "0 passed, 1 failed"; exit 1; }

bash eng/local-nuget-config.sh > "$work/nuget.config"

# C#: one console project per block, all built in one solution.
(cd "$work" && dotnet new sln -n Readme -o . > /dev/null)
while IFS=$'\t' read -r kind id where; do
  [ "$kind" = cs ] || continue
  cat > "$work/cs/$id/Block$id.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <AssemblyName>Block$id</AssemblyName>
    <RootNamespace>Block</RootNamespace>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Optimize" Version="$version" />
    <PackageReference Include="Optimize.Core" Version="$version" />
    <PackageReference Include="Optimize.AutoDiff" Version="$version" />
    <PackageReference Include="Optimize.Problems" Version="$version" />
    <PackageReference Include="Optimize.Solvers" Version="$version" />
    <PackageReference Include="Optimize.Differentiable" Version="$version" />
  </ItemGroup>
</Project>
XML
  (cd "$work" && dotnet sln Readme.sln* add "cs/$id/Block$id.csproj" > /dev/null)
done < "$work/index.tsv"
if ls "$work"/cs/*/Program.cs > /dev/null 2>&1; then
  (cd "$work" && dotnet build Readme.sln* -c Release -nologo -v q -clp:ErrorsOnly) > "$work/build.log" 2>&1
fi

while IFS=$'\t' read -r kind id where; do
  case "$kind" in
    cs)
      dll="$work/cs/$id/bin/Release/net10.0/Block$id.dll"
      if [ ! -f "$dll" ]; then
        failed=$((failed + 1)); echo "readme: C# block at $where: does not compile"
        grep "cs/$id/" "$work/build.log" | sed "s|$work/cs/$id/||" | sort -u | head -n 20
      elif (cd "$work" && dotnet "$dll") > "$work/cs-$id.log" 2>&1; then
        passed=$((passed + 1)); echo "readme: C# block at $where: passed"
      else
        failed=$((failed + 1)); echo "readme: C# block at $where: FAILED"; tail -n 20 "$work/cs-$id.log"
      fi ;;
    fs)
      script="$work/fs/run-$id.fsx"
      { echo "#i \"nuget: $packages\""; echo "#r \"nuget: Optimize.FSharp, $version\""; cat "$work/fs/$id.fsx"; } > "$script"
      if (cd "$work" && dotnet fsi --warnaserror+ "$script") > "$work/fs-$id.log" 2>&1; then
        passed=$((passed + 1)); echo "readme: F# blocks of ${where%:*}: passed"
      else
        failed=$((failed + 1)); echo "readme: F# blocks of ${where%:*}: FAILED"; tail -n 20 "$work/fs-$id.log"
      fi ;;
    ignored) echo "readme: block at $where: not run (ignore)" ;;
  esac
done < "$work/index.tsv"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
