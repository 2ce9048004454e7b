using BenchmarkDotNet.Running;
using Signage.Benchmarks;

if (args is ["sizes"])
{
    RenderBenchmarks.PrintSizes(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
