using System.Runtime.InteropServices;

namespace Optimize.LinearAlgebra;

/// <summary>
/// The parts of the C runtime the backend needs before and after a native library loads:
/// the native environment (which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// does not reach on Linux), global symbol loading and the file a symbol came from.
/// </summary>
internal static unsafe partial class NativeProcess
{
    private const string LibC = "libc";
    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public nint FileName;
        public nint FileBase;
        public nint SymbolName;
        public nint SymbolAddress;
    }

    [LibraryImport(LibC, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnvironment(string name);

    [LibraryImport(LibC, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport(LibC, EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DynamicOpen(string fileName, int flags);

    [LibraryImport(LibC, EntryPoint = "dladdr")]
    private static partial int DynamicAddress(nint address, DlInfo* info);

    /// <summary>Whether the native code runs on Linux, where the libc entry points above exist.</summary>
    public static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>The value native code sees for <paramref name="name"/>, or null when unset.</summary>
    public static string? Variable(string name)
    {
        if (!IsLinux)
            return Environment.GetEnvironmentVariable(name);
        return Marshal.PtrToStringUTF8(GetEnvironment(name));
    }

    /// <summary>Sets <paramref name="name"/> in the native environment (and the managed one, for consistency).</summary>
    public static void SetVariable(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (IsLinux && SetEnvironment(name, value, 1) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastSystemError()}.");
    }

    /// <summary>
    /// Loads <paramref name="fileName"/> with its symbols visible to libraries loaded later
    /// (MKL's GNU threading layer resolves the OpenMP runtime that way). Returns false when absent.
    /// </summary>
    public static bool LoadGlobally(string fileName) => IsLinux && DynamicOpen(fileName, RtldNow | RtldGlobal) != 0;

    /// <summary>The file that holds the code at <paramref name="address"/>, symbolic links resolved; null when unknown.</summary>
    public static string? FileOf(nint address)
    {
        if (!IsLinux || address == 0)
            return null;
        DlInfo info;
        if (DynamicAddress(address, &info) == 0 || info.FileName == 0)
            return null;
        string? path = Marshal.PtrToStringUTF8(info.FileName);
        if (string.IsNullOrEmpty(path))
            return null;
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return path;
        }
    }
}
