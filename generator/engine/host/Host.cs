using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace RemgenEngineHost;

/// <summary>
/// A non-interactive host that records what a console would show: -WhatIf lines, Write-Host text and the
/// -Confirm prompts. A prompt is answered from the run's scripted answers (Y, A, N, L), or fails the way
/// pwsh -NonInteractive does when none is left.
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingUI _ui;
    public int? ExitCode { get; private set; }

    public RecordingHost(RunResult result, string[]? answers) => _ui = new RecordingUI(result, answers);

    public override string Name => "remgen-engine-host";
    public override Version Version => new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
    public override void ExitNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

internal sealed class RecordingUI : PSHostUserInterface
{
    private readonly RunResult _result;
    private readonly Queue<string> _answers;
    private string _partial = "";

    public RecordingUI(RunResult result, string[]? answers)
    {
        _result = result;
        _answers = new Queue<string>(answers ?? Array.Empty<string>());
    }

    public override PSHostRawUserInterface? RawUI => null;

    public override void Write(string value) => _partial += value;
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
    public override void WriteLine(string value)
    {
        _result.HostLines.Add(_partial + value);
        _partial = "";
    }
    public override void WriteErrorLine(string value) => _result.HostLines.Add(value);
    public override void WriteDebugLine(string message) => _result.HostLines.Add("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => _result.HostLines.Add("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => _result.HostLines.Add("WARNING: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        _result.Prompts.Add(caption + ": " + message);
        if (_answers.Count == 0)
            throw new PSInvalidOperationException("a prompt was shown and no answer was scripted (non-interactive): " + caption + ": " + message);
        var answer = _answers.Dequeue();
        for (var index = 0; index < choices.Count; index++)
        {
            var label = choices[index].Label;
            var hot = label.IndexOf('&');
            var key = hot >= 0 && hot + 1 < label.Length ? label[hot + 1].ToString() : label;
            if (string.Equals(key, answer, StringComparison.OrdinalIgnoreCase)) return index;
        }
        throw new PSInvalidOperationException("scripted answer '" + answer + "' is none of the prompt's choices");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException("non-interactive host: cannot prompt for " + caption);
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("non-interactive host: cannot prompt for a credential");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("non-interactive host: cannot prompt for a credential");
    public override string ReadLine() => throw new PSInvalidOperationException("non-interactive host: cannot read input");
    public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("non-interactive host: cannot read input");
}
