using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeBot.Teams;

namespace TradeBot.Tests.Bot;

public sealed class TeamsAppPackageWriterTests : IDisposable
{
    private const string AppId = "8a4c2f0e-3b1d-4e5f-9a6b-7c8d9e0f1a2b";
    private readonly string _directory = Directory.CreateTempSubdirectory("tradebot-apppackage-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteAsync_AppId_ZipHoldsManifestAndIconsAtItsRoot()
    {
        var zipPath = Path.Combine(_directory, "out", "tradebot.zip");

        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath, "1.2.3");

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifest = ReadManifest(zip);
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
        Assert.Equal("1.30", manifest["manifestVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteAsync_AppId_ManifestPassesOfficialTeamsSchema()
    {
        var manifestPath = await WriteAndExtractManifestAsync(_ => { });

        var (exitCode, output, error) = await NodeScript.RunAsync("validate-manifest.cjs", manifestPath);

        Assert.True(exitCode == 0, $"Schema validation failed ({exitCode}): {output} {error}");
        using var result = JsonDocument.Parse(output);
        Assert.Equal("1.30", result.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal(0, result.RootElement.GetProperty("errors").GetArrayLength());
    }

    private static readonly string[] s_starters = ["What tariffs did China impose?", "How did Beijing respond to the tariff?", "What did China say about the talks?", "A fourth one?"];

    [Fact]
    public async Task WriteAsync_PromptStarters_AreTheBotsCommandsThreeAtMost()
    {
        var zipPath = Path.Combine(_directory, "tradebot.zip");
        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath, promptStarters: s_starters);

        using var zip = ZipFile.OpenRead(zipPath);
        var commands = ReadManifest(zip)["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        Assert.Equal(s_starters.Take(3), commands.Select(c => c!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WriteAsync_NoPromptStarters_ListsNoCommands()
    {
        var zipPath = Path.Combine(_directory, "tradebot.zip");
        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Null(ReadManifest(zip)["bots"]![0]!["commandLists"]);
    }

    [Fact]
    public async Task WriteAsync_PrivacyAndTermsLinks_NameDocumentsTheRepositoryShips()
    {
        var zipPath = Path.Combine(_directory, "tradebot.zip");
        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        var developer = ReadManifest(zip)["developer"]!;
        foreach (var link in new[] { "privacyUrl", "termsOfUseUrl" })
        {
            var url = developer[link]!.GetValue<string>();
            var path = url[(url.IndexOf("/blob/main/", StringComparison.Ordinal) + "/blob/main/".Length)..];
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, path)), $"{link} {url} names {path}, which the repository lacks");
        }
    }

    [Fact]
    public async Task SchemaValidation_BrokenManifest_ReportsTheErrors()
    {
        var manifestPath = await WriteAndExtractManifestAsync(manifest => manifest["accentColor"] = "blue");

        var (exitCode, output, _) = await NodeScript.RunAsync("validate-manifest.cjs", manifestPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("/accentColor", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_AppId_IconsHaveTheSizesTeamsRequires()
    {
        var zipPath = Path.Combine(_directory, "tradebot.zip");
        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        var color = PngImage.Read(ReadAll(zip, "color.png"));
        var outline = PngImage.Read(ReadAll(zip, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType);
        var pixels = outline.Rgba.Chunk(4).ToList();
        Assert.Contains(pixels, p => p[3] == 0);
        Assert.Contains(pixels, p => p[3] == 255);
        Assert.All(pixels.Where(p => p[3] > 0), p => Assert.True(p[0] == 255 && p[1] == 255 && p[2] == 255, "The outline icon must be white on transparent."));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    public async Task WriteAsync_NotAnAppId_ThrowsNamingTheProblem(string appId)
    {
        var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            new TeamsAppPackageWriter().WriteAsync(appId, Path.Combine(_directory, "x.zip")));

        Assert.Equal("appId", exception.ParamName);
    }

    private async Task<string> WriteAndExtractManifestAsync(Action<JsonObject> change)
    {
        var zipPath = Path.Combine(_directory, "tradebot.zip");
        await new TeamsAppPackageWriter().WriteAsync(AppId, zipPath, promptStarters: s_starters);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);
        change(manifest);
        var path = Path.Combine(_directory, "manifest.json");
        await File.WriteAllTextAsync(path, manifest.ToJsonString());
        return path;
    }

    private static JsonObject ReadManifest(ZipArchive zip) =>
        JsonNode.Parse(ReadAll(zip, "manifest.json"))!.AsObject();

    private static byte[] ReadAll(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
