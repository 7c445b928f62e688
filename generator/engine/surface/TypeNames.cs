namespace RemgenEngineSurface;

/// <summary>
/// A PowerShell type name as the parser's <c>ITypeName.FullName</c> writes it:
/// <c>System.Collections.Generic.Dictionary[string,System.Collections.Generic.List[int[]]]</c>,
/// <c>string[,]</c>, <c>System.Xml.XmlDocument,System.Xml</c>, <c>System.Collections.Generic.List`1[System.String]</c>.
/// </summary>
internal sealed record TypeNameNode(string Name, IReadOnlyList<TypeNameNode> GenericArguments, IReadOnlyList<int> ArrayRanks, string? AssemblyName)
{
    public bool IsArray => ArrayRanks.Count > 0;
    public bool IsGeneric => GenericArguments.Count > 0;

    public TypeNameNode ElementType => this with { ArrayRanks = [] };

    public override string ToString()
    {
        var text = Name;
        if (IsGeneric) text += "[" + string.Join(",", GenericArguments) + "]";
        foreach (var rank in ArrayRanks) text += "[" + new string(',', rank - 1) + "]";
        return text;
    }

    public static TypeNameNode Parse(string text)
    {
        var index = 0;
        var node = ParseOne(text, ref index);
        if (index < text.Length && text[index] == ',')
            node = node with { AssemblyName = text[(index + 1)..].Trim() };
        else if (index < text.Length)
            throw new FormatException($"unexpected '{text[index]}' at {index} in type name '{text}'");
        return node;
    }

    private static TypeNameNode ParseOne(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && text[index] is not ('[' or ']' or ',')) index++;
        var name = text[start..index].Trim();
        if (name.Length == 0) throw new FormatException($"empty name at {start} in type name '{text}'");
        var arguments = new List<TypeNameNode>();
        var ranks = new List<int>();
        while (index < text.Length && text[index] == '[')
        {
            var next = index + 1 < text.Length ? text[index + 1] : '\0';
            if (next is ']' or ',')
            {
                var rank = 1;
                index++;
                while (index < text.Length && text[index] == ',') { rank++; index++; }
                Expect(text, ref index, ']');
                ranks.Add(rank);
                continue;
            }
            if (arguments.Count > 0 || ranks.Count > 0) throw new FormatException($"unexpected '[' at {index} in type name '{text}'");
            index++;
            arguments.Add(ParseOne(text, ref index));
            while (index < text.Length && text[index] == ',')
            {
                index++;
                arguments.Add(ParseOne(text, ref index));
            }
            Expect(text, ref index, ']');
        }
        return new TypeNameNode(name, arguments, ranks, null);
    }

    private static void Expect(string text, ref int index, char c)
    {
        if (index >= text.Length || text[index] != c) throw new FormatException($"expected '{c}' at {index} in type name '{text}'");
        index++;
    }
}
