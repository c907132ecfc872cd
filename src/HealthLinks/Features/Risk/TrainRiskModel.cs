using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Population;

using Microsoft.EntityFrameworkCore;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthLinks.Features.Risk;

/// <summary>
/// Trains the cost-risk model as of a date: features from the 12 months before (as-of minus 12 months), and the label
/// "in the top 5% of cost" from the 12 months before the as-of date. A logistic regression (ML.NET), so each score can
/// be explained by its drivers. A fifth of the patients is held out to measure the AUC.
/// </summary>
public static class TrainRiskModel
{
    public const double TopShare = 0.05;

    public sealed record Command(DateOnly AsOf, string By);

    public sealed record Outcome(int Version, double Auc, int TrainingPatients, int HeldOutPatients, int Positives, RiskCalibration Calibration);

    public sealed class Input
    {
        [VectorType(RiskFeatures.Length)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    public sealed record Standardization(float[] Mean, float[] Deviation)
    {
        public float[] Apply(float[] values) => values.Select((v, i) => Deviation[i] > 0 ? (v - Mean[i]) / Deviation[i] : 0).ToArray();
    }

    public sealed record Weights(float Bias, float[] Values);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PopulationCache cache, TimeProvider clock)
    {
        public async Task<Result<Outcome>> Handle(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var end = command.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var middle = command.AsOf.AddYears(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var start = command.AsOf.AddYears(-2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var featureEnd = DateOnly.FromDateTime(middle);

            // Enough history: born and alive through both windows, and seen by the health system before the label window.
            var population = await cache.Get(db, ct);
            var before = PopulationSnapshot.Minutes(middle);
            var patients = Enumerable.Range(0, population.Count)
                .Where(p => population.Born[p] < featureEnd && (population.Died[p] is not { } died || died >= command.AsOf)
                    && population.VisitsOf(p) is { Length: > 0 } visits && visits[0].Start < before)
                .ToList();
            var featureWindow = new RiskFeatures.Window(start, middle);
            var labelWindow = new RiskFeatures.Window(middle, end);
            var scratch = new RiskFeatures.Scratch();
            var features = patients.Select(p => RiskFeatures.Of(population, p, featureWindow, scratch)).ToList();
            var cost = patients.Select(p => RiskFeatures.Cost(population, p, labelWindow, scratch)).ToList();
            var positives = (int)Math.Ceiling(patients.Count * TopShare);
            var threshold = cost.OrderByDescending(c => c).Skip(positives - 1).FirstOrDefault();
            if (patients.Count < 40 || threshold <= 0)
            {
                return Result<Outcome>.Failed("AsOf", Rules.NotEnoughHistory, $"only {patients.Count} patients have two years of history before {command.AsOf:yyyy-MM-dd}, or none has any cost; the model needs at least 40");
            }

            var standardization = Standardize(features);
            var rows = features.Select((f, i) => new Input { Features = standardization.Apply(f), Label = cost[i] >= threshold }).ToList();
            var (training, heldOut) = Split(rows);
            var ml = new MLContext(seed: 20261123);
            var data = ml.Data.LoadFromEnumerable(training);
            var model = Trainer(ml, Regularization(ml, training)).Fit(data);
            var auc = ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(heldOut))).AreaUnderRocCurve;
            using var bytes = new MemoryStream();
            ml.Model.Save(model, data.Schema, bytes);
            var parameters = model.Model.SubModel;
            var weights = new Weights(parameters.Bias, parameters.Weights.ToArray());
            var prior = training.Count(r => r.Label) / (double)training.Count;
            var calibration = RiskCalibration.Measure([.. heldOut.Select(r => (Probability(weights, r.Features), r.Label))], prior);
            var version = (await db.RiskModels.MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
            db.RiskModels.Add(new RiskModel(version, command.AsOf, command.By, clock.GetUtcNow().UtcDateTime, auc, training.Count, heldOut.Count,
                rows.Count(r => r.Label), bytes.ToArray(), JsonSerializer.Serialize(standardization), JsonSerializer.Serialize(weights))
            {
                CalibrationJson = JsonSerializer.Serialize(calibration),
            });
            await db.SaveChangesAsync(ct);
            return new Outcome(version, auc, training.Count, heldOut.Count, rows.Count(r => r.Label), calibration);
        }

        /// <summary>
        /// The L2 penalty with the lowest log-loss in 3-fold cross-validation on the training patients. With few
        /// top-cost patients an unpenalized fit is over-confident (on the 600-patient demo it scored 100% for patients of
        /// whom a third were top-cost, and did worse than the prior rate); with many, a small penalty wins.
        /// </summary>
        private static float Regularization(MLContext ml, List<Input> training)
        {
            // Folds stratified by label, so each holds some top-cost patients however few there are.
            var folds = training.GroupBy(r => r.Label).SelectMany(g => g.Select((r, i) => (Fold: i % 3, Row: r))).ToList();
            return Penalties.MinBy(l2 => Enumerable.Range(0, 3).Average(k =>
            {
                var fit = Trainer(ml, l2).Fit(ml.Data.LoadFromEnumerable(folds.Where(f => f.Fold != k).Select(f => f.Row))).Model.SubModel;
                var weights = new Weights(fit.Bias, fit.Weights.ToArray());
                return folds.Where(f => f.Fold == k).Average(f => LogLoss(Probability(weights, f.Row.Features), f.Row.Label));
            }));
        }

        private static double LogLoss(double p, bool label) => -Math.Log(Math.Clamp(label ? p : 1 - p, 1e-9, 1));

        private static readonly float[] Penalties = [1, 5, 20, 50];

        private static Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer Trainer(MLContext ml, float l2) =>
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = l2, L1Regularization = 1 });

        /// <summary>The logistic of the weighted standardized features: what ML.NET predicts, and what <see cref="RiskScorer"/> computes.</summary>
        private static double Probability(Weights weights, float[] standardized) =>
            1 / (1 + Math.Exp(-(weights.Bias + standardized.Select((z, i) => (double)z * weights.Values[i]).Sum())));

        /// <summary>A fifth of each class held out (at least one of each), so even a small population is measured on both.</summary>
        private static (List<Input> Training, List<Input> HeldOut) Split(List<Input> rows)
        {
            var random = new Random(7);
            var training = new List<Input>();
            var heldOut = new List<Input>();
            foreach (var group in rows.GroupBy(r => r.Label))
            {
                var shuffled = group.OrderBy(_ => random.Next()).ToList();
                var take = Math.Max(1, shuffled.Count / 5);
                heldOut.AddRange(shuffled.Take(take));
                training.AddRange(shuffled.Skip(take));
            }

            return (training, heldOut);
        }

        private static Standardization Standardize(IEnumerable<float[]> rows)
        {
            var all = rows.ToList();
            var mean = new float[RiskFeatures.Length];
            var deviation = new float[RiskFeatures.Length];
            for (var i = 0; i < RiskFeatures.Length; i++)
            {
                var m = all.Average(r => r[i]);
                mean[i] = m;
                deviation[i] = (float)Math.Sqrt(all.Average(r => (r[i] - m) * (r[i] - m)));
            }

            return new Standardization(mean, deviation);
        }
    }
}
