using System;
using System.Text;

namespace LoopGen.Generator.Emission;

/// <summary>
/// Writes source text with indentation and <c>"\n"</c> newlines whatever the platform, so generated files are
/// byte-identical everywhere (snapshots compare them). Modelled on ComputeSharp's <c>IndentedTextWriter</c>.
/// </summary>
internal sealed class IndentedTextWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;
    private bool _atLineStart = true;

    /// <summary>Writes <paramref name="text"/> (no newline), indenting if it starts a line.</summary>
    public IndentedTextWriter Write(string text)
    {
        if (text.Length == 0) return this;
        if (_atLineStart)
        {
            for (int i = 0; i < _depth; i++) _builder.Append(IndentUnit);
            _atLineStart = false;
        }
        _builder.Append(text);
        return this;
    }

    /// <summary>Writes <paramref name="text"/> and ends the line; an empty line carries no indentation.</summary>
    public IndentedTextWriter WriteLine(string text = "")
    {
        Write(text);
        _builder.Append('\n');
        _atLineStart = true;
        return this;
    }

    /// <summary>Writes several lines (split on <c>\n</c>), each at the current indentation.</summary>
    public IndentedTextWriter WriteLines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n')) WriteLine(line);
        return this;
    }

    /// <summary>Writes <paramref name="text"/> exactly as given plus a newline, ignoring indentation (for user code whose strings must not change).</summary>
    public IndentedTextWriter WriteRawLine(string text)
    {
        _builder.Append(text).Append('\n');
        _atLineStart = true;
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c> (plus <paramref name="closingSuffix"/>).</summary>
    public Block WriteBlock(string closingSuffix = "")
    {
        WriteLine("{");
        _depth++;
        return new Block(this, closingSuffix);
    }

    /// <summary>Indents until the returned scope is disposed (no braces).</summary>
    public Indent IncreaseIndent()
    {
        _depth++;
        return new Indent(this);
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();

    /// <summary>The scope of <see cref="WriteBlock"/>.</summary>
    public readonly struct Block : IDisposable
    {
        private readonly IndentedTextWriter _writer;
        private readonly string _suffix;

        public Block(IndentedTextWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine("}" + _suffix);
        }
    }

    /// <summary>The scope of <see cref="IncreaseIndent"/>.</summary>
    public readonly struct Indent : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        public Indent(IndentedTextWriter writer) => _writer = writer;

        public void Dispose() => _writer._depth--;
    }
}
