namespace LoopGen;

public sealed partial class Tensor
{
    /// <summary>
    /// The rows along the leading axis, so <c>foreach (var row in xs)</c> is plain C# (eagerly, row by row). Inside a
    /// <c>[Compile]</c> method the generator lifts such a loop into one scan over <c>xs</c>. Deliberately not
    /// <see cref="IEnumerable{T}"/>: a tensor is not a collection of tensors to the rest of the API.
    /// </summary>
    public IEnumerator<Tensor> GetEnumerator()
    {
        if (Rank == 0) throw new InvalidOperationException($"cannot iterate over a 0-d tensor ({Type}); foreach visits the rows of the leading axis");
        int n = Shape[0];
        for (int i = 0; i < n; i++) yield return this[i];
    }
}
