using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// The state of one call: one slot per value of the function (nested blocks included) and the call's buffer pool.
/// Nothing here is shared between calls, which is what makes executing a program thread-safe.
/// </summary>
internal sealed class Frame
{
    internal Frame(int slotCount, int classCount)
    {
        Slots = new Buf?[slotCount];
        Pool = new BufferPool(classCount);
    }

    /// <summary>The value slots.</summary>
    public Buf?[] Slots { get; }

    /// <summary>The call's pool.</summary>
    public BufferPool Pool { get; }

    /// <summary>The call's cancellation token, checked between loop iterations.</summary>
    public CancellationToken Token { get; set; }

    /// <summary>The buffer of operand <paramref name="i"/>.</summary>
    public Buf InBuf(Step s, int i) => Slots[s.In[i]] ?? throw Unset(s, i);

    /// <summary>The array of operand <paramref name="i"/>.</summary>
    public Array In(Step s, int i) => InBuf(s, i).Data;

    /// <summary>The typed array of operand <paramref name="i"/>.</summary>
    public T[] In<T>(Step s, int i) => (T[])InBuf(s, i).Data;

    /// <summary>Rents the buffer of result <paramref name="i"/> and stores it in its slot.</summary>
    public Buf Rent(Step s, int i)
    {
        var t = s.OutTypes[i];
        long count = s.OutCount[i];
        var b = Pool.Rent(s.OutClass[i], t.DType, count >= 0 ? count : t.Shape.ElementCount, t);
        b.Refs = 1;
        Slots[s.Out[i]] = b;
        return b;
    }

    /// <summary>Rents result <paramref name="i"/> as a typed array.</summary>
    public T[] Out<T>(Step s, int i) => (T[])Rent(s, i).Data;

    /// <summary>Stores <paramref name="b"/> in <paramref name="slot"/> as one more holder.</summary>
    public void Bind(int slot, Buf b)
    {
        if (b.Pooled) b.Refs++;
        Slots[slot] = b;
    }

    /// <summary>Takes one more hold on <paramref name="b"/> outside any slot (control-flow carries).</summary>
    public static void Hold(Buf b)
    {
        if (b.Pooled) b.Refs++;
    }

    /// <summary>Drops one hold; the array goes back to the pool when nobody holds it.</summary>
    public void Drop(Buf b)
    {
        if (b.Pooled && --b.Refs == 0) Pool.Return(b);
    }

    /// <summary>Empties a slot, dropping its hold.</summary>
    public void Release(int slot)
    {
        var b = Slots[slot];
        Slots[slot] = null;
        if (b is not null) Drop(b);
    }

    /// <summary>Runs a block up to its terminator; the caller reads <see cref="BlockPlan.Returns"/> and then calls <see cref="FinishBlock"/>.</summary>
    public void RunBlock(BlockPlan block)
    {
        foreach (var slot in block.ReleaseAtEntry) Release(slot);
        foreach (var step in block.Steps)
        {
            step.Kernel(this, step);
            foreach (var slot in step.ReleaseAfter) Release(slot);
        }
    }

    /// <summary>Releases what died at the block's terminator, after the parent took its own holds on the returned values.</summary>
    public void FinishBlock(BlockPlan block)
    {
        foreach (var slot in block.ReleaseAtReturn) Release(slot);
    }

    /// <summary>The buffer a block returns at position <paramref name="i"/>.</summary>
    public Buf Returned(BlockPlan block, int i) => Slots[block.Returns[i]] ?? throw new InvalidOperationException("interpreter: a block returned an unset value");

    private static InvalidOperationException Unset(Step s, int i) =>
        new($"{s.Name}: operand {i} has no value (used before it was defined, or released too early)");

    /// <summary>Checks that a buffer has the type a step declares for it.</summary>
    public static void CheckType(Step s, string what, TensorType expected, TensorType actual)
    {
        if (expected != actual) throw new ArgumentException($"{s.Name}: {what} has type {actual}, the op declares {expected}");
    }
}
