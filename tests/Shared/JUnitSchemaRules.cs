using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Kaal.Tests.Shared;

/// <summary>
/// The rules of the JUnit schema that Jenkins' xUnit plugin validates reports against (its junit-10.xsd), written out
/// from reading that schema, as checks on a parsed document; the schema itself is not part of this project. In short:
/// the root is testsuites or testsuite; testsuites holds only testsuite elements; testsuite holds testsuite,
/// properties, testcase, system-out and system-err in any order and needs a tests attribute; testcase holds skipped,
/// error, failure, rerunFailure, rerunError, system-out and system-err and needs a name; failure, error and skipped
/// hold text only; properties holds property elements, each with a name and a value; system-out and system-err hold
/// text only; every element accepts only the attributes listed for it, and no element is in a namespace.
/// </summary>
public static class JUnitSchemaRules
{
    private sealed record ElementRule(string[] Children, string[] Attributes, string[] Required, bool Text);

    private static readonly string[] Outcome = ["type", "message"];

    private static readonly Dictionary<string, ElementRule> Rules = new()
    {
        ["testsuites"] = new(["testsuite"], ["name", "time", "tests", "failures", "disabled", "errors"], [], Text: false),
        ["testsuite"] = new(["testsuite", "properties", "testcase", "system-out", "system-err"],
            ["name", "tests", "failures", "errors", "time", "disabled", "skipped", "skips", "timestamp", "hostname", "id", "package",
             "assertions", "file", "skip", "log", "url"], ["tests"], Text: false),
        ["testcase"] = new(["skipped", "error", "failure", "rerunFailure", "rerunError", "system-out", "system-err"],
            ["name", "assertions", "time", "timestamp", "classname", "status", "class", "file", "line", "log", "group", "url"], ["name"], Text: false),
        ["failure"] = new([], Outcome, [], Text: true),
        ["error"] = new([], Outcome, [], Text: true),
        ["skipped"] = new([], Outcome, [], Text: true),
        ["rerunFailure"] = new(["system-out", "system-err"], Outcome, [], Text: true),
        ["rerunError"] = new(["system-out", "system-err"], Outcome, [], Text: true),
        ["properties"] = new(["property"], [], [], Text: false),
        ["property"] = new([], ["name", "value"], ["name", "value"], Text: false),
        ["system-out"] = new([], [], [], Text: true),
        ["system-err"] = new([], [], [], Text: true),
    };

    /// <summary>Every rule the document breaks, each naming the element by its path; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(XDocument document)
    {
        var violations = new List<string>();
        XElement? root = document.Root;
        if (root == null || root.Name.LocalName is not ("testsuites" or "testsuite"))
        {
            violations.Add($"the root is <{root?.Name.LocalName}>, not <testsuites> or <testsuite>");
            return violations;
        }
        Check(root, $"/{root.Name.LocalName}", violations);
        return violations;
    }

    private static void Check(XElement element, string path, List<string> violations)
    {
        if (element.Name.NamespaceName.Length > 0)
        {
            violations.Add($"{path}: in namespace {element.Name.NamespaceName}");
        }
        ElementRule rule = Rules[element.Name.LocalName];
        foreach (XAttribute attribute in element.Attributes().Where(attribute => !attribute.IsNamespaceDeclaration))
        {
            if (!rule.Attributes.Contains(attribute.Name.LocalName) || attribute.Name.NamespaceName.Length > 0)
            {
                violations.Add($"{path}: attribute '{attribute.Name}' is not allowed on <{element.Name.LocalName}>");
            }
        }
        foreach (string required in rule.Required.Where(name => element.Attribute(name) == null))
        {
            violations.Add($"{path}: required attribute '{required}' is missing");
        }
        if (!rule.Text && element.Nodes().OfType<XText>().Any(text => !string.IsNullOrWhiteSpace(text.Value)))
        {
            violations.Add($"{path}: <{element.Name.LocalName}> holds elements only, not text");
        }
        int index = 0;
        foreach (XElement child in element.Elements())
        {
            string childPath = $"{path}/{child.Name.LocalName}[{++index}]";
            if (!rule.Children.Contains(child.Name.LocalName))
            {
                violations.Add($"{childPath}: <{child.Name.LocalName}> is not allowed in <{element.Name.LocalName}>");
                continue;
            }
            Check(child, childPath, violations);
        }
    }
}
