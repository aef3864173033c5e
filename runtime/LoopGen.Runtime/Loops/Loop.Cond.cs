using System.Runtime.CompilerServices;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

public static partial class Loop
{
    /// <summary>
    /// <c>pred ? whenTrue(state) : whenFalse(state)</c> on a 0-d pred tensor, as JAX's <c>lax.cond</c>: in a trace both
    /// branches are traced into one <c>stablehlo.if</c> and must return the same structure and types; eagerly only the
    /// chosen branch runs. Branches may read tensors from outside directly.
    /// </summary>
    /// <typeparam name="TIn">The state handed to both branches (a Tensor, Tensor[], value tuple of them, or anything else).</typeparam>
    /// <typeparam name="TOut">The branches' result: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="pred">The condition, a 0-d pred tensor.</param>
    /// <param name="state">The state both branches start from.</param>
    /// <param name="whenTrue">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="whenFalse">The branch taken when <paramref name="pred"/> is false.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static TOut Cond<TIn, TOut>(Tensor pred, TIn state, Func<TIn, TOut> whenTrue, Func<TIn, TOut> whenFalse,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(pred);
        ArgumentNullException.ThrowIfNull(whenTrue);
        ArgumentNullException.ThrowIfNull(whenFalse);
        var where = file.Length == 0 ? "Loop.Cond" : $"Loop.Cond at {Path.GetFileName(file)}:{line}";
        if (pred.DType != DType.Pred || pred.Rank != 0)
        {
            throw new ArgumentException($"{where}: the condition must be a 0-d pred tensor (a comparison such as x > 0); it is {pred.Type}", nameof(pred));
        }

        var outer = TraceScope.Current;
        if (outer is null) return pred.Item<bool>() ? whenTrue(state) : whenFalse(state);

        var predicate = outer.Use(pred);
        var (trueBlock, trueOut, trueLeaves) = Branch(() => whenTrue(state));
        var (falseBlock, _, falseLeaves) = Branch(() => whenFalse(state));
        if (trueLeaves.Length != falseLeaves.Length)
        {
            throw new InvalidOperationException($"{where}: the branches return {trueLeaves.Length} and {falseLeaves.Length} tensors; both must return the same structure");
        }
        var paths = Tree.Flatten(trueOut, "result", allowStatic: false, "branch result").Select(l => l.Path).ToArray();
        for (int i = 0; i < trueLeaves.Length; i++)
        {
            if ((trueLeaves[i].IsBounded ? trueLeaves[i] : falseLeaves[i].IsBounded ? falseLeaves[i] : null) is { } bounded)
            {
                // An if result has one static type; a data-dependent size would be lost (docs/bounded-sizes.md).
                throw new TensorShapeException(
                    $"{where}: '{paths[i]}' has a size that depends on the data ({bounded.Shape}); a branch result keeps one static shape: "
                    + "select the positions instead (Tensor.Where on the start and end given to Tensor.SliceDynamic)");
            }
            if (trueLeaves[i].Type != falseLeaves[i].Type)
            {
                throw new InvalidOperationException(
                    $"{where}: '{paths[i]}' is {trueLeaves[i].Type} when the condition is true and {falseLeaves[i].Type} when it is false; "
                    + "both branches must give each value one dtype and shape");
            }
        }
        if (trueLeaves.Length == 0) return trueOut;

        var op = new Operation(Ops.If, [predicate], [.. trueLeaves.Select(t => t.Type)], null, [trueBlock, falseBlock]);
        outer.Append(op, weak: false);
        var results = new Tensor[trueLeaves.Length];
        for (int i = 0; i < results.Length; i++) results[i] = outer.Wrap(op.Results[i], trueLeaves[i].IsWeak && falseLeaves[i].IsWeak);
        return (TOut)Tree.Rebuild(trueOut, results)!;
    }

    /// <summary><c>pred ? whenTrue() : whenFalse()</c>; see <see cref="Cond{TIn, TOut}"/>.</summary>
    /// <typeparam name="TOut">The branches' result: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="pred">The condition, a 0-d pred tensor.</param>
    /// <param name="whenTrue">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="whenFalse">The branch taken when <paramref name="pred"/> is false.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static TOut Cond<TOut>(Tensor pred, Func<TOut> whenTrue, Func<TOut> whenFalse,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(whenTrue);
        ArgumentNullException.ThrowIfNull(whenFalse);
        return Cond<int, TOut>(pred, 0, _ => whenTrue(), _ => whenFalse(), file, line);
    }

    private static (Block Block, TOut Output, Tensor[] Leaves) Branch<TOut>(Func<TOut> branch)
    {
        var block = new Block();
        var scope = TraceScope.OpenRegion(ScopeKind.Branch, block);
        try
        {
            var output = branch();
            var leaves = Tree.Tensors(output, "result", "branch result");
            block.Operations.Add(new Operation(Ops.Return, [.. leaves.Select(scope.Use)], Array.Empty<TensorType>()));
            return (block, output, leaves);
        }
        finally
        {
            scope.Close();
        }
    }
}
