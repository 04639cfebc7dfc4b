using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Kaal.Model;
using Kaal.Sdk;
using Kaal.Sdk.Runtime;
using Kaal.Sdk.Spawn;

namespace Kaal.Components.Supervision;

/// <summary>
/// Where system_init's loader keeps the images it reads through fs (docs/hot-reload.md, "Loader memory"): windows of
/// its address space at <see cref="ArgsLayout.LoaderImagesVirtAddr"/>, each a read/write header page and then a frame
/// per page of the largest image it has held. The frames come from system_init's pool the first time a window needs
/// them and stay mapped: a window given back is reused by the next image, so the memory does not grow with the number
/// of reloads (a component reloaded N times uses two windows: the image running and the one replacing it). The EL0 heap
/// never frees, so an image read into an array allocated per reload (about 280 KB on the CPU) exhausted system_init's
/// heap at its second reload. An image is read in place (<see cref="Sys.MappedBytes"/>), as the image store is.
/// </summary>
public sealed class LoaderImages(OwnCSpace own, ulong pool)
{
    /// <summary>The windows between <see cref="ArgsLayout.LoaderImagesVirtAddr"/> and the device windows.</summary>
    public const int MaxWindows = (int)((ArgsLayout.DeviceWindowVirtAddr - ArgsLayout.LoaderImagesVirtAddr) / ArgsLayout.LoaderImageWindowBytes);
    /// <summary>The largest image a window holds: its size less the header page.</summary>
    public const ulong MaxImageBytes = ArgsLayout.LoaderImageWindowBytes - ArgsLayout.PageSizeBytes;

    private const ulong PageBytes = ArgsLayout.PageSizeBytes;

    private readonly List<Window> _windows = new();

    private sealed class Window(ulong headerVirtAddr)
    {
        public ulong HeaderVirtAddr { get; } = headerVirtAddr;
        public ulong DataVirtAddr => HeaderVirtAddr + PageBytes;
        /// <summary>Frames mapped, the header page's included.</summary>
        public int Pages { get; set; }
        public bool InUse { get; set; }
        /// <summary>The image it holds, as handed out (identifies the window when it is given back).</summary>
        public byte[]? Image { get; set; }
    }

    /// <summary>Windows in use (holding an image someone keeps).</summary>
    public int InUse
    {
        get
        {
            int count = 0;
            foreach (Window window in _windows) count += window.InUse ? 1 : 0;
            return count;
        }
    }

    /// <summary>Frames mapped in all windows: the loader's memory, in pages.</summary>
    public int Pages
    {
        get
        {
            int count = 0;
            foreach (Window window in _windows) count += window.Pages;
            return count;
        }
    }

    public int Windows => _windows.Count;

    /// <summary>A window for an image of <paramref name="sizeBytes"/> (a free one, grown if it must be; a new one only when
    /// none is free): its index, to write the image into at <see cref="DataVirtAddr"/> and finish with
    /// <see cref="Finish"/> or give back with <see cref="Abandon"/>.</summary>
    public async Task<Outcome<int>> TakeAsync(ulong sizeBytes)
    {
        if (sizeBytes > MaxImageBytes) return new Failure($"{sizeBytes} bytes is larger than a loader window holds ({MaxImageBytes} bytes)");
        int index = -1;
        for (int candidate = 0; candidate < _windows.Count; candidate++)
        {
            if (!_windows[candidate].InUse && (index < 0 || _windows[candidate].Pages > _windows[index].Pages)) index = candidate;
        }
        if (index < 0)
        {
            if (_windows.Count == MaxWindows) return new Failure($"the loader holds {MaxWindows} images already");
            index = _windows.Count;
            _windows.Add(new Window(ArgsLayout.LoaderImagesVirtAddr + (ulong)index * ArgsLayout.LoaderImageWindowBytes));
        }
        Window window = _windows[index];
        int needed = 1 + (int)((sizeBytes + PageBytes - 1) / PageBytes);
        for (; window.Pages < needed; window.Pages++)
        {
            Outcome mapped = await MapPageAsync(window.HeaderVirtAddr + (ulong)window.Pages * PageBytes);
            if (mapped.Failed) return mapped.Failure;
        }
        window.InUse = true;
        window.Image = null;
        return index;
    }

    public ulong DataVirtAddr(int window) => _windows[window].DataVirtAddr;

    /// <summary>The image written into <paramref name="window"/>, read in place.</summary>
    public ArraySegment<byte> Finish(int window, int sizeBytes)
    {
        Window taken = _windows[window];
        taken.Image = own.Sys.MappedBytes(taken.DataVirtAddr, sizeBytes);
        return new ArraySegment<byte>(taken.Image);
    }

    /// <summary>A window taken for an image that could not be read: free again.</summary>
    public void Abandon(int window) => _windows[window].InUse = false;

    /// <summary>An image nobody keeps any more: its window is free for the next one. An image that is not in a window
    /// (a registry image, read in place where the root task mapped it) is left alone.</summary>
    public void Release(ArraySegment<byte> image)
    {
        foreach (Window window in _windows)
        {
            if (window.InUse && window.Image is not null && ReferenceEquals(window.Image, image.Array))
            {
                window.InUse = false;
                window.Image = null;
            }
        }
    }

    /// <summary>A frame from the pool, mapped read/write at <paramref name="virtAddr"/> and kept there.</summary>
    private async Task<Outcome> MapPageAsync(ulong virtAddr)
    {
        Outcome<ulong> frame = own.TakeSlot("loader image page");
        if (frame.Failed) return frame.Failure;
        // Steps as parts, put into words only on failure: a string per page would stay on the heap for good.
        Outcome step = await own.Check(own.Sys.Syscall(Syscall.MemoryAllocate, pool, ObjectSizes.PageBits, frame.Value), new SpawnStep("loader image page", "allocate a frame for", virtAddr));
        if (step.Failed)
        {
            own.Slots.Free(frame.Value);
            return step;
        }
        step = await own.Check(own.Sys.Syscall(Syscall.MemoryMap, frame.Value, virtAddr, (ulong)(VmRights.Read | VmRights.Write)), new SpawnStep("loader image page", "map at", virtAddr));
        if (step.Failed) await own.DeleteAsync(frame.Value, "give back an unmapped loader image page");
        return step;
    }
}
