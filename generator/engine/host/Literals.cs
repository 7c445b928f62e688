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
    public static JsonNode Evaluate(string[] literals)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        var answers = new JsonArray();
        foreach (var literal in literals)
        {
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
                        answer["value"] = values[0]?.BaseObject as string;
                    }
                }
                catch (RuntimeException error)
                {
                    answer["evalError"] = error.Message;
                }
            }
            answers.Add(answer);
        }
        return new JsonObject { ["results"] = answers };
    }
}
