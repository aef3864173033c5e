using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// Eager mode: one op becomes a one-op program (<c>main(operands) { op; return results }</c>) through the same compiler
/// and kernels as whole modules. Built on the fly: eager dispatch makes a fresh <see cref="Operation"/> per call, so
/// a cache keyed by op would never hit, and building is a handful of small allocations (no text, no parsing).
/// </summary>
internal static class OpPlans
{
    /// <summary>The program that runs <paramref name="op"/> alone.</summary>
    public static InterpreterProgram Get(Operation op)
    {
        var ret = new Operation(Ops.FuncReturn, op.Results, Array.Empty<TensorType>());
        var body = new Block(op.Operands, [op, ret]);
        var types = new TensorType[op.Results.Count];
        for (int i = 0; i < types.Length; i++) types[i] = op.Results[i].Type;
        return InterpreterProgram.Compile(new Function("main", body, types));
    }
}
