namespace Signage.Core;

/// <summary>The rule for the names people give to screens, groups and sites.</summary>
public static class Names
{
    public const int MaxLength = 100;

    /// <summary>What is wrong with an already trimmed name, or null.</summary>
    public static string? Problem(string trimmed, int maxLength = MaxLength) =>
        trimmed.Length == 0 || trimmed.Length > maxLength ? $"Le nom est obligatoire ({maxLength} caractères au plus)." : null;
}
