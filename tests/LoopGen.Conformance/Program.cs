using LoopGen.Conformance.Cli;

// loopgen-conformance cases|loops [--backend pjrt|pjrt:PATH|interpreter] [--plugin PATH] …  (see scripts/README.md)
return ConformanceCli.Build().Parse(args).Invoke();
