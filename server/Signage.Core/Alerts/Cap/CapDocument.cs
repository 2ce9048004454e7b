using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Signage.Core.Alerts.Cap;

/// <summary>A CAP refusal with its own stable code (<c>cap-malformed</c>, <c>cap-unsigned</c>, <c>cap-expired</c>, …).</summary>
public sealed class CapRefusedException(string code, string message) : RefusalException(code, message);

/// <summary>The parts of a CAP 1.2 message that Signage acts on.</summary>
public sealed record CapAlert(
    string Identifier,
    string Sender,
    DateTimeOffset Sent,
    string Status,
    string MsgType,
    IReadOnlyList<string> References,
    string? Event,
    IReadOnlyList<string> EventCodes,
    string? Headline,
    string? Description,
    DateTimeOffset? Expires);

/// <summary>
/// Reads a CAP 1.2 message (OASIS, namespace <c>urn:oasis:names:tc:emergency:cap:1.2</c>) safely (no DTD,
/// no external entity, 1 MB at most) and checks its enveloped XML signature over the whole message
/// against the source's RSA key.
/// </summary>
public static class CapDocument
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const int MaxCharacters = 1_000_000;

    public static CapAlert ReadSigned(string xml, string publicKeyPem)
    {
        var document = Load(xml);
        CheckSignature(document, publicKeyPem);
        return Read(document);
    }

    static XmlDocument Load(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CapRefusedException("cap-malformed", $"Ce message n'est pas un XML lisible : {e.Message}");
        }

        if (document.DocumentElement is not { LocalName: "alert", NamespaceURI: Namespace })
        {
            throw new CapRefusedException("cap-malformed", "Ce message n'est pas une alerte CAP 1.2 (élément racine « alert » de l'espace urn:oasis:names:tc:emergency:cap:1.2).");
        }

        return document;
    }

    static void CheckSignature(XmlDocument document, string publicKeyPem)
    {
        var signatures = document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count != 1)
        {
            throw new CapRefusedException("cap-unsigned", "Ce message n'est pas signé (une signature XML enveloppée, et une seule, est exigée).");
        }

        var signed = new SignedXml(document);
        try
        {
            signed.LoadXml((XmlElement)signatures[0]!);
        }
        catch (CryptographicException e)
        {
            throw new CapRefusedException("cap-unsigned", $"La signature de ce message est illisible : {e.Message}");
        }

        // The signature must cover the whole message, not a part an attacker could leave out.
        var wholeDocument = signed.SignedInfo!.References.Cast<Reference>().Any(r => r.Uri == "");
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            throw new CapRefusedException("cap-unsigned", "La clé publique de cette source est illisible : un administrateur doit la remplacer.");
        }

        if (!wholeDocument || !signed.CheckSignature(rsa))
        {
            throw new CapRefusedException("cap-unsigned", "La signature de ce message ne correspond pas à la clé de sa source : rien n'a été fait.");
        }
    }

    static CapAlert Read(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("cap", Namespace);
        var root = document.DocumentElement!;
        string Required(string name) =>
            root.SelectSingleNode($"cap:{name}", ns)?.InnerText.Trim() is { Length: > 0 } value
                ? value
                : throw new CapRefusedException("cap-malformed", $"Ce message CAP n'a pas de « {name} ».");

        var identifier = Required("identifier");
        var sender = Required("sender");
        var sent = Instant(Required("sent"), "sent");
        var status = Required("status");
        var msgType = Required("msgType");
        var references = root.SelectSingleNode("cap:references", ns)?.InnerText.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (identifier.Length > CapMessage.MaxFieldLength || sender.Length > CapMessage.MaxFieldLength)
        {
            throw new CapRefusedException("cap-malformed", $"« identifier » et « sender » ont {CapMessage.MaxFieldLength} caractères au plus.");
        }

        // The French block when there is one, else the first.
        var infos = root.SelectNodes("cap:info", ns)!.Cast<XmlElement>().ToList();
        var info = infos.FirstOrDefault(i => i.SelectSingleNode("cap:language", ns)?.InnerText.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true)
            ?? infos.FirstOrDefault();
        string? Text(string name) => info?.SelectSingleNode($"cap:{name}", ns)?.InnerText.Trim() is { Length: > 0 } value ? value : null;
        var codes = info?.SelectNodes("cap:eventCode/cap:value", ns)!.Cast<XmlNode>().Select(n => n.InnerText.Trim()).Where(v => v.Length > 0).ToList() ?? [];
        var expires = Text("expires") is { } e ? Instant(e, "expires") : (DateTimeOffset?)null;
        return new CapAlert(identifier, sender, sent, status, msgType, references, Text("event"), codes, Text("headline"), Text("description"), expires);
    }

    /// <summary>CAP times carry their offset (e.g. 2026-12-03T14:30:00+01:00).</summary>
    static DateTimeOffset Instant(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && value.Length >= 19
            ? instant
            : throw new CapRefusedException("cap-malformed", $"« {name} » n'est pas une date CAP (AAAA-MM-JJThh:mm:ss+hh:mm) : « {value} ».");
}
