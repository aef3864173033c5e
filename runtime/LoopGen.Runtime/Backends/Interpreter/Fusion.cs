using LoopGen.Backends.Interpreter.Kernels;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// Elementwise fusion, an IR rewrite the interpreter runs before planning: a tree of f32/f64 elementwise ops whose
/// inner values have one use each (<c>tanh(x * 2 + 1)</c>, <c>a * b + c</c>) becomes one
/// <see cref="FusedOp"/> that evaluates the whole tree chunk by chunk, each chunk staying in the L1 cache, so memory
/// is read and written once. A 0-d value broadcast to the tree's shape (how the tracer spells <c>x * 2</c>) is a
/// scalar operand of the tree and is never materialised. The module itself is not changed: blocks holding fused ops
/// are new blocks over the same values.
/// </summary>
internal static class Fusion
{
    /// <summary>The name of a fused op (never printed: it lives only in the interpreter's rewritten blocks).</summary>
    public const string FusedOp = "loopgen.fused_elementwise";

    /// <summary>The node name of <c>x * y + z</c> (a multiply whose only use is an add), run as one pass.</summary>
    public const string MultiplyAdd = "loopgen.multiply_add";

    /// <summary>The function with its fusible trees replaced by fused ops (the same function when there are none).</summary>
    public static Function Rewrite(Function function)
    {
        var body = RewriteBlock(function.Body);
        return ReferenceEquals(body, function.Body) ? function : new Function(function.Name, body, function.ResultTypes, function.IsPublic);
    }

    private static Block RewriteBlock(Block block)
    {
        var ops = block.Operations;
        bool changed = false;
        // Regions first: a changed region means a new op over the same values.
        var current = new Operation[ops.Count];
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            current[i] = op;
            if (op.Regions.Count == 0) continue;
            var regions = new Block[op.Regions.Count];
            bool regionChanged = false;
            for (int r = 0; r < regions.Length; r++)
            {
                regions[r] = RewriteBlock(op.Regions[r]);
                regionChanged |= !ReferenceEquals(regions[r], op.Regions[r]);
            }
            if (regionChanged)
            {
                current[i] = new Operation(op.Name, op.Operands, op.Results, op.Attributes, regions);
                changed = true;
            }
        }

        // Uses of each value defined here: by ops of this block, by anything inside their regions, by the terminator.
        var uses = new Dictionary<Value, int>();
        var definer = new Dictionary<Value, int>();
        for (int i = 0; i < current.Length; i++)
        {
            CountUses(current[i], uses);
            foreach (var r in current[i].Results) definer[r] = i;
        }

        // An op is absorbed into its only user when both are fusible and agree on the type.
        var absorbed = new bool[current.Length];
        var consumerOf = new int[current.Length];
        Array.Fill(consumerOf, -1);
        for (int i = 0; i < current.Length; i++)
        {
            var op = current[i];
            if (!IsElementwise(op)) continue;
            foreach (var v in op.Operands)
            {
                if (!definer.TryGetValue(v, out int d) || uses.GetValueOrDefault(v) != 1) continue;
                var producer = current[d];
                if (producer.Results[0].Type != op.Results[0].Type) continue;
                if (IsElementwise(producer) || IsScalarBroadcast(producer))
                {
                    absorbed[d] = true;
                    consumerOf[d] = i;
                }
            }
        }

        var result = new List<Operation>(current.Length);
        for (int i = 0; i < current.Length; i++)
        {
            if (absorbed[i]) continue;
            var op = current[i];
            if (IsElementwise(op) && Build(op, current, definer, absorbed) is { } fused)
            {
                result.Add(fused);
                changed = true;
            }
            else
            {
                result.Add(op);
            }
        }
        if (!changed) return block;
        // Absorbed ops that were not taken into a tree (cannot happen: every absorbed op's user is elementwise and
        // becomes or joins a root) would be lost; check it rather than assume it.
        return new Block(block.Arguments, result);
    }

    private static void CountUses(Operation op, Dictionary<Value, int> uses)
    {
        foreach (var v in op.Operands) uses[v] = uses.GetValueOrDefault(v) + 1;
        foreach (var region in op.Regions)
        {
            foreach (var inner in region.Operations) CountUses(inner, uses);
        }
    }

    private static bool IsFloat(TensorType t) => t.DType is DType.F32 or DType.F64;

    /// <summary>A region-free f32/f64 elementwise op over operands of its own type, on more than one element.</summary>
    private static bool IsElementwise(Operation op)
    {
        if (op.Regions.Count != 0 || op.Results.Count != 1) return false;
        var t = op.Results[0].Type;
        if (!IsFloat(t) || t.Shape.Rank == 0 || t.Shape.ElementCount < 2) return false;
        bool known = op.Operands.Count == 2 ? FusedKernel.HasBinary(op.Name) : op.Operands.Count == 1 && FusedKernel.HasUnary(op.Name);
        if (!known) return false;
        foreach (var v in op.Operands)
        {
            if (v.Type != t) return false;
        }
        return true;
    }

    /// <summary>broadcast_in_dim of a 0-d f32/f64 value: a scalar operand once fused.</summary>
    private static bool IsScalarBroadcast(Operation op) =>
        op.Name == Ops.BroadcastInDim && op.Operands.Count == 1 && op.Results.Count == 1 && op.Regions.Count == 0
        && op.Operands[0].Type.Shape.Rank == 0 && op.Operands[0].Type.DType == op.Results[0].Type.DType && IsFloat(op.Results[0].Type);

    // The tree rooted at `root`, as a fused op; null when the tree is the root alone (nothing to fuse).
    private static Operation? Build(Operation root, Operation[] ops, Dictionary<Value, int> definer, bool[] absorbed)
    {
        var leaves = new List<Value>();
        var scalar = new List<bool>();
        var nodes = new List<FusedNode>();
        var freeTemps = new Stack<int>();
        int temps = 0;

        FusedRef Visit(Value v, bool isRoot)
        {
            if (!isRoot && definer.TryGetValue(v, out int d) && absorbed[d])
            {
                var producer = ops[d];
                if (IsScalarBroadcast(producer)) return Leaf(producer.Operands[0], isScalar: true);
                return Emit(producer, isRoot: false);
            }
            return Leaf(v, isScalar: false);
        }

        FusedRef Leaf(Value v, bool isScalar)
        {
            int k = leaves.IndexOf(v);
            if (k < 0 || scalar[k] != isScalar)
            {
                k = leaves.Count;
                leaves.Add(v);
                scalar.Add(isScalar);
            }
            return new FusedRef(isScalar ? FusedRefKind.Scalar : FusedRefKind.Leaf, k);
        }

        FusedRef Emit(Operation op, bool isRoot)
        {
            // add(multiply(x, y), z) or add(z, multiply(x, y)) with the multiply absorbed: one multiply-add node.
            if (op.Name == Ops.Add)
            {
                for (int side = 0; side < 2; side++)
                {
                    var v = op.Operands[side];
                    if (definer.TryGetValue(v, out int d) && absorbed[d] && ops[d].Name == Ops.Multiply)
                    {
                        var x = Visit(ops[d].Operands[0], false);
                        var y = Visit(ops[d].Operands[1], false);
                        var z = Visit(op.Operands[1 - side], false);
                        foreach (var r in new[] { x, y, z })
                        {
                            if (r.Kind == FusedRefKind.Temp) freeTemps.Push(r.Index);
                        }
                        int to = isRoot ? -1 : freeTemps.Count > 0 ? freeTemps.Pop() : temps++;
                        nodes.Add(new FusedNode(MultiplyAdd, true, x, y, to) { C = z });
                        return new FusedRef(FusedRefKind.Temp, to);
                    }
                }
            }
            var a = Visit(op.Operands[0], false);
            var b = op.Operands.Count == 2 ? Visit(op.Operands[1], false) : default;
            // Children's temps are free once this node has read them.
            if (a.Kind == FusedRefKind.Temp) freeTemps.Push(a.Index);
            if (op.Operands.Count == 2 && b.Kind == FusedRefKind.Temp) freeTemps.Push(b.Index);
            int dst = isRoot ? -1 : freeTemps.Count > 0 ? freeTemps.Pop() : temps++;
            nodes.Add(new FusedNode(op.Name, op.Operands.Count == 2, a, b, dst));
            return new FusedRef(FusedRefKind.Temp, dst);
        }

        Emit(root, isRoot: true);
        if (nodes.Count == 1 && nodes[0].C is null && !scalar.Contains(true)) return null;
        var type = root.Results[0].Type;
        var plan = new FusedPlan(type, [.. nodes], [.. scalar], temps);
        return new Operation(FusedOp, leaves, root.Results, [new NamedAttr("plan", new FusedAttr(plan))], []);
    }
}

/// <summary>Where a fused node reads an operand: a full-size leaf, a 0-d leaf (a scalar), or a temporary.</summary>
internal enum FusedRefKind
{
    /// <summary>Operand k of the fused op, of the tree's shape.</summary>
    Leaf,

    /// <summary>Operand k of the fused op, 0-d: broadcast by the kernel, never materialised.</summary>
    Scalar,

    /// <summary>A chunk-sized temporary.</summary>
    Temp,
}

/// <summary>One operand reference of a fused node.</summary>
internal readonly record struct FusedRef(FusedRefKind Kind, int Index);

/// <summary>One op of a fused tree: its name, operands, and the temporary it writes (-1: the output).</summary>
internal sealed record FusedNode(string Op, bool Binary, FusedRef A, FusedRef B, int Dst)
{
    /// <summary>The third operand of a multiply-add node; null otherwise.</summary>
    public FusedRef? C { get; init; }
}

/// <summary>A fused tree in evaluation order.</summary>
internal sealed record FusedPlan(TensorType Type, FusedNode[] Nodes, bool[] ScalarLeaves, int TempCount);

/// <summary>The plan of a fused op, carried as its attribute (never printed).</summary>
internal sealed record FusedAttr(FusedPlan Plan) : Attr;
