using LoopGen.Backends.Pjrt;

namespace LoopGen.Tests.Pjrt;

/// <summary>A test that needs a real PJRT plugin: reported as skipped (never passed) unless LOOPGEN_PJRT_PLUGIN is set.</summary>
public sealed class PjrtFactAttribute : FactAttribute
{
    public PjrtFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PluginDiscovery.Variable)))
        {
            Skip = $"no PJRT plugin: set {PluginDiscovery.Variable} to run the conformance suite on an accelerator";
        }
    }
}
