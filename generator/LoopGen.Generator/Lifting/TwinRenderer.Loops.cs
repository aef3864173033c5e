using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>The lifted forms: loops as <c>Loop.Fori/While/Scan</c> calls, traced ifs as <c>Loop.Cond</c>.</summary>
internal sealed partial class TwinRenderer
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
    }

    /// <summary>A variable the lifting adds (a flag), with its initial value.</summary>
    private readonly record struct Extra(string Name, string Init, string Label);

    private string TwinType(ISymbol s) =>
        _ctx.Traced.Contains(s) ? TensorType : LoopAnalysis.TypeOf(s)!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>Packs variables as one lambda parameter: none → an empty Tensor[], one → itself (shadowing), several → a tuple.</summary>
    private Pack PackOf(IReadOnlyList<ISymbol> vars, params Extra[] extras)
    {
        var names = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(e => e.Name)).ToList();
        var types = vars.Select(TwinType).Concat(extras.Select(_ => TensorType)).ToList();
        var inits = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(e => e.Init)).ToList();
        var targets = vars.Select(v => LoopAnalysis.Id(v.Name)).Concat(extras.Select(_ => "_")).ToList();
        int n = _ctx.Next();
        var p = new Pack
        {
            Names = vars.SelectMany(v => LeafNames(v.Name, LoopAnalysis.TypeOf(v)!)).Concat(extras.Select(e => e.Label)).ToList(),
        };
        if (names.Count == 0)
        {
            p.Type = TensorType + "[]";
            p.Param = "__none" + n;
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
        p.Param = "__carry" + n;
        p.Value = "(" + string.Join(", ", names) + ")";
        p.Init = "(" + string.Join(", ", inits) + ")";
        p.Target = targets.All(t => t == "_") ? "_" : "(" + string.Join(", ", targets) + ")";
        p.Unpack = "(" + string.Join(", ", types.Zip(names, (t, v) => t + " " + v)) + ") = " + p.Param + ";";
        return p;
    }

    private static Extra[] BreakExtra(LoopPlan plan) =>
        plan.BreakFlag is { } b ? new[] { new Extra(b, $"({TensorType})false", "(break)") } : System.Array.Empty<Extra>();

    /// <summary>Declares the per-iteration continue flag at the top of a body.</summary>
    private static string ContinueDeclaration(LoopPlan plan, string inner) =>
        plan.ContinueFlag is { } c ? $"{inner}{TensorType} {c} = false;\n" : "";

    private IEnumerable<string> LeafNames(string name, ITypeSymbol type) =>
        type is INamedTypeSymbol { IsTupleType: true } t
            ? t.TupleElements.SelectMany((e, k) => LeafNames($"{name}.{(e.IsExplicitlyNamedTupleElement ? e.Name : "Item" + (k + 1))}", e.Type))
            : new[] { name };

    private static string NamesArgument(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "" : ", names: new[] { " + string.Join(", ", list.Select(n => "\"" + n + "\"")) + " }";
    }

    // ---- Loops ---------------------------------------------------------------------------------------------

    private string EmitLoop(LoopPlan plan)
    {
        _ctx.LoopCount++;
        var s = plan.Statement;
        string ind = Indent(s), inner = ind + "    ";
        var sb = new StringBuilder(LeadLines(s)).Append(LineDirective(s.SpanStart));
        switch (plan.Kind)
        {
            case LoopKind.Fori:
            case LoopKind.Foreach:
                EmitCounted(sb, plan, ind, inner);
                break;
            case LoopKind.While:
            case LoopKind.ForAsWhile:
                EmitWhile(sb, plan, ind, inner);
                break;
            case LoopKind.DoWhile:
                EmitDoWhile(sb, plan, ind, inner);
                break;
        }
        sb.Append(EnsureNewline(sb)).Append(LineDirective(s.FullSpan.End));
        return sb.ToString();
    }

    /// <summary>Fori and foreach: a trip count known before the loop, an index, and (with collected lists) a scan.</summary>
    private void EmitCounted(StringBuilder sb, LoopPlan plan, string ind, string inner)
    {
        var carries = PackOf(plan.Carries);
        int n = _ctx.Next();
        string index = "__t" + n;
        string lower = "0", upper, prologue = "";
        string open = "", close = "";
        if (plan.Statement is ForEachStatementSyntax fe)
        {
            var xs = "__xs" + n;
            open = $"{ind}{{\n{ind}{TensorType} {xs} = {Core(fe.Expression)};\n";
            close = $"{ind}}}\n";
            upper = $"{xs}.Shape[0]";
            prologue = $"{inner}{TensorType} {fe.Identifier.Text} = {xs}[{index}];\n";
        }
        else
        {
            var f = plan.Fori!;
            if (f.IsSimple && plan.Outputs.Count == 0)
            {
                index = LoopAnalysis.Id(f.Primary.Symbol.Name);
                lower = Core(f.Primary.Init);
                upper = f.Comparison == SyntaxKind.LessThanOrEqualExpression ? $"({Core(f.Bound)}) + 1" : Core(f.Bound);
            }
            else
            {
                upper = Trips(f);
                foreach (var c in f.Counters)
                {
                    var step = c.Step == 1 ? $" + {index}" : c.Step == -1 ? $" - {index}" : $" + {index} * {c.Step}";
                    prologue += $"{inner}{TensorType} {LoopAnalysis.Id(c.Symbol.Name)} = ({Core(c.Init)}){step};\n";
                }
            }
        }

        var body = ContinueDeclaration(plan, inner) + FlaggedBody(plan);
        if (plan.Outputs.Count == 0)
        {
            sb.Append(open);
            sb.Append($"{ind}{carries.Target} = {Loop}.Fori({lower}, {upper}, ({TensorType} {index}, {carries.Type} {carries.Param}) =>\n");
            sb.Append(HiddenLine()).Append($"{ind}{{\n");
            if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
            sb.Append(prologue).Append(body).Append(HiddenLine());
            sb.Append($"{inner}return {carries.Value};\n{ind}}}, {carries.Init}{NamesArgument(carries.Names)});\n");
            sb.Append(close);
            return;
        }

        // Collected lists: Loop.Scan with the index as its input, one stacked output per list.
        var outs = plan.Outputs;
        var stackedTarget = outs.Count == 1 ? outs[0].StackedName : "(" + string.Join(", ", outs.Select(o => o.StackedName)) + ")";
        var yValue = outs.Count == 1 ? "__y_" + outs[0].List.Name : "(" + string.Join(", ", outs.Select(o => "__y_" + o.List.Name)) + ")";
        foreach (var o in outs) sb.Append($"{ind}{TensorType} {o.StackedName};\n");
        sb.Append(open);
        var length = plan.Statement is ForEachStatementSyntax ? upper : $"global::System.Math.Max(0, checked((int)({upper})))";
        sb.Append($"{ind}({carries.Target}, {stackedTarget}) = {Loop}.Scan(({carries.Type} {carries.Param}, {TensorType} {index}) =>\n");
        sb.Append(HiddenLine()).Append($"{ind}{{\n");
        if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
        sb.Append(prologue);
        foreach (var o in outs) sb.Append($"{inner}{TensorType} __y_{o.List.Name} = null!;\n");
        sb.Append(body).Append(HiddenLine());
        sb.Append($"{inner}return ({carries.Value}, {yValue});\n{ind}}}, {carries.Init}, {length}{NamesArgument(carries.Names)});\n");
        sb.Append(close);
    }

    /// <summary>The trip count of a counted loop as a C# expression over its bounds (int or Tensor alike).</summary>
    private string Trips(ForiPattern f)
    {
        string a = Core(f.Primary.Init), b = Core(f.Bound);
        long s = f.Primary.Step, m = System.Math.Abs(s);
        string span = s > 0 ? $"({b}) - ({a})" : $"({a}) - ({b})";
        long add = f.Comparison switch
        {
            SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression => m - 1,
            SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanOrEqualExpression => m,
            _ => 0,
        };
        var numerator = add == 0 ? span : $"{span} + {add}";
        return m == 1 ? $"({numerator})" : $"(({numerator}) / {m})";
    }

    private static StatementSyntax LoopStatementBody(StatementSyntax loop) => (StatementSyntax)LoopAnalysis.LoopBody(loop);

    private void EmitWhile(StringBuilder sb, LoopPlan plan, string ind, string inner)
    {
        var carries = PackOf(plan.Carries, BreakExtra(plan));
        ExpressionSyntax? condition;
        string extra = "", open = "", close = "";
        if (plan.Statement is ForStatementSyntax f)
        {
            condition = f.Condition;
            extra = string.Concat(f.Incrementors.Select(i => $"{inner}{Core(i)};\n"));
            if (f.Declaration is not null || f.Initializers.Count > 0)
            {
                var init = f.Declaration is not null ? Core(f.Declaration) + ";" : string.Join(" ", f.Initializers.Select(i => Core(i) + ";"));
                open = $"{ind}{{\n{ind}{init}\n";
                close = $"{ind}}}\n";
            }
        }
        else
        {
            condition = ((WhileStatementSyntax)plan.Statement).Condition;
        }
        var cond = (plan.BreakFlag is { } brk ? $"!{brk} & " : "") + $"({TensorType})({(condition is null ? "true" : Core(condition))})";
        sb.Append(open);
        sb.Append($"{ind}{carries.Target} = {Loop}.While(({carries.Type} {carries.Param}) =>\n").Append(HiddenLine()).Append($"{ind}{{\n");
        if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
        sb.Append($"{inner}return {cond};\n{ind}}}, ({carries.Type} {carries.Param}) =>\n{ind}{{\n");
        if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
        sb.Append(ContinueDeclaration(plan, inner)).Append(FlaggedBody(plan)).Append(HiddenLine()).Append(extra);
        sb.Append($"{inner}return {carries.Value};\n{ind}}}, {carries.Init}{NamesArgument(carries.Names)});\n");
        sb.Append(close);
    }

    /// <summary><c>do { body } while (cond)</c>: a while loop whose condition is also true on entry (a carried flag).</summary>
    private void EmitDoWhile(StringBuilder sb, LoopPlan plan, string ind, string inner)
    {
        var d = (DoStatementSyntax)plan.Statement;
        string first = "__first" + _ctx.Next();
        var carries = PackOf(plan.Carries, new[] { new Extra(first, $"({TensorType})true", "(first iteration)") }.Concat(BreakExtra(plan)).ToArray());
        var cond = $"({first} | ({TensorType})({Core(d.Condition)}))";
        if (plan.BreakFlag is { } brk) cond = $"!{brk} & {cond}";
        sb.Append($"{ind}{carries.Target} = {Loop}.While(({carries.Type} {carries.Param}) =>\n").Append(HiddenLine()).Append($"{ind}{{\n");
        if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
        sb.Append($"{inner}return {cond};\n{ind}}}, ({carries.Type} {carries.Param}) =>\n{ind}{{\n");
        if (carries.Unpack.Length > 0) sb.Append($"{inner}{carries.Unpack}\n");
        sb.Append($"{inner}{first} = false;\n").Append(ContinueDeclaration(plan, inner));
        sb.Append(FlaggedBody(plan)).Append(HiddenLine());
        sb.Append($"{inner}return {carries.Value};\n{ind}}}, {carries.Init}{NamesArgument(carries.Names)});\n");
    }

    // ---- Traced ifs ----------------------------------------------------------------------------------------

    private string EmitCond(IfStatementSyntax i, CondPlan plan)
    {
        string ind = Indent(i), inner = ind + "    ";
        var flags = FlagsExitedWithin(i);
        var state = PackOf(plan.State, flags);
        if (plan.State.Count + flags.Length == 0)
        {
            state.Type = "int";
            state.Param = "__state" + _ctx.Next();
            state.Value = state.Init = "0";
        }
        var outputs = plan.State.Concat(plan.Produced).ToList();
        var result = PackOf(outputs, flags);
        var sb = new StringBuilder(LeadLines(i)).Append(LineDirective(i.SpanStart));
        sb.Append($"{ind}{result.Value.Replace("global::System.Array.Empty<global::LoopGen.Tensor>()", "_")} = {Loop}.Cond(({TensorType})({Core(i.Condition)}), {state.Value}, ({state.Type} {state.Param}) =>\n");
        sb.Append(HiddenLine()).Append($"{ind}{{\n");
        Branch(sb, i.Statement, state, plan, result, inner);
        sb.Append($"{ind}}}, ({state.Type} {state.Param}) =>\n{ind}{{\n");
        Branch(sb, i.Else?.Statement, state, plan, result, inner);
        sb.Append($"{ind}}});\n").Append(LineDirective(i.FullSpan.End));
        return sb.ToString();
    }

    private void Branch(StringBuilder sb, StatementSyntax? statement, Pack state, CondPlan plan, Pack result, string inner)
    {
        if (state.Unpack.Length > 0) sb.Append($"{inner}{state.Unpack}\n");
        foreach (var v in plan.Produced.Concat(plan.Temporaries)) sb.Append($"{inner}{TwinType(v)} {LoopAnalysis.Id(v.Name)};\n");
        if (statement is not null) sb.Append(BodyStatements(statement)).Append(HiddenLine());
        sb.Append($"{inner}return {result.Value};\n");
    }
}
