using Kaal.Kernel.Arm64.Boot;

namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// Static data initialization, done by the real runtime's startup code and here by the kernel at boot:
/// for every module (the __modules section holds a pointer to each module's ReadyToRun header),
/// 1. give every class with reference-typed statics its GC-statics object (section GCStaticRegion), and
/// 2. run the eager class constructors (section EagerCctor).
/// ILC requires this type to exist under this name. Needs the heap; runs before any class with
/// reference-typed statics is touched.
/// </summary>
internal static unsafe class StartupCodeHelpers
{
    private const uint ReadyToRunSignature = 0x00525452; // "RTR"
    private const int GcStaticRegionSectionId = 201;
    private const int EagerClassConstructorSectionId = 205;
    private const int MaxModuleCount = 4;
    private const int MaxSectionCount = 256;
    /// <summary>GC-statics cell flags, in the low bits of the relative pointer to the MethodTable.</summary>
    private const nint CellUninitialized = 1;
    private const nint CellHasPreInitializedData = 2;
    private const nint CellFlagsMask = 3;
    /// <summary>Object header (before the object) plus MethodTable pointer: BaseSize minus this is field data.</summary>
    private const uint ObjectOverheadBytes = 16;

    private static bool s_initialized;

    internal static void InitializeModules(ulong modulesStartAddress, ulong modulesEndAddress)
    {
        if (s_initialized)
        {
            KernelPanic.Halt("statics: initialized twice");
        }
        s_initialized = true;
        ulong moduleCount = (modulesEndAddress - modulesStartAddress) / 8;
        if (moduleCount == 0 || moduleCount > MaxModuleCount)
        {
            KernelPanic.HaltWithValue("statics: unexpected number of modules", moduleCount);
        }
        byte** modules = (byte**)modulesStartAddress;
        // All GC-statics objects exist before the first class constructor runs: constructors read statics.
        for (ulong index = 0; index < moduleCount; index++)
        {
            InitializeGcStatics(modules[index]);
        }
        for (ulong index = 0; index < moduleCount; index++)
        {
            RunEagerClassConstructors(modules[index]);
        }
    }

    private static void InitializeGcStatics(byte* header)
    {
        byte* regionEnd;
        byte* regionStart = FindSection(header, GcStaticRegionSectionId, &regionEnd);
        for (byte* entry = regionStart; entry < regionEnd; entry += sizeof(int))
        {
            byte* cell = ReadRelativePointer(entry);
            nint typeAndFlags = (nint)ReadRelativePointer(cell);
            if ((typeAndFlags & CellUninitialized) == 0)
            {
                continue;
            }
            MethodTable* type = (MethodTable*)(typeAndFlags & ~CellFlagsMask);
            byte* staticsObject = (byte*)Kaal.Kernel.Arm64.Runtime.Allocation.NewObject(type);
            if ((typeAndFlags & CellHasPreInitializedData) != 0)
            {
                // Values ILC computed at build time (static readonly arrays, strings, ...), for all the
                // class's reference fields at once.
                byte* preInitialized = ReadRelativePointer(cell + sizeof(int));
                CopyBytes(staticsObject + 8, preInitialized, type->BaseSizeBytes - ObjectOverheadBytes);
            }
            *(byte**)cell = staticsObject;
        }
    }

    private static void RunEagerClassConstructors(byte* header)
    {
        byte* sectionEnd;
        byte* sectionStart = FindSection(header, EagerClassConstructorSectionId, &sectionEnd);
        for (byte* entry = sectionStart; entry < sectionEnd; entry += sizeof(void*))
        {
            ((delegate*<void>)(*(void**)entry))();
        }
    }

    /// <summary>The [start, end) of a section of a module, or an empty range when it has none.</summary>
    private static byte* FindSection(byte* header, int sectionId, byte** end)
    {
        // ReadyToRunHeader: uint Signature, ushort Major, ushort Minor, uint Flags,
        // ushort NumberOfSections, byte EntrySize, byte EntryType; then rows {int id, int flags, void* start, void* end}.
        if (*(uint*)header != ReadyToRunSignature)
        {
            KernelPanic.HaltWithValue("statics: bad ReadyToRun header signature", *(uint*)header);
        }
        int sectionCount = *(ushort*)(header + 12);
        int rowBytes = header[14];
        if (sectionCount > MaxSectionCount || rowBytes < 24)
        {
            KernelPanic.HaltWithValue("statics: implausible ReadyToRun header; sections", (ulong)sectionCount);
        }
        byte* row = header + 16;
        for (int index = 0; index < sectionCount; index++, row += rowBytes)
        {
            if (*(int*)row == sectionId)
            {
                *end = *(byte**)(row + 16);
                return *(byte**)(row + 8);
            }
        }
        *end = null;
        return null;
    }

    private static byte* ReadRelativePointer(byte* address) => address + *(int*)address;

    private static void CopyBytes(byte* destination, byte* source, ulong lengthBytes)
    {
        for (ulong index = 0; index < lengthBytes; index++)
        {
            destination[index] = source[index];
        }
    }
}
