namespace LoopGen.Samples;

/// <summary>
/// One runnable example: the plain method run eagerly (the reference) and its compiled twin, each returning a
/// tensor, and the lowered module for inspection.
/// </summary>
internal sealed record Sample(string Name, string Description, Func<Tensor> Eager, Func<Tensor> Compiled, Func<Lowered> Lower);
