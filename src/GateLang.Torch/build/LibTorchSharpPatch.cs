// Reads ELF symbol versions and marks one libstdc++ version requirement of
// libLibTorchSharp.so weak, so that the library loads on a system whose
// libstdc++ lacks that version.
//
// This file is compiled twice. GateLang.Torch.targets hands it to MSBuild's
// RoslynCodeTaskFactory, which compiles it against .NET Standard 2.0 without
// defining GATELANG_TORCH_ASSEMBLY, so it includes the MSBuild task at the end.
// GateLang.Torch.csproj compiles it with GATELANG_TORCH_ASSEMBLY defined, so
// TorchRuntime and the tests use the same reader. The factory accepts a single
// source file, which is why the reader, the patcher and the task share one file.
// Keep the code within the .NET Standard 2.0 API (no Span, no BinaryPrimitives).
#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
#if !GATELANG_TORCH_ASSEMBLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace GateLang.Torch;

/// <summary>One Vernaux entry of <c>.gnu.version_r</c>: a version that the object needs from one library.</summary>
internal sealed class ElfVersionNeed
{
    public ElfVersionNeed(string file, string name, ushort flags, ushort index, long flagsOffset)
    {
        File = file;
        Name = name;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The library that must define the version (the Verneed <c>vn_file</c>), e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Name { get; }

    /// <summary>The <c>vna_flags</c> field.</summary>
    public ushort Flags { get; }

    /// <summary>The version index (<c>vna_other</c>) that <c>.gnu.version</c> entries refer to.</summary>
    public ushort Index { get; }

    /// <summary>File offset of the two-byte <c>vna_flags</c> field.</summary>
    public long FlagsOffset { get; }

    public bool IsWeak => (Flags & ElfFile.VerFlagWeak) != 0;
}

/// <summary>
/// A read-only view of a 64-bit little-endian ELF file (x86-64, AArch64) with
/// the parts the dynamic loader uses for symbol versioning.
/// </summary>
internal sealed class ElfFile
{
    public const ushort VerFlagWeak = 0x2;

    private const ushort VerFlagBase = 0x1;
    private const uint SectionTypeDynamicSymbols = 11;
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;
    private const int DynamicSymbolSize = 24;

    private readonly byte[] _bytes;
    private readonly List<Section> _sections;

    public ElfFile(byte[] bytes, string path)
    {
        _bytes = bytes;
        Path = path;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file, the only kind this reader supports.");
        }

        Machine = ReadUInt16(0x12);
        _sections = ReadSectionHeaders();
    }

    public string Path { get; }

    /// <summary>The <c>e_machine</c> field, e.g. 62 for x86-64 and 183 for AArch64.</summary>
    public ushort Machine { get; }

    public static ElfFile Load(string path) => new(File.ReadAllBytes(path), path);

    /// <summary>Reads only the ELF header of a file and returns its <c>e_machine</c>, or null if it is not a 64-bit little-endian ELF file.</summary>
    public static ushort? ReadMachine(string path)
    {
        var header = new byte[20];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            int count = 0;
            while (count < header.Length)
            {
                int read = stream.Read(header, count, header.Length - count);
                if (read == 0)
                {
                    return null;
                }

                count += read;
            }
        }

        bool isElf64LittleEndian = header[0] == 0x7f && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F'
            && header[4] == 2 && header[5] == 1;
        return isElf64LittleEndian ? (ushort)(header[0x12] | (header[0x13] << 8)) : null;
    }

    /// <summary>Reads the version names this object defines (<c>.gnu.version_d</c>), without the base entry that names the file itself.</summary>
    public List<string> ReadVersionDefinitions()
    {
        var names = new List<string>();
        foreach (var section in _sections)
        {
            if (section.Type != SectionTypeVersionDefinitions)
            {
                continue;
            }

            var strings = StringTableOf(section);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort flags = ReadUInt16(entry + 2);
                ushort auxiliaryCount = ReadUInt16(entry + 6);
                uint auxiliaryOffset = ReadUInt32(entry + 12);
                uint next = ReadUInt32(entry + 16);
                if ((flags & VerFlagBase) == 0 && auxiliaryCount > 0)
                {
                    names.Add(ReadString(strings, ReadUInt32(entry + auxiliaryOffset)));
                }

                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return names;
    }

    /// <summary>Reads every Vernaux entry of <c>.gnu.version_r</c>.</summary>
    public List<ElfVersionNeed> ReadVersionNeeds()
    {
        var needs = new List<ElfVersionNeed>();
        foreach (var section in _sections)
        {
            if (section.Type != SectionTypeVersionNeeds)
            {
                continue;
            }

            var strings = StringTableOf(section);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort auxiliaryCount = ReadUInt16(entry + 2);
                string file = ReadString(strings, ReadUInt32(entry + 4));
                long auxiliary = entry + ReadUInt32(entry + 8);
                for (int j = 0; j < auxiliaryCount; j++)
                {
                    ushort flags = ReadUInt16(auxiliary + 4);
                    ushort index = ReadUInt16(auxiliary + 6);
                    string name = ReadString(strings, ReadUInt32(auxiliary + 8));
                    needs.Add(new ElfVersionNeed(file, name, flags, index, auxiliary + 4));
                    uint nextAuxiliary = ReadUInt32(auxiliary + 12);
                    if (nextAuxiliary == 0)
                    {
                        break;
                    }

                    auxiliary += nextAuxiliary;
                }

                uint next = ReadUInt32(entry + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return needs;
    }

    /// <summary>Reads the names of the dynamic symbols whose <c>.gnu.version</c> entry is <paramref name="versionIndex"/>.</summary>
    public List<string> ReadSymbolsWithVersion(ushort versionIndex)
    {
        var names = new List<string>();
        Section? symbols = null;
        Section? versions = null;
        foreach (var section in _sections)
        {
            if (section.Type == SectionTypeDynamicSymbols)
            {
                symbols = section;
            }
            else if (section.Type == SectionTypeVersionSymbols)
            {
                versions = section;
            }
        }

        if (symbols is null || versions is null)
        {
            return names;
        }

        var strings = StringTableOf(symbols);
        long count = Math.Min(symbols.Size / DynamicSymbolSize, versions.Size / 2);
        for (long i = 0; i < count; i++)
        {
            // Bit 15 of a .gnu.version entry marks a hidden symbol and is not part of the index.
            int index = ReadUInt16(versions.Offset + 2 * i) & 0x7fff;
            if (index == versionIndex)
            {
                names.Add(ReadString(strings, ReadUInt32(symbols.Offset + DynamicSymbolSize * i)));
            }
        }

        return names;
    }

    private List<Section> ReadSectionHeaders()
    {
        long tableOffset = (long)ReadUInt64(0x28);
        int entrySize = ReadUInt16(0x3a);
        long count = ReadUInt16(0x3c);
        var sections = new List<Section>();
        if (tableOffset == 0)
        {
            return sections;
        }

        if (entrySize < 64)
        {
            throw new InvalidDataException($"{Path} has section headers of {entrySize} bytes; a 64-bit ELF file needs 64.");
        }

        // With 0xff00 or more sections, e_shnum is 0 and section 0 stores the count in sh_size.
        if (count == 0)
        {
            count = (long)ReadUInt64(tableOffset + 0x20);
        }

        for (long i = 0; i < count; i++)
        {
            long header = tableOffset + i * entrySize;
            sections.Add(new Section(
                type: ReadUInt32(header + 4),
                offset: (long)ReadUInt64(header + 0x18),
                size: (long)ReadUInt64(header + 0x20),
                link: ReadUInt32(header + 0x28),
                info: ReadUInt32(header + 0x2c)));
        }

        return sections;
    }

    private Section StringTableOf(Section section)
    {
        if (section.Link >= _sections.Count)
        {
            throw new InvalidDataException($"{Path} has a section linked to string table {section.Link}, which does not exist.");
        }

        return _sections[(int)section.Link];
    }

    private string ReadString(Section strings, uint offset)
    {
        long start = strings.Offset + offset;
        long end = start;
        while (end < strings.Offset + strings.Size && ReadByte(end) != 0)
        {
            end++;
        }

        CheckRange(start, end - start);
        return Encoding.UTF8.GetString(_bytes, (int)start, (int)(end - start));
    }

    private byte ReadByte(long offset)
    {
        CheckRange(offset, 1);
        return _bytes[offset];
    }

    private ushort ReadUInt16(long offset)
    {
        CheckRange(offset, 2);
        return (ushort)(_bytes[offset] | (_bytes[offset + 1] << 8));
    }

    private uint ReadUInt32(long offset)
    {
        CheckRange(offset, 4);
        return _bytes[offset] | ((uint)_bytes[offset + 1] << 8) | ((uint)_bytes[offset + 2] << 16) | ((uint)_bytes[offset + 3] << 24);
    }

    private ulong ReadUInt64(long offset) => ReadUInt32(offset) | ((ulong)ReadUInt32(offset + 4) << 32);

    private void CheckRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > _bytes.Length)
        {
            throw new InvalidDataException($"{Path} is truncated or malformed: bytes {offset}..{offset + length} lie outside the file of {_bytes.Length} bytes.");
        }
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }

        /// <summary>The <c>sh_info</c> field, which for version sections is the number of entries.</summary>
        public uint Info { get; }
    }
}

/// <summary>
/// Finds the libstdc++.so.6 that the dynamic loader gives this process and the
/// <c>GLIBCXX_*</c> versions it defines.
/// </summary>
internal static class LibStdCxx
{
    public const string SharedObjectName = "libstdc++.so.6";

    private static readonly string[] StandardDirectories =
    {
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    };

    /// <summary>
    /// Returns the path of the libstdc++.so.6 a library loaded into this process binds to, or null if none is found.
    /// </summary>
    /// <remarks>
    /// The dotnet host links libstdc++.so.6, so in a .NET process (MSBuild or the
    /// application) the library is already mapped, and the loader reuses it for
    /// every later library that needs that soname. /proc/self/maps therefore gives
    /// the exact file. The fallbacks follow the loader's own order for a process
    /// that has not loaded it: LD_LIBRARY_PATH, /etc/ld.so.cache, then the
    /// standard directories. Each candidate must match this process's ELF machine.
    /// </remarks>
    public static string? Find()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        return FindMapped() ?? FindByLoaderSearch();
    }

    /// <summary>Reads the GLIBCXX_* versions that a libstdc++ file defines.</summary>
    public static List<string> ReadGlibcxxVersions(string path)
    {
        var versions = new List<string>();
        foreach (var name in ElfFile.Load(path).ReadVersionDefinitions())
        {
            if (name.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            {
                versions.Add(name);
            }
        }

        return versions;
    }

    /// <summary>Returns the newest of the given GLIBCXX_* names, comparing the dotted numbers numerically, or null if there is none.</summary>
    public static string? Newest(IEnumerable<string> versions)
    {
        string? newest = null;
        foreach (var version in versions)
        {
            if (newest is null || CompareVersions(version, newest) > 0)
            {
                newest = version;
            }
        }

        return newest;
    }

    /// <summary>Compares two version names such as GLIBCXX_3.4.9 and GLIBCXX_3.4.30 by their dotted numbers.</summary>
    public static int CompareVersions(string left, string right)
    {
        var leftParts = NumberPart(left).Split('.');
        var rightParts = NumberPart(right).Split('.');
        for (int i = 0; i < Math.Max(leftParts.Length, rightParts.Length); i++)
        {
            int leftNumber = i < leftParts.Length && int.TryParse(leftParts[i], out var l) ? l : 0;
            int rightNumber = i < rightParts.Length && int.TryParse(rightParts[i], out var r) ? r : 0;
            if (leftNumber != rightNumber)
            {
                return leftNumber.CompareTo(rightNumber);
            }
        }

        return string.CompareOrdinal(left, right);
    }

    /// <summary>Lists the paths /etc/ld.so.cache (or another cache file) maps <paramref name="soname"/> to, in cache order.</summary>
    public static List<string> ReadLoaderCache(string cachePath, string soname)
    {
        var paths = new List<string>();
        byte[] bytes = File.ReadAllBytes(cachePath);
        const string OldMagic = "ld.so-1.7.0";
        const string NewMagic = "glibc-ld.so.cache1.1";

        // A cache in the old format may carry the new format after its own
        // 12-byte entries, aligned to 8 bytes. Debian 12 (glibc 2.36) writes the new format alone.
        // NOTE: the combined layout follows glibc's dl-cache.h and is not tested against a real cache.
        int start = 0;
        if (StartsWithAscii(bytes, 0, OldMagic))
        {
            int oldCount = (int)ReadUInt32(bytes, OldMagic.Length + 1);
            start = OldMagic.Length + 1 + 4 + oldCount * 12;
            start = (start + 7) & ~7;
        }

        if (!StartsWithAscii(bytes, start, NewMagic))
        {
            return paths;
        }

        // Header: magic and version (20 bytes), nlibs, len_strings, flags and padding,
        // extension offset, three unused words: 48 bytes. Each entry is 24 bytes:
        // flags, key, value, osversion, hwcap (8 bytes). String offsets count from the header.
        int count = (int)ReadUInt32(bytes, start + 20);
        for (int i = 0; i < count; i++)
        {
            int entry = start + 48 + i * 24;
            if (entry + 24 > bytes.Length)
            {
                throw new InvalidDataException($"The loader cache {cachePath} lists {count} entries but ends at entry {i}.");
            }

            string key = ReadCString(bytes, start + (int)ReadUInt32(bytes, entry + 4));
            if (key == soname)
            {
                paths.Add(ReadCString(bytes, start + (int)ReadUInt32(bytes, entry + 8)));
            }
        }

        return paths;
    }

    private static string? FindMapped()
    {
        const string MapsPath = "/proc/self/maps";
        if (!File.Exists(MapsPath))
        {
            return null;
        }

        foreach (var line in File.ReadLines(MapsPath))
        {
            int pathStart = line.IndexOf('/');
            if (pathStart < 0)
            {
                continue;
            }

            string path = line.Substring(pathStart);
            if (System.IO.Path.GetFileName(path).StartsWith(SharedObjectName, StringComparison.Ordinal) && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static string? FindByLoaderSearch()
    {
        ushort? machine = CurrentMachine();
        var candidates = new List<string>();
        string? libraryPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(libraryPath))
        {
            foreach (var directory in libraryPath!.Split(':'))
            {
                if (directory.Length > 0)
                {
                    candidates.Add(System.IO.Path.Combine(directory, SharedObjectName));
                }
            }
        }

        const string CachePath = "/etc/ld.so.cache";
        if (File.Exists(CachePath))
        {
            try
            {
                candidates.AddRange(ReadLoaderCache(CachePath, SharedObjectName));
            }
            catch (IOException)
            {
                // An unreadable cache leaves the standard directories below.
            }
        }

        foreach (var directory in StandardDirectories)
        {
            candidates.Add(System.IO.Path.Combine(directory, SharedObjectName));
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate) && (machine is null || ElfFile.ReadMachine(candidate) == machine))
            {
                return candidate;
            }
        }

        return null;
    }

    private static ushort? CurrentMachine()
    {
        try
        {
            return ElfFile.ReadMachine("/proc/self/exe");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string NumberPart(string version)
    {
        int underscore = version.LastIndexOf('_');
        return underscore < 0 ? version : version.Substring(underscore + 1);
    }

    private static bool StartsWithAscii(byte[] bytes, int offset, string text)
    {
        if (offset < 0 || offset + text.Length > bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (bytes[offset + i] != (byte)text[i])
            {
                return false;
            }
        }

        return true;
    }

    private static uint ReadUInt32(byte[] bytes, int offset)
    {
        if (offset < 0 || offset + 4 > bytes.Length)
        {
            throw new InvalidDataException($"The loader cache is truncated at byte {offset}.");
        }

        return bytes[offset] | ((uint)bytes[offset + 1] << 8) | ((uint)bytes[offset + 2] << 16) | ((uint)bytes[offset + 3] << 24);
    }

    private static string ReadCString(byte[] bytes, int offset)
    {
        if (offset < 0 || offset >= bytes.Length)
        {
            throw new InvalidDataException($"The loader cache has a string offset {offset} outside the file.");
        }

        int end = offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.UTF8.GetString(bytes, offset, end - offset);
    }
}

internal enum PatchOutcome
{
    /// <summary>The requirement was strong and is now weak.</summary>
    Patched,

    /// <summary>The requirement was already weak, so the file was not written.</summary>
    AlreadyWeak,

    /// <summary>The system libstdc++ defines the version, so the file was not written.</summary>
    NotNeeded,

    /// <summary>The library does not need the version from libstdc++.so.6, so the file was not written.</summary>
    VersionNotRequired,

    /// <summary>Symbols other than the known link-only ones use the version, and marking it weak could break them at run time. The file was not written.</summary>
    Rejected,
}

internal sealed class PatchResult
{
    public PatchResult(PatchOutcome outcome, string message)
    {
        Outcome = outcome;
        Message = message;
    }

    public PatchOutcome Outcome { get; }

    /// <summary>One line for the build log.</summary>
    public string Message { get; }
}

/// <summary>
/// Marks a libstdc++ version requirement of libLibTorchSharp.so weak by setting
/// VER_FLG_WEAK in its Vernaux entry, so glibc's loader accepts a libstdc++ that
/// lacks the version instead of refusing to load the library.
/// </summary>
/// <remarks>
/// TorchSharp 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32 (libstdc++ of
/// GCC 13.2) only for <c>std::ios_base_library_init</c>. Newer libstdc++ headers
/// make &lt;iostream&gt; emit a bare <c>.globl</c> reference to that symbol, which
/// records the dependency but is the target of no relocation, so the library
/// never binds it. Debian 12's libstdc++ (GCC 12) defines versions up to
/// GLIBCXX_3.4.30. The patch is safe only while the version's symbols stay
/// link-only, so it is rejected when any other symbol uses the version.
/// </remarks>
internal static class LibTorchSharpPatcher
{
    public const string DefaultVersion = "GLIBCXX_3.4.32";

    /// <summary>Symbols that may use the weakened version. Each is referenced but bound by no relocation.</summary>
    public static readonly string[] LinkOnlySymbols = { "_ZSt21ios_base_library_initv" };

    /// <summary>
    /// Marks <paramref name="version"/> weak in the copy of libLibTorchSharp.so at <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The copy in a build output. It is replaced by renaming a patched temporary file over it, so a hard link or symbolic link to the NuGet cache is never written through.</param>
    /// <param name="version">The GLIBCXX version to mark weak.</param>
    /// <param name="systemVersions">The GLIBCXX versions the system libstdc++ defines, or null when unknown or when the patch must apply regardless.</param>
    /// <param name="systemLibrary">The system libstdc++ path, for the message.</param>
    public static PatchResult Patch(string path, string version, ICollection<string>? systemVersions, string? systemLibrary)
    {
        var elf = ElfFile.Load(path);
        ElfVersionNeed? need = null;
        foreach (var candidate in elf.ReadVersionNeeds())
        {
            if (candidate.File == LibStdCxx.SharedObjectName && candidate.Name == version)
            {
                need = candidate;
                break;
            }
        }

        if (need is null)
        {
            return new PatchResult(PatchOutcome.VersionNotRequired, $"{path} does not need {version} from {LibStdCxx.SharedObjectName}, so it was left unchanged.");
        }

        if (need.IsWeak)
        {
            return new PatchResult(PatchOutcome.AlreadyWeak, $"{path} already marks {version} weak, so it was left unchanged.");
        }

        if (systemVersions is not null && systemVersions.Contains(version))
        {
            return new PatchResult(PatchOutcome.NotNeeded, $"{path} was left unchanged because the system libstdc++ ({systemLibrary}) defines {version}.");
        }

        var unexpected = new List<string>();
        foreach (var symbol in elf.ReadSymbolsWithVersion(need.Index))
        {
            if (Array.IndexOf(LinkOnlySymbols, symbol) < 0)
            {
                unexpected.Add(symbol);
            }
        }

        if (unexpected.Count > 0)
        {
            return new PatchResult(
                PatchOutcome.Rejected,
                $"{path} was not patched: {version} is used by {string.Join(", ", unexpected)}, not only by {string.Join(", ", LinkOnlySymbols)}, "
                + $"so a weak requirement could fail at run time. Install a libstdc++ that defines {version}.");
        }

        WriteFlags(path, need.FlagsOffset, (ushort)(need.Flags | ElfFile.VerFlagWeak));
        string system = systemVersions is null
            ? "the system libstdc++ was not checked"
            : $"the system libstdc++ {systemLibrary} defines up to {LibStdCxx.Newest(systemVersions) ?? "no GLIBCXX version"}";
        return new PatchResult(PatchOutcome.Patched, $"Marked {version} weak in {path} ({system}).");
    }

    /// <summary>
    /// Writes a two-byte little-endian field into a copy of <paramref name="path"/> and renames the copy over it.
    /// </summary>
    /// <remarks>
    /// File.Copy keeps the file mode. The last write time is carried over so that
    /// MSBuild's Copy task, which skips files of equal size and timestamp, leaves the
    /// patched file in place on the next build instead of copying the package file
    /// over it again.
    /// </remarks>
    private static void WriteFlags(string path, long offset, ushort value)
    {
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        string temporary = System.IO.Path.Combine(directory, System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        try
        {
            File.Copy(path, temporary, overwrite: true);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                stream.Seek(offset, SeekOrigin.Begin);
                stream.WriteByte((byte)(value & 0xff));
                stream.WriteByte((byte)(value >> 8));
            }

            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Replace(temporary, path, null);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}

#if !GATELANG_TORCH_ASSEMBLY
/// <summary>
/// MSBuild task that patches each given libLibTorchSharp.so copy with <see cref="LibTorchSharpPatcher"/> and logs one line per file.
/// </summary>
public sealed class GateLangPatchLibTorchSharp : Task
{
    /// <summary>The libLibTorchSharp.so copies in the build or publish output.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The GLIBCXX version to mark weak.</summary>
    [Required]
    public string Version { get; set; } = LibTorchSharpPatcher.DefaultVersion;

    /// <summary>"auto" patches only when the system libstdc++ lacks the version, "always" patches regardless, "never" skips.</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>The NuGet global packages folder. The task writes no file under it.</summary>
    public string PackageRoot { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || string.Equals(Mode, "never", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        bool always = string.Equals(Mode, "always", StringComparison.OrdinalIgnoreCase);
        if (!always && !string.Equals(Mode, "auto", StringComparison.OrdinalIgnoreCase))
        {
            Log.LogError($"Invalid GateLangTorchPatchLibTorchSharp value '{Mode}': expected auto, always or never.");
            return false;
        }

        string? systemLibrary = LibStdCxx.Find();
        List<string>? systemVersions = null;
        if (systemLibrary is not null && !always)
        {
            try
            {
                systemVersions = LibStdCxx.ReadGlibcxxVersions(systemLibrary);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                // Patching is harmless where the version exists, so an unreadable libstdc++ means patch.
                Log.LogMessage(MessageImportance.Normal, $"GateLang.Torch: could not read {systemLibrary} ({exception.Message}); patching regardless.");
            }
        }

        foreach (var item in Files)
        {
            string path = System.IO.Path.GetFullPath(item.ItemSpec);
            if (!File.Exists(path))
            {
                continue;
            }

            if (IsUnder(path, PackageRoot))
            {
                Log.LogError($"GateLang.Torch rejected {path} because it is inside the NuGet packages folder {PackageRoot}. Only copies in a build or publish output are patched, so check OutDir and PublishDir.");
                return false;
            }

            PatchResult result;
            try
            {
                result = LibTorchSharpPatcher.Patch(path, Version, systemVersions, systemLibrary);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                Log.LogError($"Failed to patch {path}: {exception.Message}");
                return false;
            }

            if (result.Outcome == PatchOutcome.Rejected)
            {
                Log.LogWarning("GateLang.Torch: " + result.Message);
            }
            else
            {
                var importance = result.Outcome == PatchOutcome.Patched ? MessageImportance.High : MessageImportance.Normal;
                Log.LogMessage(importance, "GateLang.Torch: " + result.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private static bool IsUnder(string path, string root)
    {
        if (string.IsNullOrEmpty(root))
        {
            return false;
        }

        string fullRoot = System.IO.Path.GetFullPath(root).TrimEnd('/') + "/";
        return path.StartsWith(fullRoot, StringComparison.Ordinal);
    }
}
#endif
