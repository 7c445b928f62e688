using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text.Json.Nodes;

namespace RemgenEngineHost;

/// <summary>
/// One script run. <c>Arguments</c> are passed the way <c>pwsh -File</c> passes them (a token that looks like
/// <c>-Name</c> is a parameter name); <c>Parameters</c> are bound by name with typed values (for the harness).
/// </summary>
internal sealed record RunRequest(
    string File,
    string[] Arguments,
    IReadOnlyDictionary<string, object?>? Parameters = null,
    IReadOnlyDictionary<string, string?>? Environment = null,
    string? WorkingDirectory = null,
    string[]? ConfirmAnswers = null,
    int TimeoutMilliseconds = 120_000)
{
    public static RunRequest FromJson(JsonObject json)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (json["parameters"] is JsonObject p)
            foreach (var (key, value) in p) parameters[key] = Json.ToDotNet(value);
        var env = new Dictionary<string, string?>();
        if (json["env"] is JsonObject e)
            foreach (var (key, value) in e) env[key] = value?.GetValue<string>();
        return new RunRequest(
            json["file"]!.GetValue<string>(),
            json["args"] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToArray() : Array.Empty<string>(),
            parameters,
            env,
            json["cwd"]?.GetValue<string>(),
            json["confirm"] is JsonArray c ? c.Select(n => n!.GetValue<string>()).ToArray() : null,
            json["timeoutMs"]?.GetValue<int>() ?? 120_000);
    }
}

internal sealed record ErrorInfo(string Message, string ErrorId, string Category, string Position, string ScriptStackTrace, bool Terminating)
{
    public static ErrorInfo From(ErrorRecord record, bool terminating) => new(
        record.Exception?.Message ?? record.ToString(),
        record.FullyQualifiedErrorId ?? "",
        record.CategoryInfo?.Category.ToString() ?? "",
        record.InvocationInfo?.PositionMessage ?? "",
        record.ScriptStackTrace ?? "",
        terminating);

    public JsonObject ToJson() => new()
    {
        ["message"] = Message,
        ["errorId"] = ErrorId,
        ["category"] = Category,
        ["position"] = Position,
        ["scriptStackTrace"] = ScriptStackTrace,
        ["terminating"] = Terminating,
    };
}

internal sealed class RunResult
{
    public int ExitCode;
    public bool TimedOut;
    public double Milliseconds;
    public List<string> Output = new();
    public List<object?> Objects = new();
    public List<ErrorInfo> Errors = new();
    public List<string> Warnings = new();
    public List<string> Verbose = new();
    public List<string> Information = new();
    public List<string> HostLines = new();
    public List<string> Prompts = new();

    public JsonObject ToJson() => new()
    {
        ["exitCode"] = ExitCode,
        ["timedOut"] = TimedOut,
        ["ms"] = Math.Round(Milliseconds, 2),
        ["output"] = Json.Strings(Output),
        ["objects"] = new JsonArray(Objects.Select(Json.FromObject).ToArray()),
        ["errors"] = new JsonArray(Errors.Select(e => (JsonNode)e.ToJson()).ToArray()),
        ["warnings"] = Json.Strings(Warnings),
        ["verbose"] = Json.Strings(Verbose),
        ["information"] = Json.Strings(Information),
        ["host"] = Json.Strings(HostLines),
        ["prompts"] = Json.Strings(Prompts),
    };
}

internal static class Engine
{
    // CreateDefault2 loads only what the engine ships (Microsoft.PowerShell.Core here); built once, shared.
    private static readonly InitialSessionState State = CreateState();

    public static string Version => typeof(PSObject).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static InitialSessionState CreateState()
    {
        var state = InitialSessionState.CreateDefault2();
        // ExecutionPolicy is left alone: on Linux setting it throws PlatformNotSupportedException.
        state.ThreadOptions = PSThreadOptions.UseNewThread;
        ShareTables(state);
        return state;
    }

    /// <summary>
    /// One TypeTable and one FormatTable for every run, built once from the same files the default entries
    /// name, instead of a new pair per runspace: opening a runspace and the member look-ups in it then cost
    /// about half the CPU (the harness on an empty script in a loop of fresh runspaces, pwsh 7.6.10: 70 -> 36 ms CPU a run; bench/RESULTS.md).
    /// Each run is still a fresh runspace. PowerShell refuses to change a shared table, so nothing a run does to
    /// types or formats reaches the next: Update-TypeData, Update-FormatData and importing a module with
    /// TypesToProcess/FormatsToProcess fail in a run ("The TypeTable cannot be updated because the TypeTable
    /// might have been created outside of the runspace"). Generated scripts use none of them (Core and the 5.1
    /// allowlist only). Left as it is when an entry is not a plain file name.
    /// </summary>
    private static void ShareTables(InitialSessionState state)
    {
        if (state.Types.Count > 0 && state.Types.All(t => t.FileName != null && t.TypeTable == null && t.TypeData == null))
        {
            var types = new TypeTable(state.Types.Select(t => t.FileName).ToArray());
            state.Types.Clear();
            state.Types.Add(new SessionStateTypeEntry(types));
        }
        if (state.Formats.Count > 0 && state.Formats.All(f => f.FileName != null && f.Formattable == null && f.FormatData == null))
        {
            var formats = new FormatTable(state.Formats.Select(f => f.FileName).ToArray());
            state.Formats.Clear();
            state.Formats.Add(new SessionStateFormatEntry(formats));
        }
    }

    public static RunResult Run(RunRequest request)
    {
        var result = new RunResult();
        var saved = new Dictionary<string, string?>();
        foreach (var (name, value) in request.Environment ?? new Dictionary<string, string?>())
        {
            saved[name] = System.Environment.GetEnvironmentVariable(name);
            System.Environment.SetEnvironmentVariable(name, value);
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var host = new RecordingHost(result, request.ConfirmAnswers);
        try
        {
            using var runspace = RunspaceFactory.CreateRunspace(host, State);
            runspace.Open();
            if (request.WorkingDirectory != null)
                runspace.SessionStateProxy.Path.SetLocation(WildcardPattern.Escape(request.WorkingDirectory));
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            if (request.Parameters is { Count: > 0 })
            {
                shell.AddCommand(request.File);
                foreach (var (name, value) in request.Parameters) shell.AddParameter(name, value);
                foreach (var argument in request.Arguments) shell.AddArgument(argument);
            }
            else
            {
                shell.AddScript(FileInvocation(request.File, request.Arguments));
            }
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) =>
            {
                var item = output[e.Index];
                result.Objects.Add(item);
                result.Output.Add(item?.ToString() ?? "");
            };
            shell.Streams.Error.DataAdded += (_, e) => result.Errors.Add(ErrorInfo.From(shell.Streams.Error[e.Index], false));
            shell.Streams.Warning.DataAdded += (_, e) => result.Warnings.Add(shell.Streams.Warning[e.Index].Message);
            shell.Streams.Verbose.DataAdded += (_, e) => result.Verbose.Add(shell.Streams.Verbose[e.Index].Message);
            shell.Streams.Information.DataAdded += (_, e) => result.Information.Add(shell.Streams.Information[e.Index].MessageData?.ToString() ?? "");
            var pending = shell.BeginInvoke<PSObject, PSObject>(null, output);
            if (!pending.AsyncWaitHandle.WaitOne(request.TimeoutMilliseconds))
            {
                result.TimedOut = true;
                shell.Stop();
                result.ExitCode = 124;
            }
            else
            {
                try
                {
                    shell.EndInvoke(pending);
                    result.ExitCode = host.ExitCode ?? ExitCodeOf(runspace);
                }
                catch (RuntimeException error)
                {
                    // As with pwsh -File: an error that ends the script is printed to stderr and the exit code is 1.
                    result.Errors.Add(ErrorInfo.From(error.ErrorRecord, true));
                    result.ExitCode = host.ExitCode ?? 1;
                }
            }
        }
        finally
        {
            foreach (var (name, value) in saved) System.Environment.SetEnvironmentVariable(name, value);
        }
        result.Milliseconds = started.Elapsed.TotalMilliseconds;
        return result;
    }

    private static int ExitCodeOf(Runspace runspace)
    {
        var code = runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
        return code is int value ? value : 0;
    }

    /// <summary>
    /// The command line pwsh -File would build: the script invoked with each argument as a parameter token
    /// (<c>-WhatIf</c>, <c>-Name:value</c>) or a single-quoted literal.
    /// </summary>
    private static string FileInvocation(string file, string[] arguments)
    {
        var parts = new List<string> { "& " + Quote(file) };
        foreach (var argument in arguments)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(argument, "^-[A-Za-z][A-Za-z0-9_]*(:(\\$true|\\$false))?$"))
                parts.Add(argument);
            else
                parts.Add(Quote(argument));
        }
        return string.Join(" ", parts);
    }

    private static string Quote(string text) => "'" + CodeGeneration.EscapeSingleQuotedStringContent(text) + "'";
}
