using BenchmarkDotNet.Running;

// Runs the suites named on the command line, e.g. `--filter '*Dgemm*'`; see README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
