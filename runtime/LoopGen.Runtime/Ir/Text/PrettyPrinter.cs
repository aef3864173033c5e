using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LoopGen.Ir.Text;

/// <summary>
/// The human form of a module, as JAX prints StableHLO (<c>%0 = stablehlo.add %arg0, %cst : tensor&lt;3xf32&gt;</c>,
/// <c>stablehlo.while(%iterArg = …) … cond { … } do { … }</c>). For people (docs, the <c>hlo</c> verb): ops without
/// a custom form here (if, case, custom calls, unusual attributes) print in the generic form, with pretty ops inside.
/// </summary>
public static class PrettyPrinter
{
    /// <summary>Prints the module in the pretty form.</summary>
    public static string Print(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var sb = new StringBuilder();
        sb.Append(MlirPrinter.ModuleHeader(module)).Append(" {\n");
        foreach (var f in module.Functions) new PrettyWriter(sb).Function(f);
        sb.Append("}\n");
        return sb.ToString();
    }
}

/// <summary>Writes one function in the pretty form.</summary>
internal sealed class PrettyWriter(StringBuilder sb)
{
    private readonly PrettyNamer _names = new();

    public void Function(Function f)
    {
        var parameters = f.Parameters.Select(p => _names.DefineArgument(p) + ": " + p.Type.ToMlir());
        sb.Append("  func.func ").Append(f.IsPublic ? "public " : "private ").Append(MlirSyntax.Symbol(f.Name))
            .Append('(').Append(string.Join(", ", parameters)).Append(')');
        if (f.ResultTypes.Count == 1) sb.Append(" -> ").Append(f.ResultTypes[0].ToMlir());
        else if (f.ResultTypes.Count > 1) sb.Append(" -> (").Append(string.Join(", ", f.ResultTypes.Select(t => t.ToMlir()))).Append(')');
        sb.Append(" {\n");
        foreach (var op in f.Body.Operations) Op(op, 2);
        sb.Append("  }\n");
    }

    private void Indent(int depth) => sb.Append(' ', 2 * depth);

    private void Op(Operation op, int depth)
    {
        Indent(depth);
        if (op.Name == Ops.While && IsPrettyWhile(op))
        {
            While(op, depth);
            return;
        }
        var inline = op.Regions.Count == 0 || IsCompactReduce(op, out _) ? Inline(op) : null;
        if (inline is null)
        {
            Generic(op, depth);
            return;
        }
        if (op.Results.Count > 0) sb.Append(_names.DefineResults(op.Results, Stem(op))).Append(" = ");
        sb.Append(inline).Append('\n');
    }

    // Constants get MLIR's suggested names: %c for integers and booleans, %cst for floats.
    private static string? Stem(Operation op) =>
        op.Name == Ops.Constant ? (op.Results[0].Type.DType.IsFloat() ? "cst" : "c") : null;

    private string Operands(Operation op) => string.Join(", ", op.Operands.Select(_names.Use));

    private static string Functional(Operation op) =>
        MlirPrinter.FunctionType(op.Operands.Select(v => v.Type), op.Results.Select(v => v.Type));

    // One type when operands and the result all share it, else the functional type (StableHLO's custom printer).
    private static string SameType(Operation op) =>
        op.Results.Count == 1 && op.Operands.All(v => v.Type == op.Results[0].Type) ? op.Results[0].Type.ToMlir() : Functional(op);

    private static string Dims(ImmutableArray<long> dims) =>
        "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The op's text after <c>%r = </c>, or null when it has no pretty form here.</summary>
    private string? Inline(Operation op)
    {
        var attrs = op.Attributes;
        T? Get<T>(string name) where T : Attr => op.Attribute(name) as T;
        string Rest(params string[] used) => AttrPrinter.Dict(attrs, used);
        bool Only(params string[] names) => attrs.All(a => names.Contains(a.Name)) && names.All(n => op.Attribute(n) is not null);
        var name = op.Name;

        if (Ops.ElementwiseUnary.Contains(name) || Ops.ElementwiseBinary.Contains(name) || name == Ops.Convert)
        {
            return $"{name} {Operands(op)}{Rest()} : {SameType(op)}";
        }
        switch (name)
        {
            case Ops.Constant when Only("value") && Get<DenseAttr>("value") is { } value:
                return "stablehlo.constant " + AttrPrinter.Dense(value);
            case Ops.Compare when Get<ComparisonDirectionAttr>("comparison_direction") is { } dir && op.Operands.Count == 2:
            {
                var type = Get<ComparisonTypeAttr>("compare_type");
                return $"stablehlo.compare  {dir.Direction}, {Operands(op)}{(type is null ? "" : ",  " + type.Type)}"
                    + $"{Rest("comparison_direction", "compare_type")} : {Functional(op)}";
            }
            case Ops.Select when op.Operands.Count == 3 && op.Results.Count == 1:
            {
                var t = op.Results[0].Type;
                var types = op.Operands[1].Type == t && op.Operands[2].Type == t ? $"{op.Operands[0].Type.ToMlir()}, {t.ToMlir()}" : Functional(op);
                return $"stablehlo.select {Operands(op)}{Rest()} : {types}";
            }
            case Ops.Clamp or Ops.Reshape or Ops.DynamicUpdateSlice:
                return $"{name} {Operands(op)}{Rest()} : {(name == Ops.Clamp ? SameType(op) : Functional(op))}";
            case Ops.Reverse when Get<I64ArrayAttr>("dimensions") is { } d:
                return $"stablehlo.reverse {Operands(op)}, dims = {Dims(d.Values)}{Rest("dimensions")} : {SameType(op)}";
            case Ops.BroadcastInDim when Get<I64ArrayAttr>("broadcast_dimensions") is { } d:
                return $"stablehlo.broadcast_in_dim {Operands(op)}, dims = {Dims(d.Values)}{Rest("broadcast_dimensions")} : {Functional(op)}";
            case Ops.Transpose when Get<I64ArrayAttr>("permutation") is { } d:
                return $"stablehlo.transpose {Operands(op)}, dims = {Dims(d.Values)}{Rest("permutation")} : {Functional(op)}";
            case Ops.Iota when Get<IntAttr>("iota_dimension") is { } d && op.Results.Count == 1:
                return $"stablehlo.iota dim = {d.Value}{Rest("iota_dimension")} : {op.Results[0].Type.ToMlir()}";
            case Ops.DynamicSlice when Get<I64ArrayAttr>("slice_sizes") is { } d:
                return $"stablehlo.dynamic_slice {Operands(op)}, sizes = {Dims(d.Values)}{Rest("slice_sizes")} : {Functional(op)}";
            case Ops.Concatenate when Get<IntAttr>("dimension") is { } d:
                return $"stablehlo.concatenate {Operands(op)}, dim = {d.Value}{Rest("dimension")} : {Functional(op)}";
            case Ops.Pad when Get<I64ArrayAttr>("edge_padding_low") is { } lo && Get<I64ArrayAttr>("edge_padding_high") is { } hi
                && Get<I64ArrayAttr>("interior_padding") is { } mid:
                return $"stablehlo.pad {Operands(op)}, low = {Dims(lo.Values)}, high = {Dims(hi.Values)}, interior = {Dims(mid.Values)}"
                    + $"{Rest("edge_padding_low", "edge_padding_high", "interior_padding")} : {Functional(op)}";
            case Ops.Slice when Get<I64ArrayAttr>("start_indices") is { } s && Get<I64ArrayAttr>("limit_indices") is { } l
                && Get<I64ArrayAttr>("strides") is { } st && s.Values.Length == l.Values.Length && s.Values.Length == st.Values.Length:
            {
                var ranges = s.Values.Select((start, i) => st.Values[i] == 1 ? $"{start}:{l.Values[i]}" : $"{start}:{l.Values[i]}:{st.Values[i]}");
                return $"stablehlo.slice {Operands(op)} [{string.Join(", ", ranges)}]{Rest("start_indices", "limit_indices", "strides")} : {Functional(op)}";
            }
            case Ops.DotGeneral when Get<DotDimensionsAttr>("dot_dimension_numbers") is { } d:
            {
                var batching = d.LhsBatching.IsDefaultOrEmpty && d.RhsBatching.IsDefaultOrEmpty
                    ? "" : $", batching_dims = {Dims(d.LhsBatching)} x {Dims(d.RhsBatching)}";
                return $"stablehlo.dot_general {Operands(op)}{batching}, contracting_dims = {Dims(d.LhsContracting)} x {Dims(d.RhsContracting)}"
                    + $"{Rest("dot_dimension_numbers")} : {Functional(op)}";
            }
            case Ops.Reduce when IsCompactReduce(op, out var reducer) && Get<I64ArrayAttr>("dimensions") is { } d:
                return $"stablehlo.reduce({_names.Use(op.Operands[0])} init: {_names.Use(op.Operands[1])}) applies {reducer} "
                    + $"across dimensions = {Dims(d.Values)}{Rest("dimensions")} : {Functional(op)}";
            case Ops.Return or Ops.FuncReturn when attrs.Count == 0:
            {
                var keyword = name == Ops.Return ? "stablehlo.return" : "return";
                return op.Operands.Count == 0
                    ? keyword
                    : $"{keyword} {Operands(op)} : {string.Join(", ", op.Operands.Select(v => v.Type.ToMlir()))}";
            }
            default:
                return null;
        }
    }

    // reduce(x init: i) applies op: one input whose body is 'return op(acc, x)' on its two arguments.
    private static bool IsCompactReduce(Operation op, out string reducer)
    {
        reducer = "";
        if (op.Name != Ops.Reduce || op.Operands.Count != 2 || op.Regions.Count != 1) return false;
        var body = op.Regions[0];
        if (body.Arguments.Count != 2 || body.Operations.Count != 2) return false;
        var inner = body.Operations[0];
        var ret = body.Operations[1];
        if (!Ops.ElementwiseBinary.Contains(inner.Name) || inner.Attributes.Count > 0 || inner.Results.Count != 1) return false;
        if (inner.Operands.Count != 2 || inner.Operands[0] != body.Arguments[0] || inner.Operands[1] != body.Arguments[1]) return false;
        if (ret.Name != Ops.Return || ret.Operands.Count != 1 || ret.Operands[0] != inner.Results[0]) return false;
        reducer = inner.Name;
        return true;
    }

    private static bool IsPrettyWhile(Operation op) =>
        op.Regions.Count == 2 && op.Attributes.Count == 0
        && op.Regions[0].Arguments.Count == op.Operands.Count && op.Regions[1].Arguments.Count == op.Operands.Count;

    // %0:2 = stablehlo.while(%iterArg = %a, %iterArg_0 = %b) : t1, t2
    //  cond { … } do { … }      — both regions see the carries under the header's names.
    private void While(Operation op, int depth)
    {
        var inits = op.Operands.Select(_names.Use).ToList();
        if (op.Results.Count > 0) sb.Append(_names.DefineResults(op.Results)).Append(" = ");
        var carries = inits.Select(_ => _names.Fresh("iterArg")).ToList();
        sb.Append("stablehlo.while(").Append(string.Join(", ", carries.Select((c, i) => $"{c} = {inits[i]}"))).Append(") : ")
            .Append(string.Join(", ", op.Operands.Select(v => v.Type.ToMlir()))).Append('\n');
        Indent(depth);
        sb.Append(" cond {\n");
        Region(op.Regions[0], carries, depth);
        Indent(depth);
        sb.Append("} do {\n");
        Region(op.Regions[1], carries, depth);
        Indent(depth);
        sb.Append("}\n");
    }

    private void Region(Block block, List<string> argNames, int depth)
    {
        _names.EnterRegion();
        for (int i = 0; i < argNames.Count; i++) _names.Alias(block.Arguments[i], argNames[i]);
        foreach (var inner in block.Operations) Op(inner, depth + 1);
        _names.ExitRegion();
    }

    // The generic form, for ops without a pretty form here; ops inside its regions still print pretty.
    private void Generic(Operation op, int depth)
    {
        var operands = Operands(op);
        if (op.Results.Count > 0) sb.Append(_names.DefineResults(op.Results, Stem(op))).Append(" = ");
        sb.Append(MlirSyntax.Quote(op.Name)).Append('(').Append(operands).Append(')');
        if (op.Regions.Count > 0)
        {
            sb.Append(" (");
            for (int r = 0; r < op.Regions.Count; r++)
            {
                if (r > 0) sb.Append(", ");
                sb.Append("{\n");
                var block = op.Regions[r];
                _names.EnterRegion();
                if (block.Arguments.Count > 0)
                {
                    Indent(depth);
                    sb.Append("^bb0(").Append(string.Join(", ", block.Arguments.Select(a => _names.DefineArgument(a) + ": " + a.Type.ToMlir()))).Append("):\n");
                }
                foreach (var inner in block.Operations) Op(inner, depth + 1);
                _names.ExitRegion();
                Indent(depth);
                sb.Append('}');
            }
            sb.Append(')');
        }
        sb.Append(AttrPrinter.Dict(op.Attributes)).Append(" : ").Append(Functional(op)).Append('\n');
    }
}
