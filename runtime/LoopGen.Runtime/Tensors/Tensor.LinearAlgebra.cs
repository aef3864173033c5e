using System.Collections.Immutable;
using LoopGen.Ir;

namespace LoopGen;

public sealed partial class Tensor
{
    private static Tensor DotGeneral(Tensor lhs, Tensor rhs, TensorType result, int[] lhsBatch, int[] rhsBatch, int lhsContract, int rhsContract)
    {
        var dims = new DotDimensionsAttr(
            [.. lhsBatch.Select(d => (long)d)],
            [.. rhsBatch.Select(d => (long)d)],
            ImmutableArray.Create((long)lhsContract),
            ImmutableArray.Create((long)rhsContract));
        return Apply1(Ops.DotGeneral, [lhs, rhs], result, [new NamedAttr("dot_dimension_numbers", dims)]);
    }

    private static DType MatMulDType(string op, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (dtype, _) = DTypes.Promote(a.DType, a.IsWeak, b.DType, b.IsWeak);
        if (dtype == DType.Pred) throw new ArgumentException($"{op}: not defined for pred operands ({a.Type} and {b.Type}); Cast first");
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new TensorShapeException($"{op}: operands must be at least 1-d, got {a.Type} and {b.Type}; use * to scale by a scalar");
        }
        return dtype;
    }

    private static TensorShapeException ContractionMismatch(string op, Tensor a, Tensor b, int ka, int kb) =>
        new($"{op}: shapes {a.Type} and {b.Type} do not match for contraction ({ka} vs {kb})");

    /// <summary>
    /// Matrix product with numpy's <c>matmul</c> rules: 1-d·1-d is the 0-d dot product; a 1-d operand acts as a
    /// row (left) or column (right) vector and that axis is dropped; operands of rank 3 or more are stacks of
    /// matrices whose leading (batch) dimensions broadcast.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        const string op = "MatMul";
        var dtype = MatMulDType(op, a, b);
        int ka = a.Shape[^1];
        int kb = b.Rank == 1 ? b.Shape[0] : b.Shape[^2];
        if (ka != kb) throw ContractionMismatch(op, a, b, ka, kb);
        if (a.Rank <= 2 && b.Rank <= 2)
        {
            // dot_general puts lhs free dims then rhs free dims: exactly numpy's result for ranks 1 and 2.
            var dims = new List<int>();
            if (a.Rank == 2) dims.Add(a.Shape[0]);
            if (b.Rank == 2) dims.Add(b.Shape[1]);
            return DotGeneral(a.ConvertTo(dtype), b.ConvertTo(dtype), new TensorType(dtype, new Shape([.. dims])), [], [], a.Rank - 1, 0);
        }

        // Batched: lift 1-d operands to matrices, broadcast the batch dims, contract, then drop the lifted axes.
        var a2 = a.Rank == 1 ? a.ReshapeTo(new Shape(1, ka)) : a;
        var b2 = b.Rank == 1 ? b.ReshapeTo(new Shape(kb, 1)) : b;
        var aBatch = new Shape([.. a2.Shape.Dims[..^2]]);
        var bBatch = new Shape([.. b2.Shape.Dims[..^2]]);
        Shape batch;
        try
        {
            batch = Broadcasting.Shapes(op, new TensorType(a.DType, aBatch), new TensorType(b.DType, bBatch));
        }
        catch (TensorShapeException)
        {
            throw new TensorShapeException($"{op}: batch dimensions of {a.Type} and {b.Type} do not broadcast ({aBatch} vs {bBatch})");
        }
        int m = a2.Shape[^2];
        int n = b2.Shape[^1];
        int nb = batch.Rank;
        var lhs = a2.ConvertTo(dtype).BroadcastInDim(new Shape([.. batch, m, ka]));
        var rhs = b2.ConvertTo(dtype).BroadcastInDim(new Shape([.. batch, kb, n]));
        var batchAxes = Enumerable.Range(0, nb).ToArray();
        var product = DotGeneral(lhs, rhs, new TensorType(dtype, new Shape([.. batch, m, n])), batchAxes, batchAxes, nb + 1, nb);
        var resultDims = new List<int>(batch);
        if (a.Rank > 1) resultDims.Add(m);
        if (b.Rank > 1) resultDims.Add(n);
        return product.ReshapeTo(new Shape([.. resultDims]));
    }

    /// <summary>This matrix (stack) times <paramref name="other"/>; see <see cref="MatMul(Tensor, Tensor)"/>.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    /// <summary>
    /// numpy's <c>dot</c>: a scalar operand scales; otherwise the sum product over the last axis of
    /// <paramref name="a"/> and the second-to-last of <paramref name="b"/> (its only axis when 1-d), result dims
    /// being a's free dims then b's. Equals <see cref="MatMul(Tensor, Tensor)"/> for ranks 1 and 2.
    /// </summary>
    public static Tensor Dot(Tensor a, Tensor b)
    {
        const string op = "Dot";
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0) return a * b;
        var dtype = MatMulDType(op, a, b);
        int ca = a.Rank - 1;
        int cb = b.Rank == 1 ? 0 : b.Rank - 2;
        if (a.Shape[ca] != b.Shape[cb]) throw ContractionMismatch(op, a, b, a.Shape[ca], b.Shape[cb]);
        var dims = new List<int>(a.Shape.Dims[..^1]);
        for (int i = 0; i < b.Rank; i++) if (i != cb) dims.Add(b.Shape[i]);
        return DotGeneral(a.ConvertTo(dtype), b.ConvertTo(dtype), new TensorType(dtype, new Shape([.. dims])), [], [], ca, cb);
    }

    /// <summary>The outer product of two tensors, flattened: result[i, j] = a[i] * b[j].</summary>
    public static Tensor Outer(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.Flatten();
        var y = b.Flatten();
        return x.ReshapeTo(new Shape(x.Shape[0], 1)) * y.ReshapeTo(new Shape(1, y.Shape[0]));
    }
}
