namespace PanguGraph.Compute.Processing.Operators.Deduplication;

/// <summary>
/// Phase-1 output for one record. <see cref="BucketKeys"/> are the hashes under which the record
/// meets its candidate duplicates (one key for exact hashes, one per LSH band for MinHash, one per
/// hash segment for perceptual hashes); each key already mixes in its band number. <see cref="Sketch"/>
/// is what phase 2 compares to confirm a candidate: a full content hash, MinHash values or a dHash.
/// </summary>
public sealed record RecordSignature(int Shard, int Index, string RecordId, ulong[] BucketKeys, ulong[] Sketch);

/// <summary>A record that phase 1 could not sign (missing field, undecodable image and so on).</summary>
public sealed record UnsignedRecord(int Shard, int Index, string RecordId, string Code, string Detail);

/// <summary>Phase-1 output of one shard; plain data, so it can be stored as JSON between phases.</summary>
public sealed record ShardSignatures(string OperatorId, int Shard, IReadOnlyList<RecordSignature> Signatures, IReadOnlyList<UnsignedRecord> Unsigned);

/// <summary>A record found to repeat an earlier one; <see cref="Similarity"/> is 1 for exact matches.</summary>
public sealed record DuplicateMatch(int Shard, int Index, string RecordId, int OriginalShard, int OriginalIndex, string OriginalRecordId, double Similarity);

/// <summary>
/// Phase-2 output over all shards: which records are duplicates and of which kept record.
/// Plain data, so each shard's worker can receive it and drop its duplicates.
/// </summary>
public sealed record DuplicateDecision(string OperatorId, IReadOnlyList<DuplicateMatch> Duplicates, int CandidatePairs)
{
    public IReadOnlyList<DuplicateMatch> ForShard(int shard) =>
        Duplicates.Where(match => match.Shard == shard).ToList();
}
