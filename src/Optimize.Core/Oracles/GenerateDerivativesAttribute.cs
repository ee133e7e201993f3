using System.Numerics;

namespace Optimize.Oracles;

/// <summary>
/// Asks the derivative generator (the Optimize.Generators source generator) to write, at compile time,
/// the derivatives of the marked method by source transformation, as Tapenade does for Fortran and C
/// (Hascoët &amp; Pascual 2013).
/// </summary>
/// <remarks>
/// <para>The marked method must be a generic method <c>T Name&lt;T&gt;(ReadOnlySpan&lt;T&gt; x)</c> of a
/// <c>partial</c>, non-generic type, whose parameter is not named <c>gradient</c>, <c>direction</c>,
/// <c>derivative</c> or <c>hessianVector</c>. Passive parameters, passed by value, with types that do not involve
/// T, may come before x, as in a residual <c>T Residual&lt;T&gt;(int index, ReadOnlySpan&lt;T&gt; x)</c>; the
/// generated methods take them too, in front. The generator adds beside it, each also generic over T (over dual
/// numbers the gradient gives Hessian-vector products):</para>
/// <list type="bullet">
/// <item><c>double NameGradient(ReadOnlySpan&lt;double&gt; x, Span&lt;double&gt; gradient)</c>, f(x) and ∇f(x)
/// by reverse mode (the adjoint code);</item>
/// <item><c>double NameDirectionalDerivative(ReadOnlySpan&lt;double&gt; x, ReadOnlySpan&lt;double&gt; direction,
/// out double derivative)</c>, f(x) and ∇f(x)·p by forward mode (the tangent code);</item>
/// <item><c>double NameHessianVector(ReadOnlySpan&lt;double&gt; x, ReadOnlySpan&lt;double&gt; direction,
/// Span&lt;double&gt; gradient, Span&lt;double&gt; hessianVector)</c>, f(x), ∇f(x) and ∇²f(x)·v by the second-order
/// adjoint code, the tangent of the adjoint code (Griewank &amp; Walther 2008, §5.4).</item>
/// </list>
/// <para>For an instance method <c>Evaluate(x)</c> the type also implements <see cref="IGeneratedDerivatives"/>. A
/// generated method overrides a virtual or abstract method of a base type with its name and parameters, so that a
/// base class can be written against the derivative code of its subclasses (a sum of squares against that of its
/// residuals).</para>
/// <para>The method body may use: locals of type T and of types that do not involve T; the operators
/// + − × ÷ and negation on T; <c>T.Sqrt, Exp, Log, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh,
/// Tanh, Abs, Min, Max, Pow</c>; constants (<c>T.One</c>, <c>T.CreateChecked(…)</c>, or any call whose
/// arguments do not involve x; <c>x.Length</c> is a constant too); elements <c>x[i]</c>; assignments and compound assignments; <c>if</c>/<c>else</c>
/// and conditional expressions; <c>for</c> and <c>while</c> loops, and <c>foreach</c> over an array or a span;
/// <c>break</c> and <c>continue</c>; local functions that return a value (inlined); span locals of T that are
/// arrays (<c>Span&lt;T&gt; a = new T[n]</c>) or views of x (<c>x.Slice(start, length)</c>) read by index and length;
/// <c>switch</c> statements and a <c>switch</c> expression returned, assigned or declared, on constant, relational, <c>and</c>/<c>or</c> and
/// discard patterns (a <c>throw</c> arm is kept); returns before the end; deconstruction of a tuple that does not
/// involve x; statement calls that do not read x (argument checks) and <c>throw</c>; calls of non-virtual methods of
/// the type or a base type with arguments of type T, which are inlined (their bodies within the same subset, with
/// one return at the end). A loop that changes a T variable declared outside it only by accumulating into it
/// (<c>s += e</c>, <c>s -= e</c>, with <c>e</c> not reading <c>s</c>) is a reduction, whose adjoint replays each
/// iteration with the accumulator's adjoint held fixed, so no tape is stored; other loops store the values they
/// overwrite. Anything else is reported as error OPTAD001 at compile time; the runtime modes (<c>ReverseMode</c>,
/// <c>ForwardMode</c>) differentiate any f.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GenerateDerivativesAttribute : Attribute;
