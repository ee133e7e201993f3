using System.Globalization;
using System.Text;

namespace Optimize.FiniteDifferences;

/// <summary>One step of an error-versus-step sweep.</summary>
/// <param name="Step">The step h.</param>
/// <param name="ForwardError">|(f(x + h) − f(x))/h − f′(x)|.</param>
/// <param name="CentralError">|(f(x + h) − f(x − h))/(2h) − f′(x)|.</param>
public readonly record struct ErrorCurvePoint(double Step, double ForwardError, double CentralError);
