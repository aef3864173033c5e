using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>C# operators on tensors, eagerly, against loops over arrays.</summary>
public class OperatorTests
{
    public static TheoryData<DType> NumericTypes => new(Numeric);

    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { [3, 4], [3, 4] },
        { [3, 1], [4] },
        { [], [2, 3] },
        { [2, 3], [] },
        { [], [] },
        { [0, 3], [3] },
        { [1, 1], [1] },
        { [2, 1, 3], [4, 1] },
    };

    private static double Div(double a, double b, DType dt) => dt.IsFloat() ? Store(a / b, dt) : Math.Truncate(a / b);

    private static double Rem(double a, double b, DType dt) => Store(a % b, dt); // C# % on doubles is fmod, exact; as is integer %

    [Theory]
    [MemberData(nameof(NumericTypes))]
    public void Arithmetic_same_dtype(DType dt)
    {
        var (a, da) = Random(dt, 3, 4);
        var (b, db) = RandomNonZero(dt, 3, 4);
        int[] s = [3, 4];
        AssertTensor(a + b, dt, s, Zip(da, s, db, s, (x, y) => Store(x + y, dt)));
        AssertTensor(a - b, dt, s, Zip(da, s, db, s, (x, y) => Store(x - y, dt)));
        AssertTensor(a * b, dt, s, Zip(da, s, db, s, (x, y) => Store(x * y, dt)));
        AssertTensor(a / b, dt, s, Zip(da, s, db, s, (x, y) => Div(x, y, dt)));
        AssertTensor(a % b, dt, s, Zip(da, s, db, s, (x, y) => Rem(x, y, dt)));
        AssertTensor(-a, dt, s, [.. da.Select(x => -x)]);
    }

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Add_and_multiply_broadcast(int[] sa, int[] sb)
    {
        var (a, da) = Random(DType.F32, sa);
        var (b, db) = Random(DType.F32, sb);
        var shape = BroadcastShape(sa, sb);
        AssertTensor(a + b, DType.F32, shape, Zip(da, sa, db, sb, (x, y) => (float)(x + y)));
        AssertTensor(b * a, DType.F32, shape, Zip(db, sb, da, sa, (x, y) => (float)(x * y)));
    }

    [Fact]
    public void Weak_literals_keep_the_tensor_dtype()
    {
        var (a, da) = Random(DType.F32, 2, 3);
        AssertTensor(a + 1, DType.F32, [2, 3], [.. da.Select(x => (double)(float)(x + 1))]);
        AssertTensor(2.5 * a, DType.F32, [2, 3], [.. da.Select(x => (double)(float)(2.5 * x))]);
        AssertTensor(1 - a, DType.F32, [2, 3], [.. da.Select(x => (double)(float)(1 - x))]);
        var (i, di) = Random(DType.S64, 4);
        AssertTensor(i * 3, DType.S64, [4], [.. di.Select(x => x * 3)]);
        AssertTensor(i / 2, DType.S64, [4], [.. di.Select(x => Math.Truncate(x / 2))]); // C# integer division
        AssertTensor(i + 0.5, DType.F32, [4], [.. di.Select(x => x + 0.5)]);
    }

    [Fact]
    public void Mixed_dtypes_promote()
    {
        var (i, di) = Random(DType.S32, 3);
        var (f, df) = Random(DType.F32, 3);
        var (d, dd) = Random(DType.F64, 3);
        var (l, dl) = Random(DType.S64, 3);
        AssertTensor(i + f, DType.F32, [3], [.. di.Zip(df, (x, y) => (double)(float)(x + y))]);
        AssertTensor(f * d, DType.F64, [3], [.. df.Zip(dd, (x, y) => x * y)]);
        AssertTensor(i - l, DType.S64, [3], [.. di.Zip(dl, (x, y) => x - y)]);
    }

    [Fact]
    public void Operators_on_0d_tensors_and_empty_tensors()
    {
        var (a, da) = Random(DType.F64, []);
        var (b, db) = Random(DType.F64, []);
        AssertTensor(a * b + a, DType.F64, [], [da[0] * db[0] + da[0]]);
        var e = Tensor.Zeros(DType.F32, 0, 3);
        AssertTensor(e + Tensor.Ones(DType.F32, 3), DType.F32, [0, 3], []);
    }

    [Theory]
    [MemberData(nameof(NumericTypes))]
    public void Comparisons(DType dt)
    {
        var (a, da) = Random(dt, 4, 3);
        var (b, db) = Random(dt, 3);
        // make some elements equal so == and <= see ties
        var a2 = Tensor.Concat([a, b.ExpandDims(0)]);
        var d2 = da.Concat(db).ToArray();
        int[] sa = [5, 3], sb = [3];
        AssertTensor(a2 == b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x == y ? 1 : 0));
        AssertTensor(a2 != b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x != y ? 1 : 0));
        AssertTensor(a2 < b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x < y ? 1 : 0));
        AssertTensor(a2 <= b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x <= y ? 1 : 0));
        AssertTensor(a2 > b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x > y ? 1 : 0));
        AssertTensor(a2 >= b, DType.Pred, [5, 3], Zip(d2, sa, db, sb, (x, y) => x >= y ? 1 : 0));
        AssertTensor(a2 > 0, DType.Pred, [5, 3], [.. d2.Select(x => x > 0 ? 1.0 : 0)]);
    }

    [Fact]
    public void Logical_ops_on_pred()
    {
        var (a, da) = Random(DType.Pred, 2, 5);
        var (b, db) = Random(DType.Pred, 5);
        int[] sa = [2, 5], sb = [5];
        AssertTensor(a & b, DType.Pred, sa, Zip(da, sa, db, sb, (x, y) => x != 0 && y != 0 ? 1 : 0));
        AssertTensor(a | b, DType.Pred, sa, Zip(da, sa, db, sb, (x, y) => x != 0 || y != 0 ? 1 : 0));
        AssertTensor(a ^ b, DType.Pred, sa, Zip(da, sa, db, sb, (x, y) => (x != 0) != (y != 0) ? 1 : 0));
        AssertTensor(!a, DType.Pred, sa, [.. da.Select(x => x == 0 ? 1.0 : 0)]);
        AssertTensor(~a, DType.Pred, sa, [.. da.Select(x => x == 0 ? 1.0 : 0)]);
        AssertTensor(a & true, DType.Pred, sa, da);
    }

    [Fact]
    public void Bitwise_ops_on_integers()
    {
        var ia = Rand_Ints(6);
        var ib = Rand_Ints(6);
        var a = Tensor.From(ia);
        var b = Tensor.From(ib);
        Assert.Equal(ia.Zip(ib, (x, y) => x & y).ToArray(), (a & b).ToArray<int>());
        Assert.Equal(ia.Zip(ib, (x, y) => x | y).ToArray(), (a | b).ToArray<int>());
        Assert.Equal(ia.Zip(ib, (x, y) => x ^ y).ToArray(), (a ^ b).ToArray<int>());
        Assert.Equal(ia.Select(x => ~x).ToArray(), (~a).ToArray<int>());
        var la = ia.Select(x => (long)x * 1000003).ToArray();
        Assert.Equal(la.Select(x => x & 0xFF).ToArray(), (Tensor.From(la) & 0xFF).ToArray<long>());
    }

    private static int[] Rand_Ints(int n) => LoopGen.Tests.Support.Rand.Ints(n, -1000, 1000);

    [Fact]
    public void Zero_d_pred_works_as_a_condition()
    {
        var (a, da) = Random(DType.F32, []);
        bool taken = a > 0 ? true : false;
        Assert.Equal(da[0] > 0, taken);
        var t = Tensor.Scalar(true);
        var f = Tensor.Scalar(false);
        Assert.True(t && t ? true : false);
        Assert.False(f || f ? true : false);
    }
}
