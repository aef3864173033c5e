using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen.Loops;

/// <summary>
/// Loop.ForConcat: eagerly a plain loop and one concatenation per output; traced, one <c>stablehlo.while</c> whose
/// hidden carries are the counter and one running offset per output, and whose collected outputs are buffers of
/// trips × the piece's bound along the axis, each piece written once at its offset (docs/bounded-sizes.md). A write
/// of a piece's padded width at an offset no greater than the sum of the previous bounds always fits, so
/// <c>dynamic_update_slice</c> never clamps it; the padding it writes past the valid length is overwritten by the
/// next piece or lies past the final offset.
/// </summary>
internal sealed class ForConcatPlan(LoopInfo info, int[] axes, string[] outputNames, Func<Tensor, Tensor[], (Tensor[] Carries, Tensor[] Pieces)> body)
{
    /// <summary>The plain loop, run on concrete tensors.</summary>
    public (Tensor[] Carries, Tensor[] Outputs) RunEager(Tensor lower, Tensor upper, int? maxTrips, Tensor[] init)
    {
        long lo = Known(lower, "lower") ?? throw new InvalidOperationException($"{info.Where}: lower bound has no value");
        long hi = Known(upper, "upper") ?? throw new InvalidOperationException($"{info.Where}: upper bound has no value");
        long trips = Math.Max(0, hi - lo);
        if (maxTrips is int mt && trips > mt)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTrips), $"{info.Where}: {trips} iterations, more than maxTrips {mt}");
        }
        if (trips == 0) return (init, EmptyOutputs(init, lo));
        var pieces = axes.Select(_ => new List<Tensor>()).ToArray();
        var carries = init;
        for (long i = lo; i < hi; i++)
        {
            var (next, ys) = body(LoopLowering.Index(i, DType.S32), carries);
            info.CheckCarries(carries, next);
            CheckCount(ys);
            for (int k = 0; k < ys.Length; k++) pieces[k].Add(ys[k]);
            carries = next;
        }
        return (carries, [.. pieces.Select((p, k) => Tensor.Concat(p, axes[k]))]);
    }

    /// <summary>One rolled while in the current trace.</summary>
    public (Tensor[] Carries, Tensor[] Outputs) Trace(Tensor lower, Tensor upper, int? maxTrips, Tensor[] init)
    {
        long? lo = Known(lower, "lower");
        long? hi = Known(upper, "upper");
        int m = axes.Length;
        long tripBound;
        bool tracedTrips = lo is null || hi is null;
        if (!tracedTrips)
        {
            tripBound = Math.Max(0, hi!.Value - lo!.Value);
            if (maxTrips is int mt && tripBound > mt)
            {
                throw new ArgumentOutOfRangeException(nameof(maxTrips), $"{info.Where}: {tripBound} iterations, more than maxTrips {mt}");
            }
            if (tripBound == 0) return (init, LearnEmpty(init, lo.Value));
        }
        else
        {
            tripBound = maxTrips ?? (lower.Range is { } lr && upper.Range is { } ur ? Math.Max(0, ur.Hi - lr.Lo) : -1);
            if (tripBound < 0)
            {
                throw new InvalidOperationException(
                    $"{info.Where}: the trip count is traced and has no bound, so the collected outputs have no size to preallocate; "
                    + "pass maxTrips (the most iterations any call takes)");
            }
        }

        var start = lo is long l ? LoopLowering.Index(l, DType.S32) : lower.ConvertTo(DType.S32).AsStrong();
        var stop = hi is long h ? LoopLowering.Index(h, DType.S32) : upper.ConvertTo(DType.S32).AsStrong();
        if (tracedTrips) stop = Tensor.Minimum(stop, start + LoopLowering.Index(tripBound, DType.S32)); // at most maxTrips run
        var pieceAxis = new int[m];
        var pieceBounded = new bool[m];
        var pieceBound = new int[m];
        var collector = new LoopLowering.Collector(
            BufferType: (y, k) =>
            {
                long size = checked(tripBound * pieceBound[k]);
                if (size > int.MaxValue) throw new InvalidOperationException($"{info.Where}: output '{outputNames[k]}' would need {size} elements along axis {pieceAxis[k]}");
                return new TensorType(y.DType, y.Type.Shape.With(pieceAxis[k], (int)size));
            },
            Write: (buffer, y, k, entering) =>
                Tensor.DynamicUpdateSliceCore(buffer, y.Unbounded(), BoundedSlices.Starts(y.Rank, pieceAxis[k], entering[1 + k])));
        var initAll = new Tensor[1 + m + init.Length];
        initAll[0] = start;
        for (int k = 0; k < m; k++) initAll[1 + k] = LoopLowering.Index(0, DType.S32);
        init.CopyTo(initAll, 1 + m);

        var result = LoopLowering.While(
            info,
            initAll,
            hiddenCarries: 1 + m,
            cond: c => LoopLowering.Less(c[0], stop),
            body: c =>
            {
                var (next, ys) = body(c[0], c[(1 + m)..]);
                CheckCount(ys);
                var offsets = new Tensor[m];
                for (int k = 0; k < m; k++)
                {
                    pieceAxis[k] = CheckPiece(ys[k], k);
                    pieceBounded[k] = ys[k].IsBounded;
                    pieceBound[k] = ys[k].Type.Shape[pieceAxis[k]];
                    offsets[k] = LoopLowering.Add(c[1 + k], Tensor.SizeOf(ys[k], pieceAxis[k]).AsStrong());
                }
                return new LoopLowering.Step([LoopLowering.Add(c[0], LoopLowering.Index(1, DType.S32)), .. offsets, .. next], ys);
            },
            collector: collector);

        var outputs = new Tensor[m];
        for (int k = 0; k < m; k++)
        {
            var buffer = result.Stacked[k];
            if (!pieceBounded[k] && !tracedTrips)
            {
                outputs[k] = buffer; // every piece has its static size: the buffer is exactly the concatenation
                continue;
            }
            var lengths = new Tensor?[buffer.Rank];
            lengths[pieceAxis[k]] = result.Carries[1 + k].With(null, new ValueRange(0, buffer.Type.Shape[pieceAxis[k]]));
            outputs[k] = buffer.With(new BoundedDims(lengths), null);
        }
        return (result.Carries[(1 + m)..], outputs);
    }

    private long? Known(Tensor t, string name)
    {
        if (t.Rank != 0 || !t.DType.IsInteger())
        {
            throw new ArgumentException($"{info.Where}: the {name} bound must be a 0-d s32 or s64 tensor; it is {t.Type}", name);
        }
        // In a trace a concrete tensor is a parameter (free to change per call): only traced constants count.
        return TraceScope.Current is null || t.IsTraced ? t.KnownValue() : null;
    }

    private void CheckCount(Tensor[] ys)
    {
        if (ys is null || ys.Length != axes.Length)
        {
            throw new InvalidOperationException($"{info.Where}: the body returned {ys?.Length ?? 0} pieces; the loop collects {axes.Length} outputs (one per axis)");
        }
    }

    private int CheckPiece(Tensor y, int k)
    {
        ArgumentNullException.ThrowIfNull(y, $"{outputNames[k]}");
        if (y.Rank == 0) throw new TensorShapeException($"{info.Where}: piece '{outputNames[k]}' is 0-d ({y.Type}); concatenation needs an axis (reshape it to [1])");
        int a = Broadcasting.Axis($"{info.Where}: output '{outputNames[k]}'", axes[k], y.Type);
        if (y.Bounds is { } b && b.Axes.Any(i => i != a))
        {
            throw new TensorShapeException(
                $"{info.Where}: piece '{outputNames[k]}' ({y.Shape}) has a data-dependent size along axis {b.Axes.First(i => i != a)}, not only along its "
                + $"concatenation axis {a}; pieces may vary only along the axis they are concatenated on");
        }
        return a;
    }

    // Zero trips in a trace: the body is traced into a region that is thrown away, to learn the pieces' types.
    private Tensor[] LearnEmpty(Tensor[] init, long lower)
    {
        var block = new Block();
        var scope = TraceScope.OpenRegion(ScopeKind.Loop, block);
        Tensor[] ys;
        try
        {
            var args = init.Select(t => scope.Wrap(block.AddArgument(t.Type), t.IsWeak)).ToArray();
            ys = body(LoopLowering.Index(lower, DType.S32), args).Pieces;
            CheckCount(ys);
            for (int k = 0; k < ys.Length; k++) CheckPiece(ys[k], k);
        }
        finally
        {
            scope.Close();
        }
        return [.. ys.Select((y, k) => LoopLowering.Zeros(new TensorType(y.DType, y.Type.Shape.With(CheckPiece(y, k), 0))))];
    }

    // Zero trips eagerly: the same, in a throwaway trace of the body.
    private Tensor[] EmptyOutputs(Tensor[] init, long lower)
    {
        TensorType[] types = [];
        try
        {
            Tracer.Trace("forconcat_shapes", init, args =>
            {
                var ys = LearnEmpty(args, lower);
                types = [.. ys.Select(y => y.Type)];
                return [];
            });
        }
        catch (Exception e) when (e is InvalidOperationException or TensorShapeException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{info.Where}: zero iterations, and the body could not be traced to learn the pieces' shapes ({e.Message}); "
                + "with no iteration there is no piece to concatenate", e);
        }
        return [.. types.Select(t => Tensor.Zeros(t.DType, t.Shape))];
    }
}
