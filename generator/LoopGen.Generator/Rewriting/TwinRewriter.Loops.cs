using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// The lifted forms — one lowering for every loop kind: a loop becomes a <c>Loop.Fori</c> / <c>Loop.While</c> /
/// <c>Loop.Scan</c> call whose lambdas take and return the loop's carries; a traced <c>if</c> becomes <c>Loop.Cond</c>.
/// The twin calls them through <c>Lifted.ForiOne</c>, <c>Lifted.WhileTuple&lt;T&gt;</c>, … (runtime Loops/Lifted.Loops.cs):
/// the same methods, one name per carry shape, so the compiler binds each lambda once.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>How a group of variables travels through a lambda: parameter, unpacking, return value, initial value.</summary>
    private sealed class Pack
    {
        public string Type = "";
        public string Param = "";
        public string Unpack = "";
        public string Value = "";
        public string Init = "";
        public string Target = "";
        public List<string> Names = new();

        /// <summary>For two to four variables, the typed parameter list a spread lambda takes (<c>T1 a, T2 b</c>); else empty.</summary>
        public string Spread = "";

        /// <summary>With <see cref="Spread"/>, the element types as type arguments (<c>T1, T2</c>).</summary>
        public string SpreadTypes = "";
    }

    /// <summary>A variable the lifting adds (a flag), with its initial value.</summary>
    /// <remarks><paramref name="Target"/>: where a loop's result puts it ("_": dropped); <paramref name="IsFlag"/>: a flag a guard tests.</remarks>
    private readonly record struct Extra(string Name, string Init, string Label, string Target = "_", bool IsFlag = true);

    private string P(string name) => _ctx.Prefix + name;

    private string TwinType(ISymbol s) =>
        TracedNumberTuple(s) is { } tuple ? NumberTupleType(tuple) : _ctx.Traced.Contains(s) ? TensorType : LoopAnalysis.TypeOf(s)!.ToDisplayString(Qualified);

    /// <summary>Packs variables as one lambda parameter: none → an empty Tensor[], one → itself (shadowing), several → a tuple.</summary>
    private Pack PackOf(IReadOnlyList<ISymbol> vars, params Extra[] extras)
    {
        var names = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(e => e.Name)).ToList();
        var types = vars.Select(TwinType).Concat(extras.Select(_ => TensorType)).ToList();
        var inits = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(e => e.Init)).ToList();
        var targets = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(e => e.Target)).ToList();
        int n = _ctx.Next();
        var p = new Pack
        {
            Names = vars.SelectMany(v => LeafNames(v.Name, LoopAnalysis.TypeOf(v)!)).Concat(extras.Select(e => e.Label)).ToList(),
        };
        if (names.Count == 0)
        {
            p.Type = TensorType + "[]";
            p.Param = P("none" + n);
            p.Value = p.Init = $"global::System.Array.Empty<{TensorType}>()";
            p.Target = "_";
            return p;
        }
        if (names.Count == 1)
        {
            p.Type = types[0];
            p.Param = p.Value = names[0];
            p.Init = inits[0];
            p.Target = targets[0];
            return p;
        }
        p.Type = "(" + string.Join(", ", types) + ")";
        p.Param = P("carry" + n);
        p.Value = "(" + string.Join(", ", names) + ")";
        p.Init = "(" + string.Join(", ", inits) + ")";
        p.Target = targets.All(t => t == "_") ? "_" : "(" + string.Join(", ", targets) + ")";
        p.Unpack = "(" + string.Join(", ", types.Zip(names, (t, v) => t + " " + v)) + ") = " + p.Param + ";";
        if (names.Count <= MaxSpread)
        {
            p.Spread = string.Join(", ", types.Zip(names, (t, v) => t + " " + v));
            p.SpreadTypes = string.Join(", ", types);
        }
        return p;
    }

    /// <summary>The most carries the spread <c>Lifted.ForiTuple</c>/<c>WhileTuple</c> forms take (runtime Loops/Lifted.Spread.cs).</summary>
    private const int MaxSpread = 4;

    /// <summary>
    /// The parameters of a Fori/While lambda over these carries: spread (<c>T1 a, T2 b</c>) where a spread form exists,
    /// so the body needs no unpacking, else the one carry or tuple parameter.
    /// </summary>
    private static string CarryParams(Pack p) => p.Spread.Length > 0 ? p.Spread : $"{p.Type} {p.Param}";

    /// <summary><see cref="Open"/> for a Fori/While lambda: spread carries arrive as parameters, so nothing is unpacked.</summary>
    private static string OpenCarries(Pack p, params string[] lines) =>
        p.Spread.Length > 0 ? string.Concat(lines.Where(l => l.Length > 0).Select(l => l + "\n")) : Open(p, lines);

    private Extra[] BreakExtra(LoopPlan plan) =>
        (plan.BreakFlag is { } b ? new[] { new Extra(b, $"({TensorType})false", "(break)") } : System.Array.Empty<Extra>()).Concat(ReturnExtras(plan)).ToArray();

    private IEnumerable<string> LeafNames(string name, ITypeSymbol type) =>
        type is INamedTypeSymbol { IsTupleType: true } t
            ? t.TupleElements.SelectMany((e, k) => LeafNames($"{name}.{(e.IsExplicitlyNamedTupleElement ? e.Name : "Item" + (k + 1))}", e.Type))
            : new[] { name };

    /// <summary>The carries' names for messages, as the last argument before the caller's location (null for none).</summary>
    private static string NamesArgument(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? ", null" : ", new[] { " + string.Join(", ", list.Select(Str)) + " }";
    }

    /// <summary>
    /// <c>target = Loop.While(carries =&gt; cond, carries =&gt; { prologue; continue flag; body; return carries; }, init)</c>:
    /// the one lowering every while form (while, do, for as while, foreach as while) writes.
    /// </summary>
    private StatementSyntax WhileCall(LoopPlan plan, Pack carries, string cond, string body, params string[] prologue) =>
        _t.Statement(
            $"{carries.Target} = {Lifted}.While{Carried(carries)}(({CarryParams(carries)}) =>\n{{\n{OpenCarries(carries)}return {cond};\n}}, "
            + $"({CarryParams(carries)}) =>\n{{\n{OpenCarries(carries, prologue.Append(ContinueDeclaration(plan)).ToArray())}{body}\nreturn {carries.Value};\n}}, {carries.Init}{NamesArgument(carries.Names)});");

    /// <summary>
    /// The suffix of the <c>Lifted.Fori*</c>/<c>Lifted.While*</c> entry for these carries: <c>One</c> (a tensor),
    /// <c>Array</c> (a <c>Tensor[]</c>) or <c>Tuple&lt;T&gt;</c> with its type argument given — <c>Tuple&lt;T1, T2&gt;</c>,
    /// the element types, where the carries are spread over the lambda's parameters. One name per carry shape,
    /// type arguments given: the compiler infers nothing and meets one delegate type, so it binds each lambda once,
    /// where <c>Loop</c>'s overloads bind it once per candidate (and a nested lambda once per binding of the enclosing one).
    /// </summary>
    private static string Carried(Pack carries) =>
        carries.Type == TensorType ? "One" : carries.Type == TensorType + "[]" ? "Array"
        : "Tuple<" + (carries.Spread.Length > 0 ? carries.SpreadTypes : carries.Type) + ">";

    /// <summary>The per-iteration <c>continue</c> flag, declared false at the top of the body (empty without one).</summary>
    private static string ContinueDeclaration(LoopPlan plan) => plan.ContinueFlag is { } c ? $"{TensorType} {c} = false;" : "";

    /// <summary>The statements that open a lambda body: the carries unpacked, then the given lines.</summary>
    private static string Open(Pack pack, params string[] lines) =>
        (pack.Unpack.Length > 0 ? pack.Unpack + "\n" : "") + string.Concat(lines.Where(l => l.Length > 0).Select(l => l + "\n"));

    // ---- Loops ---------------------------------------------------------------------------------------------

    /// <inheritdoc/>
    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) => LiftedLoop(node) ?? base.VisitForStatement(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) => LiftedLoop(node) ?? base.VisitWhileStatement(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) => LiftedLoop(node) ?? base.VisitDoStatement(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) => LiftedLoop(node) ?? base.VisitForEachStatement(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitIfStatement(IfStatementSyntax node) =>
        _ctx.Conds.TryGetValue(node, out var cond) ? EmitCond(node, cond) : base.VisitIfStatement(node);

    private StatementSyntax? LiftedLoop(StatementSyntax loop)
    {
        if (!_ctx.Loops.TryGetValue(loop, out var plan)) return null;
        _ctx.LoopCount++;
        var lifted = plan.Kind switch
        {
            LoopKind.Fori or LoopKind.Foreach or LoopKind.RangeForeach => EmitCounted(plan),
            LoopKind.DoWhile => EmitDoWhile(plan),
            LoopKind.ForeachAsWhile => EmitForeachWhile(plan),
            _ => EmitWhile(plan),
        };
        return WithEarlyReturnState(loop, lifted);
    }

    /// <summary>Fori and foreach: a trip count known before the loop, an index, and (with collected lists) a scan.</summary>
    private StatementSyntax EmitCounted(LoopPlan plan)
    {
        var carries = PackOf(plan.Carries);
        int n = _ctx.Next();
        string index = P("t" + n);
        string lower = "0", upper;
        var prologue = new List<string>();
        string? xsDeclaration = null;
        if (plan.Range is { } range)
        {
            // foreach (var i in Enumerable.Range(start, count)): i runs from start to start + count.
            var variable = LoopAnalysis.Id(range.Variable.Name);
            if (range.Reversed)
            {
                // .Reverse(): the same trip count, the value counted down from start + count - 1.
                upper = A(range.Count);
                prologue.Add($"{TensorType} {variable} = {H(range.Start)} + {H(range.Count)} - 1 - {index};");
            }
            else if (plan.Outputs.Count == 0)
            {
                index = variable;
                lower = A(range.Start);
                upper = $"{H(range.Start)} + {H(range.Count)}";
            }
            else
            {
                upper = A(range.Count);
                prologue.Add($"{TensorType} {variable} = {H(range.Start)} + {index};");
            }
        }
        else if (plan.Statement is ForEachStatementSyntax fe)
        {
            // foreach (var row in xs): a fori over the leading axis, the row read by index.
            var xs = P("xs" + n);
            xsDeclaration = $"{TensorType} {xs} = {A(fe.Expression)};";
            upper = $"{xs}.Shape[0]";
            prologue.Add($"{TensorType} {LoopAnalysis.Id(fe.Identifier.ValueText)} = {Lifted}.Row({xs}, {index});");
        }
        else
        {
            var f = plan.Fori!;
            if (f.IsSimple && plan.Outputs.Count == 0)
            {
                index = LoopAnalysis.Id(f.Primary.Symbol.Name);
                lower = A(f.Primary.Init);
                upper = f.Comparison == SyntaxKind.LessThanOrEqualExpression ? $"{H(f.Bound)} + 1" : A(f.Bound);
            }
            else
            {
                upper = Trips(f);
                foreach (var c in f.Counters)
                {
                    var step = c.Step == 1 ? $" + {index}" : c.Step == -1 ? $" - {index}" : $" + {index} * {c.Step}";
                    prologue.Add($"{TensorType} {LoopAnalysis.Id(c.Symbol.Name)} = {H(c.Init)}{step};");
                }
            }
        }
        prologue.Add(ContinueDeclaration(plan));
        var body = _t.Statements(FlaggedBody(plan));

        var statements = new List<StatementSyntax>();
        StatementSyntax call;
        if (plan.Outputs.Count == 0)
        {
            // target = Loop.Fori(lower, upper, (Tensor i, carries) => { …body…; return carries; }, init);
            call = _t.Statement(
                $"{carries.Target} = {Lifted}.Fori{Carried(carries)}({lower}, {upper}, ({TensorType} {index}, {CarryParams(carries)}) =>\n{{\n"
                + OpenCarries(carries, prologue.ToArray()) + body + $"\nreturn {carries.Value};\n}}, {carries.Init}{NamesArgument(carries.Names)});");
        }
        else if (_ctx.Sizes.ConcatLoops.Contains(plan.Statement))
        {
            call = ForConcatCall(plan, carries, index, upper, prologue, body, statements);
        }
        else
        {
            // Collected lists: (target, stacked) = Loop.Scan((carries, Tensor t) => { …; return (carries, row); }, init, length);
            var outs = plan.Outputs;
            var stackedTarget = outs.Count == 1 ? StackedName(outs[0]) : "(" + string.Join(", ", outs.Select(StackedName)) + ")";
            var yValue = outs.Count == 1 ? RowName(outs[0]) : "(" + string.Join(", ", outs.Select(RowName)) + ")";
            var yType = outs.Count == 1 ? TensorType : "(" + string.Join(", ", outs.Select(_ => TensorType)) + ")";
            foreach (var o in outs.Where(o => !HoistedCollections.IsHoisted(o))) statements.Add(_t.Statement($"{TensorType} {StackedName(o)};"));
            var length = plan.Kind == LoopKind.Foreach ? upper : $"global::System.Math.Max(0, checked((int)({upper})))";
            var rows = outs.Select(o => $"{TensorType} {RowName(o)} = null!;").ToArray();
            call = _t.Statement(
                $"({carries.Target}, {stackedTarget}) = {Lifted}.Scan<{carries.Type}, {yType}>(({carries.Type} {carries.Param}, {TensorType} {index}) =>\n{{\n"
                + Open(carries, prologue.Concat(rows).ToArray()) + body
                + $"\nreturn ({carries.Value}, {yValue});\n}}, {carries.Init}, {length}{NamesArgument(carries.Names)});");
        }
        if (xsDeclaration is not null)
        {
            // The tensor iterated is evaluated once, in a block of its own.
            statements.Add(SyntaxFactory.Block(_t.Statement(xsDeclaration), call));
        }
        else
        {
            statements.Add(call);
        }
        return Spliced(statements);
    }

    /// <summary>The trip count of a counted loop as a C# expression over its bounds (int or Tensor alike).</summary>
    private string Trips(ForiPattern f)
    {
        string a = H(f.Primary.Init), b = H(f.Bound);
        long s = f.Primary.Step, m = System.Math.Abs(s);
        string span = s > 0 ? $"{b} - {a}" : $"{a} - {b}";
        long add = f.Comparison switch
        {
            SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression => m - 1,
            SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanOrEqualExpression => m,
            _ => 0,
        };
        var numerator = add == 0 ? span : $"{span} + {add}";
        return m == 1 ? $"({numerator})" : $"(({numerator}) / {m})";
    }

    private StatementSyntax EmitWhile(LoopPlan plan)
    {
        var carries = PackOf(plan.Carries, BreakExtra(plan));
        ExpressionSyntax? condition;
        var incrementors = new List<StatementSyntax>();
        var init = new List<StatementSyntax>();
        if (plan.Statement is ForStatementSyntax f)
        {
            condition = f.Condition;
            incrementors.AddRange(BreakGuarded(plan, f, f.Incrementors.Select(i => (StatementSyntax)SyntaxFactory.ExpressionStatement(E(i)).WithAdditionalAnnotations(LineMap.For(f))).ToList()));
            if (f.Declaration is not null) init.Add(SyntaxFactory.LocalDeclarationStatement((VariableDeclarationSyntax)Visit(f.Declaration)!));
            init.AddRange(f.Initializers.Select(i => SyntaxFactory.ExpressionStatement(E(i))));
        }
        else
        {
            condition = ((WhileStatementSyntax)plan.Statement).Condition;
        }
        var cond = (plan.BreakFlag is { } brk ? $"!{brk} & " : "") + $"({TensorType}){(condition is null ? "true" : H(condition))}";
        init.AddRange(CounterEntry(plan));
        var call = WhileCall(plan, carries, cond, _t.Statements(FlaggedBody(plan).Concat(incrementors).Concat(CounterSteps(plan))));
        // for (init; …): the initializers run once before the loop, scoped to it.
        return init.Count > 0 ? SyntaxFactory.Block(init.Append(call)) : call;
    }

    /// <summary>
    /// A <c>foreach</c> that breaks: <c>Loop.While</c> over an index it carries beside the break flag; each iteration
    /// reads its row (or range value) by the index, and the index moves after the (guarded) body.
    /// </summary>
    private StatementSyntax EmitForeachWhile(LoopPlan plan)
    {
        var fe = (ForEachStatementSyntax)plan.Statement;
        int n = _ctx.Next();
        string index = P("i" + n), variable = LoopAnalysis.Id(fe.Identifier.ValueText);
        var carries = PackOf(plan.Carries, new[] { new Extra(index, $"({TensorType})0", "(index)") }.Concat(BreakExtra(plan)).ToArray());
        var statements = new List<StatementSyntax>();
        string bound, read;
        if (plan.Range is { } range)
        {
            var start = P("start" + n);
            var count = P("count" + n);
            statements.Add(_t.Statement($"{TensorType} {start} = {A(range.Start)};"));
            statements.Add(_t.Statement($"{TensorType} {count} = {A(range.Count)};"));
            bound = count;
            read = range.Reversed ? $"{TensorType} {variable} = {start} + {count} - 1 - {index};" : $"{TensorType} {variable} = {start} + {index};";
        }
        else
        {
            var xs = P("xs" + n);
            statements.Add(_t.Statement($"{TensorType} {xs} = {A(fe.Expression)};"));
            bound = $"{xs}.Shape[0]";
            read = $"{TensorType} {variable} = {Lifted}.Row({xs}, {index});";
        }
        var cond = $"!{plan.BreakFlag} & ({TensorType})({index} < {bound})";
        statements.Add(WhileCall(plan, carries, cond, _t.Statements(FlaggedBody(plan)) + $"\n{index} = {index} + 1;", read));
        return SyntaxFactory.Block(statements);
    }

    /// <summary><c>do { body } while (cond)</c>: a while loop whose condition is also true on entry (a carried flag).</summary>
    private StatementSyntax EmitDoWhile(LoopPlan plan)
    {
        var d = (DoStatementSyntax)plan.Statement;
        string first = P("first" + _ctx.Next());
        var carries = PackOf(plan.Carries, new[] { new Extra(first, $"({TensorType})true", "(first iteration)") }.Concat(BreakExtra(plan)).ToArray());
        var cond = $"({first} | ({TensorType}){H(d.Condition)})";
        if (plan.BreakFlag is { } brk) cond = $"!{brk} & {cond}";
        return WhileCall(plan, carries, cond, _t.Statements(FlaggedBody(plan).Concat(CounterSteps(plan))), $"{first} = false;");
    }

    // ---- Traced ifs ----------------------------------------------------------------------------------------

    private StatementSyntax EmitCond(IfStatementSyntax i, CondPlan plan)
    {
        var flags = FlagsExitedWithin(i);
        var state = StateOf(plan, flags);
        var outputs = plan.State.Concat(plan.Produced).ToList();
        var result = PackOf(outputs, flags);
        var target = outputs.Count + flags.Length == 0 ? "_" : result.Value;
        var then = Branch(i.Statement, state, plan, result);
        var otherwise = Branch(i.Else?.Statement, state, plan, result);
        return _t.Statement(
            $"{target} = {Lifted}.Cond<{state.Type}, {result.Type}>(({TensorType}){H(i.Condition)}, {state.Value}, ({state.Type} {state.Param}) =>\n{{\n{then}\n}}, "
            + $"({state.Type} {state.Param}) =>\n{{\n{otherwise}\n}});");
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitSwitchStatement(SwitchStatementSyntax node) =>
        _ctx.Switches.TryGetValue(node, out var plan) ? EmitSwitch(node, plan) : base.VisitSwitchStatement(node);

    /// <summary>
    /// <c>switch (v) { case a: …; break; … default: …; break; }</c> on a traced v: <c>Loop.Cond(v == a, state, case a,
    /// state => Loop.Cond(v == b, …, default))</c>, the sections tested in order, the default (or nothing) last.
    /// </summary>
    private StatementSyntax EmitSwitch(SwitchStatementSyntax sw, CondPlan plan)
    {
        var flags = FlagsExitedWithin(sw);
        var state = StateOf(plan, flags);
        var outputs = plan.State.Concat(plan.Produced).ToList();
        var result = PackOf(outputs, flags);
        var target = outputs.Count + flags.Length == 0 ? "_" : result.Value;
        var value = E(sw.Expression);
        var cases = sw.Sections.Where(s => !s.Labels.Any(l => l is DefaultSwitchLabelSyntax)).ToList();
        var fallback = sw.Sections.FirstOrDefault(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax));
        string Section(SwitchSectionSyntax? section) =>
            BranchBody(section is null ? new List<StatementSyntax>() : SectionStatements(section), state, plan, result);
        string Chain(int k)
        {
            if (k == cases.Count) return Section(fallback);
            var test = string.Join(" | ", cases[k].Labels.Select(l => _t.Hole(Label(l, value))));
            var inner = $"{Lifted}.Cond<{state.Type}, {result.Type}>({test}, {state.Value}, ({state.Type} {state.Param}) =>\n{{\n{Section(cases[k])}\n}}, ({state.Type} {state.Param}) =>\n{{\n{Chain(k + 1)}\n}})";
            return k == 0 ? inner : Open(state) + "return " + inner + ";";
        }
        return _t.Statement($"{target} = {Chain(0)};");
    }

    /// <summary>The test of one <c>case</c> label on the switch's value.</summary>
    private ExpressionSyntax Label(SwitchLabelSyntax label, ExpressionSyntax value) => label switch
    {
        CaseSwitchLabelSyntax c => _t.Expression($"({TensorType})({_t.Hole(value)} == {H(c.Value)})"),
        CasePatternSwitchLabelSyntax p => Guarded(Test(p.Pattern, value), p.WhenClause),
        _ => throw new System.InvalidOperationException("a switch label that TracedSwitch does not accept: " + label.Kind()),
    };

    /// <summary>The state a traced if or switch passes its branches: the written variables and exit flags, or a dummy 0.</summary>
    private Pack StateOf(CondPlan plan, params Extra[] flags)
    {
        var state = PackOf(plan.State, flags);
        if (plan.State.Count + flags.Length == 0)
        {
            state.Type = "int";
            state.Param = P("state" + _ctx.Next());
            state.Value = state.Init = "0";
        }
        return state;
    }

    private string Branch(StatementSyntax? statement, Pack state, CondPlan plan, Pack result) =>
        BranchBody(statement is null ? new List<StatementSyntax>() : BodyStatements(statement), state, plan, result);

    /// <summary>One branch's lambda body: the state unpacked, what it produces declared, its rewritten statements, the result.</summary>
    private string BranchBody(List<StatementSyntax> rewritten, Pack state, CondPlan plan, Pack result)
    {
        var declarations = plan.Produced.Concat(plan.Temporaries).Select(v => $"{TwinType(v)} {LoopAnalysis.Id(v.Name)};").ToArray();
        var body = rewritten.Count == 0 ? "" : _t.Statements(rewritten) + "\n";
        return Open(state, declarations) + body + $"return {result.Value};";
    }

    /// <summary>Statements of a loop or branch body, rewritten; inside a loop with break/continue, a body that may exit guards its own rest.</summary>
    private List<StatementSyntax> BodyStatements(StatementSyntax body)
    {
        var statements = body is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { body };
        var plan = ExitPairs().Select(kv => kv.Value).FirstOrDefault(p => p.Statement.Span.Contains(body.Span) && p.Statement != body.Parent && statements.Any(st => Exits(st, p)));
        return plan is not null ? ExitAwareList(statements, plan) : StatementList(statements);
    }
}
