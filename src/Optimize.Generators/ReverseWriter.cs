using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimize.Generators;

/// <summary>
/// Writes the adjoint (reverse-mode) code. A region (the method body or a loop body) runs forward,
/// saving each value an assignment overwrites, then runs its statements backwards with their adjoints,
/// restoring the saved values. A loop is a reduction: it changes variables declared outside it only
/// by <c>+=</c> and <c>-=</c>, so the adjoints of those variables are the same in every iteration, and
/// the adjoint of the loop replays each iteration forward and then backwards with nothing stored
/// across iterations. This is the treatment of parallel loops in Tapenade (Hascoët &amp; Pascual 2013)
/// and of reductions in Griewank &amp; Walther (2008), ch. 4 and 12.
/// </summary>
internal sealed class ReverseWriter(MethodModel m, bool secondOrder = false) : WriterBase(m)
{
    /// <summary>
    /// Whether the code is the second-order adjoint code: every value of T carries its tangent along the direction
    /// (<c>direction</c>), every adjoint the tangent of the adjoint, and the tangents of the gradient go to
    /// <c>hessianVector</c>, ∇²f(x)·v (Griewank &amp; Walther 2008, §5.4; Naumann 2012, ch. 3).
    /// </summary>
    private readonly bool second = secondOrder;

    private readonly Dictionary<SyntaxNode, string> saves = new();
    private readonly Dictionary<SyntaxNode, List<(string Name, string Saved, bool Carries, string Type)>> loopSaves = new();

    /// <summary>
    /// Declarations, in taped code, of a local whose value a reduction right after them changes and does not restore
    /// (<see cref="UnrestoredAccumulators"/>): going backwards, the local does not hold the initializer's value there.
    /// </summary>
    private readonly HashSet<SyntaxNode> unrestored = new();
    private readonly Dictionary<SyntaxNode, (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed)> loops = new();

    /// <summary>
    /// Locals whose adjoints are known, at this point of the backward code, to reach the result: their flags
    /// are set on every path here, so the code need not test them.
    /// </summary>
    private HashSet<ILocalSymbol> known = new(SymbolEqualityComparer.Default);

    /// <summary>Whether a local's adjoint reaches the result: "true" where that is known here, else its flag.</summary>
    private string ReachedOf(ILocalSymbol local) => known.Contains(local) ? "true" : M.Reached(local);

    /// <summary>Writes code on a path that may not run (a branch); what it learns of the flags does not outlive it.</summary>
    private void Conditionally(System.Action write)
    {
        var before = new HashSet<ILocalSymbol>(known, SymbolEqualityComparer.Default);
        var zeroBefore = new HashSet<ILocalSymbol>(zero, SymbolEqualityComparer.Default);
        conditionalDepth++;
        write();
        conditionalDepth--;
        known = before;
        // An adjoint is still known to be zero after the path only if it was before and the path left it so.
        zeroBefore.IntersectWith(zero);
        zero = zeroBefore;
    }

    /// <summary>
    /// Locals whose adjoints (and their tangents) are known, at this point of the backward code, to be zero on every
    /// path here: the first contribution to such an adjoint is an assignment, not a sum onto zero. Inside a loop body
    /// nothing declared outside it is in the set, since the body runs more than once.
    /// </summary>
    private HashSet<ILocalSymbol> zero = new(SymbolEqualityComparer.Default);

    /// <summary>The name of the tangent of a value of the generated code (a local, a saved value, an adjoint or an element of one).</summary>
    private static string Dot(string name) => name.StartsWith("__", System.StringComparison.Ordinal) ? "__d" + name.Substring(2) : "__d_" + name;

    /// <summary>Whether a local carries a tangent here: an active local of T or array of T, in the second-order code.</summary>
    private bool Carries(ILocalSymbol local) =>
        second && M.Active.Contains(local) && (M.IsScalar(local.Type) || M.IsScalarArray(local.Type)) && !valueOnly.Contains(local);

    /// <summary>
    /// Active locals that carry no tangent where the code is being written: the accumulators of the last loop when it
    /// runs in one pass. The result reaches them linearly, so their adjoints' tangents are zero, and no tangent reads
    /// their values' tangents before the loop ends.
    /// </summary>
    private readonly HashSet<ILocalSymbol> valueOnly = new(SymbolEqualityComparer.Default);

    /// <summary>The tangent of a local's adjoint in the second-order code, else null.</summary>
    private string? AdjointTangent(ILocalSymbol local) => Carries(local) ? Dot(M.Adjoint(local)) : null;

    /// <summary>Writes <c>to = from;</c> (a declaration when <paramref name="type"/> is given), and the same for the tangents.</summary>
    private static void Copy(Code code, bool carries, string? type, string to, string from)
    {
        string declare = type is null ? "" : type + " ";
        if (carries) code.Line($"{declare}{Dot(to)} = {Dot(from)};");
        code.Line($"{declare}{to} = {from};");
    }

    /// <summary>Pushes a value and then its tangent.</summary>
    private void PushValue(Code code, bool carries, string type, string value)
    {
        code.Line(Push(type, value));
        if (carries) code.Line(Push(type, Dot(value)));
    }

    /// <summary>Pops into a place its tangent (pushed last) and then its value.</summary>
    private void PopInto(Code code, bool carries, string type, string place)
    {
        if (carries) code.Line($"{Dot(place)} = {Pop(type)};");
        code.Line($"{place} = {Pop(type)};");
    }

    /// <summary>Restores a place from a stack or from the value saved in <paramref name="restore"/>, with its tangent.</summary>
    private void Restore(Code code, bool carries, string type, string place, string restore, bool tape)
    {
        if (tape) PopInto(code, carries, type, place);
        else Copy(code, carries, null, place, restore);
    }

    /// <summary>
    /// Writes a forward assignment: with the tree of the new value (the second-order code, for a place that carries a
    /// tangent), the tangent first (it reads the old value) and then the value; else the statement as written.
    /// </summary>
    private void Assign(Code code, string place, Node? value, string statement)
    {
        if (value is null)
        {
            code.Line(statement);
            return;
        }
        var (v, t) = ValueAndTangent(value, code);
        code.Line($"{Dot(place)} = {t};");
        code.Line($"{place} = {v};");
    }

    /// <summary>A method body or loop body: its declarations are hoisted to its start.</summary>
    private sealed class Region(HashSet<ILocalSymbol> outer)
    {
        public Code Declarations { get; } = new();
        public List<ILocalSymbol> Locals { get; } = new();
        /// <summary>Variables declared outside the loop that the loop accumulates into.</summary>
        public HashSet<ILocalSymbol> Outer { get; } = outer;
    }

    /// <summary>Whether the next replayed loop's iteration body is marked for <see cref="Outlining"/>.</summary>
    private bool outlineIteration;

    /// <summary>Writes the whole adjoint body: forward sweep, seed of the result, backward sweep.</summary>
    /// <param name="statements">The statements of the method.</param>
    /// <param name="result">The expression it returns.</param>
    /// <param name="code">Where the body goes.</param>
    /// <param name="parameters">
    /// The generated method's parameters (type and name) where the body of a last loop run forward and backwards once
    /// per iteration may be moved into a local function (<see cref="Outlining"/>); null where it may not.
    /// </param>
    public void Method(IReadOnlyList<StatementSyntax> statements, ExpressionSyntax result, Code code, IReadOnlyList<(string Type, string Name)>? parameters = null)
    {
        var top = new Region(new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));
        var forward = new Code();
        var backward = new Code();
        var resultNode = M.ToNode(result);
        if (statements.Count > 0 && statements[statements.Count - 1] is ForStatementSyntax or WhileStatementSyntax
            && CanFuse(statements[statements.Count - 1], result, resultNode))
        {
            // The last loop's accumulators reach the result linearly, with constant coefficients: their adjoints
            // are known before the loop runs, so the loop runs once, forward and backwards in each iteration,
            // instead of once for the value and once more for the adjoint.
            var loop = statements[statements.Count - 1];
            var before = statements.Take(statements.Count - 1).ToList();
            foreach (var s in before) Forward(s, top, true, top.Outer, forward);
            var (accumulated, changed) = CheckLoop(loop);
            valueOnly.UnionWith(accumulated);
            var restores = accumulated.Concat(changed).Select(local => (Name: M.Name(local), Saved: Fresh("__p"), Type: M.TypeName(local, loop), Carries: Carries(local))).ToList();
            foreach (var (name, saved, type, carries) in restores) Copy(forward, carries, type, saved, name);
            DeclareAdjoints(top, forward);
            Propagate(resultNode, M.Rules.One, null, "true", forward);
            // The accumulators advance through the iterations like the passive variables the loop changes.
            coverVariable = CoverVariable(loop, out coverStep);
            // Only a body that holds nested loops is worth a call per iteration (see Outlining).
            outlineIteration = parameters is not null && LoopBody(loop).DescendantNodes().OfType<StatementSyntax>()
                .Any(inner => inner is ForStatementSyntax or WhileStatementSyntax && HasInnerLoop(inner));
            Replay(loop, accumulated, changed.Concat(accumulated).ToList(), new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), forward);
            coverVariable = null;
            forward.Line($"{M.Rules.Scalar} __value = {M.Render(result)};");
            foreach (var (name, saved, _, carries) in restores) Copy(forward, carries, null, name, saved);
            valueOnly.Clear();
            BackwardAll(before, top, backward);
        }
        else
        {
            foreach (var s in statements) Forward(s, top, true, top.Outer, forward);
            forward.Line($"{M.Rules.Scalar} __value = {M.Render(result)};");
            DeclareAdjoints(top, backward);
            Propagate(resultNode, M.Rules.One, null, "true", backward);
            BackwardAll(statements, top, backward);
        }
        DeclareStacks(code);
        code.Append(top.Declarations);
        code.Append(forward);
        code.Append(backward);
        ReturnStacks(code);
        Finish(code);
        if (parameters is not null) Outlining.Apply(code, parameters);
        // The first write of each entry is a store only where every entry is written so (else it adds onto the cleared destination).
        CoversGradient = !coverFailed && gradientStores.Count == coverStep && coverStep > 0;
        CoversHessianVector = !coverFailed && hessianVectorStores.Count == coverStep && coverStep > 0;
        code.Replace(GradientStore, CoversGradient ? "=" : "+=");
        code.Replace(HessianVectorStore, CoversHessianVector ? "=" : "+=");
    }

    /// <summary>
    /// Whether the adjoint code writes every entry of <c>gradient</c> first by a store: the destination then needs no
    /// clearing before it. So it is where the last loop, run once forward and backwards, steps through the point from 0
    /// by k, reads in every iteration, unconditionally, the entries i + c for every c from 0 to k − 1 and no others,
    /// and nothing else reads the point: the iterations write disjoint blocks, each entry at most one iteration, and a
    /// length not a multiple of k fails the bounds check of the last block, as the function itself does.
    /// </summary>
    public bool CoversGradient { get; private set; }

    /// <summary>The same as <see cref="CoversGradient"/> for <c>hessianVector</c> in the second-order code.</summary>
    public bool CoversHessianVector { get; private set; }

    private const string GradientStore = "/*first gradient*/=";
    private const string HessianVectorStore = "/*first hessianVector*/=";

    /// <summary>The variable of the loop whose iterations may store the first contributions to the gradient, else null.</summary>
    private string? coverVariable;

    /// <summary>The step k of that loop (an entry is written at i + c for c from 0 to k − 1).</summary>
    private int coverStep;

    /// <summary>Whether some write to the gradient falls outside that pattern (then every write adds onto the cleared destination).</summary>
    private bool coverFailed;

    /// <summary>How deep the backward code is inside paths that may not run.</summary>
    private int conditionalDepth;

    private readonly HashSet<int> gradientStores = new();
    private readonly HashSet<int> hessianVectorStores = new();

    /// <summary>
    /// The loop variable of <c>for (int i = 0; i &lt; x.Length; i += k)</c> (or <c>i++</c>) whose body is straight-line
    /// code (declarations and expression statements) that does not assign i, with k in <paramref name="step"/>; else null.
    /// </summary>
    private string? CoverVariable(StatementSyntax loop, out int step)
    {
        step = 0;
        if (loop is not ForStatementSyntax f || f.Declaration is not { Variables.Count: 1 } d
            || d.Variables[0].Initializer?.Value is not LiteralExpressionSyntax { Token.Value: 0 }
            || f.Incrementors.Count != 1 || f.Condition is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } c
            || c.Left is not IdentifierNameSyntax left || c.Right.ToString() != M.Input.Name + ".Length")
            return null;
        string name = d.Variables[0].Identifier.ValueText;
        if (left.Identifier.ValueText != name) return null;
        step = f.Incrementors[0] switch
        {
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax o } when o.Identifier.ValueText == name => 1,
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression, Operand: IdentifierNameSyntax o } when o.Identifier.ValueText == name => 1,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: IdentifierNameSyntax o, Right: LiteralExpressionSyntax { Token.Value: int k } }
                when o.Identifier.ValueText == name && k > 0 => k,
            _ => 0,
        };
        var statements = StatementsOf(f.Statement);
        bool straight = statements.All(s => s is LocalDeclarationStatementSyntax or ExpressionStatementSyntax);
        bool assigned = f.Statement.DescendantNodes().Any(n => n switch
        {
            AssignmentExpressionSyntax a => a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == name,
            PrefixUnaryExpressionSyntax u => u.Operand is IdentifierNameSyntax id && id.Identifier.ValueText == name,
            PostfixUnaryExpressionSyntax u => u.Operand is IdentifierNameSyntax id && id.Identifier.ValueText == name,
            ArgumentSyntax a => !a.RefKindKeyword.IsKind(SyntaxKind.None),
            _ => false,
        });
        if (step == 0 || !straight || assigned) { step = 0; return null; }
        return name;
    }

    /// <summary>
    /// The operator of a write to entry <paramref name="index"/> of the gradient (or, with <paramref name="stores"/> the
    /// entries of hessianVector, of it): a store marker where it may be the entry's first write, else +=.
    /// </summary>
    private string FirstWrite(string index, HashSet<int> stores, string marker)
    {
        int offset = -1;
        if (coverVariable is not null && conditionalDepth == 0)
        {
            string e = index.Trim();
            if (e == coverVariable) offset = 0;
            else if (e.StartsWith(coverVariable + " + ", System.StringComparison.Ordinal)
                && int.TryParse(e.Substring(coverVariable.Length + 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int c))
                offset = c;
        }
        if (offset < 0 || offset >= coverStep)
        {
            coverFailed = true;
            return "+=";
        }
        return stores.Add(offset) ? marker : "+=";
    }

    /// <summary>
    /// Writes the Jacobian of a vector function whose body is straight-line code: one forward sweep, which also
    /// writes the outputs, then one backward sweep per output into its row of <c>jacobian</c>. Before each sweep
    /// after the first, the variables a sweep restores get back the values the forward sweep left.
    /// </summary>
    public void Jacobian(IReadOnlyList<StatementSyntax> statements, IReadOnlyList<ExpressionSyntax> outputs, string output, Code code)
    {
        var top = new Region(new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));
        var forward = new Code();
        foreach (var s in statements) Forward(s, top, true, top.Outer, forward);
        for (int k = 0; k < outputs.Count; k++) forward.Line($"{output}[{k}] = {M.Render(outputs[k])};");
        var restored = statements.SelectMany(s => Written(s)).Where(l => !M.IsScalarArray(l.Type)).Distinct<ILocalSymbol>(SymbolEqualityComparer.Default).ToList();
        if (statements.SelectMany(s => s.DescendantNodesAndSelf().OfType<ExpressionSyntax>()).Any(e => Target(e, out _, out _, out var index) is not null && index is not null))
            throw new UnsupportedException(statements[0], "a function with several outputs may not write elements of arrays of the scalar type");
        var snapshot = restored.Select(l => (Name: M.Name(l), Saved: Fresh("__e"), Type: M.TypeName(l, statements[0]))).ToList();
        foreach (var (name, saved, type) in snapshot) forward.Line($"{type} {saved} = {name};");
        code.Append(top.Declarations);
        code.Append(forward);
        for (int k = 0; k < outputs.Count; k++)
        {
            var sweep = new Code();
            sweep.Open("");
            if (k > 0) foreach (var (name, saved, _) in snapshot) sweep.Line($"{name} = {saved};");
            sweep.Line($"global::System.Span<{M.Rules.Scalar}> gradient = jacobian.Slice({k} * {M.Input.Name}.Length, {M.Input.Name}.Length);");
            known = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            DeclareAdjoints(top, sweep);
            Propagate(M.ToNode(outputs[k]), M.Rules.One, null, "true", sweep);
            BackwardAll(statements, top, sweep);
            sweep.Close();
            code.Append(sweep);
        }
    }

    /// <summary>
    /// Whether the method's last loop can run forward and backwards in one pass: the result depends on the
    /// loop's accumulators only through sums, differences and products or quotients by constants, so
    /// propagating the result's adjoint reads no value the loop computes, and it reads no other variable the
    /// loop changes.
    /// </summary>
    private bool CanFuse(StatementSyntax loop, ExpressionSyntax result, Node resultNode)
    {
        if (IsTaped(loop)) return false;
        var (accumulated, changed) = CheckLoop(loop);
        if (result.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => M.SymbolOf(id) is ILocalSymbol l && changed.Contains(l, SymbolEqualityComparer.Default)))
            return false;
        bool Depends(Node n) => n switch
        {
            VariableNode v => accumulated.Contains(v.Symbol),
            OperationNode op => op.Operands.Any(Depends),
            ChoiceNode c => true,
            _ => false,
        };
        bool Linear(Node n) => !Depends(n) || n switch
        {
            VariableNode => true,
            OperationNode { Op: "+" or "-" or "neg" } op => op.Operands.All(Linear),
            OperationNode { Op: "*" } op => op.Operands[0] is ConstantNode && Linear(op.Operands[1]) || op.Operands[1] is ConstantNode && Linear(op.Operands[0]),
            OperationNode { Op: "/" } op => op.Operands[1] is ConstantNode && Linear(op.Operands[0]),
            _ => false,
        };
        return Linear(resultNode);
    }

    /// <summary>
    /// Writes the adjoint of a reduction loop: each iteration runs forward, leaving out the updates of
    /// <paramref name="skip"/>, then backwards. The variables in <paramref name="advancing"/> (the passive
    /// variables the loop changes) keep, from one iteration to the next, the values the forward part left.
    /// </summary>
    private void Replay(StatementSyntax loop, HashSet<ILocalSymbol> accumulated, List<ILocalSymbol> advancing, HashSet<ILocalSymbol> skip, Code code)
    {
        code.Open(LoopHeader(loop));
        bool outline = outlineIteration;
        outlineIteration = false;
        zero = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var body = new Region(accumulated);
        var forward = new Code();
        var statements = StatementsOf(LoopBody(loop));
        foreach (var inner in statements) Forward(inner, body, true, skip, forward);
        // The backward part restores what the iteration changed; the next iteration starts from the values
        // the iteration left.
        var after = advancing.Select(local => (Name: M.Name(local), Saved: Fresh("__q"), Type: M.TypeName(local, loop), Carries: Carries(local))).ToList();
        foreach (var (name, saved, type, carries) in after) Copy(forward, carries, type, saved, name);
        var backward = new Code();
        DeclareAdjoints(body, backward);
        BackwardAll(statements, body, backward);
        foreach (var (name, saved, _, carries) in after) Copy(backward, carries, null, name, saved);
        if (outline) code.Line(Outlining.Begin);
        code.Append(body.Declarations);
        code.Append(forward);
        code.Append(backward);
        if (outline) code.Line(Outlining.End);
        code.Close();
        zero = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
    }

    // ---- forward sweep ------------------------------------------------------------------------------

    /// <summary>How deep the forward code is inside loops whose iterations are recorded (taped): saves there go on stacks.</summary>
    private int tapeDepth;

    /// <summary>Statements whose saved values went on a stack (popped, in reverse order, by the backward part).</summary>
    private readonly HashSet<SyntaxNode> taped = new();

    /// <summary>The stacks of saved values, one per type, by type name.</summary>
    private readonly Dictionary<string, string> stacks = new();

    /// <summary>Taped loops: the name of the iteration count, and for counted loops the start of the counter.</summary>
    private readonly Dictionary<SyntaxNode, string> counts = new();

    private string Stack(string type)
    {
        if (!stacks.TryGetValue(type, out var name)) stacks[type] = name = "__stack" + stacks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary>
    /// Pushes a value: the stacks are arrays rented from the shared pool with a top index, grown by doubling, so that
    /// a call allocates nothing once the pool holds arrays of the size it needs.
    /// </summary>
    private string Push(string type, string value)
    {
        string stack = Stack(type);
        if (frames.Count > 0)
        {
            var segment = frames[frames.Count - 1].Counts;
            segment[type] = segment.TryGetValue(type, out int n) ? n + 1 : 1;
            return $"{stack}[{stack}_top++] = {value};";
        }
        return $"if ({stack}_top == {stack}.Length) {stack} = __Grow({stack}, {stack}_top + 1); {stack}[{stack}_top++] = {value};";
    }

    private string Pop(string type) => $"{Stack(type)}[--{Stack(type)}_top]";

    /// <summary>Declarations of the stacks the code uses; written at the start of the method.</summary>
    public void DeclareStacks(Code code)
    {
        foreach (var store in scratch) code.Line($"{M.Rules.Scalar}[] {store} = global::System.Array.Empty<{M.Rules.Scalar}>();");
        foreach (var pair in stacks)
        {
            code.Line($"{pair.Key}[] {pair.Value} = global::System.Buffers.ArrayPool<{pair.Key}>.Shared.Rent(256);");
            code.Line($"int {pair.Value}_top = 0;");
        }
    }

    /// <summary>Returns the stacks to the pool, then the value; the helper that grows a stack follows, as a local function.</summary>
    private void ReturnStacks(Code code)
    {
        foreach (var pair in stacks)
            code.Line($"global::System.Buffers.ArrayPool<{pair.Key}>.Shared.Return({pair.Value}, global::System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<{pair.Key}>());");
        code.Line("return __value;");
        if (scratch.Count > 0)
        {
            code.Open("static __U[] __Scratch<__U>(ref __U[] store, int length)");
            code.Line("if (store.Length != length) store = new __U[length];");
            code.Line("else global::System.Array.Clear(store);");
            code.Line("return store;");
            code.Close();
        }
        if (stacks.Count == 0) return;
        // The grown stack is returned, not written through a reference: a stack whose address is never taken stays in a
        // register, where a push or a pop would otherwise load it from memory each time.
        code.Open("static __U[] __Grow<__U>(__U[] stack, int needed)");
        code.Line("var bigger = global::System.Buffers.ArrayPool<__U>.Shared.Rent(global::System.Math.Max(2 * stack.Length, needed));");
        code.Line("global::System.Array.Copy(stack, bigger, stack.Length);");
        code.Line("global::System.Buffers.ArrayPool<__U>.Shared.Return(stack, global::System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<__U>());");
        code.Line("return bigger;");
        code.Close();
    }

    /// <param name="s">The statement.</param>
    /// <param name="region">The region whose declarations it adds to.</param>
    /// <param name="save">Whether the region will be swept backwards here, so overwritten values are saved.</param>
    /// <param name="skip">Accumulators of the loop being replayed: their updates are left out.</param>
    /// <param name="code">Where the forward code goes.</param>
    private void Forward(StatementSyntax s, Region region, bool save, HashSet<ILocalSymbol> skip, Code code)
    {
        bool tape = save && tapeDepth > 0;
        if (tape) taped.Add(s);
        switch (s)
        {
            case LocalDeclarationStatementSyntax decl:
                foreach (var d in decl.Declaration.Variables)
                {
                    var local = M.DeclaredLocal(d)!;
                    string type = M.TypeName(local, d);
                    region.Locals.Add(local);
                    region.Declarations.Line($"{type} {M.Name(local)} = default!;");
                    if (Carries(local)) region.Declarations.Line($"{type} {Dot(M.Name(local))} = default!;");
                    if (M.IsScalarArray(local.Type))
                    {
                        if (M.Active.Contains(local)) region.Declarations.Line($"{type} {M.Adjoint(local)} = default!;");
                        if (Carries(local)) region.Declarations.Line($"{type} {Dot(M.Adjoint(local))} = default!;");
                        if (InLoop(s))
                        {
                            ScratchArray(s, d, local, code);
                            continue;
                        }
                        if (d.Initializer is { } created)
                        {
                            code.Line($"{M.Name(local)} = {M.Render(created.Value)};");
                            if (M.Active.Contains(local)) code.Line($"{M.Adjoint(local)} = new {M.Rules.Scalar}[{M.Name(local)}.Length];");
                            if (Carries(local))
                            {
                                code.Line($"{Dot(M.Name(local))} = new {M.Rules.Scalar}[{M.Name(local)}.Length];");
                                code.Line($"{Dot(M.Adjoint(local))} = new {M.Rules.Scalar}[{M.Name(local)}.Length];");
                            }
                        }
                        continue;
                    }
                    if (d.Initializer is { } init)
                    {
                        if (tape && Recomputed(decl, local)) recomputed.Add(decl);
                        else if (tape) PushValue(code, Carries(local), type, M.Name(local));
                        Assign(code, M.Name(local), Carries(local) ? M.ToNode(init.Value) : null, $"{M.Name(local)} = {M.Render(init.Value)};");
                    }
                }
                break;
            case ExpressionStatementSyntax e when M.IsPassiveCall(e.Expression):
            case ThrowStatementSyntax:
                // A call that reads no active value (an argument check) or a throw: it runs as written, and has no adjoint.
                code.Line(M.Render(s).Trim());
                break;
            case ExpressionStatementSyntax e:
            {
                var target = Target(e.Expression, out var right, out var kind, out var index) ?? throw Unsupported(s);
                bool carries = Carries(target) && right is not null;
                if (index is null && skip.Contains(target)) break; // the loop's accumulators keep their values while it is replayed
                string type = index is null ? M.TypeName(target, s) : M.Rules.Scalar;
                // An accumulation into a variable of the enclosing code is never restored by the backward part.
                if (save && index is null && accumulating.Contains(target))
                {
                    // An accumulation in a taped loop into a variable that the loop only accumulates into: its adjoint
                    // is fixed through the loop, and its value was saved once, before the loop.
                    accumulations.Add(s);
                }
                else if (save && (index is not null || !region.Outer.Contains(target)))
                {
                    if (tape) PushValue(code, carries, type, Place(target, index));
                    else
                    {
                        string saved = Fresh("__s");
                        region.Declarations.Line($"{type} {saved} = default!;");
                        if (carries) region.Declarations.Line($"{type} {Dot(saved)} = default!;");
                        Copy(code, carries, null, saved, Place(target, index));
                        saves[s] = saved;
                    }
                }
                Assign(code, Place(target, index), carries ? Assigned(target, right!, kind, index) : null, M.Render(s).Trim());
                break;
            }
            case IfStatementSyntax i:
            {
                string condition = M.Render(i.Condition);
                if (save)
                {
                    string c = Fresh("__c");
                    region.Declarations.Line($"bool {c} = false;");
                    code.Line($"{c} = {condition};");
                    saves[s] = condition = c;
                }
                code.Open($"if ({condition})");
                foreach (var inner in StatementsOf(i.Statement)) Forward(inner, region, save, skip, code);
                code.Close();
                if (i.Else is { } otherwise)
                {
                    code.Open("else");
                    foreach (var inner in StatementsOf(otherwise.Statement)) Forward(inner, region, save, skip, code);
                    code.Close();
                }
                // On a stack the condition goes last, so that the backward part pops it first.
                if (tape) code.Line(Push("bool", condition));
                break;
            }
            case ForStatementSyntax or WhileStatementSyntax when IsTaped(s) || tape && HasInnerLoop(s):
                if (save) ForwardTaped(s, region, skip, code);
                else PlainLoop(s, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), skip, code);
                break;
            case ForStatementSyntax or WhileStatementSyntax:
            {
                var (accumulated, changed) = CheckLoop(s);
                if (save)
                {
                    var list = new List<(string, string, bool, string)>();
                    var unsaved = tape ? UnrestoredAccumulators(s, accumulated, region) : [];
                    foreach (var local in accumulated.Concat(changed))
                    {
                        if (unsaved.Contains(local)) continue;
                        string saved = Fresh("__p");
                        bool carries = Carries(local);
                        region.Declarations.Line($"{M.TypeName(local, s)} {saved} = default!;");
                        if (carries) region.Declarations.Line($"{M.TypeName(local, s)} {Dot(saved)} = default!;");
                        if (tape) PushValue(code, carries, M.TypeName(local, s), M.Name(local));
                        else Copy(code, carries, null, saved, M.Name(local));
                        list.Add((M.Name(local), saved, carries, M.TypeName(local, s)));
                    }
                    loopSaves[s] = list;
                }
                PlainLoop(s, accumulated, skip, code);
                break;
            }
            case BlockSyntax b:
                foreach (var inner in b.Statements) Forward(inner, region, save, skip, code);
                break;
            case EmptyStatementSyntax:
                break;
            default:
                throw Unsupported(s);
        }
    }

    /// <summary>Storage of the arrays of T declared inside loops, by generated name; declared at the start of the method.</summary>
    private readonly List<string> scratch = new();

    /// <summary>
    /// An array of T declared inside a loop, <c>var a = new T[n];</c>: a fresh array of zeros in each iteration. Its
    /// storage is kept across iterations and cleared (allocated again only when n changes), as is its adjoint's, so
    /// the code allocates nothing per iteration. The loops around it must be reductions, replayed iteration by
    /// iteration: a taped loop would need the arrays of all its iterations on the way back.
    /// </summary>
    private void ScratchArray(StatementSyntax s, VariableDeclaratorSyntax d, ILocalSymbol local, Code code)
    {
        if (tapeDepth > 0 || s.Ancestors().OfType<StatementSyntax>().Any(n => n is ForStatementSyntax or WhileStatementSyntax && IsTaped(n)))
            throw new UnsupportedException(d, $"the array '{local.Name}' of the scalar type is declared inside a loop that is not a reduction (declare it outside the loop)");
        if (d.Initializer?.Value is not ArrayCreationExpressionSyntax { Initializer: null } creation
            || creation.Type.RankSpecifiers.Count != 1 || creation.Type.RankSpecifiers[0].Sizes.Count != 1)
            throw new UnsupportedException(d, $"the array '{local.Name}' declared inside a loop must be created as 'new {M.Rules.Scalar}[length]'");
        string name = M.Name(local), store = "__h_" + name;
        if (!scratch.Contains(store)) scratch.Add(store);
        code.Line($"{name} = __Scratch(ref {store}, {M.Render(creation.Type.RankSpecifiers[0].Sizes[0])});");
        if (M.Active.Contains(local))
        {
            string adjointStore = "__h" + M.Adjoint(local);
            if (!scratch.Contains(adjointStore)) scratch.Add(adjointStore);
            code.Line($"{M.Adjoint(local)} = __Scratch(ref {adjointStore}, {name}.Length);");
        }
        if (Carries(local))
            foreach (var array in new[] { Dot(name), Dot(M.Adjoint(local)) })
            {
                string tangentStore = "__h" + array;
                if (!scratch.Contains(tangentStore)) scratch.Add(tangentStore);
                code.Line($"{array} = __Scratch(ref {tangentStore}, {name}.Length);");
            }
    }

    /// <summary>
    /// The accumulators of a reduction in taped code (or the variables a taped loop in taped code only accumulates
    /// into) whose values before the loop need not be pushed: those that the statement right before the loop sets,
    /// by a declaration or a plain assignment that does not read them and whose own value it pushes. Going backwards,
    /// nothing reads such an accumulator between the loop's adjoint (whose iterations never read it) and the pop of
    /// that statement, which restores it; the declaration's adjoint then
    /// computes its partials from the operands instead of reading the local.
    /// </summary>
    private HashSet<ILocalSymbol> UnrestoredAccumulators(StatementSyntax loop, HashSet<ILocalSymbol> accumulated, Region region)
    {
        var result = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (loop.Parent is not BlockSyntax block) return result;
        int at = block.Statements.IndexOf(loop);
        if (at < 1) return result;
        var previous = block.Statements[at - 1];
        bool Reads(ExpressionSyntax e, ILocalSymbol local) =>
            e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => SymbolEqualityComparer.Default.Equals(M.SymbolOf(id), local));
        switch (previous)
        {
            case LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } decl
                when decl.Declaration.Variables[0] is { Initializer: not null } d && M.DeclaredLocal(d) is { } local
                    && accumulated.Contains(local) && M.IsScalar(local.Type):
                result.Add(local);
                unrestored.Add(decl);
                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } a }
                when Target(a, out _, out _, out var index) is { } target && index is null && accumulated.Contains(target)
                    && M.IsScalar(target.Type) && !Reads(a.Right, target) && !region.Outer.Contains(target) && !accumulating.Contains(target):
                result.Add(target);
                break;
        }
        return result;
    }

    /// <summary>Declarations of passive locals in taped iterations that the backward part recomputes (<see cref="Recomputed"/>).</summary>
    private readonly HashSet<SyntaxNode> recomputed = new();

    /// <summary>
    /// Whether a declaration of a passive local in a taped iteration can be recomputed at the start of the iteration's
    /// backward part instead of pushing the value it overwrites (as a loop counter is, Griewank &amp; Walther 2008,
    /// §12.2 on recomputing passive values): it sits directly in the loop's body, declares one number, which nothing
    /// else writes, from literals, arithmetic and locals or parameters that the body does not write (the loop's
    /// counters, say). Its value is then the same there as where it was declared, and outside the body nothing reads it.
    /// </summary>
    private bool Recomputed(LocalDeclarationStatementSyntax decl, ILocalSymbol local)
    {
        if (decl.Parent is not BlockSyntax { Parent: ForStatementSyntax or WhileStatementSyntax } block || decl.Declaration.Variables.Count != 1
            || M.Active.Contains(local) || local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double))
            return false;
        var written = new HashSet<ILocalSymbol>(Written(block), SymbolEqualityComparer.Default);
        if (written.Contains(local)) return false;
        return decl.Declaration.Variables[0].Initializer!.Value.DescendantNodesAndSelf().All(n => n switch
        {
            LiteralExpressionSyntax or ParenthesizedExpressionSyntax => true,
            BinaryExpressionSyntax b => b.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression,
            PrefixUnaryExpressionSyntax u => u.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression,
            // The length of an array or of x: the name of Length, and what it is the length of.
            MemberAccessExpressionSyntax { Name.Identifier.Text: "Length", Expression: IdentifierNameSyntax } => true,
            IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } access } id when access.Name == id => true,
            IdentifierNameSyntax id => M.SymbolOf(id) switch
            {
                ILocalSymbol l => !written.Contains(l) && !M.Active.Contains(l) && !SymbolEqualityComparer.Default.Equals(l, local),
                IParameterSymbol parameter => !SymbolEqualityComparer.Default.Equals(parameter, M.Input) || id.Parent is MemberAccessExpressionSyntax,
                _ => false,
            },
            _ => false,
        });
    }

    /// <summary>A loop run forward only, its body a region of its own whose accumulations into <paramref name="outer"/> are not saved.</summary>
    private void PlainLoop(StatementSyntax loop, HashSet<ILocalSymbol> outer, HashSet<ILocalSymbol> skip, Code code)
    {
        code.Open(LoopHeader(loop));
        var body = new Region(outer);
        var bodyCode = new Code();
        foreach (var inner in StatementsOf(LoopBody(loop))) Forward(inner, body, false, skip, bodyCode);
        code.Append(body.Declarations);
        code.Append(bodyCode);
        code.Close();
    }

    /// <summary>
    /// A counted loop <c>for (int i = start; condition; i++)</c> whose body does not change i and whose start reads
    /// nothing the loop changes: its backward part recomputes i = start + k instead of saving it.
    /// </summary>
    private VariableDeclaratorSyntax? Counter(StatementSyntax loop)
    {
        if (loop is not ForStatementSyntax { Declaration.Variables.Count: 1, Incrementors.Count: 1 } f) return null;
        var d = f.Declaration.Variables[0];
        var local = M.DeclaredLocal(d);
        if (local is null || local.Type.SpecialType != SpecialType.System_Int32 || d.Initializer is null) return null;
        bool increments = f.Incrementors[0] is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression };
        if (!increments || !SymbolEqualityComparer.Default.Equals(Target(f.Incrementors[0], out _, out _), local)) return null;
        var written = new HashSet<ILocalSymbol>(Written(f.Statement), SymbolEqualityComparer.Default);
        if (written.Contains(local)) return null;
        bool readsChanged = d.Initializer.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => M.SymbolOf(id) is ILocalSymbol l && written.Contains(l));
        return readsChanged ? null : d;
    }

    /// <summary>The locals the statements write (arrays of T included).</summary>
    private IEnumerable<ILocalSymbol> Written(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Select(e => Target(e, out _, out _)).OfType<ILocalSymbol>();

    /// <summary>
    /// The forward part of a taped loop: its iterations run as straight-line code whose overwritten values, branch
    /// conditions and loop counters go on stacks, and the number of iterations after them. The body's locals live in
    /// the enclosing region, so that the backward part finds the values of the last iteration.
    /// </summary>
    private void ForwardTaped(StatementSyntax loop, Region region, HashSet<ILocalSymbol> skip, Code code)
    {
        taped.Add(loop);
        var accumulators = PureAccumulators(loop);
        var unsaved = tapeDepth > 0 ? UnrestoredAccumulators(loop, new HashSet<ILocalSymbol>(accumulators, SymbolEqualityComparer.Default), region) : [];
        tapedAccumulators[loop] = accumulators.Where(local => !unsaved.Contains(local)).ToList();
        foreach (var local in tapedAccumulators[loop]) PushValue(code, Carries(local), M.TypeName(local, loop), M.Name(local));
        string count = Fresh("__n");
        counts[loop] = count;
        region.Declarations.Line($"int {count} = 0;");
        var counter = Counter(loop);
        var saved = new List<(string Name, string Type)>();
        string header;
        if (loop is ForStatementSyntax f)
        {
            var inits = new List<string>();
            if (f.Declaration is { } decl)
            {
                if (M.IsScalar(M.TypeOf(decl.Type))) throw new UnsupportedException(decl, "a loop may not declare a variable of the scalar type in its header");
                foreach (var d in decl.Variables)
                {
                    var local = M.DeclaredLocal(d)!;
                    region.Declarations.Line($"{M.TypeName(local, d)} {M.Name(local)} = default!;");
                    if (d.Initializer is { } init) inits.Add($"{M.Name(local)} = {M.Render(init.Value)}");
                    if (counter is null) saved.Add((M.Name(local), M.TypeName(local, d)));
                }
            }
            foreach (var e in f.Initializers)
            {
                if (Target(e, out _, out _) is { } t)
                {
                    if (M.Active.Contains(t)) throw new UnsupportedException(e, $"a loop header may not change the active variable '{t.Name}'");
                    code.Line(Push(M.TypeName(t, e), M.Name(t)));
                }
                inits.Add(M.Render(e));
            }
            foreach (var e in f.Incrementors)
                if (Target(e, out _, out _) is { } t)
                {
                    if (M.Active.Contains(t)) throw new UnsupportedException(e, $"a loop header may not change the active variable '{t.Name}'");
                    if (counter is null && !saved.Any(v => v.Name == M.Name(t))) saved.Add((M.Name(t), M.TypeName(t, e)));
                }
            string condition = f.Condition is null ? "" : M.Render(f.Condition);
            string increments = string.Join(", ", f.Incrementors.Select(M.Render));
            header = counter is null ? $"for ({string.Join(", ", inits)}; {condition}; )" : $"for ({string.Join(", ", inits)}; {condition}; {increments})";
        }
        else header = LoopHeader(loop);
        code.Line($"{count} = 0;");
        code.Open(header);
        // The iteration's pushes are counted while its code is written; the room for them is made once, at its start,
        // and again after each taped loop inside it (whose own pushes use the room up).
        var body = new Code();
        frames.Add(new Frame());
        body.Line(Reserve());
        tapeDepth++;
        var outside = accumulating;
        accumulating = new HashSet<ILocalSymbol>(outside.Concat(accumulators), SymbolEqualityComparer.Default);
        foreach (var inner in StatementsOf(LoopBody(loop))) Forward(inner, region, true, skip, body);
        accumulating = outside;
        tapeDepth--;
        body.Line($"{count}++;");
        if (loop is ForStatementSyntax g && counter is null)
        {
            foreach (var (name, type) in saved) body.Line(Push(type, name));
            foreach (var e in g.Incrementors) body.Line(M.Render(e) + ";");
        }
        frames.RemoveAt(frames.Count - 1);
        code.Append(body);
        code.Close();
        if (frames.Count > 0) code.Line(Reserve());
        code.Line(Push("int", count));
        tapedSaves[loop] = saved;
    }

    /// <summary>The variables the taped loops being written only accumulate into.</summary>
    private HashSet<ILocalSymbol> accumulating = new(SymbolEqualityComparer.Default);

    /// <summary>Accumulations in taped loops that push nothing: their targets are in <see cref="accumulating"/>.</summary>
    private readonly HashSet<SyntaxNode> accumulations = new();

    /// <summary>Per taped loop, the variables it only accumulates into, saved once before it.</summary>
    private readonly Dictionary<SyntaxNode, List<ILocalSymbol>> tapedAccumulators = new();

    /// <summary>
    /// The active variables declared outside a loop that the loop uses only by accumulating into them (<c>s += e</c>,
    /// <c>s -= e</c>, e not reading s): as in a reduction, their adjoints are the same in every iteration, so a taped
    /// loop need not push their values per iteration.
    /// </summary>
    private List<ILocalSymbol> PureAccumulators(StatementSyntax loop)
    {
        var inside = new HashSet<ILocalSymbol>(loop.DescendantNodes().Select(M.DeclaredLocal).OfType<ILocalSymbol>(), SymbolEqualityComparer.Default);
        var candidates = new List<ILocalSymbol>();
        var rejected = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var id in loop.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (M.SymbolOf(id) is not ILocalSymbol l || inside.Contains(l) || !M.Active.Contains(l) || !M.IsScalar(l.Type)) continue;
            bool accumulates = id.Parent is AssignmentExpressionSyntax a && a.Left == id
                && (a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression))
                && !a.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(r => SymbolEqualityComparer.Default.Equals(M.SymbolOf(r), l));
            if (!accumulates) rejected.Add(l);
            else if (!candidates.Contains(l, SymbolEqualityComparer.Default)) candidates.Add(l);
        }
        return candidates.Where(l => !rejected.Contains(l)).ToList();
    }

    /// <summary>The pushes of a taped iteration being written, per stack type, counted since the last room was made.</summary>
    private sealed class Frame
    {
        public Dictionary<string, int> Counts { get; set; } = new();
    }

    /// <summary>The taped iterations being written, innermost last.</summary>
    private readonly List<Frame> frames = new();

    /// <summary>Where room is made on the stacks, and for how many pushes of each type: filled in by <see cref="Finish"/>.</summary>
    private readonly List<(string Placeholder, Dictionary<string, int> Counts)> reservations = new();

    /// <summary>A placeholder for the room the pushes that follow, up to the next one, need: their count is known later.</summary>
    private string Reserve()
    {
        var frame = frames[frames.Count - 1];
        frame.Counts = new Dictionary<string, int>();
        string placeholder = "/*" + Fresh("__reserve") + "*/";
        reservations.Add((placeholder, frame.Counts));
        return placeholder;
    }

    /// <summary>Replaces each placeholder by the code that makes room for its pushes.</summary>
    private void Finish(Code code)
    {
        foreach (var (placeholder, counts) in reservations)
            code.Replace(placeholder, string.Join(" ", counts.Select(pair =>
            {
                string stack = Stack(pair.Key);
                return $"if ({stack}_top + {pair.Value} > {stack}.Length) {stack} = __Grow({stack}, {stack}_top + {pair.Value});";
            })));
    }

    private readonly Dictionary<SyntaxNode, List<(string Name, string Type)>> tapedSaves = new();

    /// <summary>
    /// Whether a loop is taped rather than replayed: it is not a reduction (it changes a variable declared outside it
    /// other than by accumulating into it, or writes an element of an array of T).
    /// </summary>
    private bool IsTaped(StatementSyntax loop)
    {
        if (tapedLoops.TryGetValue(loop, out bool known)) return known;
        bool result;
        try
        {
            CheckLoop(loop);
            // Element writes to arrays declared inside the loop change nothing that outlives an iteration.
            var inside = new HashSet<ILocalSymbol>(loop.DescendantNodes().Select(M.DeclaredLocal).OfType<ILocalSymbol>(), SymbolEqualityComparer.Default);
            result = loop.DescendantNodes().OfType<ExpressionSyntax>().Any(e => Target(e, out _, out _, out var index) is { } t && index is not null && !inside.Contains(t));
        }
        catch (UnsupportedException)
        {
            result = true;
        }
        tapedLoops[loop] = result;
        return result;
    }

    private readonly Dictionary<SyntaxNode, bool> tapedLoops = new();

    /// <summary>
    /// Whether a loop's body holds a loop. A reduction with an inner loop that runs inside a taped loop is taped as
    /// well: replaying it would recompute its inner loops (a row of a matrix-vector product) on the way back, where
    /// the tape keeps the few values each iteration overwrites.
    /// </summary>
    private static bool HasInnerLoop(StatementSyntax loop) =>
        LoopBody(loop).DescendantNodesAndSelf().Any(n => n is ForStatementSyntax or WhileStatementSyntax);


    /// <summary>
    /// Checks that a loop is a reduction. Returns the active variables declared outside it that it
    /// accumulates into, and the other variables declared outside it that it changes.
    /// </summary>
    private (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed) CheckLoop(StatementSyntax loop)
    {
        if (!loops.TryGetValue(loop, out var result)) loops[loop] = result = AnalyzeLoop(loop);
        return result;
    }

    private (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed) AnalyzeLoop(StatementSyntax loop)
    {
        var inside = new HashSet<ILocalSymbol>(loop.DescendantNodes().Select(M.DeclaredLocal).OfType<ILocalSymbol>(), SymbolEqualityComparer.Default);
        var accumulated = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var changed = new List<ILocalSymbol>();
        foreach (var e in loop.DescendantNodes().OfType<ExpressionSyntax>())
        {
            if (Target(e, out _, out _) is not { } t || inside.Contains(t)) continue;
            if (M.Active.Contains(t)) accumulated.Add(t);
            else if (!changed.Contains(t, SymbolEqualityComparer.Default)) changed.Add(t);
        }
        foreach (var id in loop.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (M.SymbolOf(id) is not ILocalSymbol l || !accumulated.Contains(l)) continue;
            bool accumulates = id.Parent is AssignmentExpressionSyntax a && a.Left == id
                && (a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression))
                && !a.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(r => SymbolEqualityComparer.Default.Equals(M.SymbolOf(r), l));
            if (!accumulates)
                throw new UnsupportedException(id.Parent ?? id,
                    $"the loop uses '{l.Name}', declared outside it, other than by accumulating into it with += or -= (the loop must be a reduction)");
        }
        return (accumulated, changed);
    }

    // ---- backward sweep -----------------------------------------------------------------------------

    private void Backward(StatementSyntax s, Region region, Code code)
    {
        bool tape = taped.Contains(s);
        switch (s)
        {
            case LocalDeclarationStatementSyntax decl:
                for (int k = decl.Declaration.Variables.Count - 1; k >= 0; k--)
                {
                    var d = decl.Declaration.Variables[k];
                    var local = M.DeclaredLocal(d)!;
                    if (M.IsScalarArray(local.Type) || d.Initializer is not { } init) continue;
                    if (M.Active.Contains(local))
                    {
                        // Going backwards, a local holds its initializer's value here: the code after the declaration
                        // has been undone. Partials that read the result (√, 1/a, a/b, exp) read the local.
                        (current, currentIndex) = (decl, k);
                        Propagate(M.ToNode(init.Value), M.Adjoint(local), AdjointTangent(local), ReachedOf(local), code, unrestored.Contains(decl) ? null : M.Name(local));
                        current = null;
                        if (tape)
                        {
                            // The local is declared again by the previous iteration: its adjoint starts afresh there.
                            code.Line($"{M.Adjoint(local)} = {M.Rules.Zero};");
                            if (Carries(local)) code.Line($"{Dot(M.Adjoint(local))} = {M.Rules.Zero};");
                            zero.Add(local);
                            code.Line($"{M.Reached(local)} = false;");
                            known.Remove(local);
                        }
                    }
                    if (tape && !recomputed.Contains(decl)) PopInto(code, Carries(local), M.TypeName(local, d), M.Name(local));
                }
                break;
            case ExpressionStatementSyntax e when M.IsPassiveCall(e.Expression):
                break;
            case ExpressionStatementSyntax e:
            {
                var target = Target(e.Expression, out var right, out var kind, out var index)!;
                string type = index is null ? M.TypeName(target, s) : M.Rules.Scalar;
                string restore = tape ? Pop(type) : saves.TryGetValue(s, out var slot) ? slot : "";
                if (index is null && (region.Outer.Contains(target) || accumulations.Contains(s)))
                {
                    // An accumulation into a variable of the enclosing code: its adjoint is fixed through the loop.
                    string adjoint = M.Adjoint(target);
                    string? tangent = AdjointTangent(target) is { } t && kind != SyntaxKind.AddAssignmentExpression ? $"(-{t})" : AdjointTangent(target);
                    Propagate(M.ToNode(right!), kind == SyntaxKind.AddAssignmentExpression ? adjoint : $"(-{adjoint})", tangent, ReachedOf(target), code);
                    break;
                }
                if (!M.Active.Contains(target))
                {
                    code.Line($"{Place(target, index)} = {restore};");
                    break;
                }
                if (right is null) throw Unsupported(s);
                if (index is not null)
                {
                    // Elements of arrays carry no flag: their adjoints are taken to reach the result.
                    string element = $"{M.Adjoint(target)}[{index}]", v = Fresh("__w");
                    bool carries = Carries(target);
                    Copy(code, carries, M.Rules.Scalar, v, element);
                    code.Line($"{element} = {M.Rules.Zero};");
                    if (carries) code.Line($"{Dot(element)} = {M.Rules.Zero};");
                    Restore(code, carries, type, Place(target, index), restore, tape);
                    Propagate(Assigned(target, right, kind, index), v, carries ? Dot(v) : null, "true", code);
                    break;
                }
                string w = Fresh("__w"), reached = ReachedOf(target);
                bool carriesTarget = Carries(target);
                Copy(code, carriesTarget, M.Rules.Scalar, w, M.Adjoint(target));
                if (reached != "true")
                {
                    reached = Fresh("__r");
                    code.Line($"bool {reached} = {M.Reached(target)};");
                }
                code.Line($"{M.Adjoint(target)} = {M.Rules.Zero};");
                if (carriesTarget) code.Line($"{Dot(M.Adjoint(target))} = {M.Rules.Zero};");
                zero.Add(target);
                code.Line($"{M.Reached(target)} = false;");
                known.Remove(target);
                Restore(code, carriesTarget, type, M.Name(target), restore, tape);
                Propagate(Assigned(target, right, kind), w, carriesTarget ? Dot(w) : null, reached, code);
                break;
            }
            case IfStatementSyntax i:
                if (tape) code.Line($"{saves[s]} = {Pop("bool")};");
                code.Open($"if ({saves[s]})");
                Conditionally(() => BackwardAll(StatementsOf(i.Statement), region, code));
                code.Close();
                if (i.Else is { } otherwise)
                {
                    code.Open("else");
                    Conditionally(() => BackwardAll(StatementsOf(otherwise.Statement), region, code));
                    code.Close();
                }
                break;
            case ForStatementSyntax or WhileStatementSyntax when counts.ContainsKey(s):
            {
                string count = counts[s], k = Fresh("__k");
                code.Line($"{count} = {Pop("int")};");
                var counter = Counter(s);
                string? start = null;
                if (counter is not null)
                {
                    start = Fresh("__i");
                    code.Line($"int {start} = {M.Render(counter.Initializer!.Value)};");
                }
                code.Open($"for (int {k} = {count} - 1; {k} >= 0; {k}--)");
                if (counter is not null) code.Line($"{M.Name(M.DeclaredLocal(counter)!)} = {start} + {k};");
                foreach (var (name, type) in Enumerable.Reverse(tapedSaves[s])) code.Line($"{name} = {Pop(type)};");
                foreach (var inner in StatementsOf(LoopBody(s)))
                    if (recomputed.Contains(inner))
                        foreach (var d in ((LocalDeclarationStatementSyntax)inner).Declaration.Variables)
                            code.Line($"{M.Name(M.DeclaredLocal(d)!)} = {M.Render(d.Initializer!.Value)};");
                // The body's code runs once per iteration: nothing is known of the flags at its start, and after the
                // loop nothing is known of the variables it writes.
                var before = known;
                known = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                zero = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                BackwardAll(StatementsOf(LoopBody(s)), region, code);
                zero = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                known = before;
                known.ExceptWith(Written(s));
                known.ExceptWith(s.DescendantNodes().Select(M.DeclaredLocal).OfType<ILocalSymbol>());
                code.Close();
                if (s is ForStatementSyntax f)
                    foreach (var e in f.Initializers.Reverse())
                        if (Target(e, out _, out _) is { } t) code.Line($"{M.Name(t)} = {Pop(M.TypeName(t, e))};");
                foreach (var local in Enumerable.Reverse(tapedAccumulators[s])) PopInto(code, Carries(local), M.TypeName(local, s), M.Name(local));
                break;
            }
            case ForStatementSyntax or WhileStatementSyntax:
            {
                var (accumulated, changed) = CheckLoop(s);
                var restores = loopSaves[s];
                if (tape)
                    for (int r = restores.Count - 1; r >= 0; r--)
                        PopInto(code, restores[r].Carries, restores[r].Type, restores[r].Saved);
                foreach (var (name, saved, carries, _) in restores) Copy(code, carries, null, name, saved);
                Replay(s, accumulated, changed, accumulated, code);
                foreach (var (name, saved, carries, _) in restores) Copy(code, carries, null, name, saved);
                break;
            }
            case BlockSyntax b:
                BackwardAll(b.Statements, region, code);
                break;
        }
    }

    private void BackwardAll(IReadOnlyList<StatementSyntax> statements, Region region, Code code)
    {
        for (int k = statements.Count - 1; k >= 0; k--) Backward(statements[k], region, code);
    }

    /// <summary>Adds the adjoint <paramref name="adjoint"/> of a tree's value into the adjoints of its leaves.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="adjoint">The adjoint of its value.</param>
    /// <param name="tangent">In the second-order code, the tangent of the adjoint (null: zero).</param>
    /// <param name="reached">Whether its value reaches the result: "true", or the name of a flag.</param>
    /// <param name="code">Where the code goes.</param>
    /// <param name="rootValue">A local that holds the root's value here, or null.</param>
    private void Propagate(Node root, string adjoint, string? tangent, string reached, Code code, string? rootValue = null)
    {
        var values = new Dictionary<Node, string>();
        if (rootValue is not null && root is OperationNode) values[root] = rootValue;
        if (reached == "true" || !Multiplies(root))
        {
            Propagate(root, adjoint, tangent, reached, code, values);
            return;
        }
        // A value that does not reach the result (a branch not taken, a guarded √) must add nothing, also where
        // its partials are infinite or NaN, as in the runtime reverse mode, which never sweeps such a value. A
        // flag and not a test of the adjoint for 0: over dual numbers (Hessian-vector products) an adjoint whose
        // value is 0 may still carry a tangent.
        code.Open($"if ({reached})");
        Conditionally(() => Propagate(root, adjoint, tangent, "true", code, values));
        code.Close();
    }

    /// <summary>The declaration whose initializer is being swept backwards (null elsewhere), and which of its declarators.</summary>
    private StatementSyntax? current;
    private int currentIndex;

    /// <summary>
    /// Locals declared once as sin a or cos a of a local a declared once, by operation and operand: the backward sweep
    /// reads cos a for the partial of sin a and sin a for that of cos a where the user's code already computed them,
    /// instead of calling the function again (as a hand-written adjoint would; Griewank &amp; Walther 2008, §3.3,
    /// on reusing intermediate values).
    /// </summary>
    private Dictionary<string, List<(ILocalSymbol Local, StatementSyntax Statement, int Index)>> Trigonometric =>
        trigonometric ??= FindTrigonometric();

    private Dictionary<string, List<(ILocalSymbol Local, StatementSyntax Statement, int Index)>>? trigonometric;

    private Dictionary<string, List<(ILocalSymbol Local, StatementSyntax Statement, int Index)>> FindTrigonometric()
    {
        var found = new Dictionary<string, List<(ILocalSymbol, StatementSyntax, int)>>();
        foreach (var decl in M.Body.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
            for (int k = 0; k < decl.Declaration.Variables.Count; k++)
            {
                var d = decl.Declaration.Variables[k];
                if (d.Initializer?.Value is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Sin" or "Cos" } } call
                    || M.DeclaredLocal(d) is not { } local
                    || !M.IsScalar(local.Type) || !M.WrittenOnce.Contains(local))
                    continue;
                Node node;
                try { node = M.ToNode(call); }
                catch (UnsupportedException) { continue; }
                if (node is OperationNode { Op: "Sin" or "Cos" } op && op.Operands[0] is VariableNode operand && M.WrittenOnce.Contains(operand.Symbol))
                {
                    string key = op.Op + " " + M.Name(operand.Symbol);
                    if (!found.TryGetValue(key, out var list)) found[key] = list = new();
                    list.Add((local, decl, k));
                }
            }
        return found;
    }

    /// <summary>
    /// A local that holds <paramref name="op"/> of <paramref name="operand"/> where the current declaration is swept
    /// backwards: declared once, from an operand declared once, in the declaration's block or an enclosing one, and
    /// before it, or after it where neither is in a loop. Null if none.
    /// </summary>
    private string? Held(string op, Node operand)
    {
        if (current is null || operand is not VariableNode v || !Trigonometric.TryGetValue(op + " " + M.Name(v.Symbol), out var candidates))
            return null;
        foreach (var (local, statement, index) in candidates)
        {
            if (statement.Parent is not BlockSyntax block) continue;
            // The statement of the enclosing code, in the candidate's block, that contains the current declaration.
            SyntaxNode? at = current;
            while (at is not null && at.Parent != block) at = at.Parent;
            if (at is not StatementSyntax inBlock) continue;
            int before = block.Statements.IndexOf(statement), here = block.Statements.IndexOf(inBlock);
            if (before < here || (before == here && statement == current && index < currentIndex)) return M.Name(local);
            // Outside loops the forward sweep has run the whole block before the backward sweep starts, and nothing
            // undoes a declaration, so a local declared later in the block holds its value too. (A loop's backward
            // code restores the locals of the iteration before.)
            if (!InLoop(current) && !InLoop(statement)) return M.Name(local);
        }
        return null;
    }

    /// <summary>Whether a statement of the method lies inside a loop (after lowering, a <c>for</c> or a <c>while</c>).</summary>
    private static bool InLoop(SyntaxNode statement) =>
        statement.Ancestors().Any(a => a is ForStatementSyntax or WhileStatementSyntax);

    /// <summary>The partial of sin a or cos a from a local that already holds cos a or sin a (<see cref="Held"/>), or null.</summary>
    private string? HeldPartial(OperationNode op) => op.Op switch
    {
        "Sin" => Held("Cos", op.Operands[0]),
        "Cos" => Held("Sin", op.Operands[0]) is { } sine ? $"(-{sine})" : null,
        _ => null,
    };

    /// <summary>Declares the adjoints of a region's active locals, and the flags that say whether they reach the result.</summary>
    private void DeclareAdjoints(Region region, Code code)
    {
        foreach (var local in region.Locals.Where(l => M.Active.Contains(l) && !M.IsScalarArray(l.Type)))
        {
            code.Line($"{M.Rules.Scalar} {M.Adjoint(local)} = {M.Rules.Zero};");
            if (second) code.Line($"{M.Rules.Scalar} {Dot(M.Adjoint(local))} = {M.Rules.Zero};");
            zero.Add(local);
            code.Line($"bool {M.Reached(local)} = false;");
            known.Remove(local);
        }
    }

    /// <summary>
    /// Whether propagating through the tree multiplies the adjoint by partials that may not be finite: those
    /// of functions, and the values of active operands in products and quotients (a constant factor is finite).
    /// </summary>
    private static bool Multiplies(Node n) => n switch
    {
        OperationNode { Op: "+" or "-" or "neg" or "Min" or "Max" } op => op.Operands.Any(Multiplies),
        OperationNode { Op: "*" } op when op.Operands[0] is ConstantNode => Multiplies(op.Operands[1]),
        OperationNode { Op: "*" or "/" } op when op.Operands[1] is ConstantNode => Multiplies(op.Operands[0]),
        OperationNode => true,
        ChoiceNode c => Multiplies(c.WhenTrue) || Multiplies(c.WhenFalse),
        _ => false,
    };

    private void Propagate(Node n, string adjoint, string? tangent, string reached, Code code, Dictionary<Node, string> values)
    {
        switch (n)
        {
            case ConstantNode:
                return;
            case VariableNode v:
            {
                // Onto an adjoint known to be zero, the first contribution is stored rather than added.
                string accumulate = zero.Remove(v.Symbol) ? "=" : "+=";
                code.Line($"{M.Adjoint(v.Symbol)} {accumulate} {adjoint};");
                if (tangent is not null) code.Line($"{Dot(M.Adjoint(v.Symbol))} {accumulate} {tangent};");
                code.Line(reached == "true" ? $"{M.Reached(v.Symbol)} = true;" : $"{M.Reached(v.Symbol)} |= {reached};");
                if (reached == "true") known.Add(v.Symbol);
                return;
            }
            case InputNode input:
            {
                string i = IndexOf(input, code, values);
                string g = FirstWrite(input.Index, gradientStores, GradientStore);
                // The second-order code writes the gradient only when asked for it (a caller after ∇²f·v alone saves a stream).
                code.Line(second ? $"if (__writesGradient) gradient[{i}] {g} {adjoint};" : $"gradient[{i}] {g} {adjoint};");
                if (tangent is not null) code.Line($"hessianVector[{i}] {FirstWrite(input.Index, hessianVectorStores, HessianVectorStore)} {tangent};");
                return;
            }
            case ElementNode element:
                code.Line($"{M.Adjoint(element.Array)}[{element.Index}] += {adjoint};");
                if (tangent is not null) code.Line($"{Dot(M.Adjoint(element.Array))}[{element.Index}] += {tangent};");
                return;
            case ChoiceNode c:
                code.Open($"if ({c.Condition})");
                Conditionally(() => Propagate(c.WhenTrue, adjoint, tangent, reached, code, values));
                code.Close();
                code.Open("else");
                Conditionally(() => Propagate(c.WhenFalse, adjoint, tangent, reached, code, values));
                code.Close();
                return;
            case OperationNode op:
            {
                // Values are written only where a partial derivative reads them.
                bool linear = op.Op is "+" or "-" or "neg";
                var args = op.Operands.Select(o => linear ? "" : Value(o, code, values)).ToArray();
                bool shared = op.Operands.Count(o => o is not ConstantNode) > 1;
                if (shared && !IsName(adjoint))
                {
                    string a = Fresh("__a");
                    code.Line($"{M.Rules.Scalar} {a} = {adjoint};");
                    adjoint = a;
                }
                if (shared && tangent is not null && !IsName(tangent))
                {
                    string a = Fresh("__a");
                    code.Line($"{M.Rules.Scalar} {a} = {tangent};");
                    tangent = a;
                }
                if (M.Rules.Selection(op.Op, args) is { } first)
                {
                    code.Open($"if ({first})");
                    Conditionally(() => Propagate(op.Operands[0], adjoint, tangent, reached, code, values));
                    code.Close();
                    code.Open("else");
                    Conditionally(() => Propagate(op.Operands[1], adjoint, tangent, reached, code, values));
                    code.Close();
                    return;
                }
                if (op.Op == "*" && SameLeaf(op.Operands[0], op.Operands[1]))
                {
                    // A square a·a: one propagation with the partial 2a (and, in the second-order code, its tangent 2ȧ),
                    // instead of two.
                    string twice = Temporary($"{args[0]} + {args[0]}", code);
                    string? along = second ? Tangent(op.Operands[0], code, values) : null;
                    var squareTerms = new List<string>();
                    if (tangent is not null) squareTerms.Add($"{tangent} * {twice}");
                    if (along is not null) squareTerms.Add(adjoint == M.Rules.One ? $"({along} + {along})" : $"{adjoint} * ({along} + {along})");
                    Propagate(op.Operands[0], adjoint == M.Rules.One ? twice : $"{adjoint} * {twice}",
                        squareTerms.Count == 0 ? null : string.Join(" + ", squareTerms), reached, code, values);
                    return;
                }
                // The second-order code also needs the tangents of the operands, for the tangents of the partials.
                var tangents = second && !linear ? op.Operands.Select(o => Tangent(o, code, values)).ToArray() : [];
                for (int k = 0; k < args.Length; k++)
                {
                    if (op.Operands[k] is ConstantNode) continue;
                    string result = Rules.ReadsResult(op.Op) ? Value(n, code, values) : "";
                    string partial = HeldPartial(op) ?? M.Rules.Partial(op.Op, k, args, result);
                    string? partialTangent = null;
                    if (second && !linear)
                    {
                        if (!IsName(partial)) partial = Temporary(partial, code);
                        partialTangent = M.Rules.PartialTangent(op.Op, k, args, tangents, result, Rules.ReadsResult(op.Op) ? Tangent(n, code, values) : null, partial);
                    }
                    string product = partial == M.Rules.One ? adjoint
                        : partial == M.Rules.MinusOne ? $"(-{adjoint})"
                        : adjoint == M.Rules.One ? partial
                        : $"{adjoint} * {partial}";
                    // (z̄·φₖ)˙ = ż̄·φₖ + z̄·φ̇ₖ.
                    var terms = new List<string>();
                    if (tangent is not null)
                        terms.Add(partial == M.Rules.One ? tangent : partial == M.Rules.MinusOne ? $"(-{tangent})" : $"{tangent} * {partial}");
                    if (partialTangent is not null) terms.Add(adjoint == M.Rules.One ? partialTangent : $"{adjoint} * {partialTangent}");
                    string? productTangent = terms.Count == 0 ? null : string.Join(" + ", terms);
                    bool leaf = op.Operands[k] is VariableNode or InputNode;
                    Propagate(op.Operands[k], IsName(product) || leaf ? product : $"({product})",
                        productTangent is null || IsName(productTangent) || leaf ? productTangent : $"({productTangent})", reached, code, values);
                }
                return;
            }
        }
    }

    private bool IsName(string s) => SyntaxFacts.IsValidIdentifier(s) || s == M.Rules.One;
}
