using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;

namespace RemgenEngineHost;

/// <summary>PowerShell objects to JSON and back, for the harness's results and the requests' parameters.</summary>
internal static class Json
{
    public static JsonArray Strings(IEnumerable<string> items) => new(items.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

    public static JsonNode? FromObject(object? value) => FromObject(value, 0);

    private static JsonNode? FromObject(object? value, int depth)
    {
        if (depth > 32) return JsonValue.Create("(too deep)");
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                var obj = new JsonObject();
                foreach (var property in ps.Properties) obj[property.Name] = FromObject(SafeValue(property), depth + 1);
                return obj;
            }
            value = ps.BaseObject;
        }
        switch (value)
        {
            case null: return null;
            case string s: return JsonValue.Create(s);
            case char c: return JsonValue.Create(c.ToString());
            case bool b: return JsonValue.Create(b);
            case SwitchParameter sw: return JsonValue.Create(sw.IsPresent);
            case int or long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal:
                return JsonValue.Create(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
            case DateTime dt: return JsonValue.Create(dt.ToUniversalTime().ToString("o"));
            case Enum e: return JsonValue.Create(e.ToString());
            case IDictionary dictionary:
            {
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dictionary) obj[entry.Key.ToString()!] = FromObject(entry.Value, depth + 1);
                return obj;
            }
            case IEnumerable items:
                return new JsonArray(items.Cast<object?>().Select(item => FromObject(item, depth + 1)).ToArray());
            default:
                return JsonValue.Create(value.ToString());
        }
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try { return property.Value; }
        catch (Exception error) { return "(error: " + error.Message + ")"; }
    }

    /// <summary>JSON to what a PowerShell parameter expects: arrays become object[], objects ordered hashtables.</summary>
    public static object? ToDotNet(JsonNode? node)
    {
        switch (node)
        {
            case null: return null;
            case JsonArray array: return array.Select(ToDotNet).ToArray();
            case JsonObject obj:
            {
                var table = new System.Collections.Specialized.OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in obj) table[key] = ToDotNet(value);
                return table;
            }
            case JsonValue value:
                if (value.TryGetValue<string>(out var s)) return s;
                if (value.TryGetValue<bool>(out var b)) return b;
                if (value.TryGetValue<long>(out var l)) return l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l;
                if (value.TryGetValue<double>(out var d)) return d;
                return value.ToString();
        }
        return null;
    }
}
