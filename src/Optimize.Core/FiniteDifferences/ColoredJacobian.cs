using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// The sparse Jacobian of any <see cref="IVectorFunction"/> from a declared sparsity pattern, in one JVP per colour
/// of a Curtis–Powell–Reid column grouping (Curtis, Powell &amp; Reid, "On the estimation of sparse Jacobian
/// matrices", J. Inst. Maths Applics 13, 1974; Gebremedhin, Manne &amp; Pothen, "What color is your Jacobian?",
/// SIAM Review 47(4), 2005): the seed of a colour is the sum of its columns' unit vectors, and because no two
/// columns of a colour share a row, each row of J·seed is the one nonzero of that row in the colour. With
/// forward-mode AD (<c>ForwardModeVectorFunction</c>) each JVP is one dual pass, so the Jacobian costs as many
/// passes as there are colours (3 for a tridiagonal structure) whatever n is; with finite differences
/// (<see cref="FiniteDifferenceVectorFunction"/>) each JVP is one difference along the seed.
/// </summary>
/// <remarks>
/// Reuses a seed and a product buffer between calls, so one instance is not safe for concurrent calls; create
/// one per thread. Entries of J outside the pattern are assumed zero: a wrong pattern gives a wrong Jacobian.
/// </remarks>
public sealed class ColoredJacobian
{
    private readonly double[] seed;
    private readonly double[] product;

    /// <summary>Colours <paramref name="pattern"/> greedily (<see cref="ColumnColoring.Greedy"/>) for <paramref name="function"/>.</summary>
    /// <param name="function">The vector function; its JVP is the only derivative used.</param>
    /// <param name="pattern">The structure of its Jacobian, OutputDimension × Dimension.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The pattern's shape is not the function's Jacobian's.</exception>
    public ColoredJacobian(IVectorFunction function, SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Rows != function.OutputDimension || pattern.Columns != function.Dimension)
            throw new ArgumentException(
                $"pattern is {pattern.Rows}×{pattern.Columns}; expected the Jacobian's shape {function.OutputDimension}×{function.Dimension}.",
                nameof(pattern));
        Function = function;
        Coloring = ColumnColoring.Greedy(pattern);
        seed = new double[function.Dimension];
        product = new double[function.OutputDimension];
    }

    /// <summary>The function differentiated.</summary>
    public IVectorFunction Function { get; }

    /// <summary>The column grouping: <see cref="ColumnColoring.ColorCount"/> JVPs per Jacobian.</summary>
    public ColumnColoring Coloring { get; }

    /// <summary>The structure.</summary>
    public SparsityPattern Pattern => Coloring.Pattern;

    /// <summary>Writes J(x) into <paramref name="jacobian"/>, one JVP per colour.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination with the same pattern.</param>
    /// <exception cref="ArgumentException">x has the wrong length, or the destination another pattern.</exception>
    public void Evaluate(ReadOnlySpan<double> x, SparseJacobian jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        Guard.Length(x.Length, Function.Dimension, nameof(x));
        if (!ReferenceEquals(jacobian.Pattern, Pattern))
            throw new ArgumentException("jacobian has another sparsity pattern; expected one created from this evaluator's Pattern.", nameof(jacobian));
        var values = jacobian.Values;
        for (int color = 0; color < Coloring.ColorCount; color++)
        {
            var columns = Coloring.ColumnsOf(color);
            foreach (int j in columns) seed[j] = 1;
            Function.JacobianVector(x, seed, product);
            foreach (int j in columns)
            {
                seed[j] = 0;
                for (int e = Pattern.ColumnStart(j); e < Pattern.ColumnStart(j + 1); e++)
                    values[e] = product[Pattern.RowIndex(e)];
            }
        }
    }
}
