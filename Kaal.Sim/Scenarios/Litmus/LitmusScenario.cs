using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;

namespace Kaal.Sim.Scenarios.Litmus;

/// <summary>
/// A litmus test as a scenario: thread i of the test is component "T{i}" on core i, all sharing one frame
/// mapped at the same address; location n is its n-th word. Each run's registers belong to that run's
/// threads (kept per <see cref="Sys"/>, so a certification replay in another simulation cannot touch them);
/// <see cref="Outcome"/> reads them after a run.
/// </summary>
public sealed class LitmusScenario(LitmusTest test) : SimScenario
{
    private const ulong SharedAddr = 0x10_0000;
    private readonly ConditionalWeakTable<Sys, ulong[]> _registers = new();

    public override string Name => $"litmus-{test.Name}";

    public override string Description => $"litmus test {test.Name}: {test.Program}";

    public override SimConfig Config => new(CoreCount: test.Threads.Count);

    public override void Build(WorldBuilder world)
    {
        uint frame = world.CreateFrame();
        for (int index = 0; index < test.Threads.Count; index++)
        {
            IReadOnlyList<LitmusInstruction> program = test.Threads[index];
            WorldComponent component = world.AddComponent($"T{index}", 100, index, sys => Run(sys, program));
            world.Map(component, frame, SharedAddr, VmRights.Read | VmRights.Write);
        }
    }

    /// <summary>The outcome of the last run of <paramref name="simulation"/> ("r0=1 r1=0").</summary>
    public string Outcome(Simulation simulation)
    {
        var values = new ulong[test.Registers.Count == 0 ? 0 : test.Registers[^1] + 1];
        for (int index = 0; index < simulation.Threads.Count; index++)
        {
            if (!_registers.TryGetValue(simulation.Threads[index].Sys, out ulong[]? registers)) continue;
            foreach (LitmusInstruction instruction in test.Threads[index])
            {
                if (instruction.Op == LitmusOp.Load) values[instruction.Register] = registers[instruction.Register];
            }
        }
        return test.Outcome(values);
    }

    private async Task Run(Sys sys, IReadOnlyList<LitmusInstruction> program)
    {
        var registers = new ulong[test.Registers.Count == 0 ? 0 : test.Registers[^1] + 1];
        _registers.AddOrUpdate(sys, registers);
        foreach (LitmusInstruction instruction in program)
        {
            ulong address = SharedAddr + (ulong)instruction.Location * 8;
            switch (instruction.Op)
            {
                case LitmusOp.Load:
                    registers[instruction.Register] = (await sys.Load(address, instruction.Order)).X1;
                    break;
                case LitmusOp.Barrier:
                    await sys.Barrier(instruction.Barrier);
                    break;
                default:
                    if (instruction.ConditionRegister >= 0 && registers[instruction.ConditionRegister] != 1) break;
                    ulong value = instruction.ValueRegister >= 0 ? registers[instruction.ValueRegister] : instruction.Value;
                    await sys.Store(address, value, instruction.Order);
                    break;
            }
        }
    }
}
