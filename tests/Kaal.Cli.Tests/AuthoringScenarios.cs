using System;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sim.Runtime;
using Kaal.Sim.Scenarios;

namespace Kaal.Cli.Tests;

/// <summary>Scenarios with the authoring traps of issue 24, explored through `kaal explore --assembly` with this
/// test assembly (<see cref="AuthoringTrapTests"/>).</summary>
public static class AuthoringScenarios
{
    private const ulong Base = 0x10_0000;

    /// <summary>A component awaits Task.Yield instead of sys.Yield.</summary>
    public sealed class TaskYield : SimScenario
    {
        public override string Name => "authoring-task-yield";

        public override string Description => "a component awaiting Task.Yield";

        public override void Build(WorldBuilder world) => world.AddComponent("yielder", 100, 0, async sys =>
        {
            await sys.Yield();
            await Task.Yield();
            await sys.Yield();
        });
    }

    /// <summary>A component polls for a signal that never comes, for ever.</summary>
    public sealed class Spins : SimScenario
    {
        public override string Name => "authoring-spins";

        public override string Description => "a component that never stops";

        public override void Build(WorldBuilder world)
        {
            uint note = world.CreateNotification("never");
            ulong poll = 0;
            WorldComponent spinner = world.AddComponent("spinner", 100, 0, async sys =>
            {
                while ((await sys.Poll(poll)).Badge == 0)
                {
                }
            });
            poll = world.Give(spinner, note, CapRights.Read);
        }
    }

    /// <summary>A component throws an exception of its own.</summary>
    public sealed class Throws : SimScenario
    {
        public override string Name => "authoring-throws";

        public override string Description => "a component that throws";

        public override void Build(WorldBuilder world) => world.AddComponent("thrower", 100, 0, async sys =>
        {
            await sys.Yield();
            Explode();
        });

        private static void Explode() => throw new InvalidOperationException("the table is empty");
    }

    /// <summary>A component counts its runs in a field of the scenario object.</summary>
    public sealed class LeaksAField : SimScenario
    {
        private int _runs;

        public override string Name => "authoring-leaks-a-field";

        public override string Description => "state kept in the scenario object";

        public override void Build(WorldBuilder world) => world.AddComponent("counter", 100, 0, async sys =>
        {
            _runs++;
            await sys.Yield();
        });
    }

    /// <summary>A component changes a variable it captured from Build.</summary>
    public sealed class LeaksACapture : SimScenario
    {
        public override string Name => "authoring-leaks-a-capture";

        public override string Description => "state kept in a captured variable";

        public override void Build(WorldBuilder world)
        {
            bool started = false;
            world.AddComponent("starter", 100, 0, async sys =>
            {
                sys.Assert(!started, "started twice");
                started = true;
                await sys.Yield();
            });
        }
    }

    /// <summary>A set-up that maps a frame at an address that is not page-aligned.</summary>
    public sealed class BadSetUp : SimScenario
    {
        public override string Name => "authoring-bad-set-up";

        public override string Description => "a mapping the kernel refuses";

        public override void Build(WorldBuilder world) =>
            world.Map(world.AddComponent("lonely", 100, 0, async sys => await sys.Yield()), world.CreateFrame(), Base + 8, VmRights.Read);
    }

    /// <summary>A ring of <paramref name="capacity"/> items written by one component and checked by another;
    /// <paramref name="skipLast"/> plants a bug.</summary>
    public sealed class Sized(int capacity, bool skipLast = false) : SimScenario
    {
        public override string Name => $"authoring-sized-{capacity}";

        public override string Description => "a parameterised scenario";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.Map(world.AddComponent("writer", 100, 0, async sys =>
            {
                for (int index = 0; index < (skipLast ? capacity - 1 : capacity); index++) await sys.Store(Base + (ulong)index * 8, 1);
            }), frame, Base, VmRights.Read | VmRights.Write);
            world.Map(world.AddComponent("checker", 50, 0, async sys =>
            {
                for (int index = 0; index < capacity; index++) sys.Assert((await sys.Load(Base + (ulong)index * 8)).X1 == 1, $"slot {index} of {capacity} is empty");
            }), frame, Base, VmRights.Read | VmRights.Write);
        }
    }

    /// <summary>A server that answers Calls for ever (a daemon) and a client that makes three.</summary>
    public sealed class Server(bool daemon) : SimScenario
    {
        public Server() : this(daemon: true)
        {
        }

        public override string Name => daemon ? "authoring-daemon-server" : "authoring-server-not-daemon";

        public override string Description => "a server serving for ever";

        public override void Build(WorldBuilder world)
        {
            uint endpoint = world.CreateEndpoint("requests");
            ulong serve = 0, call = 0;
            Func<Sys, Task> server = async sys =>
            {
                SyscallResult request = await sys.Recv(serve);
                while (true) request = await sys.ReplyRecv(serve, MessageInfo.Make(0, 1, 0, 0), request.Mr0 + 1);
            };
            WorldComponent served = daemon ? world.AddDaemon("server", 100, 0, server) : world.AddComponent("server", 100, 0, server);
            WorldComponent client = world.AddComponent("client", 100, 0, async sys =>
            {
                for (ulong value = 1; value <= 3; value++)
                {
                    SyscallResult reply = await sys.Call(call, MessageInfo.Make(0, 1, 0, 0), value);
                    sys.Assert(reply.Mr0 == value + 1, $"asked {value}, got {reply.Mr0}");
                }
            });
            serve = world.Give(served, endpoint, CapRights.Read | CapRights.GrantReply);
            call = world.Give(client, endpoint, CapRights.Write | CapRights.Grant, badge: 7);
        }
    }

    /// <summary>
    /// Everything a set-up can do: shared memory with contents (WriteFrame), a badged copy (Mint), a capability given
    /// and then revoked (the worker finds it gone), and a supervisor daemon on the worker's fault endpoint, so that
    /// `--faults crash:N` crashes the worker and the supervisor hears of it.
    /// </summary>
    public sealed class Supervised : SimScenario
    {
        public const ulong WorkerBadge = 5;

        public override string Name => "authoring-supervised";

        public override string Description => "revoke, fault endpoint, memory contents";

        public override void Build(WorldBuilder world)
        {
            uint frame = world.CreateFrame();
            world.WriteFrame(frame, 16, 42, 43);
            uint faults = world.CreateEndpoint("faults");
            uint note = world.CreateNotification("note");
            ulong listen = 0, revoked = 0;
            WorldComponent supervisor = world.AddDaemon("supervisor", 50, 0, async sys =>
            {
                while (true)
                {
                    SyscallResult fault = await sys.Recv(listen);
                    sys.Assert(fault.Badge == WorkerBadge && MessageInfo.Label(fault.Info) == (ulong)FaultKind.VmFault,
                        $"fault message badge {fault.Badge}, label {MessageInfo.Label(fault.Info)}");
                }
            });
            WorldComponent worker = world.AddComponent("worker", 100, 0, async sys =>
            {
                sys.Assert((await sys.Load(Base + 16)).X1 == 42 && (await sys.Load(Base + 24)).X1 == 43, "the frame's contents were not set up");
                sys.Assert(!(await sys.Signal(revoked)).IsOk, "a revoked capability still worked");
                await sys.Store(Base, 1);
            });
            world.Map(worker, frame, Base, VmRights.Read | VmRights.Write);
            listen = world.Give(supervisor, faults, CapRights.Read);
            world.SetFaultEndpoint(worker, faults, WorkerBadge);
            uint badged = world.Mint(note, CapRights.Write, badge: 3);
            revoked = world.Give(worker, badged, CapRights.Write);
            world.Revoke(note);
        }
    }
}
