using System.Collections.Frozen;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>Builds the kernel of a step at compile time: validates types and decodes attributes once.</summary>
internal delegate Kernel KernelFactory(Step step, ProgramCompiler compiler);

/// <summary>The op name → kernel factory table.</summary>
internal static class KernelRegistry
{
    private static readonly FrozenDictionary<string, KernelFactory> s_factories = Build();

    /// <summary>The factory for <paramref name="name"/>, or null when the interpreter does not know the op.</summary>
    public static KernelFactory? Find(string name) => s_factories.GetValueOrDefault(name);

    /// <summary>Every op name the interpreter runs.</summary>
    public static IEnumerable<string> Names => s_factories.Keys;

    private static FrozenDictionary<string, KernelFactory> Build()
    {
        var d = new Dictionary<string, KernelFactory>();
        foreach (var name in Ops.ElementwiseBinary) d[name] = ElementwiseKernels.Binary;
        foreach (var name in Ops.ElementwiseUnary) d[name] = ElementwiseKernels.Unary;
        d[Ops.Constant] = ShapeKernels.Constant;
        d[Ops.Iota] = ShapeKernels.Iota;
        d[Ops.Compare] = CompareSelectConvert.Compare;
        d[Ops.Select] = CompareSelectConvert.Select;
        d[Ops.Clamp] = CompareSelectConvert.Clamp;
        d[Ops.Convert] = CompareSelectConvert.Convert;
        d[Ops.BroadcastInDim] = ShapeKernels.BroadcastInDim;
        d[Ops.Reshape] = ShapeKernels.Reshape;
        d[Ops.Transpose] = ShapeKernels.Transpose;
        d[Ops.Reverse] = ShapeKernels.Reverse;
        d[Ops.Slice] = SliceKernels.Slice;
        d[Ops.DynamicSlice] = SliceKernels.DynamicSlice;
        d[Ops.DynamicUpdateSlice] = SliceKernels.DynamicUpdateSlice;
        d[Ops.Concatenate] = SliceKernels.Concatenate;
        d[Ops.Pad] = SliceKernels.Pad;
        d[Ops.DotGeneral] = DotGeneralKernel.Create;
        d[Ops.Reduce] = ReduceKernel.Create;
        d[Ops.While] = ControlFlow.While;
        d[Ops.If] = ControlFlow.If;
        d[Ops.Case] = ControlFlow.Case;
        d[Fusion.FusedOp] = FusedKernel.Create;
        return d.ToFrozenDictionary();
    }
}

/// <summary>Validation helpers shared by kernel factories; every message names the op.</summary>
internal static class Check
{
    /// <summary>An error about <paramref name="s"/>'s IR.</summary>
    public static InvalidOperationException Fail(Step s, string message) => new($"{s.Name}: {message}");

    /// <summary>The op's dtype is not one this kernel handles.</summary>
    public static NotSupportedException Unsupported(Step s, DType dtype) =>
        new($"the interpreter does not support {s.Name} on {dtype.Name()}");

    /// <summary>Checks operand and result counts.</summary>
    public static void Arity(Step s, int operands, int results)
    {
        if (s.In.Length != operands || s.Out.Length != results)
        {
            throw Fail(s, $"expected {operands} operand(s) and {results} result(s), got {s.In.Length} and {s.Out.Length}");
        }
    }

    /// <summary>Checks that two types are equal.</summary>
    public static void Same(Step s, TensorType expected, TensorType actual, string what)
    {
        if (expected != actual) throw Fail(s, $"{what} is {actual}, expected {expected}");
    }

    /// <summary>Checks that <paramref name="t"/> is 0-d.</summary>
    public static void Scalar(Step s, TensorType t, string what)
    {
        if (t.Shape.Rank != 0) throw Fail(s, $"{what} must be 0-d, got {t}");
    }

    /// <summary>A required attribute of kind <typeparamref name="T"/>.</summary>
    public static T Attr<T>(Step s, string name)
        where T : Attr
        => s.Op.Attribute(name) as T ?? throw Fail(s, $"missing attribute '{name}' ({typeof(T).Name})");

    /// <summary>A required i64 array attribute.</summary>
    public static long[] Ints(Step s, string name) => [.. Attr<I64ArrayAttr>(s, name).Values];

    /// <summary>A required integer attribute.</summary>
    public static long Int(Step s, string name) => Attr<IntAttr>(s, name).Value;
}
