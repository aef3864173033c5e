namespace LoopGen.Ir.Verification;

/// <summary>Dispatches an op to the rules of its family; an op LoopGen does not know fails here.</summary>
internal static class OpRules
{
    public static void Verify(OpCheck c)
    {
        if (ElementwiseRules.TryVerify(c) || LeafRules.TryVerify(c) || ShapeRules.TryVerify(c) || SliceRules.TryVerify(c)
            || ContractionRules.TryVerify(c) || ControlFlowRules.TryVerify(c))
        {
            return;
        }
        throw c.Fail("unknown op", "not an op of LoopGen's catalogue (LoopGen.Ir.Ops), so nothing checks it");
    }
}
