using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TradeBot.Teams;

/// <summary>
/// Writes the Teams app package (a zip with <c>manifest.json</c>, <c>color.png</c> and <c>outline.png</c> at its root)
/// from the <c>appPackage/</c> template embedded in the executable, for a given Azure Bot app id.
/// </summary>
internal sealed class TeamsAppPackageWriter
{
    public const string DefaultVersion = "1.0.0";
    private const string ResourcePrefix = "appPackage/";
    private static readonly string[] _files = ["manifest.json", "color.png", "outline.png"];

    /// <summary>The most prompt starters Teams shows for a bot.</summary>
    public const int MaxPromptStarters = 3;

    /// <summary>
    /// Writes the package for <paramref name="appId"/> (the bot's Microsoft App ID, also used as the Teams app id unless
    /// <paramref name="teamsAppId"/> is given) to <paramref name="outputZipPath"/>, replacing an existing file. The
    /// <paramref name="promptStarters"/> (questions the corpus answers) become the bot's prompt starters; without any,
    /// the manifest lists none.
    /// </summary>
    public async Task WriteAsync(string appId, string outputZipPath, string version = DefaultVersion, string? teamsAppId = null,
        IReadOnlyList<string>? promptStarters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputZipPath);
        var botId = RequireGuid(appId, nameof(appId));
        var appGuid = teamsAppId is null ? botId : RequireGuid(teamsAppId, nameof(teamsAppId));
        if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+$"))
        {
            throw new ArgumentException($"The app version '{version}' must look like 1.0.0.", nameof(version));
        }

        var manifest = await CreateManifestAsync(botId, appGuid, version, promptStarters ?? [], cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputZipPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var output = new FileStream(outputZipPath, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var file in _files)
        {
            var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken);
            if (file == "manifest.json")
            {
                await target.WriteAsync(System.Text.Encoding.UTF8.GetBytes(manifest), cancellationToken);
            }
            else
            {
                await using var source = OpenTemplate(file);
                await source.CopyToAsync(target, cancellationToken);
            }
        }
    }

    /// <summary>The manifest with the ids, version and prompt starters filled in, as indented JSON.</summary>
    public static async Task<string> CreateManifestAsync(string botId, string teamsAppId, string version, IReadOnlyList<string> promptStarters, CancellationToken cancellationToken = default)
    {
        await using var stream = OpenTemplate("manifest.json");
        using var reader = new StreamReader(stream);
        var template = await reader.ReadToEndAsync(cancellationToken);
        var filled = template
            .Replace("${{BOT_ID}}", botId, StringComparison.Ordinal)
            .Replace("${{TEAMS_APP_ID}}", teamsAppId, StringComparison.Ordinal)
            .Replace("${{APP_VERSION}}", version, StringComparison.Ordinal);
        if (filled.Contains("${{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The Teams manifest template has a placeholder that the package writer does not fill.");
        }

        var json = JsonNode.Parse(filled) ?? throw new InvalidOperationException("The Teams manifest template is empty.");
        if (promptStarters.Count > 0 && json["bots"]?[0] is JsonObject bot)
        {
            var commands = new JsonArray([.. promptStarters.Take(MaxPromptStarters).Select(question => (JsonNode)new JsonObject
            {
                ["title"] = question,
                ["description"] = "Ask TradeBot this question",
            })]);
            bot["commandLists"] = new JsonArray(new JsonObject
            {
                ["scopes"] = new JsonArray("personal", "team", "groupChat"),
                ["commands"] = commands,
            });
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static Stream OpenTemplate(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The Teams app template file '{file}' is not embedded in the executable.");

    private static string RequireGuid(string value, string parameterName) =>
        Guid.TryParse(value, out var guid)
            ? guid.ToString("D")
            : throw new ArgumentException($"'{value}' is not a Microsoft App ID (a GUID such as 00000000-0000-0000-0000-000000000000).", parameterName);
}
