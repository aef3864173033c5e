using System.Runtime.InteropServices;

namespace LoopGen.Backends.Pjrt;

/// <summary>
/// A loaded plugin's <c>PJRT_Api</c> table: the version, and typed access to the function slots, each checked to lie
/// inside the table the plugin declares and to be non-null before it is called.
/// </summary>
internal sealed unsafe class PjrtApi
{
    private readonly byte* _table;
    private readonly nuint _tableSize;

    private PjrtApi(string path, nint library, byte* table)
    {
        Path = path;
        Library = library;
        _table = table;
        _tableSize = *(nuint*)table;
        Major = *(int*)(table + PjrtSlots.VersionMajor);
        Minor = *(int*)(table + PjrtSlots.VersionMinor);
    }

    public string Path { get; }

    public nint Library { get; }

    public int Major { get; }

    public int Minor { get; }

    /// <summary>Loads a plugin and reads its table; every way this can fail is a <see cref="PjrtException"/> that says why.</summary>
    public static PjrtApi Load(string path)
    {
        if (!File.Exists(path)) throw new PjrtException($"PJRT plugin not found: '{path}' does not exist");
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new PjrtException($"PJRT plugin '{path}' could not be loaded: {e.Message}", inner: e);
        }
        if (!NativeLibrary.TryGetExport(library, "GetPjrtApi", out var getApi))
        {
            throw new PjrtException($"'{path}' is not a PJRT plugin: it does not export GetPjrtApi");
        }
        var table = ((delegate* unmanaged<byte*>)getApi)();
        if (table is null) throw new PjrtException($"PJRT plugin '{path}': GetPjrtApi returned null");
        return FromTable(path, library, table);
    }

    /// <summary>Wraps a table already in memory (tests build fake ones); checks the version.</summary>
    internal static PjrtApi FromTable(string path, nint library, byte* table)
    {
        var api = new PjrtApi(path, library, table);
        if (api._tableSize < PjrtSlots.ErrorGetCode + 8)
        {
            throw new PjrtException($"PJRT plugin '{path}' declares an API table of {api._tableSize} bytes, too small to be real");
        }
        if (api.Major != 0 || api.Minor < PjrtSlots.MinimumMinor)
        {
            throw new PjrtException(
                $"PJRT plugin '{path}' implements PJRT C API {api.Major}.{api.Minor}; LoopGen needs 0.{PjrtSlots.MinimumMinor} or newer within major version 0. "
                + "Use a newer plugin (e.g. the jax-cuda plugin of a recent JAX).");
        }
        return api;
    }

    /// <summary>The function at <paramref name="offset"/>, or a clear error if the plugin does not provide it.</summary>
    public nint Slot(int offset, string name)
    {
        if ((nuint)offset + 8 > _tableSize)
        {
            throw new PjrtException($"PJRT plugin '{Path}' (API 0.{Minor}) has no {name}: its table ends at byte {_tableSize}", PjrtErrorCode.Unimplemented);
        }
        var fn = *(nint*)(_table + offset);
        if (fn == 0) throw new PjrtException($"PJRT plugin '{Path}' leaves {name} unimplemented", PjrtErrorCode.Unimplemented);
        return fn;
    }

    /// <summary>Whether the plugin provides the function at <paramref name="offset"/> (inside its table and non-null).</summary>
    public bool Has(int offset) => (nuint)offset + 8 <= _tableSize && *(nint*)(_table + offset) != 0;

    /// <summary>Calls a slot with one args struct; a non-null error becomes a <see cref="PjrtException"/> naming the call.</summary>
    public void Call<T>(int offset, string name, ref T args)
        where T : unmanaged
    {
        var fn = (delegate* unmanaged<T*, nint>)Slot(offset, name);
        nint error;
        fixed (T* p = &args) error = fn(p);
        if (error != 0) throw ErrorToException(error, name);
    }

    /// <summary>Reads an error's message and code, destroys it, and returns the exception.</summary>
    public PjrtException ErrorToException(nint error, string during)
    {
        string message = "(no message)";
        var code = PjrtErrorCode.Unknown;
        try
        {
            var m = new ErrorMessageArgs { Size = ErrorMessageArgs.StructSize, Error = error };
            ((delegate* unmanaged<ErrorMessageArgs*, void>)Slot(PjrtSlots.ErrorMessage, "PJRT_Error_Message"))(&m);
            if (m.Message != 0) message = Marshal.PtrToStringUTF8(m.Message, (int)m.MessageSize);
            var c = new ErrorGetCodeArgs { Size = ErrorGetCodeArgs.StructSize, Error = error };
            var getCode = (delegate* unmanaged<ErrorGetCodeArgs*, nint>)Slot(PjrtSlots.ErrorGetCode, "PJRT_Error_GetCode");
            if (getCode(&c) == 0) code = (PjrtErrorCode)c.Code;
        }
        finally
        {
            var d = new ErrorDestroyArgs { Size = ErrorDestroyArgs.StructSize, Error = error };
            ((delegate* unmanaged<ErrorDestroyArgs*, void>)Slot(PjrtSlots.ErrorDestroy, "PJRT_Error_Destroy"))(&d);
        }
        return new PjrtException($"{during} failed ({code}): {message}", code);
    }

    /// <summary>Destroys a handle with a <c>{hdr, handle}</c> destroy function, ignoring nothing: errors are reported.</summary>
    public void Destroy(int offset, string name, nint handle)
    {
        if (handle == 0) return;
        var args = new HandleArgs { Size = HandleArgs.StructSize, Handle = handle };
        Call(offset, name, ref args);
    }

    /// <summary>Waits for an event and destroys it; an event's error is reported as the failure of <paramref name="during"/>.</summary>
    public void AwaitAndDestroy(nint evt, string during)
    {
        if (evt == 0) return;
        try
        {
            var args = new HandleArgs { Size = HandleArgs.StructSize, Handle = evt };
            Call(PjrtSlots.EventAwait, during, ref args);
        }
        finally
        {
            Destroy(PjrtSlots.EventDestroy, "PJRT_Event_Destroy", evt);
        }
    }
}
