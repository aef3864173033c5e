using System.Collections.Generic;
using System.Collections.Immutable;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LoopGen.Analyzers;

/// <summary>
/// Every LoopGen diagnostic, and which lifter code each one reports. The message of a lifter problem already names
/// the variable or statement, so most descriptors take it whole (<c>{0}</c>).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LoopGen";

    /// <summary>Where an id's help page is: <c>docs/diagnostics/LG0001.md</c>, in the repository and in the LoopGen package.</summary>
    public static string HelpPage(string id) => $"docs/diagnostics/{id}.md";

    /// <summary>
    /// The description the IDE shows with a diagnostic: where its page is. No <c>helpLinkUri</c>: the pages ship with the
    /// package and the repository, and no web address is known to serve them, so none is claimed.
    /// </summary>
    public static string Description(string id) =>
        $"Help: {HelpPage(id)}, in the LoopGen package (next to its README.md) and in the LoopGen repository.";

    public static readonly DiagnosticDescriptor MethodCannotBeCompiled = Error(
        DiagnosticIds.MethodCannotBeCompiled, "Method cannot be compiled", "'{0}' cannot be compiled: {1}");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        DiagnosticIds.TypeNotPartial, "Containing type is not partial",
        "'{0}' must be partial: LoopGen adds the compiled entries of its [Compile] method '{1}' to it");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        DiagnosticIds.UnsupportedStatement, "Statement cannot be lifted", "{0}");

    public static readonly DiagnosticDescriptor UntraceableCall = Error(
        DiagnosticIds.UntraceableCall, "Call cannot be traced in a lifted loop", "{0}");

    public static readonly DiagnosticDescriptor OutsideStateWritten = Error(
        DiagnosticIds.OutsideStateWritten, "Lifted loop writes state outside the method", "{0}");

    public static readonly DiagnosticDescriptor CarryShapeVaries = Error(
        DiagnosticIds.CarryShapeVaries, "Carry changes shape every iteration", "{0}");

    public static readonly DiagnosticDescriptor CarryTypeVaries = Error(
        DiagnosticIds.CarryTypeVaries, "Carry changes dtype across iterations", "{0}");

    public static readonly DiagnosticDescriptor UnsupportedCarry = Error(
        DiagnosticIds.UnsupportedCarry, "Carry has a type a compiled loop cannot carry", "{0}");

    public static readonly DiagnosticDescriptor TracedNumberAsValue = Error(
        DiagnosticIds.TracedNumberAsValue, "Number computed by the compiled code used as a C# value", "{0}");

    public static readonly DiagnosticDescriptor CollectedNeedsStaticTripCount = Error(
        DiagnosticIds.CollectedNeedsStaticTripCount, "Collected output needs a static trip count", "{0}");

    public static readonly DiagnosticDescriptor CollectedOutputMisused = Error(
        DiagnosticIds.CollectedOutputMisused, "Collected output used other than by Add, Stack or Concat", "{0}");

    public static readonly DiagnosticDescriptor DynamicTripCount = new(
        DiagnosticIds.DynamicTripCount, "Loop has a dynamic trip count", "{0}", Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, description: Description(DiagnosticIds.DynamicTripCount));

    // Off by default: static trip counts are the design's default (scan semantics, gradients, collected outputs), so
    // most methods with an `int n` would get the note; users who call with many values turn it on in .editorconfig.
    public static readonly DiagnosticDescriptor RecompilesPerValue = new(
        DiagnosticIds.RecompilesPerValue, "Static parameter only sets trip counts", "{0}", Category,
        DiagnosticSeverity.Info, isEnabledByDefault: false, description: Description(DiagnosticIds.RecompilesPerValue));

    public static readonly DiagnosticDescriptor HostRead = Error(
        DiagnosticIds.HostRead, "Tensor value read back to C# inside a lifted loop", "{0}");

    public static readonly DiagnosticDescriptor ArgumentRead = Error(
        DiagnosticIds.ArgumentRead, "Tensor argument read back to C# in a compiled method", "{0}");

    public static readonly DiagnosticDescriptor UnrolledForeach = new(
        DiagnosticIds.UnrolledForeach, "foreach over a C# collection is unrolled", "{0}", Category,
        DiagnosticSeverity.Info, isEnabledByDefault: true, description: Description(DiagnosticIds.UnrolledForeach));

    public static readonly DiagnosticDescriptor UnboundedSize = Error(
        DiagnosticIds.UnboundedSize, "Size read from the data has no bound", "{0}");

    public static readonly DiagnosticDescriptor BoundedCollected = Error(
        DiagnosticIds.BoundedCollected, "Pieces of data-dependent size must be concatenated", "{0}");

    public static readonly DiagnosticDescriptor UnslicedRange = Error(
        DiagnosticIds.UnslicedRange, "Range with a data-dependent bound cannot be sliced", "{0}");

    public static readonly DiagnosticDescriptor UnliftedSwitch = Error(
        DiagnosticIds.UnliftedSwitch, "Switch on a computed number cannot be lifted", "{0}");

    public static readonly DiagnosticDescriptor ConditionWrites = Error(
        DiagnosticIds.ConditionWrites, "Loop condition writes a variable", "{0}");

    public static readonly DiagnosticDescriptor BoundedShape = Error(
        DiagnosticIds.BoundedShape, "Tensor of data-dependent size used where its whole shape is needed", "{0}");

    public static readonly DiagnosticDescriptor TensorAsText = Error(
        DiagnosticIds.TensorAsText, "Tensor turned into text in a compiled method", "{0}");

    /// <summary>All descriptors, in id order.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        MethodCannotBeCompiled, TypeNotPartial, UnsupportedStatement, UntraceableCall, OutsideStateWritten, CarryShapeVaries,
        CarryTypeVaries, UnsupportedCarry, TracedNumberAsValue, CollectedNeedsStaticTripCount, CollectedOutputMisused,
        DynamicTripCount, RecompilesPerValue, HostRead, UnrolledForeach, UnboundedSize, BoundedCollected, UnslicedRange, BoundedShape, UnliftedSwitch,
        ConditionWrites, ArgumentRead, TensorAsText, InternalErrors.Descriptor);

    /// <summary>The lifter's codes (problems and notes) and the descriptor that reports each.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ByCode = new Dictionary<string, DiagnosticDescriptor>
    {
        [LiftCodes.NoBody] = MethodCannotBeCompiled,
        [LiftCodes.NoDataFlow] = MethodCannotBeCompiled,
        [LiftCodes.TupleReturn] = MethodCannotBeCompiled,
        [LiftCodes.ReturnInLoop] = UnsupportedStatement,
        [LiftCodes.UnsupportedStatement] = UnsupportedStatement,
        [LiftCodes.BreakContinue] = UnsupportedStatement,
        [LiftCodes.ExitInTracedIf] = UnsupportedStatement,
        [LiftCodes.UntraceableCall] = UntraceableCall,
        [LiftCodes.CompiledCallee] = UntraceableCall,
        [LiftCodes.OutsideState] = OutsideStateWritten,
        [LiftCodes.CarryShape] = CarryShapeVaries,
        [LiftCodes.CarryDType] = CarryTypeVaries,
        [LiftCodes.CarryType] = UnsupportedCarry,
        [LiftCodes.TracedPrimitiveUse] = TracedNumberAsValue,
        [LiftCodes.CollectedNeedsStaticTripCount] = CollectedNeedsStaticTripCount,
        [LiftCodes.CollectedOutput] = CollectedOutputMisused,
        [LiftCodes.DynamicTripCount] = DynamicTripCount,
        [LiftCodes.RecompilesPerValue] = RecompilesPerValue,
        [LiftCodes.HostRead] = HostRead,
        [LiftCodes.ArgumentRead] = ArgumentRead,
        [LiftCodes.UnrolledForeach] = UnrolledForeach,
        [LiftCodes.UnboundedSize] = UnboundedSize,
        [LiftCodes.BoundedCollected] = BoundedCollected,
        [LiftCodes.UnslicedRange] = UnslicedRange,
        [LiftCodes.BoundedShape] = BoundedShape,
        [LiftCodes.UnliftedSwitch] = UnliftedSwitch,
        [LiftCodes.ConditionWrites] = ConditionWrites,
        [LiftCodes.TensorAsText] = TensorAsText,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Description(id));
}
