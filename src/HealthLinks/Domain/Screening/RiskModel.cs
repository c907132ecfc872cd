namespace HealthLinks.Domain;

/// <summary>
/// A trained model of the risk of becoming a top-5%-cost patient in the next 12 months: the ML.NET model itself, how
/// features were standardized, its weights (to explain a score by its top drivers), and how well it did on held-out patients.
/// </summary>
public sealed class RiskModel
{
    private RiskModel()
    {
        TrainedBy = StandardizationJson = WeightsJson = "";
        Model = [];
    }

    public RiskModel(int version, DateOnly trainedAsOf, string trainedBy, DateTime trainedAt, double auc, int trainingPatients, int heldOutPatients, int positives, byte[] model, string standardizationJson, string weightsJson)
    {
        (Version, TrainedAsOf, TrainedBy, TrainedAt, Auc, TrainingPatients, HeldOutPatients, Positives) = (version, trainedAsOf, trainedBy, trainedAt, auc, trainingPatients, heldOutPatients, positives);
        (Model, StandardizationJson, WeightsJson) = (model, standardizationJson, weightsJson);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public int Version { get; private set; }

    /// <summary>Features came from the 12 months before (as-of minus 12 months); the label from the 12 months before the as-of date.</summary>
    public DateOnly TrainedAsOf { get; private set; }

    public string TrainedBy { get; private set; }

    public DateTime TrainedAt { get; private set; }

    /// <summary>Area under the ROC curve on the held-out patients.</summary>
    public double Auc { get; private set; }

    public int TrainingPatients { get; private set; }

    public int HeldOutPatients { get; private set; }

    public int Positives { get; private set; }

    public byte[] Model { get; private set; }

    public string StandardizationJson { get; private set; }

    public string WeightsJson { get; private set; }

    /// <summary>Predicted against observed on the held-out patients (Features.Risk.RiskCalibration); empty for a model trained before it was measured.</summary>
    public string CalibrationJson { get; init; } = "";
}
