using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>OpenCC could not be loaded or configured. The message names the packages to install.</summary>
public sealed class OpenCcUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Chinese script conversion through the C API of the system OpenCC library. On Debian 12 it
/// needs the packages libopencc1.1 (the library, libopencc.so.1.1) and libopencc-data (the
/// configurations and dictionaries under /usr/share/opencc). One converter per configuration is
/// opened for the life of the process.
/// </summary>
public sealed partial class OpenCcConverter
{
    public const string DefaultDataDirectory = "/usr/share/opencc";

    private const string LibraryName = "libopencc.so.1.1";

    private static readonly ConcurrentDictionary<string, Lazy<OpenCcConverter>> Converters = new(StringComparer.Ordinal);

    private readonly IntPtr _handle;

    // NOTE: the OpenCC 1.1 C API does not state that one handle may convert on several threads
    // at once, so conversions through a handle are serialised.
    private readonly Lock _lock = new();

    private OpenCcConverter(IntPtr handle) => _handle = handle;

    /// <summary>Returns the shared converter of an OpenCC configuration such as <c>t2s</c>.</summary>
    public static OpenCcConverter For(string configuration, string dataDirectory = DefaultDataDirectory)
    {
        var path = Path.Combine(dataDirectory, configuration + ".json");
        return Converters.GetOrAdd(path, key => new Lazy<OpenCcConverter>(() => Open(key))).Value;
    }

    public string Convert(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var input = Encoding.UTF8.GetBytes(text);
        lock (_lock)
        {
            var output = NativeMethods.ConvertUtf8(_handle, input, (nuint)input.Length);
            if (output == IntPtr.Zero)
            {
                throw new InvalidOperationException($"OpenCC failed to convert text: {LastError()}");
            }

            try
            {
                return Marshal.PtrToStringUTF8(output)!;
            }
            finally
            {
                NativeMethods.FreeUtf8(output);
            }
        }
    }

    private static OpenCcConverter Open(string configurationPath)
    {
        const string install = "Install the Debian packages libopencc1.1 and libopencc-data.";
        if (!File.Exists(configurationPath))
        {
            throw new OpenCcUnavailableException($"OpenCC configuration '{configurationPath}' was not found. {install}");
        }

        IntPtr handle;
        try
        {
            handle = NativeMethods.Open(configurationPath);
        }
        catch (DllNotFoundException exception)
        {
            throw new OpenCcUnavailableException($"The OpenCC library {LibraryName} could not be loaded. {install}", exception);
        }

        // opencc_open returns (opencc_t)-1 on failure.
        if (handle == new IntPtr(-1) || handle == IntPtr.Zero)
        {
            throw new OpenCcUnavailableException($"OpenCC could not open '{configurationPath}': {LastError()}");
        }

        return new OpenCcConverter(handle);
    }

    private static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.Error()) ?? "unknown error";

    private static partial class NativeMethods
    {
        [LibraryImport(LibraryName, EntryPoint = "opencc_open", StringMarshalling = StringMarshalling.Utf8)]
        public static partial IntPtr Open(string configFileName);

        [LibraryImport(LibraryName, EntryPoint = "opencc_convert_utf8")]
        public static partial IntPtr ConvertUtf8(IntPtr opencc, byte[] input, nuint length);

        [LibraryImport(LibraryName, EntryPoint = "opencc_convert_utf8_free")]
        public static partial void FreeUtf8(IntPtr text);

        [LibraryImport(LibraryName, EntryPoint = "opencc_error")]
        public static partial IntPtr Error();
    }
}
