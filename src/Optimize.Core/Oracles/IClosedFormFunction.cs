namespace Optimize.Oracles;

/// <summary>
/// A function that can state its closed form as text, so that a symbolic differentiator can read it:
/// ordinary math notation over the variables <c>x1</c> … <c>xn</c> with <c>+ - * / ^</c>, parentheses,
/// numbers and the elementary functions (<c>sin</c>, <c>cos</c>, <c>exp</c>, <c>log</c>, <c>sqrt</c> …), as
/// <c>Symbolic.parse</c> of the F# library reads it.
/// </summary>
public interface IClosedFormFunction : IScalarFunction
{
    /// <summary>
    /// The closed form over x1 … xn, term for term the sum <see cref="IScalarFunction.Evaluate{T}"/> computes;
    /// null when the function has none (it is defined by data or by branches).
    /// </summary>
    string? ClosedForm { get; }
}
