using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LoopGen.Backends.Pjrt;

/// <summary>A <c>PJRT_NamedValue</c> array in unmanaged memory, with its strings and lists, for <c>Client_Create</c>.</summary>
internal sealed unsafe class NamedValues : IDisposable
{
    private readonly List<nint> _allocations = [];

    public NamedValues(IReadOnlyDictionary<string, object>? options)
    {
        Count = options?.Count ?? 0;
        if (Count == 0) return;
        Pointer = Alloc(Count * NamedValue.StructSize);
        var values = (NamedValue*)Pointer;
        int i = 0;
        foreach (var (key, value) in options!)
        {
            var name = Encoding.UTF8.GetBytes(key);
            var v = new NamedValue { Size = NamedValue.StructSize, Name = Copy(name), NameSize = (nuint)name.Length, ValueSize = 1 };
            switch (value)
            {
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    v.Type = 0;
                    v.Value = Copy(bytes);
                    v.ValueSize = (nuint)bytes.Length;
                    break;
                case long or int:
                    v.Type = 1;
                    v.Value = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    break;
                case long[] list:
                    v.Type = 2;
                    v.Value = Copy(MemoryMarshal.AsBytes(list.AsSpan()).ToArray());
                    v.ValueSize = (nuint)list.Length;
                    break;
                case float f:
                    v.Type = 3;
                    v.Value = BitConverter.SingleToInt32Bits(f);
                    break;
                case bool b:
                    v.Type = 4;
                    v.Value = b ? 1 : 0;
                    break;
                default:
                    Dispose();
                    throw new ArgumentException($"PJRT client option '{key}' has type {value?.GetType().Name ?? "null"}; use string, long, long[], float or bool");
            }
            values[i++] = v;
        }
    }

    public nint Pointer { get; }

    public int Count { get; }

    private nint Alloc(int bytes)
    {
        var p = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
        _allocations.Add(p);
        return p;
    }

    private nint Copy(byte[] bytes)
    {
        var p = Alloc(bytes.Length);
        bytes.CopyTo(new Span<byte>((void*)p, bytes.Length));
        return p;
    }

    public void Dispose()
    {
        foreach (var p in _allocations) NativeMemory.Free((void*)p);
        _allocations.Clear();
    }
}
