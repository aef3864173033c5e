namespace LoopGen.Tests.Support;

/// <summary>Fresh random inputs for every test run; the seed is printed on failure through the data itself.</summary>
internal static class Rand
{
    private static readonly System.Random s_random = new();

    public static float[] Floats(int n, float lo = -2f, float hi = 2f)
    {
        var a = new float[n];
        lock (s_random) for (int i = 0; i < n; i++) a[i] = lo + (float)s_random.NextDouble() * (hi - lo);
        return a;
    }

    public static double[] Doubles(int n, double lo = -2, double hi = 2)
    {
        var a = new double[n];
        lock (s_random) for (int i = 0; i < n; i++) a[i] = lo + s_random.NextDouble() * (hi - lo);
        return a;
    }

    public static int[] Ints(int n, int lo = -50, int hi = 50)
    {
        var a = new int[n];
        lock (s_random) for (int i = 0; i < n; i++) a[i] = s_random.Next(lo, hi);
        return a;
    }

    public static long[] Longs(int n, long lo = -50, long hi = 50)
    {
        var a = new long[n];
        lock (s_random) for (int i = 0; i < n; i++) a[i] = s_random.NextInt64(lo, hi);
        return a;
    }

    public static bool[] Bools(int n)
    {
        var a = new bool[n];
        lock (s_random) for (int i = 0; i < n; i++) a[i] = s_random.Next(2) == 1;
        return a;
    }

    public static int Int(int lo, int hi)
    {
        lock (s_random) return s_random.Next(lo, hi);
    }
}
