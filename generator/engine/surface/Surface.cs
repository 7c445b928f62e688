using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace RemgenEngineSurface;

/// <summary>Where a public type is defined: its exact full name (nested types with '+') and assembly.</summary>
internal sealed record TypeHome(string FullName, string Assembly, string Path, string Source);

/// <summary>One resolved type name: the type (or array element, or generic definition) and every assembly it needs.</summary>
internal sealed record Resolution(string Display, TypeHome? Home, string Source, string Assembly, bool IsArray, IReadOnlyList<string> Assemblies, string? Missing);

/// <summary>
/// The .NET surface Windows PowerShell 5.1 offers a script: the public types of the .NET Framework 4.7.2
/// reference assemblies and of System.Management.Automation 5.1 (PowerShellStandard.Library), indexed by
/// name from their metadata tables, their members read with MetadataLoadContext, and 5.1's type
/// accelerators. Names resolve as 5.1's TypeResolver resolves them: case-insensitively, as an
/// accelerator, as a full name, then under each <c>using namespace</c> and <c>System.</c>; an attribute's name
/// also with the <c>Attribute</c> suffix.
/// </summary>
internal sealed class Surface : IDisposable
{
    private readonly Dictionary<string, List<TypeHome>> types = new(StringComparer.OrdinalIgnoreCase);
    private readonly MetadataLoadContext context;
    private readonly Dictionary<string, Assembly> assemblies = new(StringComparer.OrdinalIgnoreCase);

    public int AssemblyCount { get; }
    public int TypeCount { get; private set; }

    public Surface(string refsDirectory)
    {
        var net472 = Directory.GetFiles(Path.Combine(refsDirectory, "net472"), "*.dll");
        var powershell = Path.Combine(refsDirectory, "powershell", "System.Management.Automation.dll");
        if (net472.Length == 0 || !File.Exists(powershell))
            throw new FileNotFoundException($"reference assemblies missing under {refsDirectory} (rebuild the surface program)");
        var sources = net472.Select(p => (Path: p, Source: "net472")).Append((Path: powershell, Source: "powershell")).ToArray();
        var found = new List<TypeHome>[sources.Length];
        Parallel.For(0, sources.Length, i => found[i] = Index(sources[i].Path, sources[i].Source));
        foreach (var home in found.SelectMany(f => f))
        {
            if (!types.TryGetValue(home.FullName, out var list)) types[home.FullName] = list = [];
            list.Add(home);
            TypeCount++;
        }
        var usable = sources.Where((_, i) => found[i].Count > 0).Select(s => s.Path).ToArray();
        AssemblyCount = usable.Length;
        context = new MetadataLoadContext(new PathAssemblyResolver(usable), "mscorlib");
    }

    public void Dispose() => context.Dispose();

    /// <summary>Public types (and public types nested in them) defined in one assembly.</summary>
    private static List<TypeHome> Index(string path, string source)
    {
        var homes = new List<TypeHome>();
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        // The reference folder also has native images and bare modules (no assembly manifest): not for us.
        if (!pe.HasMetadata) return homes;
        var md = pe.GetMetadataReader();
        if (!md.IsAssembly) return homes;
        var assembly = md.GetString(md.GetAssemblyDefinition().Name);
        var names = new Dictionary<TypeDefinitionHandle, string?>();
        string? FullName(TypeDefinitionHandle handle)
        {
            if (names.TryGetValue(handle, out var known)) return known;
            var type = md.GetTypeDefinition(handle);
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            string? name = null;
            if (visibility == TypeAttributes.Public)
            {
                var ns = md.GetString(type.Namespace);
                name = ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
            }
            else if (visibility == TypeAttributes.NestedPublic)
            {
                var outer = FullName(type.GetDeclaringType());
                if (outer != null) name = outer + "+" + md.GetString(type.Name);
            }
            names[handle] = name;
            return name;
        }
        foreach (var handle in md.TypeDefinitions)
        {
            var name = FullName(handle);
            if (name != null) homes.Add(new TypeHome(name, assembly, path, source));
        }
        return homes;
    }

    private Type Load(TypeHome home)
    {
        if (!assemblies.TryGetValue(home.Path, out var assembly)) assemblies[home.Path] = assembly = context.LoadFromAssemblyPath(home.Path);
        return assembly.GetType(home.FullName, throwOnError: true)!;
    }

    private TypeHome? Find(string name)
    {
        if (!types.TryGetValue(name, out var homes)) return null;
        // The same name in two assemblies: the one 5.1 has loaded wins (it is first in the AppDomain).
        return homes.FirstOrDefault(h => Windows51.LoadedAtStart.Contains(h.Assembly)) ?? homes[0];
    }

    /// <summary>A plain (not generic, not array) name, as TypeResolver looks it up.</summary>
    private (TypeHome? Home, string Source, string Assembly, string Display)? Lookup(string name, bool attribute, IReadOnlyList<string> namespaces, bool accelerators)
    {
        var spellings = attribute && !name.EndsWith("Attribute", StringComparison.OrdinalIgnoreCase) ? new[] { name, name + "Attribute" } : [name];
        foreach (var spelling in spellings)
        {
            if (accelerators && Windows51.Accelerators.TryGetValue(spelling, out var accelerator))
                return (Find(accelerator.Type), "accelerator", accelerator.Assembly, accelerator.Type);
            if (Find(spelling) is { } home) return (home, home.Source, home.Assembly, home.FullName);
        }
        foreach (var spelling in spellings)
            foreach (var ns in namespaces.Append("System"))
                if (Find(ns + "." + spelling) is { } home) return (home, home.Source, home.Assembly, home.FullName);
        return null;
    }

    public Resolution? Resolve(TypeNameNode node, bool attribute, IReadOnlyList<string> namespaces)
    {
        if (node.IsArray)
        {
            var element = Resolve(node.ElementType, attribute: false, namespaces);
            if (element == null) return null;
            var ranks = string.Concat(node.ArrayRanks.Select(r => "[" + new string(',', r - 1) + "]"));
            return element with { Display = element.Display + ranks, IsArray = true };
        }
        if (node.IsGeneric)
        {
            var definitionName = node.Name.Contains('`') ? node.Name : node.Name + "`" + node.GenericArguments.Count;
            var definition = Lookup(definitionName, attribute: false, namespaces, accelerators: false);
            if (definition == null) return new Resolution(node.ToString(), null, "", "", false, [], definitionName);
            var arguments = node.GenericArguments.Select(a => (Name: a, Resolved: Resolve(a, attribute: false, namespaces))).ToArray();
            var missing = arguments.FirstOrDefault(a => a.Resolved == null || a.Resolved.Missing != null);
            var display = definition.Value.Display + "[" + string.Join(",", arguments.Select(a => a.Resolved?.Display ?? a.Name.ToString())) + "]";
            var needed = new[] { definition.Value.Assembly }.Concat(arguments.SelectMany(a => a.Resolved?.Assemblies ?? [])).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            return new Resolution(display, definition.Value.Home, definition.Value.Source, definition.Value.Assembly, false, needed,
                missing.Resolved?.Missing ?? (missing.Name != null ? missing.Name.ToString() : null));
        }
        var plain = Lookup(node.Name, attribute, namespaces, accelerators: true);
        if (plain == null) return null;
        return new Resolution(plain.Value.Display, plain.Value.Home, plain.Value.Source, plain.Value.Assembly, false, [plain.Value.Assembly], null);
    }

    /// <summary>Answers one reference {type, member?, kind, namespaces?}.</summary>
    public JsonObject Check(JsonObject reference)
    {
        var typeText = reference["type"]?.GetValue<string>() ?? throw new ArgumentException("reference without 'type'");
        var kind = reference["kind"]?.GetValue<string>() ?? "type";
        var member = reference["member"]?.GetValue<string>();
        var namespaces = reference["namespaces"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
        var answer = new JsonObject { ["type"] = typeText, ["kind"] = kind };
        if (member != null) answer["member"] = member;

        if (typeText.Equals("ordered", StringComparison.OrdinalIgnoreCase) && kind == "cast")
        {
            answer["resolved"] = true;
            answer["source"] = "syntax";
            answer["resolvedType"] = "System.Collections.Specialized.OrderedDictionary";
            answer["assemblies"] = new JsonArray();
            answer["notLoadedAtStart"] = new JsonArray();
            return answer;
        }

        TypeNameNode node;
        try { node = TypeNameNode.Parse(typeText); }
        catch (FormatException error)
        {
            answer["resolved"] = false;
            answer["message"] = error.Message;
            return answer;
        }
        var resolution = Resolve(node, kind == "attribute", namespaces);
        if (resolution == null || resolution.Missing != null)
        {
            answer["resolved"] = false;
            var what = resolution == null ? node.Name : resolution.Missing!;
            answer["missing"] = what;
            answer["message"] = $"no type {what} in .NET Framework 4.7.2, Windows PowerShell 5.1's System.Management.Automation or its type accelerators";
            return answer;
        }
        answer["resolved"] = true;
        answer["resolvedType"] = resolution.Display;
        answer["source"] = resolution.Source;
        answer["assembly"] = resolution.Assembly;
        answer["assemblies"] = new JsonArray(resolution.Assemblies.Select(a => (JsonNode)a).ToArray());
        var explicitAssembly = node.AssemblyName?.Split(',')[0].Trim();
        answer["notLoadedAtStart"] = new JsonArray(resolution.Assemblies
            .Where(a => !Windows51.LoadedAtStart.Contains(a) && !a.Equals(explicitAssembly, StringComparison.OrdinalIgnoreCase))
            .Select(a => (JsonNode)a).ToArray());
        if (member != null) CheckMember(answer, resolution, member, kind);
        return answer;
    }

    private void CheckMember(JsonObject answer, Resolution resolution, string member, string kind)
    {
        var isNew = member.Equals("new", StringComparison.OrdinalIgnoreCase);
        if (resolution.IsArray && isNew)
        {
            Found(answer, ["constructor"]);
            return;
        }
        var home = resolution.IsArray ? Find("System.Array") : resolution.Home;
        if (home == null)
        {
            answer["memberFound"] = null;
            answer["message"] = $"not checked: {resolution.Display} (a 5.1 type accelerator) is in {resolution.Assembly}, which the reference assemblies do not have";
            return;
        }
        Type type;
        try { type = Load(home); }
        catch (Exception error) when (error is FileNotFoundException or TypeLoadException or BadImageFormatException)
        {
            answer["memberFound"] = null;
            answer["message"] = $"not checked: {error.Message}";
            return;
        }
        var where = $"{home.FullName} in {Describe(home)}";
        if (isNew)
        {
            if (type.IsInterface || type.IsAbstract)
                Missing(answer, $"no constructor: {home.FullName} is {(type.IsInterface ? "an interface" : type.IsSealed ? "a static class" : "abstract")} in {Describe(home)}");
            else if (type.IsValueType || type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0)
                Found(answer, ["constructor"]);
            else
                Missing(answer, $"no public constructor on {where}");
            return;
        }
        MemberInfo[] members;
        try
        {
            members = type.GetMember(member, MemberTypes.Field | MemberTypes.Property | MemberTypes.Method | MemberTypes.Event,
                BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy | BindingFlags.IgnoreCase);
        }
        catch (Exception error) when (error is FileNotFoundException or TypeLoadException)
        {
            answer["memberFound"] = null;
            answer["message"] = $"not checked: {error.Message}";
            return;
        }
        var kinds = members.Select(m => m.MemberType switch
        {
            MemberTypes.Method => "method",
            MemberTypes.Property => "property",
            MemberTypes.Field => "field",
            _ => "event",
        }).Distinct().Order().ToArray();
        var usable = kind == "static-call" ? kinds.Contains("method") : kinds.Any(k => k != "event");
        if (usable) Found(answer, kinds);
        else if (kinds.Length > 0)
            Missing(answer, $"{home.FullName} has a static {string.Join("/", kinds)} {member}, not a {(kind == "static-call" ? "method" : "property or field")}, in {Describe(home)}");
        else
            Missing(answer, $"no static member {member} on {where}");
    }

    private static string Describe(TypeHome home) => home.Source == "powershell"
        ? "Windows PowerShell 5.1 (System.Management.Automation)"
        : $".NET Framework 4.7.2 ({home.Assembly})";

    private static void Found(JsonObject answer, string[] kinds)
    {
        answer["memberFound"] = true;
        answer["memberKinds"] = new JsonArray(kinds.Select(k => (JsonNode)k).ToArray());
    }

    private static void Missing(JsonObject answer, string message)
    {
        answer["memberFound"] = false;
        answer["message"] = message;
    }
}
