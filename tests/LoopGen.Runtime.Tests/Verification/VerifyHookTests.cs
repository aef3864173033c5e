using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using LoopGen.Ir.Verification;
using LoopGen.Tests.Interpreter;

namespace LoopGen.Tests.Verification;

/// <summary>The test run's switch is on, and the runtime's paths (lowering, compiling) really go through the verifier.</summary>
public sealed class VerifyHookTests
{
    [Fact]
    public void Lowering_verifies_the_module_and_reports_it()
    {
        Assert.True(IrVerifier.VerifyBeforeCompile, "the test project's runtimeconfig sets LoopGen.VerifyIr");
        var seen = new List<Module>();
        void Record(Module m)
        {
            lock (seen) seen.Add(m);
        }
        IrVerifier.ModuleVerified += Record;
        try
        {
            var lowered = Jit.Compile((Tensor a) => a * 2f + 1f).Lower(Tensor.From(new float[] { 1, 2, 3 }, 3));
            lock (seen) Assert.Contains(lowered.Module, seen);
        }
        finally
        {
            IrVerifier.ModuleVerified -= Record;
        }
    }

    [Fact]
    public void Compiling_a_bad_module_fails_in_the_verifier_first()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var m = b.Module(b.Op(Ops.Reshape, IrBuilder.T(DType.F32, 5), x));
        var e = Assert.Throws<IrVerificationException>(() => InterpreterBackend.Compile(m));
        Assert.Equal("reshape C2", e.Constraint);
    }
}
