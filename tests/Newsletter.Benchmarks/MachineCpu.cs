namespace Newsletter.Benchmarks;

/// <summary>The machine's CPU counters (the first line of <c>/proc/stat</c>), to tell how busy every core was meanwhile.</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    /// <summary>The share of all cores' time spent busy since <paramref name="earlier"/>.</summary>
    public double BusySince(MachineCpu earlier) => (double)(Busy - earlier.Busy) / Math.Max(1, Total - earlier.Total);
}
