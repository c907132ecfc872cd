using System.Diagnostics;

namespace HealthLinks.IntegrationTests;

/// <summary>The healthlinks command as a user runs it: a separate process on a real SQLite file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthlinks-cli-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migrate_ThenSeed_MakesADemoRegion_AndASecondSeedIsRefused()
    {
        var migrate = await Run("db", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains("Database is up to date", migrate.Output, StringComparison.Ordinal);

        var seed = await Run("seed", "--patients", "40", "--seed", "5");
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Contains("Patients", seed.Output, StringComparison.Ordinal);
        Assert.Contains("Seeded in", seed.Output, StringComparison.Ordinal);

        var again = await Run("seed", "--patients", "10");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds Health Links", again.Output, StringComparison.Ordinal);

        // The seeded region's quarterly report, as its analyst: the region and each Health Link, small cells withheld.
        var csv = Path.Combine(Path.GetTempPath(), $"healthlinks-report-{Guid.NewGuid():N}.json");
        try
        {
            var report = await Run("report", "quarterly", "--quarter", "2026Q3", "--format", "json", "--out", csv, "--as", "analyst@demo.healthlinks.ca");
            Assert.True(report.ExitCode == 0, report.Output);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(csv));
            Assert.True(json.RootElement.GetProperty("suppressed").GetBoolean());
            Assert.Equal(4, json.RootElement.GetProperty("tables").GetArrayLength()); // the region and its three Health Links
            Assert.Equal(1, (await Run("report", "quarterly", "--quarter", "2026-09", "--out", csv, "--as", "analyst@demo.healthlinks.ca")).ExitCode);
            Assert.Equal(1, (await Run("report", "quarterly", "--quarter", "2026Q3", "--out", csv, "--as", "provider@demo.healthlinks.ca")).ExitCode);

            // The outcomes, as the analyst: 40 patients are far too few, and the file says so.
            var outcomes = await Run("report", "outcomes", "--enrolled-from", "2025-01-01", "--enrolled-to", "2026-06-30", "--format", "json", "--out", csv, "--as", "analyst@demo.healthlinks.ca");
            Assert.True(outcomes.ExitCode == 0, outcomes.Output);
            using var effects = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(csv));
            Assert.True(effects.RootElement.GetProperty("tooSmall").GetBoolean());
            Assert.Equal(0, effects.RootElement.GetProperty("effects").GetArrayLength()); // nothing computed over too few pairs reaches an analyst
            Assert.Equal(1, (await Run("report", "outcomes", "--enrolled-from", "2026-06-30", "--enrolled-to", "2025-01-01", "--out", csv, "--as", "analyst@demo.healthlinks.ca")).ExitCode);
            Assert.NotEqual(0, (await Run("report", "outcomes", "--enrolled-from", "2025-01-01", "--enrolled-to", "2026-06-30", "--months", "7", "--out", csv, "--as", "analyst@demo.healthlinks.ca")).ExitCode);

            // Regional planning: the seeded agencies' opportunities as JSON, then a bad file refused with its row and column.
            var opportunities = await Run("region", "opportunities", "--format", "json", "--out", csv, "--as", "analyst@demo.healthlinks.ca");
            Assert.True(opportunities.ExitCode == 0, opportunities.Output);
            using var ranking = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(csv));
            var categories = ranking.RootElement.GetProperty("categories").EnumerateArray().ToList();
            Assert.Equal(10, categories.Count);
            var first = categories.Single(c => c.GetProperty("rank").GetInt32() == 1);
            Assert.Equal("Personal Support Independence Training", first.GetProperty("category").GetString());
            Assert.Contains(categories.SelectMany(c => c.GetProperty("underperformers").EnumerateArray()), u => u.GetProperty("organization").GetString() == "Nepean Counselling Services"
                && u.GetProperty("indicator").GetString() == "wait_time_days" && u.GetProperty("quartersMissed").GetArrayLength() >= 3);
            await File.WriteAllTextAsync(csv, "quarter,organization,service_category,funding,individuals_served,visits\n2026Q3,Somewhere,Crisis Intervention,-10,1,1\n");
            var refused = await Run("region", "import-services", csv, "--as", "analyst@demo.healthlinks.ca");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("row 2, funding", refused.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>The demo population's model, measured as the issue asks: calibration printed, and better than predicting the prior rate.</summary>
    [Fact]
    public async Task ModelTrain_OnTheSeededPopulation_PrintsItsCalibration_AndBeatsThePriorRate()
    {
        Assert.Equal(0, (await Run("seed", "--patients", "600", "--seed", "7")).ExitCode);
        var train = await Run("model", "train", "--as-of", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(train.ExitCode == 0, train.Output);
        var brier = System.Text.RegularExpressions.Regex.Match(train.Output, @"Brier score (\d\.\d+) \(predicting\s+the\s+prior\s+rate[^:]+:\s+(\d\.\d+)\)");
        Assert.True(brier.Success, train.Output);
        var (model, prior) = (double.Parse(brier.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(brier.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(model < prior, $"Brier {model} is not below the prior rate's {prior}");
        Assert.Contains("Decile", train.Output, StringComparison.Ordinal);
        Assert.Contains("Very high", train.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportFhir_ThenScreen_PrintsJsonWithTheImportedIds()
    {
        Assert.Equal(0, (await Run("seed", "--patients", "0")).ExitCode);
        var folder = Directory.CreateTempSubdirectory("hl-cli-fhir-").FullName;
        foreach (var file in Directory.GetFiles(ImportAndScreenTests.SyntheaFolder, "*.json").Order(StringComparer.Ordinal).Take(5))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var import = await Run("import", "fhir", folder, "--health-link", "Ottawa Centre Health Link");
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("5 files", import.Output, StringComparison.Ordinal);
        Assert.Contains("0 rejected", import.Output, StringComparison.Ordinal);

        var screen = await Run("screen", "--as-of", "2021-01-01", "--json", "--all");
        Assert.True(screen.ExitCode == 0, screen.Output);
        using var json = System.Text.Json.JsonDocument.Parse(screen.Output[screen.Output.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal("2021-01-01", json.RootElement.GetProperty("asOf").GetString());
        var candidates = json.RootElement.GetProperty("candidates").EnumerateArray().ToList();
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.Equal(1, c.GetProperty("sourceIds").GetArrayLength()));
        Assert.All(candidates, c => Assert.True(c.TryGetProperty("edVisits12m", out _) && c.TryGetProperty("criteria", out _) && c.TryGetProperty("evidence", out _)));

        var notThere = await Run("import", "fhir", Path.Combine(folder, "missing.json"));
        Assert.Equal(1, notThere.ExitCode);
        Assert.Contains("no such file", notThere.Output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ABadOption_IsRefusedWithAMessage()
    {
        var result = await Run("seed", "--patients", "many");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("many", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }

    private Task<(int ExitCode, string Output)> Run(params string[] args) => RunCli("Sqlite", $"Data Source={_file}", args);

    /// <summary>Runs the built command line against a database, as a user would.</summary>
    internal static Task<(int ExitCode, string Output)> RunCli(string provider, string connectionString, params string[] args) => RunCli(provider, connectionString, args, []);

    /// <summary>Starts the command line and leaves it running (a listener), its output discarded.</summary>
    internal static Process StartCli(string provider, string connectionString, params string[] args)
    {
        var start = CliStart(provider, connectionString, args, []);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task<(int ExitCode, string Output)> RunCli(string provider, string connectionString, string[] args, (string Name, string Value)[] environment)
    {
        using var process = Process.Start(CliStart(provider, connectionString, args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo CliStart(string provider, string connectionString, string[] args, (string Name, string Value)[] environment)
    {
        // This test runs from tests/HealthLinks.IntegrationTests/bin/<Configuration>/net10.0/.
        var configurationFolder = new DirectoryInfo(AppContext.BaseDirectory).Parent!;
        var root = configurationFolder.Parent!.Parent!.Parent!.Parent!.FullName;
        var configuration = configurationFolder.Name;
        var dll = Path.Combine(root, "src", "HealthLinks.Cli", "bin", configuration, "net10.0", "HealthLinks.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__HealthLinks"] = connectionString;
        start.Environment["Database__Provider"] = provider;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
