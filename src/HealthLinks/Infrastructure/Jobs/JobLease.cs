namespace HealthLinks.Infrastructure.Jobs;

/// <summary>
/// Who runs a timed job until when. With several web nodes on one database, the node holding the lease runs the
/// job and the others skip it; when that node stops, the lease runs out and another takes it.
/// </summary>
public sealed class JobLease
{
    private JobLease()
    {
        Name = Holder = "";
    }

    public JobLease(string name, string holder, DateTime until) => (Name, Holder, Until) = (name, holder, until);

    public string Name { get; private set; }

    public string Holder { get; private set; }

    public DateTime Until { get; private set; }
}
