using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Marten;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.Domain.Users;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Spaces;
using PanguGraph.Projections.Users;

namespace PanguGraph.GraphQL.Spaces;

public static class SpaceFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<UserType>>("me")
            .Description("The user behind the presented API key.")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                return await ctx.Service<IQuerySession>().LoadAsync<UserView>(User.StreamIdFor(caller.UserId), ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionType<SpaceType>>>("spaces")
            .Description("Spaces the caller is a member of (every space for a super admin), newest first.")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.RequireCaller();
                var (first, after) = Paging.Read(ctx);
                var spaces = ctx.Service<IQuerySession>().Query<SpaceView>();
                IQueryable<SpaceView> filtered = caller.IsSuperAdmin ? spaces : spaces.Where(s => s.MemberIds.Contains(caller.UserId));
                return await Paging.PageBySortKeyAsync(filtered, s => s.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<SpaceType>("space")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await SpaceAccess.RequireAsync(ctx, ctx.GetArgument<Guid>("id"), Permission.ReadSpace));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateSpacePayloadType>>("createSpace")
            .Description("Creates a space; the caller becomes its first admin.")
            .Argument<NonNullGraphType<CreateSpaceInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreateSpaceInput>("input");
                var id = Guid.CreateVersion7();
                var (outcome, errors) = await ctx.SendAsync(new CreateSpace(ctx.RequireCaller(), id, input.Name, input.Description), "space", id);
                return new Payload<SpaceView>(await LoadSpace(ctx, outcome), errors);
            });

        mutation.Field<NonNullGraphType<RenameSpacePayloadType>>("renameSpace")
            .Argument<NonNullGraphType<RenameSpaceInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RenameSpaceInput>("input");
                var command = new RenameSpace(ctx.RequireCaller(), input.SpaceId, input.Name, input.Description, input.ExpectedVersion);
                var (outcome, errors) = await ctx.SendAsync(command, "space", input.SpaceId);
                return new Payload<SpaceView>(await LoadSpace(ctx, outcome), errors);
            });

        mutation.Field<NonNullGraphType<AddMemberPayloadType>>("addMember")
            .Argument<NonNullGraphType<AddMemberInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<AddMemberInput>("input");
                var command = new AddMember(ctx.RequireCaller(), input.SpaceId, input.UserId.Trim(), input.DisplayName, input.Role);
                var (outcome, errors) = await ctx.SendAsync(command, "space", input.SpaceId);
                return new Payload<SpaceView>(await LoadSpace(ctx, outcome), errors);
            });

        mutation.Field<NonNullGraphType<RemoveMemberPayloadType>>("removeMember")
            .Argument<NonNullGraphType<RemoveMemberInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RemoveMemberInput>("input");
                var (outcome, errors) = await ctx.SendAsync(new RemoveMember(ctx.RequireCaller(), input.SpaceId, input.UserId), "space", input.SpaceId);
                return new Payload<SpaceView>(await LoadSpace(ctx, outcome), errors);
            });

        mutation.Field<NonNullGraphType<IssueApiKeyPayloadType>>("issueApiKey")
            .Description("Issues an API key for yourself, or, as an admin, for a member of your space. The key is returned once.")
            .Argument<NonNullGraphType<IssueApiKeyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<IssueApiKeyInput>("input");
                var (outcome, errors) = await ctx.SendAsync(new IssueApiKey(ctx.RequireCaller(), input.UserId, input.Label), "user", input.UserId);
                var issued = outcome is { Id: { } keyId, Secret: { } key } ? new IssuedApiKey(keyId, key, input.UserId) : null;
                return new Payload<IssuedApiKey>(issued, errors);
            });

        mutation.Field<NonNullGraphType<RevokeApiKeyPayloadType>>("revokeApiKey")
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RevokeApiKeyInput>("input");
                var (outcome, errors) = await ctx.SendAsync(new RevokeApiKey(ctx.RequireCaller(), input.UserId, input.KeyId), "user", input.UserId);
                var user = outcome is null
                    ? null
                    : await ctx.Service<IQuerySession>().LoadAsync<UserView>(User.StreamIdFor(input.UserId), ctx.CancellationToken);
                return new Payload<UserView>(user, errors);
            });
    }

    private static async Task<SpaceView?> LoadSpace(IResolveFieldContext context, CommandOutcome? outcome) =>
        outcome?.Id is { } id ? await context.Service<IQuerySession>().LoadAsync<SpaceView>(id, context.CancellationToken) : null;
}
