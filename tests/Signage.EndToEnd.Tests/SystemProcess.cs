using System.Diagnostics;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// One product program run as an operator runs it (<c>dotnet Program.dll</c> from its build
/// output), its standard output and error kept line by line.
/// </summary>
public sealed class SystemProcess : IDisposable
{
    /// <summary>Variables a developer's shell may hold that would reconfigure the program under test.</summary>
    static readonly string[] InheritedConfiguration = ["ConnectionStrings__", "Signage__", "Player__", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];

    readonly Process process;
    readonly List<string> output = [];
    readonly Action<string, string> log;

    SystemProcess(string name, Process process, Action<string, string> log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the program wrote so far, standard output and error interleaved.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> in its own folder with exactly the configuration given.</summary>
    public static SystemProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args, Action<string, string> log)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => InheritedConfiguration.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new SystemProcess(name, process, log);
        try
        {
            process.OutputDataReceived += (_, e) => started.Received(e.Data);
            process.ErrorDataReceived += (_, e) => started.Received(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            log(name, $"started (pid {process.Id}): dotnet {string.Join(' ', info.ArgumentList)}");
            return started;
        }
        catch
        {
            started.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the program to end and for its output to be read to the end.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    /// <summary>Ends the program and everything it started, as a power cut would; waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                log(Name, "killed");
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped: nothing left to end.
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        log(Name, line);
    }
}
