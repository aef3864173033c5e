namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loop bodies written as helpers that take the counter as an <c>int</c> (JAX's <c>body_fun(i, carry)</c>): each helper
/// runs as a traced twin with the counter a 0-d tensor. Helpers here, in another part of this type
/// (<c>HelperBodies.Parts.cs</c>), in another type (<see cref="HelperMath"/>), <c>[Compile]</c> or not, static or instance
/// (<see cref="HelperScaler"/>).
/// </summary>
public static partial class HelperBodies
{
    private static Tensor Step(Tensor x, int i) => x * i + 1;

    /// <summary><c>x = x * i + 1</c> for i = 0 … n-1, through a helper.</summary>
    [Compile]
    public static Tensor Fori(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Step(x, i);
        return x;
    }

    /// <summary>The counter in an <c>if</c>, a tensor index, <c>Math.Min</c> and a default parameter left out.</summary>
    private static Tensor Mixed(Tensor x, Tensor table, int i, int limit = 2)
    {
        var y = x * 0.5f;
        if (i % 2 == 0) y = y + table[i];
        return y + Math.Min(i, limit);
    }

    /// <summary>Row i of <paramref name="table"/> added at even steps, then <c>min(i, 2)</c>.</summary>
    [Compile]
    public static Tensor Branchy(Tensor x, Tensor table)
    {
        for (int i = 0; i < table.Shape[0]; i++) x = Mixed(x, table, i);
        return x;
    }

    /// <summary>A helper returning a number of the counter, and one calling another helper with it.</summary>
    private static int Twice(int i) => 2 * i;

    private static Tensor Outer(Tensor x, int i) => Inner(x, i + 1) - Twice(i);

    private static Tensor Inner(Tensor x, int k) => x + k * 0.25f;

    /// <summary><c>x = x + (i + 1) / 4 - 2i + 2i</c>: helpers calling helpers, a returned int.</summary>
    [Compile]
    public static Tensor Nested(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Outer(x, i) + Twice(i);
        return x;
    }

    /// <summary>Helpers in another part of this type and in another type, one of them <c>[Compile]</c>; the helper shared by two loops.</summary>
    [Compile]
    public static Tensor Elsewhere(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = PartStep(x, i) + HelperMath.Decay(x, i);
        for (int j = 0; j < n; j++) x = CompiledStep(x, j);
        return x;
    }

    /// <summary>The counter converted to a float parameter, as the plain call converts it (<c>s / 2</c> is not integer division).</summary>
    private static Tensor Halve(Tensor x, float s) => x + s / 2;

    /// <summary>The counter as a float parameter, passed by name.</summary>
    [Compile]
    public static Tensor Widened(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Halve(s: i, x: x);
        return x;
    }

    /// <summary>A <c>[Compile]</c> helper: called with a C# int it runs its own compiled entry; in a loop its twin.</summary>
    [Compile]
    public static Tensor CompiledStep(Tensor x, int i) => x * 0.5f + i;

    /// <summary>A smooth body of the counter for gradients: <c>x = tanh(x * (0.5 + 0.1 i)) + 0.01 i</c>.</summary>
    private static Tensor Smooth(Tensor x, int i) => (x * (0.5 + 0.1 * i)).Tanh() + 0.01 * i;

    [Compile]
    public static Tensor SmoothLoop(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Smooth(x, i);
        return x;
    }
}

/// <summary>A helper of another type: its twin is written in the caller's, so it may only read what that type can reach.</summary>
internal static class HelperMath
{
    internal static Tensor Decay(Tensor x, int i) => x * (1f / (i + 1));
}

/// <summary>An instance helper reading a field, called from an instance <c>[Compile]</c> method.</summary>
public sealed partial class HelperScaler
{
    private readonly float _scale;

    public HelperScaler(float scale) => _scale = scale;

    private Tensor Scaled(Tensor x, int i) => x * _scale + i;

    [Compile]
    public Tensor Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Scaled(x, i);
        return x;
    }
}
