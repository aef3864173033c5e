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

    /// <summary>Cotangents that are zero outside one window (of a dynamic_slice): the window's update and starts.</summary>
    public Dictionary<Tensor, (Tensor Update, Tensor[] Starts)> Windows { get; } = [];

    /// <summary>0-d pred tensors of the top-level trace that are true when a bounded loop ran past its bound, with the message to throw.</summary>
    public List<(Tensor Flag, string Message)> OverflowChecks { get; } = [];

    /// <summary>Residual buffers each differentiated loop allocates, as emitted (a loop nested in another is counted once per emission).</summary>
    public List<ResidualStats> Residuals { get; } = [];

    public void AddOverflowCheck(Tensor flag, string message) => OverflowChecks.Add((flag, message));

    public void Report(LoopAd.Plan plan, Tensor[] stacks, long segmentBytes)
    {
        long stored = stacks.Sum(s => AdOps.Bytes(s.Type));
        if (Residuals.Any(r => r.Loop == plan.Where && r.StoredBytes == stored)) return; // the same loop replayed again (recomputation)
        Residuals.Add(new ResidualStats(plan.Where, plan.StaticTrips ?? plan.Bound, plan.Segment, stored, segmentBytes));
    }
}
