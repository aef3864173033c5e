using LoopGen.Ir;
using LoopGen.Loops;
using LoopGen.Tracing;

namespace LoopGen.Autodiff;

/// <summary>
/// <c>stablehlo.while</c> under differentiation, as scan's reverse mode: the forward loop also writes the carry
/// entering each iteration into a preallocated stacked buffer (one rolled while, the buffer filled with
/// dynamic_update_slice), and the backward pass is one rolled while counting down from the recorded trip count that
/// reads the carry back, recomputes the body's intermediates from it and applies the body's VJP. Op counts do not
/// depend on the trip count. Carries the body passes through unchanged (invariants) and write-only stacked outputs
/// are never stored. With checkpointing, only every k-th carry is stored and each segment of k iterations is
/// recomputed in the backward pass.
/// </summary>
internal static class LoopAd
{
    /// <summary>How one primal while is differentiated.</summary>
    /// <param name="Where">The loop's source location for messages.</param>
    /// <param name="Info">Loop info for the emitted loops.</param>
    /// <param name="StaticTrips">The trip count when the trace fixes it; null for a bounded dynamic loop.</param>
    /// <param name="Bound">The length of the residual buffers: the static trip count or the user's bound.</param>
    /// <param name="Stacked">Indices of the carries whose entering value is stored per iteration.</param>
    /// <param name="FromOuter">Per carry: the backward body takes the while's operand instead of a stored value.</param>
    /// <param name="Segment">Checkpoint segment length, or null when every iteration's carry is stored.</param>
    /// <param name="Saved">Body values stored per iteration besides the carries (dots and transcendentals): the backward body
    /// reads them instead of recomputing them, and the cheap ops that only fed them are then dead code.</param>
    /// <param name="Counter">The counted loop's counter carry, not stored: iteration j's value is Lower + Step·j.</param>
    internal sealed record Plan(string Where, LoopInfo Info, int? StaticTrips, int Bound, int[] Stacked, bool[] FromOuter, int? Segment, Value[] Saved, Counted? Counter);

    /// <summary>A counted loop's counter: carry <paramref name="Carry"/> starts at <paramref name="Lower"/> and steps by <paramref name="Step"/>, <paramref name="Trips"/> times.</summary>
    internal sealed record Counted(int Carry, long Lower, long Step, int Trips)
    {
        /// <summary>The counter is the iteration number itself (0, 1, 2, …): it can index the residual stacks.</summary>
        public bool IsIteration => Lower == 0 && Step == 1;
    }

    /// <summary>Ops whose results are worth storing rather than recomputing in the backward pass.</summary>
    private static readonly HashSet<string> s_saveable =
    [
        Ops.DotGeneral, Ops.Tanh, Ops.Exp, Ops.Expm1, Ops.Log, Ops.Log1p, Ops.Logistic, Ops.Sqrt, Ops.Rsqrt,
        Ops.Sine, Ops.Cosine, Ops.Power, Ops.Atan2,
    ];

    /// <summary>What the forward pass left for the backward pass of one while.</summary>
    internal sealed record Residuals(Plan Plan, Tensor Count, Tensor[] Stacks);

    // ---- Plain replay -----------------------------------------------------------------------------------------

    /// <summary>Re-emits the while with its regions replayed (no residuals).</summary>
    public static Tensor[] Replay(Linearizer lin, Operation op, Tensor[] ins)
    {
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        var info = InfoOf(op);
        return LoopLowering.While(
            info,
            ins,
            hiddenCarries: 0,
            cond: c => lin.Child(cond, c, taped: false).Run(cond)[0],
            body: c => new LoopLowering.Step(lin.Child(body, c, taped: false).Run(body))).Carries;
    }

    // ---- Forward with residuals ---------------------------------------------------------------------------------

    public static (Tensor[] Outs, object Aux) ForwardWithResiduals(Linearizer lin, Operation op, Tensor[] ins)
    {
        var plan = PlanOf(lin.Ad, op);
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        Tensor Cond(Tensor[] c) => lin.Child(cond, c, taped: false).Run(cond)[0];
        Tensor[] Body(Tensor[] c) => lin.Child(body, c, taped: false).Run(body);

        LoopLowering.Result r;
        if (plan.Segment is int k)
        {
            // Outer loop over segments stores the carry entering each segment; the inner loop runs up to k iterations
            // (the primal condition ends the last, shorter, segment).
            int segments = (plan.StaticTrips!.Value + k - 1) / k;
            r = LoopLowering.While(
                plan.Info,
                [Idx(0), .. ins],
                hiddenCarries: 1,
                cond: c => Less(c[0], Idx(segments)),
                body: c =>
                {
                    var inner = LoopLowering.While(
                        plan.Info,
                        [Idx(0), .. c[1..]],
                        hiddenCarries: 1,
                        cond: d => AdOps.And(Less(d[0], Idx(k)), Cond(d[1..])),
                        body: d => new LoopLowering.Step([LoopLowering.Add(d[0], Idx(1)), .. Body(d[1..])]));
                    return new LoopLowering.Step([LoopLowering.Add(c[0], Idx(1)), .. inner.Carries[1..]], [.. plan.Stacked.Select(i => c[1 + i])], c[0]);
                },
                stackLength: segments);
            lin.Ad.Report(plan, r.Stacked, segmentBytes: plan.Stacked.Sum(i => AdOps.Bytes(ins[i].Type)) * k);
        }
        else if (plan.StaticTrips is int trips && plan.Counter is { IsIteration: true } counter)
        {
            // The loop's own counter is the iteration number: it indexes the stacks, and no second counter is carried.
            r = LoopLowering.While(
                plan.Info,
                ins,
                hiddenCarries: 0,
                cond: Cond,
                body: c =>
                {
                    var child = lin.Child(body, c, taped: false);
                    var outs = child.Run(body);
                    return new LoopLowering.Step(outs, [.. plan.Stacked.Select(i => c[i]), .. plan.Saved.Select(child.Lookup)], c[counter.Carry]);
                },
                stackLength: plan.Bound);
            lin.Ad.Report(plan, r.Stacked, segmentBytes: 0);
            return (r.Carries, new Residuals(plan, Idx(trips), r.Stacked));
        }
        else
        {
            r = LoopLowering.While(
                plan.Info,
                [Idx(0), .. ins],
                hiddenCarries: 1,
                cond: c => plan.StaticTrips is null ? AdOps.And(Cond(c[1..]), Less(c[0], Idx(plan.Bound))) : Cond(c[1..]),
                body: c =>
                {
                    var child = lin.Child(body, c[1..], taped: false);
                    var outs = child.Run(body);
                    return new LoopLowering.Step([LoopLowering.Add(c[0], Idx(1)), .. outs], [.. plan.Stacked.Select(i => c[1 + i]), .. plan.Saved.Select(child.Lookup)], c[0]);
                },
                stackLength: plan.Bound);
            lin.Ad.Report(plan, r.Stacked, segmentBytes: 0);
        }
        var outs = r.Carries[1..];
        if (plan.StaticTrips is null)
        {
            // Stopped by the bound while the condition still holds: the run needs more iterations than were recorded.
            lin.Ad.ReportOverflow(op, Cond(outs), $"{plan.Where}: the loop ran past its bound of {plan.Bound} iterations, so its gradient would be wrong; raise maxTrips");
        }
        return (outs, new Residuals(plan, r.Carries[0], r.Stacked));
    }

    // ---- Backward ---------------------------------------------------------------------------------------------

    public static Tensor?[] Backward(Linearizer lin, Linearizer.TapeEntry e, Tensor?[] outCts, bool[] needs)
    {
        var res = (Residuals)e.Aux!;
        var plan = res.Plan;
        var op = e.Op;
        var body = op.Regions[1];
        var active = Enumerable.Range(0, op.Operands.Count).Where(i => lin.Ad.Activity.IsActive(body.Arguments[i])).ToArray();
        var ctInit = active.Select(i => outCts[i] ?? AdOps.Zeros(op.Results[i].Type)).ToArray();
        var info = plan.Info with { Kind = plan.Info.Kind + " (gradient)" };

        // Bounded loops nested in the body check their bounds in the backward body: one pred carry each, or-ed per iteration.
        var nested = lin.Ad.DynamicWhiles([body]);
        var nestedFlags = new List<Tensor[]>();

        // Counts down from `count`: iteration j gets the carry that entered forward iteration j from `stacks`.
        // With `peel`, the loop stops at j = 1 and iteration 0 follows it outside: the cotangents it passes on to the
        // loop's operands are often dead (x of a layer stack is data), and outside the loop the dead-code pass can
        // remove them (one dot_general of the layer stack), which it cannot inside the rolled body.
        Tensor[] Reverse(Tensor count, Tensor[] stacks, Tensor[] ctCarries, bool peel)
        {
            var saved = stacks[plan.Stacked.Length..];
            var noFlags = nested.Select(_ => AdOps.Scalar(DType.Pred, 0)).ToArray();
            int n = ctCarries.Length;
            Tensor[] Iteration(Tensor j, Tensor[] carried, Tensor[] flagsIn)
            {
                var entering = Entering(plan, stacks, j, e.Inputs);
                Tensor[] cts = [];
                var pinned = plan.Saved.Select((v, k) => (v, LoopLowering.ReadRow(saved[k], j))).ToArray();
                var rows = FreshRows(plan, body, active, outCts, entering);
                var flags = lin.Ad.WithSink(nested, flagsIn, () => cts = BodyVjp(lin, body, entering, pinned, active, carried, rows));
                return [.. cts, .. flags];
            }
            var carries = LoopLowering.While(
                info,
                [count, .. ctCarries, .. noFlags],
                hiddenCarries: 1,
                cond: c => AdOps.Compare(c[0], Idx(peel ? 1 : 0), ComparisonDirection.GT),
                body: c =>
                {
                    var j = LoopLowering.Subtract(c[0], Idx(1));
                    return new LoopLowering.Step([j, .. Iteration(j, c[1..(1 + n)], c[(1 + n)..])]);
                }).Carries[1..];
            if (peel) carries = Iteration(Idx(0), carries[..n], carries[n..]);
            nestedFlags.Add(carries[n..]);
            return carries[..n];
        }

        Tensor[] cts;
        if (plan.Segment is int k)
        {
            var (cond, primalBody) = (op.Regions[0], body);
            int segments = (plan.StaticTrips!.Value + k - 1) / k;
            cts = LoopLowering.While(
                info,
                [Idx(segments), .. ctInit],
                hiddenCarries: 1,
                cond: c => AdOps.Compare(c[0], Idx(0), ComparisonDirection.GT),
                body: c =>
                {
                    var s = LoopLowering.Subtract(c[0], Idx(1));
                    var start = Entering(plan, res.Stacks, s, e.Inputs);
                    // Recompute the segment from its checkpoint, storing each iteration's entering carry.
                    var segment = LoopLowering.While(
                        plan.Info,
                        [Idx(0), .. start],
                        hiddenCarries: 1,
                        cond: d => AdOps.And(Less(d[0], Idx(k)), lin.Child(cond, d[1..], taped: false).Run(cond)[0]),
                        body: d => new LoopLowering.Step(
                            [LoopLowering.Add(d[0], Idx(1)), .. lin.Child(primalBody, d[1..], taped: false).Run(primalBody)],
                            [.. plan.Stacked.Select(i => d[1 + i])],
                            d[0]),
                        stackLength: k);
                    return new LoopLowering.Step([s, .. Reverse(segment.Carries[0], segment.Stacked, c[1..], peel: false)]);
                }).Carries[1..];
        }
        else
        {
            // Peeled when iteration 0 surely runs and copying the body's VJP duplicates no loop.
            bool peel = plan.StaticTrips is >= 1 && nested.Count == 0 && !ContainsWhile(body);
            cts = Reverse(res.Count, res.Stacks, ctInit, peel);
        }

        // Checkpointing is off for bodies with bounded loops (PlanOf), so the flags come from the one Reverse at this level.
        if (nested.Count > 0 && nestedFlags.Count == 1) lin.Ad.Forward(nested, nestedFlags[0]);
        var result = new Tensor?[op.Operands.Count];
        for (int a = 0; a < active.Length; a++) result[active[a]] = cts[a];
        return result;
    }

    private static bool ContainsWhile(Block block) =>
        block.Operations.Any(o => o.Name == Ops.While || o.Regions.Any(ContainsWhile));

    /// <summary>The carries entering iteration <paramref name="j"/>: stored ones read back, the others from the while's operands.</summary>
    private static Tensor[] Entering(Plan plan, Tensor[] stacks, Tensor j, Tensor[] operands)
    {
        var entering = new Tensor[operands.Length];
        for (int i = 0; i < operands.Length; i++)
        {
            if (plan.FromOuter[i]) entering[i] = operands[i];
        }
        if (plan.Counter is { } counter) entering[counter.Carry] = CounterAt(counter, j, operands[counter.Carry].Type);
        for (int s = 0; s < plan.Stacked.Length; s++) entering[plan.Stacked[s]] = LoopLowering.ReadRow(stacks[s], j);
        return entering;
    }

    /// <summary>The counter's value in iteration <paramref name="j"/> (a 0-d s32): Lower + Step·j in the counter's dtype.</summary>
    private static Tensor CounterAt(Counted counter, Tensor j, TensorType type)
    {
        var k = AdOps.Convert(j, type.DType);
        if (counter.Step != 1) k = AdOps.Mul(k, AdOps.Scalar(type.DType, counter.Step));
        if (counter.Lower != 0) k = AdOps.Add(k, AdOps.Scalar(type.DType, counter.Lower));
        return k;
    }

    /// <summary>
    /// Active carries (by position in <paramref name="active"/>) whose running cotangent is still zero in row
    /// <c>counter</c> when backward iteration j starts, with that row's index tensor: a loop input passed through
    /// unchanged, zero cotangent after the loop, read only as row <c>ws[i]</c> of its leading axis where the counter i
    /// stays inside the axis. Each iteration then adds only to its own row, and the rows of different iterations differ,
    /// so no later iteration (earlier in the backward order) has written row j yet.
    /// </summary>
    /// <remarks>That each read's row is the counter itself is checked once the body is replayed (<see cref="BodyVjp"/>):
    /// the read's start is the counter tensor after the replay folds the negative-index wrap away.</remarks>
    private static (int Position, Tensor Row, List<Operation> Reads)[] FreshRows(Plan plan, Block body, int[] active, Tensor?[] outCts, Tensor[] entering)
    {
        if (plan.Counter is not { } counter || plan.Segment is not null || counter.Trips == 0) return [];
        var returned = body.Terminator!.Operands;
        long lo = counter.Lower, hi = counter.Lower + (counter.Step * (counter.Trips - 1L));
        var rows = new List<(int, Tensor, List<Operation>)>();
        for (int a = 0; a < active.Length; a++)
        {
            int i = active[a];
            var arg = body.Arguments[i];
            if (outCts[i] is not null || returned[i] != arg || arg.Type.Shape.Rank == 0 || lo < 0 || hi >= arg.Type.Shape[0]) continue;
            if (RowReads(body, arg) is { Count: > 0 } reads) rows.Add((a, entering[counter.Carry], reads));
        }
        return [.. rows];
    }

    // The uses of arg in body, all dynamic_slices taking one row of its leading axis at the top level; null when it has any other use.
    private static List<Operation>? RowReads(Block body, Value arg)
    {
        var reads = new List<Operation>();
        foreach (var op in body.Operations)
        {
            if (op.IsTerminator) continue;
            if (op.Regions.Any(r => Activity.FreeValues(r).Contains(arg))) return null;
            if (!op.Operands.Contains(arg)) continue;
            if (op.Name != Ops.DynamicSlice || op.Operands[0] != arg || op.Operands.Skip(1).Contains(arg)
                || op.Attribute<I64ArrayAttr>("slice_sizes").Values[0] != 1)
            {
                return null;
            }
            reads.Add(op);
        }
        return reads;
    }

    /// <summary>One iteration's VJP: recompute the body from its entering carries, then pull the carries' cotangents back.</summary>
    private static Tensor[] BodyVjp(Linearizer lin, Block body, Tensor[] entering, (Value Value, Tensor Stored)[] pinned, int[] active, Tensor[] ctCarries, (int Position, Tensor Row, List<Operation> Reads)[] rows)
    {
        var child = lin.Child(body, entering, taped: true);
        foreach (var (v, t) in pinned) child.Pin(v, t);
        child.Run(body);
        foreach (var (a, row, reads) in rows)
        {
            if (reads.All(r => ReferenceEquals(child.Lookup(r.Operands[1]), row))) lin.Ad.ZeroRows[ctCarries[a]] = row;
        }
        var returned = body.Terminator!.Operands;
        var ct = child.Backward(active.Select((i, k) => (returned[i], ctCarries[k])));
        return [.. active.Select(i => ct.TryGetValue(body.Arguments[i], out var c) ? c : AdOps.Zeros(body.Arguments[i].Type))];
    }

    // ---- Planning ---------------------------------------------------------------------------------------------

    private static LoopInfo InfoOf(Operation op) =>
        LoopRegistry.Info(op) ?? new LoopInfo("stablehlo.while", "", 0, []);

    /// <summary>Decides the trip count, the bound and which carries are stored, or throws naming the loop.</summary>
    public static Plan PlanOf(AdContext ad, Operation op)
    {
        if (ad.Plans.TryGetValue(op, out var cached)) return cached;
        var where = LoopRegistry.Where(op);
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        foreach (var region in op.Regions)
        {
            if (Activity.FreeValues(region).Any(ad.Activity.IsActive))
            {
                throw new GradientException($"{where}: the loop's regions read a differentiated value from outside without passing it as an operand; the gradient needs loop invariants as operands");
            }
        }

        var counted = CountedLoop(ad, op);
        int? trips = counted?.Trips;
        int bound;
        if (trips is int n)
        {
            bound = n;
        }
        else
        {
            bound = LoopRegistry.Bound(op) ?? ad.Options.MaxTrips
                ?? throw new GradientException(
                    $"{where}: reverse-mode differentiation needs a bound on this loop's trip count, which is only known at run time. "
                    + "Give one: Loop.While(cond, body, init, maxTrips: N) for a hand-written loop, a Loop.MaxTrips(N); statement just before "
                    + "the loop in a [Compile] method, or new GradOptions { MaxTrips = N } for all its loops (each iteration's carry is stored "
                    + "in a buffer of N rows).");
            if (bound < 0) throw new GradientException($"{where}: the trip-count bound must be non-negative; it is {bound}");
        }

        int? segment = null;
        if (ad.Options.Checkpoint && trips is int t && t > 1 && ad.DynamicWhiles([body]).Count == 0)
        {
            segment = ad.Options.CheckpointEvery > 0 ? ad.Options.CheckpointEvery : (int)Math.Ceiling(Math.Sqrt(t));
        }
        if (counted is { Trips: > 0 })
        {
            // Inside the body the counter stays in [Lower, Lower + Step·(Trips − 1)]: replays fold comparisons of it (the
            // negative-index wrap of x[i]) to constants, in the forward loop and in the recomputation of the backward one.
            ad.Ranges[body.Arguments[counted.Carry]] = (counted.Lower, counted.Lower + (counted.Step * (counted.Trips - 1L)));
        }
        // A checkpointed loop stores its counter with the other carries (segments restart from a stored carry).
        if (segment is not null) counted = null;
        var returned = body.Terminator!.Operands;
        var uses = CountUses(body);
        var condUses = CountUses(cond);
        var fromOuter = new bool[op.Operands.Count];
        var stacked = new List<int>();
        for (int i = 0; i < fromOuter.Length; i++)
        {
            var arg = body.Arguments[i];
            bool passThrough = returned[i] == arg;
            // A collected output: the buffer is only written (dynamic_update_slice as the operand) and returned. The
            // backward pass needs none of its contents, so it is not stored.
            bool writeOnly = uses.GetValueOrDefault(arg) == 1 && !condUses.ContainsKey(cond.Arguments[i])
                && body.Operations.Any(o => o.Name == Ops.DynamicUpdateSlice && o.Operands[0] == arg && o.Results[0] == returned[i]
                    && uses.GetValueOrDefault(o.Results[0]) == 1);
            fromOuter[i] = passThrough || writeOnly;
            if (!fromOuter[i] && i != counted?.Carry) stacked.Add(i);
        }

        var saved = segment is null && ad.Options.SaveIntermediates
            ? body.Operations.Where(o => s_saveable.Contains(o.Name) && o.Results.Count == 1 && ad.Activity.IsActive(o.Results[0])).Select(o => o.Results[0]).ToArray()
            : [];
        var plan = new Plan(where, InfoOf(op), trips, bound, [.. stacked], fromOuter, segment, saved, counted);
        ad.Plans[op] = plan;
        return plan;
    }

    /// <summary>
    /// The trip count of a counted loop as the loop API traces it: a counter carry starting at a constant, compared
    /// <c>LT</c> with a constant in the condition and stepped by constants in the body. Null for any other loop.
    /// </summary>
    internal static int? StaticTripCount(AdContext ad, Operation op) => CountedLoop(ad, op)?.Trips;

    /// <summary>The counter of a counted loop (see <see cref="StaticTripCount"/>), or null.</summary>
    internal static Counted? CountedLoop(AdContext ad, Operation op)
    {
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        var local = Producers(cond);
        if (!local.TryGetValue(cond.Terminator!.Operands[0], out var compare) || compare.Name != Ops.Compare) return null;
        if (compare.Attribute<ComparisonDirectionAttr>("comparison_direction").Direction != ComparisonDirection.LT) return null;
        int k = cond.Arguments.IndexOf(compare.Operands[0]);
        if (k < 0 || ConstantOf(local, compare.Operands[1]) is not long upper) return null;
        if (ConstantOf(ad.Producers, op.Operands[k]) is not long lower) return null;

        var bodyProducers = Producers(body);
        long step = 0;
        var cur = body.Terminator!.Operands[k];
        while (cur != body.Arguments[k])
        {
            if (!bodyProducers.TryGetValue(cur, out var add) || add.Name != Ops.Add) return null;
            if (ConstantOf(bodyProducers, add.Operands[1]) is long s1) { step += s1; cur = add.Operands[0]; }
            else if (ConstantOf(bodyProducers, add.Operands[0]) is long s0) { step += s0; cur = add.Operands[1]; }
            else return null;
        }
        if (step <= 0) return null;
        long trips = upper <= lower ? 0 : (upper - lower + step - 1) / step;
        return trips <= int.MaxValue ? new Counted(k, lower, step, (int)trips) : null;
    }

    internal static long? ConstantOf(Dictionary<Value, Operation> producers, Value v)
    {
        if (!producers.TryGetValue(v, out var c) || c.Name != Ops.Constant) return null;
        var dense = c.Attribute<DenseAttr>("value");
        if (!dense.Type.DType.IsInteger() || dense.Data.Length != 1) return null;
        return Convert.ToInt64(dense.Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Value → defining op for the ops of <paramref name="block"/> and, recursively, its regions.</summary>
    internal static Dictionary<Value, Operation> Producers(Block block, Dictionary<Value, Operation>? into = null)
    {
        into ??= [];
        foreach (var op in block.Operations)
        {
            foreach (var r in op.Results) into[r] = op;
            foreach (var region in op.Regions) Producers(region, into);
        }
        return into;
    }

    private static Dictionary<Value, int> CountUses(Block block, Dictionary<Value, int>? into = null)
    {
        into ??= [];
        foreach (var op in block.Operations)
        {
            foreach (var v in op.Operands) into[v] = into.GetValueOrDefault(v) + 1;
            foreach (var region in op.Regions) CountUses(region, into);
        }
        return into;
    }

    private static Tensor Idx(long v) => LoopLowering.Index(v, DType.S32);

    private static Tensor Less(Tensor a, Tensor b) => LoopLowering.Less(a, b);
}
