using System.Globalization;
using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>
/// while → one Loop (the cond region is emitted twice: once before the loop for the first test, once at the end of
/// the body for the next), if → If, case → a chain of Ifs. Buffers a scan fills row by row become Loop scan outputs.
/// </summary>
internal sealed partial class Exporter
{
    /// <summary>A carried buffer that a scan fills one row per iteration, exported as a Loop scan output.</summary>
    private sealed record ScanOutput(int Carry, Operation Write, bool Reverse);

    private string[] While(Scope g, Operation op)
    {
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        int n = op.Operands.Count;
        var init = op.Operands.Select(g.Of).ToArray();
        var scans = FindScanOutputs(op);
        var scanned = scans.Select(s => s.Carry).ToHashSet();
        var carried = Enumerable.Range(0, n).Where(i => !scanned.Contains(i)).ToArray();
        string where = _where;

        // The first test, before the loop.
        var first = EmitRegion(g, cond, init, where + " (while cond)")[0];

        var sub = new Scope(g, Fresh("while_body"));
        var iter = Fresh("iter");
        var condIn = Fresh("cond");
        sub.AddInput(iter, OnnxProto.Int64, []);
        sub.AddInput(condIn, OnnxProto.Bool, []);
        var args = (string[])init.Clone(); // scanned buffers are never read in the body (checked), outer names stand in
        foreach (var i in carried)
        {
            args[i] = Fresh("carry");
            sub.AddInput(args[i], Elem(op.Operands[i].Type.DType), Dims(op.Operands[i].Type.Shape));
        }
        var skip = scans.Select(s => s.Write).ToHashSet();
        var next = EmitRegion(sub, body, args, where + " (while body)", skip);
        var rows = scans.Select(s => sub.Of(s.Write.Operands[1])).ToArray();
        // The next test, on the new carries.
        var nextArgs = (string[])next.Clone();
        foreach (var s in scans) nextArgs[s.Carry] = init[s.Carry];
        var again = EmitRegion(sub, cond, nextArgs, where + " (while cond)")[0];
        SetOutputs(sub, [again, .. carried.Select(i => next[i]), .. rows],
            [TensorType.Scalar(DType.Pred), .. carried.Select(i => op.Results[i].Type), .. scans.Select(s => s.Write.Operands[1].Type)]);

        var outs = NodeN(g, "Loop", ["", first, .. carried.Select(i => init[i])], carried.Length + scans.Count, OnnxAttribute.Of("body", sub.Graph));
        var results = new string[n];
        for (int c = 0; c < carried.Length; c++) results[carried[c]] = outs[c];
        for (int s = 0; s < scans.Count; s++)
        {
            // Scan outputs stack the [1, …] rows as [T, 1, …]; a reverse scan wrote row T-1-i at step i.
            var t = op.Results[scans[s].Carry].Type;
            var stacked = Node(g, "Reshape", [outs[carried.Length + s], Ints(g, Dims(t.Shape))], OnnxAttribute.Of("allowzero", 1L));
            results[scans[s].Carry] = scans[s].Reverse ? ReverseAxes(g, stacked, [0]) : stacked;
        }
        return results;
    }

    /// <summary>
    /// The carries that are a scan's stacked outputs, as the loop lowering writes them: a counter from 0 tested
    /// against a constant L and stepped by 1 (so exactly L iterations), and a buffer of L rows that the body only
    /// writes, row = counter (or L-1-counter), with one dynamic_update_slice, and that the cond never reads.
    /// Anything else stays a carried buffer with ScatterND writes: correct, only slower.
    /// </summary>
    private List<ScanOutput> FindScanOutputs(Operation op)
    {
        var found = new List<ScanOutput>();
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        var condRet = cond.Operations[^1].Operands;
        if (condRet.Count != 1 || Producer(cond, condRet[0]) is not { Name: Ops.Compare } test) return found;
        if (test.Attribute("comparison_direction") is not ComparisonDirectionAttr { Direction: ComparisonDirection.LT }) return found;
        int c = cond.Arguments.IndexOf(test.Operands[0]);
        if (c < 0 || ConstantInt(Producer(cond, test.Operands[1])) is not long length) return found;
        if (ConstantInt(_producers.GetValueOrDefault(op.Operands[c])) != 0) return found;
        var bodyRet = body.Operations[^1].Operands;
        if (Producer(body, bodyRet[c]) is not { Name: Ops.Add } step) return found;
        var counter = body.Arguments[c];
        bool plusOne = step.Operands[0] == counter && ConstantInt(Producer(body, step.Operands[1])) == 1
            || step.Operands[1] == counter && ConstantInt(Producer(body, step.Operands[0])) == 1;
        if (!plusOne) return found;

        for (int k = 0; k < op.Operands.Count; k++)
        {
            if (k == c) continue;
            var buffer = body.Arguments[k];
            var t = buffer.Type;
            if (t.Shape.Rank == 0 || t.Shape[0] != length || Uses(cond, cond.Arguments[k]) != 0 || Uses(body, buffer) != 1) continue;
            if (Producer(body, bodyRet[k]) is not { Name: Ops.DynamicUpdateSlice } write || write.Operands[0] != buffer) continue;
            if (Uses(body, write.Results[0]) != 1) continue;
            var row = write.Operands[1].Type.Shape;
            if (row.Rank != t.Shape.Rank || row[0] != 1 || !row.Dims.Skip(1).SequenceEqual(t.Shape.Dims.Skip(1))) continue;
            if (!write.Operands.Skip(3).All(s => ConstantInt(Producer(body, s)) == 0)) continue;
            var position = write.Operands[2];
            bool forward = position == counter;
            bool reverse = !forward && Producer(body, position) is { Name: Ops.Subtract } sub
                && sub.Operands[1] == counter && ConstantInt(Producer(body, sub.Operands[0])) == length - 1;
            if (forward || reverse) found.Add(new ScanOutput(k, write, reverse));
        }
        return found;
    }

    /// <summary>The op of <paramref name="block"/> (top level) that defines <paramref name="v"/>, or null.</summary>
    private static Operation? Producer(Block block, Value v) => block.Operations.FirstOrDefault(o => o.Results.Contains(v));

    /// <summary>How many operands of ops in <paramref name="block"/> and its nested regions are <paramref name="v"/>.</summary>
    private static int Uses(Block block, Value v) =>
        block.Operations.Sum(o => o.Operands.Count(x => x == v) + o.Regions.Sum(r => Uses(r, v)));

    private string[] If(Scope g, Operation op)
    {
        if (op.Results.Count == 0) return [];
        var pred = g.Of(op.Operands[0]);
        var types = op.Results.Select(r => r.Type).ToArray();
        var then = Branch(g, op.Regions[0], types, _where + " (then)");
        var otherwise = Branch(g, op.Regions[1], types, _where + " (else)");
        return NodeN(g, "If", [pred], types.Length, OnnxAttribute.Of("then_branch", then), OnnxAttribute.Of("else_branch", otherwise));
    }

    private OnnxGraph Branch(Scope g, Block region, IReadOnlyList<TensorType> types, string where)
    {
        var sub = new Scope(g, Fresh("branch"));
        SetOutputs(sub, EmitRegion(sub, region, [], where), types);
        return sub.Graph;
    }

    /// <summary>case: If(index == 0, branch 0, If(index == 1, …, last branch)); an index out of range runs the last branch.</summary>
    private string[] Case(Scope g, Operation op)
    {
        if (op.Results.Count == 0) return [];
        var index = g.Of(op.Operands[0]);
        var dt = op.Operands[0].Type.DType;
        var types = op.Results.Select(r => r.Type).ToArray();
        return CaseFrom(g, op, 0, index, dt, types);
    }

    private string[] CaseFrom(Scope g, Operation op, int k, string index, DType dt, TensorType[] types)
    {
        string where = $"{_where} (branch {k.ToString(CultureInfo.InvariantCulture)})";
        if (k == op.Regions.Count - 1) return EmitRegion(g, op.Regions[k], [], where);
        var test = Node(g, "Equal", [index, ScalarInt(g, dt, k)]);
        var then = Branch(g, op.Regions[k], types, where);
        var rest = new Scope(g, Fresh("branch"));
        SetOutputs(rest, CaseFrom(rest, op, k + 1, index, dt, types), types);
        return NodeN(g, "If", [test], types.Length, OnnxAttribute.Of("then_branch", then), OnnxAttribute.Of("else_branch", rest.Graph));
    }
}
