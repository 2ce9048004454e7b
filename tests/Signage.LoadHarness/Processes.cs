using System.Diagnostics;
using System.Globalization;

namespace Signage.LoadHarness;

/// <summary>A child process whose output goes to a log file; disposing it kills it and its children.</summary>
internal sealed class ChildProcess : IDisposable
{
    readonly Process process;
    readonly StreamWriter log;

    ChildProcess(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Runs <c>dotnet <paramref name="dll"/></c> from the dll's folder, so that it reads its own appsettings.json.</summary>
    public static ChildProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log);
    }

    /// <summary>Resident memory now, in kB (VmRSS in /proc/PID/status).</summary>
    public long RssKb() => ProcFs.RssKb(process.Id);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}

/// <summary>What /proc says about a process and the machine.</summary>
internal static class ProcFs
{
    public static long RssKb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Single();

    /// <summary>Linux's USER_HZ, the unit of /proc/PID/stat's times.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>User and system CPU time of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat).</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>
    /// Waits until the process used under 5 % of a core over a whole second (clock ticks are 1/100 s),
    /// at least <paramref name="atLeast"/> and at most <paramref name="atMost"/>.
    /// </summary>
    public static async Task WaitQuietAsync(int pid, TimeSpan atLeast, TimeSpan atMost)
    {
        var clock = Stopwatch.StartNew();
        await Task.Delay(atLeast);
        while (clock.Elapsed < atMost)
        {
            var before = CpuTicks(pid);
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (CpuTicks(pid) - before < 5)
            {
                return;
            }
        }
    }
}
