using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// A bounds check the interpreter runs on one <c>dynamic_slice</c> or <c>dynamic_update_slice</c>: the op came from
/// user indexing by a traced position (<c>xs[i]</c>, <c>x.SetAt(i, v)</c>), where the plain method throws for a
/// position out of range. StableHLO clamps such starts; these ops are the one place LoopGen does not: the interpreter
/// reports the position, the axis size and the C# line as the plain method would.
/// </summary>
/// <param name="Op">The user-facing operation (<c>Index</c>, <c>SetAt</c>).</param>
/// <param name="Axes">The axes indexed by a traced position.</param>
/// <param name="Tensor">The indexed tensor's type, as the plain method's message names it.</param>
/// <param name="Location">The C# file and line of the indexing, when the stack trace has it.</param>
/// <param name="Sizes">Per entry of <paramref name="Axes"/>, how many positions it reads (1, or a window's length); null: all 1.</param>
/// <param name="Windows">Per entry of <paramref name="Axes"/>, whether it is a window (<c>xs[i..(i + k)]</c>: a C# range, never wrapped).</param>
internal sealed record IndexCheck(string Op, int[] Axes, TensorType Tensor, string? Location, int[]? Sizes = null, bool[]? Windows = null)
{
    /// <summary>How many positions entry <paramref name="k"/> of <see cref="Axes"/> reads: 1, or a window's length.</summary>
    public int SizeAt(int k) => Sizes is { } s ? s[k] : 1;

    /// <summary>The exception for start <paramref name="start"/> (after negative positions wrapped) on <paramref name="axis"/>, entry <paramref name="k"/>.</summary>
    public ArgumentOutOfRangeException Fail(int axis, long start, int k)
    {
        int dim = Tensor.Shape[axis];
        if (Windows is { } w && w[k])
        {
            string where = Location is null ? "" : $" at {Location}";
            return new ArgumentOutOfRangeException(
                "indices",
                $"{Op}: range {start.ToString(CultureInfo.InvariantCulture)}..{(start + SizeAt(k)).ToString(CultureInfo.InvariantCulture)} is out of bounds for axis {axis} of size {dim} (tensor {Tensor}){where}; "
                + "the compiled call checks what the plain method checks (on PJRT, XLA clamps it instead)");
        }
        // The traced code wrapped negative positions (i + dim); undo it to name the position the user wrote.
        long written = start < 0 ? start - dim : start;
        string at = Location is null ? "" : $" at {Location}";
        return new ArgumentOutOfRangeException(
            "indices",
            $"{Op}: index {written.ToString(CultureInfo.InvariantCulture)} is out of range for axis {axis} of size {dim} (tensor {Tensor}){at}; "
            + "the compiled call checks what the plain method checks (on PJRT, XLA clamps it instead)");
    }
}

/// <summary>The index checks attached to traced ops (a side table: the IR text does not carry them).</summary>
internal static class IndexChecks
{
    private static readonly ConditionalWeakTable<Operation, IndexCheck> s_checks = [];
    private static int s_count;

    /// <summary>Marks <paramref name="op"/> as checked.</summary>
    public static void Attach(Operation op, IndexCheck check)
    {
        s_checks.AddOrUpdate(op, check);
        Interlocked.Increment(ref s_count);
    }

    /// <summary>The check of <paramref name="op"/>, or null.</summary>
    public static IndexCheck? Of(Operation op) => Volatile.Read(ref s_count) == 0 ? null : s_checks.TryGetValue(op, out var c) ? c : null;

    /// <summary>A stable description of the checks in <paramref name="module"/> (empty when there are none), for cache keys.</summary>
    public static string Fingerprint(Module module)
    {
        if (Volatile.Read(ref s_count) == 0) return "";
        var sb = new StringBuilder();
        int index = 0;
        foreach (var f in module.Functions) Walk(f.Body, sb, ref index);
        return sb.ToString();
    }

    private static void Walk(Block block, StringBuilder sb, ref int index)
    {
        foreach (var op in block.Operations)
        {
            if (op.Name is Ops.DynamicSlice or Ops.DynamicUpdateSlice && Of(op) is { } c)
            {
                sb.Append(index).Append(':').Append(string.Join(",", c.Axes)).Append('@').Append(c.Location).Append(';');
            }
            index++;
            foreach (var r in op.Regions) Walk(r, sb, ref index);
        }
    }

    /// <summary>The first C# frame outside LoopGen's runtime with a file name: <c>Source.cs:13</c>, or null.</summary>
    public static string? CallerLocation()
    {
        string runtime = typeof(IndexChecks).Assembly.GetName().Name ?? "LoopGen.Runtime";
        foreach (var frame in new StackTrace(1, fNeedFileInfo: true).GetFrames())
        {
            var assembly = DiagnosticMethodInfo.Create(frame)?.DeclaringAssemblyName;
            if (assembly is not null && new System.Reflection.AssemblyName(assembly).Name == runtime) continue;
            if (frame.GetFileName() is { Length: > 0 } file)
            {
                return $"{Path.GetFileName(file)}:{frame.GetFileLineNumber().ToString(CultureInfo.InvariantCulture)}";
            }
        }
        return null;
    }
}
