using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>How a loop is lifted.</summary>
internal enum LoopKind
{
    /// <summary>A counted <c>for</c>: <c>Loop.Fori</c> (or <c>Loop.Scan</c> when it collects outputs).</summary>
    Fori,

    /// <summary>A <c>for</c> that is not counted: its counters become carries of a <c>Loop.While</c>.</summary>
    ForAsWhile,

    /// <summary><c>while</c>: <c>Loop.While</c>.</summary>
    While,

    /// <summary><c>do … while</c>: <c>Loop.While</c> with a first-iteration flag.</summary>
    DoWhile,

    /// <summary><c>foreach</c> over a tensor's rows: <c>Loop.Fori</c> over the leading axis.</summary>
    Foreach,

    /// <summary><c>foreach (var i in Enumerable.Range(start, count))</c>: <c>Loop.Fori(start, start + count)</c>.</summary>
    RangeForeach,

    /// <summary>A <c>foreach</c> (over a tensor's rows or a range) that breaks: <c>Loop.While</c> over an index it carries.</summary>
    ForeachAsWhile,
}

/// <summary>What a loop carries and how it counts.</summary>
internal sealed class LoopPlan
{
    public LoopPlan(StatementSyntax statement, LoopKind kind, List<ISymbol> carries)
    {
        Statement = statement;
        Kind = kind;
        Carries = carries;
    }

    public StatementSyntax Statement { get; }

    public LoopKind Kind { get; set; }

    /// <summary>Variables declared outside the loop whose values cross an iteration or leave the loop.</summary>
    public List<ISymbol> Carries { get; }

    /// <summary>For <see cref="LoopKind.Fori"/>: the counted form.</summary>
    public ForiPattern? Fori { get; set; }

    /// <summary>For <see cref="LoopKind.RangeForeach"/>: the range.</summary>
    public RangePattern? Range { get; set; }

    /// <summary>The carried flag <c>break</c> sets, when the body breaks out of this loop.</summary>
    public string? BreakFlag { get; set; }

    /// <summary>The per-iteration flag <c>continue</c> sets, when the body continues this loop.</summary>
    public string? ContinueFlag { get; set; }

    /// <summary>The counter step its condition makes (<c>while (++i &lt; n)</c>), modelled apart from the condition.</summary>
    public ConditionCounter? ConditionCounter { get; set; }

    /// <summary>Lists this loop fills with <c>Add</c> (one output each).</summary>
    public List<CollectedList> Outputs { get; } = new();
}

/// <summary>A <c>List&lt;Tensor&gt;</c> filled by one loop and turned into a tensor after it.</summary>
internal sealed class CollectedList
{
    public CollectedList(ISymbol list, LocalDeclarationStatementSyntax declaration, StatementSyntax loop, ExpressionStatementSyntax add)
    {
        List = list;
        Declaration = declaration;
        Loop = loop;
        Add = add;
    }

    public ISymbol List { get; }

    public LocalDeclarationStatementSyntax Declaration { get; }

    public StatementSyntax Loop { get; }

    /// <summary>The <c>list.Add(value);</c> statement in the loop body.</summary>
    public ExpressionStatementSyntax Add { get; }

    /// <summary>The variable holding the stacked output in the twin.</summary>
    public string StackedName => "__stacked_" + List.Name;
}

/// <summary>A traced <c>if</c>: its outputs and the state its branches start from.</summary>
internal sealed class CondPlan
{
    /// <summary>Written inside, assigned before: passed in as state and returned.</summary>
    public List<ISymbol> State { get; } = new();

    /// <summary>Written inside, assigned by both branches but not before: declared in each branch and returned.</summary>
    public List<ISymbol> Produced { get; } = new();

    /// <summary>Written inside, not needed after: declared in each branch only.</summary>
    public List<ISymbol> Temporaries { get; } = new();
}
