using System.CommandLine;

using HealthLinks.Data;
using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.Extensions.Configuration;

using Spectre.Console;

namespace HealthLinks.Cli;

/// <summary>`adt listen` receives hospitals' ADT messages over MLLP; `adt replay` sends files to a listener, for testing.</summary>
internal static class AdtCommands
{
    public static Command Create() => new("adt", "Hospitals' admission, discharge and transfer messages (HL7 v2 over MLLP).") { Listen(), Replay() };

    private static Command Listen()
    {
        var port = new Option<int>("--port") { Description = "The TCP port to listen on.", Required = true };
        var certificate = new Option<string?>("--certificate") { Description = "A PKCS #12 (.pfx) file: listen over TLS with it." };
        var password = new Option<string?>("--certificate-password") { Description = "The certificate file's password (or Adt__CertificatePassword)." };
        var command = new Command("listen", "Listen for ADT messages until stopped (Ctrl+C): each is stored before it is acknowledged.") { port, certificate, password };
        command.SetAction(async (parsed, ct) =>
        {
            await using var services = CliHost.Build();
            await DatabaseStartup.MigrateAsync(services, ct);
            var configuration = (IConfiguration)services.GetService(typeof(IConfiguration))!;
            var options = MllpListener.Options.From(configuration, parsed.GetValue(port)) with
            {
                CertificatePath = parsed.GetValue(certificate) ?? configuration["Adt:Certificate"],
                CertificatePassword = parsed.GetValue(password) ?? configuration["Adt:CertificatePassword"],
            };
            Console.WriteLine($"Listening for HL7 v2 messages on port {options.Port}{(options.CertificatePath is null ? "" : " over TLS")}. Ctrl+C stops.");
            await StandaloneListener.Run(services, options, ct);
            return 0;
        });
        return command;
    }

    private static Command Replay()
    {
        var path = new Argument<string>("path") { Description = "A message file, or a folder of them (*.hl7, *.txt)." };
        var to = new Option<string>("--to") { Description = "The listener, host:port.", DefaultValueFactory = _ => "127.0.0.1:2575" };
        var tls = new Option<bool>("--tls") { Description = "Connect over TLS." };
        var thumbprint = new Option<string?>("--trust-thumbprint") { Description = "Trust the listener's certificate with this SHA-1 thumbprint (a self-signed test certificate)." };
        var command = new Command("replay", "Send message files over MLLP, one after another, and print each reply.") { path, to, tls, thumbprint };
        command.SetAction(async (parsed, ct) =>
        {
            var target = parsed.GetValue(path)!;
            var files = Directory.Exists(target)
                ? Directory.GetFiles(target).Where(f => f.EndsWith(".hl7", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
                : File.Exists(target) ? [target] : [];
            if (files.Count == 0)
            {
                Console.Error.WriteLine($"No message files at {target}.");
                return 2;
            }

            var endpoint = parsed.GetValue(to)!;
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], out var port))
            {
                Console.Error.WriteLine($"--to {endpoint}: give host:port, e.g. 127.0.0.1:2575.");
                return 2;
            }

            await using var client = await MllpClient.Connect(endpoint[..colon], port, parsed.GetValue(tls), parsed.GetValue(thumbprint), ct);
            var counts = new Dictionary<string, int>();
            var lines = new List<string>();
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Sending", maxValue: files.Count);
                foreach (var file in files)
                {
                    var reply = Hl7Message.Parse(await client.Send(MllpClient.AsSent(await File.ReadAllTextAsync(file, ct)), ct));
                    var code = reply.First("MSA")?.Value(1) ?? "?";
                    counts[code] = counts.GetValueOrDefault(code) + 1;
                    var why = reply.First("ERR") is { } err ? " " + (err.Value(8) ?? reply.First("MSA")?.Value(3) ?? "") : "";
                    lines.Add($"{Path.GetFileName(file)}: {code}{why}");
                    task.Increment(1);
                }
            });
            lines.ForEach(Console.WriteLine);
            Console.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}")));
            return counts.Keys.All(k => k == "AA") ? 0 : 1;
        });
        return command;
    }
}
