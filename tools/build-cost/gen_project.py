#!/usr/bin/env python3
"""Writes the build-cost benchmark's project: N [Compile] methods over several files and partial types, twice.

    gen_project.py OUT_DIR REPO_ROOT [--methods 200] [--types 8]

OUT_DIR/with/Bench.csproj     references the runtime and, as analyzers, the generator and the analyzers, and
                              imports the runtime's buildTransitive/LoopGen.props (the interceptors namespace),
                              as samples/LoopGen.Samples/LoopGen.Samples.csproj does;
OUT_DIR/without/Bench.csproj  the same sources, the runtime only: [Compile] is the runtime's attribute, so the code
                              compiles and every call runs eagerly.

With --package VERSION both projects reference the packed LoopGen package instead, as a user's project does (no
LoopGen project is evaluated by the build): OUT_DIR/with references it whole; OUT_DIR/without references it with
ExcludeAssets="build;buildTransitive" (buildTransitive/LoopGen.props would add the generator back) and drops the
package's analyzers before the compile (the SDK's ResolvePackageAssets passes a package's analyzers on even with
ExcludeAssets="analyzers"), so it compiles against the runtime library only. The caller writes the nuget.config.

The method mix follows tests/LoopGen.Analyzers.Tests/AnalyzerBenchmark.cs's Source(200) (for loops, while loops,
collected outputs with an if, nested loops, a carry that grows) plus foreach over a tensor (a scan) and foreach over
a C# array (unrolled, LG0015). One method in six is a "grow" method the analyzers refuse (LG0006, an error by
default); .editorconfig makes that id a warning, as a user who keeps such a method eager would, so the build
passes. Every method is called once from Runner.cs, so the generator also writes interceptors for 200 call sites.
The line marked "build-cost-edit" is the one the benchmark edits for the incremental build.
"""
import argparse
import os
import sys

NAMESPACES = ["Bench.Models", "Bench.Layers", "Bench.Signal", "Bench.Physics",
              "Bench.Finance", "Bench.Vision", "Bench.Text", "Bench.Control"]

# Ids the "grow" method triggers, made warnings so a build with LoopGen passes (a user keeping it eager).
DOWNGRADED = ["LG0006"]


def method(k: int, edit: bool) -> tuple[str, str]:
    """The k-th method's text and the call Runner.cs makes to it (without the type name)."""
    c = 0.5 + (k % 7) * 0.05  # constants vary per method
    kind = k % 6
    if kind == 0:
        body_line = f"x = x * {c:.2f}f + i;"
        if edit:
            body_line = f"x = x * {c:.2f}f + i + 1.0f; // build-cost-edit"
        return f"""
    /// <summary>A counted loop: one carry.</summary>
    [Compile]
    public static Tensor For{k}(Tensor x, int n)
    {{
        for (int i = 0; i < n; i++)
            {body_line}
        return x;
    }}
""", f"For{k}(x, 8)"
    if kind == 1:
        return f"""
    /// <summary>A while loop on a traced condition: its trip count is known at run time only.</summary>
    [Compile]
    public static Tensor While{k}(Tensor x, Tensor limit)
    {{
        while (x.Sum() > limit)
            x = x * {c:.2f}f;
        return x;
    }}
""", f"While{k}(x, limit)"
    if kind == 2:
        return f"""
    /// <summary>Collected outputs and an if on a traced value.</summary>
    [Compile]
    public static Tensor Collect{k}(Tensor x, int n)
    {{
        var ys = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {{
            if (x.Sum() > 0f)
                x = x - {c:.2f}f;
            else
                x = x + 2f;
            ys.Add(x);
        }}
        return Tensor.Stack(ys);
    }}
""", f"Collect{k}(x, 4)"
    if kind == 3:
        return f"""
    /// <summary>Two nested loops and a C# counter.</summary>
    [Compile]
    public static Tensor Nested{k}(Tensor x, int rows, int cols)
    {{
        int count = 0;
        for (int i = 0; i < rows; i++)
        {{
            for (int j = 0; j < cols; j++)
            {{
                x = x * {c:.2f}f + (i - j);
                count++;
            }}
        }}
        return x + count;
    }}
""", f"Nested{k}(x, 3, 2)"
    if kind == 4:
        return f"""
    /// <summary>A carry that grows every iteration: LoopGen refuses to lift it (LG0006) and it stays eager.</summary>
    [Compile]
    public static Tensor Grow{k}(Tensor x, int n)
    {{
        var acc = Tensor.Zeros(DType.F32, 0);
        for (int i = 0; i < n; i++)
            acc = Tensor.Concat([acc, x * {c:.2f}f], 0);
        return acc;
    }}
""", f"Grow{k}(x, 3)"
    return f"""
    /// <summary>A scan over the rows of a tensor, and a foreach over a C# array (unrolled).</summary>
    [Compile]
    public static Tensor Scan{k}(Tensor xs, Tensor h)
    {{
        var states = new List<Tensor>();
        foreach (var row in xs)
        {{
            h = (h * {c:.2f}f + row).Tanh();
            states.Add(h);
        }}
        float[] scales = [1f, 2f];
        foreach (var s in scales)
            h = h * s;
        return Tensor.Stack(states) + h.Sum();
    }}
""", f"Scan{k}(xs, x)"


# One project file for every variant: what differs is an import, the references and (without LoopGen, from the
# package) a target that drops the package's analyzers.
CSPROJ = """<Project Sdk="Microsoft.NET.Sdk">
{import_}  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <LangVersion>latest</LangVersion>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Bench</RootNamespace>
    <AssemblyName>Bench</AssemblyName>
    <IsPackable>false</IsPackable>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
  <ItemGroup>
{items}  </ItemGroup>
{targets}</Project>
"""


WITHOUT_ANALYZERS = """  <Target Name="BenchDropLoopGenAnalyzers" BeforeTargets="CoreCompile">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'LoopGen'" />
    </ItemGroup>
  </Target>
"""


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def sources(methods: int, types: int) -> dict[str, str]:
    files: dict[str, str] = {}
    calls: list[str] = []
    per_type = -(-methods // types)
    edit_type = min(3, types - 1)
    for t in range(types):
        ks = [k for k in range(t * per_type, min(methods, (t + 1) * per_type))]
        if not ks:
            continue
        ns = NAMESPACES[t % len(NAMESPACES)] + ("" if t < len(NAMESPACES) else str(t))
        type_name = f"Kernels{t}"
        # Each type is partial over two files: the loops, and the collecting/scanning methods.
        halves = {"Loops": [k for k in ks if k % 6 in (0, 1, 3)], "Sequences": [k for k in ks if k % 6 in (2, 4, 5)]}
        edited = False
        for part, part_ks in halves.items():
            body = []
            for k in part_ks:
                edit = t == edit_type and not edited and k % 6 == 0
                edited = edited or edit
                text, call = method(k, edit)
                body.append(text)
                calls.append(f"        results.Add(global::{ns}.{type_name}.{call});")
            files[f"{type_name}.{part}.cs"] = (
                f"using LoopGen;\n\nnamespace {ns};\n\n"
                f"/// <summary>Generated for the build-cost benchmark ({part.lower()}).</summary>\n"
                f"public static partial class {type_name}\n{{" + "".join(body) + "}\n")
    files["Runner.cs"] = (
        "using LoopGen;\n\nnamespace Bench;\n\n"
        "/// <summary>Calls every [Compile] method once, so each call site gets its interceptor.</summary>\n"
        "public static class Runner\n{\n"
        "    public static List<Tensor> RunAll()\n    {\n"
        "        var x = Tensor.Ones(DType.F32, 4);\n"
        "        var xs = Tensor.Ones(DType.F32, 3, 4);\n"
        "        var limit = Tensor.Full(1.0, DType.F32);\n"
        "        var results = new List<Tensor>();\n"
        + "\n".join(calls) + "\n        return results;\n    }\n}\n")
    files["Program.cs"] = (
        "namespace Bench;\n\n"
        "public static class Program\n{\n"
        "    public static void Main() => Console.WriteLine(Runner.RunAll().Count);\n}\n")
    return files


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("repo")
    p.add_argument("--methods", type=int, default=200)
    p.add_argument("--types", type=int, default=8)
    p.add_argument("--package", metavar="VERSION", help="reference the packed LoopGen package (this version) instead of the projects")
    a = p.parse_args()
    repo = os.path.abspath(a.repo)
    srcs = sources(a.methods, a.types)
    if not any("build-cost-edit" in s for s in srcs.values()):
        print("gen_project: no method marked for the edit (too few methods?)", file=sys.stderr)
        return 2
    # Stop MSBuild from picking up a Directory.Build.props/targets above the temp folder.
    # With --package: a private package folder, so no earlier LoopGen of the same version in the user's cache stands in.
    props = ("<Project>\n  <PropertyGroup>\n    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>\n"
             "  </PropertyGroup>\n</Project>\n" if a.package else "<Project />\n")
    write(os.path.join(a.out, "Directory.Build.props"), props)
    write(os.path.join(a.out, "Directory.Build.targets"), "<Project />\n")
    editorconfig = "root = true\n\n[*.cs]\n" + "".join(f"dotnet_diagnostic.{i}.severity = warning\n" for i in DOWNGRADED)
    write(os.path.join(a.out, ".editorconfig"), editorconfig)
    for variant in ("with", "without"):
        d = os.path.join(a.out, variant)
        for name, text in srcs.items():
            write(os.path.join(d, name), text)
        import_, targets = "", ""
        if a.package:
            excluded = "" if variant == "with" else ' ExcludeAssets="analyzers;build;buildTransitive"'
            items = f'    <PackageReference Include="LoopGen" Version="{a.package}"{excluded} />\n'
            if variant == "without":
                targets = WITHOUT_ANALYZERS
        else:
            items = f'    <ProjectReference Include="{repo}/runtime/LoopGen.Runtime/LoopGen.Runtime.csproj" />\n'
            if variant == "with":
                import_ = f'  <Import Project="{repo}/runtime/LoopGen.Runtime/buildTransitive/LoopGen.props" />\n'
                refs = [f"{repo}/generator/LoopGen.Generator/LoopGen.Generator.csproj"]
                # Older trees had the analyzers in a project of their own; today they are in the generator's assembly.
                if os.path.exists(f"{repo}/analyzers/LoopGen.Analyzers/LoopGen.Analyzers.csproj"):
                    refs.append(f"{repo}/analyzers/LoopGen.Analyzers/LoopGen.Analyzers.csproj")
                items += "".join(
                    f'    <ProjectReference Include="{r}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />\n'
                    for r in refs)
        write(os.path.join(d, "Bench.csproj"), CSPROJ.format(import_=import_, items=items, targets=targets))
    print(f"gen_project: {a.methods} [Compile] methods in {len(srcs) - 2} files over {a.types} partial types, "
          f"+ Runner.cs (one call each) and Program.cs, in {a.out}/with and {a.out}/without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
