using LoopGen.Backends.Pjrt;

namespace LoopGen.Tests.Pjrt;

/// <summary>A test that needs a real PJRT plugin: reported as skipped (never passed) unless LOOPGEN_PJRT_PLUGIN is set.</summary>
public sealed class PjrtFactAttribute : FactAttribute
{
    public PjrtFactAttribute()
    {
        Skip = PjrtPlugin.SkipReason;
    }
}

/// <summary>A theory that needs a real PJRT plugin: skipped unless LOOPGEN_PJRT_PLUGIN is set.</summary>
public sealed class PjrtTheoryAttribute : TheoryAttribute
{
    public PjrtTheoryAttribute()
    {
        Skip = PjrtPlugin.SkipReason;
    }
}

internal static class PjrtPlugin
{
    public static string? SkipReason => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PluginDiscovery.Variable))
        ? $"no PJRT plugin: set {PluginDiscovery.Variable} to run the conformance suite on an accelerator"
        : null;
}
