using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace PanguGraph.Compute.Storage;

/// <summary>
/// S3 client that sends every request body unchunked. Setting <c>UseChunkEncoding = false</c> on a
/// request object covers only the requests this code builds; requests that the SDK builds itself
/// (for example the parts of a <c>TransferUtility</c> upload) need the pipeline handler below.
/// </summary>
internal sealed class UnchunkedS3Client : AmazonS3Client
{
    public UnchunkedS3Client(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
    }

    /// <summary>Resolves credentials through the SDK's default chain (environment, profile, instance role).</summary>
    public UnchunkedS3Client(AmazonS3Config config)
        : base(config)
    {
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);

        // Runs after the marshaller has built the HTTP request and before the signer decides
        // between a plain and an aws-chunked body.
        pipeline.AddHandlerAfter<Marshaller>(new DisableChunkEncodingHandler());
    }

    private sealed class DisableChunkEncodingHandler : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            DisableChunkEncoding(executionContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            DisableChunkEncoding(executionContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private static void DisableChunkEncoding(IExecutionContext executionContext)
        {
            var request = executionContext.RequestContext.Request;
            if (request is not null)
            {
                request.UseChunkEncoding = false;
            }
        }
    }
}
