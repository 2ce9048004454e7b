namespace Signage.Core;

/// <summary>
/// A request refused before anything changed: <see cref="Code"/> is stable for programs, the message is French and
/// shown to the person who asked. The API answers every refusal as ProblemDetails carrying that code.
/// </summary>
public abstract class RefusalException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>What the request names (the id in its route) does not exist, or no longer does.</summary>
public sealed class NotFoundException(string message) : RefusalException("not-found", message);

/// <summary>The request is well formed but the current state forbids it, e.g. approving an announcement already approved.</summary>
public sealed class ConflictException(string message) : RefusalException("conflict", message);

/// <summary>Too many tries in a short time (claiming pairing codes): refused before anything is looked at, whatever the request.</summary>
public sealed class TooManyAttemptsException(string code, string message) : RefusalException(code, message);
