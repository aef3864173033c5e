using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// A <c>while</c> whose carries, cond and body are all one-element values (a counter, a compare, a scalar
/// accumulator: <c>acc += 1</c>) runs as a small register machine instead of kernels: integers and preds in a
/// <c>long[]</c>, floats in a <c>double[]</c> (f32 arithmetic done in <c>float</c>, so rounding is f32's), one switch
/// per instruction, no buffers and no reference counts per iteration. Only exactly rounded ops qualify (arithmetic,
/// compare, select, conversions between integers and to floats, min/max, abs, negate, logic); anything else keeps the
/// general kernels, with the same results.
/// </summary>
internal static class ScalarLoop
{
    private enum Code : byte
    {
        Add, Sub, Mul, Div, Rem, Max, Min, And, Or, Xor, Neg, Not, Abs, Copy, Select, Compare, Convert,
    }

    private enum Kind : byte
    {
        Pred, S32, S64, F32, F64,
    }

    private readonly record struct Instr(Code Code, Kind Kind, int Dst, int A, int B, int C, ComparisonDirection Dir, Kind From);

    private sealed class Program
    {
        public required Instr[] Cond { get; init; }

        public required Instr[] Body { get; init; }

        public required int CondResult { get; init; }

        public required int[] Carries { get; init; }

        public required int[] BodyReturns { get; init; }

        public required Kind[] CarryKinds { get; init; }

        public required TensorType[] CarryTypes { get; init; }

        public required int Registers { get; init; }

        public required (int Reg, Kind Kind, long L, double D)[] Constants { get; init; }
    }

    /// <summary>The register-machine kernel for <paramref name="s"/> (a checked while), or null when it does not qualify.</summary>
    public static Kernel? TryCreate(Step s, ProgramCompiler compiler)
    {
        var program = TryCompile(s.Op);
        if (program is null) return null;
        var classes = new int[s.Out.Length];
        for (int i = 0; i < classes.Length; i++) classes[i] = compiler.ClassOf(s.OutTypes[i].DType, 1);
        return (frame, st) => Run(frame, st, program, classes);
    }

    private static Program? TryCompile(Operation op)
    {
        foreach (var v in op.Operands)
        {
            if (KindOf(v.Type) is null) return null;
        }
        var regs = new Dictionary<Value, int>();
        var constants = new List<(int, Kind, long, double)>();
        int next = 0;
        var cond = op.Regions[0];
        var body = op.Regions[1];
        int n = op.Operands.Count;
        var carries = new int[n];
        for (int i = 0; i < n; i++)
        {
            carries[i] = next++;
            regs[cond.Arguments[i]] = carries[i];
            regs[body.Arguments[i]] = carries[i];
        }
        var condCode = CompileBlock(cond, regs, constants, ref next);
        var bodyCode = CompileBlock(body, regs, constants, ref next);
        if (condCode is null || bodyCode is null) return null;
        var condRet = cond.Operations[^1].Operands;
        var bodyRet = body.Operations[^1].Operands;
        if (condRet.Count != 1 || !regs.TryGetValue(condRet[0], out int condResult)) return null;
        var returns = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!regs.TryGetValue(bodyRet[i], out returns[i])) return null;
        }
        return new Program
        {
            Cond = condCode,
            Body = bodyCode,
            CondResult = condResult,
            Carries = carries,
            BodyReturns = returns,
            CarryKinds = [.. op.Operands.Select(v => KindOf(v.Type)!.Value)],
            CarryTypes = [.. op.Operands.Select(v => v.Type)],
            Registers = next,
            Constants = [.. constants],
        };
    }

    private static Kind? KindOf(TensorType t)
    {
        if (t.Shape.ElementCount != 1) return null;
        return t.DType switch
        {
            DType.Pred => Kind.Pred,
            DType.S32 => Kind.S32,
            DType.S64 => Kind.S64,
            DType.F32 => Kind.F32,
            DType.F64 => Kind.F64,
            _ => null,
        };
    }

    private static bool IsFloat(Kind k) => k is Kind.F32 or Kind.F64;

    private static Instr[]? CompileBlock(Block block, Dictionary<Value, int> regs, List<(int, Kind, long, double)> constants, ref int next)
    {
        var code = new List<Instr>();
        var ops = block.Operations;
        for (int i = 0; i < ops.Count - 1; i++)
        {
            var op = ops[i];
            if (op.Regions.Count != 0 || op.Results.Count != 1 || KindOf(op.Results[0].Type) is not { } kind) return null;
            var operands = new int[op.Operands.Count];
            for (int k = 0; k < operands.Length; k++)
            {
                // A value from outside the loop's regions, or of more than one element: not for this machine.
                if (!regs.TryGetValue(op.Operands[k], out operands[k]) || KindOf(op.Operands[k].Type) is null) return null;
            }
            int dst = next++;
            regs[op.Results[0]] = dst;
            Kind first = operands.Length > 0 ? KindOf(op.Operands[0].Type)!.Value : kind;
            int a = operands.Length > 0 ? operands[0] : -1, b = operands.Length > 1 ? operands[1] : -1, c = operands.Length > 2 ? operands[2] : -1;
            Instr? instr = op.Name switch
            {
                Ops.Constant => Constant(op, kind, dst, constants),
                Ops.Add => new Instr(kind == Kind.Pred ? Code.Or : Code.Add, kind, dst, a, b, -1, default, kind),
                Ops.Subtract when kind != Kind.Pred => new Instr(Code.Sub, kind, dst, a, b, -1, default, kind),
                Ops.Multiply => new Instr(kind == Kind.Pred ? Code.And : Code.Mul, kind, dst, a, b, -1, default, kind),
                Ops.Divide when kind != Kind.Pred => new Instr(Code.Div, kind, dst, a, b, -1, default, kind),
                Ops.Remainder when kind != Kind.Pred => new Instr(Code.Rem, kind, dst, a, b, -1, default, kind),
                Ops.Maximum => new Instr(kind == Kind.Pred ? Code.Or : Code.Max, kind, dst, a, b, -1, default, kind),
                Ops.Minimum => new Instr(kind == Kind.Pred ? Code.And : Code.Min, kind, dst, a, b, -1, default, kind),
                Ops.And when !IsFloat(kind) => new Instr(Code.And, kind, dst, a, b, -1, default, kind),
                Ops.Or when !IsFloat(kind) => new Instr(Code.Or, kind, dst, a, b, -1, default, kind),
                Ops.Xor when !IsFloat(kind) => new Instr(Code.Xor, kind, dst, a, b, -1, default, kind),
                Ops.Negate when kind != Kind.Pred => new Instr(Code.Neg, kind, dst, a, -1, -1, default, kind),
                Ops.Not when !IsFloat(kind) => new Instr(Code.Not, kind, dst, a, -1, -1, default, kind),
                Ops.Abs when kind != Kind.Pred => new Instr(Code.Abs, kind, dst, a, -1, -1, default, kind),
                Ops.Reshape or Ops.BroadcastInDim when first == kind => new Instr(Code.Copy, kind, dst, a, -1, -1, default, kind),
                Ops.Select => new Instr(Code.Select, kind, dst, a, b, c, default, kind),
                Ops.Compare when op.Attribute("comparison_direction") is ComparisonDirectionAttr d =>
                    new Instr(Code.Compare, Kind.Pred, dst, a, b, -1, d.Direction, first),
                // Float to integer conversions have edge cases (NaN, out of range) left to the general kernel.
                Ops.Convert when !(IsFloat(first) && !IsFloat(kind)) => new Instr(Code.Convert, kind, dst, a, -1, -1, default, first),
                _ => null,
            };
            if (instr is not { } ins) return null;
            if (ins.Code != Code.Copy || op.Name is not Ops.Constant) code.Add(ins);
        }
        return [.. code];
    }

    // Constants live in registers set once per call; the instruction returned is a no-op marker (not emitted).
    private static Instr? Constant(Operation op, Kind kind, int dst, List<(int, Kind, long, double)> constants)
    {
        if (op.Attribute("value") is not DenseAttr attr || attr.Data.Length != 1) return null;
        object v = attr.Data.GetValue(0)!;
        switch (v)
        {
            case bool x: constants.Add((dst, kind, x ? 1 : 0, 0)); break;
            case int x: constants.Add((dst, kind, x, 0)); break;
            case long x: constants.Add((dst, kind, x, 0)); break;
            case float x: constants.Add((dst, kind, 0, x)); break;
            case double x: constants.Add((dst, kind, 0, x)); break;
            default: return null;
        }
        return new Instr(Code.Copy, kind, dst, -1, -1, -1, default, kind);
    }

    private static void Run(Frame frame, Step st, Program p, int[] classes)
    {
        var l = new long[p.Registers];
        var d = new double[p.Registers];
        foreach (var (reg, kind, lv, dv) in p.Constants)
        {
            if (IsFloat(kind)) d[reg] = dv;
            else l[reg] = lv;
        }
        for (int i = 0; i < p.Carries.Length; i++) Load(frame.In(st, i), p.CarryKinds[i], p.Carries[i], l, d);

        var token = frame.Token;
        var tmpL = new long[p.Carries.Length];
        var tmpD = new double[p.Carries.Length];
        while (true)
        {
            token.ThrowIfCancellationRequested();
            Exec(p.Cond, l, d);
            if (l[p.CondResult] == 0) break;
            Exec(p.Body, l, d);
            // Parallel assignment of the returned values to the carries (a body may swap them).
            for (int i = 0; i < p.Carries.Length; i++)
            {
                tmpL[i] = l[p.BodyReturns[i]];
                tmpD[i] = d[p.BodyReturns[i]];
            }
            for (int i = 0; i < p.Carries.Length; i++)
            {
                l[p.Carries[i]] = tmpL[i];
                d[p.Carries[i]] = tmpD[i];
            }
        }

        for (int i = 0; i < p.Carries.Length; i++)
        {
            var t = p.CarryTypes[i];
            var buf = frame.Pool.Rent(classes[i], t.DType, 1, t);
            Store(buf.Data, p.CarryKinds[i], p.Carries[i], l, d);
            buf.Refs = 1;
            frame.Slots[st.Out[i]] = buf;
        }
    }

    private static void Load(Array data, Kind kind, int reg, long[] l, double[] d)
    {
        switch (kind)
        {
            case Kind.Pred: l[reg] = ((bool[])data)[0] ? 1 : 0; break;
            case Kind.S32: l[reg] = ((int[])data)[0]; break;
            case Kind.S64: l[reg] = ((long[])data)[0]; break;
            case Kind.F32: d[reg] = ((float[])data)[0]; break;
            default: d[reg] = ((double[])data)[0]; break;
        }
    }

    private static void Store(Array data, Kind kind, int reg, long[] l, double[] d)
    {
        switch (kind)
        {
            case Kind.Pred: ((bool[])data)[0] = l[reg] != 0; break;
            case Kind.S32: ((int[])data)[0] = (int)l[reg]; break;
            case Kind.S64: ((long[])data)[0] = l[reg]; break;
            case Kind.F32: ((float[])data)[0] = (float)d[reg]; break;
            default: ((double[])data)[0] = d[reg]; break;
        }
    }

    private static void Exec(Instr[] code, long[] l, double[] d)
    {
        foreach (ref readonly var i in code.AsSpan())
        {
            if (i.Code == Code.Compare)
            {
                l[i.Dst] = Compare(i, l, d);
                continue;
            }
            switch (i.Kind)
            {
                case Kind.F32: d[i.Dst] = F32(i, l, d); break;
                case Kind.F64: d[i.Dst] = F64(i, l, d); break;
                case Kind.S32: l[i.Dst] = S32(i, l, d); break;
                case Kind.S64: l[i.Dst] = S64(i, l, d); break;
                default: l[i.Dst] = Pred(i, l, d); break;
            }
        }
    }

    // Compare writes a pred into l; its Kind is the operands' kind.
    private static long Compare(in Instr i, long[] l, double[] d)
    {
        if (IsFloat(i.From))
        {
            double a = d[i.A], b = d[i.B];
            return Dir(i.Dir, a == b, a < b, a > b) ? 1 : 0;
        }
        long x = l[i.A], y = l[i.B];
        return Dir(i.Dir, x == y, x < y, x > y) ? 1 : 0;
    }

    // NaN compares false except NE, as the general kernel's INumber comparisons do.
    private static bool Dir(ComparisonDirection dir, bool eq, bool lt, bool gt) => dir switch
    {
        ComparisonDirection.EQ => eq,
        ComparisonDirection.NE => !eq,
        ComparisonDirection.LT => lt,
        ComparisonDirection.LE => lt || eq,
        ComparisonDirection.GT => gt,
        _ => gt || eq,
    };

    private static double F32(in Instr i, long[] l, double[] d)
    {
        float a = i.A >= 0 ? (float)d[i.A] : 0f, b = i.B >= 0 ? (float)d[i.B] : 0f;
        return i.Code switch
        {
            Code.Add => a + b,
            Code.Sub => a - b,
            Code.Mul => a * b,
            Code.Div => a / b,
            Code.Rem => a % b,
            Code.Max => MathF.Max(a, b),
            Code.Min => MathF.Min(a, b),
            Code.Neg => -a,
            Code.Abs => MathF.Abs(a),
            Code.Copy => a,
            Code.Select => l[i.A] != 0 ? (float)d[i.B] : (float)d[i.C],
            _ => (float)FromOther(i, l, d),
        };
    }

    private static double F64(in Instr i, long[] l, double[] d)
    {
        double a = i.A >= 0 ? d[i.A] : 0, b = i.B >= 0 ? d[i.B] : 0;
        return i.Code switch
        {
            Code.Add => a + b,
            Code.Sub => a - b,
            Code.Mul => a * b,
            Code.Div => a / b,
            Code.Rem => a % b,
            Code.Max => Math.Max(a, b),
            Code.Min => Math.Min(a, b),
            Code.Neg => -a,
            Code.Abs => Math.Abs(a),
            Code.Copy => a,
            Code.Select => l[i.A] != 0 ? d[i.B] : d[i.C],
            _ => FromOther(i, l, d),
        };
    }

    // Convert to a float from any kind (the source register file depends on the source kind).
    private static double FromOther(in Instr i, long[] l, double[] d) => i.From switch
    {
        Kind.F32 => (float)d[i.A],
        Kind.F64 => i.Kind == Kind.F32 ? (float)d[i.A] : d[i.A],
        Kind.S32 => i.Kind == Kind.F32 ? (float)(int)l[i.A] : (int)l[i.A],
        Kind.S64 => i.Kind == Kind.F32 ? (float)l[i.A] : (double)l[i.A],
        _ => l[i.A] != 0 ? 1 : 0,
    };

    private static long S32(in Instr i, long[] l, double[] d)
    {
        int a = i.A >= 0 ? (int)l[i.A] : 0, b = i.B >= 0 ? (int)l[i.B] : 0;
        return i.Code switch
        {
            Code.Add => unchecked(a + b),
            Code.Sub => unchecked(a - b),
            Code.Mul => unchecked(a * b),
            Code.Div => b == 0 ? -1 : b == -1 ? unchecked(-a) : a / b,
            Code.Rem => b == 0 ? a : b == -1 ? 0 : a % b,
            Code.Max => Math.Max(a, b),
            Code.Min => Math.Min(a, b),
            Code.And => a & b,
            Code.Or => a | b,
            Code.Xor => a ^ b,
            Code.Neg => unchecked(-a),
            Code.Not => ~a,
            Code.Abs => a < 0 ? unchecked(-a) : a,
            Code.Copy => a,
            Code.Select => l[i.A] != 0 ? (int)l[i.B] : (int)l[i.C],
            _ => unchecked((int)l[i.A]), // convert from s64 or pred (floats never reach here)
        };
    }

    private static long S64(in Instr i, long[] l, double[] d)
    {
        long a = i.A >= 0 ? l[i.A] : 0, b = i.B >= 0 ? l[i.B] : 0;
        return i.Code switch
        {
            Code.Add => unchecked(a + b),
            Code.Sub => unchecked(a - b),
            Code.Mul => unchecked(a * b),
            Code.Div => b == 0 ? -1 : b == -1 ? unchecked(-a) : a / b,
            Code.Rem => b == 0 ? a : b == -1 ? 0 : a % b,
            Code.Max => Math.Max(a, b),
            Code.Min => Math.Min(a, b),
            Code.And => a & b,
            Code.Or => a | b,
            Code.Xor => a ^ b,
            Code.Neg => unchecked(-a),
            Code.Not => ~a,
            Code.Abs => a < 0 ? unchecked(-a) : a,
            Code.Copy => a,
            Code.Select => l[i.A] != 0 ? l[i.B] : l[i.C],
            _ => a, // convert from s32 (already sign-extended) or pred
        };
    }

    private static long Pred(in Instr i, long[] l, double[] d)
    {
        long a = i.A >= 0 ? l[i.A] : 0, b = i.B >= 0 ? l[i.B] : 0;
        return i.Code switch
        {
            Code.And => a & b,
            Code.Or => a | b,
            Code.Xor => a ^ b,
            Code.Not => a ^ 1,
            Code.Copy => a,
            Code.Select => l[i.A] != 0 ? l[i.B] : l[i.C],
            _ => IsFloat(i.From) ? (d[i.A] != 0 ? 1 : 0) : (l[i.A] != 0 ? 1 : 0),
        };
    }
}
