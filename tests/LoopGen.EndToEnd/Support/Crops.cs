namespace LoopGen.EndToEnd.Support;

/// <summary>Inputs of the crop-and-concatenate kernels: a matrix and sorted split points (empty windows included).</summary>
internal static class Crops
{
    /// <summary>A random <c>[2, width]</c> matrix, 1 to 12 windows of random sorted split points in [0, width], and a crop of 0 to 6.</summary>
    public static (Tensor W, Tensor Splits, int Crop) Random(Random r)
    {
        var (w, splits, _) = Windows(r, r.Next(1, 13));
        return (w, splits, r.Next(0, 7));
    }

    /// <summary>
    /// <paramref name="windows"/> windows over a <c>[2, width]</c> matrix: sorted split points, repeats (empty windows)
    /// allowed; the width random, or <paramref name="width"/> (a lowering compared across trip counts keeps it wider than
    /// any crop, so only the trip count changes what is traced).
    /// </summary>
    public static (Tensor W, Tensor Splits, int Width) Windows(Random r, int windows, int? width = null)
    {
        int columns = width ?? r.Next(0, 5 * windows + 2);
        var points = new int[windows + 1];
        for (int i = 0; i < points.Length; i++) points[i] = r.Next(0, columns + 1);
        Array.Sort(points);
        return (Results.Random(r, 2, columns), Tensor.From(points, points.Length), columns);
    }

    /// <summary>The inputs a lowering for <paramref name="windows"/> windows uses: a fixed seed and 64 columns.</summary>
    public static (Tensor W, Tensor Splits) ForLowering(int windows)
    {
        var (w, splits, _) = Windows(new Random(1), windows, 64);
        return (w, splits);
    }
}
