using System.Runtime.CompilerServices;
using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Features.Population;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Risk;

/// <summary>
/// Scores patients with the latest trained model: a probability of becoming a top-5%-cost patient, and the features
/// that raise it most. The model is a logistic regression, so the probability is the logistic of the weighted,
/// standardized features: the same number ML.NET's prediction gives (a test checks), computed on any thread.
/// </summary>
public sealed class RiskScorer
{
    private readonly TrainRiskModel.Standardization standardization;
    private readonly TrainRiskModel.Weights weights;

    private RiskScorer(ModelInfo model, TrainRiskModel.Standardization standardization, TrainRiskModel.Weights weights) =>
        (Model, this.standardization, this.weights) = (model, standardization, weights);

    public sealed record Driver(string Feature, float Value, float Contribution);

    public sealed record PatientScore(float Probability, IReadOnlyList<Driver> Drivers);

    public sealed record ModelInfo(int Version, DateOnly TrainedAsOf, double Auc, RiskCalibration? Calibration = null)
    {
        public static ModelInfo Of(Domain.RiskModel m) => new(m.Version, m.TrainedAsOf, m.Auc, m.CalibrationJson is { Length: > 0 } json ? JsonSerializer.Deserialize<RiskCalibration>(json) : null);
    }

    public ModelInfo Model { get; }

    /// <summary>The latest model, or null when none has been trained yet.</summary>
    public static async Task<RiskScorer?> Latest(HealthLinksDb db, CancellationToken ct)
    {
        var model = await db.RiskModels.AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        return model is null ? null : new RiskScorer(
            ModelInfo.Of(model),
            JsonSerializer.Deserialize<TrainRiskModel.Standardization>(model.StandardizationJson)!,
            JsonSerializer.Deserialize<TrainRiskModel.Weights>(model.WeightsJson)!);
    }

    public PatientScore Score(ReadOnlySpan<float> features) => Score(features, withDrivers: true);

    /// <summary>Called for every patient screened: no LINQ, and the drivers only when asked for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PatientScore Score(ReadOnlySpan<float> features, bool withDrivers)
    {
        Span<float> contributions = stackalloc float[features.Length];
        var sum = weights.Bias;
        for (var i = 0; i < features.Length; i++)
        {
            var z = standardization.Deviation[i] > 0 ? (features[i] - standardization.Mean[i]) / standardization.Deviation[i] : 0;
            contributions[i] = z * weights.Values[i];
            sum += contributions[i];
        }

        var probability = (float)(1 / (1 + Math.Exp(-sum)));
        if (!withDrivers)
        {
            return new PatientScore(probability, []);
        }

        var drivers = new List<Driver>(3);
        for (var k = 0; k < 3; k++)
        {
            var best = -1;
            for (var i = 0; i < contributions.Length; i++)
            {
                if (contributions[i] > 0 && (best < 0 || contributions[i] > contributions[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            drivers.Add(new Driver(RiskFeatures.Names[best], features[best], contributions[best]));
            contributions[best] = 0;
        }

        return new PatientScore(probability, drivers);
    }
}
