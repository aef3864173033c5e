using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>State shared by every replay of one gradient trace: options, activity, loop plans, checks and statistics.</summary>
internal sealed class AdContext
{
    public AdContext(GradOptions options, Module primal)
    {
        Options = options;
        Producers = LoopAd.Producers(primal.Main.Body);
    }

    public GradOptions Options { get; }

    public Activity Activity { get; } = new();

    /// <summary>Value → defining op over the whole primal module.</summary>
    public Dictionary<Value, Operation> Producers { get; }

    public Dictionary<Operation, LoopAd.Plan> Plans { get; } = [];

    /// <summary>Integer values known to lie in [Lo, Hi] (counters of counted loops inside their bodies).</summary>
    public Dictionary<Value, (long Lo, long Hi)> Ranges { get; } = [];

    /// <summary>Comparisons a replay folded to a constant, by primal value.</summary>
    public Dictionary<Value, bool> KnownPreds { get; } = [];

    /// <summary>Cotangents that are zero outside one window (of a dynamic_slice): the window's update and starts.</summary>
    public Dictionary<Tensor, (Tensor Update, Tensor[] Starts)> Windows { get; } = [];

    /// <summary>
    /// Cotangents known to be zero in one row of their leading axis: the running cotangent of a stacked loop input
    /// in the backward iteration that reads row j (the key's value is j). A window in that row is then written, not
    /// added (<see cref="Linearizer"/>), so the backward loop does not read the row back.
    /// </summary>
    public Dictionary<Tensor, Tensor> ZeroRows { get; } = [];

    /// <summary>0-d pred tensors of the top-level trace that are true when a bounded loop ran past its bound, with the message to throw.</summary>
    public List<(Tensor Flag, string Message)> OverflowChecks { get; } = [];

    private readonly List<(LoopAd.Plan Plan, Value?[] Stacks, long SegmentBytes)> _reports = [];

    /// <summary>
    /// Residual buffers each differentiated loop allocates, as they are in <paramref name="module"/> once dead carries
    /// are gone (a stack nothing reads is not counted); a loop nested in another is counted once per emission.
    /// </summary>
    public List<ResidualStats> Residuals(Module module)
    {
        var alive = new HashSet<Value>();
        CollectWhileResults(module.Main.Body, alive);
        var stats = new List<ResidualStats>();
        foreach (var (plan, stacks, segmentBytes) in _reports)
        {
            long stored = stacks.Where(v => v is not null && alive.Contains(v)).Sum(v => AdOps.Bytes(v!.Type));
            if (stats.Any(r => r.Loop == plan.Where && r.StoredBytes == stored)) continue; // the same loop replayed again (recomputation)
            stats.Add(new ResidualStats(plan.Where, plan.StaticTrips ?? plan.Bound, plan.Segment, stored, segmentBytes));
        }
        return stats;
    }

    private static void CollectWhileResults(Block block, HashSet<Value> into)
    {
        foreach (var op in block.Operations)
        {
            if (op.Name == Ops.While) into.UnionWith(op.Results);
            foreach (var r in op.Regions) CollectWhileResults(r, into);
        }
    }

    /// <summary>
    /// Where bound checks of loops nested in a backward loop body or branch go: one dictionary per open backward region
    /// (innermost on top), mapping the bounded loop to its flag in that region. Empty at the function's top level.
    /// </summary>
    public Stack<Dictionary<Operation, Tensor>> Sinks { get; } = new();

    /// <summary>The message of each bounded loop's check, by loop.</summary>
    public Dictionary<Operation, string> OverflowMessages { get; } = [];

    /// <summary>Records that <paramref name="loop"/> ran past its bound when <paramref name="flag"/> is true (in the current region).</summary>
    public void ReportOverflow(Operation loop, Tensor flag, string message)
    {
        OverflowMessages[loop] = message;
        if (Sinks.Count == 0)
        {
            OverflowChecks.Add((flag, message));
            return;
        }
        var sink = Sinks.Peek();
        sink[loop] = sink.TryGetValue(loop, out var f) ? AdOps.Binary(Ops.Or, f, flag) : flag;
    }

    private readonly Dictionary<Block, List<Operation>> _dynamicWhiles = [];

    /// <summary>The while loops without a static trip count in <paramref name="regions"/> (nested ones included), in order.</summary>
    public List<Operation> DynamicWhiles(IEnumerable<Block> regions)
    {
        var all = new List<Operation>();
        foreach (var block in regions)
        {
            if (!_dynamicWhiles.TryGetValue(block, out var found))
            {
                found = [];
                Collect(block, found);
                _dynamicWhiles[block] = found;
            }
            foreach (var op in found)
            {
                if (!all.Contains(op)) all.Add(op);
            }
        }
        return all;
    }

    private void Collect(Block block, List<Operation> found)
    {
        foreach (var op in block.Operations)
        {
            if (op.Name == Ops.While && LoopAd.StaticTripCount(this, op) is null) found.Add(op);
            foreach (var r in op.Regions) Collect(r, found);
        }
    }

    /// <summary>
    /// Runs <paramref name="trace"/> (a backward region) with a sink for the bound checks of <paramref name="loops"/>, and
    /// returns one pred per loop: the check raised inside, or-ed with <paramref name="incoming"/> (null: false).
    /// </summary>
    public Tensor[] WithSink(List<Operation> loops, IReadOnlyList<Tensor>? incoming, Action trace)
    {
        var sink = new Dictionary<Operation, Tensor>();
        Sinks.Push(sink);
        try
        {
            trace();
        }
        finally
        {
            Sinks.Pop();
        }
        var flags = new Tensor[loops.Count];
        for (int k = 0; k < flags.Length; k++)
        {
            var before = incoming?[k] ?? AdOps.Scalar(DType.Pred, 0);
            flags[k] = sink.TryGetValue(loops[k], out var f) ? AdOps.Binary(Ops.Or, before, f) : before;
        }
        return flags;
    }

    /// <summary>Passes the final flags of a backward region's bounded loops on to the enclosing region (or the function).</summary>
    public void Forward(List<Operation> loops, IReadOnlyList<Tensor> flags)
    {
        for (int k = 0; k < loops.Count; k++)
        {
            if (OverflowMessages.TryGetValue(loops[k], out var message)) ReportOverflow(loops[k], flags[k], message);
        }
    }

    public void Report(LoopAd.Plan plan, Tensor[] stacks, long segmentBytes) =>
        _reports.Add((plan, [.. stacks.Select(t => t.Symbol?.Value)], segmentBytes));
}
