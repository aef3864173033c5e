using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Tests.Variants;

/// <summary>
/// Runs every generated compiled entry of a built assembly against its eager reference on random inputs: for each
/// static <c>XCompiled</c> with an <c>XEager</c> beside it, arguments are drawn (tensors of a few shapes, small ints)
/// until the eager method accepts them, then both run and must agree. The plain method decides what inputs are valid.
/// </summary>
internal static class KernelRunner
{
    // Scalars first (limits and counters), then vectors and matrices; values in [0, 1) so that a loop such as
    // while (x.Sum() > limit) x *= 0.5f ends in the plain method, as the kernels' own tests assume.
    private static readonly int[][] Shapes = [[], [3], [4, 3], [2, 2], [5]];

    /// <summary>Builds the generator's output compilation into an assembly (in memory) and loads it.</summary>
    public static Assembly Load(Microsoft.CodeAnalysis.Compilation output)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, "emit failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>Compares every compiled entry with its eager twin (of the types <paramref name="include"/> and the method names <paramref name="method"/> take, all by default); returns how many methods were compared.</summary>
    public static int CompareAll(Assembly assembly, int seed, Func<Type, bool>? include = null, Func<string, bool>? method = null)
    {
        int compared = 0;
        foreach (var type in assembly.GetTypes())
        {
            // An open generic type's methods cannot be invoked; a filtered-out type is not under test.
            if (type.ContainsGenericParameters || include?.Invoke(type) == false) continue;
            foreach (var compiled in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m.Name.EndsWith("Compiled", StringComparison.Ordinal)))
            {
                var eager = type.GetMethod(compiled.Name[..^"Compiled".Length] + "Eager", BindingFlags.Public | BindingFlags.Static, compiled.GetParameters().Select(p => p.ParameterType).ToArray());
                if (eager is null || compiled.GetCustomAttributes().All(a => a.GetType().Name != "GeneratedCodeAttribute")) continue;
                if (method?.Invoke(eager.Name[..^"Eager".Length]) == false) continue;
                if (Compare(type, compiled, eager, seed)) compared++;
            }
        }
        return compared;
    }

    private static bool Compare(Type type, MethodInfo compiled, MethodInfo eager, int seed)
    {
        var rng = new Random(seed);
        for (int attempt = 0; attempt < 4 * Shapes.Length; attempt++)
        {
            var args = compiled.GetParameters().Select(p => Draw(p.ParameterType, rng, attempt)).ToArray();
            if (args.Any(a => a is null)) return false;
            object? expected;
            try
            {
                expected = Bounded(() => eager.Invoke(null, args), $"{type.Name}.{eager.Name}({Describe(args)})");
            }
            catch (TargetInvocationException)
            {
                continue; // not inputs this method takes: draw others
            }
            object? actual;
            try
            {
                actual = Bounded(() => compiled.Invoke(null, args), $"{type.Name}.{compiled.Name}({Describe(args)})");
            }
            catch (TargetInvocationException e) when (e.InnerException is LoopCarryException)
            {
                // The documented rule: a carry keeps its dtype and shape (eager lets it change). Try other inputs.
                continue;
            }
            catch (TargetInvocationException e)
            {
                Assert.Fail($"{type.Name}.{compiled.Name}({Describe(args)}) threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}; eager returned {Describe(expected)}");
                return false;
            }
            AssertClose(expected, actual, $"{type.Name}.{compiled.Name}({Describe(args)})");
            return true;
        }
        return false;
    }

    /// <summary>A call that must end within a minute: a hang is a failure that names the call, not a stuck test run.</summary>
    private static object? Bounded(Func<object?> call, string what)
    {
        var task = Task.Run(call);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60))) Assert.Fail($"{what} did not return within 60 s");
        return task.GetAwaiter().GetResult();
    }

    private static object? Draw(Type t, Random rng, int attempt)
    {
        if (t == typeof(Tensor))
        {
            var shape = Shapes[attempt % Shapes.Length];
            var data = new double[shape.Aggregate(1, (a, b) => a * b)];
            for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble();
            var t64 = Tensor.From(data, shape);
            return attempt / Shapes.Length % 2 == 0 ? t64.Cast<float>() : t64; // f32 first, then f64
        }
        if (t == typeof(int)) return rng.Next(1, 5);
        if (t == typeof(long)) return (long)rng.Next(1, 5);
        if (t == typeof(float)) return (float)rng.NextDouble();
        if (t == typeof(double)) return rng.NextDouble();
        if (t == typeof(bool)) return rng.Next(2) == 0;
        return null;
    }

    private static string Describe(object? o) => o switch
    {
        null => "null",
        Tensor x => "Tensor" + x.Shape,
        object[] a => string.Join(", ", a.Select(Describe)),
        _ => o.ToString() ?? "",
    };

    private static void AssertClose(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case Tensor e:
                var a = Assert.IsType<Tensor>(actual);
                Assert.True(e.Shape.ToArray().SequenceEqual(a.Shape.ToArray()), $"{path}: shape {e.Shape} vs {a.Shape}");
                Assert.Equal(e.DType, a.DType);
                var ev = e.Cast<double>().ToArray<double>();
                var av = a.Cast<double>().ToArray<double>();
                for (int i = 0; i < ev.Length; i++) Number(ev[i], av[i], $"{path}[{i}]");
                break;
            case Tensor[] e:
                var arr = Assert.IsType<Tensor[]>(actual);
                Assert.Equal(e.Length, arr.Length);
                for (int i = 0; i < e.Length; i++) AssertClose(e[i], arr[i], $"{path}[{i}]");
                break;
            case List<Tensor> e:
                // A method returning the list its loop collects: the same count and elements.
                var list = Assert.IsType<List<Tensor>>(actual);
                Assert.Equal(e.Count, list.Count);
                for (int i = 0; i < e.Count; i++) AssertClose(e[i], list[i], $"{path}[{i}]");
                break;
            case ITuple e:
                var t = Assert.IsAssignableFrom<ITuple>(actual);
                Assert.Equal(e.Length, t.Length);
                for (int i = 0; i < e.Length; i++) AssertClose(e[i], t[i], $"{path}.Item{i + 1}");
                break;
            case float or double or int or long:
                Number(Convert.ToDouble(expected), Convert.ToDouble(actual), path);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }

    private static void Number(double expected, double actual, string path) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)) || (double.IsNaN(expected) && double.IsNaN(actual)), $"{path}: expected {expected}, got {actual}");
}
