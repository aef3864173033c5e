namespace LoopGen.Samples;

/// <summary>
/// One runnable example: the plain eager C# (the reference) and the compiled version with rolled loops,
/// each returning its result as a tensor.
/// </summary>
internal sealed record Sample(string Name, string Description, Func<Tensor> Eager, Func<Tensor> Compiled);
