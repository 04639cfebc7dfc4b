using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Kaal.Components.Supervision;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>A spawn that cannot be done is a value system_init reports, not an exception it catches: on the CPU there
/// is no unwinder, and a throw would fault system_init and stop the whole system.</summary>
public sealed class SpawnFailureTests
{
    [Fact]
    public void A_component_whose_budget_system_init_cannot_hold_is_reported_retried_given_up_on_and_the_system_ends()
    {
        string manifest = File.ReadAllText(Path.Combine(SystemRun.RepositoryRoot(), "manifests", "spawn-failure.toml"));
        (RunResult result, List<string> lines, Simulation simulation) = SystemRun.Run(SystemRun.Scenario(manifest), 0);
        string why = SystemRun.Describe(result, lines);
        Assert.True(result.Outcome == RunOutcome.Passed && simulation.ShutDown, why); // exit code 1, as its exit_code expects
        Assert.Equal(1UL, simulation.ExitCode);
        Assert.Equal(new[]
        {
            "phase applications",
            "spawn failed for greedy: greedy: process untyped: NotEnoughMemory (UntypedExhausted)",
            "restarting greedy (restart 1 of 1, backoff 0 ms)",
            "spawn failed for greedy: greedy: process untyped: NotEnoughMemory (UntypedExhausted)",
            "gave up on greedy after 1 restarts",
            "all applications have ended; shutting down",
            "summary: 0 started, 1 restarted, 0 faulted, 1 failed, 1 not started",
        }, SystemRun.LinesOf(lines, "system_init"));
    }

    /// <summary>The code the EL0 image compiles (the SDK's runtime and spawner, every component) catches nothing: a
    /// catch block never runs on the CPU, so code that relied on one would behave differently there. The only
    /// handlers allowed are those the compiler puts around every async method's body (catch Exception, to fault its task).</summary>
    [Fact]
    public void The_code_compiled_for_EL0_has_no_catch_blocks()
    {
        var offenders = new List<string>();
        foreach (Type type in typeof(Outcome).Assembly.GetTypes().Concat(typeof(SystemInit).Assembly.GetTypes()))
        {
            if (type.Namespace is "Kaal.Sdk.Manifest" or "Kaal.Sdk.Discovery" or "Kaal.Sdk.ImageBuild") continue; // host-only: the manifest checker, discovery and the image build steps are not in the EL0 image
            foreach (MethodBase method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Cast<MethodBase>()
                .Concat(type.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)))
            {
                IList<ExceptionHandlingClause>? clauses = method.GetMethodBody()?.ExceptionHandlingClauses;
                if (clauses is null) continue;
                bool asyncBody = typeof(IAsyncStateMachine).IsAssignableFrom(type) && method.Name == "MoveNext";
                foreach (ExceptionHandlingClause clause in clauses)
                {
                    bool builderCatch = asyncBody && clause.Flags == ExceptionHandlingClauseOptions.Clause && clause.CatchType == typeof(Exception);
                    if (clause.Flags is ExceptionHandlingClauseOptions.Clause or ExceptionHandlingClauseOptions.Filter && !builderCatch)
                    {
                        offenders.Add($"{type.FullName}.{method.Name}: {clause.Flags} {(clause.Flags == ExceptionHandlingClauseOptions.Clause ? clause.CatchType?.Name : "")}");
                    }
                }
            }
        }
        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }
}
