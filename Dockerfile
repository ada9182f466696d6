# syntax=docker/dockerfile:1
# One image for both the API and the background worker; docker-compose.yml picks the role with
# Pangu__Worker__Enabled.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
# -a maps the Docker platform (amd64, arm64) to the .NET runtime identifier, overriding the
# linux-x64 default in Directory.Build.props so native libraries match the image.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/GraphQL/PanguGraph.GraphQL.csproj -c Release -a "$TARGETARCH" -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Demo data; the app imports it only when Pangu__Demo__SamplesDirectory=/app/samples is set.
COPY samples/ ./samples/
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "PanguGraph.dll"]
