using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LoopGen.Tracing;

/// <summary>
/// Structured values ("pytrees" in JAX): a <see cref="Tensor"/>, a value tuple or a <c>Tensor[]</c> of them, with
/// C# primitives, strings and enums as static leaves where allowed. Loops and compiled functions flatten such
/// values to tensor lists and rebuild them with the same structure.
/// </summary>
internal static class Tree
{
    /// <summary>One leaf: a tensor, or a static value, with its path from the root (<c>init.Item2[0]</c>).</summary>
    public readonly record struct Leaf(Tensor? Tensor, object? Static, string Path);

    /// <summary>Flattens <paramref name="value"/> in depth-first order.</summary>
    /// <param name="value">The value.</param>
    /// <param name="root">The name of the root, used in paths.</param>
    /// <param name="allowStatic">Whether primitives are allowed as static leaves; otherwise they are an error.</param>
    /// <param name="what">What the value is, for messages ("loop carry", "argument").</param>
    public static List<Leaf> Flatten(object? value, string root, bool allowStatic, string what)
    {
        var leaves = new List<Leaf>();
        Walk(value, root, leaves, allowStatic, what);
        return leaves;
    }

    /// <summary>Flattens and returns only the tensor leaves.</summary>
    public static Tensor[] Tensors(object? value, string root, string what) =>
        [.. Flatten(value, root, allowStatic: false, what).Select(l => l.Tensor!)];

    private static void Walk(object? value, string path, List<Leaf> leaves, bool allowStatic, string what)
    {
        switch (value)
        {
            case Tensor t:
                leaves.Add(new Leaf(t, null, path));
                return;
            case null:
                throw new ArgumentNullException(path, $"{what} '{path}' is null; every leaf must be a Tensor");
            case Tensor[] array:
                for (int i = 0; i < array.Length; i++) Walk(array[i], $"{path}[{i}]", leaves, allowStatic, what);
                return;
            case ITuple tuple when IsValueTuple(value.GetType()):
                for (int i = 0; i < tuple.Length; i++) Walk(tuple[i], $"{path}.Item{i + 1}", leaves, allowStatic, what);
                return;
            default:
                if (allowStatic && IsStatic(value.GetType()))
                {
                    leaves.Add(new Leaf(null, value, path));
                    return;
                }
                throw new NotSupportedException(IsStatic(value.GetType())
                    ? $"{what} '{path}' is a C# {value.GetType().Name}: its value is fixed when the code is traced, so it cannot change "
                      + $"from one iteration to the next. Make it a Tensor (e.g. (Tensor){FormatStatic(value)}); C# numbers convert implicitly."
                    : $"{what} '{path}' has type {value.GetType().Name}; supported are Tensor, Tensor[] and value tuples of them"
                      + (allowStatic ? ", with bool/int/long/float/double/string/enum values as static arguments" : ""));
        }
    }

    /// <summary>
    /// Rebuilds a value with <paramref name="template"/>'s structure, replacing each tensor leaf (in flatten order)
    /// with <paramref name="map"/>(leaf); static leaves are kept.
    /// </summary>
    public static object? Rebuild(object? template, Func<Tensor, Tensor> map) => template switch
    {
        Tensor t => map(t),
        Tensor[] array => array.Select(map).ToArray(),
        ITuple tuple when IsValueTuple(template.GetType()) => RebuildTuple(template.GetType(), tuple, map),
        _ => template,
    };

    // Value tuples reach here from user code that constructs them, so their constructors and fields are kept.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "ValueTuple constructors used by user code are preserved.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "ValueTuple.Rest is a public field of a type user code uses.")]
    private static object RebuildTuple(Type type, ITuple tuple, Func<Tensor, Tensor> map)
    {
        // ValueTuple's fields (Item1…Item7, Rest) are the constructor's parameters in order.
        var items = new object?[type.GetGenericArguments().Length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = i == 7 ? Rebuild(type.GetField("Rest")!.GetValue(tuple), map) : Rebuild(tuple[i], map);
        }
        return Activator.CreateInstance(type, items)!;
    }

    /// <summary>Rebuilds <paramref name="template"/> with tensors taken in order from <paramref name="leaves"/>.</summary>
    public static object? Rebuild(object? template, IReadOnlyList<Tensor> leaves)
    {
        int next = 0;
        var result = Rebuild(template, _ => leaves[next++]);
        if (next != leaves.Count) throw new InvalidOperationException($"structure has {next} tensors, {leaves.Count} given");
        return result;
    }

    private static bool IsValueTuple(Type type) =>
        type.IsGenericType && type.FullName is { } name && name.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    private static bool IsStatic(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static string FormatStatic(object value) =>
        Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? value.ToString() ?? "";
}
