#:package Microsoft.CodeAnalysis.CSharp
// The code-size figures issue 18 asks for (docs/architecture.md, "Figures"): the largest function and the largest type
// of the product code (every .cs outside tests/, bin/, obj/ and templates/), in lines from the first line of the
// declaration (after its doc comment) to its last. A function is a method, constructor, operator, accessor or local
// function; a type's lines are the sum over its partial declarations. Usage: dotnet run scripts/code-figures.cs -- DIR
// (scripts/bench.sh runs it first).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

string root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
string[] skipped = ["tests", "bin", "obj", "templates", "artifacts"];
var functions = new List<(string Name, int Lines, string File)>();
var types = new Dictionary<string, int>(StringComparer.Ordinal);
var declarations = new List<(string Name, int Lines, string File)>();
foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    string relative = Path.GetRelativePath(root, file);
    if (relative.Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part) || part.StartsWith('.'))) continue;
    SyntaxNode tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
    foreach (SyntaxNode node in tree.DescendantNodes())
    {
        if (node is BaseTypeDeclarationSyntax type)
        {
            string name = string.Join('.', type.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Reverse().Select(part => part.Identifier.Text));
            types[name] = types.GetValueOrDefault(name) + Lines(node);
            declarations.Add((name, Lines(node), relative));
        }
        else if (FunctionName(node) is string function)
        {
            string owner = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "";
            functions.Add(($"{owner}.{function}", Lines(node), relative));
        }
    }
}
Console.WriteLine($"code figures ({root}; product code: not tests/, templates/, bin/, obj/)");
foreach (var (name, lines, file) in functions.OrderByDescending(entry => entry.Lines).ThenBy(entry => entry.Name, StringComparer.Ordinal).Take(5))
    Console.WriteLine($"  function  {lines,5} lines  {name}  ({file})");
Console.WriteLine($"  functions over 70 lines: {functions.Count(entry => entry.Lines > 70)}");
foreach (var (name, lines) in types.OrderByDescending(entry => entry.Value).ThenBy(entry => entry.Key, StringComparer.Ordinal).Take(5))
    Console.WriteLine($"  type      {lines,5} lines  {name}  (all its partial declarations)");
foreach (var (name, lines, file) in declarations.OrderByDescending(entry => entry.Lines).ThenBy(entry => entry.Name, StringComparer.Ordinal).Take(3))
    Console.WriteLine($"  one type declaration {lines,5} lines  {name}  ({file})");

// Lines of a declaration without its leading trivia (doc comment, attributes' blank lines before it).
static int Lines(SyntaxNode node)
{
    FileLinePositionSpan span = node.SyntaxTree.GetLineSpan(node.Span);
    int first = node is MemberDeclarationSyntax member && member.AttributeLists.Count > 0 ? node.SyntaxTree.GetLineSpan(member.AttributeLists.Last().Span).EndLinePosition.Line + 1 : span.StartLinePosition.Line;
    return span.EndLinePosition.Line - first + 1;
}

static string? FunctionName(SyntaxNode node) => node switch
{
    MethodDeclarationSyntax method => method.Identifier.Text,
    ConstructorDeclarationSyntax constructor => constructor.Identifier.Text + "()",
    OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
    LocalFunctionStatementSyntax local => local.Identifier.Text + " (local)",
    AccessorDeclarationSyntax accessor when accessor.Body is not null || accessor.ExpressionBody is not null =>
        (accessor.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text + "." + accessor.Keyword.Text,
    _ => null,
};
