using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// Eager mode: runs one op through the same kernels as whole programs. Nothing is cached: eager dispatch makes a
/// fresh <see cref="Operation"/> per call, so a cache keyed by op would never hit. A region-free op becomes one step
/// over a tiny frame (no value numbering, no liveness); an op with regions becomes a one-op program
/// <c>main(operands) { op; return results }</c>.
/// </summary>
internal static class OpPlans
{
    /// <summary>Runs <paramref name="op"/> on validated interpreter buffers.</summary>
    public static IDeviceBuffer[] Run(Operation op, IReadOnlyList<IDeviceBuffer> arguments)
    {
        if (op.Regions.Count != 0) return Program(op).Run(arguments);
        Ir.Verification.IrVerifier.IfEnabled(op);

        var compiler = new ProgramCompiler();
        var step = compiler.CompileLoose(op);
        int n = step.In.Length;
        var frame = new Frame(n + step.Out.Length, compiler.ClassCount);
        for (int i = 0; i < n; i++) frame.Slots[i] = ((HostBuffer)arguments[i]).Shared;
        step.Kernel(frame, step);
        var results = new IDeviceBuffer[step.Out.Length];
        for (int i = 0; i < results.Length; i++)
        {
            var b = frame.Slots[n + i] ?? throw new InvalidOperationException($"{op.Name}: result {i} was not produced");
            results[i] = new HostBuffer(step.OutTypes[i], b.Data);
        }
        return results;
    }

    /// <summary>The one-op program for an op with regions.</summary>
    public static InterpreterProgram Program(Operation op)
    {
        var ret = new Operation(Ops.FuncReturn, op.Results, Array.Empty<TensorType>());
        var body = new Block(op.Operands, [op, ret]);
        var types = new TensorType[op.Results.Count];
        for (int i = 0; i < types.Length; i++) types[i] = op.Results[i].Type;
        return InterpreterProgram.Compile(new Function("main", body, types));
    }
}
