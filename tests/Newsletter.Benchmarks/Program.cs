using Newsletter.Benchmarks;

return args.FirstOrDefault() switch
{
    "digests" => await DigestBuildBenchmark.RunAsync(args.Skip(1).ToArray()),
    "preview" => await PreviewBenchmark.RunAsync(args.Skip(1).ToArray()),
    "send" => await SendBenchmark.RunAsync(args.Skip(1).ToArray()),
    "scale" => await ScaleBenchmark.RunAsync(args.Skip(1).ToArray()),
    "embed" => EmbeddingBenchmark.Run(args.Skip(1).ToArray()),
    "relevance" => await RelevanceBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/Newsletter.Benchmarks -- digests [subscribers] [papers]
               dotnet run -c Release --project tests/Newsletter.Benchmarks -- send [messages] [max papers per digest]
               dotnet run -c Release --project tests/Newsletter.Benchmarks -- relevance [--explore]
               dotnet run -c Release --project tests/Newsletter.Benchmarks -- embed [papers] [batch]
               bash tests/Newsletter.Benchmarks/scale/run.sh [subscribers] [rounds]   (PostgreSQL, 1 and 2 instances)
        """);
    return 2;
}
