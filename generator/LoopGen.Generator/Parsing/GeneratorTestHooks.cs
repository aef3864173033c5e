using System;
using System.Threading;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// A seam for the tests that prove the generator never throws: nothing in the pipeline fails on purpose, so a test
/// sets <see cref="BeforeLift"/> (per async flow, so parallel tests do not see it) to throw inside the transform; and
/// <see cref="OnAnalyze"/> counts the lifting analyses, so a test can prove the generator and the analyzers share one.
/// </summary>
internal static class GeneratorTestHooks
{
    /// <summary>Called with the method's name just before lifting; null outside tests.</summary>
    public static readonly AsyncLocal<Action<string>?> BeforeLift = new();

    /// <summary>Called with the method's name each time its lifting analysis really runs (not when it is shared); null outside tests.</summary>
    public static readonly AsyncLocal<Action<string>?> OnAnalyze = new();
}
