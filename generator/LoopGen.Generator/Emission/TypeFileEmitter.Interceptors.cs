using System.Linq;
using LoopGen.Generator.Model;
using LoopGen.Generator.Parsing;

namespace LoopGen.Generator.Emission;

internal static partial class TypeFileEmitter
{
    /// <summary>
    /// Writes the interceptors of the file's calls: one method per target method, with one
    /// <c>[InterceptsLocation]</c> per call, forwarding to the compiled entry; then the file-local attribute.
    /// </summary>
    private static void WriteInterceptors(IndentedTextWriter w, TypeFileModel file)
    {
        var hierarchy = file.Hierarchy;
        string typeName = hierarchy.FullyQualifiedName;
        w.WriteLine();
        w.WriteLine("namespace " + Naming.InterceptorsNamespace);
        using (w.WriteBlock())
        {
            // file static class TypeInterceptors { [InterceptsLocation(1, "…")] // File.cs(3,5)  public static R M_0(…) => global::NS.Type.MCompiled(…); }
            w.WriteLine("file static class " + Identifiers.Unescape(hierarchy.Types[hierarchy.Types.Count - 1].Name) + "Interceptors");
            using (w.WriteBlock())
            {
                bool first = true;
                foreach (var method in file.Methods.Where(m => m.IsGenerated && m.IsInterceptable))
                {
                    var calls = file.Interceptions.Where(i => i.MethodName == method.Name && i.Ordinal == method.Ordinal).ToList();
                    if (calls.Count == 0) continue;
                    if (!first) w.WriteLine();
                    first = false;
                    foreach (var call in calls)
                    {
                        w.WriteLine($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.Version}, \"{call.Data}\")] // {call.Display}");
                    }
                    string self = method.Parameters.Any(p => Identifiers.Unescape(p.Name) == "self") ? "__self" : "self";
                    var parameters = method.Parameters.Select(p => p.Type + " " + p.Name);
                    if (!method.IsStatic) parameters = new[] { "this " + typeName + " " + self }.Concat(parameters);
                    string arguments = string.Join(", ", method.Parameters.Select(p => p.Name));
                    string receiver = method.IsStatic ? typeName : self;
                    w.WriteLine("public static " + method.ReturnType + " " + Identifiers.Unescape(method.Name) + "_" + method.Ordinal
                        + "(" + string.Join(", ", parameters) + ") => " + receiver + "." + Identifiers.Escape(Naming.CompiledEntry(Identifiers.Unescape(method.Name))) + "(" + arguments + ");");
                }
            }
        }
        w.WriteLine();
        WriteInterceptsLocationAttribute(w);
    }

    /// <summary>The attribute is file-local: every generated file declares its own, so none clashes with another generator's.</summary>
    internal static void WriteInterceptsLocationAttribute(IndentedTextWriter w)
    {
        w.WriteLine("namespace System.Runtime.CompilerServices");
        using (w.WriteBlock())
        {
            w.WriteLine("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
            w.WriteLine("file sealed class InterceptsLocationAttribute : global::System.Attribute");
            using (w.WriteBlock())
            {
                w.WriteLine("public InterceptsLocationAttribute(int version, string data)");
                using (w.WriteBlock())
                {
                }
            }
        }
    }
}
