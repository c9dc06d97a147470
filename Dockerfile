# TradeBot: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime, serve on port 3978.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/TradeBot/TradeBot.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY corpus/ ./corpus/
ENV ASPNETCORE_HTTP_PORTS=3978
EXPOSE 3978
USER $APP_UID
ENTRYPOINT ["dotnet", "TradeBot.dll"]
