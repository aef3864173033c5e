namespace LoopGen.Ir.Text;

/// <summary>
/// Recursive-descent parser for MLIR module text: <c>module</c>, <c>func.func</c>, generic-form ops with
/// regions, and the custom <c>return</c>. One token of lookahead (<see cref="_tok"/>); the lexer sits just past it.
/// </summary>
internal sealed partial class TextParser
{
    private readonly MlirLexer _lex;
    private readonly List<Dictionary<string, Value[]>> _scopes = [];
    // Where each op started, for errors found after the op is built (func.return against the signature).
    private readonly Dictionary<Operation, Token> _opTokens = new(ReferenceEqualityComparer.Instance);
    private Token _tok;
    private int _regionDepth;

    /// <summary>Creates a parser over <paramref name="text"/>.</summary>
    public TextParser(string text)
    {
        _lex = new MlirLexer(text);
        _tok = _lex.Next();
    }

    // ---- Token helpers ------------------------------------------------------------------------------------------

    private void Advance() => _tok = _lex.Next();

    private MlirParseException Error(Token at, string message) => new(message, at.Line, at.Column);

    private MlirParseException TooDeep(Token at, string what) =>
        Error(at, $"{what} nest deeper than {MlirParser.MaxNestingDepth} levels (MlirParser.MaxNestingDepth); the parser refuses such text");

    private MlirParseException Expected(string what) => Error(_tok, $"expected {what} but found {_tok.Describe()}");

    private void Expect(char c)
    {
        if (!_tok.Is(c)) throw Expected($"'{c}'");
        Advance();
    }

    private bool Accept(char c)
    {
        if (!_tok.Is(c)) return false;
        Advance();
        return true;
    }

    private void ExpectArrow()
    {
        if (_tok.Kind != TokenKind.Arrow) throw Expected("'->'");
        Advance();
    }

    // Puts the parser back at a token it saw before (to re-read an attribute it could not model).
    private void Rewind(Token t)
    {
        _tok = t;
        _lex.Position = t.End;
    }

    /// <summary>Skips a <c>loc(...)</c> trailer if one is next: locations carry no meaning for LoopGen.</summary>
    private void SkipLocation()
    {
        if (!_tok.IsId("loc")) return;
        Advance();
        if (!_tok.Is('(')) throw Expected("'(' after 'loc'");
        SkipBalanced();
    }

    /// <summary>Skips one bracketed group starting at the current opening bracket; returns its last token.</summary>
    private Token SkipBalanced()
    {
        var open = _tok;
        var stack = new Stack<char>();
        while (true)
        {
            var t = _tok;
            if (t.Kind == TokenKind.Eof) throw Error(t, $"expected a closing bracket for {open.Describe()} at {open.Line}:{open.Column} but found end of input");
            if (t.Kind == TokenKind.Punct)
            {
                char c = t.Text[0];
                if (c is '(' or '[' or '{' or '<') stack.Push(c);
                else if (c is ')' or ']' or '}' or '>')
                {
                    char want = c switch { ')' => '(', ']' => '[', '}' => '{', _ => '<' };
                    if (stack.Count == 0 || stack.Peek() != want) throw Error(t, $"unbalanced '{c}'");
                    stack.Pop();
                }
            }
            Advance();
            if (stack.Count == 0) return t;
        }
    }

    // ---- Module and functions -----------------------------------------------------------------------------------

    /// <summary>Parses the whole text as one module.</summary>
    public Module ParseModule()
    {
        SkipAliasDefinitions();
        Module module;
        if (_tok.IsId("module"))
        {
            Advance();
            string name = "";
            if (_tok.Kind == TokenKind.AtId)
            {
                name = _tok.Text;
                Advance();
            }
            SkipAttributesClause();
            var open = _tok;
            Expect('{');
            var functions = new List<Function>();
            while (!_tok.Is('}'))
            {
                if (_tok.Kind == TokenKind.Eof) throw Error(_tok, $"expected '}}' to close the module opened at {open.Line}:{open.Column} but found end of input");
                functions.Add(ParseFunction());
            }
            Advance();
            SkipLocation();
            module = new Module(name, functions);
        }
        else
        {
            // MLIR wraps top-level functions without a module in an implicit anonymous one.
            var functions = new List<Function>();
            while (_tok.IsId("func.func")) functions.Add(ParseFunction());
            if (functions.Count == 0) throw Expected("'module' or 'func.func'");
            module = new Module("", functions);
        }
        SkipAliasDefinitions();
        if (_tok.Kind != TokenKind.Eof) throw Expected("end of input");
        return module;
    }

    // '#loc1 = loc("x.py":3:4)' lines: attribute aliases, one per line, ignored.
    private void SkipAliasDefinitions()
    {
        while (_tok.Kind == TokenKind.HashId)
        {
            int line = _tok.Line;
            Advance();
            Expect('=');
            while (_tok.Kind != TokenKind.Eof && _tok.Line == line)
            {
                if (_tok.Kind == TokenKind.Punct && _tok.Text[0] is '(' or '[' or '{' or '<') SkipBalanced();
                else Advance();
            }
        }
    }

    // 'attributes {...}' on a module or function: not part of LoopGen's IR.
    private void SkipAttributesClause()
    {
        if (!_tok.IsId("attributes")) return;
        Advance();
        if (!_tok.Is('{')) throw Expected("'{' after 'attributes'");
        ParseAttrDict();
    }

    private Function ParseFunction()
    {
        if (!_tok.IsId("func.func")) throw Expected("'func.func' or '}'");
        Advance();
        bool isPublic = true;
        if (_tok.IsId("public") || _tok.IsId("private") || _tok.IsId("nested"))
        {
            isPublic = _tok.Text == "public";
            Advance();
        }
        if (_tok.Kind != TokenKind.AtId) throw Expected("a function name '@name'");
        var name = _tok.Text;
        Advance();

        _scopes.Clear();
        _scopes.Add([]);
        var body = new Block();
        Expect('(');
        if (!_tok.Is(')'))
        {
            do
            {
                body.Arguments.Add(ParseArgumentDefinition());
                if (_tok.Is('{')) ParseAttrDict(); // argument attributes (jax.arg_info, …) are dropped
                SkipLocation();
            }
            while (Accept(','));
        }
        Expect(')');

        var results = new List<TensorType>();
        if (_tok.Kind == TokenKind.Arrow)
        {
            Advance();
            if (Accept('('))
            {
                if (!_tok.Is(')'))
                {
                    do
                    {
                        results.Add(ParseTensorType());
                        if (_tok.Is('{')) ParseAttrDict(); // result attributes are dropped
                    }
                    while (Accept(','));
                }
                Expect(')');
            }
            else results.Add(ParseTensorType());
        }
        SkipAttributesClause();
        if (!_tok.Is('{')) throw Expected($"'{{' to start the body of @{name} (declarations without a body are not supported)");
        var open = _tok;
        Advance();
        ParseOperations(body, open, "function body");
        SkipLocation();
        CheckReturns(body, results, name);
        return new Function(name, body, results, isPublic);
    }

    // The function's func.return must hand back what the signature promises.
    private void CheckReturns(Block body, List<TensorType> results, string name)
    {
        foreach (var op in body.Operations)
        {
            if (op.Name != Ops.FuncReturn) continue;
            var at = _opTokens[op];
            if (op.Operands.Count != results.Count)
            {
                throw Error(at, $"func.return in @{name} returns {op.Operands.Count} values but the signature declares {results.Count} results");
            }
            for (int i = 0; i < results.Count; i++)
            {
                if (op.Operands[i].Type != results[i])
                {
                    throw Error(at, $"func.return in @{name} returns {op.Operands[i].Type.ToMlir()} as result #{i} but the signature declares {results[i].ToMlir()}");
                }
            }
        }
    }

    // ---- Blocks and operations ----------------------------------------------------------------------------------

    // Operations up to and including the closing '}' of a body or region opened at 'open'.
    private void ParseOperations(Block block, Token open, string what)
    {
        while (!_tok.Is('}'))
        {
            if (_tok.Kind == TokenKind.Eof)
            {
                throw Error(_tok, $"expected '}}' to close the {what} opened at {open.Line}:{open.Column} but found end of input");
            }
            if (_tok.Kind == TokenKind.CaretId) throw Error(_tok, "regions with more than one block are not supported");
            block.Operations.Add(ParseOperation());
        }
        Advance();
    }

    private Block ParseRegion()
    {
        var open = _tok;
        if (++_regionDepth > MlirParser.MaxNestingDepth) throw TooDeep(open, "regions");
        Expect('{');
        _scopes.Add([]);
        var block = new Block();
        if (_tok.Kind == TokenKind.CaretId)
        {
            Advance();
            if (Accept('('))
            {
                if (!_tok.Is(')'))
                {
                    do
                    {
                        block.Arguments.Add(ParseArgumentDefinition());
                        SkipLocation();
                    }
                    while (Accept(','));
                }
                Expect(')');
            }
            Expect(':');
        }
        ParseOperations(block, open, "region");
        _scopes.RemoveAt(_scopes.Count - 1);
        _regionDepth--;
        return block;
    }

    // '%name: tensor<…>' — a function parameter or a block argument, defined in the innermost scope.
    private Value ParseArgumentDefinition()
    {
        if (_tok.Kind != TokenKind.PercentId || _tok.Text.Contains('#')) throw Expected("an argument name '%name'");
        var nameTok = _tok;
        Advance();
        Expect(':');
        var v = new Value(ParseTensorType(), nameTok.Text);
        Define(nameTok, [v]);
        return v;
    }

    private Operation ParseOperation()
    {
        var start = _tok;
        var defs = new List<(Token Name, int Count)>();
        if (_tok.Kind == TokenKind.PercentId)
        {
            do
            {
                if (_tok.Kind != TokenKind.PercentId || _tok.Text.Contains('#')) throw Expected("a result name '%name'");
                var nameTok = _tok;
                Advance();
                int count = 1;
                if (Accept(':'))
                {
                    if (_tok.Kind != TokenKind.Integer || !int.TryParse(_tok.Text, out count) || count < 1)
                    {
                        throw Expected("a result count");
                    }
                    Advance();
                }
                defs.Add((nameTok, count));
            }
            while (Accept(','));
            Expect('=');
        }

        Operation op;
        if (_tok.Kind == TokenKind.String) op = ParseGenericOperation(defs);
        else if (_tok.IsId("return") || _tok.IsId("func.return") || _tok.IsId("stablehlo.return")) op = ParseCustomReturn(defs);
        else if (_tok.Kind == TokenKind.BareId && _tok.Text.Contains('.'))
        {
            throw Error(_tok, $"the custom syntax of '{_tok.Text}' is not supported; expected the generic form \"{_tok.Text}\"(...)");
        }
        else throw Expected("an operation");
        _opTokens[op] = start;
        return op;
    }

    private Operation ParseGenericOperation(List<(Token Name, int Count)> defs)
    {
        var nameTok = _tok;
        Advance();
        Expect('(');
        var operands = new List<(Token Tok, Value Value)>();
        if (!_tok.Is(')'))
        {
            do
            {
                var t = _tok;
                operands.Add((t, ParseValueUse()));
            }
            while (Accept(','));
        }
        Expect(')');
        if (_tok.Is('[')) throw Error(_tok, "successor blocks are not supported");

        var attrs = new List<NamedAttr>();
        if (_tok.Is('<'))
        {
            // Properties '<{...}>' hold the inherent attributes in newer MLIR; LoopGen keeps one list.
            Advance();
            if (!_tok.Is('{')) throw Expected("'{' after '<' (properties)");
            attrs.AddRange(ParseAttrDict());
            Expect('>');
        }
        var regions = new List<Block>();
        if (Accept('('))
        {
            do regions.Add(ParseRegion());
            while (Accept(','));
            Expect(')');
        }
        if (_tok.Is('{')) attrs.AddRange(ParseAttrDict());
        Expect(':');
        var typeTok = _tok;
        var (inputs, resultTypes) = ParseFunctionType();
        SkipLocation();

        if (inputs.Count != operands.Count)
        {
            throw Error(typeTok, $"'{nameTok.Text}' has {operands.Count} operands but its type lists {inputs.Count} operand types");
        }
        for (int i = 0; i < inputs.Count; i++) CheckType(operands[i].Tok, operands[i].Value, inputs[i]);
        var results = DefineResults(defs, resultTypes, nameTok);
        return new Operation(nameTok.Text, [.. operands.Select(o => o.Value)], results, attrs, regions);
    }

    // 'return %a, %b : t1, t2', 'func.return', bare 'return' and 'stablehlo.return %x : t' (pretty regions).
    private Operation ParseCustomReturn(List<(Token Name, int Count)> defs)
    {
        var nameTok = _tok;
        if (defs.Count > 0) throw Error(nameTok, $"'{nameTok.Text}' has no results");
        var name = nameTok.Text == "stablehlo.return" ? Ops.Return : Ops.FuncReturn;
        Advance();
        var operands = new List<(Token Tok, Value Value)>();
        if (_tok.Kind == TokenKind.PercentId)
        {
            do
            {
                var t = _tok;
                operands.Add((t, ParseValueUse()));
            }
            while (Accept(','));
            Expect(':');
            for (int i = 0; i < operands.Count; i++)
            {
                if (i > 0)
                {
                    if (!_tok.Is(',')) throw Error(_tok, $"'{nameTok.Text}' has {operands.Count} operands but only {i} types; expected ',' but found {_tok.Describe()}");
                    Advance();
                }
                CheckType(operands[i].Tok, operands[i].Value, ParseTensorType());
            }
            if (_tok.Is(',')) throw Error(_tok, $"'{nameTok.Text}' has {operands.Count} operands but more types");
        }
        SkipLocation();
        return new Operation(name, [.. operands.Select(o => o.Value)], Array.Empty<Value>(), [], []);
    }

    // ---- Values -------------------------------------------------------------------------------------------------

    private void CheckType(Token at, Value v, TensorType declared)
    {
        if (v.Type != declared)
        {
            throw Error(at, $"type mismatch for %{at.Text}: declared {v.Type.ToMlir()}, used as {declared.ToMlir()}");
        }
    }

    private Value[] DefineResults(List<(Token Name, int Count)> defs, List<TensorType> types, Token opTok)
    {
        int declared = defs.Sum(d => d.Count);
        if (declared != types.Count)
        {
            throw Error(opTok, $"'{opTok.Text}' defines {declared} results but its type lists {types.Count} result types");
        }
        var results = new Value[types.Count];
        int k = 0;
        foreach (var (nameTok, count) in defs)
        {
            var group = new Value[count];
            for (int i = 0; i < count; i++)
            {
                group[i] = new Value(types[k], count == 1 ? nameTok.Text : nameTok.Text + "#" + i);
                results[k++] = group[i];
            }
            Define(nameTok, group);
        }
        return results;
    }

    private void Define(Token nameTok, Value[] group)
    {
        foreach (var scope in _scopes)
        {
            if (scope.ContainsKey(nameTok.Text)) throw Error(nameTok, $"redefinition of value %{nameTok.Text}");
        }
        _scopes[^1][nameTok.Text] = group;
    }

    // '%name' or '%name#i', looked up from the innermost scope outwards.
    private Value ParseValueUse()
    {
        if (_tok.Kind != TokenKind.PercentId) throw Expected("a value '%name'");
        var t = _tok;
        Advance();
        var text = t.Text;
        int hash = text.IndexOf('#');
        var name = hash < 0 ? text : text[..hash];
        Value[]? group = null;
        for (int i = _scopes.Count - 1; i >= 0 && group is null; i--) _scopes[i].TryGetValue(name, out group);
        if (group is null) throw Error(t, $"use of undeclared value %{text}");
        if (hash < 0)
        {
            if (group.Length != 1) throw Error(t, $"%{name} has {group.Length} results; use %{name}#0 … %{name}#{group.Length - 1}");
            return group[0];
        }
        if (!int.TryParse(text.AsSpan(hash + 1), out int index) || index >= group.Length)
        {
            throw Error(t, $"result number {text[(hash + 1)..]} is out of range for %{name} ({group.Length} results)");
        }
        return group[index];
    }
}
