using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen.Autodiff;

/// <summary>
/// <c>stablehlo.if</c> / <c>stablehlo.case</c> under differentiation. Branches read values from above directly, so
/// their inputs are their free values. The backward pass is one more if/case on the same selector whose branches
/// recompute their forward part and return the cotangents of the free values (zeros for a value a branch does not use).
/// </summary>
internal static class BranchAd
{
    /// <summary>Re-emits the op with each branch replayed (untaped) into a new region.</summary>
    public static Tensor[] Replay(Linearizer lin, Operation op, Tensor[] ins)
    {
        var types = op.Results.Select(r => r.Type).ToArray();
        var blocks = op.Regions.Select(region => Branch(() => lin.Child(region, [], taped: false).Run(region))).ToArray();
        return Emit(op.Name, ins[0], types, blocks);
    }

    /// <summary>The cotangents of the free values the branches use, from one backward if/case.</summary>
    public static List<(Value Value, Tensor Cotangent)> Backward(Linearizer lin, Linearizer.TapeEntry e, Tensor?[] outCts)
    {
        var op = e.Op;
        var free = new List<Value>();
        var seen = new HashSet<Value>();
        foreach (var region in op.Regions)
        {
            foreach (var v in Activity.FreeValues(region))
            {
                if (lin.Ad.Activity.IsActive(v) && seen.Add(v)) free.Add(v);
            }
        }
        if (free.Count == 0) return [];
        var cts = outCts.Select((c, i) => c ?? AdOps.Zeros(op.Results[i].Type)).ToArray();
        // Bounded loops inside the branches check their bounds in the backward branch: one pred result each.
        var nested = lin.Ad.DynamicWhiles(op.Regions);
        var blocks = op.Regions.Select(region => Branch(() =>
        {
            Tensor[] grads = [];
            var flags = lin.Ad.WithSink(nested, null, () =>
            {
                var child = lin.Child(region, [], taped: true);
                var returned = region.Terminator!.Operands;
                child.Run(region);
                var ct = child.Backward(returned.Select((v, i) => (v, cts[i])));
                grads = [.. free.Select(v => ct.TryGetValue(v, out var c) ? c : AdOps.Zeros(v.Type))];
            });
            return [.. grads, .. flags];
        })).ToArray();
        var results = Emit(op.Name, e.Inputs[0], [.. free.Select(v => v.Type), .. nested.Select(_ => TensorType.Scalar(DType.Pred))], blocks);
        lin.Ad.Forward(nested, results[free.Count..]);
        return [.. free.Select((v, i) => (v, results[i]))];
    }

    private static Block Branch(Func<Tensor[]> trace)
    {
        var block = new Block();
        var scope = TraceScope.OpenRegion(ScopeKind.Branch, block);
        try
        {
            var results = trace();
            block.Operations.Add(new Operation(Ops.Return, [.. results.Select(scope.Use)], Array.Empty<TensorType>()));
            return block;
        }
        finally
        {
            scope.Close();
        }
    }

    private static Tensor[] Emit(string name, Tensor selector, TensorType[] types, Block[] blocks)
    {
        var outer = TraceScope.Current!;
        var op = new Operation(name, [outer.Use(selector)], types, null, blocks);
        outer.Append(op, weak: false);
        return [.. op.Results.Select(r => outer.Wrap(r))];
    }
}
