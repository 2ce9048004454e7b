namespace Signage.Core.Writes;

/// <summary>
/// The person (or process) on whose behalf this DI scope changes state. The host fills it when the
/// scope begins: from the signed-in user of an HTTP request or of a console operation, "cli" for the
/// command line; jobs and anything else act as the system. Services never take an actor parameter.
/// </summary>
public sealed class CurrentActor
{
    public const string System = "système";

    public string Name { get; private set; } = System;

    public void Set(string? name) => Name = string.IsNullOrWhiteSpace(name) ? System : name;
}
