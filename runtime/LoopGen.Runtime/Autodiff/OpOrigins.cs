using System.Diagnostics;
using System.Runtime.CompilerServices;
using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// The user's source line of a traced op. The IR keeps no locations and capturing a stack trace per op would slow
/// every trace, so this is switched on only to re-trace a function after the gradient met an op it has no rule for:
/// the re-trace records each op's first stack frame outside LoopGen, and the op at the same position is the culprit.
/// </summary>
internal static class OpOrigins
{
    [ThreadStatic]
    private static bool t_enabled;

    private static readonly ConditionalWeakTable<Operation, string> s_origins = [];

    public static bool Enabled => t_enabled;

    /// <summary>Runs <paramref name="trace"/> with origins recorded.</summary>
    public static T Recording<T>(Func<T> trace)
    {
        t_enabled = true;
        try
        {
            return trace();
        }
        finally
        {
            t_enabled = false;
        }
    }

    public static void Capture(Operation op)
    {
        var runtime = typeof(OpOrigins).Assembly.GetName().Name;
        foreach (var frame in new StackTrace(1, fNeedFileInfo: true).GetFrames())
        {
            if (DiagnosticMethodInfo.Create(frame)?.DeclaringAssemblyName is { } assembly
                && new System.Reflection.AssemblyName(assembly).Name == runtime) continue;
            var file = frame.GetFileName();
            if (file is null) continue;
            s_origins.AddOrUpdate(op, $"{Path.GetFileName(file)}:{frame.GetFileLineNumber()}");
            return;
        }
    }

    public static string? Of(Operation op) => s_origins.TryGetValue(op, out var where) ? where : null;

    /// <summary>The position of <paramref name="target"/> in <paramref name="module"/>: op indices, region indices between them.</summary>
    public static List<int>? PathOf(Module module, Operation target)
    {
        var path = new List<int>();
        return Find(module.Main.Body, target, path) ? path : null;
    }

    private static bool Find(Block block, Operation target, List<int> path)
    {
        for (int i = 0; i < block.Operations.Count; i++)
        {
            var op = block.Operations[i];
            path.Add(i);
            if (op == target) return true;
            for (int r = 0; r < op.Regions.Count; r++)
            {
                path.Add(r);
                if (Find(op.Regions[r], target, path)) return true;
                path.RemoveAt(path.Count - 1);
            }
            path.RemoveAt(path.Count - 1);
        }
        return false;
    }

    /// <summary>The op at <paramref name="path"/> in <paramref name="module"/>, or null when the module differs.</summary>
    public static Operation? At(Module module, List<int> path)
    {
        var block = module.Main.Body;
        Operation? op = null;
        for (int k = 0; k < path.Count; k++)
        {
            if (k % 2 == 0)
            {
                if (path[k] >= block.Operations.Count) return null;
                op = block.Operations[path[k]];
            }
            else
            {
                if (op is null || path[k] >= op.Regions.Count) return null;
                block = op.Regions[path[k]];
            }
        }
        return op;
    }
}
