// The optimize command; see README.md for its verbs.
Console.WriteLine($"optimize {typeof(Optimize.Oracles.IObjective).Assembly.GetName().Version}");
