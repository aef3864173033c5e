namespace LoopGen.EndToEnd.Kernels;

/// <summary>Nested loops: a rectangle, and a triangle whose inner bound is the outer counter.</summary>
public static partial class Nested
{
    [Compile]
    public static Tensor Grid(Tensor x, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) x = x * 0.9f + (i - j);
        }
        return x;
    }

    [Compile]
    public static Tensor Triangle(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) x = x + 1f;
        }
        return x;
    }
}
