using Marten.Events;
using PanguGraph.Projections.Annotation;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.Domain.Users;

namespace PanguGraph.Projections.Configuration;

/// <summary>
/// Stable names under which events are stored. A class may be renamed or moved freely; the
/// alias must never change. A change of shape gets an upcaster and a new alias instead.
/// </summary>
public static class EventTypes
{
    public static void Register(IEventStoreOptions events)
    {
        events.MapEventType<SpaceCreated>("space_created");
        events.MapEventType<SpaceRenamed>("space_renamed");
        events.MapEventType<MemberAdded>("member_added");
        events.MapEventType<MemberRoleChanged>("member_role_changed");
        events.MapEventType<MemberRemoved>("member_removed");

        events.MapEventType<UserRegistered>("user_registered");
        events.MapEventType<ApiKeyIssued>("api_key_issued");
        events.MapEventType<ApiKeyRevoked>("api_key_revoked");

        events.MapEventType<DatasetImported>("dataset_imported");
        events.MapEventType<DatasetDetailsEdited>("dataset_details_edited");
        events.MapEventType<DatasetDeleted>("dataset_deleted");

        events.MapEventType<ImportTaskCreated>("import_task_created");
        events.MapEventType<ImportStarted>("import_started");
        events.MapEventType<ImportProgressed>("import_progressed");
        events.MapEventType<ImportSucceeded>("import_succeeded");
        events.MapEventType<ImportFailed>("import_failed");

        Processing.ProcessingProjections.RegisterEventTypes(events);
        AnnotationEventTypes.Register(events);
    }
}
