using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;
using Microsoft.ML;

namespace HealthLinks.Features.Risk;

/// <summary>Scores patients with the latest trained model: a probability of becoming a top-5%-cost patient, and the features that raise it most.</summary>
public static class RiskScorer
{
    public sealed record Driver(string Feature, float Value, float Contribution);

    public sealed record PatientScore(float Probability, IReadOnlyList<Driver> Drivers);

    public sealed record ModelInfo(int Version, DateOnly TrainedAsOf, double Auc);

    private sealed class Output
    {
        public float Probability { get; set; }
    }

    /// <summary>Null when no model has been trained yet.</summary>
    public static async Task<(ModelInfo Model, Dictionary<PatientId, PatientScore> Scores)?> Score(HealthLinksDb db, IReadOnlyCollection<PatientId> patients, DateOnly asOf, CancellationToken ct)
    {
        var model = await db.RiskModels.AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (model is null)
        {
            return null;
        }

        var standardization = JsonSerializer.Deserialize<TrainRiskModel.Standardization>(model.StandardizationJson)!;
        var weights = JsonSerializer.Deserialize<TrainRiskModel.Weights>(model.WeightsJson)!;
        var ml = new MLContext();
        using var bytes = new MemoryStream(model.Model);
        var transformer = ml.Model.Load(bytes, out _);
        var engine = ml.Model.CreatePredictionEngine<TrainRiskModel.Input, Output>(transformer);
        var end = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var features = await RiskFeatures.Compute(db, patients, new RiskFeatures.Window(end.AddYears(-1), end), ct);
        var scores = features.ToDictionary(f => f.Key, f =>
        {
            var z = standardization.Apply(f.Value);
            var drivers = z.Select((v, i) => new Driver(RiskFeatures.Names[i], f.Value[i], v * weights.Values[i]))
                .Where(d => d.Contribution > 0).OrderByDescending(d => d.Contribution).Take(3).ToList();
            return new PatientScore(engine.Predict(new TrainRiskModel.Input { Features = z }).Probability, drivers);
        });
        return (new ModelInfo(model.Version, model.TrainedAsOf, model.Auc), scores);
    }
}
