namespace Optimize.Distributed.MpiChecks;

/// <summary>A check's assertion did not hold on this process.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);
