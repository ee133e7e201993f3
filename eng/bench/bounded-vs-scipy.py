#!/usr/bin/python3
"""L-BFGS-B side by side: ours (src/Optimize.Solvers/Bounded/Lbfgsb.cs) and scipy's (the L-BFGS-B 3.0 Fortran code)
on every problem of Optimize.Problems.Bounded.BoundedSet, from the same start, with the same bounds and the same
objective: scipy evaluates our hand-coded f and gradient through eng/bench/bounded-oracle.cs over a pipe.

scipy and the first run of ours stop by the same two rules: the projected gradient ‖x − P(x − ∇f)‖∞ ≤ --tolerance
(ours: GradientTolerance with the scaled test off; scipy: gtol) or a relative change of f of at most 1e-15 (ours:
FunctionChangeTolerance; scipy: ftol). The second run of ours ("pg only") drops the f-change rule, as our driver's
defaults do: it stops on the projected gradient alone (or when no step makes progress). At most 15000 iterations.
Solved: the final projected gradient is ≤ 1e-6·max(1, |f|) and |f − f*| ≤ 1e-6·max(1, |f*|). f evaluations: one
value-and-gradient call counts one, as scipy's nfev. Needs Debian's python3-scipy; not part of the test suite.

    /usr/bin/python3 eng/bench/bounded-vs-scipy.py [--tolerance 1e-9]
"""
import argparse
import os
import statistics
import subprocess

import numpy as np
import scipy
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORACLE = os.path.join("eng", "bench", "bounded-oracle.cs")


def oracle(*args):
    out = subprocess.run(["dotnet", "run", ORACLE, "--", *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.splitlines() if line.strip()]


def vector(text):
    return np.array([float(v) for v in text.split(",")])


def projected_gradient(x, g, lower, upper):
    return float(np.max(np.abs(x - np.clip(x - g, lower, upper))))


def solved(f, pg, fstar):
    return pg <= 1e-6 * max(1.0, abs(f)) and abs(f - fstar) <= 1e-6 * max(1.0, abs(fstar))


def run_scipy(name, x0, lower, upper, tolerance):
    # The built program of the oracle answers every evaluation of this run.
    server = subprocess.Popen(["dotnet", "run", "--no-build", ORACLE, "--", "serve", name], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def fg(x):
        server.stdin.write(" ".join(repr(float(v)) for v in x) + "\n")
        server.stdin.flush()
        values = [float(v) for v in server.stdout.readline().split()]
        return values[0], np.array(values[1:])

    bounds = [(None if np.isinf(l) else l, None if np.isinf(u) else u) for l, u in zip(lower, upper)]
    result = minimize(fg, x0, jac=True, method="L-BFGS-B", bounds=bounds,
                      options={"gtol": tolerance, "ftol": 1e-15, "maxiter": 15000, "maxfun": 15000})
    f, g = fg(result.x)
    server.stdin.close()
    server.wait()
    return result.nfev, f, projected_gradient(result.x, g, lower, upper), result.message


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tolerance", type=float, default=1e-9)
    tolerance = parser.parse_args().tolerance

    problems = oracle("list")
    runs = {"ours": {row[0]: row for row in oracle("ours", repr(tolerance), "1e-15")},
            "ours, pg only": {row[0]: row for row in oracle("ours", repr(tolerance), "0")}}
    print(f"L-BFGS-B, projected-gradient tolerance {tolerance:g}; scipy {scipy.__version__}")
    columns = ["ours", "ours, pg only", "scipy"]
    header = f"{'problem':36} {'n':>4}" + "".join(f" | {c:>13} {'f evals':>7} {'‖pg‖∞':>9}" for c in columns)
    print(header)
    print("-" * len(header))
    outcomes = {c: [] for c in columns}
    for name, n, x0, lower, upper, fstar in problems:
        fstar = float(fstar)
        row = {}
        for c in columns[:2]:
            _, evals, f, pg, _ = runs[c][name]
            row[c] = (int(evals), float(f), float(pg))
        evals, f, pg, _ = run_scipy(name, vector(x0), vector(lower), vector(upper), tolerance)
        row["scipy"] = (evals, f, pg)
        line = f"{name:36} {n:>4}"
        for c in columns:
            evals, f, pg = row[c]
            ok = solved(f, pg, fstar)
            outcomes[c].append((ok, evals))
            line += f" | {'yes' if ok else 'NO':>13} {evals:>7} {pg:>9.2e}"
        print(line)
    print("-" * len(header))
    for c in columns[:2]:
        both = [(o[1], s[1]) for o, s in zip(outcomes[c], outcomes["scipy"]) if o[0] and s[0]]
        print(f"{c:>13}: solved {sum(ok for ok, _ in outcomes[c])}/{len(problems)} (scipy "
              f"{sum(ok for ok, _ in outcomes['scipy'])}); median f evaluations on the {len(both)} both solve: "
              f"{statistics.median(o for o, _ in both):g} (scipy {statistics.median(s for _, s in both):g}); "
              f"over all: {statistics.median(e for _, e in outcomes[c]):g} (scipy {statistics.median(e for _, e in outcomes['scipy']):g})")


if __name__ == "__main__":
    main()
