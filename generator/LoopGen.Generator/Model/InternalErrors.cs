using System;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Model;

/// <summary>
/// LG9999: a bug in LoopGen met this method. The generator and the analyzers never throw: the method is left eager
/// (its calls run the plain C#), and this warning says so at the method, with the exception's message.
/// </summary>
internal static class InternalErrors
{
    public const string Id = "LG9999";

    public static readonly DiagnosticDescriptor Descriptor = new(
        Id,
        "LoopGen internal error",
        "LoopGen could not process '{0}' and left it eager (internal error: {1}); the method runs as plain C#, please report this",
        "LoopGen",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Help: docs/diagnostics/" + Id + ".md, in the LoopGen package (next to its README.md) and in the LoopGen repository.");

    /// <summary>The message of an exception on one line.</summary>
    public static string Describe(Exception e) => e.GetType().Name + ": " + e.Message.Replace('\r', ' ').Replace('\n', ' ');
}
