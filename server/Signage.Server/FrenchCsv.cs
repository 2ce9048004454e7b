using System.Text;

namespace Signage.Server;

/// <summary>
/// CSV as a French spreadsheet opens it in columns: UTF-8 with a byte-order mark, semicolons. A cell a spreadsheet would
/// run as a formula starts with an apostrophe.
/// </summary>
static class FrenchCsv
{
    public static StreamWriter Writer(Stream body) => new(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
