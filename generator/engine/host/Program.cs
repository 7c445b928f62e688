// remgen engine host: the PowerShell engine (System.Management.Automation) that the tests run generated
// scripts in. Three modes:
//
//   RemgenEngineHost -File script.ps1 [args...]   like `pwsh -NoProfile -NonInteractive -File`: output
//                                                  lines to stdout, error records to stderr, exit code
//   RemgenEngineHost --parse script.ps1           parse errors and AST facts as one JSON document
//   RemgenEngineHost --serve                      JSON requests on stdin, one per line; one JSON answer
//                                                  per line on stdout (ops: run, parse, literals)
//
// The same server also runs inside a real pwsh (7.6+, .NET 10): pwsh loads this assembly with Add-Type and
// calls the public RemgenEngineHost.Server.Serve(); each run's runspace is then pwsh's own engine, with
// pwsh's modules, and the recording host still captures What if: lines and answers -Confirm prompts.
//
// Each run gets a fresh runspace from one cached InitialSessionState, so a test costs milliseconds and
// not a process start. Nothing here imitates a cmdlet: the engine has what Microsoft.PowerShell.Core has.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RemgenEngineHost;

if (args.Length >= 2 && args[0].Equals("-File", StringComparison.OrdinalIgnoreCase))
{
    var result = Engine.Run(new RunRequest(Path.GetFullPath(args[1]), args.Skip(2).ToArray()));
    var stdout = Console.OpenStandardOutput();
    foreach (var line in result.HostLines.Concat(result.Output))
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stdout.Write(bytes, 0, bytes.Length);
    }
    foreach (var record in result.Errors) Console.Error.WriteLine(record.Message);
    return result.ExitCode;
}
if (args.Length == 2 && args[0] == "--parse")
{
    Console.Out.Write(Facts.Parse(Path.GetFullPath(args[1])).ToJsonString());
    Console.Out.WriteLine();
    return 0;
}
if (args.Length == 1 && args[0] == "--serve")
{
    return Server.Serve();
}
Console.Error.WriteLine("usage: RemgenEngineHost -File script.ps1 [args...] | --parse script.ps1 | --serve");
return 64;

namespace RemgenEngineHost
{
    public static class Server
    {
        public static int Serve()
        {
            var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            output.WriteLine(new JsonObject { ["ready"] = true, ["engine"] = Engine.Version }.ToJsonString());
            string? line;
            while ((line = input.ReadLine()) != null)
            {
                if (line.Length == 0) continue;
                JsonNode answer;
                JsonNode? id = null;
                try
                {
                    var request = JsonNode.Parse(line)!.AsObject();
                    id = request["id"]?.DeepClone();
                    answer = Dispatch(request);
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

        private static JsonNode Dispatch(JsonObject request)
        {
            var op = request["op"]?.GetValue<string>();
            switch (op)
            {
                case "run":
                    return Engine.Run(RunRequest.FromJson(request)).ToJson();
                case "parse":
                    return Facts.Parse(request["file"]!.GetValue<string>(), request["help"]?.GetValue<bool>() ?? false);
                case "literals":
                    return Literals.Evaluate(request["literals"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray(),
                        request["expectedHex"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray());
                default:
                    throw new ArgumentException($"unknown op '{op}'");
            }
        }
    }
}
