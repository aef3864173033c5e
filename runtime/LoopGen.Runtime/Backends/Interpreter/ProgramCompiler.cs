using LoopGen.Backends.Interpreter.Kernels;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// Turns a function into <see cref="BlockPlan"/>s: numbers every value (one flat slot space for all nested blocks,
/// so regions reach enclosing values for free), numbers pool classes, resolves kernels and computes liveness.
/// </summary>
internal sealed class ProgramCompiler
{
    private readonly Dictionary<Value, int> _slots = [];
    private readonly Dictionary<(DType, long), int> _classes = [];

    /// <summary>Slots numbered so far.</summary>
    public int SlotCount => _slots.Count;

    /// <summary>Pool classes numbered so far.</summary>
    public int ClassCount => _classes.Count;

    /// <summary>The pool class of arrays of <paramref name="count"/> elements of <paramref name="dtype"/>.</summary>
    public int ClassOf(DType dtype, long count)
    {
        if (!_classes.TryGetValue((dtype, count), out int id))
        {
            id = _classes.Count;
            _classes.Add((dtype, count), id);
        }
        return id;
    }

    /// <summary>Compiles a function body; checks the terminator against the declared result types.</summary>
    public BlockPlan CompileFunction(Function function)
    {
        NumberValues(function.Body);
        var plan = CompileBlock(function.Body, Ops.FuncReturn);
        var ret = function.Body.Operations[^1];
        if (ret.Operands.Count != function.ResultTypes.Count)
        {
            throw new InvalidOperationException($"@{function.Name}: func.return returns {ret.Operands.Count} value(s), the function declares {function.ResultTypes.Count}");
        }
        for (int i = 0; i < ret.Operands.Count; i++)
        {
            if (ret.Operands[i].Type != function.ResultTypes[i])
            {
                throw new InvalidOperationException($"@{function.Name}: result {i} is {ret.Operands[i].Type}, the function declares {function.ResultTypes[i]}");
            }
        }
        return plan;
    }

    /// <summary>
    /// Compiles a region-free op on its own for eager mode: operands take slots 0…n-1 and results n…n+m-1, so no
    /// value numbering or liveness is needed (the frame dies with the call).
    /// </summary>
    public Step CompileLoose(Operation op)
    {
        if (op.Regions.Count != 0) throw new InvalidOperationException($"{op.Name}: ops with regions go through a one-op program");
        var factory = Resolve(op);
        int n = op.Operands.Count, m = op.Results.Count;
        var inSlots = new int[n];
        var inTypes = new TensorType[n];
        for (int i = 0; i < n; i++)
        {
            inSlots[i] = i;
            inTypes[i] = op.Operands[i].Type;
        }
        var outSlots = new int[m];
        var outTypes = new TensorType[m];
        var classes = new int[m];
        for (int i = 0; i < m; i++)
        {
            outSlots[i] = n + i;
            outTypes[i] = op.Results[i].Type;
            classes[i] = ClassOf(outTypes[i].DType, outTypes[i].Shape.ElementCount);
        }
        var step = new Step(op, inSlots, outSlots, inTypes, outTypes, classes, []);
        step.Kernel = factory(step, this);
        return step;
    }

    private static KernelFactory Resolve(Operation op)
    {
        if (op.IsTerminator) throw new InvalidOperationException($"{op.Name} may only end a block");
        var factory = KernelRegistry.Find(op.Name)
            ?? throw new NotSupportedException($"the interpreter does not support the operation '{op.Name}'");
        foreach (var v in op.Operands) CheckDType(op, v.Type);
        foreach (var v in op.Results)
        {
            CheckDType(op, v.Type);
            CheckSize(op, v.Type);
        }
        return factory;
    }

    /// <summary>A result the interpreter could never allocate is a shape error at compile time, not an overflow mid-call.</summary>
    internal static void CheckSize(Operation op, TensorType type)
    {
        long count = type.Shape.ElementCount;
        if (count > Array.MaxLength)
        {
            throw new TensorShapeException(
                $"{op.Name}: the result {type} has {count} elements; the interpreter holds a tensor in one .NET array, at most {Array.MaxLength} elements");
        }
    }

    private void NumberValues(Block block)
    {
        foreach (var a in block.Arguments) _slots.TryAdd(a, _slots.Count);
        foreach (var op in block.Operations)
        {
            foreach (var r in op.Results) _slots.TryAdd(r, _slots.Count);
            foreach (var region in op.Regions) NumberValues(region);
        }
    }

    private BlockPlan CompileBlock(Block block, string terminatorName)
    {
        var ops = block.Operations;
        if (ops.Count == 0 || ops[^1].Name != terminatorName)
        {
            throw new InvalidOperationException($"a block must end with {terminatorName}, found {(ops.Count == 0 ? "an empty block" : ops[^1].Name)}");
        }
        var steps = new Step[ops.Count - 1];
        for (int i = 0; i < steps.Length; i++) steps[i] = CompileOp(ops[i]);
        var term = ops[^1];
        var plan = new BlockPlan(
            [.. block.Arguments.Select(a => _slots[a])],
            steps,
            SlotsOf(term, term.Operands));
        Liveness.Annotate(block, plan, _slots);
        return plan;
    }

    private Step CompileOp(Operation op)
    {
        var factory = Resolve(op);
        var regions = new BlockPlan[op.Regions.Count];
        for (int i = 0; i < regions.Length; i++) regions[i] = CompileBlock(op.Regions[i], Ops.Return);
        var outTypes = op.Results.Select(r => r.Type).ToArray();
        var step = new Step(
            op,
            SlotsOf(op, op.Operands),
            SlotsOf(op, op.Results),
            [.. op.Operands.Select(v => v.Type)],
            outTypes,
            [.. outTypes.Select(t => ClassOf(t.DType, t.Shape.ElementCount))],
            regions);
        step.Kernel = factory(step, this);
        return step;
    }

    private int[] SlotsOf(Operation op, IReadOnlyList<Value> values)
    {
        var result = new int[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (!_slots.TryGetValue(values[i], out result[i]))
            {
                throw new InvalidOperationException($"{op.Name}: operand {i} ({values[i].Type}) is not defined in this function");
            }
        }
        return result;
    }

    private static void CheckDType(Operation op, TensorType type)
    {
        if (type.DType is DType.F16 or DType.BF16)
        {
            throw new NotSupportedException($"the interpreter has no {type.DType.Name()} kernels ({op.Name} on {type})");
        }
    }
}
