using LoopGen.Ir;
using LoopGen.Tests.Support;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

/// <summary>
/// A broadcast of a zero skips its fill when the array was allocated just now (the GC zeroes small arrays): a
/// gradient's accumulator, which leaves every call as its result. Checked against plain C# where the array is new
/// (the first call, the result of every call), reused from the pool with another value's contents (so the fill must
/// run), large enough to be allocated unzeroed, and filled with -0.0 (whose bits are not zero).
/// </summary>
public class ZeroFillTests
{
    private static readonly DType F32 = DType.F32;

    // t = 3x dies at its sum, so the zeros of the same size may take t's array from the pool; one row is then written.
    private static Tensor RowOverZeros(Tensor x, double fill)
    {
        var t = x * 3f;
        var s = t.Sum().Reshape(1, 1);
        var rows = Tensor.Full(fill, F32, x.Shape[0], x.Shape[1]);
        return Tensor.DynamicUpdateSlice(rows, s.BroadcastTo(1, x.Shape[1]), [Tensor.Scalar(1), Tensor.Scalar(0)]);
    }

    // The expected sum in double: the interpreter's float sum runs in another order. Every element but the written row
    // must equal the fill exactly (a missed fill leaves the previous call's 3x there); the row is within float
    // rounding of the exact sum, bounded by the magnitudes summed (thousands of values in [-6, 6] cancel).
    private static void AssertRowOverFill(float[] x, int rows, int cols, float fill, float[] got)
    {
        Assert.Equal(rows * cols, got.Length);
        double sum = 0, magnitude = 0;
        foreach (float v in x)
        {
            sum += v * 3.0;
            magnitude += Math.Abs(v * 3.0);
        }
        double tolerance = 1e-5 * Math.Max(1, Math.Abs(sum)) + 4 * Math.Sqrt(x.Length) * 6e-8 * magnitude;
        for (int i = 0; i < got.Length; i++)
        {
            if (i / cols == 1) Assert.True(Math.Abs(got[i] - sum) <= tolerance, $"element {i}: expected {sum} (within {tolerance:g3}), got {got[i]}");
            else Assert.True(got[i].Equals(fill), $"element {i}: expected the fill {fill}, got {got[i]}");
        }
    }

    [Theory]
    [InlineData(4, 3)] // zeroed when new
    [InlineData(64, 40)] // 2560 elements: allocated without zeroing, so the fill must run
    public void Zeros_under_a_row_write_match_plain_code_on_new_and_reused_arrays(int rows, int cols)
    {
        var f = Jit.Compile((Tensor x) => RowOverZeros(x, 0.0), $"row_over_zeros_{rows}x{cols}");
        var lowered = f.Lower(Tensor.From(new float[rows * cols], rows, cols));
        Assert.Contains("stablehlo.broadcast_in_dim", lowered.Text, StringComparison.Ordinal);
        // Several calls with different inputs: the first allocates everything, later ones reuse pooled arrays whose
        // contents are the previous call's 3x.
        for (int call = 0; call < 4; call++)
        {
            var x = Rand.Floats(rows * cols);
            var got = f.Invoke(Tensor.From(x, rows, cols)).ToArray<float>();
            AssertRowOverFill(x, rows, cols, 0f, got);
        }
    }

    [Fact]
    public void Negative_zero_is_filled_on_new_arrays()
    {
        var f = Jit.Compile((Tensor x) => RowOverZeros(x, -0.0), "row_over_negative_zeros");
        for (int call = 0; call < 2; call++)
        {
            var x = Rand.Floats(12);
            var got = f.Invoke(Tensor.From(x, 4, 3)).ToArray<float>();
            AssertRowOverFill(x, 4, 3, -0f, got);
            for (int i = 0; i < got.Length; i++)
            {
                if (i / 3 != 1) Assert.True(float.IsNegative(got[i]), $"element {i} is {got[i]}, expected -0.0");
            }
        }
    }
}
