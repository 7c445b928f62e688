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
        var clean = new List<int>();
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
            if ((bool)answer["constant"]!) clean.Add(index);
            answers.Add(answer);
        }
        // Only constants are evaluated. One script of `,(<literal>)` statements: each emits exactly one value, so output i is literal i's
        // value. One invocation instead of ten thousand keeps this at engine speed.
        var script = string.Join("\n", clean.Select(i => ",(" + literals[i] + ")"));
        shell.AddScript(script);
        var values = shell.Invoke();
        if (values.Count != clean.Count || shell.HadErrors)
            throw new InvalidOperationException($"batch evaluation gave {values.Count} values for {clean.Count} literals");
        for (var k = 0; k < clean.Count; k++)
        {
            var index = clean[k];
            var answer = answers[index]!.AsObject();
            var value = values[k];
            answer["count"] = 1;
            answer["type"] = value?.BaseObject.GetType().FullName;
            var text = value?.BaseObject as string;
            answer["value"] = text;
            // UTF-16 code units as hex: JSON cannot carry a lone surrogate, and those must be compared too.
            if (text != null) answer["valueHex"] = string.Join(" ", text.Select(c => ((int)c).ToString("X4")));
            if (expectedHex != null && index < expectedHex.Length)
                answer["equal"] = (string?)answer["valueHex"] == expectedHex[index];
        }
        return new JsonObject { ["results"] = answers };
    }
}
