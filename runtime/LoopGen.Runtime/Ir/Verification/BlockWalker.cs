namespace LoopGen.Ir.Verification;

/// <summary>
/// Walks a function's blocks in order: every value defined once, every use after its definition in this block or
/// an enclosing one (MLIR dominance for single-block regions), each block ended by the right terminator and by it
/// only, then each op's own rules (<see cref="OpRules"/>).
/// </summary>
internal sealed class BlockWalker
{
    private readonly HashSet<Value> _visible = [];
    private readonly HashSet<Value> _defined = [];
    private readonly List<(int Index, Operation Op, string Region)> _path = [];
    private readonly string _function;

    public BlockWalker(string function) => _function = function;

    public void Function(Function f)
    {
        Block(f.Body, isFunctionBody: true);
        if (f.Body.Terminator is { Name: Ops.FuncReturn } ret)
        {
            var returned = ret.Operands.Select(v => v.Type).ToList();
            if (!returned.SequenceEqual(f.ResultTypes))
            {
                throw new IrVerificationException(Ops.FuncReturn, Where(f.Body.Operations.Count - 1, ret), "func.return",
                    $"returns ({string.Join(", ", returned.Select(OpCheck.Name))}) but @{f.Name} declares ({string.Join(", ", f.ResultTypes.Select(OpCheck.Name))})");
            }
        }
    }

    /// <summary>One op on its own (eager mode): its operands come from outside; its regions see only their own arguments.</summary>
    public void LooseOp(Operation op)
    {
        foreach (var v in op.Operands) _visible.Add(v);
        Op(op, 0);
    }

    public string Where(int index, Operation op)
    {
        var sb = new System.Text.StringBuilder("@").Append(_function);
        foreach (var (i, o, region) in _path) sb.Append(" op ").Append(i).Append(" (").Append(o.Name).Append(") ").Append(region);
        return sb.Append(" op ").Append(index).Append(" (").Append(op.Name).Append(')').ToString();
    }

    private void Block(Block block, bool isFunctionBody)
    {
        var added = new List<Value>(block.Arguments.Count + block.Operations.Count);
        foreach (var a in block.Arguments) Define(a, added, -1, null);
        var ops = block.Operations;
        if (ops.Count == 0 || !ops[^1].IsTerminator)
        {
            throw new IrVerificationException(isFunctionBody ? "func.func" : Parent(), Where(ops.Count, ops.Count > 0 ? ops[^1] : new Operation("(end)", [], Array.Empty<TensorType>())),
                "terminator", $"the block must end in {(isFunctionBody ? Ops.FuncReturn : Ops.Return)}");
        }
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            bool last = i == ops.Count - 1;
            if (op.IsTerminator)
            {
                var want = isFunctionBody ? Ops.FuncReturn : Ops.Return;
                if (!last || op.Name != want)
                {
                    throw new IrVerificationException(op.Name, Where(i, op), "terminator",
                        !last ? "a terminator must be the last op of its block" : $"{(isFunctionBody ? "a function" : "a region")} ends in {want}");
                }
            }
            Op(op, i);
            foreach (var r in op.Results) Define(r, added, i, op);
        }
        foreach (var v in added) _visible.Remove(v);
    }

    private void Op(Operation op, int index)
    {
        for (int k = 0; k < op.Operands.Count; k++)
        {
            if (!_visible.Contains(op.Operands[k]))
            {
                throw new IrVerificationException(op.Name, Where(index, op), "dominance",
                    $"operand {k} ({OpCheck.Name(op.Operands[k].Type)}) is used before it is defined, or outside the block that defines it");
            }
        }
        if (op.IsTerminator)
        {
            if (op.Results.Count != 0 || op.Regions.Count != 0) throw new IrVerificationException(op.Name, Where(index, op), "terminator", "a terminator has no results and no regions");
            return;
        }
        OpRules.Verify(new OpCheck(op, this, index));
        for (int r = 0; r < op.Regions.Count; r++)
        {
            _path.Add((index, op, RegionName(op, r)));
            Block(op.Regions[r], isFunctionBody: false);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void Define(Value v, List<Value> added, int index, Operation? op)
    {
        if (!_defined.Add(v))
        {
            throw new IrVerificationException(op?.Name ?? "block argument", Where(Math.Max(index, 0), op ?? new Operation("(argument)", [], Array.Empty<TensorType>())),
                "single definition", $"the value {OpCheck.Name(v.Type)} is defined twice");
        }
        _visible.Add(v);
        added.Add(v);
    }

    private string Parent() => _path.Count > 0 ? _path[^1].Op.Name : "func.func";

    private static string RegionName(Operation op, int r) => op.Name switch
    {
        Ops.While => r == 0 ? "cond" : "body",
        Ops.If => r == 0 ? "true_branch" : "false_branch",
        Ops.Reduce => "body",
        _ => "branch " + r,
    };
}
