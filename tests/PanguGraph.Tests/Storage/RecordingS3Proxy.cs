using System.Collections.Concurrent;
using System.Reflection;
using Amazon.S3;

namespace PanguGraph.Tests.Storage;

/// <summary>Forwards every <see cref="IAmazonS3"/> call to a real client and records the method names.</summary>
public class RecordingS3Proxy : DispatchProxy
{
    private IAmazonS3 _inner = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    public static (IAmazonS3 Client, RecordingS3Proxy Recorder) Wrap(IAmazonS3 inner)
    {
        var client = Create<IAmazonS3, RecordingS3Proxy>();
        var recorder = (RecordingS3Proxy)(object)client;
        recorder._inner = inner;
        return (client, recorder);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Calls.Enqueue(targetMethod!.Name);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
