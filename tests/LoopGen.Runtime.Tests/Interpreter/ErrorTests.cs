using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using LoopGen.Ir.Verification;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class ErrorTests
{
    private static InterpreterProgram AddProgram()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var y = b.Arg(DType.F32, 2, 3);
        return InterpreterBackend.Compile(b.Module(b.Binary(Ops.Add, x, y)));
    }

    [Fact]
    public void Wrong_argument_count_names_both_counts()
    {
        var p = AddProgram();
        var e = Assert.Throws<ArgumentException>(() => Backend.Execute(p, [Up(new float[6], IrBuilder.T(DType.F32, 2, 3))]));
        Assert.Contains("takes 2 argument(s)", e.Message);
        Assert.Contains("got 1", e.Message);
    }

    [Fact]
    public void Wrong_argument_type_names_parameter_expected_and_got()
    {
        var p = AddProgram();
        var good = Up(new float[6], IrBuilder.T(DType.F32, 2, 3));
        var e = Assert.Throws<ArgumentException>(() => Backend.Execute(p, [good, Up(new float[6], IrBuilder.T(DType.F32, 3, 2))]));
        Assert.Contains("argument 1", e.Message);
        Assert.Contains("expected f32[2,3]", e.Message);
        Assert.Contains("got f32[3,2]", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Backend.Execute(p, [Up(new double[6], IrBuilder.T(DType.F64, 2, 3)), good]));
        Assert.Contains("argument 0", e2.Message);
        Assert.Contains("got f64[2,3]", e2.Message);
    }

    [Fact]
    public void Unknown_op_fails_at_compile_with_its_name()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var m = b.Module(b.Op("stablehlo.fft", x.Type, x));
        using var unverified = IrVerifier.Suspend(); // the interpreter's own check, as when verification is off
        var e = Assert.Throws<NotSupportedException>(() => InterpreterBackend.Compile(m));
        Assert.Contains("stablehlo.fft", e.Message);
    }

    [Fact]
    public void Ill_typed_ir_names_the_op()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var y = b.Arg(DType.F32, 3);
        var m = b.Module(b.Op(Ops.Add, x.Type, x, y));
        using var unverified = IrVerifier.Suspend(); // the interpreter's own check, as when verification is off
        var e = Assert.Throws<InvalidOperationException>(() => InterpreterBackend.Compile(m));
        Assert.Contains(Ops.Add, e.Message);
        Assert.Contains("f32[3]", e.Message);

        var b2 = new IrBuilder();
        var z = b2.Arg(DType.F32, 2, 3);
        var m2 = b2.Module(b2.Op(Ops.Reshape, IrBuilder.T(DType.F32, 7), z));
        Assert.Contains(Ops.Reshape, Assert.Throws<InvalidOperationException>(() => InterpreterBackend.Compile(m2)).Message);
    }

    [Fact]
    public void ExecuteOp_checks_buffers_against_the_op()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var op = b.Emit(Ops.Negate, [x], [x.Type]);
        var e = Assert.Throws<ArgumentException>(() => Backend.ExecuteOp(op, [Up(new float[3], IrBuilder.T(DType.F32, 3))]));
        Assert.Contains(Ops.Negate, e.Message);
        Assert.Contains("expected f32[2]", e.Message);
        Assert.Contains("got f32[3]", e.Message);
        Assert.Throws<ArgumentException>(() => Backend.ExecuteOp(op, []));
    }

    [Fact]
    public void Upload_checks_array_against_type_and_download_copies()
    {
        var t = IrBuilder.T(DType.S32, 2);
        Assert.Contains("2 elements", Assert.Throws<ArgumentException>(() => Backend.Upload(new int[3], t)).Message);
        Assert.Contains("Int32[]", Assert.Throws<ArgumentException>(() => Backend.Upload(new long[2], t)).Message);
        var buf = Backend.Upload(new[] { 1, 2 }, t);
        var d = (int[])Backend.Download(buf);
        d[0] = 99;
        Assert.Equal(new[] { 1, 2 }, Backend.Download(buf));
    }

    [Fact]
    public void Undefined_value_is_reported()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var stray = new Value(x.Type);
        var m = b.Module(b.Binary(Ops.Add, x, stray));
        using var unverified = IrVerifier.Suspend(); // the interpreter's own check, as when verification is off
        Assert.Contains("not defined", Assert.Throws<InvalidOperationException>(() => InterpreterBackend.Compile(m)).Message);
    }

    [Fact]
    public void Results_are_immutable_snapshots_even_when_they_alias_arguments()
    {
        // main(x) returns x reshaped (shared buffer); downloading and editing must not affect x.
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 2);
        var p = InterpreterBackend.Compile(b.Module(b.Op(Ops.Reshape, IrBuilder.T(DType.F32, 4), x), x));
        var input = Up(new[] { 1f, 2f, 3f, 4f }, x.Type);
        var r = Backend.Execute(p, [input]);
        ((float[])Backend.Download(r[0]))[0] = 42;
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, Backend.Download(input));
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, Backend.Download(r[0]));
        Assert.Equal("interpreter", ((LoopGen.Backends.IBackend)Backend).Name);
    }

    [Fact]
    public void Every_op_in_the_catalogue_has_a_kernel()
    {
        var names = typeof(Ops).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Where(n => n is not Ops.Return and not Ops.FuncReturn);
        var known = LoopGen.Backends.Interpreter.Kernels.KernelRegistry.Names.ToHashSet();
        var missing = names.Where(n => !known.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"no kernel for: {string.Join(", ", missing)}");
    }
}
