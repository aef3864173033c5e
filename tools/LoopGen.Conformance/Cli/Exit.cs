namespace LoopGen.Conformance.Cli;

/// <summary>Exit codes, as tools/gpu-run.sh reads them.</summary>
internal static class Exit
{
    /// <summary>Every result agrees with the interpreter.</summary>
    public const int Agree = 0;

    /// <summary>A result differs, or a case failed on the backend under test.</summary>
    public const int Differ = 1;

    /// <summary>The backend could not be loaded.</summary>
    public const int BackendUnavailable = 2;
}
