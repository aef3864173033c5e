using System.Text;

namespace LoopGen.Ir.Text;

/// <summary>Prints a <see cref="Module"/> as MLIR text: the generic op form (canonical) or the pretty form (for people).</summary>
public static class MlirPrinter
{
    /// <summary>The canonical text: <c>module</c>/<c>func.func</c> wrappers with every op in MLIR's generic form.</summary>
    public static string Print(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var sb = new StringBuilder();
        sb.Append(ModuleHeader(module)).Append(" {\n");
        foreach (var f in module.Functions) PrintFunction(sb, f);
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary><c>module @name</c>, or <c>module</c> for an anonymous module (empty name).</summary>
    internal static string ModuleHeader(Module module) =>
        module.Name.Length == 0 ? "module" : "module " + MlirSyntax.Symbol(module.Name);

    /// <summary><c>func.func public @main(%arg0: tensor&lt;…&gt;) -&gt; (tensor&lt;…&gt;)</c>, naming the parameters.</summary>
    internal static string FunctionHeader(Function f, ValueNamer names)
    {
        var parameters = f.Parameters.Select(p => names.DefineArgument(p) + ": " + p.Type.ToMlir());
        return $"func.func {(f.IsPublic ? "public" : "private")} {MlirSyntax.Symbol(f.Name)}("
            + string.Join(", ", parameters) + ") -> (" + string.Join(", ", f.ResultTypes.Select(t => t.ToMlir())) + ")";
    }

    private static void PrintFunction(StringBuilder sb, Function f)
    {
        var names = new ValueNamer();
        sb.Append("  ").Append(FunctionHeader(f, names)).Append(" {\n");
        foreach (var op in f.Body.Operations) PrintOp(sb, op, names, 2);
        sb.Append("  }\n");
    }

    private static void PrintOp(StringBuilder sb, Operation op, ValueNamer names, int depth)
    {
        // Operands are named before the results so an op never sees its own results.
        var operands = string.Join(", ", op.Operands.Select(names.Use));
        Indent(sb, depth);
        if (op.Results.Count > 0) sb.Append(names.DefineResults(op.Results)).Append(" = ");
        sb.Append(MlirSyntax.Quote(op.Name)).Append('(').Append(operands).Append(')');
        if (op.Regions.Count > 0)
        {
            sb.Append(" (");
            for (int r = 0; r < op.Regions.Count; r++)
            {
                if (r > 0) sb.Append(", ");
                sb.Append("{\n");
                PrintRegion(sb, op.Regions[r], names, depth);
                Indent(sb, depth);
                sb.Append('}');
            }
            sb.Append(')');
        }
        sb.Append(AttrPrinter.Dict(op.Attributes));
        sb.Append(" : ").Append(FunctionType(op.Operands.Select(v => v.Type), op.Results.Select(v => v.Type))).Append('\n');
    }

    private static void PrintRegion(StringBuilder sb, Block block, ValueNamer names, int depth)
    {
        names.EnterRegion();
        // The block header always prints (^bb0: when there are no arguments): one shape for every region.
        Indent(sb, depth);
        sb.Append("^bb0");
        if (block.Arguments.Count > 0)
        {
            sb.Append('(').Append(string.Join(", ", block.Arguments.Select(a => names.DefineArgument(a) + ": " + a.Type.ToMlir()))).Append(')');
        }
        sb.Append(":\n");
        foreach (var op in block.Operations) PrintOp(sb, op, names, depth + 1);
        names.ExitRegion();
    }

    /// <summary><c>(t1, t2) -&gt; t3</c>; results parenthesized unless there is exactly one.</summary>
    internal static string FunctionType(IEnumerable<TensorType> inputs, IEnumerable<TensorType> results)
    {
        var res = results.Select(t => t.ToMlir()).ToList();
        var resText = res.Count == 1 ? res[0] : "(" + string.Join(", ", res) + ")";
        return "(" + string.Join(", ", inputs.Select(t => t.ToMlir())) + ") -> " + resText;
    }

    private static void Indent(StringBuilder sb, int depth) => sb.Append(' ', 2 * depth);
}
