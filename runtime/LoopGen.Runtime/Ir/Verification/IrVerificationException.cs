namespace LoopGen.Ir.Verification;

/// <summary>
/// A module breaks a StableHLO rule: the op, where it is, the rule (the spec's constraint id, such as
/// <c>broadcast_in_dim C5</c>) and the types involved. Thrown by <see cref="IrVerifier"/>.
/// </summary>
public sealed class IrVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IrVerificationException(string opName, string location, string constraint, string detail)
        : base($"{opName} at {location}: {constraint}: {detail}")
    {
        OpName = opName;
        Location = location;
        Constraint = constraint;
        Detail = detail;
    }

    /// <summary>The offending op's name, <c>stablehlo.add</c>.</summary>
    public string OpName { get; }

    /// <summary>Where the op is: function, op index and the regions above it (<c>@main op 3 (stablehlo.while) body op 1</c>).</summary>
    public string Location { get; }

    /// <summary>The rule broken: the spec's op and constraint id (<c>dot_general C10</c>) or a structural rule (<c>dominance</c>).</summary>
    public string Constraint { get; }

    /// <summary>What was found, with the shapes.</summary>
    public string Detail { get; }
}
