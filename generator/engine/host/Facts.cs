using System.Management.Automation.Language;
using System.Text.Json.Nodes;

namespace RemgenEngineHost;

/// <summary>
/// What the integrity and 5.1-surface rules need from PowerShell's own parser: errors with line:column,
/// the commands called (with their named parameters and constant arguments), functions defined, type
/// references, syntax PowerShell 7 added, and the script's top-level statements.
/// </summary>
internal static class Facts
{
    /// <param name="help">Each function's comment-based help synopsis too (an admin's step file): it costs a
    /// pass over the tokens, so a generated script with hundreds of functions is parsed without it.</param>
    public static JsonObject Parse(string file, bool help = false)
    {
        var ast = Parser.ParseFile(file, out var tokens, out var errors);
        return Describe(ast, tokens, errors, help);
    }

    public static JsonObject Describe(ScriptBlockAst ast, Token[] tokens, ParseError[] errors, bool help = false)
    {
        // GetHelpContent() without a cache tokenizes the whole script again for every function (a generated
        // script has hundreds): one cache per parse makes the synopses cost one pass.
        var helpTokens = new Dictionary<Ast, Token[]>();
        return new JsonObject
        {
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["message"] = e.Message,
                ["errorId"] = e.ErrorId,
                ["line"] = e.Extent.StartLineNumber,
                ["column"] = e.Extent.StartColumnNumber,
            }).ToArray()),
            ["requiresVersion"] = ast.ScriptRequirements?.RequiredPSVersion?.ToString(),
            ["functions"] = new JsonArray(ast.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>().Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["line"] = f.Extent.StartLineNumber,
                ["column"] = f.Extent.StartColumnNumber,
                ["endLine"] = f.Extent.EndLineNumber,
                ["parent"] = EnclosingFunction(f.Parent),
                ["parameters"] = new JsonArray((f.Body.ParamBlock?.Parameters ?? (IEnumerable<ParameterAst>?)f.Parameters ?? Array.Empty<ParameterAst>())
                    .Select(p => (JsonNode)JsonValue.Create(p.Name.VariablePath.UserPath)!).ToArray()),
                ["synopsis"] = help ? f.GetHelpContent(helpTokens)?.Synopsis?.Trim() : null,
            }).ToArray()),
            ["commands"] = new JsonArray(ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(Command).ToArray()),
            ["types"] = new JsonArray(Types(ast).ToArray()),
            ["syntax7"] = new JsonArray(Syntax7(ast, tokens).ToArray()),
            ["topLevel"] = new JsonArray(TopLevel(ast).ToArray()),
            ["exits"] = new JsonArray(ast.FindAll(a => a is ExitStatementAst, true).Select(e => (JsonNode)Where(e)).ToArray()),
            ["topLevelReturns"] = new JsonArray(ast.FindAll(a => a is ReturnStatementAst r && IsTopLevel(r), true)
                .Select(r => (JsonNode)Where(r)).ToArray()),
            ["endOffset"] = ast.EndBlock?.Statements.LastOrDefault()?.Extent.EndOffset ?? 0,
        };
    }

    private static JsonObject Where(Ast a) => new() { ["line"] = a.Extent.StartLineNumber, ["column"] = a.Extent.StartColumnNumber };

    private static string? EnclosingFunction(Ast? a)
    {
        for (; a != null; a = a.Parent)
            if (a is FunctionDefinitionAst f) return f.Name;
        return null;
    }

    /// <summary>A statement at script level: not inside a function or a script block literal.</summary>
    private static bool IsTopLevel(Ast a)
    {
        for (var p = a.Parent; p != null; p = p.Parent)
            if (p is FunctionDefinitionAst || p is ScriptBlockExpressionAst) return false;
        return true;
    }

    private static JsonNode Command(CommandAst command)
    {
        var parameters = new JsonArray();
        var elements = command.CommandElements;
        for (var index = 1; index < elements.Count; index++)
        {
            if (elements[index] is not CommandParameterAst parameter) continue;
            var entry = new JsonObject
            {
                ["name"] = parameter.ParameterName,
                ["line"] = parameter.Extent.StartLineNumber,
                ["column"] = parameter.Extent.StartColumnNumber,
            };
            var argument = parameter.Argument ?? (index + 1 < elements.Count && elements[index + 1] is not CommandParameterAst ? elements[index + 1] as ExpressionAst : null);
            if (argument is StringConstantExpressionAst constant) entry["value"] = constant.Value;
            else if (argument != null) entry["expression"] = argument.Extent.Text;
            parameters.Add(entry);
        }
        var positional = new JsonArray();
        for (var index = 1; index < elements.Count; index++)
        {
            if (elements[index] is CommandParameterAst) continue;
            if (index > 1 && elements[index - 1] is CommandParameterAst p && p.Argument == null) continue;
            positional.Add(elements[index].Extent.Text);
        }
        return new JsonObject
        {
            ["name"] = command.GetCommandName(),
            ["invocation"] = command.InvocationOperator switch { TokenKind.Ampersand => "&", TokenKind.Dot => ".", _ => "" },
            ["line"] = command.Extent.StartLineNumber,
            ["column"] = command.Extent.StartColumnNumber,
            ["function"] = EnclosingFunction(command.Parent),
            ["parameters"] = parameters,
            ["positional"] = positional,
            ["splatted"] = elements.Any(e => e is VariableExpressionAst v && v.Splatted),
        };
    }

    private static IEnumerable<JsonNode> Types(Ast ast)
    {
        JsonObject Entry(string kind, ITypeName type, Ast at, string? member = null)
        {
            var entry = new JsonObject
            {
                ["kind"] = kind,
                ["type"] = type.FullName,
                ["line"] = at.Extent.StartLineNumber,
                ["column"] = at.Extent.StartColumnNumber,
                ["function"] = EnclosingFunction(at.Parent),
            };
            if (member != null) entry["member"] = member;
            return entry;
        }
        foreach (var node in ast.FindAll(_ => true, true))
        {
            switch (node)
            {
                case MemberExpressionAst { Static: true, Expression: TypeExpressionAst type } member:
                    var name = member.Member is StringConstantExpressionAst constant ? constant.Value : member.Member.Extent.Text;
                    yield return Entry(member is InvokeMemberExpressionAst ? "static-call" : "static-property", type.TypeName, member, name);
                    break;
                case TypeExpressionAst type when type.Parent is not MemberExpressionAst { Static: true }:
                    yield return Entry("type", type.TypeName, type);
                    break;
                case ConvertExpressionAst convert:
                    yield return Entry("cast", convert.Type.TypeName, convert);
                    break;
                case TypeConstraintAst constraint when constraint.Parent is not ConvertExpressionAst:
                    yield return Entry("constraint", constraint.TypeName, constraint);
                    break;
                case AttributeAst attribute:
                    yield return Entry("attribute", attribute.TypeName, attribute);
                    break;
            }
        }
    }

    private static IEnumerable<JsonNode> Syntax7(ScriptBlockAst ast, Token[] tokens)
    {
        JsonObject Found(string what, IScriptExtent at) => new()
        {
            ["syntax"] = what,
            ["line"] = at.StartLineNumber,
            ["column"] = at.StartColumnNumber,
        };
        foreach (var node in ast.FindAll(_ => true, true))
        {
            switch (node)
            {
                case TernaryExpressionAst t: yield return Found("ternary operator ?:", t.Extent); break;
                case BinaryExpressionAst { Operator: TokenKind.QuestionQuestion } b: yield return Found("null-coalescing operator ??", b.Extent); break;
                case AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals } a: yield return Found("null-coalescing assignment ??=", a.Extent); break;
                case MemberExpressionAst { NullConditional: true } m: yield return Found("null-conditional member access ?.", m.Extent); break;
                case IndexExpressionAst { NullConditional: true } i: yield return Found("null-conditional index ?[]", i.Extent); break;
                case PipelineChainAst c: yield return Found("pipeline chain " + (c.Operator == TokenKind.AndAnd ? "&&" : "||"), c.Extent); break;
                case ScriptBlockAst { CleanBlock: not null } s: yield return Found("clean block", s.CleanBlock.Extent); break;
            }
        }
        foreach (var token in tokens)
        {
            if (token is not StringExpandableToken && token.Kind != TokenKind.Generic && token.Kind != TokenKind.HereStringExpandable) continue;
            var text = token.Text;
            for (var i = 0; i + 1 < text.Length; i++)
            {
                if (text[i] != '`') continue;
                var next = text[i + 1];
                if (next == 'e') yield return Found("escape `e", token.Extent);
                else if (next == 'u' && i + 2 < text.Length && text[i + 2] == '{') yield return Found("escape `u{}", token.Extent);
                i++;
            }
        }
    }

    private static IEnumerable<JsonNode> TopLevel(ScriptBlockAst ast)
    {
        var blocks = new[] { ast.BeginBlock, ast.ProcessBlock, ast.EndBlock }.Where(b => b != null);
        foreach (var block in blocks)
            foreach (var statement in block!.Statements)
                yield return new JsonObject
                {
                    ["kind"] = statement.GetType().Name.Replace("Ast", ""),
                    ["line"] = statement.Extent.StartLineNumber,
                    ["text"] = statement.Extent.Text.Length > 80 ? statement.Extent.Text[..80] : statement.Extent.Text,
                };
    }
}
