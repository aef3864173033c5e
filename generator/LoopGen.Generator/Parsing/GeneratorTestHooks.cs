using System;
using System.Threading;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// A seam for the tests that prove the generator never throws: nothing in the pipeline fails on purpose, so a test
/// sets <see cref="BeforeLift"/> (per async flow, so parallel tests do not see it) to throw inside the transform.
/// </summary>
internal static class GeneratorTestHooks
{
    /// <summary>Called with the method's name just before lifting; null outside tests.</summary>
    public static readonly AsyncLocal<Action<string>?> BeforeLift = new();
}
