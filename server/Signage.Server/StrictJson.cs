using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Signage.Server;

/// <summary>A member of a JSON body refused after it was read; the serializer adds the path of the object holding it.</summary>
public sealed class JsonMemberException(string member, string message) : JsonException(message)
{
    public string Member { get; } = member;
}

/// <summary>
/// The API's JSON options: enums by name (or defined number), unknown members refused, and, once each object is
/// read, no undefined enum value (System.Text.Json accepts any number, and "7" too) and no null inside a list
/// (it would reach Core as a null element and fail there as a 500). Checking after reading keeps the built-in
/// converters, so the OpenAPI document still lists every enum's names.
/// </summary>
public static class StrictJson
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddChecks);
    }

    static void AddChecks(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var checks = info.Properties.Select(CheckFor).OfType<Action<object>>().ToList();
        if (checks.Count == 0)
        {
            return;
        }

        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var check in checks)
            {
                check(value);
            }
        };
    }

    static Action<object>? CheckFor(JsonPropertyInfo property)
    {
        if (property.Get is not { } get)
        {
            return null;
        }

        var name = property.Name;
        if (EnumOf(property.PropertyType) is { } single)
        {
            return owner =>
            {
                if (get(owner) is { } value && !Enum.IsDefined(single, value))
                {
                    throw new JsonMemberException(name, Undefined(single, value));
                }
            };
        }

        if (property.PropertyType == typeof(string) || ElementOf(property.PropertyType) is not { } element)
        {
            return null;
        }

        var elementEnum = EnumOf(element);
        var refuseNull = !element.IsValueType;
        if (elementEnum is null && !refuseNull)
        {
            return null;
        }

        return owner =>
        {
            if (get(owner) is not System.Collections.IEnumerable items)
            {
                return;
            }

            var index = 0;
            foreach (var item in items)
            {
                if (item is null && refuseNull)
                {
                    throw new JsonMemberException($"{name}[{index}]", $"La liste « {name} » contient null : chaque élément doit être renseigné.");
                }

                if (elementEnum is not null && item is not null && !Enum.IsDefined(elementEnum, item))
                {
                    throw new JsonMemberException($"{name}[{index}]", Undefined(elementEnum, item));
                }

                index++;
            }
        };
    }

    /// <summary>The enum a property holds (nullable or not), unless it is a set of flags, where combinations are values.</summary>
    static Type? EnumOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e && !e.IsDefined(typeof(FlagsAttribute), false) ? e : null;

    /// <summary>The element type of an array or a generic sequence, else null.</summary>
    public static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))?.GetGenericArguments()[0];

    static string Undefined(Type enumType, object value) =>
        $"« {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} » n'est pas une valeur possible : {string.Join(", ", Enum.GetNames(enumType))}.";
}
