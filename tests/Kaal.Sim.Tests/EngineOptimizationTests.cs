using System;
using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Kaal.Sim.Tests;

/// <summary>
/// Exploration runs optimized code whatever the configuration of the project that calls it (issue 21): the engine's
/// assemblies set <c>Optimize</c> in every configuration, so a user's test project built Debug (as <c>dotnet test</c>
/// builds this one by default) does not JIT the kernel and the simulator without optimizations (about 20x slower per
/// schedule before). Only the user's own component code follows their configuration.
/// </summary>
public sealed class EngineOptimizationTests
{
    public static TheoryData<string> EngineAssemblies() => new()
    {
        typeof(Kaal.Model.Kernel).Assembly.GetName().Name!,
        typeof(Kaal.Sdk.Sys).Assembly.GetName().Name!,
        typeof(Kaal.Sim.Runtime.Simulation).Assembly.GetName().Name!,
        typeof(Kaal.Components.Supervision.SystemInit).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void The_engine_is_JIT_optimized_in_a_Debug_test_project(string name)
    {
        Assembly assembly = Array.Find(AppDomain.CurrentDomain.GetAssemblies(), loaded => loaded.GetName().Name == name)
            ?? Assembly.Load(name);
        Assert.False(JitOptimizerDisabled(assembly), $"{name} ({assembly.Location}) was compiled without optimizations: set <Optimize>true</Optimize> in its project for every configuration");
    }

#if DEBUG
    /// <summary>This test project itself is a Debug build (the attribute the check reads is there and says so), so the
    /// theory above checks the case a user's Debug test project is in.</summary>
    [Fact]
    public void This_test_project_is_a_Debug_build()
    {
        Assert.True(JitOptimizerDisabled(typeof(EngineOptimizationTests).Assembly));
    }
#endif

    private static bool JitOptimizerDisabled(Assembly assembly) => assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;
}
