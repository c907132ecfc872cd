using MathNet.Numerics.LinearAlgebra;

namespace HealthLinks.Features.Reports.Outcomes;

/// <summary>
/// The propensity score: the probability of being enrolled given the covariates, by logistic regression fitted with
/// Newton's method (iteratively reweighted least squares, MathNet.Numerics). Covariates are standardized first; a
/// small ridge keeps the fit finite when a covariate separates the groups.
/// </summary>
public sealed class Propensity
{
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly Vector<double> _beta;

    private Propensity(double[] means, double[] scales, Vector<double> beta) => (_means, _scales, _beta) = (means, scales, beta);

    public static Propensity Fit(IReadOnlyList<double[]> covariates, IReadOnlyList<bool> enrolled, double ridge = 1e-4, int maxIterations = 50)
    {
        if (covariates.Count != enrolled.Count || covariates.Count == 0)
        {
            throw new ArgumentException("one row of covariates per patient, and at least one patient");
        }

        var k = covariates[0].Length;
        var means = Enumerable.Range(0, k).Select(j => covariates.Average(x => x[j])).ToArray();
        var scales = Enumerable.Range(0, k).Select(j => Math.Sqrt(covariates.Average(x => Math.Pow(x[j] - means[j], 2))) is var s && s > 1e-12 ? s : 1).ToArray();
        var x = Matrix<double>.Build.Dense(covariates.Count, k + 1, (i, j) => j == 0 ? 1 : (covariates[i][j - 1] - means[j - 1]) / scales[j - 1]);
        var y = Vector<double>.Build.Dense(enrolled.Count, i => enrolled[i] ? 1 : 0);
        var beta = Vector<double>.Build.Dense(k + 1);
        var penalty = Matrix<double>.Build.DenseIdentity(k + 1) * ridge;
        penalty[0, 0] = 0;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var p = (x * beta).Map(Logistic);
            var w = p.Map(v => Math.Max(v * (1 - v), 1e-9));
            var gradient = (x.TransposeThisAndMultiply(y - p)) - (penalty * beta);
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * w[i])) + penalty;
            var step = hessian.Solve(gradient);
            beta += step;
            if (step.AbsoluteMaximum() < 1e-8)
            {
                break;
            }
        }

        return new Propensity(means, scales, beta);
    }

    /// <summary>The log-odds of enrollment: matching's caliper is measured on this scale.</summary>
    public double Logit(double[] covariates)
    {
        var z = _beta[0];
        for (var j = 0; j < covariates.Length; j++)
        {
            z += _beta[j + 1] * (covariates[j] - _means[j]) / _scales[j];
        }

        return z;
    }

    public double Score(double[] covariates) => Logistic(Logit(covariates));

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));
}
