using GraphQL.Types;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Datasets;

namespace PanguGraph.GraphQL.Schema;

public sealed class RoleEnum : EnumerationGraphType<Role>
{
    public RoleEnum() => Name = "Role";
}

public sealed class ModalityEnum : EnumerationGraphType<Modality>
{
    public ModalityEnum() => Name = "Modality";
}

public sealed class FileFormatEnum : EnumerationGraphType<FileFormat>
{
    public FileFormatEnum() => Name = "FileFormat";
}

public sealed class VisibilityEnum : EnumerationGraphType<Visibility>
{
    public VisibilityEnum() => Name = "Visibility";
}

public sealed class DatasetStatusEnum : EnumerationGraphType<DatasetStatus>
{
    public DatasetStatusEnum() => Name = "DatasetStatus";
}

public sealed class ImportStatusEnum : EnumerationGraphType<ImportStatus>
{
    public ImportStatusEnum() => Name = "ImportStatus";
}
