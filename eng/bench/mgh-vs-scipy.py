#!/usr/bin/python3
"""Our methods and scipy's side by side on the 42 instances of the Moré–Garbow–Hillstrom set (from x₀), each with its
default options except 10000 iterations, both on our hand-coded f, ∇f, ∇²f and ∇²f·v: scipy evaluates them through
eng/bench/mgh-oracle.cs over a pipe. Ours come from the `optimize standard-set` verb (its CSV).

Pairs: bfgs / BFGS, lbfgs / L-BFGS-B, cg / CG, newton-cg / Newton-CG (Hessian-vector products), trust-region-exact /
trust-exact (Hessians). A run is solved when f − f* ≤ 1e-6·max(1, |f*|), the verb's rule, with f recomputed at the
returned x. f evaluations: a value-and-gradient call counts one, as scipy's nfev. Medians are given over each side's
own solved runs (what the standard-set verb prints) and over the instances both solve, where the two are compared on
the same problems. Needs Debian's python3-scipy; not part of the test suite.

    /usr/bin/python3 eng/bench/mgh-vs-scipy.py [--details] [--gtol 1e-8]

--gtol runs scipy with a stricter stop, closer to ours (‖∇f‖₂ ≤ 1e-8 or a scaled gradient of 1e-10): gtol for BFGS,
CG, trust-exact and L-BFGS-B (whose relative f-reduction test, ftol, is then turned off), xtol for Newton-CG.
"""
import argparse
import csv
import os
import statistics
import subprocess
import tempfile

import numpy as np
import scipy
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORACLE = os.path.join("eng", "bench", "mgh-oracle.cs")
PAIRS = [("bfgs", "BFGS"), ("lbfgs", "L-BFGS-B"), ("cg", "CG"), ("newton-cg", "Newton-CG"), ("trust-region-exact", "trust-exact")]
ITERATIONS = 10000


class Oracle:
    """One server process for every run: 'p name' selects the instance, then g, h and v requests."""

    def __init__(self):
        subprocess.run(["dotnet", "build", ORACLE], cwd=ROOT, check=True, capture_output=True)
        self.server = subprocess.Popen(["dotnet", "run", "--no-build", ORACLE, "--", "serve"], cwd=ROOT,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, line):
        self.server.stdin.write(line + "\n")
        self.server.stdin.flush()
        return self.server.stdout.readline().split()

    def select(self, name):
        assert self.ask(f"p {name}") == ["ok"]

    def fg(self, x):
        values = [float(v) for v in self.ask("g " + " ".join(repr(float(v)) for v in x))]
        return values[0], np.array(values[1:])

    def hessian(self, x):
        n = len(x)
        return np.array([float(v) for v in self.ask("h " + " ".join(repr(float(v)) for v in x))]).reshape(n, n)

    def hessp(self, x, v):
        return np.array([float(v) for v in self.ask("v " + " ".join(repr(float(a)) for a in list(x) + list(v)))])


def instances():
    out = subprocess.run(["dotnet", "run", ORACLE, "--", "list"], cwd=ROOT, check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        name, n, x0, fstar, others = line.split("|")
        yield name, int(n), np.array([float(v) for v in x0.split(",")]), float(fstar), [float(v) for v in others.split(",") if v]


def judge(f, fstar, others):
    if np.isfinite(f) and not np.isnan(fstar) and f - fstar <= 1e-6 * max(1.0, abs(fstar)):
        return "solved"
    if np.isfinite(f) and any(abs(f - m) <= 1e-6 * max(1.0, abs(m)) for m in others):
        return "other minimum"
    return "failed"


def ours():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "runs.csv")
        subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join("src", "Optimize.Cli"), "--",
                        "standard-set", "--methods", ",".join(p[0] for p in PAIRS), "--starts", "1",
                        "--max-iterations", str(ITERATIONS), "--csv", path], cwd=ROOT, check=True, capture_output=True)
        with open(path, newline="") as file:
            return {(row["instance"], row["method"]): row for row in csv.DictReader(file)}


def run_scipy(oracle, method, x0, gtol):
    options = {"maxiter": ITERATIONS}
    if gtol is not None:
        options.update({"xtol": gtol} if method == "Newton-CG" else {"gtol": gtol})
        if method == "L-BFGS-B":
            options.update({"ftol": 0, "maxfun": 10 * ITERATIONS})
    if method == "Newton-CG":
        result = minimize(oracle.fg, x0, jac=True, method=method, hessp=oracle.hessp, options=options)
    elif method == "trust-exact":
        result = minimize(oracle.fg, x0, jac=True, method=method, hess=oracle.hessian, options=options)
    else:
        result = minimize(oracle.fg, x0, jac=True, method=method, options=options)
    f, _ = oracle.fg(result.x)
    return f, int(result.nfev), bool(result.success)


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print every instance")
    parser.add_argument("--gtol", type=float, help="scipy's gradient tolerance (default: each method's own)")
    arguments = parser.parse_args()
    details, gtol = arguments.details, arguments.gtol
    runs = ours()
    oracle = Oracle()
    table = {pair: [] for pair in PAIRS}
    for name, n, x0, fstar, others in instances():
        oracle.select(name)
        for ours_name, scipy_name in PAIRS:
            row = runs[(name, ours_name)]
            mine = (judge(float(row["final_f"]), fstar, others), int(row["f_evaluations"]))
            f, evals, _ = run_scipy(oracle, scipy_name, x0.copy(), gtol)
            theirs = (judge(f, fstar, others), evals)
            table[(ours_name, scipy_name)].append((name, mine, theirs))
            if details:
                print(f"{name:40} {ours_name:20} {mine[0]:>14} {mine[1]:>6} | {scipy_name:12} {theirs[0]:>14} {theirs[1]:>6}")
    stop = "its default stops" if gtol is None else f"gtol = {gtol:g}"
    print(f"Moré–Garbow–Hillstrom, 42 instances from x₀, default options, {ITERATIONS} iterations; scipy {scipy.__version__}, {stop}")
    header = (f"{'ours':20} {'scipy':12} | {'solved':>6} {'scipy':>6} | {'median f evals (own solved)':>28} {'scipy':>6} |"
              f" {'both solve':>10} {'median f evals there':>21} {'scipy':>6}")
    print(header)
    print("-" * len(header))
    for (ours_name, scipy_name), rows in table.items():
        mine = [m[1] for _, m, _ in rows if m[0] == "solved"]
        theirs = [t[1] for _, _, t in rows if t[0] == "solved"]
        both = [(m[1], t[1]) for _, m, t in rows if m[0] == "solved" and t[0] == "solved"]
        print(f"{ours_name:20} {scipy_name:12} | {len(mine):>6} {len(theirs):>6} | {median(mine):>28g} {median(theirs):>6g} |"
              f" {len(both):>10} {median([b[0] for b in both]):>21g} {median([b[1] for b in both]):>6g}")


if __name__ == "__main__":
    main()
