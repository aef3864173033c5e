using LoopGen.Ir;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.IrText;

/// <summary>Small hand-built modules, at least one for every op name in <see cref="Ops"/>, keyed by a case name.</summary>
internal static class IrCases
{
    public static TensorType T(DType dtype, params int[] dims) => new(dtype, new Shape(dims));

    public static NamedAttr A(string name, Attr value) => new(name, value);

    public static DenseAttr Dense<TElem>(TensorType type, params TElem[] data) => new(type, data);

    /// <summary>Appends an op to a block and returns it.</summary>
    public static Operation Op(Block b, string name, Value[] operands, TensorType[] results, NamedAttr[]? attrs = null, Block[]? regions = null)
    {
        var op = new Operation(name, operands, results, attrs, regions);
        b.Operations.Add(op);
        return op;
    }

    /// <summary>Appends a single-result op and returns its result.</summary>
    public static Value V(Block b, string name, Value[] operands, TensorType result, params NamedAttr[] attrs) =>
        Op(b, name, operands, [result], attrs).Results[0];

    public static Value Const(Block b, DenseAttr value) => V(b, Ops.Constant, [], value.Type, A("value", value));

    /// <summary>A module with one public @main over parameters of the given types; the body builds and returns the results.</summary>
    public static Module MainModule(TensorType[] parameters, Func<Block, Value[], Value[]> body, string moduleName = "m")
    {
        var block = new Block();
        var args = parameters.Select(t => block.AddArgument(t)).ToArray();
        var results = body(block, args);
        block.Operations.Add(new Operation(Ops.FuncReturn, results, Array.Empty<TensorType>()));
        return new Module(moduleName, [new Function("main", block, [.. results.Select(r => r.Type)])]);
    }

    public static readonly IReadOnlyDictionary<string, Func<Module>> All = Build();

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    private static Dictionary<string, Func<Module>> Build()
    {
        var c = new Dictionary<string, Func<Module>>();
        var f23 = T(DType.F32, 2, 3);
        var s32 = T(DType.S32);

        foreach (var name in Ops.ElementwiseUnary)
        {
            var t = name == Ops.Not ? T(DType.S32, 4) : f23;
            c["unary " + name] = () => MainModule([t], (b, a) => [V(b, name, [a[0]], t)]);
        }
        foreach (var name in Ops.ElementwiseBinary)
        {
            var t = name is Ops.And or Ops.Or or Ops.Xor ? T(DType.Pred, 3) : f23;
            c["binary " + name] = () => MainModule([t, t], (b, a) => [V(b, name, [a[0], a[1]], t)]);
        }
        c["compare all directions"] = () => MainModule([f23, f23], (b, a) =>
            [.. Enum.GetValues<ComparisonDirection>().Select(d => V(b, Ops.Compare, [a[0], a[1]], T(DType.Pred, 2, 3),
                A("comparison_direction", new ComparisonDirectionAttr(d)), A("compare_type", new ComparisonTypeAttr("FLOAT"))))]);
        c["compare direction only"] = () => MainModule([s32, s32], (b, a) =>
            [V(b, Ops.Compare, [a[0], a[1]], T(DType.Pred), A("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.NE)))]);
        c["select"] = () => MainModule([T(DType.Pred, 2, 3), f23, f23], (b, a) => [V(b, Ops.Select, [a[0], a[1], a[2]], f23)]);
        c["select scalar pred"] = () => MainModule([T(DType.Pred), f23, f23], (b, a) => [V(b, Ops.Select, [a[0], a[1], a[2]], f23)]);
        c["clamp"] = () => MainModule([T(DType.F32), f23, T(DType.F32)], (b, a) => [V(b, Ops.Clamp, [a[0], a[1], a[2]], f23)]);
        c["convert"] = () => MainModule([f23, T(DType.Pred, 4)], (b, a) =>
            [V(b, Ops.Convert, [a[0]], T(DType.S32, 2, 3)), V(b, Ops.Convert, [a[1]], T(DType.F64, 4)), V(b, Ops.Convert, [a[0]], T(DType.BF16, 2, 3))]);
        c["broadcast_in_dim"] = () => MainModule([T(DType.F32, 3)], (b, a) =>
            [V(b, Ops.BroadcastInDim, [a[0]], T(DType.F32, 2, 3), A("broadcast_dimensions", I64ArrayAttr.Of(1)))]);
        c["broadcast_in_dim scalar"] = () => MainModule([T(DType.F32)], (b, a) =>
            [V(b, Ops.BroadcastInDim, [a[0]], T(DType.F32, 2, 3), A("broadcast_dimensions", I64ArrayAttr.Of(Array.Empty<long>())))]);
        c["reshape"] = () => MainModule([f23], (b, a) => [V(b, Ops.Reshape, [a[0]], T(DType.F32, 6)), V(b, Ops.Reshape, [a[0]], T(DType.F32, 3, 1, 2))]);
        c["transpose"] = () => MainModule([f23], (b, a) => [V(b, Ops.Transpose, [a[0]], T(DType.F32, 3, 2), A("permutation", I64ArrayAttr.Of(1, 0)))]);
        c["reverse"] = () => MainModule([f23], (b, a) => [V(b, Ops.Reverse, [a[0]], f23, A("dimensions", I64ArrayAttr.Of(0, 1)))]);
        c["slice"] = () => MainModule([T(DType.S64, 5, 6)], (b, a) =>
            [V(b, Ops.Slice, [a[0]], T(DType.S64, 2, 2), A("start_indices", I64ArrayAttr.Of(1, 0)), A("limit_indices", I64ArrayAttr.Of(3, 6)), A("strides", I64ArrayAttr.Of(1, 3)))]);
        c["dynamic_slice"] = () => MainModule([T(DType.F32, 5, 6), s32, s32], (b, a) =>
            [V(b, Ops.DynamicSlice, [a[0], a[1], a[2]], T(DType.F32, 2, 3), A("slice_sizes", I64ArrayAttr.Of(2, 3)))]);
        c["dynamic_update_slice"] = () => MainModule([T(DType.F32, 5, 6), f23, s32, s32], (b, a) =>
            [V(b, Ops.DynamicUpdateSlice, [a[0], a[1], a[2], a[3]], T(DType.F32, 5, 6))]);
        c["concatenate"] = () => MainModule([f23, T(DType.F32, 2, 1), f23], (b, a) =>
            [V(b, Ops.Concatenate, [a[0], a[1], a[2]], T(DType.F32, 2, 7), A("dimension", new IntAttr(1)))]);
        c["pad"] = () => MainModule([f23, T(DType.F32)], (b, a) =>
            [V(b, Ops.Pad, [a[0], a[1]], T(DType.F32, 5, 9), A("edge_padding_low", I64ArrayAttr.Of(1, 2)), A("edge_padding_high", I64ArrayAttr.Of(2, 2)), A("interior_padding", I64ArrayAttr.Of(0, 1)))]);
        c["dot_general batching"] = () => MainModule([T(DType.F32, 4, 2, 3), T(DType.F32, 4, 3, 5)], (b, a) =>
            [V(b, Ops.DotGeneral, [a[0], a[1]], T(DType.F32, 4, 2, 5), A("dot_dimension_numbers", new DotDimensionsAttr([0], [0], [2], [1])))]);
        c["dot_general contracting"] = () => MainModule([T(DType.S32, 3), T(DType.S32, 3)], (b, a) =>
            [V(b, Ops.DotGeneral, [a[0], a[1]], s32, A("dot_dimension_numbers", new DotDimensionsAttr([], [], [0], [0])))]);
        c["dot_general outer"] = () => MainModule([T(DType.F64, 2), T(DType.F64, 3)], (b, a) =>
            [V(b, Ops.DotGeneral, [a[0], a[1]], T(DType.F64, 2, 3), A("dot_dimension_numbers", new DotDimensionsAttr([], [], [], [])))]);
        c["reduce"] = () => MainModule([f23], (b, a) =>
        {
            var init = Const(b, Dense(T(DType.F32), 0f));
            var body = new Block();
            var acc = body.AddArgument(T(DType.F32));
            var x = body.AddArgument(T(DType.F32));
            var sum = V(body, Ops.Add, [acc, x], T(DType.F32));
            Op(body, Ops.Return, [sum], []);
            return [Op(b, Ops.Reduce, [a[0], init], [T(DType.F32, 2)], [A("dimensions", I64ArrayAttr.Of(1))], [body]).Results[0]];
        });
        c["reduce two inputs"] = () => MainModule([f23, T(DType.S32, 2, 3)], (b, a) =>
        {
            var init0 = Const(b, Dense(T(DType.F32), float.NegativeInfinity));
            var init1 = Const(b, Dense(T(DType.S32), 0));
            var body = new Block();
            var accs = new[] { body.AddArgument(T(DType.F32)), body.AddArgument(s32) };
            var xs = new[] { body.AddArgument(T(DType.F32)), body.AddArgument(s32) };
            var m = V(body, Ops.Maximum, [accs[0], xs[0]], T(DType.F32));
            var s = V(body, Ops.Add, [accs[1], xs[1]], s32);
            Op(body, Ops.Return, [m, s], []);
            var r = Op(b, Ops.Reduce, [a[0], a[1], init0, init1], [T(DType.F32), s32], [A("dimensions", I64ArrayAttr.Of(0, 1))], [body]);
            return [r.Results[1], r.Results[0]];
        });
        c["while fori"] = () => Fori();
        c["if with outer values"] = () => MainModule([T(DType.Pred), f23, f23], (b, a) =>
        {
            var t = new Block();
            Op(t, Ops.Return, [V(t, Ops.Add, [a[1], a[2]], f23), a[2]], []);
            var e = new Block();
            Op(e, Ops.Return, [a[2], a[1]], []);
            var r = Op(b, Ops.If, [a[0]], [f23, f23], regions: [t, e]);
            return [r.Results[0], r.Results[1]];
        });
        c["case three branches"] = () => MainModule([s32, T(DType.F32, 2)], (b, a) =>
        {
            var branches = Enumerable.Range(0, 3).Select(i =>
            {
                var blk = new Block();
                var k = Const(blk, Dense(T(DType.F32, 2), (float)i, -i));
                Op(blk, Ops.Return, [V(blk, Ops.Multiply, [k, a[1]], T(DType.F32, 2))], []);
                return blk;
            }).ToArray();
            return [Op(b, Ops.Case, [a[0]], [T(DType.F32, 2)], regions: branches).Results[0]];
        });
        c["nested while in if"] = () => MainModule([T(DType.Pred), s32], (b, a) =>
        {
            var t = new Block();
            var cond = new Block();
            var ci = cond.AddArgument(s32);
            var lim = Const(cond, Dense(s32, 5));
            Op(cond, Ops.Return, [V(cond, Ops.Compare, [ci, lim], T(DType.Pred), A("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.LT)))], []);
            var body = new Block();
            var bi = body.AddArgument(s32);
            Op(body, Ops.Return, [V(body, Ops.Add, [bi, a[1]], s32)], []);
            var w = Op(t, Ops.While, [a[1]], [s32], regions: [cond, body]);
            Op(t, Ops.Return, [w.Results[0]], []);
            var e = new Block();
            Op(e, Ops.Return, [a[1]], []);
            return [Op(b, Ops.If, [a[0]], [s32], regions: [t, e]).Results[0]];
        });
        c["iota"] = () => MainModule([], (b, a) =>
            [V(b, Ops.Iota, [], T(DType.S32, 4, 5), A("iota_dimension", new IntAttr(1))), V(b, Ops.Iota, [], T(DType.F32, 3), A("iota_dimension", new IntAttr(0)))]);

        // Constants of every dtype and every printed form.
        c["constant f32"] = () => Consts(Dense(f23, 1f, -2.5f, 0.1f, 1e38f, -0f, float.Epsilon));
        c["constant f32 specials"] = () => Consts(Dense(T(DType.F32, 5), float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, BitConverter.Int32BitsToSingle(0x7FA00001)));
        c["constant f64"] = () => Consts(Dense(T(DType.F64, 2, 2), 1.0, Math.PI, -1e-300, double.MaxValue), Dense(T(DType.F64, 3), double.NaN, double.NegativeInfinity, -0.0));
        c["constant f16"] = () => Consts(Dense(T(DType.F16, 4), (Half)1.5f, (Half)(-0.1f), Half.MaxValue, Half.NaN), Dense(T(DType.F16, 2), Half.Epsilon, Half.NegativeInfinity));
        c["constant bf16"] = () => Consts(new DenseAttr(T(DType.BF16, 3), new ushort[] { 0x3F80, 0xC040, 0x7FC0 }), new DenseAttr(T(DType.BF16), new ushort[] { 0x4049 }), new DenseAttr(T(DType.BF16, 2, 2), new ushort[] { 0x3F80 }));
        c["constant s32"] = () => Consts(Dense(T(DType.S32, 2, 2), 1, -2, int.MaxValue, int.MinValue));
        c["constant s64"] = () => Consts(Dense(T(DType.S64, 3), long.MinValue, 0L, long.MaxValue));
        c["constant pred"] = () => Consts(Dense(T(DType.Pred, 2, 2), true, false, false, true), Dense(T(DType.Pred, 40), Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToArray()));
        c["constant splats"] = () => Consts(Dense(T(DType.F32, 2, 3), 1f), Dense(T(DType.S32, 100), 7), Dense(T(DType.Pred, 5), true), Dense(T(DType.F64, 4), double.NaN), Dense(T(DType.F16, 30), (Half)2));
        c["constant 0-d"] = () => Consts(Dense(T(DType.F32), 3f), Dense(T(DType.S64), -9L), Dense(T(DType.Pred), false), Dense(T(DType.F16), (Half)0.5f), Dense(T(DType.F64), double.PositiveInfinity));
        c["constant one element"] = () => Consts(Dense(T(DType.F32, 1), 3f), Dense(T(DType.S32, 1, 1), 4));
        c["constant empty"] = () => Consts(Dense(T(DType.F32, 0), Array.Empty<float>()), Dense(T(DType.S32, 2, 0), Array.Empty<int>()), Dense(T(DType.Pred, 0, 3), Array.Empty<bool>()), new DenseAttr(T(DType.BF16, 0), Array.Empty<ushort>()));
        c["constant large hex blob"] = () => Consts(Dense(T(DType.F32, 5, 7), Rand.Floats(35)), Dense(T(DType.F64, 17), Rand.Doubles(17)), Dense(T(DType.S32, 20), Rand.Ints(20)), Dense(T(DType.S64, 2, 9), Rand.Longs(18)), Dense(T(DType.F16, 17), Rand.Floats(17).Select(f => (Half)f).ToArray()));
        c["constant random floats"] = () => Consts(Dense(T(DType.F32, 4, 4), RandomBits32(16)), Dense(T(DType.F64, 16), RandomBits64(16)));

        c["private function and attributes"] = () =>
        {
            var helper = new Block();
            var x = helper.AddArgument(T(DType.F32, 2));
            var y = V(helper, "stablehlo.custom_call", [x], T(DType.F32, 2),
                A("call_target_name", new StringAttr("fn \"quoted\" \\ back\nline\ttab é ✓")),
                A("has_side_effect", new BoolAttr(true)),
                A("api_version", new IntAttr(2, DType.S32)),
                A("flag", new BoolAttr(false)),
                A("precision_config", new OpaqueAttr("[#stablehlo<precision DEFAULT>, #stablehlo<precision HIGHEST>]")),
                A("odd name", new OpaqueAttr("unit")),
                A("scale", new OpaqueAttr("1.500000e+00 : f32")));
            helper.Operations.Add(new Operation(Ops.FuncReturn, [y], Array.Empty<TensorType>()));
            var mainBody = new Block();
            var p = mainBody.AddArgument(T(DType.F32, 2));
            mainBody.Operations.Add(new Operation(Ops.FuncReturn, [p], Array.Empty<TensorType>()));
            return new Module("two funcs", [new Function("main", mainBody, [T(DType.F32, 2)]), new Function("helper", helper, [T(DType.F32, 2)], isPublic: false)]);
        };
        c["anonymous module no results"] = () =>
        {
            var body = new Block();
            body.Operations.Add(new Operation(Ops.FuncReturn, [], Array.Empty<TensorType>()));
            return new Module("", [new Function("main", body, [])]);
        };
        return c;
    }

    private static Module Consts(params DenseAttr[] values) => MainModule([], (b, _) => [.. values.Select(v => Const(b, v))]);

    private static float[] RandomBits32(int n) => [.. Rand.Ints(n, int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).Select(f => float.IsNaN(f) ? 1.25f : f)];

    private static double[] RandomBits64(int n) => [.. Rand.Longs(n, long.MinValue, long.MaxValue).Select(BitConverter.Int64BitsToDouble).Select(d => double.IsNaN(d) ? 1.25 : d)];

    /// <summary>The fori loop: carry (i: s32, x: f32[3]); cond i &lt; 10; body x + 1, i + 1; returns x.</summary>
    public static Module Fori()
    {
        var s32 = T(DType.S32);
        var f3 = T(DType.F32, 3);
        return MainModule([f3], (b, a) =>
        {
            var zero = Const(b, Dense(s32, 0));
            var cond = new Block();
            var ci = cond.AddArgument(s32);
            cond.AddArgument(f3);
            var ten = Const(cond, Dense(s32, 10));
            var lt = V(cond, Ops.Compare, [ci, ten], T(DType.Pred),
                A("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.LT)), A("compare_type", new ComparisonTypeAttr("SIGNED")));
            Op(cond, Ops.Return, [lt], []);
            var body = new Block();
            var bi = body.AddArgument(s32);
            var bx = body.AddArgument(f3);
            var ones = Const(body, Dense(f3, 1f));
            var x1 = V(body, Ops.Add, [bx, ones], f3);
            var one = Const(body, Dense(s32, 1));
            var i1 = V(body, Ops.Add, [bi, one], s32);
            Op(body, Ops.Return, [i1, x1], []);
            var w = Op(b, Ops.While, [zero, a[0]], [s32, f3], regions: [cond, body]);
            return [w.Results[1]];
        }, "fori");
    }
}
