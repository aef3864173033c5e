using LoopGen.Ir;
using LoopGen.Ir.Text;

namespace LoopGen.Tests.IrText;

/// <summary>Structural equality of two modules: same ops, operands wired the same way, same types and attributes.</summary>
internal static class IrAssert
{
    public static void Equivalent(Module expected, Module actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Functions.Count, actual.Functions.Count);
        for (int i = 0; i < expected.Functions.Count; i++)
        {
            var e = expected.Functions[i];
            var a = actual.Functions[i];
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.IsPublic, a.IsPublic);
            Assert.Equal(e.ResultTypes, a.ResultTypes);
            BlocksEquivalent(e.Body, a.Body, new Dictionary<Value, Value>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void BlocksEquivalent(Block e, Block a, Dictionary<Value, Value> map)
    {
        Assert.Equal(e.Arguments.Count, a.Arguments.Count);
        for (int i = 0; i < e.Arguments.Count; i++)
        {
            Assert.Equal(e.Arguments[i].Type, a.Arguments[i].Type);
            map.Add(e.Arguments[i], a.Arguments[i]);
        }
        Assert.Equal(e.Operations.Count, a.Operations.Count);
        for (int i = 0; i < e.Operations.Count; i++)
        {
            var eo = e.Operations[i];
            var ao = a.Operations[i];
            Assert.Equal(eo.Name, ao.Name);
            Assert.Equal(eo.Operands.Count, ao.Operands.Count);
            for (int k = 0; k < eo.Operands.Count; k++) Assert.Same(map[eo.Operands[k]], ao.Operands[k]);
            Assert.Equal(eo.Attributes.Count, ao.Attributes.Count);
            for (int k = 0; k < eo.Attributes.Count; k++)
            {
                Assert.Equal(eo.Attributes[k].Name, ao.Attributes[k].Name);
                AttrEqual(eo.Attributes[k].Value, ao.Attributes[k].Value);
            }
            Assert.Equal(eo.Regions.Count, ao.Regions.Count);
            for (int r = 0; r < eo.Regions.Count; r++) BlocksEquivalent(eo.Regions[r], ao.Regions[r], map);
            Assert.Equal(eo.Results.Count, ao.Results.Count);
            for (int k = 0; k < eo.Results.Count; k++)
            {
                Assert.Equal(eo.Results[k].Type, ao.Results[k].Type);
                map.Add(eo.Results[k], ao.Results[k]);
            }
        }
    }

    /// <summary>Attributes equal by value; dense data bit for bit (so -0.0 and NaN payloads count).</summary>
    public static void AttrEqual(Attr expected, Attr actual)
    {
        if (expected is DenseAttr e && actual is DenseAttr a)
        {
            Assert.Equal(e.Type, a.Type);
            Assert.Equal(e.Data.GetType(), a.Data.GetType());
            Assert.Equal(Convert.ToHexString(AttrPrinter.RawBytes(e.Data)), Convert.ToHexString(AttrPrinter.RawBytes(a.Data)));
            return;
        }
        Assert.Equal(expected, actual);
    }
}
