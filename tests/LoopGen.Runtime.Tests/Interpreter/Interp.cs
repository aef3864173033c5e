using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Interpreter;

/// <summary>Runs IR on the interpreter (compiled module and eager ExecuteOp) and compares results.</summary>
internal static class Interp
{
    public static InterpreterBackend Backend => InterpreterBackend.Instance;

    public static IDeviceBuffer Up(Array data, TensorType type) => Backend.Upload((Array)data.Clone(), type);

    /// <summary>
    /// Prints <paramref name="module"/>, compiles the printed text (as every compiled call does) and runs it on host
    /// arrays, so each interpreter test also checks the printer and the parser.
    /// </summary>
    public static Array[] Run(Module module, params Array[] args)
    {
        var program = Backend.Compile(MlirPrinter.Print(module));
        var buffers = args.Select((a, i) => Up(a, program.ParameterTypes[i])).ToArray();
        return [.. Backend.Execute(program, buffers).Select(Backend.Download)];
    }

    /// <summary>Runs one op eagerly.</summary>
    public static Array[] RunOp(Operation op, params Array[] args)
    {
        var buffers = args.Select((a, i) => Up(a, op.Operands[i].Type)).ToArray();
        return [.. Backend.ExecuteOp(op, buffers).Select(Backend.Download)];
    }

    /// <summary>
    /// Builds a one-op module over fresh arguments, runs it compiled and eagerly, checks both agree exactly,
    /// and returns the results.
    /// </summary>
    public static Array[] Both(string name, TensorType[] argTypes, TensorType[] resultTypes, Array[] args, NamedAttr[]? attrs = null, Block[]? regions = null)
    {
        var b = new IrBuilder();
        var operands = argTypes.Select(b.Arg).ToArray();
        var op = b.Emit(name, operands, resultTypes, attrs, regions);
        var compiled = Run(b.Module([.. op.Results]), args);
        var eager = RunOp(op, args);
        Assert.Equal(compiled.Length, eager.Length);
        for (int i = 0; i < compiled.Length; i++) Assert.Equal(compiled[i], eager[i]);
        for (int i = 0; i < compiled.Length; i++) Assert.Equal(resultTypes[i].Shape.ElementCount, compiled[i].Length);
        return compiled;
    }

    /// <summary>Single-result <see cref="Both"/>.</summary>
    public static Array Both1(string name, TensorType[] argTypes, TensorType resultType, Array[] args, params NamedAttr[] attrs) =>
        Both(name, argTypes, [resultType], args, attrs)[0];

    /// <summary>Fresh random elements of a dtype.</summary>
    public static Array Random(DType dtype, long n) => dtype switch
    {
        DType.F32 => Rand.Floats((int)n),
        DType.F64 => Rand.Doubles((int)n),
        DType.S32 => Rand.Ints((int)n),
        DType.S64 => Rand.Longs((int)n),
        DType.Pred => Rand.Bools((int)n),
        _ => throw new NotSupportedException(dtype.ToString()),
    };

    public static Array Random(TensorType t) => Random(t.DType, t.Shape.ElementCount);

    /// <summary>Equal up to float rounding (NaN equals NaN); exact for integers and pred.</summary>
    public static void Close(Array expected, Array actual, double relTol = -1)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Length, actual.Length);
        if (expected is float[] ef)
        {
            var af = (float[])actual;
            double tol = relTol < 0 ? 2e-5 : relTol;
            for (int i = 0; i < ef.Length; i++) Near(ef[i], af[i], tol, i);
        }
        else if (expected is double[] ed)
        {
            var ad = (double[])actual;
            double tol = relTol < 0 ? 1e-12 : relTol;
            for (int i = 0; i < ed.Length; i++) Near(ed[i], ad[i], tol, i);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    private static void Near(double e, double a, double tol, int i)
    {
        if (double.IsNaN(e) && double.IsNaN(a)) return;
        if (e == a) return;
        Assert.True(Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e)), $"element {i}: expected {e}, got {a}");
    }

    public static TR[] Map2<T, TR>(T[] x, T[] y, Func<T, T, TR> f)
    {
        var r = new TR[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = f(x[i], y[i]);
        return r;
    }

    /// <summary>Shapes every elementwise test covers: 0-d, an empty dim, size-1 dims, and an ordinary 3-d shape.</summary>
    public static readonly int[][] EdgeShapes = [[], [0, 3], [1, 1], [1, 5], [2, 3, 4], [37]];
}
