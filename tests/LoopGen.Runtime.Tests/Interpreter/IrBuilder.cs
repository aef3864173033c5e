using LoopGen.Ir;

namespace LoopGen.Tests.Interpreter;

/// <summary>Builds small modules and regions by hand, so interpreter tests never depend on the parser.</summary>
internal sealed class IrBuilder
{
    public Block Block { get; } = new();

    public static TensorType T(DType dtype, params int[] shape) => new(dtype, new Shape(shape));

    public static NamedAttr A(string name, Attr value) => new(name, value);

    public static NamedAttr Ints(string name, params long[] values) => new(name, I64ArrayAttr.Of(values));

    public static NamedAttr Int(string name, long value) => new(name, new IntAttr(value));

    /// <summary>A fresh region builder whose block takes arguments of the given types.</summary>
    public static IrBuilder Region(params TensorType[] argumentTypes)
    {
        var b = new IrBuilder();
        foreach (var t in argumentTypes) b.Block.AddArgument(t);
        return b;
    }

    public Value this[int argument] => Block.Arguments[argument];

    public Value Arg(TensorType type) => Block.AddArgument(type);

    public Value Arg(DType dtype, params int[] shape) => Block.AddArgument(T(dtype, shape));

    public Operation Emit(string name, Value[] operands, TensorType[] results, NamedAttr[]? attributes = null, Block[]? regions = null)
    {
        var op = new Operation(name, operands, results, attributes, regions);
        Block.Operations.Add(op);
        return op;
    }

    public Value Op(string name, TensorType result, params Value[] operands) => Emit(name, operands, [result]).Results[0];

    public Value Op(string name, TensorType result, Value[] operands, params NamedAttr[] attributes) =>
        Emit(name, operands, [result], attributes).Results[0];

    public Value Constant(TensorType type, Array data) => Op(Ops.Constant, type, [], A("value", new DenseAttr(type, data)));

    public Value Scalar<T>(T value)
        where T : unmanaged => Constant(TensorType.Scalar(DTypes.Of<T>()), new[] { value });

    public Value Binary(string name, Value lhs, Value rhs) => Op(name, lhs.Type, lhs, rhs);

    public Value Compare(ComparisonDirection dir, Value lhs, Value rhs) =>
        Op(Ops.Compare, new TensorType(DType.Pred, lhs.Type.Shape), [lhs, rhs], A("comparison_direction", new ComparisonDirectionAttr(dir)));

    /// <summary>Ends a region with <c>stablehlo.return</c>.</summary>
    public Block Return(params Value[] values)
    {
        Block.Operations.Add(new Operation(Ops.Return, values, Array.Empty<TensorType>()));
        return Block;
    }

    /// <summary>Ends the function with <c>func.return</c> and wraps it as <c>module { main }</c>.</summary>
    public Module Module(params Value[] results)
    {
        Block.Operations.Add(new Operation(Ops.FuncReturn, results, Array.Empty<TensorType>()));
        return new Module("test", [new Function("main", Block, [.. results.Select(r => r.Type)])]);
    }
}
