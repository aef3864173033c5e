namespace LoopGen.Generator.Lifting;

/// <summary>
/// Why a method (or a loop in it) cannot be lifted: a stable code, a message naming the variable or statement, and
/// where. The analyzers (issue 4) turn these into diagnostics; the generator only skips the method and says why
/// in a comment of the generated file.
/// </summary>
/// <param name="Code">A stable identifier of the problem (later the diagnostic id).</param>
/// <param name="Message">The message, naming the variable or statement.</param>
/// <param name="FilePath">The file.</param>
/// <param name="Start">Span start in the file.</param>
/// <param name="Length">Span length.</param>
/// <param name="Line">1-based line, for messages.</param>
internal sealed record LiftProblem(string Code, string Message, string FilePath, int Start, int Length, int Line);
