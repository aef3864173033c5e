using System.Runtime.CompilerServices;

namespace LoopGen.Onnx.Tests.Support;

/// <summary>Compares results of compiled calls: tensors (exact for integers and booleans, floats within 1e-4·max(1, |x|)), tuples, arrays, primitives.</summary>
internal static class ResultComparer
{
    public const double FloatTolerance = 1e-4;

    public static void AssertClose(object? expected, object? actual, string path = "result")
    {
        switch (expected)
        {
            case Tensor e:
                var a = Assert.IsType<Tensor>(actual);
                Assert.True(e.Shape == a.Shape, $"{path}: shape {e.Shape} vs {a.Shape}");
                Assert.Equal(e.DType, a.DType);
                var ev = BothEngines.Host(e);
                var av = BothEngines.Host(a);
                for (int i = 0; i < ev.Length; i++) AssertElement(ev.GetValue(i), av.GetValue(i), $"{path}[{i}]");
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
            default:
                AssertElement(expected, actual, path);
                break;
        }
    }

    private static void AssertElement(object? expected, object? actual, string path)
    {
        if (expected is float or double)
        {
            double x = System.Convert.ToDouble(expected, System.Globalization.CultureInfo.InvariantCulture);
            double y = System.Convert.ToDouble(actual, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(x - y) <= FloatTolerance * Math.Max(1, Math.Abs(x)) || (double.IsNaN(x) && double.IsNaN(y)), $"{path}: the interpreter gives {x}, ONNX Runtime {y}");
            return;
        }
        Assert.True(Equals(expected, actual), $"{path}: the interpreter gives {expected}, ONNX Runtime {actual}");
    }
}
