namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>What an operator does to a record.</summary>
public enum OperatorKind
{
    /// <summary>Rewrites the content of a record.</summary>
    Mapper,

    /// <summary>Keeps or removes a record on its own merits.</summary>
    Filter,

    /// <summary>Removes records that repeat an earlier record of the whole dataset.</summary>
    Deduplicator,

    /// <summary>Adds tags under the record's <c>_tags</c> object and keeps every record.</summary>
    Tagger,
}
