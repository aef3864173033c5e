using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// while, if, case. Regions run in the caller's frame (their values have slots there, and captured outer values
/// are simply read). Values handed across a region boundary are reference-counted holds, never copies: a carry the
/// body passes through unchanged, a swapped carry or a captured outer value stays one array, and a carry the body
/// replaced goes back to the pool as soon as the body no longer needs it.
/// </summary>
internal static class ControlFlow
{
    /// <summary>Factory for <see cref="Ops.While"/>.</summary>
    public static Kernel While(Step s, ProgramCompiler compiler)
    {
        int n = s.In.Length;
        if (s.Out.Length != n || s.Regions.Length != 2) throw Check.Fail(s, "expected as many results as operands, and cond and body regions");
        for (int i = 0; i < n; i++) Check.Same(s, s.InTypes[i], s.OutTypes[i], $"result {i}");
        var (cond, body) = (s.Regions[0], s.Regions[1]);
        var condBlock = s.Op.Regions[0];
        var bodyBlock = s.Op.Regions[1];
        if (cond.Args.Length != n || body.Args.Length != n) throw Check.Fail(s, $"cond and body must each take the {n} carries");
        for (int i = 0; i < n; i++)
        {
            Check.Same(s, s.InTypes[i], condBlock.Arguments[i].Type, $"cond argument {i}");
            Check.Same(s, s.InTypes[i], bodyBlock.Arguments[i].Type, $"body argument {i}");
        }
        var condRet = condBlock.Operations[^1].Operands;
        if (condRet.Count != 1 || condRet[0].Type != TensorType.Scalar(DType.Pred)) throw Check.Fail(s, "cond must return one 0-d pred");
        var bodyRet = bodyBlock.Operations[^1].Operands;
        if (bodyRet.Count != n) throw Check.Fail(s, $"body returns {bodyRet.Count} values, expected the {n} carries");
        for (int i = 0; i < n; i++) Check.Same(s, s.InTypes[i], bodyRet[i].Type, $"body result {i}");

        // Counters, compares and scalar carries only: a register machine, no kernels per iteration.
        if (ScalarLoop.TryCreate(s, compiler) is { } scalar) return scalar;

        var handOver = HandOver(s);
        // A counted loop's cond (a carried integer compared with a constant) is evaluated here, without its block.
        if (CountedCond.Of(condBlock) is { } counted) return CountedLoop(counted, body, handOver);

        return (frame, st) =>
        {
            var carries = TakeCarries(frame, st, handOver);
            var token = frame.Token;
            while (true)
            {
                // Between iterations a cancelled call ends; the frame and its buffers die with it.
                token.ThrowIfCancellationRequested();
                for (int i = 0; i < carries.Length; i++) frame.Bind(cond.Args[i], carries[i]);
                frame.RunBlock(cond);
                bool go = ((bool[])frame.Returned(cond, 0).Data)[0];
                frame.FinishBlock(cond);
                if (!go) break;
                RunBody(frame, body, carries);
            }
            // The loop's holds become the result slots' holds.
            for (int i = 0; i < carries.Length; i++) frame.Slots[st.Out[i]] = carries[i];
        };
    }

    // The general loop above with the cond block replaced by one compare of a carry with a constant.
    private static Kernel CountedLoop(CountedCond cond, BlockPlan body, bool[] handOver) => (frame, st) =>
    {
        var carries = TakeCarries(frame, st, handOver);
        var token = frame.Token;
        while (cond.Holds(Strided.ReadIndex(carries[cond.Carry].Data)))
        {
            token.ThrowIfCancellationRequested();
            RunBody(frame, body, carries);
        }
        for (int i = 0; i < carries.Length; i++) frame.Slots[st.Out[i]] = carries[i];
    };

    // One iteration: the body's arguments take over the holds; a carry the body replaces is freed when its argument
    // dies, so the next iteration can rent the same array.
    private static void RunBody(Frame frame, BlockPlan body, Buf[] carries)
    {
        for (int i = 0; i < carries.Length; i++)
        {
            frame.Bind(body.Args[i], carries[i]);
            frame.Drop(carries[i]);
        }
        frame.RunBlock(body);
        for (int i = 0; i < carries.Length; i++)
        {
            carries[i] = frame.Returned(body, i);
            Frame.Hold(carries[i]);
        }
        frame.FinishBlock(body);
    }

    /// <summary>
    /// The loop's holds on its initial carries. An operand whose last use is this while (and that the regions do not
    /// also read as an outer value) leaves its slot here rather than after the loop: the carry is then its array's sole
    /// holder, so the first iteration can already write it in place (a gradient's zero-initialised accumulator, a
    /// residual stack) instead of copying the whole buffer.
    /// </summary>
    private static Buf[] TakeCarries(Frame frame, Step st, bool[] handOver)
    {
        var carries = new Buf[st.In.Length];
        for (int i = 0; i < carries.Length; i++)
        {
            carries[i] = frame.InBuf(st, i);
            Frame.Hold(carries[i]);
        }
        for (int i = 0; i < carries.Length; i++)
        {
            if (handOver[i] && Array.IndexOf(st.ReleaseAfter, st.In[i]) >= 0) frame.Release(st.In[i]);
        }
        return carries;
    }

    // Per operand: used once among the operands and nowhere inside the regions, so its slot may be emptied early.
    private static bool[] HandOver(Step s)
    {
        var inRegions = new HashSet<Value>();
        foreach (var region in s.Op.Regions) CollectUses(region, inRegions);
        var operands = s.Op.Operands;
        var result = new bool[operands.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = !inRegions.Contains(operands[i]) && operands.Count(v => v == operands[i]) == 1;
        }
        return result;
    }

    private static void CollectUses(Block block, HashSet<Value> into)
    {
        foreach (var op in block.Operations)
        {
            foreach (var v in op.Operands) into.Add(v);
            foreach (var region in op.Regions) CollectUses(region, into);
        }
    }

    /// <summary>Factory for <see cref="Ops.If"/>.</summary>
    public static Kernel If(Step s, ProgramCompiler compiler)
    {
        if (s.In.Length != 1 || s.Regions.Length != 2) throw Check.Fail(s, "expected one pred operand and two regions");
        Check.Same(s, TensorType.Scalar(DType.Pred), s.InTypes[0], "pred");
        CheckBranches(s);
        return static (frame, st) =>
        {
            var branch = st.Regions[((bool[])frame.In(st, 0))[0] ? 0 : 1];
            RunBranch(frame, st, branch);
        };
    }

    /// <summary>Factory for <see cref="Ops.Case"/>: an index out of range runs the last branch.</summary>
    public static Kernel Case(Step s, ProgramCompiler compiler)
    {
        if (s.In.Length != 1 || s.Regions.Length == 0) throw Check.Fail(s, "expected one index operand and at least one region");
        var idx = s.InTypes[0];
        if (idx.Shape.Rank != 0 || !idx.DType.IsInteger()) throw Check.Fail(s, $"index must be a 0-d integer, got {idx}");
        CheckBranches(s);
        return static (frame, st) =>
        {
            long i = Strided.ReadIndex(frame.In(st, 0));
            var regions = st.Regions;
            RunBranch(frame, st, regions[i < 0 || i >= regions.Length ? regions.Length - 1 : (int)i]);
        };
    }

    private static void RunBranch(Frame frame, Step st, BlockPlan branch)
    {
        frame.RunBlock(branch);
        for (int i = 0; i < st.Out.Length; i++) frame.Bind(st.Out[i], frame.Returned(branch, i));
        frame.FinishBlock(branch);
    }

    private static void CheckBranches(Step s)
    {
        for (int r = 0; r < s.Regions.Length; r++)
        {
            var block = s.Op.Regions[r];
            if (block.Arguments.Count != 0) throw Check.Fail(s, $"branch {r} must take no arguments");
            var ret = block.Operations[^1].Operands;
            if (ret.Count != s.Out.Length) throw Check.Fail(s, $"branch {r} returns {ret.Count} values, the op has {s.Out.Length} results");
            for (int i = 0; i < ret.Count; i++) Check.Same(s, s.OutTypes[i], ret[i].Type, $"branch {r} result {i}");
        }
    }
}

/// <summary>
/// A while cond that is one compare of a 0-d s32/s64 carry with a constant (<c>i &lt; n</c>, and the backward pass's
/// <c>j &gt; 0</c>): the kernel evaluates it from the carry directly, with no block, binding or pred buffer. Integers
/// compare as signed values, as the compare kernel does.
/// </summary>
internal sealed record CountedCond(int Carry, ComparisonDirection Direction, long Bound)
{
    /// <summary>Whether the loop runs another iteration when the carry is <paramref name="value"/>.</summary>
    public bool Holds(long value) => Direction switch
    {
        ComparisonDirection.LT => value < Bound,
        ComparisonDirection.LE => value <= Bound,
        ComparisonDirection.GT => value > Bound,
        ComparisonDirection.GE => value >= Bound,
        ComparisonDirection.EQ => value == Bound,
        _ => value != Bound,
    };

    /// <summary>The compare of <paramref name="cond"/> (constants, one compare, return), or null for any other cond.</summary>
    public static CountedCond? Of(Block cond)
    {
        var ops = cond.Operations;
        Operation? compare = null;
        var constants = new Dictionary<Value, long>();
        for (int i = 0; i < ops.Count - 1; i++)
        {
            var op = ops[i];
            if (op.Name == Ops.Constant && op.Results.Count == 1 && IsIndex(op.Results[0].Type)
                && op.Attribute<DenseAttr>("value") is { Data.Length: 1 } dense)
            {
                constants[op.Results[0]] = Convert.ToInt64(dense.Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (op.Name == Ops.Compare && compare is null)
            {
                compare = op;
            }
            else
            {
                return null;
            }
        }
        if (compare is null || ops[^1].Operands.Count != 1 || ops[^1].Operands[0] != compare.Results[0]) return null;
        var dir = compare.Attribute<ComparisonDirectionAttr>("comparison_direction").Direction;
        var (a, b) = (compare.Operands[0], compare.Operands[1]);
        if (!IsIndex(a.Type) || a.Type != b.Type) return null;
        int ka = cond.Arguments.IndexOf(a), kb = cond.Arguments.IndexOf(b);
        if (ka >= 0 && constants.TryGetValue(b, out long cb)) return new CountedCond(ka, dir, cb);
        if (kb >= 0 && constants.TryGetValue(a, out long ca)) return new CountedCond(kb, Swap(dir), ca);
        return null;
    }

    private static bool IsIndex(TensorType t) => t.Shape.Rank == 0 && t.DType is DType.S32 or DType.S64;

    // c < x is x > c, and so on.
    private static ComparisonDirection Swap(ComparisonDirection d) => d switch
    {
        ComparisonDirection.LT => ComparisonDirection.GT,
        ComparisonDirection.LE => ComparisonDirection.GE,
        ComparisonDirection.GT => ComparisonDirection.LT,
        ComparisonDirection.GE => ComparisonDirection.LE,
        _ => d,
    };
}
