using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Signage.Server;

/// <summary>
/// A request that cannot be read, said in French with the field at fault: a JSON body that does not bind
/// (System.Text.Json's exception gives the path; the endpoint's body type, walked along it, the expected type), a route
/// or query value that does not parse. The framework's English messages are parsed where they are the only place these facts are given.
/// </summary>
public static partial class RequestProblems
{
    public static ProblemDetails Of(BadHttpRequestException bad, Type? bodyType, JsonSerializerOptions json)
    {
        var errors = new Dictionary<string, string[]>();
        string? detail = null;
        if (bad.InnerException is JsonException unreadable)
        {
            if (Field(unreadable) is { } field)
            {
                errors[field] = [JsonMessage(unreadable, bodyType is null ? null : TypeAt(bodyType, field, json))];
            }
            else
            {
                detail = string.Create(CultureInfo.InvariantCulture,
                    $"Le corps de la requête n'est pas du JSON valide (ligne {unreadable.LineNumber + 1}, position {unreadable.BytePositionInLine + 1}).");
            }
        }
        else if (FailedToBind().Match(bad.Message) is { Success: true } parameter)
        {
            errors[parameter.Groups["name"].Value] =
                [$"« {parameter.Groups["value"].Value} » n'est pas {Expected(RouteType(parameter.Groups["type"].Value.TrimEnd('?')))}."];
        }
        else if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            detail = "Le corps de la requête (JSON) est obligatoire.";
        }
        else if (NotProvided().Match(bad.Message) is { Success: true } missing)
        {
            if (missing.Groups["source"].Value == "body")
            {
                detail = "Le corps de la requête (JSON) est obligatoire.";
            }
            else
            {
                errors[missing.Groups["name"].Value] = ["Ce paramètre est obligatoire."];
            }
        }

        ProblemDetails problem = errors.Count > 0 ? new HttpValidationProblemDetails(errors) : new ProblemDetails();
        problem.Status = bad.StatusCode;
        problem.Title = "La requête ne peut pas être lue.";
        problem.Detail = detail ?? (errors.Count > 0 ? "Corrigez les champs indiqués." : null);
        if (bad.StatusCode == StatusCodes.Status400BadRequest)
        {
            // Set here: the status alone would make a problem with errors a "validation" one.
            problem.Extensions[ProblemCodes.Key] = ProblemCodes.BadRequest;
        }

        return problem;
    }

    /// <summary>"$.targets[0].id" → "targets[0].id", plus the member a <see cref="JsonMemberException"/> or an unknown property names; null for the whole body.</summary>
    static string? Field(JsonException json)
    {
        var path = json.Path is null or "$" ? "" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
        var member = json switch
        {
            JsonMemberException named => named.Member,
            _ when UnknownMember().Match(json.Message) is { Success: true } unknown => unknown.Groups["name"].Value,
            _ => null,
        };
        if (member is not null && !path.EndsWith(member, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? member : $"{path}.{member}";
        }

        return path.Length == 0 ? null : path;
    }

    static string JsonMessage(JsonException json, Type? expected)
    {
        if (json is JsonMemberException)
        {
            return json.Message;
        }

        if (UnknownMember().Match(json.Message) is { Success: true } unknown)
        {
            return $"Le champ « {unknown.Groups["name"].Value} » n'existe pas ici : retirez-le ou corrigez son nom.";
        }

        return json.Message.Contains("could not be converted", StringComparison.Ordinal) && expected is not null
            ? $"La valeur doit être {Expected(expected)}."
            : "Le JSON n'est pas valide à cet endroit.";
    }

    /// <summary>The type of the member at <paramref name="field"/> ("targets[0].id") in <paramref name="root"/>, by the serializer's own names.</summary>
    static Type? TypeAt(Type root, string field, JsonSerializerOptions json)
    {
        Type? type = root;
        foreach (var step in FieldSteps().Matches(field).Cast<Match>())
        {
            if (type is null)
            {
                return null;
            }

            type = step.Groups["index"].Success
                ? StrictJson.ElementOf(type)
                : json.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, step.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return type;
    }

    static Type? RouteType(string name) => name switch
    {
        "int" => typeof(int),
        "long" => typeof(long),
        "double" => typeof(double),
        "bool" => typeof(bool),
        "Guid" => typeof(Guid),
        "DateOnly" => typeof(DateOnly),
        "DateTimeOffset" => typeof(DateTimeOffset),
        _ => null,
    };

    /// <summary>What a value of this type looks like, in French.</summary>
    static string Expected(Type? type)
    {
        var plain = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (plain is { IsEnum: true })
        {
            return $"une de ces valeurs : {string.Join(", ", Enum.GetNames(plain))}";
        }

        return plain switch
        {
            null => "une valeur du type attendu",
            _ when plain == typeof(int) || plain == typeof(long) || plain == typeof(short) => "un nombre entier",
            _ when plain == typeof(double) || plain == typeof(float) || plain == typeof(decimal) => "un nombre",
            _ when plain == typeof(bool) => "true ou false",
            _ when plain == typeof(Guid) => "un identifiant (GUID, par exemple 6d1f1f4e-0b4e-4a8a-9c39-1b9d2c3e4f50)",
            _ when plain == typeof(DateTimeOffset) => "un instant ISO 8601 avec son décalage (par exemple 2026-11-28T10:42:00+01:00)",
            _ when plain == typeof(DateOnly) => "une date AAAA-MM-JJ",
            _ when plain == typeof(TimeOnly) => "une heure HH:mm:ss",
            _ when plain == typeof(string) => "un texte",
            _ when StrictJson.ElementOf(plain) is not null => "une liste [ … ]",
            _ => "un objet { … }",
        };
    }

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex FieldSteps();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>\S+) (?<name>\w+)"" from ""(?<value>.*)""\.$")]
    private static partial Regex FailedToBind();

    [GeneratedRegex(@"^Required parameter ""(?<type>\S+) (?<name>\w+)"" was not provided from (?<source>\w+)")]
    private static partial Regex NotProvided();
}
