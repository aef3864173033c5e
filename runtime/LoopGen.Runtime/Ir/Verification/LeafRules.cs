namespace LoopGen.Ir.Verification;

/// <summary>Ops without operands: <c>constant</c> and <c>iota</c>.</summary>
internal static class LeafRules
{
    public static bool TryVerify(OpCheck c)
    {
        if (c.Op.Name == Ops.Constant) Constant(c);
        else if (c.Op.Name == Ops.Iota) Iota(c);
        else return false;
        return true;
    }

    private static void Constant(OpCheck c)
    {
        c.Arity(0, 1);
        c.NoRegions();
        var value = c.Attr<DenseAttr>("value");
        c.Require(value.Type == c.Result(0), "C1", $"type(value) = type(output); value is {OpCheck.Name(value.Type)}");
        long count = value.Type.Shape.ElementCount;
        // The printer writes exactly the data it holds: a count that matches neither the shape nor a splat would print
        // a literal of another shape.
        c.Require(value.Data.Length == count || (value.Data.Length == 1 && count != 1), "C1", $"value holds {value.Data.Length} element(s) for {count}");
    }

    private static void Iota(OpCheck c)
    {
        c.Arity(0, 1);
        c.NoRegions();
        var dim = c.Attr<IntAttr>("iota_dimension").Value;
        var output = c.Result(0);
        c.ElementKind(output, ElementKinds.Integer | ElementKinds.Float, "O1", "output");
        c.Require(dim >= 0 && dim < output.Shape.Rank, "C1", $"0 <= iota_dimension < rank(output); iota_dimension = {dim}");
    }
}
