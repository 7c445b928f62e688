using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Text.Json.Nodes;

namespace RemgenEngineHost;

/// <summary>
/// Parses and evaluates string literals the generator wrote, each on its own, in one runspace: is it a
/// constant (no variable, subexpression, expandable string, script block or command), and what is its value?
/// </summary>
internal static class Literals
{
    public static JsonNode Evaluate(string[] literals, string[]? expectedHex = null)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        var answers = new JsonArray();
        for (var index = 0; index < literals.Length; index++)
        {
            var literal = literals[index];
            var ast = Parser.ParseInput(literal, out _, out var errors);
            var answer = new JsonObject { ["errors"] = Json.Strings(errors.Select(e => e.Message)) };
            var dynamic = ast.FindAll(a => a is VariableExpressionAst || a is SubExpressionAst || a is ExpandableStringExpressionAst
                || a is ScriptBlockExpressionAst || a is CommandAst || a is InvokeMemberExpressionAst, true).ToList();
            var statements = ast.EndBlock?.Statements ?? (IReadOnlyList<StatementAst>)Array.Empty<StatementAst>();
            var single = statements.Count == 1 && statements[0] is PipelineAst { PipelineElements.Count: 1 } p && p.PipelineElements[0] is CommandExpressionAst;
            answer["constant"] = errors.Length == 0 && single && dynamic.Count == 0;
            answer["dynamic"] = Json.Strings(dynamic.Select(d => d.GetType().Name));
            if (errors.Length == 0)
            {
                shell.Commands.Clear();
                shell.Streams.ClearStreams();
                shell.AddScript(literal);
                try
                {
                    var values = shell.Invoke();
                    answer["count"] = values.Count;
                    if (values.Count == 1)
                    {
                        answer["type"] = values[0]?.BaseObject.GetType().FullName;
                        var text = values[0]?.BaseObject as string;
                        answer["value"] = text;
                        // UTF-16 code units as hex: JSON cannot carry a lone surrogate, and those must be compared too.
                        if (text != null) answer["valueHex"] = string.Join(" ", text.Select(c => ((int)c).ToString("X4")));
                    }
                }
                catch (RuntimeException error)
                {
                    answer["evalError"] = error.Message;
                }
            }
            if (expectedHex != null && index < expectedHex.Length)
                answer["equal"] = (string?)answer["valueHex"] == expectedHex[index];
            answers.Add(answer);
        }
        return new JsonObject { ["results"] = answers };
    }
}
