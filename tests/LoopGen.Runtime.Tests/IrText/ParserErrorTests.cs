using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.IrText;

/// <summary>Bad text fails with <see cref="MlirParseException"/> naming the place and what was expected.</summary>
public class ParserErrorTests
{
    private const string Head = "module @m {\n  func.func public @main(%arg0: tensor<2xf32>) -> (tensor<2xf32>) {\n";
    private const string Tail = "    \"func.return\"(%arg0) : (tensor<2xf32>) -> ()\n  }\n}\n";

    private static MlirParseException Fails(string text, int line, int column)
    {
        var e = Assert.Throws<MlirParseException>(() => MlirParser.Parse(text));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"{line}:{column}: ", e.Message);
        return e;
    }

    [Fact]
    public void UndeclaredValue()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.add\"(%arg0, %7) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>\n" + Tail, 3, 33);
        Assert.Equal("3:33: use of undeclared value %7", e.Message);
    }

    [Fact]
    public void ValueOfASiblingRegion_IsNotVisible()
    {
        var text = Head
            + "    %0 = \"stablehlo.if\"(%c) ({\n"
            + "      %1 = \"stablehlo.abs\"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>\n"
            + "      \"stablehlo.return\"(%1) : (tensor<2xf32>) -> ()\n"
            + "    }, {\n"
            + "      \"stablehlo.return\"(%1) : (tensor<2xf32>) -> ()\n"
            + "    }) : (tensor<i1>) -> tensor<2xf32>\n" + Tail;
        // %c is the first problem: it was never defined.
        Assert.Equal("3:25: use of undeclared value %c", Fails(text, 3, 25).Message);
        text = text.Replace("(%c)", "(%arg0)").Replace(": (tensor<i1>) -> tensor<2xf32>", ": (tensor<2xf32>) -> tensor<2xf32>");
        Assert.Equal("7:26: use of undeclared value %1", Fails(text, 7, 26).Message);
    }

    [Fact]
    public void UnsupportedElementType()
    {
        var e = Fails("module @m {\n  func.func public @main(%arg0: tensor<2xf33>) -> (tensor<2xf32>) {\n" + Tail, 2, 42);
        Assert.StartsWith("2:42: unsupported element type 'f33'", e.Message);
    }

    [Fact]
    public void NotATensorType()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.abs\"(%arg0) : (f32) -> tensor<2xf32>\n" + Tail, 3, 36);
        Assert.Equal("3:36: expected a tensor type but found 'f32'", e.Message);
    }

    [Fact]
    public void BadTensorDimension()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.abs\"(%arg0) : (tensor<2yf32>) -> tensor<2xf32>\n" + Tail, 3, 44);
        Assert.Equal("3:44: expected 'x' after a tensor dimension but found 'y'", e.Message);
    }

    [Fact]
    public void UnterminatedRegion()
    {
        var text = Head
            + "    %0 = \"stablehlo.while\"(%arg0) ({\n"
            + "    ^bb0(%arg1: tensor<2xf32>):\n"
            + "      \"stablehlo.return\"(%arg1) : (tensor<2xf32>) -> ()\n";
        var e = Fails(text, 6, 1);
        Assert.Equal("6:1: expected '}' to close the region opened at 3:36 but found end of input", e.Message);
    }

    [Fact]
    public void UnterminatedModule()
    {
        var e = Fails(Head + Tail[..^2], 5, 1);
        Assert.Equal("5:1: expected '}' to close the module opened at 1:11 but found end of input", e.Message);
    }

    [Fact]
    public void OperandCountDiffersFromTheFunctionType()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.add\"(%arg0, %arg0) : (tensor<2xf32>) -> tensor<2xf32>\n" + Tail, 3, 42);
        Assert.Equal("3:42: 'stablehlo.add' has 2 operands but its type lists 1 operand types", e.Message);
    }

    [Fact]
    public void ResultCountDiffersFromTheFunctionType()
    {
        var e = Fails(Head + "    %0:2 = \"stablehlo.abs\"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>\n" + Tail, 3, 12);
        Assert.Equal("3:12: 'stablehlo.abs' defines 2 results but its type lists 1 result types", e.Message);
    }

    [Fact]
    public void OperandTypeMismatch()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.abs\"(%arg0) : (tensor<3xf32>) -> tensor<3xf32>\n" + Tail, 3, 26);
        Assert.Equal("3:26: type mismatch for %arg0: declared tensor<2xf32>, used as tensor<3xf32>", e.Message);
    }

    [Fact]
    public void ReturnDisagreesWithTheSignature()
    {
        var text = Head + "    %0 = \"stablehlo.convert\"(%arg0) : (tensor<2xf32>) -> tensor<2xi32>\n"
            + "    \"func.return\"(%0) : (tensor<2xi32>) -> ()\n  }\n}\n";
        var e = Fails(text, 4, 5);
        Assert.Equal("4:5: func.return in @main returns tensor<2xi32> as result #0 but the signature declares tensor<2xf32>", e.Message);
    }

    [Fact]
    public void MissingCloseParen()
    {
        var e = Fails(Head + "    %0 = \"stablehlo.add\"(%arg0 %arg0) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>\n" + Tail, 3, 32);
        Assert.Equal("3:32: expected ')' but found '%arg0'", e.Message);
    }

    [Fact]
    public void CommaWhereACloseParenBelongs()
    {
        var e = Fails("module @m {\n  func.func public @main(%arg0: tensor<2xf32>) -> (tensor<2xf32>) {\n    return %arg0, : tensor<2xf32>\n  }\n}\n", 3, 19);
        Assert.Equal("3:19: expected a value '%name' but found ':'", e.Message);
        e = Fails("module @m {\n  func.func public @main(%arg0: tensor<2xf32>) -> (tensor<2xf32>) {\n    \"func.return\"(%arg0) ({\n    }, {\n    }, ) : (tensor<2xf32>) -> ()\n  }\n}\n", 5, 8);
        Assert.Equal("5:8: expected '{' but found ')'", e.Message);
        e = Fails("module @m {\n  func.func public @main(%arg0: tensor<2xf32>, ) -> (tensor<2xf32>) {\n" + Tail, 2, 48);
        Assert.Equal("2:48: expected an argument name '%name' but found ')'", e.Message);
        e = Fails(Head + "    %0 = \"stablehlo.abs\"(%arg0) : (tensor<2xf32>, tensor<2xf32>, ) -> tensor<2xf32>\n" + Tail, 3, 66);
        Assert.Equal("3:66: expected a tensor type but found ')'", e.Message);
        e = Fails(Head + "    \"func.return\"(%arg0) : (tensor<2xf32>), () -> ()\n  }\n}\n", 3, 43);
        Assert.Equal("3:43: expected '->' but found ','", e.Message);
    }

    [Fact]
    public void ResultNumberOutOfRange_AndMissingResultNumber()
    {
        var text = Head
            + "    %0:2 = \"stablehlo.pair\"(%arg0) : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)\n"
            + "    \"func.return\"(%0#2) : (tensor<2xf32>) -> ()\n  }\n}\n";
        Assert.Equal("4:19: result number 2 is out of range for %0 (2 results)", Fails(text, 4, 19).Message);
        Assert.Equal("4:19: %0 has 2 results; use %0#0 … %0#1", Fails(text.Replace("%0#2", "%0"), 4, 19).Message);
    }

    [Fact]
    public void Redefinition()
    {
        var text = Head
            + "    %x = \"stablehlo.abs\"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>\n"
            + "    %x = \"stablehlo.abs\"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>\n" + Tail;
        Assert.Equal("4:5: redefinition of value %x", Fails(text, 4, 5).Message);
    }

    [Fact]
    public void CustomOpSyntax_IsNamedAsUnsupported()
    {
        var e = Fails(Head + "    %0 = stablehlo.abs %arg0 : tensor<2xf32>\n" + Tail, 3, 10);
        Assert.Equal("3:10: the custom syntax of 'stablehlo.abs' is not supported; expected the generic form \"stablehlo.abs\"(...)", e.Message);
    }

    [Fact]
    public void DenseShapeMismatch()
    {
        var text = Head + "    %0 = \"stablehlo.constant\"() {value = dense<[1.0, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>\n" + Tail;
        Assert.Equal("3:42: dense literal has shape [2] but the type is tensor<3xf32>", Fails(text, 3, 42).Message);
        text = Head + "    %0 = \"stablehlo.constant\"() {value = dense<[[1, 2], [3]]> : tensor<2x2xi32>} : () -> tensor<2x2xi32>\n" + Tail;
        Assert.Contains("ragged", Fails(text, 3, 58).Message);
        text = Head + "    %0 = \"stablehlo.constant\"() {value = dense<1.5> : tensor<i32>} : () -> tensor<i32>\n" + Tail;
        Assert.Equal("3:48: expected an integer literal for i32 but found 1.5", Fails(text, 3, 48).Message);
        text = Head + "    %0 = \"stablehlo.constant\"() {value = dense<\"0x0000\"> : tensor<2xf32>} : () -> tensor<2xf32>\n" + Tail;
        Assert.Equal("3:48: hex data has 2 bytes but tensor<2xf32> needs 8 (or 4 for a splat)", Fails(text, 3, 48).Message);
        text = Head + "    %0 = \"stablehlo.constant\"() {value = dense<3000000000> : tensor<i32>} : () -> tensor<i32>\n" + Tail;
        Assert.Equal("3:48: integer literal 3000000000 is out of range for i32", Fails(text, 3, 48).Message);
    }

    [Fact]
    public void Garbage()
    {
        Assert.Equal("1:13: expected 'func.func' or '}' but found '?'", Fails("module @m { ??? }", 1, 13).Message);
        Assert.Equal("1:13: unexpected character '$'", Fails("module @m { $ }", 1, 13).Message);
        Assert.Equal("1:1: expected 'module' or 'func.func' but found 'hello'", Fails("hello world", 1, 1).Message);
        Assert.Equal("1:1: expected 'module' or 'func.func' but found end of input", Fails("", 1, 1).Message);
        Assert.Equal("2:2: expected end of input but found '}'", Fails("module @m {\n}}", 2, 2).Message);
        Assert.Equal("1:24: unterminated string literal", Fails("module @m { func.func @\"abc\n", 1, 24).Message);
    }

    /// <summary>Mangled text of every round-trip case either parses or fails with a parse error, never a crash.</summary>
    [Fact]
    public void MangledText_OnlyEverThrowsParseErrors()
    {
        var texts = IrCases.All.Values.Select(b => MlirPrinter.Print(b())).ToList();
        const string junk = "%#^@\"(){}[]<>,:=-x0123456789.eE \n";
        for (int i = 0; i < 3000; i++)
        {
            var text = texts[Rand.Int(0, texts.Count)];
            int at = Rand.Int(0, text.Length);
            text = Rand.Int(0, 4) switch
            {
                0 => text[..at],
                1 => text.Remove(at, Math.Min(Rand.Int(1, 8), text.Length - at)),
                2 => text.Insert(at, junk[Rand.Int(0, junk.Length)].ToString()),
                _ => text.Remove(at, 1).Insert(at, junk[Rand.Int(0, junk.Length)].ToString()),
            };
            try
            {
                MlirParser.Parse(text);
            }
            catch (MlirParseException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\n--- text ---\n{text}");
            }
        }
    }
}
