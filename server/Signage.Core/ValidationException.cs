namespace Signage.Core;

/// <summary>Bad input from a user: the field it concerns and a message to show them. Nothing was changed.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : RefusalException("validation", string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
