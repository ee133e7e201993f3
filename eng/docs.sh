#!/usr/bin/env bash
# Builds the documentation site with docfx (a local tool: `dotnet tool restore`) into artifacts/docs:
# API pages from the XML doc comments of the Release build, the READMEs, and the text (markdown cells)
# of the notebooks. Any docfx warning, a broken cross-reference or link among them, fails the build.
#   dotnet build Optimize.sln -c Release && bash eng/docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf docs/obj docs/_site artifacts/docs
mkdir -p docs/obj/notebooks docs/obj/readme
git ls-files '*README.md' | while read -r readme; do
  mkdir -p "docs/obj/readme/$(dirname "$readme")" && cp "$readme" "docs/obj/readme/$readme"
done
{
  for notebook in notebooks/*.ipynb; do
    name=$(basename "$notebook" .ipynb)
    jq -r '.cells[] | select(.cell_type == "markdown") | .source | join("") + "\n"' "$notebook" \
      > "docs/obj/notebooks/$name.md"
    title=$(grep -m 1 '^# ' "docs/obj/notebooks/$name.md" | sed 's/^# //')
    printf -- '- name: "%s"\n  href: %s.md\n' "${title:-$name}" "$name"
  done
} > docs/obj/notebooks/toc.yml
dotnet docfx metadata docs/docfx.json --warningsAsErrors
dotnet docfx build docs/docfx.json --warningsAsErrors
