using Kaal.User.Arm64.Analysis;

// What to use at EL0 instead of .NET APIs components reach for (the EL0-API analyzer's advice; see
// El0AlternativeAttribute). Each names something this library offers; a test checks that none names an API it has.

[assembly: El0Alternative("T:System.Collections.Generic.HashSet`1", "use a Dictionary<T, bool> (ContainsKey, the indexer) or a List<T> (Exists)")]
[assembly: El0Alternative("T:System.Collections.Generic.Queue`1", "use a List<T> (Add, the indexer, RemoveAt(0)) or a Kaal.Sdk Channel<T>")]
[assembly: El0Alternative("T:System.Collections.Generic.Stack`1", "use a List<T> (Add, the indexer, RemoveAt(Count - 1))")]
[assembly: El0Alternative("T:System.Console", "use the component's Console (Kaal.Sdk.Runtime.ConsoleOutput: await Console.WriteLineAsync(...))")]
[assembly: El0Alternative("N:System.Linq", "EL0 has no LINQ: loop over the List<T> or array with for/foreach")]
[assembly: El0Alternative("N:System.Threading", "EL0 has no threads or locks: await Kaal.Sdk's Sys operations and Channel<T> instead")]
[assembly: El0Alternative("N:System.IO", "EL0 has no files or streams: use the component's Console, a Channel<T> or a service over IPC")]
[assembly: El0Alternative("T:System.DateTime", "EL0 has no wall clock: ask the timer service (ipc:timer) for time")]
[assembly: El0Alternative("T:System.Random", "EL0 has no Random: derive values from the component's arguments or a counter (the simulator's runs stay deterministic)")]
