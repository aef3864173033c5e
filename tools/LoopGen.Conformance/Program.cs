using LoopGen.Conformance.Cli;

// loopgen-conformance cases|loops [--backend pjrt|pjrt:PATH|interpreter] [--plugin PATH] …  (see tools/README.md)
return ConformanceCli.Build().Parse(args).Invoke();
