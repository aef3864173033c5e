using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>Runs one pre-resolved operation on a frame: reads its operand slots, writes its result slots.</summary>
internal delegate void Kernel(Frame frame, Step step);

/// <summary>One operation resolved at compile time: kernel, slots, types, regions and what dies after it.</summary>
internal sealed class Step
{
    internal Step(Operation op, int[] inputs, int[] outputs, TensorType[] inputTypes, TensorType[] outputTypes, int[] outputClasses, BlockPlan[] regions)
    {
        Op = op;
        In = inputs;
        Out = outputs;
        InTypes = inputTypes;
        OutTypes = outputTypes;
        OutClass = outputClasses;
        Regions = regions;
        OutCount = Array.ConvertAll(outputTypes, CountOrUnknown);
    }

    // A count that overflows stays unknown (-1) here, so the shape error is raised where it was: when the result is rented.
    private static long CountOrUnknown(TensorType t)
    {
        try
        {
            return t.Shape.ElementCount;
        }
        catch (TensorShapeException)
        {
            return -1;
        }
    }

    /// <summary>The source operation (for messages and for kernels that decode attributes at compile time).</summary>
    public Operation Op { get; }

    /// <summary>The op name.</summary>
    public string Name => Op.Name;

    /// <summary>Operand slots.</summary>
    public int[] In { get; }

    /// <summary>Result slots.</summary>
    public int[] Out { get; }

    /// <summary>Operand types.</summary>
    public TensorType[] InTypes { get; }

    /// <summary>Result types.</summary>
    public TensorType[] OutTypes { get; }

    /// <summary>Pool class of each result.</summary>
    public int[] OutClass { get; }

    /// <summary>Element count of each result, computed once (renting a result then needs no walk over the dims); -1 when it overflows.</summary>
    public long[] OutCount { get; }

    /// <summary>The op's regions, compiled.</summary>
    public BlockPlan[] Regions { get; }

    /// <summary>The kernel; set once the step is otherwise complete.</summary>
    public Kernel Kernel { get; set; } = static (_, _) => { };

    /// <summary>Slots of values (defined in this step's block) whose last use is this step.</summary>
    public int[] ReleaseAfter { get; set; } = [];

    /// <summary>True when operand 0 dies at this step and is not also another operand: a kernel may write it in place when it is the sole holder.</summary>
    public bool Operand0Dies { get; set; }
}

/// <summary>A compiled block: its argument slots, steps, and the slots its terminator returns.</summary>
internal sealed class BlockPlan
{
    internal BlockPlan(int[] arguments, Step[] steps, int[] returns)
    {
        Args = arguments;
        Steps = steps;
        Returns = returns;
    }

    /// <summary>Slots of the block arguments.</summary>
    public int[] Args { get; }

    /// <summary>The operations before the terminator.</summary>
    public Step[] Steps { get; }

    /// <summary>Slots of the terminator's operands.</summary>
    public int[] Returns { get; }

    /// <summary>Arguments never used: released as the block starts.</summary>
    public int[] ReleaseAtEntry { get; set; } = [];

    /// <summary>Values whose last use is the terminator: released once the parent has taken the returned values.</summary>
    public int[] ReleaseAtReturn { get; set; } = [];
}
