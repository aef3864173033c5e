namespace LoopGen.Conformance.Corpus;

/// <summary>Collects cases: fresh inputs from one seeded generator (the seed is printed, so a run can be repeated), and one method per arity.</summary>
internal sealed class CaseBuilder(int seed)
{
    private readonly Random _random = new(seed);

    public List<ConformanceCase> Cases { get; } = [];

    public Tensor F32(params int[] dims) => Tensor.From(Floats(dims, -2, 2), dims);

    /// <summary>Floats in [0.1, 3): for log, sqrt, rsqrt and pow bases.</summary>
    public Tensor Positive(params int[] dims) => Tensor.From(Floats(dims, 0.1, 3), dims);

    public Tensor F64(params int[] dims) => Tensor.From(Count(dims).Select(_ => _random.NextDouble() * 4 - 2).ToArray(), dims);

    public Tensor S32(int lo, int hi, params int[] dims) => Tensor.From(Count(dims).Select(_ => _random.Next(lo, hi)).ToArray(), dims);

    public Tensor S64(int lo, int hi, params int[] dims) => Tensor.From(Count(dims).Select(_ => (long)_random.Next(lo, hi)).ToArray(), dims);

    public Tensor Pred(params int[] dims) => Tensor.From(Count(dims).Select(_ => _random.Next(2) == 1).ToArray(), dims);

    public int Int(int lo, int hi) => _random.Next(lo, hi);

    public void Add<TResult>(string name, Func<Tensor, TResult> fn, Tensor a, double relative = 1e-4) =>
        Cases.Add(ConformanceCase.Of(name, Jit.Compile(fn, Name(name)).Lower(a), [a], relative));

    public void Add<TResult>(string name, Func<Tensor, Tensor, TResult> fn, Tensor a, Tensor b, double relative = 1e-4) =>
        Cases.Add(ConformanceCase.Of(name, Jit.Compile(fn, Name(name)).Lower(a, b), [a, b], relative));

    public void Add<TResult>(string name, Func<Tensor, Tensor, Tensor, TResult> fn, Tensor a, Tensor b, Tensor c, double relative = 1e-4) =>
        Cases.Add(ConformanceCase.Of(name, Jit.Compile(fn, Name(name)).Lower(a, b, c), [a, b, c], relative));

    private static string Name(string caseName) => string.Concat(caseName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private float[] Floats(int[] dims, double lo, double hi) => [.. Count(dims).Select(_ => (float)(lo + _random.NextDouble() * (hi - lo)))];

    private static IEnumerable<int> Count(int[] dims) => Enumerable.Range(0, dims.Aggregate(1, (p, d) => p * d));
}
