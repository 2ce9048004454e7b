namespace Signage.TestSupport;

/// <summary>A folder under the system temp directory, deleted with its content on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("signage-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file; the OS temp cleaner takes the rest.
        }
    }
}
