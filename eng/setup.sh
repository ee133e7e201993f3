#!/usr/bin/env bash
# Installs what Optimize's build and tests need on this machine:
#   - the native BLAS/LAPACK libraries (Intel MKL from Debian's non-free component, OpenBLAS),
#     and MPICH (mpiexec and libmpich, for Optimize.Distributed), when they are missing and we run as root;
#   - the dotnet local tools of .config/dotnet-tools.json.
# Without native libraries everything still works through the managed provider.
set -euo pipefail
cd "$(dirname "$0")/.."

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

install_native() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: not root or no apt-get; native BLAS and MPICH are used only if already installed"
    return 0
  fi
  local wanted=()
  command -v jq >/dev/null 2>&1 || wanted+=(jq)   # the notebook runner reads executed notebooks with jq
  have_lib libopenblas.so.0 || wanted+=(libopenblas0-pthread)
  have_lib liblapacke.so.3 || wanted+=(liblapacke)
  have_lib libgomp.so.1 || wanted+=(libgomp1)        # MKL runs on GNU OpenMP when Intel's runtime is absent
  { have_lib libmpich.so.12 && command -v mpiexec.mpich >/dev/null 2>&1; } || wanted+=(mpich libmpich-dev)   # Optimize.Distributed
  if ! have_lib libmkl_rt.so; then
    # MKL lives in Debian's non-free component: enable it on the existing source entry.
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      if grep -q '^Components:' "$f" && ! grep -q '^Components:.*non-free\b' "$f"; then
        sed -i -E 's/^(Components:.*\bmain\b)(.*)$/\1\2 non-free/' "$f"
      fi
    done
    wanted+=(libmkl-rt)
  fi
  if [ ${#wanted[@]} -gt 0 ]; then
    echo "setup: installing ${wanted[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null \
      || echo "setup: some native packages could not be installed; the managed provider covers what is missing"
  fi
}

install_native
dotnet tool restore >/dev/null
echo "setup: done"
