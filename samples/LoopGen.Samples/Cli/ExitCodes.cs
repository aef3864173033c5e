namespace LoopGen.Samples.Cli;

/// <summary>The app's exit codes; scripts and the tests rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything ran and agreed.</summary>
    public const int Ok = 0;

    /// <summary>A compiled result disagreed with the eager one, or a verb could not do what was asked (also System.CommandLine's code for a bad command line).</summary>
    public const int Failed = 1;

    /// <summary>The backend asked for with <c>--backend</c> cannot be used here.</summary>
    public const int BackendUnavailable = 2;
}
