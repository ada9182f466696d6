namespace PanguGraph.Compute.Processing.Operators.Contracts;

/// <summary>Reason codes for records an operator cannot read.</summary>
public static class OutcomeCodes
{
    public const string FieldMissing = "FIELD_MISSING";
    public const string FieldNotString = "FIELD_NOT_STRING";
    public const string ImageContentMissing = "IMAGE_CONTENT_MISSING";
    public const string ImageUndecodable = "IMAGE_UNDECODABLE";
    public const string Duplicate = "DUPLICATE";
}
