"""The PyTorch side of eng/bench/gradbench-vs-pytorch.sh, and the table.

Times GradBench's Gaussian mixture objective (as GradBench's PyTorch tool writes it), ADBench's bundle adjustment
residuals (vectorized over observations; the Jacobian as two vector-Jacobian products over the gathered per-observation
variables, since each residual pair reads only its own block) and the two tensor workloads of TensorGradientBenchmarks
(least squares ½‖y − Ax‖² with A 5000×1000; the network ‖Y − relu(X·W₁ᵀ)·W₂ᵀ‖²_F, batch 1000, 100–200–10) in
float64 on one thread, reads the BenchmarkDotNet JSON reports in the folder given (and, for the tensor rows, a second
folder of the same benchmarks run on the other BLAS library, and that library's name), and prints one table of medians.
With --tensor only the tensor rows are timed and printed. With --sweep, it times the Gaussian mixture over
GradBench's sizes beside the sweep's BenchmarkDotNet report, prints that table and writes an HTML plot whose
plotly.js is the copy embedded in Plotly.NET.dll (a .NET manifest resource: a 32-bit length, then the bytes).
"""
import glob
import html
import json
import math
import struct
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def median_time(function, repeats=30, minimum=0.5):
    function()
    times = []
    start = time.perf_counter()
    while len(times) < repeats or time.perf_counter() - start < minimum:
        t = time.perf_counter()
        function()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


def gmm(d, k, n, seed=31337):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=generator)
    alpha = torch.randn(k, generator=generator)
    mu = torch.rand(k, d, generator=generator)
    q = torch.randn(k, d, generator=generator)
    l = torch.randn(k, d * (d - 1) // 2, generator=generator)
    m, gamma = 0, 1.0
    cols = torch.repeat_interleave(torch.arange(d - 1), torch.arange(d - 1, 0, -1))
    rows = torch.cat([torch.arange(c + 1, d) for c in range(d - 1)])

    def objective(alpha, mu, q, l):
        qdiags = torch.exp(q)
        sum_qs = torch.sum(q, 1)
        ls = torch.zeros((k, d, d), dtype=l.dtype)
        ls[:, rows, cols] = l
        xcentered = x[:, None, :] - mu[None, ...]
        lxcentered = qdiags * xcentered + torch.einsum("ijk,mik->mij", ls, xcentered)
        inner = alpha + sum_qs - 0.5 * torch.sum(lxcentered ** 2, 2)
        slse = torch.sum(torch.logsumexp(inner, 1))
        degrees = d + m + 1
        prior = -torch.sum(0.5 * gamma * gamma * (torch.sum(qdiags ** 2, 1) + torch.sum(l ** 2, 1)) - m * sum_qs) \
            + k * (degrees * d * math.log(gamma / math.sqrt(2)) - torch.special.multigammaln(torch.tensor(0.5 * degrees), d))
        return -n * d * 0.5 * math.log(2 * math.pi) + slse - n * torch.logsumexp(alpha, 0) + prior

    leaves = [t.clone().requires_grad_(True) for t in (alpha, mu, q, l)]

    def value():
        with torch.no_grad():
            return objective(alpha, mu, q, l)

    def gradient():
        for t in leaves:
            t.grad = None
        objective(*leaves).backward()

    return value, gradient


def bundle_adjustment(n, m, p):
    cam = torch.tensor([-0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426, -8.518870, 0.087812, 0.002739])
    point = torch.tensor([7.203245, 0.001144, 3.023326])
    cams, points, weights = cam.repeat(n, 1), point.repeat(m, 1), torch.full((p,), 0.417022)
    feats = torch.tensor([271.760969, 834.209256]).repeat(p, 1)
    obs = torch.arange(p)
    camera_index, point_index = obs % n, obs % m

    def residuals(c, x, w):
        r, centre = c[:, 0:3], c[:, 3:6]
        pt = x - centre
        theta = torch.sqrt(torch.sum(r * r, 1, keepdim=True))
        axis = r / theta
        cos, sin = torch.cos(theta), torch.sin(theta)
        rotated = pt * cos + torch.cross(axis, pt, dim=1) * sin + axis * torch.sum(axis * pt, 1, keepdim=True) * (1 - cos)
        projected = rotated[:, 0:2] / rotated[:, 2:3]
        radius = torch.sum(projected * projected, 1, keepdim=True)
        distortion = 1 + c[:, 9:10] * radius + c[:, 10:11] * radius * radius
        proj = projected * distortion * c[:, 6:7] + c[:, 7:9]
        return w[:, None] * (proj - feats), 1 - w * w

    def value():
        with torch.no_grad():
            return residuals(cams[camera_index], points[point_index], weights)

    def jacobian():
        c = cams[camera_index].clone().requires_grad_(True)
        x = points[point_index].clone().requires_grad_(True)
        w = weights.clone().requires_grad_(True)
        reprojection, weight = residuals(c, x, w)
        rows = []
        for coordinate in range(2):
            rows.append(torch.autograd.grad(reprojection[:, coordinate].sum(), (c, x, w), retain_graph=True))
        rows.append(torch.autograd.grad(weight.sum(), w))
        return rows

    return value, jacobian


def least_squares(m, n):
    """½‖y − Ax‖² as TensorGradientBenchmarks records it: A and y constants, x the parameter (x_i = sin i)."""
    torch.manual_seed(1)
    a, y = torch.randn(m, n), torch.randn(m)
    x = torch.sin(torch.arange(n, dtype=torch.float64))
    leaf = x.clone().requires_grad_(True)

    def objective(x):
        return 0.5 * torch.sum((y - a @ x) ** 2)

    def value():
        with torch.no_grad():
            return objective(x)

    def gradient():
        leaf.grad = None
        objective(leaf).backward()

    return value, gradient


def shallow_network(samples, inputs, hidden, outputs):
    """‖Y − relu(X·W₁ᵀ)·W₂ᵀ‖²_F as TensorGradientBenchmarks records it: X and Y constants, W₁ and W₂ the parameters."""
    torch.manual_seed(1)
    x, y = torch.randn(samples, inputs), torch.randn(samples, outputs)
    w1, w2 = torch.randn(hidden, inputs) / math.sqrt(inputs), torch.randn(outputs, hidden) / math.sqrt(hidden)
    leaves = [w1.clone().requires_grad_(True), w2.clone().requires_grad_(True)]

    def objective(w1, w2):
        return torch.sum((y - torch.relu(x @ w1.T) @ w2.T) ** 2)

    def value():
        with torch.no_grad():
            return objective(w1, w2)

    def gradient():
        for leaf in leaves:
            leaf.grad = None
        objective(*leaves).backward()

    return value, gradient


def tensor_rows(medians, other, other_name="other BLAS"):
    """Our TensorObjective rows (automatic BLAS choice and the other library) and PyTorch's, for both tensor workloads."""
    rows = []
    kind = "TensorGradientBenchmarks"
    for label, loss, pytorch in [("least squares 5000x1000", "least-squares 5000x1000", lambda: least_squares(5000, 1000)),
                                 ("network 100-200-10 x1000", "shallow-network 100-200-10 x1000", lambda: shallow_network(1000, 100, 200, 10))]:
        parameters = f"Loss={loss}"
        for backend, source in [("automatic BLAS", medians), (other_name, other)]:
            if source is None:
                continue
            rows.append((f"{label}, tensor tape, {backend}", lookup(source, kind, "Value", parameters),
                         lookup(source, kind, "ValueAndGradient", parameters)))
        value, gradient = pytorch()
        rows.append((f"{label}, PyTorch " + torch.__version__, median_time(value, 50), median_time(gradient, 50)))
    return rows


def lookup(medians, kind, method, parameters):
    return next((v for (t, m, p), v in medians.items() if t == kind and m == method and p == parameters), float("nan"))


def print_table(rows):
    print(f"{'objective, derivative source':<52} {'f':>12} {'f + derivative':>16} {'ratio':>7}")
    for label, f, fd in rows:
        print(f"{label:<52} {f * 1e3:>9.3f} ms {fd * 1e3:>13.3f} ms {fd / f:>7.2f}")


def dotnet_medians(folder):
    medians = {}
    for report in glob.glob(f"{folder}/*-report-full-compressed.json") + glob.glob(f"{folder}/*-report-full.json"):
        with open(report) as handle:
            for benchmark in json.load(handle)["Benchmarks"]:
                key = (benchmark["Type"], benchmark["Method"], benchmark.get("Parameters", ""))
                statistics = benchmark.get("Statistics")  # None when the benchmark did not run (see the log)
                medians[key] = statistics["Median"] * 1e-9 if statistics else float("nan")
                # "Parameters" shortens long strings (Loss=least(...)x1000 [23]); FullName has them whole:
                # ...Value(Loss: "least-squares 5000x1000"), kept as Loss=least-squares 5000x1000.
                full = benchmark.get("FullName", "")
                if "(" in full:
                    whole = full[full.index("(") + 1:-1].replace(": ", "=").replace('"', '')
                    medians[(benchmark["Type"], benchmark["Method"], whole)] = medians[key]
    return medians


def plotly_js(assembly):
    """The minified plotly.js that Plotly.NET.dll carries as a manifest resource."""
    with open(assembly, "rb") as handle:
        data = handle.read()
    at = data.find(b"/**\n* plotly.js v")
    if at < 4:
        raise SystemExit(f"no plotly.js in {assembly}")
    length = struct.unpack("<I", data[at - 4:at])[0]
    return data[at:at + length].decode("utf-8")


def sweep(folder, plot, assembly):
    medians = dotnet_medians(folder)
    dimensions, components = [2, 10, 20, 32, 64], [5, 10, 25, 50, 100]
    rows = []
    print(f"{'GMM n=1000':<14} {'variables':>9} {'f':>11} {'generated f+grad':>17} {'ratio':>6} {'PyTorch f':>11} {'PyTorch f+grad':>15} {'ratio':>6}")
    for d in dimensions:
        for k in components:
            parameters = f"D={d}&K={k}"
            f = medians.get(("GaussianMixtureSweepBenchmarks", "Value", parameters), float("nan"))
            g = medians.get(("GaussianMixtureSweepBenchmarks", "GeneratedGradient", parameters), float("nan"))
            value, gradient = gmm(d, k, 1000)
            pf, pg = median_time(value, 3, 0.2), median_time(gradient, 3, 0.2)
            variables = k * (1 + 2 * d + d * (d - 1) // 2)
            rows.append((d, k, variables, f, g, pf, pg))
            print(f"{'d=%d k=%d' % (d, k):<14} {variables:>9} {f * 1e3:>8.3f} ms {g * 1e3:>14.3f} ms {g / f:>6.2f} "
                  f"{pf * 1e3:>8.3f} ms {pg * 1e3:>12.3f} ms {pg / pf:>6.2f}")
    labels = [f"d={d} k={k}" for d, k, *_ in rows]
    series = [("f, generic code", 3, "circle"), ("f + ∇f, generated adjoint code", 4, "circle"),
              ("f, PyTorch " + torch.__version__, 5, "x"), ("f + ∇f, PyTorch " + torch.__version__, 6, "x")]
    traces = [{"x": [r[2] for r in rows], "y": [r[column] * 1e3 for r in rows], "text": labels, "name": name,
               "mode": "markers", "type": "scatter", "marker": {"symbol": symbol, "size": 9}}
              for name, column, symbol in series]
    layout = {"title": "GradBench Gaussian mixture, N = 1000: time against the number of variables (one thread, float64)",
              "xaxis": {"title": "variables K(1 + 2D + D(D−1)/2)", "type": "log"},
              "yaxis": {"title": "time (ms)", "type": "log"}, "height": 640}
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>GradBench GMM sweep</title>
<script>{plotly_js(assembly)}</script></head>
<body><div id="sweep"></div>
<script>Plotly.newPlot("sweep", {json.dumps(traces)}, {json.dumps(layout)});</script>
<pre>{html.escape(chr(10).join(f"{l}: f {r[3] * 1e3:.3f} ms, generated f+grad {r[4] * 1e3:.3f} ms; PyTorch {r[5] * 1e3:.3f} / {r[6] * 1e3:.3f} ms" for l, r in zip(labels, rows)))}</pre>
</body></html>
"""
    with open(plot, "w", encoding="utf-8") as handle:
        handle.write(page)
    print(f"plot: {plot}")


def main():
    if sys.argv[1] == "--sweep":
        sweep(*sys.argv[2:5])
        return
    if sys.argv[1] == "--tensor":
        print_table(tensor_rows(dotnet_medians(sys.argv[2]), dotnet_medians(sys.argv[3]) if len(sys.argv) > 3 else None,
                                *sys.argv[4:5]))
        return
    medians = dotnet_medians(sys.argv[1])

    def ours(kind, method, parameters):
        return lookup(medians, kind, method, parameters)

    rows = []
    g = ("GaussianMixtureBenchmarks", "D=10&K=25")
    f = ours(g[0], "Value", g[1])
    for label, method in [("generated", "GeneratedGradient"), ("tape", "TapeGradient"), ("manual", "ManualGradient")]:
        rows.append((f"GMM d=10 k=25 n=1000, {label}", f, ours(g[0], method, g[1])))
    rows.append(("GMM d=10 k=25 n=1000, tensor tape", ours(g[0], "TensorValue", g[1]), ours(g[0], "TensorGradient", g[1])))
    value, gradient = gmm(10, 25, 1000)
    rows.append(("GMM d=10 k=25 n=1000, PyTorch " + torch.__version__, median_time(value), median_time(gradient)))
    for number, (n, m, p) in [(1, (49, 7776, 31843)), (5, (257, 65132, 225911))]:
        b = ("BundleAdjustmentBenchmarks", f"Instance={number}")
        r = ours(b[0], "Residuals", b[1])
        for label, method in [("generated", "GeneratedJacobian"), ("forward", "ForwardJacobian"), ("manual", "ManualJacobian")]:
            rows.append((f"BA ba{number} p={p}, Jacobian {label}", r, ours(b[0], method, b[1])))
        value, jacobian = bundle_adjustment(n, m, p)
        rows.append((f"BA ba{number} p={p}, PyTorch " + torch.__version__, median_time(value, 10), median_time(jacobian, 10)))
    rows += tensor_rows(medians, dotnet_medians(sys.argv[2]) if len(sys.argv) > 2 else None, *sys.argv[3:4])
    print_table(rows)


if __name__ == "__main__":
    main()
