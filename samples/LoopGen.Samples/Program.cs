using LoopGen.Samples.Cli;

// dotnet run -c Release --project samples/LoopGen.Samples [-- list | run NAME|all | hlo NAME | bench] [--backend …]
return SamplesCli.Run(args);
