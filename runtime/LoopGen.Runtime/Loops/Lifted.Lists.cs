namespace LoopGen;

public static partial class Lifted
{
    /// <summary>
    /// The list a <c>[Compile]</c> method returning <c>List&lt;Tensor&gt;</c> gives back: the rows of its loop's stacked
    /// output, one per iteration (none when the loop ran no iteration, or when no loop filled the list: null), so the
    /// compiled call returns what the plain method's list holds.
    /// </summary>
    /// <param name="stacked">The loop's stacked output, <c>[n, …row]</c>, or null.</param>
    public static List<Tensor> Rows(Tensor? stacked)
    {
        var rows = new List<Tensor>(stacked is null ? 0 : stacked.Shape[0]);
        if (stacked is null) return rows;
        if (stacked.Rank == 0) throw new ArgumentException("Rows: a collected list's stacked output has a leading axis of iterations", nameof(stacked));
        for (int i = 0; i < stacked.Shape[0]; i++) rows.Add(stacked[i]);
        return rows;
    }
}
