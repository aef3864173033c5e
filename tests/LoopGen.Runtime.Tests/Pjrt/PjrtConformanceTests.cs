using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;
using LoopGen.Conformance.Corpus;
using LoopGen.Conformance.Running;
using LoopGen.Tests.Pjrt.Fake;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// The conformance corpus (every op family and loop form, tools/LoopGen.Conformance) through the PJRT bindings,
/// compared with the interpreter: always on the in-process fake plugin, and on a real plugin where
/// LOOPGEN_PJRT_PLUGIN is set (skipped elsewhere, never passed). The same corpus is what loopgen-conformance runs on
/// a GPU machine.
/// </summary>
[Collection(FakePluginCollection.Name)]
public sealed class PjrtConformanceTests
{
    private static readonly int s_seed = Random.Shared.Next();
    private static readonly Lazy<Dictionary<string, ConformanceCase>> s_cases = new(() => ConformanceCorpus.Build(s_seed).ToDictionary(c => c.Name));
    private static readonly Lazy<PjrtBackend> s_real = new(() => PjrtBackend.Load(null, new Dictionary<string, object>()));

    public static TheoryData<string> Names() => [.. ConformanceCorpus.Build(0).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_case_runs_through_the_bindings_on_the_fake_plugin(string name)
    {
        var c = s_cases.Value[name];
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        var expected = CaseRunner.Run(InterpreterBackend.Instance, c).Results;
        var actual = CaseRunner.Run(backend, c).Results;
        // The fake runs the interpreter behind the C API: anything but identical results is a marshalling bug.
        var agreement = Agreement.Of(expected, actual, relative: 0, absolute: 0);
        Assert.True(agreement.Agrees, $"{name} (seed {s_seed}): {agreement.Detail}");
        Assert.Equal(c.Inputs.Count, plugin.Uploads);
        Assert.Equal(c.ResultTypes.Count(t => t.Shape.ElementCount > 0), plugin.Downloads);
        Assert.Empty(plugin.Violations);
    }

    [PjrtTheory]
    [MemberData(nameof(Names))]
    public void Every_case_agrees_with_the_interpreter_on_the_plugin(string name)
    {
        var c = s_cases.Value[name];
        var expected = CaseRunner.Run(InterpreterBackend.Instance, c).Results;
        var actual = CaseRunner.Run(s_real.Value, c).Results;
        var agreement = Agreement.Of(expected, actual, c.RelativeTolerance, c.AbsoluteTolerance);
        Assert.True(agreement.Agrees, $"{name} (seed {s_seed}) on {s_real.Value.Name}: {agreement.Detail}");
    }

    [PjrtFact]
    public void Transfers_round_trip_every_dtype()
    {
        using var _ = Backend.Use(s_real.Value);
        var f = Rand.Floats(7);
        Assert.Equal(f, Tensor.From(f, 7).ToArray<float>());
        var d = Rand.Doubles(5);
        Assert.Equal(d, Tensor.From(d, 5).ToArray<double>());
        var i = Rand.Ints(6);
        Assert.Equal(i, Tensor.From(i, 2, 3).ToArray<int>());
        var l = Rand.Longs(3);
        Assert.Equal(l, Tensor.From(l, 3).ToArray<long>());
        var b = Rand.Bools(9);
        Assert.Equal(b, Tensor.From(b, 9).ToArray<bool>());
    }

    [PjrtFact]
    public void Results_stay_on_the_device_between_calls()
    {
        using var _ = Backend.Use(s_real.Value);
        var f = Jit.Compile((Tensor a) => a * 2f);
        var x = Tensor.From(Rand.Floats(4), 4);
        var twice = f.Invoke(f.Invoke(x)); // the argument of the second call is already a device buffer
        Assert.Equal(x.ToArray<float>().Select(v => v * 4f), twice.ToArray<float>());
    }
}
