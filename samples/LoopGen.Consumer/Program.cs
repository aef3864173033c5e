using LoopGen;
using LoopGen.Backends;
using LoopGen.Consumer;

// The package's promise in a few lines: the plain call below is intercepted to the compiled twin (one module,
// one stablehlo.while), and agrees with the plain method run eagerly. The test reads these lines.
var counting = new CountingBackend(Backend.Default);
using (Backend.Use(counting))
{
    var init = Tensor.From(new[] { 0 }, 1);
    var result = Kernels.CumulativeAdd(init, 10);
    Console.WriteLine($"result: [{string.Join(", ", result.ToArray<int>())}]");
    Console.WriteLine($"plain call: {counting.Compiles} compile, {counting.Executes} execute, {counting.EagerOps} eager ops");
    Console.WriteLine($"intercepted: {(counting.Compiles == 1 && counting.Executes == 1 && counting.EagerOps == 0 ? "yes" : "no")}");

    var lowered = Kernels.CumulativeAddLower(init, 10);
    Console.WriteLine($"whiles: {lowered.WhileCount}");
    Console.WriteLine($"ops: {lowered.OpCount}");

    int before = counting.EagerOps;
    var eager = Kernels.CumulativeAddEager(init, 10);
    Console.WriteLine($"eager: [{string.Join(", ", eager.ToArray<int>())}] in {counting.EagerOps - before} eager ops");
}
