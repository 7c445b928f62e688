// remgen engine surface: does a .NET reference in a PowerShell script exist in Windows PowerShell 5.1?
// A sibling of the engine host (which runs PowerShell 7.6 on .NET 10, where much more exists). Modes:
//
//   RemgenEngineSurface            stdin: a JSON list of references {type, member?, kind, namespaces?}
//                                  (kind as the host's parse facts name it: type, static-call,
//                                  static-property, cast, constraint, attribute); stdout: a JSON list of
//                                  answers in the same order
//   RemgenEngineSurface --serve    one JSON request {id, references: [...]} a line on stdin, one answer
//                                  {id, results: [...]} a line on stdout; first line {ready: true, ...}
//   RemgenEngineSurface --info     the accelerator table and the assemblies 5.1 loads at start, as JSON
//
// An answer: resolved (the type), resolvedType, source (net472 | powershell | accelerator | syntax),
// assembly, assemblies (generic arguments' too), notLoadedAtStart, and for a static member memberFound
// (true, false, or null when it cannot be checked) and memberKinds; message says what is wrong.
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using RemgenEngineSurface;

var refs = Path.Combine(AppContext.BaseDirectory, "refs");

if (args.Length == 1 && args[0] == "--info")
{
    var table = new JsonObject();
    foreach (var (name, (type, assembly)) in Windows51.Accelerators.OrderBy(a => a.Key, StringComparer.Ordinal))
        table[name] = new JsonObject { ["type"] = type, ["assembly"] = assembly };
    Console.Out.WriteLine(new JsonObject
    {
        ["accelerators"] = table,
        ["loadedAtStart"] = new JsonArray(Windows51.LoadedAtStart.Order().Select(a => (JsonNode)a).ToArray()),
    }.ToJsonString());
    return 0;
}

var clock = Stopwatch.StartNew();
if (args.Length == 1 && args[0] == "--serve")
{
    var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
    var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    using var surface = new Surface(refs);
    output.WriteLine(new JsonObject { ["ready"] = true, ["assemblies"] = surface.AssemblyCount, ["types"] = surface.TypeCount, ["ms"] = clock.ElapsedMilliseconds }.ToJsonString());
    string? line;
    while ((line = input.ReadLine()) != null)
    {
        if (line.Length == 0) continue;
        JsonObject answer;
        JsonNode? id = null;
        try
        {
            var request = JsonNode.Parse(line)!.AsObject();
            id = request["id"]?.DeepClone();
            answer = new JsonObject { ["results"] = Answer(surface, request["references"]!.AsArray()) };
        }
        catch (Exception error)
        {
            answer = new JsonObject { ["hostError"] = error.ToString() };
        }
        answer["id"] = id;
        output.WriteLine(answer.ToJsonString());
    }
    return 0;
}
if (args.Length == 0)
{
    var text = Console.In.ReadToEnd();
    using var surface = new Surface(refs);
    var results = Answer(surface, JsonNode.Parse(text)!.AsArray());
    Console.Out.WriteLine(results.ToJsonString());
    if (Environment.GetEnvironmentVariable("REMGEN_SURFACE_TIMING") == "1")
        Console.Error.WriteLine($"{surface.AssemblyCount} assemblies, {surface.TypeCount} types, {results.Count} references: {clock.ElapsedMilliseconds} ms after start");
    return 0;
}
Console.Error.WriteLine("usage: RemgenEngineSurface [--serve | --info]   (references as JSON on stdin)");
return 64;

static JsonArray Answer(Surface surface, JsonArray references) =>
    new(references.Select(r => (JsonNode)surface.Check(r!.AsObject())).ToArray());
