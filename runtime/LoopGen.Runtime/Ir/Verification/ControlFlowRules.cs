namespace LoopGen.Ir.Verification;

/// <summary>while, if and case: region arguments and returns against the op's operands and results.</summary>
internal static class ControlFlowRules
{
    public static bool TryVerify(OpCheck c)
    {
        switch (c.Op.Name)
        {
            case Ops.While: While(c); break;
            case Ops.If: If(c); break;
            case Ops.Case: Case(c); break;
            default: return false;
        }
        return true;
    }

    private static void While(OpCheck c)
    {
        c.Require(c.Op.Regions.Count == 2, "arity", $"takes two regions (cond, body), has {c.Op.Regions.Count}");
        var operands = c.Op.Operands.Select(v => v.Type).ToArray();
        Block cond = c.Op.Regions[0], body = c.Op.Regions[1];
        Arguments(c, cond, operands, "C1", "cond");
        if (cond.Terminator is { } condReturn)
        {
            c.Require(condReturn.Operands.Count == 1 && condReturn.Operands[0].Type == TensorType.Scalar(DType.Pred), "C1",
                $"cond returns tensor<i1>, returns ({string.Join(", ", condReturn.Operands.Select(v => OpCheck.Name(v.Type)))})");
        }
        Arguments(c, body, operands, "C2", "body");
        if (body.Terminator is { } bodyReturn) Returns(c, bodyReturn, operands, "C2", "body");
        c.Require(c.Op.Results.Select(v => v.Type).SequenceEqual(operands), "C3", "type(results...) = type(operand...)");
    }

    private static void If(OpCheck c)
    {
        c.Require(c.Op.Operands.Count == 1, "arity", $"takes one operand (pred), has {c.Op.Operands.Count}");
        c.Require(c.Op.Regions.Count == 2, "arity", $"takes two regions (true_branch, false_branch), has {c.Op.Regions.Count}");
        c.Require(c.Operand(0) == TensorType.Scalar(DType.Pred), "I1", $"pred must be tensor<i1>, is {OpCheck.Name(c.Operand(0))}");
        Branches(c, "C1", "C2", "C3");
    }

    private static void Case(OpCheck c)
    {
        c.Require(c.Op.Operands.Count == 1, "arity", $"takes one operand (index), has {c.Op.Operands.Count}");
        c.Require(c.Op.Regions.Count > 0, "C1", "0 < size(branches)");
        c.Require(c.Operand(0) == TensorType.Scalar(DType.S32), "I1", $"index must be tensor<i32>, is {OpCheck.Name(c.Operand(0))}");
        Branches(c, "C2", "C3", "C4");
    }

    // Branches take no arguments, return one list of types, and that list is the results' types.
    private static void Branches(OpCheck c, string noArgs, string same, string results)
    {
        var types = c.Op.Results.Select(v => v.Type).ToArray();
        for (int r = 0; r < c.Op.Regions.Count; r++)
        {
            var branch = c.Op.Regions[r];
            c.Require(branch.Arguments.Count == 0, noArgs, $"branch {r} takes no arguments, takes {branch.Arguments.Count}");
            if (branch.Terminator is not { } ret) continue;
            var returned = ret.Operands.Select(v => v.Type).ToArray();
            var firstReturn = c.Op.Regions[0].Terminator;
            if (r > 0 && firstReturn is not null)
            {
                c.Require(returned.SequenceEqual(firstReturn.Operands.Select(v => v.Type)), same, $"branch {r} returns {List(returned)}, branch 0 returns {List(firstReturn.Operands.Select(v => v.Type))}");
            }
            c.Require(returned.SequenceEqual(types), results, $"type(results...) = output_types(branch {r}); it returns {List(returned)}");
        }
    }

    private static void Arguments(OpCheck c, Block region, TensorType[] types, string id, string name)
    {
        var args = region.Arguments.Select(a => a.Type).ToArray();
        c.Require(args.SequenceEqual(types), id, $"{name} takes the operands' types {List(types)}, takes {List(args)}");
    }

    private static void Returns(OpCheck c, Operation ret, TensorType[] types, string id, string name)
    {
        var returned = ret.Operands.Select(v => v.Type).ToArray();
        c.Require(returned.SequenceEqual(types), id, $"{name} returns the operands' types {List(types)}, returns {List(returned)}");
    }

    private static string List(IEnumerable<TensorType> types) => "(" + string.Join(", ", types.Select(OpCheck.Name)) + ")";
}
