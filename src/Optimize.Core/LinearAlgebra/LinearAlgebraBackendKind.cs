namespace Optimize.LinearAlgebra;

/// <summary>Which implementation carries out double-precision BLAS and LAPACK work.</summary>
public enum LinearAlgebraBackendKind
{
    /// <summary>MathNet.Numerics' managed provider: always available, no native code.</summary>
    Managed,

    /// <summary>OpenBLAS (<c>libopenblas.so.0</c>), with LAPACKE from the same file or from <c>liblapacke.so.3</c>.</summary>
    OpenBlas,

    /// <summary>Intel MKL through its single dynamic library <c>libmkl_rt.so</c>.</summary>
    Mkl,
}
