using System.Runtime.CompilerServices;

namespace LoopGen.EndToEnd.Support;

/// <summary>Random inputs and result comparison for compiled-vs-eager tests.</summary>
internal static class Results
{
    /// <summary>A float32 tensor of the given shape with values in [-1, 1).</summary>
    public static Tensor Random(Random rng, params int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[count];
        for (int i = 0; i < count; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return Tensor.From(data, shape);
    }

    /// <summary>Asserts two results agree: tensors by shape and values (relative tolerance for floats), tuples and arrays element-wise, primitives by value.</summary>
    public static void AssertClose(object? expected, object? actual, string path = "result")
    {
        switch (expected)
        {
            case Tensor e:
                var a = Assert.IsType<Tensor>(actual);
                Assert.True(e.Shape.ToArray().SequenceEqual(a.Shape.ToArray()), $"{path}: shape {e.Shape} vs {a.Shape}");
                Assert.Equal(e.DType, a.DType);
                var ev = e.Cast<double>().ToArray<double>();
                var av = a.Cast<double>().ToArray<double>();
                for (int i = 0; i < ev.Length; i++) AssertNumber(ev[i], av[i], $"{path}[{i}]");
                break;
            case Tensor[] e:
                var arr = Assert.IsType<Tensor[]>(actual);
                Assert.Equal(e.Length, arr.Length);
                for (int i = 0; i < e.Length; i++) AssertClose(e[i], arr[i], $"{path}[{i}]");
                break;
            case ITuple e:
                var t = Assert.IsAssignableFrom<ITuple>(actual);
                Assert.Equal(e.Length, t.Length);
                for (int i = 0; i < e.Length; i++) AssertClose(e[i], t[i], $"{path}.Item{i + 1}");
                break;
            case float or double:
                AssertNumber(Convert.ToDouble(expected), Convert.ToDouble(actual), path);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static void AssertNumber(double expected, double actual, string path) =>
        Assert.True(
            Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{path}: expected {expected}, got {actual}");
}
